import { describe, expect, it } from 'vitest';
import type { OperationBackup } from '../../shared/archive/backup';
import { buildDemoBackup } from '../../shared/archive/demoBackup';
import {
  COPIES_LINE,
  REFUSAL_LINE,
  closingSentence,
  infoLines,
  inventoryListData,
  renderInventoryList,
  runningHead,
  signatureLines,
  type InventoryRecords,
} from '../../shared/documents/inventoryList';
import { renderDocumentKind } from '../../shared/documents/registry';
import type { InventoryItemRecord, InventoryRoomRecord } from '../../shared/inventory/types';
import { appendEntry } from '../../shared/log/append';
import { inventoryAttendanceFixture } from '../fixtures/documents/inventoryAttendance';
import { hasPoppler, nodeFonts, pdfPages, pdfRawText, pdfText, popplerSuite, savePdf } from '../fixtures/documents/pdf';

const AT = '2026-12-08T10:00:00.000+08:00';
const OP = 'demo-operation';
const interim = { kind: 'interimHousing', address: '滨江市临江区柳巷周转房3号楼201室' } as const;
const resettlement = { kind: 'resettlementHousing', address: '滨江市临江区河西安置小区5号楼' } as const;

const rooms: InventoryRoomRecord[] = [
  { id: 'r1', operationId: OP, name: '客厅', position: 0, createdAt: AT, updatedAt: AT },
  { id: 'r2', operationId: OP, name: '主卧', position: 1, createdAt: AT, updatedAt: AT },
];

/** 20 items, 10 per room; odd items to the 周转房, even ones to the 安置房; one withdrawn extra. */
function items(): InventoryItemRecord[] {
  const list = Array.from({ length: 20 }, (_, i): InventoryItemRecord => {
    const room = i < 10 ? 1 : 2;
    return {
      id: `i${i + 1}`,
      operationId: OP,
      tag: `${room}-${String((i % 10) + 1).padStart(3, '0')}`,
      roomId: `r${room}`,
      name: `物品${i + 1}号`,
      quantity: i + 1,
      unit: i % 3 === 0 ? '箱' : '件',
      condition: i === 4 ? '轻微划痕' : '完好',
      photos: [],
      destination: i % 2 === 0 ? interim : resettlement,
      note: i === 7 ? '易碎，已加护角' : '',
      status: 'listed',
      createdAt: AT,
      updatedAt: AT,
    };
  });
  list.push({ ...list[0]!, id: 'i21', tag: '1-099', name: '错录的物品', status: 'withdrawn', withdrawnReason: '重复登记' });
  return list;
}

function records(): InventoryRecords {
  const backup = buildDemoBackup({ now: '2026-11-23T10:00:00.000+08:00', appVersion: '1' });
  return {
    operation: backup.operation,
    subjects: backup.subjects,
    rooms,
    items: items(),
    attendance: inventoryAttendanceFixture(OP, AT),
    lastLogEntry: { seq: 42, hash: 'ab'.repeat(32) },
  };
}

const strip = (text: string) => text.replace(/\s+/g, '');

