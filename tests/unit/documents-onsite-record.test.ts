import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseBackup, type OperationBackup } from '../../shared/archive/backup';
import { backupChainHead, renderDocumentKind } from '../../shared/documents/registry';
import { END_OF_TEXT, onSiteRecordData, renderOnSiteRecord, pageSignatures, runningHead, signatureLines } from '../../shared/documents/onSiteRecord';
import { chainHeadLine } from '../../shared/log/head';
import type { ChainHead, LogEntry } from '../../shared/log/types';
import { inventoryAttendanceFixture } from '../fixtures/documents/inventoryAttendance';
import { longOnSiteLog, onSiteLog, onSiteRecordSource } from '../fixtures/documents/onSiteLog';
import { hasPoppler, nodeFonts, pdfPages, pdfRawText, pdfText, popplerSuite, savePdf } from '../fixtures/documents/pdf';

const strip = (text: string) => text.replace(/\s+/g, '');
const headOf = (entries: LogEntry[]): ChainHead => ({ seq: entries.at(-1)!.seq, hash: entries.at(-1)!.hash });

describe('on-site record content', () => {
  it('covers the day from the first check-in to the declared completion', () => {
    const source = onSiteRecordSource();
    const data = onSiteRecordData(source);
    expect(data.time).toBe('2026年12月8日 9时02分 至 12时15分');
    expect(data.place).toBe('滨江市临江区河西街道柳巷胡同17号');
    expect(data.basis).toBe('滨江市临江区人民法院（2026）滨0103行审45号《行政裁定书》；临江征补决〔2026〕12号《房屋征收补偿决定书》');
    expect(data.subjects).toBe('张建国、李秀兰');
    // Preparation entries (1, 2) and the note after completion are not part of the day.
    expect(data.timeline[0]![0]).toBe('3');
    const complete = source.entries.find((e) => e.data?.['phase'] === 'complete')!;
    expect(data.timeline.at(-1)![0]).toBe(String(complete.seq));
    expect(data.coverage).toContain(`第3条至第${complete.seq}条`);
    expect(data.coverage).toContain('其中更正1条');
  });

  it('leaves changes to the records (category edit) out of the day, saying how many the log holds', () => {
    const source = onSiteRecordSource();
    const start = source.entries.find((e) => e.data?.['phase'] === 'start')!;
    const edit = { ...start, seq: start.seq + 0.5, category: 'edit' as const, operator: '李文书', text: '修改强制执行情况报告草稿：报送法院' };
    const data = onSiteRecordData({ ...source, entries: [...source.entries, edit] });
    expect(data.timeline.map((row) => row[3]).join('')).not.toContain('修改强制执行情况报告草稿');
    expect(data.present.map((p) => p[0])).not.toContain('李文书');
    expect(data.coverage).toContain('其中资料变更1条（文书草稿等记录的修改）不列入本笔录，见执行日志');
    expect(onSiteRecordData(source).coverage).not.toContain('资料变更');
  });

  it('lists the commander first and every person who checked in once, with their time', () => {
    const data = onSiteRecordData(onSiteRecordSource());
    expect(data.present[0]).toEqual(['陈志远', '临江区房屋征收事务中心', '现场执行指挥（主任）', '07:40']);
    expect(data.present.map((p) => p[0]).slice(0, 12)).toEqual(['陈志远', '刘振华', '赵刚', '周明', '孙浩', '孙丽萍', '黄敏', '冯磊', '谢雨', '吴海燕', '何静', '郑伟']);
    expect(data.present.find((p) => p[0] === '赵刚')).toEqual(['赵刚', '公安临江分局', '治安管理大队大队长', '07:45']);
  });

  it('lists the subjects, the notary and witnesses of the inventory and the recorders too, once each', () => {
    const source = onSiteRecordSource();
    const data = onSiteRecordData({ ...source, inventoryAttendance: inventoryAttendanceFixture(source.operation.id, source.printedAt) });
    const row = (name: string) => data.present.filter((p) => p[0] === name);
    expect(row('张建国')).toEqual([['张建国', '', '被执行人', '']]);
    expect(row('李秀兰')).toEqual([['李秀兰', '', '被执行人', '']]);
    expect(row('王明')).toEqual([['王明', '滨江市公证处', '公证员', '']]);
    expect(row('赵静')).toEqual([['赵静', '滨江市公证处', '公证员', '']]);
    expect(row('周海')).toEqual([['周海', '河西街道办事处', '见证人', '']]);
    // A witness who also checked in keeps one row, the role added.
    expect(row('黄敏')).toEqual([['黄敏', '河西街道办事处', '柳巷社区居委会主任；见证人', '07:51']]);
    // Whoever recorded the log and is not listed yet; those listed are not repeated.
    expect(row('杨帆')).toHaveLength(1);
    expect(row('杨帆')[0]![2]).toBe('记录人');
    expect(row('陈志远')).toHaveLength(1);
    expect(new Set(data.present.map((p) => p[0])).size).toBe(data.present.length);
    // Without the inventory attendance, the subjects and recorders are still there.
    const plain = onSiteRecordData(source);
    expect(plain.present.some((p) => p[0] === '王明')).toBe(false);
    expect(plain.present.filter((p) => p[2] === '被执行人').map((p) => p[0])).toEqual(['张建国', '李秀兰']);
  });

  it('gives every subject a signature line of their own and the refusal note once', () => {
    const lines = signatureLines(['张建国', '李秀兰']);
    expect(lines.map((l) => l.label)).toEqual(['现场执行指挥', '记录人', '被执行人张建国', '被执行人李秀兰', '见证人', '见证人']);
    expect(lines.filter((l) => l.refusal?.startsWith('被执行人拒绝签字'))).toHaveLength(1);
    expect(lines[3]!.refusal).toBe('被执行人拒绝签字的，由记录人注明情况：');
    expect(signatureLines([]).map((l) => l.label)).toContain('被执行人');
  });

  it('shows a correction after the original text, and the correction entry is not listed on its own', () => {
    const source = onSiteRecordSource();
    const data = onSiteRecordData(source);
    const original = source.entries.find((e) => e.text.startsWith('卧室物品清点完毕'))!;
    const correction = source.entries.find((e) => e.category === 'correction')!;
    const row = data.timeline.find((r) => r[0] === String(original.seq))!;
    expect(row[3]).toBe(`卧室物品清点完毕，共 8 件，装箱编号 B001—B004（第${correction.seq}条更正：卧室物品清点完毕，共 8 件，装箱编号 B001—B005）`);
    expect(data.timeline.some((r) => r[0] === String(correction.seq))).toBe(false);
    expect(row[2]).toBe('清登搬家组');
  });

  it('prints a stop with its legal ground and the resumption', () => {
    const data = onSiteRecordData(onSiteRecordSource());
    expect(data.suspensions).toEqual([
      '2026年12月8日 9时35分，停止执行（情形三：强制执行实施前，出现其他可能对安全和社会稳定产生重大影响的情形）。理由：被执行人亲属二十余人聚集于门前，情绪激动，存在冲突风险。',
      '2026年12月8日 10时12分，恢复执行：聚集人员已散去，现场秩序恢复，具备继续执行条件。',
    ]);
    const stop = data.timeline.find((r) => r[3]!.startsWith('停止执行'))!;
    expect(stop.slice(1, 3)).toEqual(['09:35', '指挥部']);
  });

  it('runs to the time of printing while completion is not declared, and refuses a log without the day', () => {
    const source = onSiteRecordSource();
    const complete = source.entries.findIndex((e) => e.data?.['phase'] === 'complete');
    const open = onSiteRecordData({ ...source, entries: source.entries.slice(0, complete) });
    expect(open.time).toBe('2026年12月8日 9时02分 起，至本笔录生成时（2026年12月8日 14时00分）尚未宣布执行完毕');
    expect(() => onSiteRecordData({ ...source, entries: source.entries.slice(0, 2) })).toThrow('还没有人员到岗或“宣布开始执行”的记录');
  });

  it('marks an entry recorded well after it happened as 补记', () => {
    const source = onSiteRecordSource();
    const late = { ...source.entries[20]!, recordedAt: '2026-12-08T13:00:00.000+08:00' };
    const data = onSiteRecordData({ ...source, entries: source.entries.map((e) => (e.seq === late.seq ? late : e)) });
    expect(data.timeline.find((r) => r[0] === String(late.seq))![3]).toContain('（补记，2026年12月8日 13时00分记录）');
  });
});

