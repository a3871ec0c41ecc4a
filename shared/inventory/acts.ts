// Pure. The acts of the inventory (物品清登), decided from the records they touch: rooms, who
// attended (notary, witnesses, group leader), the 公证书编号, items, destinations, withdrawal.
// Every act is one log entry of category 'inventory' under the inventory group, refs.inventoryItems
// naming the items it concerns, with the records as they stand afterwards. Items are evidence:
// never deleted, a wrong one is withdrawn with a reason.
import { chinaInstant } from '../calendar/chinaTime';
import { fieldErrors } from '../documents/records';
import { put, type RecordChange } from '../record/act';
import { decided, refused, unchanged, type Decision } from '../record/decision';
import {
  attendanceInputSchema,
  certificateInputSchema,
  destinationSchema,
  destinationText,
  itemChanges,
  itemInputSchema,
  itemLogText,
  roomInputSchema,
  witnessText,
  type AttendanceInput,
  type ItemInput,
  type RoomInput,
} from './inventory';
import type { InventoryAttendanceRecord, InventoryDestination, InventoryItemRecord, InventoryPhoto, InventoryRoomRecord } from './types';

const INVENTORY_GROUP = 'inventory';

/** An inventory act: its entry text, the items it names, its records; `result` is the id the caller gets. */
function act(text: string, itemIds: readonly string[], changes: RecordChange[], result: string): Decision<string> {
  return decided({
    entry: { category: 'inventory', group: INVENTORY_GROUP, text, ...(itemIds.length > 0 ? { refs: { inventoryItems: [...itemIds] } } : {}) },
    changes,
    result,
  });
}

const duplicateRoom = (name: string) => ({ name: `已有名为“${name}”的房间` });

/** A new room, numbered after the rooms already there (the order the group goes through them). */
export function decideAddRoom(rooms: readonly InventoryRoomRecord[], operationId: string, input: RoomInput, id: string, now: Date): Decision<string> {
  const parsed = roomInputSchema.safeParse(input);
  if (!parsed.success) return refused(fieldErrors(parsed.error.issues));
  const { name } = parsed.data;
  if (rooms.some((r) => r.name === name)) return refused(duplicateRoom(name));
  const at = chinaInstant(now);
  const position = rooms.reduce((max, r) => Math.max(max, r.position + 1), 0);
  const room: InventoryRoomRecord = { id, operationId, name, position, createdAt: at, updatedAt: at };
  return act(`清登房间：新增第 ${position + 1} 间“${name}”`, [], [put('inventoryRooms', room)], id);
}

export function decideRenameRoom(room: InventoryRoomRecord, rooms: readonly InventoryRoomRecord[], input: RoomInput, now: Date): Decision<string> {
  const parsed = roomInputSchema.safeParse(input);
  if (!parsed.success) return refused(fieldErrors(parsed.error.issues));
  const { name } = parsed.data;
  if (room.name === name) return unchanged(room.id);
  if (rooms.some((r) => r.id !== room.id && r.name === name)) return refused(duplicateRoom(name));
  return act(`清登房间：“${room.name}”更名为“${name}”`, [], [put('inventoryRooms', { ...room, name, updatedAt: chinaInstant(now) })], room.id);
}

/** Who attended the count. The certificate number is recorded on its own, later; changing who attended keeps it. */
export function decideAttendance(before: InventoryAttendanceRecord | undefined, operationId: string, input: AttendanceInput, now: Date): Decision<string> {
  const parsed = attendanceInputSchema.safeParse(input);
  if (!parsed.success) return refused(fieldErrors(parsed.error.issues));
  const record: InventoryAttendanceRecord = {
    id: operationId,
    operationId,
    ...parsed.data,
    ...(before?.notaryCertificate ? { notaryCertificate: before.notaryCertificate } : {}),
    updatedAt: chinaInstant(now),
  };
  const parts = [
    `公证机构 ${record.notaryInstitution || '未填'}，公证员 ${record.notaryNames.join('、') || '未填'}`,
    `见证人 ${record.witnesses.map(witnessText).join('、') || '未填'}`,
    `清登组负责人 ${record.groupLeader || '未填'}`,
  ];
  return act(`清登到场人员${before ? '变更' : '登记'}：${parts.join('；')}`, [], [put('inventoryAttendance', record)], operationId);
}

/**
 * 公证书编号: the notary issues the certificate after the count; its number is recorded when it
 * arrives, as its own entry, and printed on the lists made from then on.
 */
export function decideNotaryCertificate(before: InventoryAttendanceRecord | undefined, input: { number: string }, recordedBy: string, now: Date): Decision<string> {
  const parsed = certificateInputSchema.safeParse(input);
  if (!parsed.success) return refused(fieldErrors(parsed.error.issues));
  if (!before?.notaryInstitution.trim()) return refused({ number: '请先登记到场的公证机构和公证员' });
  const at = chinaInstant(now);
  const notaryCertificate = { number: parsed.data.number, recordedAt: at, recordedBy };
  const previous = before.notaryCertificate ? `（原登记 ${before.notaryCertificate.number}）` : '';
  return act(
    `登记公证书编号：${before.notaryInstitution} ${parsed.data.number}${previous}`,
    [],
    [put('inventoryAttendance', { ...before, notaryCertificate, updatedAt: at })],
    before.id,
  );
}

