// Node (Vitest support). The console's gates read the clock and the records: each test runs at
// 09:30 on Tuesday 8 December 2026 (unless it moves the clock), and seedStart stores what a
// lawful start that day needs (tests/fixtures/startRecords.ts).
import { afterEach, beforeEach, vi } from 'vitest';
import type { ConsoleDb } from '../../renderer/src/data/db';
import { hasStore } from '../../renderer/src/stations/local';
import { put } from '../../shared/record/act';
import type { Operation, Subject } from '../../shared/operation/types';
import { commitRecords } from './records-helpers';
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

/**
 * Stores the final plan, the served 告知书 and the posted 公告 for a start on 8 December, with
 * the operation as given. Before the operation's first act they are written as they stand (its
 * genesis entry carries them as its baseline); after it, only an act may write records (the
 * station's record check removes records no entry supports), so they are committed as one.
 */
export async function seedStart(db: ConsoleDb, operation: Operation, subjects: readonly Subject[], opts: StartRecordOptions = {}): Promise<void> {
  const records = startRecords(operation, subjects, undefined, opts);
  if (await hasStore(db, operation.id)) {
    const changes = [
      put('operations', operation),
      put('plans', records.plan),
      ...records.documents.map((d) => put('documents', d)),
      ...records.services.map((r) => put('services', r)),
      ...records.postings.map((r) => put('postings', r)),
    ];
    return commitRecords(db, operation.id, '测试准备：定稿预案、告知书送达、公告张贴', changes);
  }
  await db.operations.put(operation);
  await db.plans.add(records.plan);
  await db.documents.bulkAdd(records.documents);
  await db.services.bulkAdd(records.services);
  await db.postings.bulkAdd(records.postings);
}
