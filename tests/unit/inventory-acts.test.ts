// The inventory's acts decided as the demo decides them: pure functions over records in memory.
import { describe, expect, it } from 'vitest';
import {
  decideAddItem,
  decideAddRoom,
  decideAttendance,
  decideDestination,
  decideNotaryCertificate,
  decideRenameRoom,
  decideUpdateItem,
  decideWithdrawal,
} from '../../shared/inventory/acts';
import type { ItemInput } from '../../shared/inventory/inventory';
import type { InventoryAttendanceRecord, InventoryItemRecord, InventoryRoomRecord } from '../../shared/inventory/types';
import type { RecordChange } from '../../shared/record/act';
import type { Decision } from '../../shared/record/decision';
import { acted } from './decision-helpers';

const NOW = new Date('2026-12-08T10:00:00+08:00');
const AT = '2026-12-08T10:00:00.000+08:00';

/** The record an act puts (failing the test for anything else). */
function putRecord<T = Record<string, unknown>>(change: RecordChange | undefined): T {
  if (change?.op !== 'put') throw new Error(`expected a put, got ${JSON.stringify(change)}`);
  return change.record as unknown as T;
}
const stored = <T>(d: Decision<string>) => putRecord<T>(acted(d).changes[0]);

const room: InventoryRoomRecord = { id: 'r1', operationId: 'op', name: '客厅', position: 0, createdAt: AT, updatedAt: AT };
const tv: ItemInput = { roomId: 'r1', tag: '1-001', name: '电视机', quantity: 1, unit: '台', condition: '完好' };
const listed = (): InventoryItemRecord => stored(decideAddItem({ rooms: [room], sameTag: [] }, 'op', tv, [], 'i1', NOW));

describe('rooms', () => {
  it('numbers a new room after the others; refuses a name already used or empty', () => {
    const act = acted(decideAddRoom([room], 'op', { name: '主卧' }, 'r2', NOW));
    expect(act.entry).toEqual({ category: 'inventory', group: 'inventory', text: '清登房间：新增第 2 间“主卧”' });
    expect(putRecord(act.changes[0])).toMatchObject({ id: 'r2', position: 1, name: '主卧' });
    expect(decideAddRoom([room], 'op', { name: '客厅' }, 'r2', NOW)).toEqual({ ok: false, errors: { name: '已有名为“客厅”的房间' } });
    expect(decideAddRoom([], 'op', { name: ' ' }, 'r2', NOW)).toEqual({ ok: false, errors: { name: '请填写房间名称（如 客厅、主卧）' } });
  });

  it('renames, records nothing for the same name, refuses a name another room has', () => {
    const other = { ...room, id: 'r2', name: '主卧', position: 1 };
    expect(acted(decideRenameRoom(room, [room, other], { name: '大客厅' }, NOW)).entry.text).toBe('清登房间：“客厅”更名为“大客厅”');
    expect(decideRenameRoom(room, [room, other], { name: '客厅' }, NOW)).toEqual({ ok: true, outcome: null, result: 'r1' });
    expect(decideRenameRoom(room, [room, other], { name: '主卧' }, NOW)).toEqual({ ok: false, errors: { name: '已有名为“主卧”的房间' } });
  });
});

describe('who attended and the certificate', () => {
  const input = { notaryInstitution: '滨江市公证处', notaryNames: ['王明'], witnesses: [{ name: '黄敏', idNumber: '110101198001013023', unit: '柳巷社区' }], groupLeader: '刘强' };

  it('records the attendance (masked ID in the entry) and keeps a certificate already recorded', () => {
    const first = acted(decideAttendance(undefined, 'op', input, NOW));
    expect(first.entry.text).toBe('清登到场人员登记：公证机构 滨江市公证处，公证员 王明；见证人 黄敏（110101********3023，柳巷社区）；清登组负责人 刘强');
    const record = putRecord<InventoryAttendanceRecord>(first.changes[0]);
    const certified = stored<InventoryAttendanceRecord>(decideNotaryCertificate(record, { number: '（2026）滨临证字第1234号' }, '杨帆', NOW));
    expect(certified.notaryCertificate).toEqual({ number: '（2026）滨临证字第1234号', recordedAt: AT, recordedBy: '杨帆' });
    const changed = acted(decideAttendance(certified, 'op', { ...input, groupLeader: '马晓东' }, NOW));
    expect(changed.entry.text).toMatch(/^清登到场人员变更：/);
    expect(putRecord(changed.changes[0])).toMatchObject({ groupLeader: '马晓东', notaryCertificate: { number: '（2026）滨临证字第1234号' } });
    expect(decideAttendance(undefined, 'op', { ...input, witnesses: [{ name: '黄敏', idNumber: '123', unit: '柳巷社区' }] }, NOW)).toEqual({
      ok: false,
      errors: { 'witnesses.0.idNumber': '身份证号应为 18 位（末位可为 X）' },
    });
  });

  it('records the certificate number on its own, naming a number it replaces; refuses it before a notary is recorded', () => {
    const record = stored<InventoryAttendanceRecord>(decideAttendance(undefined, 'op', input, NOW));
    const first = stored<InventoryAttendanceRecord>(decideNotaryCertificate(record, { number: 'A1' }, '杨帆', NOW));
    expect(acted(decideNotaryCertificate(first, { number: 'A2' }, '杨帆', NOW)).entry.text).toBe('登记公证书编号：滨江市公证处 A2（原登记 A1）');
    expect(decideNotaryCertificate(undefined, { number: 'A1' }, '杨帆', NOW)).toEqual({ ok: false, errors: { number: '请先登记到场的公证机构和公证员' } });
    expect(decideNotaryCertificate(record, { number: '' }, '杨帆', NOW)).toEqual({ ok: false, errors: { number: '请填写公证书编号（公证书出具后登记）' } });
  });
});

