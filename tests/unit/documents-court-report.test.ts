import { execFileSync, spawnSync } from 'node:child_process';
import { readdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { OperationBackup } from '../../shared/archive/backup';
import {
  courtReportData,
  courtReportProblems,
  courtReportQrText,
  courtReportText,
  parseLines,
  parseProcessLines,
  processLine,
  qrMatrix,
  renderCourtReport,
  withCourtReportText,
  type CourtReportText,
} from '../../shared/documents/courtReport';
import { defaultIssuerCode } from '../../shared/documents/records';
import { backupChainHead, renderDocumentKind } from '../../shared/documents/registry';
import type { InventoryItemRecord, InventoryRoomRecord } from '../../shared/inventory/types';
import { archivableBackup } from '../fixtures/archive/archivable';
import { inventoryAttendanceFixture } from '../fixtures/documents/inventoryAttendance';
import { onSiteLog } from '../fixtures/documents/onSiteLog';
import { hasPoppler, nodeFonts, pdfRawText, popplerSuite, savePdf } from '../fixtures/documents/pdf';

const AT = '2026-12-08T14:00:00.000+08:00';
const NOTICE_SHA = 'ab12'.repeat(16);
const MEDIA_SHA = 'c0ffee'.repeat(10) + 'abcd';
const OVERRIDE_REASON = '被执行人在屋内囤积液化气罐并扬言引爆，须当日处置';

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
  // The commander started on the emergency exception (the console logs it on the start entry).
  const logEntries = onSiteLog(op).map((e) =>
    e.category === 'phase' && e.data?.phase === 'start'
      ? { ...e, data: { ...e.data, emergency: true, emergencyReason: OVERRIDE_REASON, overridden: 'weekend' } }
      : e,
  );
  return {
    ...base,
    operation: { ...base.operation, costs: { amount: 48600, bearer: '被执行人张建国、李秀兰', note: '搬运 2 车次、仓储 30 日、公证费' } },
    documents,
    logEntries,
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

describe('court report wording (editable before issue)', () => {
  it('overlays edited wording on generated data, never the tables, attachments or the head', () => {
    const backup = reportBackup();
    const head = backupChainHead(backup);
    const data = courtReportData(backup, head, AT);
    const text = { ...courtReportText(data), court: '临江市中级人民法院', remarks: ['被执行人对补偿款有异议，已告知救济途径。'] };
    const later = { seq: head.seq + 1, hash: 'f'.repeat(64) };
    const merged = withCourtReportText(courtReportData(backup, later, AT), { ...text, documentNumber: '临江强执报〔2026〕1号', issuedOn: '2026-12-09' });
    expect(merged.court).toBe('临江市中级人民法院');
    expect(merged.remarks).toEqual(['被执行人对补偿款有异议，已告知救济途径。']);
    expect(merged.head).toEqual(later);
    expect(merged.attachments).toEqual(data.attachments);
    expect(merged.documentNumber).toBe('临江强执报〔2026〕1号');
    expect(merged.date).toBe('2026-12-09');
    // An earlier issued report is not an attachment of its correction.
    const withReport = { ...backup, documents: [...backup.documents, { id: 'r1', kind: 'courtReport', status: 'issued', number: 'X', sha256: '1'.repeat(64), data: text }] };
    expect(courtReportData(withReport as unknown as OperationBackup, head, AT).attachments).toEqual(data.attachments);
  });

  it('reads the editor lines back: 时间｜经过 rows, paragraphs, blank lines dropped', () => {
    const rows = [['09:05', '宣布开始执行'], ['', '无时间的经过']];
    expect(parseProcessLines(rows.map(processLine).join('\n\n'))).toEqual([['09:05', '宣布开始执行'], ['', '无时间的经过']]);
    expect(parseProcessLines('10:00|带离现场｜去向周转房\n整行经过')).toEqual([['10:00', '带离现场｜去向周转房'], ['', '整行经过']]);
    expect(parseLines(' 甲 \n\n乙\n')).toEqual(['甲', '乙']);
  });

  it('names what is missing before issue', () => {
    const text = courtReportText(courtReportData(reportBackup(), { seq: 0, hash: '0'.repeat(64) }, AT));
    expect(courtReportProblems(text)).toEqual([]);
    expect(courtReportProblems({ ...text, court: '未填写', process: [] })).toEqual(['请填写报送的人民法院', '执行过程为空：请先在现场指挥记录执行经过，或在报告中填写']);
    const noCosts = courtReportText(courtReportData({ ...reportBackup(), operation: { ...reportBackup().operation, costs: undefined } }, { seq: 0, hash: '0'.repeat(64) }, AT));
    expect(noCosts.costs).toEqual(['执行费用未记录。']);
    expect(courtReportProblems(noCosts)).toEqual(['请记录执行费用的金额和承担人（《中华人民共和国行政强制法》第六十条）']);
  });

  it('states the service per subject, every emergency override with its reason, and the costs', () => {
    const data = courtReportData(reportBackup(), { seq: 0, hash: '0'.repeat(64) }, AT);
    expect(data.issuer).toBe('滨江市临江区人民政府');
    expect(data.service.map((row) => row[0])).toEqual(['张建国', '李秀兰']);
    expect(data.overrides).toHaveLength(1);
    expect(data.overrides[0]).toContain(`宣布开始执行时援引情况紧急例外（陈志远），越过：星期六、星期日；理由：${OVERRIDE_REASON}`);
    expect(data.costs[0]).toBe('本次强制执行费用共计人民币48,600.00元，由被执行人张建国、李秀兰承担（《中华人民共和国行政强制法》第六十条）。');
    // A draft stored before the costs were asked keeps the generated lines.
    const { costs: _costs, ...old } = courtReportText(data);
    expect(withCourtReportText(data, old as CourtReportText).costs).toEqual(data.costs);
  });

  it('numbers reports in their own series', () => {
    expect(defaultIssuerCode('临江征补决〔2026〕7号', 'courtReport')).toBe('临江强执报');
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
    // Signed by the organising body named on the operation; the 临时指挥部 has no seal.
    expect(text).not.toContain('临时指挥部（盖章）');
    expect(text).toMatch(/特此报告。滨江市临江区人民政府2026年12月8日/);
    expect(text).toContain('文书送达和公告');
    expect(text).toContain(OVERRIDE_REASON);
    expect(text).toContain('人民币48,600.00元，由被执行人张建国、李秀兰承担');
  });

  it('prints an issued report as frozen, and a draft with its edited wording and the current head', { timeout: 60_000 }, async () => {
    const backup = reportBackup();
    const head = backupChainHead(backup);
    const text = { ...courtReportText(courtReportData(backup, head, AT)), remarks: ['草稿中补充的说明文字。'] };
    const draft = { id: 'cr-draft', operationId: backup.operation.id, kind: 'courtReport', status: 'draft', issuerCode: '临江强执报', year: 2026, createdAt: AT, updatedAt: AT, data: text };
    const withDraft = { ...backup, documents: [...backup.documents, draft] } as unknown as OperationBackup;
    const drafted = await renderDocumentKind('courtReport', withDraft, nodeFonts, { printedAt: AT, sha256: async () => '' });
    expect(drafted.source).toContain('草稿');
    const draftText = pdfRawText(savePdf('court-report-draft.pdf', drafted.bytes)).replace(/\s+/g, '');
    expect(draftText).toContain('其他需要说明的情况');
    expect(draftText).toContain('草稿中补充的说明文字。');
    expect(draftText).toContain(head.hash);

    const frozen = new TextEncoder().encode('%PDF-1.4 frozen report');
    const issued = { ...draft, id: 'cr-1', status: 'issued', number: '临江强执报〔2026〕1号', issuedAt: AT, pdf: frozen, sha256: 'aa'.repeat(32) };
    const withIssued = { ...backup, documents: [...backup.documents, issued, draft] } as unknown as OperationBackup;
    const out = await renderDocumentKind('courtReport', withIssued, nodeFonts, { printedAt: AT, sha256: async () => 'aa'.repeat(32) });
    expect(out.bytes).toEqual(frozen);
    expect(out.source).toContain('临江强执报〔2026〕1号');
  });

  // zbarimg (zbar-tools, installed by CI) reads the printed QR code back from a page image.
  it.skipIf(spawnSync('zbarimg', ['--version']).error !== undefined)('prints a QR code that decodes to the log head and count', { timeout: 60_000 }, async () => {
    const backup = reportBackup();
    const head = backupChainHead(backup);
    const path = savePdf('court-report-qr.pdf', await renderCourtReport(courtReportData(backup, head, AT), nodeFonts));
    const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [path], { encoding: 'utf8' }))![1]);
    const png = join(dirname(path), 'court-report-qr');
    for (const old of readdirSync(dirname(path)).filter((f) => f.startsWith('court-report-qr-'))) rmSync(join(dirname(path), old));
    execFileSync('pdftoppm', ['-r', '150', '-png', '-f', String(pages), '-l', String(pages), path, png]);
    const image = readdirSync(dirname(path)).find((f) => f.startsWith('court-report-qr-') && f.endsWith('.png'))!;
    const decoded = execFileSync('zbarimg', ['-q', '--raw', join(dirname(path), image)], { encoding: 'utf8' }).trim();
    expect(decoded).toBe(courtReportQrText(head, backup.logEntries.length));
  });

  it('renders directly from data too', async () => {
    const backup = reportBackup();
    const bytes = await renderCourtReport(courtReportData(backup, backupChainHead(backup), AT), nodeFonts);
    expect(bytes.length).toBeGreaterThan(1000);
  });
});
