// Node (vitest). Issue 16, item 1: a consistent rewrite of the record after the heads were
// printed. An operation with a real log and a 告知书 issued after its 15th entry (its PDF
// printing that head on every page and carrying it in its properties) is archived; the chain is
// rewritten after entry 10 (re-hashed; a station's chain re-signed with its own key) and the
// archive made again with the same writer:
// - with the PDFs unchanged, the verifier refuses it, naming the PDF whose head is not in the chain;
// - with the PDFs re-rendered too, the archive holds together on its own, and only the paper
//   (`--expect-head` with the head read off the original PDF's text) and the other copies
//   (`--compare` with the original archive) refuse it; both pass on the intact archive.
// For format 1 (the single chain of today's backups) and format 2 (three stations' chains
// signed with shared/stations demoSigner keys, in archive format 3).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ArchiveManifest } from '../../shared/archive/archive';
import type { OperationBackup } from '../../shared/archive/backup';
import type { ArchiveVerdict } from '../../shared/archive/verifyArchive';
import { verifyArchiveZip } from '../../shared/archive/verifyStream';
import type { ChainHead } from '../../shared/log/types';
import { hasPoppler, pdfText, popplerSuite, savePdf } from '../fixtures/documents/pdf';
import { archiveOf, issuedNotice, loggedDemo, NOTICE_FILE, NOTICE_NUMBER, rewrittenLog, withNotice } from '../fixtures/archive/printedHeads';
import { rewrite, stationsOperation } from '../fixtures/archive/stationsOperation';
import { TSX } from '../fixtures/cli';

