// Node tool (not bundled into the app).
// `npm run verify -- <archive.zip> [--all-signatures] [--expect-head HEAD]… [--compare OTHER.zip]…`:
// checks an archive (一户一档) without the app. Exit 0 and a summary when every rule holds;
// exit 1 naming the first problem (and listing the others); 2 for wrong arguments. Reads only.
import { createHash } from 'node:crypto';
import { open, type FileHandle } from 'node:fs/promises';
import { crc32 } from 'node:zlib';
import { MANIFEST_NAME, type ArchiveManifest } from '../../shared/archive/archive';
import { compareHoldings, emptyHoldings, expectedHeadProblem, holdStationEntry, parseHeadText, type Holdings } from '../../shared/archive/compare';
import { isEncrypted } from '../../shared/archive/encryption';
import type { ArchiveSummary, ArchiveVerdict, PrintedHeads, VerifiedDocument } from '../../shared/archive/verifyArchive';
import { verifyArchiveReader } from '../../shared/archive/verifyStream';
import { headToken } from '../../shared/documents/printedHead';
import { chainHeadLine } from '../../shared/log/head';
import type { ChainHead } from '../../shared/log/types';
import { shortKey } from '../../shared/stations/signer';
import { nativeVerify } from '../hub/nativeVerify';
import { EXIT_FAILED, EXIT_USAGE, message, runMain } from './common';

const USAGE = `用法：npm run verify -- <归档.zip> [--all-signatures] [--expect-head <链头>]… [--compare <另一归档.zip>]…

独立核验 npm run archive 或程序导出的归档（一户一档）：每个文件与 manifest.json 记载的
SHA-256 一致、没有缺少或多出的文件；执行日志的哈希链完整且与清单记载的链头一致；各工作站
的签名记录链完整、无分叉，链头和检查点的签名有效，名册允许其中每一条，各工作站见过的
彼此的记录都还在；每个 PDF 属性中所记的链头（及清单记载的文书链头）是记录链中该位置的
那一条；归档的音像文件与音像资料登记表一致。全部通过时退出码为 0，否则为 1 并指出发现的
第一个问题。不写入任何文件。

--all-signatures   核验每一条记录的签名（默认只核验各工作站链头和检查点的签名：链头的签名
                   覆盖其下整条链）。
--expect-head 链头 核对纸面上的链头：如 "执行日志链头：第 15 条  SHA-256 3f5a…"（从文书上
                   抄录或 pdftotext 读出），或 15:<哈希>、<工作站公钥>:15:<哈希>。可多次给出。
--compare 另一归档 与另一工作站的副本或同一行动较早的归档对照：两者都有的每条记录和文书 PDF
                   必须相同；只在一方的会列出，较早副本有而较晚归档没有的记录视为被删除。

只有纸面和其他副本能发现同时重新生成了全部 PDF 的改写：请核对印发文书上的链头。

示例：npm run verify -- /tmp/一户一档.zip --expect-head "第 15 条 SHA-256 3f5a…" --compare /tmp/较早的档案.zip`;

interface Options {
  file: string;
  signatures: 'heads' | 'all';
  expectHeads: string[];
  compare: string[];
}

function parseArgs(args: readonly string[]): Options | null {
  const options: Options = { file: '', signatures: 'heads', expectHeads: [], compare: [] };
  const files: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--all-signatures') options.signatures = 'all';
    else if (arg === '--expect-head' || arg === '--compare') {
      const value = args[++i];
      if (value === undefined) return null;
      (arg === '--expect-head' ? options.expectHeads : options.compare).push(value);
    } else if (arg.startsWith('--')) return null;
    else files.push(arg);
  }
  if (files.length !== 1) return null;
  return { ...options, file: files[0]! };
}

type Checked = { ok: true; verdict: ArchiveVerdict & { ok: true }; holdings: Holdings } | { ok: false; problem: string; problems: string[] };

