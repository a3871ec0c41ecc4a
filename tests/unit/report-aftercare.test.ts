import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openConsoleDb, type ConsoleDb } from '../../renderer/src/data/db';
import type { Operation } from '../../shared/operation/types';
import { appendLog, listLog, verifyLog } from '../../renderer/src/log/repository';
import { closeStations } from '../../renderer/src/record/projection';
import { addAftercareTask, completeAftercareTask, completionEntries, listAftercare, saveSettlement } from '../../renderer/src/report/repository';
import {
  aftercareTaskInputSchema,
  openTasks,
  parseInput,
  settlementId,
  settlementInputSchema,
  sortedTasks,
  type AftercareTask,
} from '../../shared/report/aftercare';

// The documents repository (reached through the on-site acts) loads PDF fonts from the page; not needed here.
vi.mock('../../renderer/src/documents/fonts', () => ({ documentFonts: { regular: '', bold: '' } }));

const task = (over: Partial<AftercareTask>): AftercareTask => ({
  id: 't',
  operationId: 'op',
  record: 'task',
  groupId: '',
  kind: 'followUp',
  title: '回访',
  owner: '李明',
  dueOn: '2026-03-10',
  status: 'open',
  doneOn: '',
  note: '',
  createdAt: '2026-03-05T10:00:00.000+08:00',
  updatedAt: '2026-03-05T10:00:00.000+08:00',
  ...over,
});

describe('aftercare input and order', () => {
  it('every missing field gets its Chinese message', () => {
    const r = parseInput(aftercareTaskInputSchema, { kind: 'x', title: ' ', owner: '', dueOn: '' });
    expect(r).toEqual({ ok: false, errors: { kind: '请选择善后事项类别', title: '请填写事项', owner: '请填写责任人', dueOn: '请选择完成期限' } });
    expect(parseInput(settlementInputSchema, { reachedOn: '2026-02-30', parties: '甲', summary: '乙' })).toEqual({
      ok: false,
      errors: { reachedOn: '请选择达成日期' },
    });
  });

  it('open tasks by due date first, then done ones latest first; the settlement is not a task', () => {
    const records = [
      task({ id: 'd1', status: 'done', doneOn: '2026-03-06' }),
      task({ id: 'o2', dueOn: '2026-03-20' }),
      task({ id: 'd2', status: 'done', doneOn: '2026-03-08' }),
      task({ id: 'o1', dueOn: '2026-03-09' }),
      { id: settlementId('op'), operationId: 'op', record: 'settlement' as const, groupId: '' as const, reachedOn: '2026-03-06', parties: '甲乙', summary: '和解', createdAt: '', updatedAt: '' },
    ];
    expect(sortedTasks(records).map((t) => t.id)).toEqual(['o1', 'o2', 'd2', 'd1']);
    expect(openTasks(records).map((t) => t.id)).toEqual(['o1', 'o2']);
  });
});

let db: ConsoleDb;
let n = 0;
afterEach(async () => {
  await closeStations();
  await db?.delete();
});

describe('aftercare in the database', () => {
  const actor = { personId: 'p1', name: '陈志远' };

  it('add, complete and the settlement are each one act with a note entry (data.aftercare) in a valid chain', async () => {
    db = openConsoleDb(`aftercare-${++n}`);
    expect(await addAftercareTask(db, 'op', actor, { kind: 'utilities', title: '', owner: '', dueOn: '' })).toMatchObject({ ok: false });
    await expect(addAftercareTask(db, 'op', undefined, { kind: 'utilities', title: '接通水电', owner: '王强', dueOn: '2026-03-08' })).rejects.toThrow('请先登录');
    expect(await listLog(db, 'op')).toHaveLength(0);

    expect(await addAftercareTask(db, 'op', actor, { kind: 'utilities', title: '周转房接通水电', owner: '王强', groupId: 'logistics', dueOn: '2026-03-08' })).toMatchObject({ ok: true });
    const [added] = await listAftercare(db, 'op');
    expect(added).toMatchObject({ record: 'task', status: 'open', groupId: 'logistics', title: '周转房接通水电' });
    expect(await completeAftercareTask(db, 'op', actor, added!.id, { doneOn: '2000-01-01', note: '已通' })).toEqual({
      ok: false,
      errors: { doneOn: '完成日期不能早于事项登记日期' },
    });
    expect(await completeAftercareTask(db, 'op', actor, added!.id, { doneOn: added!.createdAt.slice(0, 10), note: '水电已通，钥匙已交付' })).toMatchObject({ ok: true });
    await expect(completeAftercareTask(db, 'op', actor, added!.id, { doneOn: added!.createdAt.slice(0, 10), note: '再次' })).rejects.toThrow('该善后事项已完成');

    await saveSettlement(db, 'op', actor, { reachedOn: '2026-03-06', parties: '某区人民政府、张三', summary: '分期搬迁' });
    await saveSettlement(db, 'op', actor, { reachedOn: '2026-03-06', parties: '某区人民政府、张三', summary: '分期搬迁，三月底前完成' });
    const records = await listAftercare(db, 'op');
    expect(records).toHaveLength(2);
    expect(records.find((r) => r.record === 'settlement')).toMatchObject({ summary: '分期搬迁，三月底前完成' });

    // Format 2: the operation's first act opens its station record with the genesis (roster) entry.
    const [genesis, ...entries] = await listLog(db, 'op');
    expect(genesis?.category).toBe('roster');
    expect(entries.map((e) => [e.category, e.data?.aftercare, e.text.slice(0, 9)])).toEqual([
      ['note', true, '善后事项登记（周转'],
      ['note', true, '善后事项完成：周转'],
      ['note', true, '记录执行和解协议：'],
      ['note', true, '更正执行和解协议：'],
    ]);
    expect(entries[0]!.group).toBe('logistics');
    expect(entries[0]!.operator).toBe('陈志远');
    expect((await verifyLog(db, 'op')).verdict.ok).toBe(true);
  });

  it('completionEntries finds 宣布执行完毕 behind later notes, and nothing before it', async () => {
    db = openConsoleDb(`aftercare-${++n}`);
    await db.operations.put({ id: 'op', onSiteCommanderId: 'p1' } as Operation);
    // The phases as the console logs them (its gates are tested in onSite-repository.test.ts).
    const phase = (p: string) => appendLog(db, { operationId: 'op', operator: actor.name, group: '', category: 'phase', text: p, data: { phase: p } });
    await phase('start');
    expect(await completionEntries(db, 'op')).toEqual([]);
    await phase('complete');
    await addAftercareTask(db, 'op', actor, { kind: 'followUp', title: '回访', owner: '李明', dueOn: '2026-03-08' });
    const found = await completionEntries(db, 'op');
    expect(found.map((e) => [e.seq, e.data?.phase])).toEqual([[2, 'complete']]);
  });
});