describe('items', () => {
  it('lists an item in a room, the entry naming it and its particulars', () => {
    const act = acted(decideAddItem({ rooms: [room], sameTag: [] }, 'op', { ...tv, valuable: true, destination: { kind: 'interimHousing', address: '周转房201' } }, [], 'i1', NOW));
    expect(act.entry).toEqual({
      category: 'inventory',
      group: 'inventory',
      text: '清登物品：1-001 电视机 1 台（客厅），贵重物品，完好，去向周转房（周转房201）',
      refs: { inventoryItems: ['i1'] },
    });
    expect(putRecord(act.changes[0])).toMatchObject({ id: 'i1', status: 'listed', valuable: true });
  });

  it('refuses a tag in use, a room of another operation, missing fields', () => {
    expect(decideAddItem({ rooms: [room], sameTag: [{ id: 'x' }] }, 'op', tv, [], 'i1', NOW)).toEqual({ ok: false, errors: { tag: '标签号 1-001 已被使用，请换一个' } });
    expect(decideAddItem({ rooms: [{ ...room, operationId: 'other' }], sameTag: [] }, 'op', tv, [], 'i1', NOW)).toEqual({ ok: false, errors: { roomId: '请选择房间' } });
    expect(decideAddItem({ rooms: [room], sameTag: [] }, 'op', { ...tv, quantity: 0 }, [], 'i1', NOW)).toEqual({ ok: false, errors: { quantity: '数量应大于 0' } });
  });

  it('corrects an item saying what changed; nothing changed records nothing; its own tag is not “in use”', () => {
    const item = listed();
    const act = acted(decideUpdateItem({ rooms: [room], sameTag: [item] }, item, { ...tv, quantity: 2, condition: '划痕' }, [], NOW));
    expect(act.entry.text).toBe('更正物品 1-001 电视机：数量 1→2；状况 完好→划痕');
    expect(decideUpdateItem({ rooms: [room], sameTag: [item] }, item, tv, [], NOW)).toEqual({ ok: true, outcome: null, result: 'i1' });
    expect(decideUpdateItem({ rooms: [room], sameTag: [item, { id: 'i2' }] }, item, tv, [], NOW)).toEqual({ ok: false, errors: { tag: '标签号 1-001 已被使用，请换一个' } });
    expect(() => decideUpdateItem({ rooms: [room], sameTag: [] }, { ...item, status: 'withdrawn' }, tv, [], NOW)).toThrow('该物品已撤销登记，不能再修改');
  });

  it('sets the destination of the listed items chosen, one entry naming them; refuses none chosen', () => {
    const a = listed();
    const b = { ...a, id: 'i2', tag: '1-002' };
    const gone = { ...a, id: 'i3', tag: '1-003', status: 'withdrawn' as const };
    const act = acted(decideDestination([a, b, gone, undefined], 'op', { kind: 'resettlementHousing', address: '安置房5号楼' }, NOW));
    expect(act.entry).toMatchObject({ text: '物品去向：1-001、1-002 共 2 项运往安置房（安置房5号楼）', refs: { inventoryItems: ['i1', 'i2'] } });
    expect(act.changes.map((c) => c.op === 'put' && c.record.id)).toEqual(['i1', 'i2']);
    expect(decideDestination([], 'op', { kind: 'interimHousing', address: '周转房' }, NOW)).toEqual({ ok: false, errors: { items: '请先勾选要设定去向的物品' } });
    expect(decideDestination([a], 'op', { kind: 'interimHousing', address: '' }, NOW)).toEqual({ ok: false, errors: { address: '请填写去向地址' } });
  });

  it('withdraws with a reason, never deletes; a second withdrawal records nothing', () => {
    const item = listed();
    const act = acted(decideWithdrawal(item, '客厅', ' 重复登记 ', NOW));
    expect(act.entry.text).toBe('撤销物品登记：1-001 电视机 1 台（客厅），原因：重复登记');
    expect(act.changes).toEqual([{ table: 'inventoryItems', op: 'put', record: { ...item, status: 'withdrawn', withdrawnReason: '重复登记', updatedAt: AT } }]);
    expect(decideWithdrawal({ ...item, status: 'withdrawn' }, '客厅', '再撤', NOW)).toEqual({ ok: true, outcome: null, result: 'i1' });
    expect(decideWithdrawal(item, '客厅', ' ', NOW)).toEqual({ ok: false, errors: { reason: '请写明撤销登记的原因（如 重复登记、登记错误）' } });
    expect(decideWithdrawal(item, '客厅', '长'.repeat(201), NOW)).toEqual({ ok: false, errors: { reason: '原因不能超过 200 个字' } });
  });
});