describe.skipIf(!hasPoppler)(popplerSuite('on-site record rendered'), { timeout: 30_000 }, () => {
  it('prints time, place, persons, the whole timeline, signatures with refusal notes and the chain head', async () => {
    const source = onSiteRecordSource();
    const data = onSiteRecordData(source);
    const head = headOf(source.entries);
    const path = savePdf('onsite-record.pdf', await renderOnSiteRecord(data, nodeFonts, head));
    const text = pdfText(path);
    const raw = strip(pdfRawText(path));
    for (const expected of [
      '现场笔录',
      data.time,
      data.place,
      data.basis,
      '现场执行指挥',
      '陈志远',
      '停止与恢复执行',
      '执行过程',
      `（第${source.entries.find((e) => e.category === 'correction')!.seq}条更正：卧室物品清点完毕，共8件，装箱编号B001—B005）`,
      '被执行人拒绝签字的，由记录人注明情况',
      ...signatureLines(data.subjectNames).map((l) => `${l.label}（签名）`),
      '被执行人张建国（签名）',
      '被执行人李秀兰（签名）',
      data.coverage,
    ]) {
      expect(raw, expected).toContain(strip(expected));
    }
    // The text ends with its mark, so a blank left before the signatures is closed.
    expect(raw).toContain(strip(`${data.coverage}${END_OF_TEXT}`));
    for (const row of data.timeline) expect(raw, row[3]).toContain(strip(row[3]!));
    const pages = pdfPages(text);
    expect(pages.length).toBeGreaterThan(1);
    pages.forEach((page, i) => {
      expect(strip(page), `page ${i + 1}`).toContain(strip(chainHeadLine(head)));
      // Every sheet names the record, the signature sheet too.
      expect(strip(page), `page ${i + 1}`).toContain(strip(runningHead(data)));
      // Every sheet says which of how many it is and is signed by all four (行政强制法 第十八条).
      expect(strip(page), `page ${i + 1}`).toContain(`第${i + 1}页共${pages.length}页`);
      for (const signer of pageSignatures.signers) expect(strip(page), `page ${i + 1}`).toContain(`${signer}（签名）：`);
      expect(strip(page), `page ${i + 1}`).toContain('当事人拒绝的，在笔录中予以注明');
    });
  });

  it('renders a long log of ~2 000 entries over many pages', async () => {
    const source = onSiteRecordSource(longOnSiteLog);
    expect(source.entries.length).toBeGreaterThan(1990);
    const data = onSiteRecordData(source);
    const head = headOf(source.entries);
    const path = savePdf('onsite-record-long.pdf', await renderOnSiteRecord(data, nodeFonts, head));
    const text = pdfText(path);
    const pages = pdfPages(text);
    expect(pages.length).toBeGreaterThan(40);
    // Split into parts for speed, numbered through: 第 1 页 共 n 页 … on consecutive pages, each signed.
    pages.forEach((page, i) => {
      expect(strip(page), `page ${i + 1}`).toContain(`第${i + 1}页共${pages.length}页`);
      expect(strip(page), `page ${i + 1}`).toContain('见证人（签名）：');
    });
    const raw = strip(pdfRawText(path));
    expect(raw).toContain(strip('第 1960 次巡查'));
    expect(raw).toContain(strip('宣布执行完毕'));
    expect(strip(pages.at(-1)!)).toContain(strip(chainHeadLine(head)));
  }, 90_000);
});

