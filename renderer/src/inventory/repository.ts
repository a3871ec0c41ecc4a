// DOM. Storing the inventory: every change (room, item, destination, withdrawal, who
// attended) is written with its log entry in one transaction, so record and entry stand
// or fall together. Items are evidence: never deleted, a wrong one is withdrawn.
import Dexie from 'dexie';
import { chinaInstant } from '../../../shared/calendar/chinaTime';
import { fieldErrors } from '../../../shared/documents/records';
import type { InventoryRecords } from '../../../shared/documents/inventoryList';
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
} from '../../../shared/inventory/inventory';
import type {
  InventoryAttendanceRecord,
  InventoryDestination,
  InventoryItemRecord,
  InventoryPhoto,
} from '../../../shared/inventory/types';
import type { LogInput } from '../../../shared/log/append';
import type { ConsoleDb } from '../data/db';
import { appendLog } from '../log/repository';
import { requirePermission } from '../operators/repository';
import type { Actor } from '../../../shared/operators/permissions';

export type SaveResult = { ok: true; id: string } | { ok: false; errors: Record<string, string> };

const now = () => chinaInstant(new Date());

/** The tables a change writes, the log included, and those the roles are read from. */
const tables = (db: ConsoleDb) => [db.inventoryItems, db.inventoryRooms, db.inventoryAttendance, db.logEntries, db.operations, db.workingGroups];

/**
 * An inventory log entry in the name of the signed-in person. Every change ends with it, in
 * its transaction: a person who may not register inventory is refused and nothing is written.
 */
async function log(db: ConsoleDb, who: Actor | undefined, operationId: string, text: string, itemIds: string[] = []): Promise<void> {
  await requirePermission(db, operationId, who, { kind: 'registerInventory' });
  const entry: LogInput = {
    operationId,
    operator: who!.name,
    group: 'inventory',
    category: 'inventory',
    text,
    refs: itemIds.length > 0 ? { inventoryItems: itemIds } : {},
  };
  await appendLog(db, entry);
}

async function roomName(db: ConsoleDb, roomId: string): Promise<string> {
  return (await db.inventoryRooms.get(roomId))?.name ?? '未知房间';
}

export async function addRoom(db: ConsoleDb, who: Actor | undefined, operationId: string, input: RoomInput): Promise<SaveResult> {
  const parsed = roomInputSchema.safeParse(input);
  if (!parsed.success) return { ok: false, errors: fieldErrors(parsed.error.issues) };
  const id = crypto.randomUUID();
  return db.transaction('rw', tables(db), async (): Promise<SaveResult> => {
    const rooms = await db.inventoryRooms.where('operationId').equals(operationId).toArray();
    if (rooms.some((r) => r.name === parsed.data.name)) return { ok: false, errors: { name: `已有名为“${parsed.data.name}”的房间` } };
    const at = now();
    const position = rooms.reduce((max, r) => Math.max(max, r.position + 1), 0);
    await db.inventoryRooms.add({ id, operationId, name: parsed.data.name, position, createdAt: at, updatedAt: at });
    await log(db, who, operationId, `清登房间：新增第 ${position + 1} 间“${parsed.data.name}”`);
    return { ok: true, id };
  });
}

export async function renameRoom(db: ConsoleDb, who: Actor | undefined, roomId: string, input: RoomInput): Promise<SaveResult> {
  const parsed = roomInputSchema.safeParse(input);
  if (!parsed.success) return { ok: false, errors: fieldErrors(parsed.error.issues) };
  return db.transaction('rw', tables(db), async (): Promise<SaveResult> => {
    const room = await db.inventoryRooms.get(roomId);
    if (!room) throw new Error('找不到该房间');
    if (room.name === parsed.data.name) return { ok: true, id: roomId };
    const rooms = await db.inventoryRooms.where('operationId').equals(room.operationId).toArray();
    if (rooms.some((r) => r.id !== roomId && r.name === parsed.data.name)) return { ok: false, errors: { name: `已有名为“${parsed.data.name}”的房间` } };
    await db.inventoryRooms.update(roomId, { name: parsed.data.name, updatedAt: now() });
    await log(db, who, room.operationId, `清登房间：“${room.name}”更名为“${parsed.data.name}”`);
    return { ok: true, id: roomId };
  });
}