/** Verifies one archive file, gathering what it holds (for --expect-head and --compare) when asked. */
async function verifyFile(file: string, signatures: Options['signatures'], hold: boolean): Promise<Checked> {
  let handle: FileHandle;
  try {
    handle = await open(file, 'r');
  } catch (error) {
    return { ok: false, problem: `无法读取归档 ${file}：${message(error)}`, problems: [] };
  }
  const holdings = emptyHoldings();
  let manifest: Uint8Array | undefined;
  try {
    const { size } = await handle.stat();
    const start = new Uint8Array(Math.min(size, 64));
    await handle.read(start, 0, start.length, 0);
    if (isEncrypted(start)) {
      return { ok: false, problem: `${file} 是加密的归档（age 格式）。请先用导出时设定的口令解密，再核验解密后的 ZIP：\n  age -d -o 一户一档.zip "${file}"\n  npm run verify -- 一户一档.zip`, problems: [] };
    }
    // Read piece by piece: an archive with gigabytes of footage is never in memory whole.
    const verdict = await verifyArchiveReader(
      {
        size,
        read: async (offset, length) => {
          const buffer = new Uint8Array(length);
          const { bytesRead } = await handle.read(buffer, 0, length, offset);
          return buffer.subarray(0, bytesRead);
        },
      },
      {
        createSha256: () => createHash('sha256'),
        crc32,
        signatures,
        verifySignature: nativeVerify,
        onParsed: (name, bytes) => {
          if (name === MANIFEST_NAME) manifest = bytes;
        },
        ...(hold
          ? { onLogEntry: (e: { seq: number; hash: string }) => void holdings.log.set(e.seq, e.hash), onStationEntry: (e: { writer: string; seq: number; hash: string }) => holdStationEntry(holdings, e) }
          : {}),
      },
    );
    if (!verdict.ok) return { ok: false, problem: `核验未通过：${verdict.problem}`, problems: verdict.problems ?? [] };
    // Only now, with every hash checked, is the manifest worth reading.
    const listed = JSON.parse(new TextDecoder().decode(manifest)) as ArchiveManifest;
    Object.assign(holdings, { operationId: listed.operationId, createdAt: listed.createdAt });
    for (const w of listed.stations?.writers ?? []) if (w.name) holdings.names.set(w.key, w.name);
    for (const d of listed.documents ?? []) holdings.documents.set(`《${d.title}》${d.number} 第 ${d.version} 版`, d.sha256);
    return { ok: true, verdict, holdings };
  } finally {
    await handle.close();
  }
}

/** Each document and the log head its PDF prints, which the verifier found in the log. */
function documentLines(documents: readonly VerifiedDocument[], station: (head: ChainHead) => string): string[] {
  if (documents.length === 0) return ['已签发文书：无'];
  return [
    `已签发文书：${documents.length} 份`,
    ...documents.map(
      (d) =>
        `  《${d.title}》${d.number} 第 ${d.version} 版：${d.chainHead ? `所印日志链头${station(d.chainHead)}第 ${d.chainHead.seq} 条，与归档${d.chainHead.writer ? '的记录链' : '日志'}一致` : '未记载所印日志链头'}（${d.file}）`,
    ),
  ];
}

const printedLine = (p: PrintedHeads, station: (head: ChainHead) => string): string =>
  p.status === 'checked'
    ? `  ${p.file}：${p.heads.map((h) => `${station(h)}第 ${h.seq} 条（${h.hash.slice(0, 16)}…）`).join('、')}，在记录链中该位置`
    : p.status === 'none'
      ? `  ${p.file}：PDF 属性未记链头（此功能之前生成的 PDF，只能凭清单和纸面核对）`
      : `  ${p.file}：无法读取 PDF 属性（${p.reason}），未能核对`;

