import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openConsoleDb, type ConsoleDb } from '../../renderer/src/data/db';
import {
  addItem,
  addRoom,
  inventoryRecords,
  renameRoom,
  saveAttendance,
  setDestination,
  updateItem,
  withdrawItem,
} from '../../renderer/src/inventory/repository';
import { listLog, verifyLog } from '../../renderer/src/log/repository';
import { closeStations } from '../../renderer/src/record/projection';
import { StationStore } from '../../renderer/src/stations/store';
import { loadDemoOperation } from '../../renderer/src/operation/repository';
import { inventoryListData } from '../../shared/documents/inventoryList';
import type { Actor } from '../../shared/operators/permissions';

let db: ConsoleDb;
let n = 0;
afterEach(async () => {
  vi.restoreAllMocks();
  await closeStations();
  await db?.delete();
});

/** Who records: 杨帆 of the demo's evidence group, signed in. */
let clerk: Actor;

async function setUp() {
  db = openConsoleDb(`inventory-${++n}`);
  const op = await loadDemoOperation(db, new Date('2026-11-23T02:00:00Z'));
  const yang = (await db.people.where('operationId').equals(op).toArray()).find((p) => p.name === '杨帆')!;
  clerk = { personId: yang.id, name: yang.name };
  return op;
}

const ok = (r: { ok: boolean; id?: string; errors?: unknown }) => {
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.id!;
};

const entries = (id: string) => listLog(db, id);

describe('inventory repository', () => {
  it('refuses anyone outside the evidence group and the command, writing nothing', async () => {
    const op = await setUp();
    const zhao = (await db.people.where('operationId').equals(op).toArray()).find((p) => p.name === '赵刚')!;
    const before = (await entries(op)).length;
    await expect(addRoom(db, { personId: zhao.id, name: zhao.name }, op, { name: '客厅' })).rejects.toThrow(
      '只有证据保全组成员（或现场执行指挥、副指挥）可以登记清点物品；赵刚不在证据保全组',
    );
    await expect(addRoom(db, undefined, op, { name: '客厅' })).rejects.toThrow(/请先登录/);
    expect(await db.inventoryRooms.where('operationId').equals(op).count()).toBe(0);
    expect((await entries(op)).length).toBe(before);
  });

  it('writes every change with a log entry in the same transaction, and the chain verifies', async () => {
    const op = await setUp();
    const before = (await entries(op)).length;
    const room = ok(await addRoom(db, clerk, op, { name: '客厅' }));
    expect(await addRoom(db, clerk, op, { name: '客厅' })).toEqual({ ok: false, errors: { name: '已有名为“客厅”的房间' } });
    ok(await saveAttendance(db, clerk, op, {
      notaryInstitution: '滨江市公证处',
      notaryNames: ['王明'],
      witnesses: [{ name: '黄敏', idNumber: '110101198001013023', unit: '柳巷社区' }, { name: '周海', idNumber: '', unit: '街道办' }],
      groupLeader: '刘强',
    }));
    const tv = ok(await addItem(db, clerk, op, { roomId: room, tag: '1-001', name: '电视机', quantity: 1, unit: '台', condition: '完好' }));
    expect(await addItem(db, clerk, op, { roomId: room, tag: '1-001', name: '沙发', quantity: 1, unit: '套' })).toEqual({
      ok: false,
      errors: { tag: '标签号 1-001 已被使用，请换一个' },
    });
    const sofa = ok(await addItem(db, clerk, op, { roomId: room, tag: '1-002', name: '沙发', quantity: 1, unit: '套' }));
    ok(await updateItem(db, clerk, sofa, { roomId: room, tag: '1-002', name: '沙发', quantity: 2, unit: '套', condition: '扶手破损' }, []));
    ok(await setDestination(db, clerk, op, [tv, sofa], { kind: 'interimHousing', address: '柳巷周转房3号楼201' }));
    expect(await withdrawItem(db, clerk, sofa, ' ')).toEqual({ ok: false, errors: { reason: '请写明撤销登记的原因（如 重复登记、登记错误）' } });
    ok(await withdrawItem(db, clerk, sofa, '重复登记'));
    ok(await renameRoom(db, clerk, room, { name: '大客厅' }));

    const log = (await entries(op)).slice(before);
    expect(log.map((e) => e.text)).toEqual([
      '清登房间：新增第 1 间“客厅”',
      '清登到场人员登记：公证机构 滨江市公证处，公证员 王明；见证人 黄敏（110101********3023，柳巷社区）、周海（街道办）；清登组负责人 刘强',
      '清登物品：1-001 电视机 1 台（客厅），完好',
      '清登物品：1-002 沙发 1 套（客厅）',
      '更正物品 1-002 沙发：数量 1→2；状况 （空）→扶手破损',
      '物品去向：1-001、1-002 共 2 项运往周转房（柳巷周转房3号楼201）',
      '撤销物品登记：1-002 沙发 2 套（客厅），原因：重复登记',
      '清登房间：“客厅”更名为“大客厅”',
    ]);
    expect(log.every((e) => e.category === 'inventory' && e.group === 'inventory')).toBe(true);
    expect(log[2]!.refs).toEqual({ inventoryItems: [tv] });
    expect(log.every((e) => e.operator === '杨帆')).toBe(true);
    expect((await verifyLog(db, op)).verdict.ok).toBe(true);

    // The withdrawn item is kept, with its reason, but not printed.
    expect(await db.inventoryItems.get(sofa)).toMatchObject({ status: 'withdrawn', withdrawnReason: '重复登记', quantity: 2 });
    const records = await inventoryRecords(db, op);
    const list = inventoryListData(records, '2026-12-08T12:00:00.000+08:00');
    expect(list.ok && list.data.sections.map((s) => s.rows.map((r) => r[3]))).toEqual([['电视机']]);
    const last = (await entries(op)).at(-1)!;
    expect(list.ok && list.data.chainHead).toEqual({ seq: last.seq, hash: last.hash, writer: last.writer });
  });

  it('writes nothing when the log entry cannot be written', async () => {
    const op = await setUp();
    const room = ok(await addRoom(db, clerk, op, { name: '客厅' }));
    const count = await db.inventoryItems.count();
    const log = await entries(op);
    // The station's store refuses the signed entry (format 2: the entry is stored first): the item must not be written.
    vi.spyOn(StationStore.prototype, 'append').mockRejectedValueOnce(new Error('日志写入失败'));
    await expect(addItem(db, clerk, op, { roomId: room, tag: '1-001', name: '电视机', quantity: 1, unit: '台' })).rejects.toThrow('日志写入失败');
    expect(await db.inventoryItems.count()).toBe(count);
    expect(await entries(op)).toEqual(log);
  });
});