describe('the realistic log', () => {
  it('is a valid chain of about 40 entries', () => {
    const entries = onSiteLog('op-1');
    expect(entries.length).toBeGreaterThanOrEqual(38);
    expect(entries.every((e, i) => i === 0 || e.prevHash === entries[i - 1]!.hash)).toBe(true);
  });
});

// The command-line renderer's path: every kind rendered from a backup prints the head of
// the backup's log, the on-site record included.
describe.skipIf(!hasPoppler)(popplerSuite('documents rendered from a backup'), () => {
  const sha256 = async (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

  function backupWithLog(): OperationBackup {
    const parsed = parseBackup(readFileSync(join(__dirname, '../fixtures/archive/demo-v1.json'), 'utf8'));
    if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
    const entries = onSiteLog(parsed.backup.operation.id);
    return { ...parsed.backup, logEntries: entries as unknown as OperationBackup['logEntries'] };
  }

  it('prints the last entry of the backup’s log on every page of each kind', async () => {
    const backup = backupWithLog();
    const head = backupChainHead(backup);
    expect(head.seq).toBe(backup.logEntries.length);
    for (const kind of ['plan', 'taskCards', 'onSiteRecord'] as const) {
      const { bytes, source } = await renderDocumentKind(kind, backup, nodeFonts, { printedAt: '2026-12-08T14:00:00.000+08:00', sha256 });
      const pages = pdfPages(pdfText(savePdf(`backup-${kind}.pdf`, bytes)));
      for (const page of pages) expect(strip(page), kind).toContain(strip(chainHeadLine(head)));
      if (kind === 'onSiteRecord') expect(source).toBe(`依据执行日志（至第${head.seq}条）生成`);
    }
  }, 60_000);

  it('prints 尚无记录 from a backup without log entries, and refuses the on-site record', async () => {
    const backup = { ...backupWithLog(), logEntries: [] };
    expect(backupChainHead(backup)).toEqual({ seq: 0, hash: '0'.repeat(64) });
    const { bytes } = await renderDocumentKind('plan', backup, nodeFonts, { printedAt: '2026-12-08T14:00:00.000+08:00', sha256 });
    expect(strip(pdfRawText(savePdf('backup-plan-nolog.pdf', bytes)))).toContain('执行日志：尚无记录');
    await expect(
      renderDocumentKind('onSiteRecord', backup, nodeFonts, { printedAt: '2026-12-08T14:00:00.000+08:00', sha256 }),
    ).rejects.toThrow('无法生成现场笔录');
  }, 60_000);

  it('lists the inventory’s notary and witnesses from the backup among those present', async () => {
    const backup = backupWithLog();
    const attendance = inventoryAttendanceFixture(backup.operation.id, '2026-12-08T10:00:00.000+08:00');
    const filled = { ...backup, inventoryAttendance: [attendance] as OperationBackup['inventoryAttendance'] };
    const { bytes } = await renderDocumentKind('onSiteRecord', filled, nodeFonts, { printedAt: '2026-12-08T14:00:00.000+08:00', sha256 });
    const raw = strip(pdfRawText(savePdf('backup-onsite-attendance.pdf', bytes)));
    for (const text of ['王明滨江市公证处公证员', '赵静滨江市公证处公证员', '周海河西街道办事处见证人']) expect(raw).toContain(text);
  }, 60_000);
});
