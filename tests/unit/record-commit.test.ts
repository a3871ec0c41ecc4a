import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openConsoleDb, type ConsoleDb } from '../../renderer/src/data/db';
import { listLog, verifyLog } from '../../renderer/src/log/repository';
import { commit } from '../../renderer/src/record/commit';
import { closeStations } from '../../renderer/src/record/projection';
import { configureStation } from '../../renderer/src/stations/local';
import { applyChanges, emptyRecordSet, put, remove, type ActOutcome } from '../../shared/record/act';
import { demoSigner } from '../../shared/stations/signer';
import { minimalOperation } from './records-helpers';


let db: ConsoleDb;
let n = 0;
beforeEach(() => configureStation({ signer: async () => demoSigner('record-commit') }));
afterEach(async () => {
  await closeStations();
  await db?.delete();
});
const acts = async () => (await listLog(db, 'op')).filter((e) => e.category !== 'roster');

const commander = { personId: 'p1', name: '王指挥' };
const clerk = { personId: 'p2', name: '李文书' };

async function setup(): Promise<void> {
  db = openConsoleDb(`commit-${++n}`);
  const now = '2026-03-05T09:00:00.000+08:00';
  await db.operations.add(minimalOperation('op', now));
}

const note = (text: string): ActOutcome => ({ entry: { category: 'note', text }, changes: [], result: undefined });

describe('the one write path', () => {
  it('stores the entry and applies the changes together, naming the signed-in person', async () => {
    await setup();
    const { entry, result } = await commit(db, {
      operationId: 'op',
      actor: commander,
      action: { kind: 'log', group: '' },
      build: async () => ({
        entry: { category: 'note', text: '新增成员单位', group: 'security' },
        changes: [put('memberUnits', { id: 'u1', operationId: 'op', name: '某公安分局', role: '', position: 0 })],
        result: 'u1',
      }),
    });
    expect(result).toBe('u1');
    // The operation's first entry on this station is its genesis (seq 1), carrying the operation as it stood; the act follows.
    expect(entry).toMatchObject({ seq: 2, operator: '王指挥', group: 'security', text: '新增成员单位', writer: demoSigner('record-commit').publicKey });
    expect(await db.memberUnits.get('u1')).toMatchObject({ name: '某公安分局' });
    expect((await verifyLog(db, 'op')).verdict.ok).toBe(true);
  });

  it('refuses, writing nothing, when the person may not act or the act is refused', async () => {
    await setup();
    await expect(
      commit(db, { operationId: 'op', actor: clerk, action: { kind: 'issueDocument' }, build: async () => note('x') }),
    ).rejects.toThrow('只有现场执行指挥或其指定的副指挥可以签发文书');
    await expect(
      commit(db, {
        operationId: 'op',
        actor: commander,
        action: { kind: 'log', group: '' },
        build: async () => {
          throw new Error('已宣布执行完毕');
        },
      }),
    ).rejects.toThrow('已宣布执行完毕');
    expect(await listLog(db, 'op')).toEqual([]);
    await expect(
      commit(db, { operationId: 'op', actor: commander, action: { kind: 'log', group: '' }, build: async () => note('   ') }),
    ).rejects.toThrow('请填写记录内容');
    expect(await listLog(db, 'op')).toEqual([]);
  });

  it('a change a unique index would refuse is refused before anything is signed', async () => {
    await setup();
    await commit(db, {
      operationId: 'op',
      actor: commander,
      action: { kind: 'log', group: '' },
      build: async () => ({
        entry: { category: 'note', text: 'a' },
        changes: [put('tasks', { id: 't1', operationId: 'op' }), put('documents', { id: 'd1', operationId: 'op', kind: 'notice', number: '某强执告〔2026〕1号' })],
        result: undefined,
      }),
    });
    // A second document with a number already taken would break the unique index: refused, no entry signed.
    await expect(
      commit(db, {
        operationId: 'op',
        actor: commander,
        action: { kind: 'log', group: '' },
        build: async () => ({
          entry: { category: 'note', text: 'b' },
          changes: [remove('tasks', 't1'), put('documents', { id: 'd2', operationId: 'op', kind: 'notice', number: '某强执告〔2026〕1号' })],
          result: undefined,
        }),
      }),
    ).rejects.toThrow('未保存：文书中已有文号相同的记录（某强执告〔2026〕1号，记录 d1）');
    expect((await acts()).map((e) => e.text)).toEqual(['a']);
    expect(await db.tasks.get('t1')).toBeDefined();
  });

  it('holds the operation: acts that read then write never interleave', async () => {
    await setup();
    // Each act reads the count of tasks and adds the next one; interleaved, two would read the same count.
    const addNext = () =>
      commit(db, {
        operationId: 'op',
        actor: commander,
        action: { kind: 'log', group: '' },
        build: async (read) => {
          const count = await read.tasks.where('operationId').equals('op').count();
          await new Promise((r) => setTimeout(r, 5));
          return { entry: { category: 'note', text: `任务 ${count + 1}` }, changes: [put('tasks', { id: `t${count + 1}`, operationId: 'op' })], result: count + 1 };
        },
      });
    const results = await Promise.all([addNext(), addNext(), addNext(), addNext()]);
    expect(results.map((r) => r.result).sort()).toEqual([1, 2, 3, 4]);
    expect(await db.tasks.count()).toBe(4);
  });

  it('applyChanges gives the records in memory the same changes in order', () => {
    const records = applyChanges(emptyRecordSet(), [
      put('tasks', { id: 't1', title: 'a' }),
      put('tasks', { id: 't1', title: 'b' }),
      put('tasks', { id: 't2', title: 'c' }),
      remove('tasks', 't2'),
    ]);
    expect([...records.tasks.values()]).toEqual([{ id: 't1', title: 'b' }]);
  });
});
