// Pure. The rules of the inventory: what an entry must contain, the next label number,
// which items go on which destination's list, and whether the list may be printed.
import { z } from 'zod';
import { maskIdNumber } from '../operation/formats';
import {
  destinationKindLabels,
  destinationKinds,
  type InventoryAttendanceRecord,
  type InventoryDestination,
  type InventoryItemRecord,
  type InventoryRoomRecord,
} from './types';

const text = (label: string, max: number) =>
  z.string({ error: `${label}应为文字` }).trim().max(max, `${label}不能超过 ${max} 个字`);

export const roomInputSchema = z.object({
  name: text('房间名称', 50).min(1, '请填写房间名称（如 客厅、主卧）'),
});
export type RoomInput = z.input<typeof roomInputSchema>;

export const destinationSchema = z
  .object({
    kind: z.enum(destinationKinds, { error: '请选择去向（周转房、安置房或其他）' }),
    address: text('去向地址', 200).min(1, '请填写去向地址'),
  });

export const itemInputSchema = z.object({
  roomId: z.string({ error: '请选择房间' }).min(1, '请选择房间'),
  tag: text('标签号', 30).min(1, '请填写箱号或标签号'),
  name: text('物品名称', 100).min(1, '请填写物品名称'),
  quantity: z
    .number({ error: '数量应为数字' })
    .refine(Number.isFinite, '数量应为数字')
    .positive('数量应大于 0')
    .max(1_000_000, '数量过大，请核对'),
  unit: text('单位', 10).min(1, '请填写单位（如 件、箱、台）'),
  condition: text('状况', 100).default(''),
  note: text('备注', 500).default(''),
  /** 贵重物品: listed apart and sealed separately. */
  valuable: z.boolean().default(false),
  destination: destinationSchema.optional(),
});
export type ItemInput = z.input<typeof itemInputSchema>;
export type ItemValues = z.output<typeof itemInputSchema>;

const ID_NUMBER = /^\d{17}[\dXx]$/;

export const witnessSchema = z.object({
  name: text('见证人姓名', 50).min(1, '请填写见证人姓名'),
  idNumber: text('见证人身份证号', 18).refine((v) => v === '' || ID_NUMBER.test(v), '身份证号应为 18 位（末位可为 X）'),
  unit: text('见证人单位或住址', 100).min(1, '请填写见证人工作单位或住址'),
});

export const attendanceInputSchema = z.object({
  notaryInstitution: text('公证机构', 100).default(''),
  notaryNames: z.array(text('公证员', 50)).transform((s) => s.filter(Boolean)).default([]),
  witnesses: z
    .array(z.object({ name: z.string().default(''), idNumber: z.string().default(''), unit: z.string().default('') }))
    .transform((w) => w.filter((x) => x.name.trim() || x.idNumber.trim() || x.unit.trim()))
    .pipe(z.array(witnessSchema).max(5, '见证人最多 5 名'))
    .default([]),
  groupLeader: text('清登组负责人', 50).default(''),
});
export type AttendanceInput = z.input<typeof attendanceInputSchema>;

/**
 * The next free label number in a room, room-number style: the third room's items are
 * 3-001, 3-002…; numbers taken anywhere in the operation are skipped.
 */
export function suggestTag(roomPosition: number, takenTags: Iterable<string>): string {
  const prefix = `${roomPosition + 1}-`;
  const taken = new Set(takenTags);
  let highest = 0;
  for (const tag of taken) {
    if (!tag.startsWith(prefix)) continue;
    const n = Number(tag.slice(prefix.length));
    if (Number.isInteger(n) && n > highest) highest = n;
  }
  let next = highest + 1;
  while (taken.has(`${prefix}${String(next).padStart(3, '0')}`)) next += 1;
  return `${prefix}${String(next).padStart(3, '0')}`;
}

/** 周转房（滨江市…） */
export const destinationText = (d: InventoryDestination): string => `${destinationKindLabels[d.kind]}（${d.address}）`;

const destinationKey = (d: InventoryDestination) => `${d.kind}\u0000${d.address.trim()}`;

export interface DestinationList {
  destination: InventoryDestination;
  /** Listed items, in room order then by label number. */
  items: InventoryItemRecord[];
  /** Sum of quantities per unit, e.g. 件 → 12. */
  totals: { unit: string; quantity: number }[];
}

const tagOrder = (a: string, b: string) => a.localeCompare(b, 'zh-CN', { numeric: true });

