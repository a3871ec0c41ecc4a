// The command-line tools run as the user runs them (`npm run <tool>`: tsx electron/cli/…) in a child process.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseBackup, serialiseBackup, type OperationBackup } from '../../shared/archive/backup';
import { announcementFromOperation, noticeFromOperation, renderNotice } from '../../shared/documents/notice';
import type { DocumentRecord, ServiceRecord } from '../../shared/documents/records';
import { archivableBackup, footageBytes } from '../fixtures/archive/archivable';
import { runCli } from '../fixtures/cli';
import { hasPoppler, nodeFonts, pdfPages, pdfRawText } from '../fixtures/documents/pdf';

const root = join(__dirname, '../..');
const dir = mkdtempSync(join(tmpdir(), 'enforcement-console-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const run = runCli;

const strip = (text: string) => text.replace(/\s+/g, '');

describe('npm run demo and npm run render', { timeout: 180_000 }, () => {
  const demo = join(dir, 'demo.json');

  it('demo writes the demo operation as a valid backup, the same bytes every time', () => {
    const first = run('demo', demo);
    expect(first.stderr).toContain('正在生成示例行动备份');
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('（2026）滨0103行审45号');
    const text = readFileSync(demo, 'utf8');
    const parsed = parseBackup(text);
    expect(parsed.ok).toBe(true);
    expect(parsed.ok && parsed.backup.operation.isDemo).toBe(true);

    expect(first.stdout).toContain('3 台工作站的签名记录');
    expect(parsed.ok && parsed.backup.documents.some((d) => d.kind === 'courtReport' && d['status'] === 'issued')).toBe(true);

    const again = join(dir, 'again.json');
    expect(run('demo', again).code).toBe(0);
    expect(readFileSync(again, 'utf8')).toBe(text);
  });

  it('demo --stage stops the same sequence earlier; an unknown stage prints the usage and exits 2', () => {
    const served = join(dir, 'served.json');
    const result = run('demo', served, '--stage', 'served');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('告知书、公告已送达和张贴');
    const parsed = parseBackup(readFileSync(served, 'utf8'));
    expect(parsed.ok && parsed.backup.documents.some((d) => d.kind === 'courtReport')).toBe(false);
    expect(parsed.ok && parsed.backup.documents.some((d) => d.kind === 'announcement' && d['status'] === 'issued')).toBe(true);
    const wrong = run('demo', served, '--stage', 'done');
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain('--stage planned|served|executed|reported');
  });

  it('demo without an output file prints its usage and exits 2', () => {
    const result = run('demo');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('用法：npm run demo -- <输出文件.json>');
  });

  it('render plan prints the demo’s final plan to a PDF and says which version', () => {
    const out = join(dir, '预案.pdf');
    const result = run('render', demo, 'plan', out);
    expect(result.stderr).toContain('正在生成《强制执行预案》');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('依据预案第1版（定稿');
    expect(readFileSync(out).subarray(0, 5).toString()).toBe('%PDF-');
    if (!hasPoppler) {
      console.warn('SKIPPED the text check of the PDF: poppler-utils (pdftotext) is not installed');
      return;
    }
    const text = strip(pdfRawText(out));
    expect(text).toContain('（2026）滨0103行审45号');
    expect(text).toContain('安全保卫和应急处置组');
  });

  it('render taskCards prints a card for every group of the latest finalised plan', () => {
    const out = join(dir, '任务卡.pdf');
    const result = run('render', join(root, 'tests/fixtures/archive/demo-v1.json'), 'taskCards', out);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('依据预案第1版（定稿，最新定稿版本），共 9 个工作小组');
    expect(existsSync(out)).toBe(true);
    if (!hasPoppler) return;
    const text = strip(pdfRawText(out));
    expect(text).toContain('强制执行预案第1版');
    expect(text).toContain('善后维稳组任务卡');
  });

  it('render with an unknown kind lists the kinds and exits 2, before reading the file', () => {
    const result = run('render', join(dir, 'missing.json'), 'notic', join(dir, 'x.pdf'));
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('不认识的文书种类“notic”');
    expect(result.stderr).toMatch(/plan\s+强制执行预案/);
    expect(result.stderr).toMatch(/taskCards\s+任务卡/);
    expect(result.stderr).toMatch(/notice\s+强制执行告知书/);
    expect(result.stderr).toMatch(/announcement\s+强制执行公告/);
    expect(result.stderr).toMatch(/proofOfService\s+送达回证/);
    expect(result.stderr).toMatch(/onSiteRecord\s+现场笔录/);
  });

  it('render with a missing or wrong file says why in Chinese and exits 1, writing nothing', () => {
    const out = join(dir, 'never.pdf');
    const missing = run('render', join(dir, 'missing.json'), 'plan', out);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('无法读取备份文件');

    const foreign = join(dir, 'foreign.json');
    writeFileSync(foreign, JSON.stringify({ format: 'something-else', formatVersion: 1 }));
    const wrong = run('render', foreign, 'plan', out);
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain('这不是强制执行指挥台的行动备份文件');
    expect(existsSync(out)).toBe(false);
  });

  it('render with the wrong number of arguments prints its usage and exits 2', () => {
    const result = run('render', demo);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('用法：npm run render -- <备份文件.json> <文书种类> <输出文件.pdf>');
  });
});

// A backup as the app exports it after issuing and serving a notice: the committed v1
// file's operation with an issued 告知书 (its frozen PDF and SHA-256), a 留置送达 record
// of it, and a 公告 that is still a draft.
describe('npm run render for the served documents', { timeout: 180_000 }, () => {
  const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
  const NUMBER = '临江强执告〔2026〕3号';
  const WITNESS = '王海燕';
  let base: OperationBackup;
  let notice: DocumentRecord;
  let service: ServiceRecord;
  let announcementDraft: DocumentRecord;

  const write = (name: string, backup: OperationBackup) => {
    const file = join(dir, name);
    writeFileSync(file, serialiseBackup(backup));
    return file;
  };
  const withDocuments = (documents: DocumentRecord[], services: ServiceRecord[] = []): OperationBackup =>
    ({ ...base, documents, services }) as unknown as OperationBackup;

  beforeAll(async () => {
    const parsed = parseBackup(readFileSync(join(root, 'tests/fixtures/archive/demo-v1.json'), 'utf8'));
    if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
    base = parsed.backup;
    const { operation } = base;
    const subjects = [...base.subjects].sort((a, b) => a.position - b.position);
    const window = { start: '2026-12-08T09:00:00.000+08:00', end: '2026-12-08T12:00:00.000+08:00' };
    const data = noticeFromOperation(operation, subjects, {
      ...window,
      selfPerformanceDays: 10,
      documentNumber: NUMBER,
      issuedOn: '2026-11-24',
    });
    const pdf = await renderNotice(data, nodeFonts, { seq: 0, hash: '0'.repeat(64) });
    const common = { operationId: operation.id, year: 2026, createdAt: '2026-11-24T09:00:00.000+08:00', updatedAt: '2026-11-24T09:30:00.000+08:00' };
    notice = {
      ...common,
      id: 'notice-3',
      kind: 'notice',
      issuerCode: '临江强执告',
      status: 'issued',
      number: NUMBER,
      sequence: 3,
      issuedAt: '2026-11-24T10:00:00.000+08:00',
      issuedBy: '刘志强',
      pdf,
      sha256: sha256(pdf),
      data,
      selfPerformanceDays: 10,
    };
    announcementDraft = {
      ...common,
      id: 'announcement-draft',
      kind: 'announcement',
      issuerCode: '临江强执公',
      status: 'draft',
      data: announcementFromOperation(operation, subjects, { ...window, moveOutDays: 5, moveOutEndsOn: '2026-11-30', documentNumber: '', issuedOn: '2026-11-24' }),
    };
    service = {
      id: 'service-1',
      operationId: operation.id,
      documentId: notice.id,
      subjectId: subjects[0]!.id,
      method: 'left',
      servedAt: '2026-11-25T09:30:00.000+08:00',
      recipient: subjects[0]!.name,
      servers: ['陈立', '赵敏'],
      witnesses: [{ name: WITNESS, unit: '临江区滨河社区居民委员会', capacity: 'grassroots' }],
      refusalReason: '受送达人拒绝签收',
      recording: '',
      trackingNumber: '',
      receiptDate: '',
      remarks: '',
      recordedAt: '2026-11-25T10:00:00.000+08:00',
    };
  });

  it('notice writes the frozen PDF of the issued notice byte for byte', () => {
    const file = write('served.json', withDocuments([notice, announcementDraft], [service]));
    const out = join(dir, '告知书.pdf');
    const result = run('render', file, 'notice', out);
    expect(result.stderr).toContain('正在生成《强制执行告知书》');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`已签发的《强制执行告知书》${NUMBER}`);
    expect(sha256(readFileSync(out))).toBe(notice.sha256);
  });

  it('proofOfService prints a page per subject, the served one filled in from their service record', () => {
    const file = write('served.json', withDocuments([notice, announcementDraft], [service]));
    const out = join(dir, '送达回证.pdf');
    const result = run('render', file, 'proofOfService', out);
    expect(result.code).toBe(0);
    const names = [...base.subjects].sort((a, b) => a.position - b.position).map((s) => s.name);
    expect(result.stdout).toContain(`送达回证 ${names.length} 页（每名被执行人一页）；已有送达记录：${names[0]}`);
    expect(readFileSync(out).subarray(0, 5).toString()).toBe('%PDF-');
    if (!hasPoppler) return;
    const pages = pdfPages(pdfRawText(out)).map(strip);
    expect(pages).toHaveLength(names.length);
    expect(pages[0]).toContain(WITNESS);
    expect(pages[0]).toContain('■留置送达');
    expect(pages[0]).toContain(NUMBER);
    // The second subject's page is blank: their own service is still to be recorded.
    expect(pages[1]).toContain(names[1]!);
    expect(pages[1]).not.toContain(names[0]!);
    expect(pages[1]).not.toContain(WITNESS);
  });

  it('proofOfService without a service record prints blank forms and says so', () => {
    const file = write('unserved.json', withDocuments([notice]));
    const out = join(dir, '空白送达回证.pdf');
    const result = run('render', file, 'proofOfService', out);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('已有送达记录：无，其余为空白供手填');
    if (!hasPoppler) return;
    expect(strip(pdfRawText(out))).not.toContain(WITNESS);
  });

  it('--list prints every kind with its name', () => {
    const result = run('render', '--list');
    expect(result.code).toBe(0);
    const kinds = result.stdout.trim().split('\n').map((line) => line.split('\t')[0]);
    expect(kinds).toEqual(['plan', 'taskCards', 'demand', 'statement', 'notice', 'announcement', 'proofOfService', 'demolitionNotice', 'unitLetter', 'onSiteRecord', 'courtReport', 'inventoryList']);
    expect(result.stdout).toContain('demolitionNotice\t强制拆除通知书');
    expect(result.stdout).toContain('unitLetter\t强制执行函告');
  });

  it('announcement with only a draft renders the draft and says it is unnumbered', () => {
    const file = write('served.json', withDocuments([notice, announcementDraft], [service]));
    const out = join(dir, '公告草稿.pdf');
    const result = run('render', file, 'announcement', out);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('尚未签发的草稿（无文号');
    expect(readFileSync(out).subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('notice whose stored PDF no longer matches its SHA-256 is refused, writing nothing', () => {
    const pdf = Uint8Array.from(notice.pdf!);
    const at = pdf.length - 10;
    pdf[at] = (pdf[at] ?? 0) ^ 0xff;
    const file = write('tampered.json', withDocuments([{ ...notice, pdf }], [service]));
    const out = join(dir, '被改动.pdf');
    const result = run('render', file, 'notice', out);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`备份中《强制执行告知书》${NUMBER}的 PDF 与签发时记录的 SHA-256 不符`);
    expect(result.stderr).toContain('备份文件已被改动');
    expect(existsSync(out)).toBe(false);
  });

  it('a backup without documents says so in Chinese and exits 1, writing nothing', () => {
    const file = write('no-documents.json', withDocuments([]));
    const out = join(dir, '无文书.pdf');
    for (const kind of ['notice', 'proofOfService']) {
      const result = run('render', file, kind, out);
      expect(result.code).toBe(1);
      expect(result.stderr).toContain('备份中没有强制执行告知书');
    }
    const announcement = run('render', file, 'announcement', out);
    expect(announcement.code).toBe(1);
    expect(announcement.stderr).toContain('备份中没有强制执行公告');
    expect(existsSync(out)).toBe(false);
  });
});

describe('npm run archive and npm run verify', { timeout: 180_000 }, () => {
  const backupFile = join(dir, 'archivable.json');
  const archive = join(dir, '一户一档.zip');

  beforeAll(() => {
    writeFileSync(backupFile, serialiseBackup(archivableBackup()));
  });

  it('archive writes the ZIP and verify passes it with a summary', () => {
    const built = run('archive', backupFile, archive);
    expect(built.code).toBe(0);
    expect(built.stdout).toContain('已写入归档');
    expect(built.stdout).toContain('8 个文件，日志 5 条');
    expect(Object.keys(unzipSync(readFileSync(archive)))[0]).toBe('档案目录.pdf');
    const verified = run('verify', archive);
    expect(verified.code).toBe(0);
    expect(verified.stdout).toContain('核验通过');
    expect(verified.stdout).toContain('行动：demo-operation');
    expect(verified.stdout).toContain('文件：7 个');
    expect(verified.stdout).toContain('《强制执行告知书》临江强执告〔2026〕3号 第 1 版：所印日志链头第 3 条，与归档日志一致');
    expect(verified.stdout).toContain('执行日志：5 条，哈希链完整');
    expect(verified.stdout).toMatch(/执行日志链头：第 5 条 {2}SHA-256 [0-9a-f]{64}/);
  });

  it('verify exits 1 naming the first problem, and writes nothing', () => {
    const files = unzipSync(readFileSync(archive));
    const write = (name: string, zip: Uint8Array) => {
      const file = join(dir, name);
      writeFileSync(file, zip);
      return file;
    };
    const log = files['log.jsonl']!.slice();
    log[log.length - 3] = log[log.length - 3]! ^ 1;
    const before = readdirSync(dir).sort();
    const cases: [string, string][] = [
      [write('log.zip', zipSync({ ...files, 'log.jsonl': log })), 'log.jsonl'],
      [write('extra.zip', zipSync({ ...files, 'extra.txt': strToU8('x') })), '归档中多出文件 extra.txt'],
      [write('evil.zip', zipSync({ ...files, '../evil': strToU8('x') })), '"../evil" 含“..”或“.”路径段，解压时可能写到别处或成为另一个文件，拒绝处理（违反规则：文件名在各系统上安全）'],
      [write('manifest.zip', zipSync({ ...files, 'manifest.json': strToU8('{') })), '清单文件 manifest.json 不是有效的 JSON'],
    ];
    const after = readdirSync(dir).sort();
    for (const [file, expected] of cases) {
      const result = run('verify', file);
      expect(result.code).toBe(1);
      expect(result.stderr).toContain('核验未通过：');
      expect(result.stderr).toContain(expected);
    }
    expect(readdirSync(dir).sort()).toEqual(after);
    expect(after.length).toBe(before.length + cases.length);
    expect(existsSync(join(dir, '..', 'evil'))).toBe(false);
  });

  it('--media puts the registered footage found in the folder in, names what was not found, and verify checks it', () => {
    const clip = footageBytes(300_000, 1);
    const withMedia = join(dir, 'with-media.json');
    writeFileSync(
      withMedia,
      serialiseBackup(
        archivableBackup(5, [
          { id: 'm1', name: '执法记录仪 07 号.mp4', bytes: clip },
          { id: 'm2', name: '丢失.mp4', bytes: footageBytes(1000, 2) },
        ]),
      ),
    );
    const folder = join(dir, 'footage');
    mkdirSync(join(folder, 'card'), { recursive: true });
    writeFileSync(join(folder, 'card', 'DSC0001.MP4'), clip);
    writeFileSync(join(folder, 'same-size.bin'), footageBytes(1000, 3));
    const out = join(dir, 'with-media.zip');
    const built = run('archive', withMedia, out, '--media', folder);
    expect(built.code).toBe(0);
    expect(built.stdout).toContain('9 个文件，含音像文件 1 个');
    expect(built.stderr).toContain(`找到音像文件：执法记录仪 07 号.mp4 ← ${join(folder, 'card', 'DSC0001.MP4')}`);
    expect(built.stderr).toContain('以下 1 条音像登记在');
    expect(built.stderr).toContain('· 丢失.mp4（1000 字节');
    const files = unzipSync(readFileSync(out));
    expect(Buffer.from(files['media/执法记录仪 07 号.mp4']!).equals(clip)).toBe(true);
    const verified = run('verify', out);
    expect(verified.code).toBe(0);
    expect(verified.stdout).toContain('音像文件：1 个，均与音像资料登记表记载的 SHA-256 一致');
    const altered = files['media/执法记录仪 07 号.mp4']!;
    altered[1000]! ^= 1;
    const tampered = join(dir, 'with-media-tampered.zip');
    writeFileSync(tampered, zipSync(files));
    expect(run('verify', tampered).stderr).toContain('文件 media/执法记录仪 07 号.mp4 已被改动（SHA-256 与清单记载不符）');
    expect(run('archive', withMedia, join(dir, 'never.zip'), '--media', join(dir, 'nowhere')).stderr).toContain('找不到音像文件夹');
  });

  it('wrong arguments print the usage and exit 2; a missing or wrong backup exits 1 and writes no ZIP', () => {
    expect(run('verify').code).toBe(2);
    expect(run('verify').stderr).toContain('用法：npm run verify -- <归档.zip>');
    const usage = run('archive', backupFile);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('用法：npm run archive -- <备份文件.json> <输出文件.zip>');
    const out = join(dir, 'never.zip');
    const missing = run('archive', join(dir, 'missing.json'), out);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('无法读取备份文件');
    const foreign = join(dir, 'foreign-archive.json');
    writeFileSync(foreign, JSON.stringify({ format: 'something-else', formatVersion: 1 }));
    expect(run('archive', foreign, out).stderr).toContain('这不是强制执行指挥台的行动备份文件');
    expect(existsSync(out)).toBe(false);
    expect(run('verify', join(dir, 'missing.zip')).stderr).toContain('无法读取归档');
  });
});