describe('inventory list data', () => {
  it('makes one section per destination with the listed items in room and label order', () => {
    const result = inventoryListData(records(), AT);
    if (!result.ok) throw new Error(result.problems.join());
    const [first, second] = result.data.sections;
    expect(result.data.sections).toHaveLength(2);
    expect(first!.destination).toBe('周转房（滨江市临江区柳巷周转房3号楼201室）');
    expect(first!.rows).toHaveLength(10);
    expect(second!.rows).toHaveLength(10);
    expect(first!.rows[0]).toEqual(['1', '1-001', '客厅', '物品1号', '1', '箱', '完好', '']);
    expect(first!.rows.map((r) => r[1])).toEqual(['1-001', '1-003', '1-005', '1-007', '1-009', '2-001', '2-003', '2-005', '2-007', '2-009']);
    expect(result.data.witnesses[0]).toBe('黄敏（110101********3023，柳巷社区居民委员会）');
    // Official text: no spaces between Chinese and digits.
    expect(first!.total).toBe('共10项（40箱、60件）');
    expect(closingSentence(first!)).toBe('以上物品共10项（40箱、60件），由清登组在公证人员现场监督、见证人见证下逐件清点登记，封箱贴签后运至上列存放地点存放。');
    expect(runningHead(first!)).toBe('物品清单　物品去向：周转房（滨江市临江区柳巷周转房3号楼201室）');
    expect(result.data.subjectNames).toEqual(['张建国', '李秀兰']);
    expect(signatureLines(result.data.subjectNames).filter((l) => l.startsWith('被执行人'))).toEqual(['被执行人张建国（签名）：', '被执行人李秀兰（签名）：']);
    expect(signatureLines([])).toContain('被执行人（签名）：');
    // Whoever takes the goods in at their destination signs for them.
    expect(signatureLines([])).toContain('接收人（签名）：');
    expect(result.data.chainHead).toEqual({ seq: 42, hash: 'ab'.repeat(32) });
    expect(JSON.stringify(result.data)).not.toContain('错录的物品');
  });

  it('lists valuables apart, and prints the storage place, how to collect, and the certificate number once recorded', () => {
    const r = records();
    const valuable = r.items.map((item) => (item.id === 'i3' ? { ...item, name: '金项链', valuable: true } : item));
    const result = inventoryListData({ ...r, items: valuable }, AT);
    if (!result.ok) throw new Error(result.problems.join());
    const [first] = result.data.sections;
    expect(first!.valuables).toEqual([['1', '1-003', '客厅', '金项链', '3', '件', '完好', '']]);
    expect(first!.rows).toHaveLength(9);
    expect(first!.rows.map((row) => row[3])).not.toContain('金项链');
    expect(result.data.notaryCertificate).toBe('（公证书出具后登记）');
    expect(result.data.collection).toContain('凭身份证件');
    const lines = Object.fromEntries(infoLines(result.data, first!));
    expect(lines['存放地点']).toBe('周转房（滨江市临江区柳巷周转房3号楼201室）');
    expect(lines['公证书号']).toBe('（公证书出具后登记）');
    const certified = inventoryListData(
      { ...r, attendance: { ...r.attendance!, notaryCertificate: { number: '（2026）滨临证字第1234号', recordedAt: AT, recordedBy: '韩冰' } } },
      AT,
    );
    expect(certified.ok && certified.data.notaryCertificate).toBe('（2026）滨临证字第1234号');
  });

  it('refuses to print without a notary or two witnesses, naming what is missing', () => {
    const r = records();
    const result = inventoryListData({ ...r, attendance: { ...r.attendance!, notaryNames: [], witnesses: r.attendance!.witnesses.slice(0, 1) } }, AT);
    expect(result.ok ? [] : result.problems).toEqual([
      '尚未登记公证机构和公证员：清登须在公证人员现场监督下进行',
      '见证人须至少两名，目前登记了 1 名',
    ]);
  });
});

