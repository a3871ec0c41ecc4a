// DOM. Form drafts in the database, so typed input survives a reload or a crash.
import { chinaInstant } from '../../../shared/calendar/chinaTime';
import type { ConsoleDb } from './db';

export async function saveDraft(db: ConsoleDb, key: string, value: unknown): Promise<void> {
  await db.drafts.put({ key, value, savedAt: chinaInstant(new Date()) });
}

export async function readDraft(db: ConsoleDb, key: string): Promise<unknown> {
  return (await db.drafts.get(key))?.value;
}

export async function clearDraft(db: ConsoleDb, key: string): Promise<void> {
  await db.drafts.delete(key);
}