function summaryLines(file: string, summary: ArchiveSummary): string[] {
  const names = new Map(summary.stations?.writers.map((w) => [w.key, w.name]) ?? []);
  const station = (h: ChainHead) => (h.writer ? `工作站${names.get(h.writer) ? `「${names.get(h.writer)}」` : ''}（${shortKey(h.writer)}）` : '');
  const stations = summary.stations;
  return [
    `核验通过：${file}`,
    `行动：${summary.operationId}（归档于 ${summary.createdAt}，格式 ${summary.formatVersion}）`,
    `文件：${summary.files} 个，均与清单记载的 SHA-256 一致`,
    // An operation recorded only by stations has no format-1 log to speak of.
    ...(summary.logCount > 0 || !stations?.writers.length ? [`执行日志：${summary.logCount} 条，哈希链完整`] : []),
    ...(summary.head ? [chainHeadLine(summary.head)] : []),
    ...(stations && stations.writers.length > 0
      ? [
          `多站记录：${stations.writers.length} 个工作站，共 ${stations.writers.reduce((n, w) => n + w.count, 0)} 条签名记录；各链完整、无分叉，名册允许其中每一条，各工作站见过的彼此的记录都在`,
          ...stations.writers.map((w) => `  ${station(w.head)}${w.name ? '' : '（名册中无名称）'}：${w.count} 条，链头第 ${w.head.seq} 条 SHA-256 ${w.head.hash}`),
          stations.checkpoint
            ? `最新检查点：${station(stations.checkpoint)}第 ${stations.checkpoint.seq} 条 SHA-256 ${stations.checkpoint.hash}，${stations.checkpoint.countersigners.length} 个工作站会签`
            : '检查点：无',
          stations.signatures === 'all'
            ? `签名：每一条记录的签名均有效（核验 ${stations.signaturesChecked} 个）`
            : `签名：各工作站链头、检查点和会签的签名有效（核验 ${stations.signaturesChecked} 个；链头的签名覆盖其下整条链；加 --all-signatures 核验每一条）`,
          ...(stations.refused > 0 ? [`名册不予接受的记录：${stations.refused} 条，单独保存在 stations/refused.jsonl，不在记录链中`] : []),
        ]
      : []),
    ...(summary.mediaFiles > 0 ? [`音像文件：${summary.mediaFiles} 个，均与音像资料登记表记载的 SHA-256 一致`] : []),
    ...(summary.formatVersion === 1 ? ['（旧格式归档：清单未记载文书所印的日志链头）'] : documentLines(summary.documents, station)),
    ...(summary.printed.length > 0 ? ['PDF 属性中所记的链头：', ...summary.printed.map((p) => printedLine(p, station))] : []),
  ];
}

async function main(args: string[]): Promise<number> {
  if (args[0] === '-h' || args[0] === '--help') {
    console.log(USAGE);
    return 0;
  }
  const options = parseArgs(args);
  const heads = options?.expectHeads.map((text) => ({ text, head: parseHeadText(text) }));
  const unreadable = heads?.find((h) => !h.head);
  if (!options || unreadable) {
    if (unreadable) console.error(`无法识别的链头：${unreadable.text}（应含“第 N 条”和 64 位十六进制哈希，或写作 N:哈希）`);
    console.error(USAGE);
    return EXIT_USAGE;
  }
  const hold = options.expectHeads.length > 0 || options.compare.length > 0;
  const checked = await verifyFile(options.file, options.signatures, hold);
  if (!checked.ok) {
    console.error(checked.problem);
    if (checked.problems.length > 1) console.error(['另发现：', ...checked.problems.slice(1).map((p) => `  · ${p}`)].join('\n'));
    return EXIT_FAILED;
  }
  console.log(summaryLines(options.file, checked.verdict.summary).join('\n'));
  let failed = false;
  for (const { text, head } of heads!) {
    const problem = expectedHeadProblem(head!, checked.holdings);
    if (problem) console.error(`核对纸面链头未通过（${text}）：${problem}`);
    else console.log(`纸面链头 ${headToken(head!)}：在本归档的记录链中该位置`);
    failed ||= problem !== null;
  }
  for (const other of options.compare) failed = !(await compareWith(checked.holdings, other, options.signatures)) || failed;
  return failed ? EXIT_FAILED : 0;
}

/** --compare: prints what differs and what only one copy holds; false when that refuses the archive. */
async function compareWith(here: Holdings, file: string, signatures: Options['signatures']): Promise<boolean> {
  const there = await verifyFile(file, signatures, true);
  if (!there.ok) {
    console.error(`无法对照 ${file}：对照归档本身${there.problem.replace(/^核验未通过：/, '未通过核验：')}`);
    return false;
  }
  if (there.holdings.operationId !== here.operationId) {
    console.error(`无法对照 ${file}：它是另一行动（${there.holdings.operationId}）的归档`);
    return false;
  }
  const result = compareHoldings(here, there.holdings);
  const list = (title: string, items: string[]) => (items.length > 0 ? [title, ...items.map((i) => `  · ${i}`)] : []);
  const refused = [...result.differences, ...result.removed];
  const info = [...list('只在本归档中：', result.onlyHere), ...list('只在对照副本中：', result.onlyThere)];
  if (refused.length > 0) {
    console.error(
      [
        `与 ${file} 对照未通过：两者都有的记录或文书不同，或较早的副本有而本归档没有（记录已被改写或删除）`,
        ...list('不同：', result.differences),
        ...list('被删除：', result.removed),
        ...info,
      ].join('\n'),
    );
    return false;
  }
  console.log([`与 ${file}（归档于 ${there.holdings.createdAt}）对照：两者都有的记录和文书完全相同`, ...info].join('\n'));
  return true;
}

runMain(() => main(process.argv.slice(2)));
