// Node (Vitest support). The console's gates read the clock and the records: each test runs at
// 09:30 on Tuesday 8 December 2026 (unless it moves the clock), and seedStart stores what a
// lawful start that day needs (tests/fixtures/startRecords.ts).
import { afterEach, beforeEach, vi } from 'vitest';
import type { ConsoleDb } from '../../renderer/src/data/db';
import type { Operation, Subject } from '../../shared/operation/types';
import { START_TIME, startRecords, type StartRecordOptions } from '../fixtures/startRecords';

/** Fixes Date at START_TIME around each test; `cleanup` runs after it (deleting its database). */
export function atStartTime(cleanup: () => Promise<unknown> | undefined) {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(START_TIME);
  });
  afterEach(async () => {
    vi.useRealTimers();
    await cleanup();
  });
}

/** Stores the final plan, the served 告知书 and the posted 公告 for a start on 8 December. */
export async function seedStart(db: ConsoleDb, operation: Operation, subjects: readonly Subject[], opts: StartRecordOptions = {}): Promise<void> {
  const records = startRecords(operation, subjects, undefined, opts);
  await db.plans.add(records.plan);
  await db.documents.bulkAdd(records.documents);
  await db.services.bulkAdd(records.services);
  await db.postings.bulkAdd(records.postings);
}