const root = join(__dirname, '../..');
const dir = mkdtempSync(join(tmpdir(), 'printed-heads-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const EARLIER = '2026-12-08T12:00:00.000+08:00';
const ORIGINAL = '2026-12-09T10:00:00.000+08:00';
const FORGED = '2026-12-10T10:00:00.000+08:00';
const problems = (verdict: ArchiveVerdict) => (verdict.ok ? [] : (verdict.problems ?? [verdict.problem]));

function verifyCli(...args: string[]) {
  const result = spawnSync(TSX, ['electron/cli/verify.ts', ...args], { cwd: root, encoding: 'utf8', timeout: 120_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const save = (name: string, bytes: Uint8Array) => {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
};

/** The head the PDF prints at the foot of its pages (the hash on two lines of 32 digits), as pdftotext reads it off the original. */
function paperHead(pdf: Uint8Array, name: string): string {
  const lines = pdfText(savePdf(name, pdf)).split('\n');
  const at = lines.findIndex((l) => l.includes('执行日志链头'));
  if (at < 0) throw new Error('the PDF prints no head');
  return `${lines[at]!.trim()}\n${lines[at + 1]!.trim()}`;
}

interface Scenario {
  /** Archives: an earlier one, the intact one, the rewrite with the PDFs unchanged, the rewrite with them re-rendered. */
  earlier: string;
  original: string;
  unchanged: Uint8Array;
  reRendered: string;
  /** The head as the original 告知书 prints it. */
  paper: string;
  printed: ChainHead;
}

describe.skipIf(!hasPoppler)(popplerSuite('a consistent rewrite after the heads were printed'), { timeout: 300_000 }, () => {
  describe('format 1: the operation’s single log', () => {
    let s: Scenario;
    beforeAll(async () => {
      const backup = loggedDemo(20);
      const printed = { seq: 15, hash: backup.logEntries[14]!.hash };
      const notice = await issuedNotice(printed);
      const earlier = withNotice({ ...backup, logEntries: backup.logEntries.slice(0, 16) } as OperationBackup, notice);
      const forgedLog = rewrittenLog(backup.logEntries as never, 10);
      const forgedHead = { seq: 15, hash: forgedLog[14]!.hash };
      const forged = { ...backup, logEntries: forgedLog } as unknown as OperationBackup;
      s = {
        earlier: save('f1-earlier.zip', await archiveOf(earlier, EARLIER)),
        original: save('f1-original.zip', await archiveOf(withNotice(backup, notice), ORIGINAL)),
        // A thorough insider also writes the new hash into the document's record: only the PDF still holds the old one.
        unchanged: await archiveOf(withNotice(forged, { ...notice, chainHead: forgedHead } as never), FORGED),
        reRendered: save('f1-rerendered.zip', await archiveOf(withNotice(forged, await issuedNotice(forgedHead)), FORGED)),
        paper: paperHead(notice.pdf as Uint8Array, 'f1-notice.pdf'),
        printed,
      };
    }, 300_000);

    it('re-packed with the PDFs unchanged: refused, naming the PDF whose printed head is not in the chain', async () => {
      const verdict = await verifyArchiveZip(s.unchanged);
      expect(verdict.ok).toBe(false);
      const forged = problemHash(verdict);
      expect(problems(verdict)).toEqual([
        `文书《强制执行告知书》${NOTICE_NUMBER}（${NOTICE_FILE}）的 PDF 属性所记日志链头（第 15 条（SHA-256 ${s.printed.hash.slice(0, 16)}…））不在归档的记录链中该位置：` +
          `归档日志第 15 条的哈希为 ${forged}…。该 PDF 印发后，记录链已被改写（或 PDF 被替换）`,
        `清单文件 manifest.json 记载文书《强制执行告知书》${NOTICE_NUMBER}（${NOTICE_FILE}）所印链头为第 15 条（SHA-256 ${forged}…），其 PDF 属性所记为第 15 条（SHA-256 ${s.printed.hash.slice(0, 16)}…），二者不符`,
      ]);
    });

    it('no format skips the check: the same archive declared format 2 or 1, without the heads in its manifest, is refused too', async () => {
      for (const version of [2, 1] as const) {
        const verdict = await verifyArchiveZip(downgraded(s.unchanged, version));
        expect(verdict.ok, `format ${version}`).toBe(false);
        expect(problems(verdict).join('\n')).toMatch(new RegExp(`${NOTICE_FILE.replace(/[()]/g, '.')}）?的 PDF 属性所记日志链头（第 15 条`));
      }
    });

    it('with the PDFs re-rendered too, it holds together; the head on paper and the original archive both refuse it', async () => {
      expect((await verifyArchiveZip(new Uint8Array(readFileSync(s.reRendered)))).ok).toBe(true);
      expect(s.paper).toBe(`执行日志链头：第 15 条 SHA-256 ${s.printed.hash.slice(0, 32)}\n${s.printed.hash.slice(32)}`);
      const paper = verifyCli(s.reRendered, '--expect-head', s.paper);
      expect(paper.code).toBe(1);
      expect(paper.stderr).toContain(`核对纸面链头未通过（${s.paper}）：纸面或文书所印的链头（第 15 条 SHA-256 ${s.printed.hash}）不在本归档的记录链中，归档日志第 15 条为`);
      const compared = verifyCli(s.reRendered, '--compare', s.original);
      expect(compared.code).toBe(1);
      expect(compared.stderr).toContain('对照未通过');
      expect(compared.stderr).toContain('执行日志第 11 条：本归档为');
      expect(compared.stderr).toContain(`文书《强制执行告知书》${NOTICE_NUMBER} 第 1 版：本归档的 PDF`);
    });

    it('both pass on the intact archive (an earlier archive lacks only the later entries)', () => {
      const run = verifyCli(s.original, '--expect-head', s.paper, '--compare', s.earlier);
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      expect(run.stdout).toContain(`纸面链头 15:${s.printed.hash}：在本归档的记录链中该位置`);
      expect(run.stdout).toContain('对照：两者都有的记录和文书完全相同');
      expect(run.stdout).toContain('只在本归档中：\n  · 执行日志第 17–20 条');
      expect(run.stdout).toContain(`  ${NOTICE_FILE}：第 15 条（${s.printed.hash.slice(0, 16)}…），在记录链中该位置`);
    });
  });

  describe('format 2: three stations’ signed chains', () => {
    let s: Scenario & { clerk: string };
    beforeAll(async () => {
      const operation = await stationsOperation({ rounds: 4, perRound: 2, checkpointEvery: 2 });
      const { clerk } = operation;
      // The evidence clerk goes on writing without a connection: no one else sees its entries 11 to 20.
      expect(clerk.entries().filter((e) => e.writer === clerk.key)).toHaveLength(10);
      for (let n = 11; n <= 20; n++) await clerk.note(`证据组离线记录第 ${n} 条`);
      const entries = operation.entries();
      const fifteenth = entries.find((e) => e.writer === clerk.key && e.seq === 15)!;
      const printed = { writer: clerk.key, seq: 15, hash: fifteenth.hash };
      const notice = await issuedNotice(printed);
      const of = (stationEntries: unknown[]) => ({ ...operation.backup, stationEntries }) as unknown as OperationBackup;
      const forgedEntries = await rewrite(entries, clerk.key, 10, (e) => ({ text: `${e.text}（事后改写）` }));
      const forgedHead = { writer: clerk.key, seq: 15, hash: forgedEntries.find((e) => e.writer === clerk.key && e.seq === 15)!.hash };
      s = {
        // Made when the clerk's station had written its 16th entry.
        earlier: save('f2-earlier.zip', await archiveOf(withNotice(of(entries.filter((e) => e.writer !== clerk.key || e.seq <= 16)), notice), EARLIER)),
        original: save('f2-original.zip', await archiveOf(withNotice(of(entries), notice), ORIGINAL)),
        unchanged: await archiveOf(withNotice(of(forgedEntries), { ...notice, chainHead: forgedHead } as never), FORGED),
        reRendered: save('f2-rerendered.zip', await archiveOf(withNotice(of(forgedEntries), await issuedNotice(forgedHead)), FORGED)),
        paper: paperHead(notice.pdf as Uint8Array, 'f2-notice.pdf'),
        printed,
        clerk: clerk.key,
      };
    }, 300_000);

    it('re-packed with the PDFs unchanged: refused, naming the PDF whose printed head is not in the station’s chain', async () => {
      const verdict = await verifyArchiveZip(s.unchanged);
      expect(verdict.ok).toBe(false);
      const station = `工作站「证据组」（${s.clerk.slice(0, 8)}）`;
      const forged = problemHash(verdict);
      expect(problems(verdict)).toEqual([
        `文书《强制执行告知书》${NOTICE_NUMBER}（${NOTICE_FILE}）的 PDF 属性所记日志链头（${station}第 15 条（SHA-256 ${s.printed.hash.slice(0, 16)}…））不在归档的记录链中该位置：` +
          `该工作站第 15 条记录的哈希为 ${forged}…。该 PDF 印发后，记录链已被改写（或 PDF 被替换）`,
        `清单文件 manifest.json 记载文书《强制执行告知书》${NOTICE_NUMBER}（${NOTICE_FILE}）所印链头为${station}第 15 条（SHA-256 ${forged}…），其 PDF 属性所记为${station}第 15 条（SHA-256 ${s.printed.hash.slice(0, 16)}…），二者不符`,
      ]);
    });

    it('with the PDFs re-rendered too, it holds together; the head on paper and the original archive both refuse it', async () => {
      const alone = verifyCli(s.reRendered, '--all-signatures');
      expect(alone.stderr).toBe('');
      expect(alone.stdout).toContain('签名：每一条记录的签名均有效');
      const paper = verifyCli(s.reRendered, '--expect-head', s.paper);
      expect(paper.code).toBe(1);
      expect(paper.stderr).toContain(`纸面或文书所印的链头（第 15 条 SHA-256 ${s.printed.hash}）不在本归档的记录链中`);
      const compared = verifyCli(s.reRendered, '--compare', s.original);
      expect(compared.code).toBe(1);
      expect(compared.stderr).toContain(`工作站「证据组」（${s.clerk.slice(0, 8)}）第 11 条：本归档为`);
    });

    it('both pass on the intact archive (an earlier archive lacks only the clerk’s latest entries)', () => {
      const run = verifyCli(s.original, '--expect-head', s.paper, '--expect-head', `${s.clerk}:15:${s.printed.hash}`, '--compare', s.earlier);
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      expect(run.stdout).toContain(`纸面链头 15:${s.printed.hash}：在本归档的记录链中该位置`);
      expect(run.stdout).toContain(`纸面链头 ${s.clerk}:15:${s.printed.hash}：在本归档的记录链中该位置`);
      expect(run.stdout).toContain(`只在本归档中：\n  · 工作站「证据组」（${s.clerk.slice(0, 8)}）第 17–20 条`);
      expect(run.stdout).toMatch(/多站记录：4 个工作站，共 \d+ 条签名记录/);
    });
  });
});

/** The hash the verifier says the chain holds at the printed place (the first 16 digits). */
function problemHash(verdict: ArchiveVerdict): string {
  return /的哈希为 ([0-9a-f]{16})…/.exec(verdict.ok ? '' : verdict.problem)?.[1] ?? 'none';
}

/** The archive's manifest rewritten as an older format, with no heads recorded for the documents. */
function downgraded(zip: Uint8Array, version: 1 | 2): Uint8Array {
  const files = unzipSync(zip);
  const manifest = JSON.parse(new TextDecoder().decode(files['manifest.json'])) as ArchiveManifest;
  const { stations: _s, documents, media, index, ...rest } = manifest;
  const older = version === 2 ? { ...rest, formatVersion: 2, documents: documents!.map(({ chainHead: _h, ...d }) => d), media, index } : { ...rest, formatVersion: 1 };
  return zipSync({ ...files, 'manifest.json': strToU8(JSON.stringify(older)) });
}