export async function saveAttendance(db: ConsoleDb, who: Actor | undefined, operationId: string, input: AttendanceInput): Promise<SaveResult> {
  const parsed = attendanceInputSchema.safeParse(input);
  if (!parsed.success) return { ok: false, errors: fieldErrors(parsed.error.issues) };
  await db.transaction('rw', tables(db), async () => {
    const before = await db.inventoryAttendance.get(operationId);
    // The certificate number is recorded on its own, later; changing who attended keeps it.
    const record: InventoryAttendanceRecord = {
      id: operationId,
      operationId,
      ...parsed.data,
      ...(before?.notaryCertificate ? { notaryCertificate: before.notaryCertificate } : {}),
      updatedAt: now(),
    };
    await db.inventoryAttendance.put(record);
    const parts = [
      `公证机构 ${record.notaryInstitution || '未填'}，公证员 ${record.notaryNames.join('、') || '未填'}`,
      `见证人 ${record.witnesses.map(witnessText).join('、') || '未填'}`,
      `清登组负责人 ${record.groupLeader || '未填'}`,
    ];
    await log(db, who, operationId, `清登到场人员${before ? '变更' : '登记'}：${parts.join('；')}`);
  });
  return { ok: true, id: operationId };
}

async function tagTaken(db: ConsoleDb, operationId: string, tag: string, exceptId?: string): Promise<boolean> {
  const same = await db.inventoryItems.where('[operationId+tag]').equals([operationId, tag]).toArray();
  return same.some((i) => i.id !== exceptId);
}

function parseItem(input: ItemInput) {
  const parsed = itemInputSchema.safeParse(input);
  return parsed.success ? { ok: true as const, values: parsed.data } : { ok: false as const, errors: fieldErrors(parsed.error.issues) };
}

export async function addItem(db: ConsoleDb, who: Actor | undefined, operationId: string, input: ItemInput, photos: InventoryPhoto[] = []): Promise<SaveResult> {
  const parsed = parseItem(input);
  if (!parsed.ok) return parsed;
  const id = crypto.randomUUID();
  return db.transaction('rw', tables(db), async (): Promise<SaveResult> => {
    const { destination, ...values } = parsed.values;
    if (await tagTaken(db, operationId, values.tag)) return { ok: false, errors: { tag: `标签号 ${values.tag} 已被使用，请换一个` } };
    const room = await db.inventoryRooms.get(values.roomId);
    if (!room || room.operationId !== operationId) return { ok: false, errors: { roomId: '请选择房间' } };
    const at = now();
    const item: InventoryItemRecord = {
      id,
      operationId,
      ...values,
      photos,
      ...(destination ? { destination } : {}),
      status: 'listed',
      createdAt: at,
      updatedAt: at,
    };
    await db.inventoryItems.add(item);
    const extra = [item.valuable ? '贵重物品' : '', item.condition, destination ? `去向${destinationText(destination)}` : '', photos.length ? `照片 ${photos.length} 张` : '', item.note]
      .filter(Boolean)
      .join('，');
    await log(db, who, operationId, `清登物品：${itemLogText(item, room.name)}${extra ? `，${extra}` : ''}`, [id]);
    return { ok: true, id };
  });
}

export async function updateItem(db: ConsoleDb, who: Actor | undefined, itemId: string, input: ItemInput, photos: InventoryPhoto[]): Promise<SaveResult> {
  const parsed = parseItem(input);
  if (!parsed.ok) return parsed;
  return db.transaction('rw', tables(db), async (): Promise<SaveResult> => {
    const before = await db.inventoryItems.get(itemId);
    if (!before) throw new Error('找不到该物品');
    if (before.status === 'withdrawn') throw new Error('该物品已撤销登记，不能再修改');
    const { destination, ...values } = parsed.values;
    if (await tagTaken(db, before.operationId, values.tag, itemId)) return { ok: false, errors: { tag: `标签号 ${values.tag} 已被使用，请换一个` } };
    const { destination: _old, ...rest } = before;
    const after: InventoryItemRecord = { ...rest, ...values, photos, ...(destination ? { destination } : {}), updatedAt: now() };
    const names = new Map((await db.inventoryRooms.where('operationId').equals(before.operationId).toArray()).map((r) => [r.id, r.name]));
    const changes = itemChanges(before, after, (id) => names.get(id) ?? '未知房间');
    if (changes.length === 0) return { ok: true, id: itemId };
    await db.inventoryItems.put(after);
    await log(db, who, before.operationId, `更正物品 ${before.tag} ${before.name}：${changes.join('；')}`, [itemId]);
    return { ok: true, id: itemId };
  });
}