/** One list per destination (周转房 first, then 安置房, then others), withdrawn items left out. */
export function listsByDestination(items: readonly InventoryItemRecord[], rooms: readonly InventoryRoomRecord[]): DestinationList[] {
  const roomPosition = new Map(rooms.map((r) => [r.id, r.position]));
  const groups = new Map<string, DestinationList>();
  for (const item of items) {
    if (item.status !== 'listed' || !item.destination) continue;
    const key = destinationKey(item.destination);
    const list = groups.get(key) ?? { destination: item.destination, items: [], totals: [] };
    list.items.push(item);
    groups.set(key, list);
  }
  const lists = [...groups.values()];
  for (const list of lists) {
    list.items.sort(
      (a, b) => (roomPosition.get(a.roomId) ?? Infinity) - (roomPosition.get(b.roomId) ?? Infinity) || tagOrder(a.tag, b.tag),
    );
    const totals = new Map<string, number>();
    for (const item of list.items) totals.set(item.unit, (totals.get(item.unit) ?? 0) + item.quantity);
    list.totals = [...totals].map(([unit, quantity]) => ({ unit, quantity }));
  }
  return lists.sort(
    (a, b) =>
      destinationKinds.indexOf(a.destination.kind) - destinationKinds.indexOf(b.destination.kind) ||
      a.destination.address.localeCompare(b.destination.address, 'zh-CN'),
  );
}

/** 共20项（12件、8箱）: printed in the list, where official text puts no spaces between Chinese and digits. */
export function totalsText(list: DestinationList): string {
  return `共${list.items.length}项（${list.totals.map((t) => `${formatQuantity(t.quantity)}${t.unit}`).join('、')}）`;
}

/** 2, 2.5: no trailing zeros, no float noise. */
export const formatQuantity = (q: number): string => String(Math.round(q * 1000) / 1000);

/**
 * Why the list cannot be printed yet, in Chinese; empty when it can. The count is
 * notarised and witnessed (民诉法第二百五十六条), so the list needs them on record.
 */
export function printProblems(
  attendance: InventoryAttendanceRecord | undefined,
  items: readonly InventoryItemRecord[],
): string[] {
  const problems: string[] = [];
  if (!attendance || !attendance.notaryInstitution.trim() || attendance.notaryNames.length === 0) {
    problems.push('尚未登记公证机构和公证员：清登须在公证人员现场监督下进行');
  }
  const witnesses = attendance?.witnesses.filter((w) => w.name.trim()).length ?? 0;
  if (witnesses < 2) problems.push(`见证人须至少两名，目前登记了 ${witnesses} 名`);
  const listed = items.filter((i) => i.status === 'listed');
  if (listed.length === 0) problems.push('尚未登记任何物品');
  const undecided = listed.filter((i) => !i.destination);
  if (undecided.length > 0) {
    problems.push(`${undecided.length} 项物品尚未确定去向（${undecided.slice(0, 5).map((i) => i.tag).join('、')}${undecided.length > 5 ? '等' : ''}）`);
  }
  return problems;
}

/** 黄敏（110101********3023，柳巷社区居民委员会） */
export const witnessText = (w: { name: string; idNumber: string; unit: string }): string =>
  `${w.name}（${[w.idNumber ? maskIdNumber(w.idNumber) : '', w.unit].filter(Boolean).join('，')}）`;

/** One item as a log entry names it: 1-003 电视机 1 台（客厅）. */
export const itemLogText = (item: Pick<InventoryItemRecord, 'tag' | 'name' | 'quantity' | 'unit'>, roomName: string): string =>
  `${item.tag} ${item.name} ${formatQuantity(item.quantity)} ${item.unit}（${roomName}）`;

/** What changed between two versions of an item, for the log: 数量 1→2；状况 完好→划痕. */
export function itemChanges(before: InventoryItemRecord, after: InventoryItemRecord, roomName: (id: string) => string): string[] {
  const changes: string[] = [];
  const field = (label: string, a: string, b: string) => {
    if (a !== b) changes.push(`${label} ${a || '（空）'}→${b || '（空）'}`);
  };
  field('标签号', before.tag, after.tag);
  field('房间', roomName(before.roomId), roomName(after.roomId));
  field('名称', before.name, after.name);
  field('数量', formatQuantity(before.quantity), formatQuantity(after.quantity));
  field('单位', before.unit, after.unit);
  field('状况', before.condition, after.condition);
  field('备注', before.note, after.note);
  field('贵重物品', before.valuable ? '是' : '否', after.valuable ? '是' : '否');
  field('去向', before.destination ? destinationText(before.destination) : '', after.destination ? destinationText(after.destination) : '');
  if (before.photos.length !== after.photos.length) changes.push(`照片 ${before.photos.length}→${after.photos.length} 张`);
  return changes;
}

/** 公证书编号 as entered: （2026）滨临证字第1234号. */
export const certificateInputSchema = z.object({
  number: text('公证书编号', 60).min(1, '请填写公证书编号（公证书出具后登记）'),
});