describe.skipIf(!hasPoppler)(popplerSuite('inventory list rendered'), { timeout: 30_000 }, () => {
  it('prints 20 items in 2 rooms for 2 destinations, each list twice, with signature blocks and the chain head', async () => {
    const result = inventoryListData(records(), AT);
    if (!result.ok) throw new Error(result.problems.join());
    const path = savePdf('inventory-list.pdf', await renderInventoryList(result.data, nodeFonts));
    const pages = pdfPages(pdfText(path));
    const flat = strip(pdfRawText(path));
    for (const field of [
      '物品清单',
      '序号', '标签号', '房间', '物品名称', '数量', '单位', '状况', '备注',
      '（2026）滨0103行审45号',
      '张建国、李秀兰',
      '滨江市临江区河西街道柳巷胡同17号',
      '2026年12月8日',
      '周转房（滨江市临江区柳巷周转房3号楼201室）',
      '安置房（滨江市临江区河西安置小区5号楼）',
      '滨江市公证处公证员王明、赵静',
      '易碎，已加护角',
      '轻微划痕',
      '公证员（签名）',
      '清登组（签名）',
      '接收人（签名）',
      '被执行人张建国（签名）',
      '被执行人李秀兰（签名）',
      REFUSAL_LINE,
      COPIES_LINE,
      '存放地点',
      '公证书号：（公证书出具后登记）',
      '第一联（存档）',
      '第二联（交被执行人）',
      `第42条SHA-256${'ab'.repeat(32)}`,
      '示例',
    ]) {
      expect(flat, field).toContain(strip(field));
    }
    for (let i = 1; i <= 20; i++) expect(flat).toContain(`物品${i}号`);
    expect(flat).not.toContain('错录的物品');
    // Two destinations × two copies, each its own page run starting at page 1.
    expect(flat.match(/见证人（签名）/g)).toHaveLength(8);
    expect(flat.match(/本清单一式二份/g)).toHaveLength(4);
    // 第 x 页 共 y 页 within each copy: a missing or added sheet shows.
    const firstPages = pages.filter((p) => /第\s*1\s*页\s*共\s*2\s*页/.test(p));
    expect(firstPages).toHaveLength(4);
    expect(pages.filter((p) => /第\s*2\s*页\s*共\s*2\s*页/.test(p))).toHaveLength(4);
    // Every sheet says which list and which copy it is, so a separated one is still known.
    for (const page of pages) {
      const flatPage = strip(page);
      expect(flatPage).toMatch(/^(示例·)?第[一二]联（[^）]+）物品清单物品去向：(周转房|安置房)（/);
      expect(flatPage).toMatch(/第[一二]联/);
    }
    // The signatures never stand alone: the closing sentence and the last rows are with them.
    for (const page of pages.filter((p) => p.includes('公证员（签名）'))) {
      const flatPage = strip(page);
      expect(flatPage).toContain('以上物品共10项');
      expect(flatPage).toMatch(/物品(19|20)号/);
      expect(flatPage).toContain('序号标签号');
    }
    // The destination is named once in the body, under the running head.
    const firstCopy = strip(firstPages[0]!);
    expect(firstCopy.split('周转房（滨江市临江区柳巷周转房3号楼201室）')).toHaveLength(3);
  });

  it('prints the valuables in a table of their own before the other items', async () => {
    const r = records();
    const valuable = r.items.map((item) => (item.id === 'i3' ? { ...item, name: '金项链', valuable: true } : item));
    const result = inventoryListData({ ...r, items: valuable }, AT);
    if (!result.ok) throw new Error(result.problems.join());
    const flat = strip(pdfRawText(savePdf('inventory-list-valuables.pdf', await renderInventoryList(result.data, nodeFonts))));
    const first = flat.indexOf('一、贵重物品（单独登记、单独封存）');
    expect(first).toBeGreaterThan(0);
    expect(flat.indexOf('金项链', first)).toBeLessThan(flat.indexOf('二、其他物品', first));
  });

  it('keeps a long seal number inside its cell', async () => {
    const r = records();
    const items = r.items.map((item, i) => (i === 0 ? { ...item, note: '当场封存（封条号FC-2026-0012）' } : item));
    const result = inventoryListData({ ...r, items }, AT);
    if (!result.ok) throw new Error(result.problems.join());
    const text = pdfText(savePdf('inventory-list-seal.pdf', await renderInventoryList(result.data, nodeFonts)));
    expect(text).not.toContain('FC-2026-0012');
    expect(text).toMatch(/0012）/);
  });

  it('prints from a backup through the registry, pinned to the last log entry', async () => {
    const backup = buildDemoBackup({ now: '2026-11-23T10:00:00.000+08:00', appVersion: '1' });
    const r = records();
    const entry = appendEntry(undefined, { operationId: OP, operator: '刘强', group: 'inventory', category: 'inventory', text: '清登开始' }, new Date(AT));
    const filled = { ...backup, inventoryRooms: [...r.rooms], inventoryItems: [...r.items], inventoryAttendance: [r.attendance!], logEntries: [{ ...entry }] as OperationBackup['logEntries'] };
    const rendered = await renderDocumentKind('inventoryList', filled, nodeFonts, { printedAt: AT, sha256: async () => '' });
    expect(rendered.source).toBe('物品清单 2 份（周转房（滨江市临江区柳巷周转房3号楼201室）、安置房（滨江市临江区河西安置小区5号楼）），每份一式二份');
    const flat = strip(pdfRawText(savePdf('inventory-list-registry.pdf', rendered.bytes)));
    expect(flat).toContain(`第1条SHA-256${entry.hash}`);
    await expect(renderDocumentKind('inventoryList', backup, nodeFonts, { printedAt: AT, sha256: async () => '' })).rejects.toThrow(
      '无法制作物品清单：尚未登记公证机构和公证员',
    );
  });
});
