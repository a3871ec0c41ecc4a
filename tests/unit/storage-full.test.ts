// Node (vitest, fake-indexeddb). When the disk fills up (IndexedDB's QuotaExceededError), an
// act and its log entry fail together with a Chinese message saying what to do, and nothing
// already stored is lost or damaged: the chain still verifies, and once space is freed the
// log goes on from where it was.
import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';
import { verifyChain } from '../../shared/log/verify';
import { openConsoleDb } from '../../renderer/src/data/db';
import { appendLog } from '../../renderer/src/log/repository';
import { loadDemoOperation } from '../../renderer/src/operation/repository';
import { addAftercareTask } from '../../renderer/src/report/repository';
import { errorText } from '../../renderer/src/ui/errors';

// The report repository also renders PDFs; their fonts are page URLs, not needed here.
vi.mock('../../renderer/src/documents/fonts', () => ({ documentFonts: { regular: '', bold: '' } }));

describe('storage running out', () => {
  it('refuses the act and its entry together, says what to do, and loses nothing', async () => {
    const db = openConsoleDb('storage-full');
    let full = false;
    // Every write fails while `full`, as IndexedDB does when the disk has no room left.
    db.use({
      stack: 'dbcore',
      name: 'disk-full',
      create: (down) => ({
        ...down,
        table: (name) => {
          const table = down.table(name);
          return { ...table, mutate: (req) => (full ? Promise.reject(new DOMException('quota', 'QuotaExceededError')) : table.mutate(req)) };
        },
      }),
    });
    const operationId = await loadDemoOperation(db);
    for (let i = 1; i <= 5; i++) await appendLog(db, { operationId, operator: '陈志远', category: 'note', text: `第${i}条` });
    const before = await db.logEntries.where('operationId').equals(operationId).sortBy('seq');
    const tasksBefore = await db.tasks.count();

    full = true;
    const failure = await addAftercareTask(db, operationId, { personId: 'p-chen', name: '陈志远' }, { kind: 'utilities', title: '周转房接通水电', owner: '王强', dueOn: '2026-12-10' }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(failure).not.toBeNull();
    expect(errorText(failure)).toBe('本机存储空间已满，未能保存。已保存的数据不受影响；请清理磁盘空间后重试。');

    full = false;
    const after = await db.logEntries.where('operationId').equals(operationId).sortBy('seq');
    expect(after).toEqual(before);
    expect(await db.tasks.count()).toBe(tasksBefore);
    expect(verifyChain(after, operationId).ok).toBe(true);

    // Space freed: the same act succeeds and the chain continues from the last stored entry.
    expect(await addAftercareTask(db, operationId, { personId: 'p-chen', name: '陈志远' }, { kind: 'utilities', title: '周转房接通水电', owner: '王强', dueOn: '2026-12-10' })).toMatchObject({ ok: true });
    const resumed = await db.logEntries.where('operationId').equals(operationId).sortBy('seq');
    expect(resumed).toHaveLength(before.length + 1);
    expect(verifyChain(resumed, operationId).ok).toBe(true);
  });
});
