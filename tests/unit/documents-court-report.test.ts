import { describe, expect, it } from 'vitest';
import type { OperationBackup } from '../../shared/archive/backup';
import { courtReportData, courtReportQrText, qrMatrix, renderCourtReport } from '../../shared/documents/courtReport';
import { backupChainHead, renderDocumentKind } from '../../shared/documents/registry';
import type { InventoryItemRecord, InventoryRoomRecord } from '../../shared/inventory/types';
import { archivableBackup } from '../fixtures/archive/archivable';
import { inventoryAttendanceFixture } from '../fixtures/documents/inventoryAttendance';
import { onSiteLog } from '../fixtures/documents/onSiteLog';
import { hasPoppler, nodeFonts, pdfRawText, popplerSuite, savePdf } from '../fixtures/documents/pdf';

const AT = '2026-12-08T14:00:00.000+08:00';
const NOTICE_SHA = 'ab12'.repeat(16);
const MEDIA_SHA = 'c0ffee'.repeat(10) + 'abcd';

/** The demo operation with the realistic day's log, an inventory, its notary and a video. */
function reportBackup(): OperationBackup {
  const base = archivableBackup(0);
  const op = base.operation.id;
  const rooms: InventoryRoomRecord[] = [{ id: 'r1', operationId: op, name: '客厅', position: 0, createdAt: AT, updatedAt: AT }];
  const item = (i: number, unit: string, kind: 'interimHousing' | 'resettlementHousing'): InventoryItemRecord => ({
    id: `i${i}`,
    operationId: op,
    tag: `1-00${i}`,
    roomId: 'r1',
    name: `物品${i}`,
    quantity: i,
    unit,
    condition: '完好',
    photos: [],
    destination: { kind, address: kind === 'interimHousing' ? '临江区青松路88号3栋2单元501室' : '河西安置小区5号楼' },
    note: '',
    status: 'listed',
    createdAt: AT,
    updatedAt: AT,
  });
  const media = { id: 'm1', operationId: op, kind: 'video', deviceNumber: 'LJ-07', originalName: 'LJ07_0001.MP4', sha256: MEDIA_SHA };
  // The archive fixture's issued 告知书 with the SHA-256 fixed at issue.
  const documents = base.documents.map((d) => (d.id === 'notice-3' ? { ...d, sha256: NOTICE_SHA } : d));
  return {
    ...base,
    documents,
    logEntries: onSiteLog(op),
    inventoryRooms: rooms,
    inventoryItems: [item(1, '件', 'interimHousing'), item(2, '箱', 'interimHousing'), item(3, '件', 'resettlementHousing')],
    inventoryAttendance: [inventoryAttendanceFixture(op, AT)],
    media: [media],
  } as unknown as OperationBackup;
}

describe('court report content', () => {
  it('keeps only the key entries of the day, with the stop ground, and the head as QR text', () => {
    const backup = reportBackup();
    const head = backupChainHead(backup);
    const data = courtReportData(backup, head, AT);
    expect(data.court).toBe(backup.operation.courtRuling.court);
    expect(data.process.some((r) => r[1]!.includes('情形三'))).toBe(true);
    expect(data.process.some((r) => r[1]!.includes('围观群众'))).toBe(false);
    expect(data.escorted[0]).toContain('周转房');
    expect(data.inventory).toEqual([
      ['周转房（临江区青松路88号3栋2单元501室）', '共2项（1件、2箱）'],
      ['安置房（河西安置小区5号楼）', '共1项（3件）'],
    ]);
    expect(data.attachments).toContainEqual(['视频 LJ-07「LJ07_0001.MP4」', MEDIA_SHA]);
    expect(data.entryCount).toBe(backup.logEntries.length);
    expect(data.qrText).toBe(courtReportQrText(head, backup.logEntries.length));
  });

  it('builds a QR matrix of a fixed size for the head text', () => {
    const text = courtReportQrText({ seq: 41, hash: 'ab'.repeat(32) }, 41);
    const matrix = qrMatrix(text);
    // 98 bytes at level M need version 6 (up to 106 bytes): 41 modules a side.
    expect(text).toHaveLength(98);
    expect(matrix.length).toBe(41);
    expect(matrix.every((row) => row.length === 41)).toBe(true);
    // The finder pattern's corner is dark.
    expect(matrix[0]![0]).toBe(true);
  });
});

describe.skipIf(!hasPoppler)(popplerSuite('court report PDF'), () => {
  it('prints the ruling, address, phases, ground, totals, attachment hashes and the log head', { timeout: 60_000 }, async () => {
    const backup = reportBackup();
    const { bytes, source } = await renderDocumentKind('courtReport', backup, nodeFonts, { printedAt: AT, sha256: async () => '' });
    expect(source).toContain('执行日志');
    const path = savePdf('court-report.pdf', bytes);
    const text = pdfRawText(path).replace(/\s+/g, '');
    const head = backupChainHead(backup);
    const { operation } = backup;
    expect(text).toContain(operation.courtRuling.number.replace(/\s+/g, ''));
    expect(text).toContain(`${operation.courtRuling.court}：`);
    expect(text).toContain(operation.propertyAddress.replace(/\s+/g, ''));
    for (const phase of ['宣布开始执行', '带离现场', '清登完成', '拆除完成', '宣布执行完毕']) expect(text).toContain(phase);
    expect(text).toContain('情形三');
    expect(text).toContain('共2项（1件、2箱）');
    expect(text).toContain(MEDIA_SHA);
    expect(text).toContain(NOTICE_SHA);
    expect(text).toContain('临江强执告〔2026〕3号');
    expect(text).toContain(head.hash);
    expect(text).toContain(`执行日志共${backup.logEntries.length}条`);
    expect(text).toContain('临时指挥部（盖章）');
  });

  it('renders directly from data too', async () => {
    const backup = reportBackup();
    const bytes = await renderCourtReport(courtReportData(backup, backupChainHead(backup), AT), nodeFonts);
    expect(bytes.length).toBeGreaterThan(1000);
  });
});
