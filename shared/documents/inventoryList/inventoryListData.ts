// Pure. What 《物品清单》 prints, from the operation's records: one list per destination,
// each printed twice (第一联、第二联), pinned to the log's head.
import type { Operation, Subject } from '../../operation/types';
import { destinationText, formatQuantity, listsByDestination, printProblems, totalsText, witnessText } from '../../inventory/inventory';
import type { InventoryAttendanceRecord, InventoryItemRecord, InventoryRoomRecord } from '../../inventory/types';
import type { ChainHead, LogEntry } from '../../log/types';
import { chinaDateOf } from '../plan/printData';

export const INVENTORY_LIST_TITLE = '物品清单';
/** The two copies: one stays with the file, one goes to the subject. */
export const inventoryListCopies = ['第一联（存档）', '第二联（交被执行人）'] as const;
export const REFUSAL_LINE = '被执行人拒绝签字的，由见证人注明：';
export const COPIES_LINE = '本清单一式二份，组织实施单位与被执行人各执一份。';

export interface InventoryListSection {
  destination: string;
  /** 共20项（40箱、60件） */
  total: string;
  /** 贵重物品, listed apart (same columns); empty when there are none. */
  valuables: string[][];
  /** 序号, 标签号, 房间, 物品名称, 数量, 单位, 状况, 备注: the other items. */
  rows: string[][];
}

export interface InventoryListData {
  isDemo: boolean;
  basis: string;
  subjects: string;
  /** One signature line each. */
  subjectNames: string[];
  address: string;
  /** 2026年12月8日 (the day the first item was counted) */
  countedOn: string;
  notary: string;
  /** 公证书编号 once the certificate arrived, else a line saying it is awaited. */
  notaryCertificate: string;
  /** How the subject collects the belongings (from the operation's 告知事项), '' if not recorded. */
  collection: string;
  witnesses: string[];
  groupLeader: string;
  sections: InventoryListSection[];
  /** ISO instant, +08:00. */
  printedAt: string;
  chainHead?: ChainHead;
}

export interface InventoryRecords {
  operation: Operation;
  subjects: readonly Subject[];
  rooms: readonly InventoryRoomRecord[];
  items: readonly InventoryItemRecord[];
  attendance: InventoryAttendanceRecord | undefined;
  /** The log's last entry when printing, or none yet. */
  lastLogEntry: Pick<LogEntry, 'seq' | 'hash' | 'writer'> | undefined;
}

/** The list's content, or the reasons it cannot be printed yet (in Chinese). */
export function inventoryListData(
  records: InventoryRecords,
  printedAt: string,
): { ok: true; data: InventoryListData } | { ok: false; problems: string[] } {
  const { operation, rooms, items, attendance, lastLogEntry } = records;
  const problems = printProblems(attendance, items);
  if (problems.length > 0 || !attendance) return { ok: false, problems };
  const roomName = new Map(rooms.map((r) => [r.id, r.name]));
  const listed = items.filter((i) => i.status === 'listed');
  const firstCount = listed.map((i) => i.createdAt).sort()[0] ?? printedAt;
  const subjects = [...records.subjects].sort((a, b) => a.position - b.position);
  const row = (item: InventoryItemRecord, i: number) => [
      String(i + 1),
      item.tag,
      roomName.get(item.roomId) ?? '',
      item.name,
      formatQuantity(item.quantity),
      item.unit,
      item.condition,
      [item.note, item.photos.length ? `照片${item.photos.length}张` : ''].filter(Boolean).join('；'),
    ];
  const sections = listsByDestination(items, rooms).map((list) => ({
    destination: destinationText(list.destination),
    total: totalsText(list),
    // Valuables apart, so each is counted, sealed and handed over on its own line.
    valuables: list.items.filter((item) => item.valuable).map(row),
    rows: list.items.filter((item) => !item.valuable).map(row),
  }));
  return {
    ok: true,
    data: {
      isDemo: operation.isDemo,
      basis: [operation.courtRuling.court, operation.courtRuling.number, '《行政裁定书》'].filter(Boolean).join(''),
      subjects: subjects.map((s) => s.name).join('、') || '（未填写被执行人）',
      subjectNames: subjects.map((s) => s.name),
      address: operation.propertyAddress,
      countedOn: chinaDateOf(firstCount),
      notary: `${attendance.notaryInstitution} 公证员 ${attendance.notaryNames.join('、')}`,
      notaryCertificate: attendance.notaryCertificate?.number ?? '（公证书出具后登记）',
      collection: operation.particulars?.collection.trim() ?? '',
      witnesses: attendance.witnesses.map(witnessText),
      groupLeader: attendance.groupLeader,
      sections,
      printedAt,
      ...(lastLogEntry ? { chainHead: { seq: lastLogEntry.seq, hash: lastLogEntry.hash, ...(lastLogEntry.writer ? { writer: lastLogEntry.writer } : {}) } } : {}),
    },
  };
}
