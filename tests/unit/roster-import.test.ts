import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { buildRosterPlan, validateRoster, type RosterPlan } from '../../shared/commandPost/roster';
import { guessMapping } from '../../shared/commandPost/rosterColumns';
import { importRoster, loadRoster } from '../../renderer/src/commandPost/roster/importRoster';
import { readRosterFile } from '../../renderer/src/commandPost/roster/readRosterFile';
import { openConsoleDb, type ConsoleDb } from '../../renderer/src/data/db';
import { listLog } from '../../renderer/src/log/repository';
import { loadDemoOperation } from '../../renderer/src/operation/repository';
import { commanderOf } from '../fixtures/demoActors';
import { encodeGbk, makeRosterRows, rosterHeader, toCsv } from '../fixtures/rosterFixtures';
import { closeStations } from '../../renderer/src/record/projection';
import { put } from '../../shared/record/act';
import { commitRecords } from './records-helpers';

let db: ConsoleDb;
let n = 0;
afterEach(async () => {
  await closeStations();
  await db?.delete();
});

async function freshOperation(): Promise<string> {
  db = openConsoleDb(`roster-import-${++n}`);
  return loadDemoOperation(db, new Date('2026-11-23T02:00:00Z'));
}

/** The demo may come with a roster of its own: tests look at what the import changed. */
const counts = async () => ({ units: await db.memberUnits.count(), people: await db.people.count() });

const plan = (operationId: string, personIds: string[]): RosterPlan => ({
  memberUnits: [{ id: 'unit-new', operationId, name: '区信访办', role: '' }],
  people: personIds.map((id, i) => ({
    id,
    operationId,
    memberUnitId: 'unit-new',
    name: `人员${i}`,
    post: '',
    phone: '',
    badgeNumber: '',
  })),
});

describe('importRoster', () => {
  it('writes the new units and the people together, as one logged act of the signed-in commander', async () => {
    const operationId = await freshOperation();
    const chen = await commanderOf(db, operationId);
    await expect(importRoster(db, operationId, plan(operationId, ['p1']), undefined)).rejects.toThrow('请先登录');
    const before = await counts();
    await importRoster(db, operationId, plan(operationId, ['p1', 'p2']), chen);
    expect(await counts()).toEqual({ units: before.units + 1, people: before.people + 2 });
    expect((await db.memberUnits.get('unit-new'))?.name).toBe('区信访办');
    expect((await db.people.bulkGet(['p1', 'p2'])).map((p) => p?.memberUnitId)).toEqual(['unit-new', 'unit-new']);
    expect((await listLog(db, operationId)).at(-1)).toMatchObject({ operator: '陈志远', category: 'edit', text: '导入名单：新增成员单位 1 个（区信访办）、人员 2 名' });
  });

  it('refuses a plan whose records repeat an id, writing nothing', async () => {
    const operationId = await freshOperation();
    const before = await counts();
    const chen = await commanderOf(db, operationId);
    await expect(importRoster(db, operationId, plan(operationId, ['p1', 'p1']), chen)).rejects.toThrow('名单中的记录编号重复，未导入');
    expect(await counts()).toEqual(before);
  });

  it('refuses a plan for another operation, a missing operation, and a unit added since the check', async () => {
    const operationId = await freshOperation();
    const chen = await commanderOf(db, operationId);
    const before = await counts();
    await expect(importRoster(db, operationId, plan('other', ['p1']), chen)).rejects.toThrow('导入的名单不属于当前行动，未导入');
    await expect(importRoster(db, 'gone', plan('gone', ['p1']), chen)).rejects.toThrow('找不到该行动，可能已被删除');
    // Added since the check by another act (another window of this station).
    await commitRecords(db, operationId, '测试准备：另一窗口新增成员单位', [put('memberUnits', { id: 'u0', operationId, name: '区 信访办', role: '' })]);
    await expect(importRoster(db, operationId, plan(operationId, ['p1']), chen)).rejects.toThrow(
      '成员单位“区信访办”刚刚已被添加；请重新选择文件后再导入',
    );
    expect(await counts()).toEqual({ units: before.units + 1, people: before.people });
  });

  it('imports a GBK CSV end to end, and finds everyone already there when the same file comes again', async () => {
    const operationId = await freshOperation();
    const chen = await commanderOf(db, operationId);
    const before = await counts();
    const csv = encodeGbk(toCsv([rosterHeader, ...makeRosterRows(100)]));
    const importOnce = async () => {
      const table = await readRosterFile(new File([csv], '名单.csv'));
      const existing = await loadRoster(db, operationId);
      const checked = validateRoster(table, guessMapping(table.header), existing);
      const records = buildRosterPlan(checked.valid, existing.memberUnits, operationId, () => crypto.randomUUID());
      await importRoster(db, operationId, records, chen);
      return checked;
    };
    const first = await importOnce();
    expect(first.valid).toHaveLength(90);
    expect(await counts()).toEqual({ units: before.units + 6, people: before.people + 90 });

    const second = await importOnce();
    expect(second.valid).toHaveLength(0);
    // The 90 imported people, plus the file's two in-file duplicates of them.
    expect(second.errors.filter((e) => e.message.startsWith('本行动的人员名单中已有此人'))).toHaveLength(92);
    expect(await counts()).toEqual({ units: before.units + 6, people: before.people + 90 });
  });
});