/**
 * 公证书编号: the notary issues the certificate after the count; its number is recorded when
 * it arrives, as its own log entry, and printed on the lists made from then on.
 */
export async function recordNotaryCertificate(db: ConsoleDb, who: Actor | undefined, operationId: string, input: { number: string }): Promise<SaveResult> {
  const parsed = certificateInputSchema.safeParse(input);
  if (!parsed.success) return { ok: false, errors: fieldErrors(parsed.error.issues) };
  return db.transaction('rw', tables(db), async (): Promise<SaveResult> => {
    const before = await db.inventoryAttendance.get(operationId);
    if (!before?.notaryInstitution.trim()) return { ok: false, errors: { number: '请先登记到场的公证机构和公证员' } };
    const at = now();
    const notaryCertificate = { number: parsed.data.number, recordedAt: at, recordedBy: who?.name ?? '' };
    await db.inventoryAttendance.put({ ...before, notaryCertificate, updatedAt: at });
    const previous = before.notaryCertificate ? `（原登记 ${before.notaryCertificate.number}）` : '';
    await log(db, who, operationId, `登记公证书编号：${before.notaryInstitution} ${parsed.data.number}${previous}`);
    return { ok: true, id: operationId };
  });
}

/** Sets where the chosen items go; one log entry names them all. */
export async function setDestination(db: ConsoleDb, who: Actor | undefined, operationId: string, itemIds: string[], destination: InventoryDestination): Promise<SaveResult> {
  const parsed = destinationSchema.safeParse(destination);
  if (!parsed.success) return { ok: false, errors: fieldErrors(parsed.error.issues) };
  if (itemIds.length === 0) return { ok: false, errors: { items: '请先勾选要设定去向的物品' } };
  await db.transaction('rw', tables(db), async () => {
    const items = (await db.inventoryItems.bulkGet(itemIds)).filter(
      (i): i is InventoryItemRecord => i?.operationId === operationId && i.status === 'listed',
    );
    const at = now();
    await db.inventoryItems.bulkPut(items.map((i) => ({ ...i, destination: parsed.data, updatedAt: at })));
    await log(
      db,
      who,
      operationId,
      `物品去向：${items.map((i) => i.tag).join('、')} 共 ${items.length} 项运往${destinationText(parsed.data)}`,
      items.map((i) => i.id),
    );
  });
  return { ok: true, id: operationId };
}

/** A wrongly entered item is withdrawn with a reason, never deleted: it stays in the records and the log. */
export async function withdrawItem(db: ConsoleDb, who: Actor | undefined, itemId: string, reason: string): Promise<SaveResult> {
  const why = reason.trim();
  if (!why) return { ok: false, errors: { reason: '请写明撤销登记的原因（如 重复登记、登记错误）' } };
  if (why.length > 200) return { ok: false, errors: { reason: '原因不能超过 200 个字' } };
  return db.transaction('rw', tables(db), async (): Promise<SaveResult> => {
    const item = await db.inventoryItems.get(itemId);
    if (!item) throw new Error('找不到该物品');
    if (item.status === 'withdrawn') return { ok: true, id: itemId };
    await db.inventoryItems.update(itemId, { status: 'withdrawn', withdrawnReason: why, updatedAt: now() });
    await log(db, who, item.operationId, `撤销物品登记：${itemLogText(item, await roomName(db, item.roomId))}，原因：${why}`, [itemId]);
    return { ok: true, id: itemId };
  });
}

/** Everything the inventory list prints from, read in one moment. */
export async function inventoryRecords(db: ConsoleDb, operationId: string): Promise<InventoryRecords> {
  return db.transaction('r', [db.operations, db.subjects, ...tables(db)], async () => {
    const operation = await db.operations.get(operationId);
    if (!operation) throw new Error('找不到该行动');
    return {
      operation,
      subjects: await db.subjects.where('operationId').equals(operationId).toArray(),
      rooms: await db.inventoryRooms.where('operationId').equals(operationId).sortBy('position'),
      items: await db.inventoryItems.where('operationId').equals(operationId).toArray(),
      attendance: await db.inventoryAttendance.get(operationId),
      lastLogEntry: await db.logEntries.where('[operationId+seq]').between([operationId, Dexie.minKey], [operationId, Dexie.maxKey]).last(),
    };
  });
}
