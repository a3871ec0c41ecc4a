// DOM. The inventory: reads, and its acts (room, who attended, 公证书编号, item, destination,
// withdrawal), each decided by shared/inventory/acts.ts and stored with its log entry through the
// one write path, in the name of the signed-in person, who must be of the evidence group or the
// command. Items are evidence: never deleted, a wrong one is withdrawn.
import type { InventoryRecords } from '../../../shared/documents/inventoryList';
import {
  decideAddItem,
  decideAddRoom,
  decideAttendance,
  decideDestination,
  decideNotaryCertificate,
  decideRenameRoom,
  decideUpdateItem,
  decideWithdrawal,
  type ItemContext,
} from '../../../shared/inventory/acts';
import type { AttendanceInput, ItemInput, RoomInput } from '../../../shared/inventory/inventory';
import type { InventoryDestination, InventoryItemRecord, InventoryPhoto, InventoryRoomRecord } from '../../../shared/inventory/types';
import type { Actor } from '../../../shared/operators/permissions';
import type { Decision } from '../../../shared/record/decision';
import type { ConsoleDb } from '../data/db';
import { chainHead } from '../log/head';
import { commitDecision } from '../record/decided';

export type SaveResult = { ok: true; id: string } | { ok: false; errors: Record<string, string> };

/** Decides and stores one inventory act of the operation, as `who`. */
async function inventoryAct(db: ConsoleDb, who: Actor | undefined, operationId: string, decide: (read: ConsoleDb) => Promise<Decision<string>>): Promise<SaveResult> {
  const saved = await commitDecision(db, { operationId, actor: who, action: { kind: 'registerInventory' }, decide });
  return saved.ok ? { ok: true, id: saved.result } : saved;
}

const roomsOf = (db: ConsoleDb, operationId: string) => db.inventoryRooms.where('operationId').equals(operationId).toArray();

async function itemContext(db: ConsoleDb, operationId: string, input: ItemInput): Promise<ItemContext> {
  const tag = typeof input.tag === 'string' ? input.tag.trim() : '';
  const [rooms, sameTag] = await Promise.all([roomsOf(db, operationId), db.inventoryItems.where('[operationId+tag]').equals([operationId, tag]).toArray()]);
  return { rooms, sameTag };
}

async function getRoom(db: ConsoleDb, roomId: string): Promise<InventoryRoomRecord> {
  const room = await db.inventoryRooms.get(roomId);
  if (!room) throw new Error('找不到该房间');
  return room;
}

async function getItem(db: ConsoleDb, itemId: string): Promise<InventoryItemRecord> {
  const item = await db.inventoryItems.get(itemId);
  if (!item) throw new Error('找不到该物品');
  return item;
}

export function addRoom(db: ConsoleDb, who: Actor | undefined, operationId: string, input: RoomInput): Promise<SaveResult> {
  const id = crypto.randomUUID();
  return inventoryAct(db, who, operationId, async (read) => decideAddRoom(await roomsOf(read, operationId), operationId, input, id, new Date()));
}

export async function renameRoom(db: ConsoleDb, who: Actor | undefined, roomId: string, input: RoomInput): Promise<SaveResult> {
  const { operationId } = await getRoom(db, roomId);
  return inventoryAct(db, who, operationId, async (read) => decideRenameRoom(await getRoom(read, roomId), await roomsOf(read, operationId), input, new Date()));
}

export function saveAttendance(db: ConsoleDb, who: Actor | undefined, operationId: string, input: AttendanceInput): Promise<SaveResult> {
  return inventoryAct(db, who, operationId, async (read) => decideAttendance(await read.inventoryAttendance.get(operationId), operationId, input, new Date()));
}

export function addItem(db: ConsoleDb, who: Actor | undefined, operationId: string, input: ItemInput, photos: InventoryPhoto[] = []): Promise<SaveResult> {
  const id = crypto.randomUUID();
  return inventoryAct(db, who, operationId, async (read) => decideAddItem(await itemContext(read, operationId, input), operationId, input, photos, id, new Date()));
}

export async function updateItem(db: ConsoleDb, who: Actor | undefined, itemId: string, input: ItemInput, photos: InventoryPhoto[]): Promise<SaveResult> {
  const { operationId } = await getItem(db, itemId);
  return inventoryAct(db, who, operationId, async (read) =>
    decideUpdateItem(await itemContext(read, operationId, input), await getItem(read, itemId), input, photos, new Date()),
  );
}

/**
 * 公证书编号: the notary issues the certificate after the count; its number is recorded when
 * it arrives, as its own log entry, and printed on the lists made from then on.
 */
export function recordNotaryCertificate(db: ConsoleDb, who: Actor | undefined, operationId: string, input: { number: string }): Promise<SaveResult> {
  return inventoryAct(db, who, operationId, async (read) =>
    decideNotaryCertificate(await read.inventoryAttendance.get(operationId), input, who?.name ?? '', new Date()),
  );
}

/** Sets where the chosen items go; one log entry names them all. */
export function setDestination(db: ConsoleDb, who: Actor | undefined, operationId: string, itemIds: string[], destination: InventoryDestination): Promise<SaveResult> {
  return inventoryAct(db, who, operationId, async (read) => decideDestination(await read.inventoryItems.bulkGet(itemIds), operationId, destination, new Date()));
}

/** A wrongly entered item is withdrawn with a reason, never deleted: it stays in the records and the log. */
export async function withdrawItem(db: ConsoleDb, who: Actor | undefined, itemId: string, reason: string): Promise<SaveResult> {
  const { operationId } = await getItem(db, itemId);
  return inventoryAct(db, who, operationId, async (read) => {
    const item = await getItem(read, itemId);
    return decideWithdrawal(item, (await read.inventoryRooms.get(item.roomId))?.name ?? '未知房间', reason, new Date());
  });
}

/**
 * Everything the inventory list prints from, the records read in one moment; the head is read
 * after them (chainHead: format 2 entries live outside this database's transactions), so the
 * printed head pins at least the records printed.
 */
export async function inventoryRecords(db: ConsoleDb, operationId: string): Promise<InventoryRecords> {
  const records = await db.transaction('r', [db.operations, db.subjects, db.inventoryRooms, db.inventoryItems, db.inventoryAttendance], async () => {
    const operation = await db.operations.get(operationId);
    if (!operation) throw new Error('找不到该行动');
    return {
      operation,
      subjects: await db.subjects.where('operationId').equals(operationId).toArray(),
      rooms: await db.inventoryRooms.where('operationId').equals(operationId).sortBy('position'),
      items: await db.inventoryItems.where('operationId').equals(operationId).toArray(),
      attendance: await db.inventoryAttendance.get(operationId),
    };
  });
  const head = await chainHead(db, operationId);
  return { ...records, lastLogEntry: head.seq > 0 ? head : undefined };
}