const tagTaken = (tag: string) => ({ tag: `标签号 ${tag} 已被使用，请换一个` });

/** What an item act reads: the operation's rooms, and the items that already carry the tag entered. */
export interface ItemContext {
  rooms: readonly InventoryRoomRecord[];
  /** Items of the operation with the tag the input names (the tag is unique in the operation). */
  sameTag: readonly Pick<InventoryItemRecord, 'id'>[];
}

export function decideAddItem(ctx: ItemContext, operationId: string, input: ItemInput, photos: InventoryPhoto[], id: string, now: Date): Decision<string> {
  const parsed = itemInputSchema.safeParse(input);
  if (!parsed.success) return refused(fieldErrors(parsed.error.issues));
  const { destination, ...values } = parsed.data;
  if (ctx.sameTag.length > 0) return refused(tagTaken(values.tag));
  const room = ctx.rooms.find((r) => r.id === values.roomId && r.operationId === operationId);
  if (!room) return refused({ roomId: '请选择房间' });
  const at = chinaInstant(now);
  const item: InventoryItemRecord = { id, operationId, ...values, photos, ...(destination ? { destination } : {}), status: 'listed', createdAt: at, updatedAt: at };
  const extra = [item.valuable ? '贵重物品' : '', item.condition, destination ? `去向${destinationText(destination)}` : '', photos.length ? `照片 ${photos.length} 张` : '', item.note]
    .filter(Boolean)
    .join('，');
  return act(`清登物品：${itemLogText(item, room.name)}${extra ? `，${extra}` : ''}`, [id], [put('inventoryItems', item)], id);
}

/** A correction of an item still listed; the entry says what changed (数量 1→2). */
export function decideUpdateItem(ctx: ItemContext, before: InventoryItemRecord, input: ItemInput, photos: InventoryPhoto[], now: Date): Decision<string> {
  if (before.status === 'withdrawn') throw new Error('该物品已撤销登记，不能再修改');
  const parsed = itemInputSchema.safeParse(input);
  if (!parsed.success) return refused(fieldErrors(parsed.error.issues));
  const { destination, ...values } = parsed.data;
  if (ctx.sameTag.some((i) => i.id !== before.id)) return refused(tagTaken(values.tag));
  const { destination: _old, ...rest } = before;
  const after: InventoryItemRecord = { ...rest, ...values, photos, ...(destination ? { destination } : {}), updatedAt: chinaInstant(now) };
  const names = new Map(ctx.rooms.map((r) => [r.id, r.name]));
  const changes = itemChanges(before, after, (id) => names.get(id) ?? '未知房间');
  if (changes.length === 0) return unchanged(before.id);
  return act(`更正物品 ${before.tag} ${before.name}：${changes.join('；')}`, [before.id], [put('inventoryItems', after)], before.id);
}

/** Where the chosen items go; one entry names them all. Items withdrawn or of another operation are left out. */
export function decideDestination(
  chosen: readonly (InventoryItemRecord | undefined)[],
  operationId: string,
  destination: InventoryDestination,
  now: Date,
): Decision<string> {
  const parsed = destinationSchema.safeParse(destination);
  if (!parsed.success) return refused(fieldErrors(parsed.error.issues));
  if (chosen.length === 0) return refused({ items: '请先勾选要设定去向的物品' });
  const items = chosen.filter((i): i is InventoryItemRecord => i?.operationId === operationId && i.status === 'listed');
  const at = chinaInstant(now);
  return act(
    `物品去向：${items.map((i) => i.tag).join('、')} 共 ${items.length} 项运往${destinationText(parsed.data)}`,
    items.map((i) => i.id),
    items.map((i) => put('inventoryItems', { ...i, destination: parsed.data, updatedAt: at })),
    operationId,
  );
}

/** A wrongly entered item is withdrawn with a reason, never deleted: it stays in the records and the log. */
export function decideWithdrawal(item: InventoryItemRecord, roomName: string, reason: string, now: Date): Decision<string> {
  const why = reason.trim();
  if (!why) return refused({ reason: '请写明撤销登记的原因（如 重复登记、登记错误）' });
  if (why.length > 200) return refused({ reason: '原因不能超过 200 个字' });
  if (item.status === 'withdrawn') return unchanged(item.id);
  return act(
    `撤销物品登记：${itemLogText(item, roomName)}，原因：${why}`,
    [item.id],
    [put('inventoryItems', { ...item, status: 'withdrawn', withdrawnReason: why, updatedAt: chinaInstant(now) })],
    item.id,
  );
}
