import { describe, expect, it } from 'vitest';
import {
  attendanceInputSchema,
  itemChanges,
  itemInputSchema,
  listsByDestination,
  printProblems,
  suggestTag,
  totalsText,
} from '../../shared/inventory/inventory';
import { fieldErrors } from '../../shared/documents/records';
import type { InventoryItemRecord } from '../../shared/inventory/types';

const AT = '2026-12-08T10:00:00.000+08:00';
const item = (extra: Partial<InventoryItemRecord>): InventoryItemRecord => ({
  id: 'i',
  operationId: 'op',
  tag: '1-001',
  roomId: 'r1',
  name: '电视机',
  quantity: 1,
  unit: '台',
  condition: '完好',
  photos: [],
  note: '',
  status: 'listed',
  createdAt: AT,
  updatedAt: AT,
  ...extra,
});

describe('label numbers', () => {
  it('suggests the next number in the room, room-number style, skipping numbers taken', () => {
    expect(suggestTag(0, [])).toBe('1-001');
    expect(suggestTag(0, ['1-001', '1-002', '2-007'])).toBe('1-003');
    expect(suggestTag(1, ['1-001', '2-007'])).toBe('2-008');
    expect(suggestTag(2, ['3-009', '3-010'])).toBe('3-011');
    expect(suggestTag(0, ['1-箱A'])).toBe('1-001');
  });
});

describe('input checks', () => {
  it('explains in Chinese what an item lacks', () => {
    const r = itemInputSchema.safeParse({ roomId: '', tag: ' ', name: '', quantity: 0, unit: '' });
    expect(r.success).toBe(false);
    if (r.success) return;
    expect(fieldErrors(r.error.issues)).toEqual({
      roomId: '请选择房间',
      tag: '请填写箱号或标签号',
      name: '请填写物品名称',
      quantity: '数量应大于 0',
      unit: '请填写单位（如 件、箱、台）',
    });
    const nan = itemInputSchema.safeParse({ roomId: 'r', tag: '1', name: 'x', quantity: Number.NaN, unit: '件' });
    expect(nan.success).toBe(false);
    expect(itemInputSchema.parse({ roomId: 'r', tag: ' 1-001 ', name: '桌子', quantity: 2.5, unit: '米' })).toMatchObject({ tag: '1-001', quantity: 2.5, condition: '', note: '' });
  });

  it('keeps witnesses that are filled in and checks each', () => {
    const r = attendanceInputSchema.safeParse({
      notaryInstitution: '滨江市公证处',
      notaryNames: ['王明', ''],
      witnesses: [{ name: '黄敏', idNumber: '12345', unit: '社区' }, { name: '', idNumber: '', unit: '' }, { name: '周海', idNumber: '', unit: '' }],
    });
    expect(r.success).toBe(false);
    if (r.success) return;
    expect(fieldErrors(r.error.issues)).toEqual({
      'witnesses.0.idNumber': '身份证号应为 18 位（末位可为 X）',
      'witnesses.1.unit': '请填写见证人工作单位或住址',
    });
  });
});

describe('lists and readiness', () => {
  const interim = { kind: 'interimHousing', address: '周转房A' } as const;
  const other = { kind: 'other', address: '仓库' } as const;
  const resettlement = { kind: 'resettlementHousing', address: '安置房B' } as const;
  const rooms = [
    { id: 'r1', operationId: 'op', name: '客厅', position: 0, createdAt: AT, updatedAt: AT },
    { id: 'r2', operationId: 'op', name: '卧室', position: 1, createdAt: AT, updatedAt: AT },
  ];

  it('groups listed items by destination, 周转房 first, in room then label order, with totals per unit', () => {
    const lists = listsByDestination(
      [
        item({ id: 'a', tag: '2-001', roomId: 'r2', destination: interim, unit: '箱', quantity: 3 }),
        item({ id: 'b', tag: '1-010', destination: interim }),
        item({ id: 'c', tag: '1-002', destination: interim }),
        item({ id: 'd', tag: '1-003', destination: other }),
        item({ id: 'e', tag: '1-004', destination: resettlement }),
        item({ id: 'f', tag: '1-005', destination: interim, status: 'withdrawn' }),
        item({ id: 'g', tag: '1-006' }),
      ],
      rooms,
    );
    expect(lists.map((l) => l.destination.kind)).toEqual(['interimHousing', 'resettlementHousing', 'other']);
    expect(lists[0]!.items.map((i) => i.id)).toEqual(['c', 'b', 'a']);
    expect(totalsText(lists[0]!)).toBe('共3项（2台、3箱）');
  });

  it('refuses printing without notary, two witnesses, items or destinations', () => {
    expect(printProblems(undefined, [])).toEqual([
      '尚未登记公证机构和公证员：清登须在公证人员现场监督下进行',
      '见证人须至少两名，目前登记了 0 名',
      '尚未登记任何物品',
    ]);
    const attendance = {
      id: 'op',
      operationId: 'op',
      notaryInstitution: '公证处',
      notaryNames: ['王明'],
      witnesses: [
        { name: '黄敏', idNumber: '', unit: '社区' },
        { name: '周海', idNumber: '', unit: '街道' },
      ],
      groupLeader: '',
      updatedAt: AT,
    };
    expect(printProblems(attendance, [item({ tag: '1-001' }), item({ tag: '1-002', destination: interim })])).toEqual([
      '1 项物品尚未确定去向（1-001）',
    ]);
    expect(printProblems(attendance, [item({ destination: interim })])).toEqual([]);
  });

  it('describes a change field by field for the log', () => {
    const before = item({ destination: interim });
    const after = item({ quantity: 2, condition: '划痕', roomId: 'r2', destination: resettlement });
    const name = (id: string) => rooms.find((r) => r.id === id)!.name;
    expect(itemChanges(before, after, name)).toEqual(['房间 客厅→卧室', '数量 1→2', '状况 完好→划痕', '去向 周转房（周转房A）→安置房（安置房B）']);
  });
});
