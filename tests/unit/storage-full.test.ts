// Node (vitest, fake-indexeddb). When the disk fills up (IndexedDB's QuotaExceededError), an
// act and its log entry fail together with a Chinese message saying what to do, and nothing
// already stored is lost or damaged: the log still verifies, and once space is freed the log
// goes on from where it was. Both stores sit on the same disk: the station's signed entries
// (PouchDB, stored first) and the records (Dexie).
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openConsoleDb } from '../../renderer/src/data/db';
import { listLog, verifyLog } from '../../renderer/src/log/repository';
import { loadDemoOperation } from '../../renderer/src/operation/repository';
import { closeStations } from '../../renderer/src/record/projection';
import { addAftercareTask } from '../../renderer/src/report/repository';
import { configureStation } from '../../renderer/src/stations/local';
import type { PouchDatabase } from '../../renderer/src/stations/pouch';
import { errorText } from '../../renderer/src/ui/errors';
import PouchDB from './pouch-memory';

// The report repository also renders PDFs; their fonts are page URLs, not needed here.
vi.mock('../../renderer/src/documents/fonts', () => ({ documentFonts: { regular: '', bold: '' } }));

const db = openConsoleDb('storage-full');
afterEach(async () => {
  await closeStations();
  await configureStation({});
  await db.delete();
});

describe('storage running out', () => {
  it('refuses the act and its entry together, says what to do, and loses nothing', async () => {
    let full = false;
    const quota = () => Promise.reject(new DOMException('quota', 'QuotaExceededError'));
    // Every write fails while `full`, as IndexedDB does when the disk has no room left.
    db.use({
      stack: 'dbcore',
      name: 'disk-full',
      create: (down) => ({
        ...down,
        table: (name) => {
          const table = down.table(name);
          return { ...table, mutate: (req) => (full ? quota() : table.mutate(req)) };
        },
      }),
    });
    await configureStation({
      database: (name) => {
        const pouch = new PouchDB(name) as unknown as PouchDatabase;
        const bulkDocs = pouch.bulkDocs.bind(pouch);
        pouch.bulkDocs = (...args) => (full ? quota() : bulkDocs(...args));
        return pouch;
      },
    });
    const operationId = await loadDemoOperation(db);
    const chen = { personId: 'p-chen', name: '陈志远' };
    const task = (title: string) => addAftercareTask(db, operationId, chen, { kind: 'utilities', title, owner: '王强', dueOn: '2026-12-10' });
    for (let i = 1; i <= 3; i++) await task(`第${i}项`);
    const before = await listLog(db, operationId);
    const tasksBefore = await db.tasks.count();

    full = true;
    const failure = await task('周转房接通水电').then(
      () => null,
      (e: unknown) => e,
    );
    expect(failure).not.toBeNull();
    expect(errorText(failure)).toBe('本机存储空间已满，未能保存。已保存的数据不受影响；请清理磁盘空间后重试。');

    full = false;
    expect(await listLog(db, operationId)).toEqual(before);
    expect(await db.tasks.count()).toBe(tasksBefore);
    expect((await verifyLog(db, operationId)).verdict.ok).toBe(true);

    // Space freed: the same act succeeds and the log continues from the last stored entry.
    expect(await task('周转房接通水电')).toMatchObject({ ok: true });
    const resumed = await listLog(db, operationId);
    expect(resumed).toHaveLength(before.length + 1);
    expect(resumed.at(-1)).toMatchObject({ seq: before.at(-1)!.seq + 1, text: expect.stringContaining('周转房接通水电') });
    expect((await verifyLog(db, operationId)).verdict.ok).toBe(true);
  });
});
