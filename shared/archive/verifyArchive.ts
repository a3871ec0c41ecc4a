// Pure. The checks of an archive (一户一档) built by archive.ts, as the court or an auditor
// would make them: each names the FIRST problem in Chinese. The ZIP itself is read by
// verifyStream.ts through zipReader.ts (structure, names, CRCs); here are the limits checked
// on the directory BEFORE anything is inflated (counts, declared sizes, compression ratio,
// the caps on what is parsed), the manifest, and the contents against the manifest: the
// format-1 log, the stations' chains (format 3, streamedStations.ts), and the heads printed
// on the PDFs, read from each PDF's own properties whatever the archive's format says.
import { z } from 'zod';
import { headToken } from '../documents/printedHead';
import { verifyChain } from '../log/verify';
import { ZERO_HASH, type ChainHead, type LogEntry } from '../log/types';
import { shortKey } from '../stations/signer';
import { ARCHIVE_FORMAT, INDEX_NAME, LOG_NAME, MANIFEST_NAME, MEDIA_DIR, MEDIA_REGISTER_NAME, type ArchiveManifest, type ManifestDocument } from './archive';
import { REFUSED_NAME, STATIONS_DIR, STATIONS_NAME, type ManifestCheckpoint } from './stations';
import { LogBroken, parseLogLine, type StreamedLogResult } from './streamedLog';
import type { StationsResult } from './streamedStations';
import { ZIP_RULES, zipFail } from './zipReader';

/** Declared uncompressed size of one entry above which the archive is refused. */
export const MAX_ENTRY_BYTES = 2 * 1024 * 1024 * 1024;
/** Declared uncompressed size of all entries together. */
export const MAX_TOTAL_BYTES = 4 * 1024 * 1024 * 1024;
export const MAX_ENTRIES = 100_000;
/** Deflate cannot shrink data more than about 1032:1; a higher declared ratio is a lie or a bomb. */
export const MAX_RATIO = 1100;
/** manifest.json and media.json are parsed whole: 100 000 files listed stay below 20 MB. */
export const MAX_JSON_BYTES = 32 * 1024 * 1024;
/** log.jsonl is streamed, but never this long: 100 000 entries are about 40 MB. */
export const MAX_LOG_BYTES = 256 * 1024 * 1024;
/** A broken log up to this size is read again whole, so its first bad entry is named as the app names it. */
export const MAX_WHOLE_LOG_BYTES = 32 * 1024 * 1024;
/** The stations' JSON Lines files together (each is capped like log.jsonl). */
export const MAX_STATIONS_BYTES = 512 * 1024 * 1024;

/** The caps on what the verifier reads, named in each refusal. */
export const LIMIT_RULES = {
  json: `JSON 文件不超过 ${MAX_JSON_BYTES / 1024 / 1024} MB`,
  log: `日志文件不超过 ${MAX_LOG_BYTES / 1024 / 1024} MB`,
  stations: `各工作站的记录文件合计不超过 ${MAX_STATIONS_BYTES / 1024 / 1024} MB`,
} as const;

/** The JSON files the checks parse whole; JSON Lines files are read line by line, every other file only hashed. */
const JSON_FILES: readonly string[] = [MANIFEST_NAME, MEDIA_REGISTER_NAME, STATIONS_NAME];

/** A file of JSON Lines the verifier reads line by line: the format-1 log, a station's chain, the refused entries. */
export const isLinesFile = (name: string): boolean => name === LOG_NAME || (name.startsWith(STATIONS_DIR) && name.endsWith('.jsonl'));

/** A PDF of the archive: every one is read for the heads it carries, whatever the manifest says of it. */
export const isPdf = (name: string): boolean => name.toLowerCase().endsWith('.pdf');

export interface DirectoryEntry {
  name: string;
  /** Bytes in the ZIP. */
  compressedSize: number;
  /** Declared uncompressed bytes. */
  size: number;
}

/** An issued document of a verified archive, with the log head its PDF prints (checked against the log). */
export type VerifiedDocument = Pick<ManifestDocument, 'file' | 'title' | 'number' | 'version' | 'chainHead'>;

/** What a PDF of the archive carries in its properties (shared/documents/printedHead.ts). */
export type PdfHeads = { heads: ChainHead[] } | { unreadable: string };

/** Each PDF of a verified archive and the heads its properties carry, each found in the chain at its place. */
export interface PrintedHeads {
  file: string;
  /** 'checked': carried and found; 'none': a PDF made before heads were carried; 'unreadable': its properties could not be read. */
  status: 'checked' | 'none' | 'unreadable';
  heads: ChainHead[];
  reason?: string;
}

/** The stations' record of a verified format-3 archive. */
export interface StationsSummary {
  writers: Array<{ key: string; name: string; count: number; head: ChainHead }>;
  checkpoint: ManifestCheckpoint | null;
  refused: number;
  signatures: 'heads' | 'all';
  /** Signatures verified. */
  signaturesChecked: number;
}

export interface ArchiveSummary {
  operationId: string;
  createdAt: string;
  files: number;
  logCount: number;
  head: ChainHead | null;
  formatVersion: 1 | 2 | 3;
  /** Empty for a format 1 archive, which does not list them. */
  documents: VerifiedDocument[];
  /** Footage files in the archive, each equal to its register record. */
  mediaFiles: number;
  /** Format 3. */
  stations?: StationsSummary;
  /** Every PDF of the archive, by name. */
  printed: PrintedHeads[];
}

/** A refusal names the first problem; `problems` lists it and the others found (at most a few dozen). */
export type ArchiveVerdict = { ok: true; summary: ArchiveSummary } | { ok: false; problem: string; problems?: string[] };

const refuse = (problem: string): ArchiveVerdict => ({ ok: false, problem });
const MAX_LISTED_PROBLEMS = 30;

const show = (name: string): string => JSON.stringify(name);

/**
 * The limits on the directory, before anything is inflated: entry count, each declared size
 * and their total, the caps on the files parsed, and the compression ratio. The compressed
 * size is bounded by the file's, so the ratio bounds what is inflated. Throws a ZipProblem.
 */
export function checkDirectory(directory: readonly DirectoryEntry[], zipSize: number): void {
  if (directory.length > MAX_ENTRIES) zipFail(ZIP_RULES.size, `归档包含 ${directory.length} 个文件，超过上限 ${MAX_ENTRIES} 个，拒绝处理`);
  let total = 0;
  let stations = 0;
  for (const entry of directory) {
    if (!Number.isSafeInteger(entry.size) || entry.size < 0 || entry.size > MAX_ENTRY_BYTES) {
      zipFail(ZIP_RULES.size, `归档中文件 ${show(entry.name)} 声明的大小（${entry.size} 字节）超过上限 ${MAX_ENTRY_BYTES} 字节，拒绝处理`);
    }
    if (!Number.isSafeInteger(entry.compressedSize) || entry.compressedSize < 0 || entry.compressedSize > zipSize) {
      zipFail(ZIP_RULES.size, `归档中文件 ${show(entry.name)} 声明的压缩大小（${entry.compressedSize} 字节）超出归档文件本身，拒绝处理`);
    }
    if (JSON_FILES.includes(entry.name) && entry.size > MAX_JSON_BYTES) {
      zipFail(LIMIT_RULES.json, `归档中文件 ${entry.name} 声明的大小（${entry.size} 字节）超过可读取的上限 ${MAX_JSON_BYTES} 字节，疑为压缩炸弹，拒绝处理`);
    }
    if (isLinesFile(entry.name) && entry.size > MAX_LOG_BYTES) {
      zipFail(LIMIT_RULES.log, `日志文件 ${entry.name} 声明的大小（${entry.size} 字节）超过上限 ${MAX_LOG_BYTES} 字节，疑为压缩炸弹，拒绝处理`);
    }
    if (isLinesFile(entry.name) && entry.name !== LOG_NAME) {
      stations += entry.size;
      if (stations > MAX_STATIONS_BYTES) zipFail(LIMIT_RULES.stations, `各工作站的记录文件解压后合计超过 ${MAX_STATIONS_BYTES} 字节，疑为压缩炸弹，拒绝处理`);
    }
    if (entry.size > 1024 * 1024 && entry.size > Math.max(entry.compressedSize, 1) * MAX_RATIO) {
      zipFail(ZIP_RULES.ratio, `归档中文件 ${show(entry.name)} 的压缩比异常（${entry.compressedSize} 字节解压为 ${entry.size} 字节），疑为压缩炸弹，拒绝处理`);
    }
    total += entry.size;
    if (total > MAX_TOTAL_BYTES) zipFail(ZIP_RULES.size, `归档解压后总大小超过上限 ${MAX_TOTAL_BYTES} 字节，拒绝处理`);
  }
}

const hexHash = z.string().regex(/^[0-9a-f]{64}$/);
const size = z.number().int().min(0);
const stationKey = z.string().regex(/^[A-Za-z0-9_-]{43}$/);
const head = z.strictObject({ seq: size, hash: hexHash });
/** Format 3: a head may name the station whose entry it is. */
const writerHead = z.strictObject({ writer: stationKey.optional(), seq: size, hash: hexHash });
const manifestV1 = {
  format: z.literal(ARCHIVE_FORMAT),
  operationId: z.string().min(1),
  createdAt: z.string(),
  files: z.array(z.strictObject({ name: z.string(), sha256: hexHash, size })).max(MAX_ENTRIES),
  log: z.strictObject({ count: size, head: head.nullable() }),
};
const documentsOf = (chainHead: typeof head | typeof writerHead) =>
  z
    .array(
      z.strictObject({
        file: z.string(),
        kind: z.string(),
        title: z.string(),
        number: z.string(),
        version: z.number().int().min(1),
        sha256: hexHash,
        chainHead: chainHead.optional(),
      }),
    )
    .max(MAX_ENTRIES);
const manifestV2 = {
  ...manifestV1,
  media: z.array(z.strictObject({ file: z.string(), mediaId: z.string() })).max(MAX_ENTRIES),
  index: z.string(),
};
const stationsSchema = z.strictObject({
  file: z.literal(STATIONS_NAME),
  anchor: stationKey.nullable(),
  writers: z.array(z.strictObject({ key: stationKey, name: z.string(), file: z.string(), count: size, head: z.strictObject({ seq: size.min(1), hash: hexHash }) })).max(MAX_ENTRIES),
  checkpoint: z.strictObject({ writer: stationKey, seq: size.min(1), hash: hexHash, countersigners: z.array(stationKey).max(MAX_ENTRIES) }).nullable(),
  refused: size,
});
const manifestSchema = z.discriminatedUnion('formatVersion', [
  z.strictObject({ ...manifestV1, formatVersion: z.literal(1) }),
  z.strictObject({ ...manifestV2, formatVersion: z.literal(2), documents: documentsOf(head) }),
  z.strictObject({ ...manifestV2, formatVersion: z.literal(3), documents: documentsOf(writerHead), stations: stationsSchema }),
]);

// TextDecoder is global in browsers, workers and Node alike; shared/ compiles without the DOM lib.
declare const TextDecoder: new (label: string, options: { fatal: boolean }) => { decode(bytes: Uint8Array): string };
const decoder = new TextDecoder('utf-8', { fatal: true });

function parseJson(bytes: Uint8Array): { ok: true; value: unknown } | { ok: false; reason: string } {
  try {
    return { ok: true, value: JSON.parse(decoder.decode(bytes)) };
  } catch (error) {
    return { ok: false, reason: error instanceof Error ? error.message : String(error) };
  }
}

/** manifest.json (at most MAX_JSON_BYTES, checkDirectory saw to it) as a manifest, or why not. */
export function readManifest(bytes: Uint8Array): ArchiveManifest | string {
  const parsed = parseJson(bytes);
  if (!parsed.ok) return `清单文件 ${MANIFEST_NAME} 不是有效的 JSON（${parsed.reason}）`;
  const format = (parsed.value as { format?: unknown } | null)?.format;
  if (format !== ARCHIVE_FORMAT) return `清单文件 ${MANIFEST_NAME} 不是强制执行指挥台的归档清单（format 为 ${JSON.stringify(format) ?? '空'}）`;
  const result = manifestSchema.safeParse(parsed.value);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    return `清单文件 ${MANIFEST_NAME} 的内容不正确（${issue.path.join('.') || '整体'}：${issue.message}）`;
  }
  return result.data as ArchiveManifest;
}

/** The archive's entry names against the manifest's list: nothing missing, nothing added. */
export function checkNames(manifest: ArchiveManifest, names: readonly string[]): string | null {
  const present = new Set(names);
  const listed = new Set(manifest.files.map((f) => f.name));
  if (listed.size !== manifest.files.length) return `清单文件 ${MANIFEST_NAME} 中有重复的文件名`;
  // Format 3 leaves log.jsonl out when the operation has no format-1 entry; earlier formats always hold it.
  if (!listed.has(LOG_NAME) && (manifest.formatVersion < 3 || manifest.log.count > 0)) return `清单文件 ${MANIFEST_NAME} 未列出日志文件 ${LOG_NAME}`;
  if (manifest.index !== undefined && !listed.has(manifest.index)) return `清单文件 ${MANIFEST_NAME} 未列出档案目录 ${manifest.index}`;
  const stations = manifest.stations;
  if (stations) {
    const own = [stations.file, ...stations.writers.map((w) => w.file), ...(stations.refused > 0 ? [REFUSED_NAME] : [])];
    const missing = own.find((name) => !listed.has(name));
    if (missing) return `清单文件 ${MANIFEST_NAME} 未列出工作站记录文件 ${missing}`;
    if (new Set(own).size !== own.length || own.slice(1).some((name) => !isLinesFile(name))) return `清单文件 ${MANIFEST_NAME} 所记的工作站记录文件名重复或不在 ${STATIONS_DIR} 下`;
  }
  // A file of lines the manifest does not say whose it is would be read by no check.
  const unowned = manifest.files.find((f) => isLinesFile(f.name) && f.name !== LOG_NAME && !stations?.writers.some((w) => w.file === f.name) && !(f.name === REFUSED_NAME && stations?.refused));
  if (unowned) return `归档中的记录文件 ${unowned.name} 不属于清单文件 ${MANIFEST_NAME} 所记的任何工作站`;
  for (const f of manifest.files) {
    if (!present.has(f.name)) return `归档缺少文件 ${f.name}（清单中有此文件）`;
  }
  for (const name of names) {
    if (name !== MANIFEST_NAME && !listed.has(name)) return `归档中多出文件 ${name}（清单中没有此文件）`;
  }
  return null;
}

/**
 * What is wrong with a whole log (at most MAX_WHOLE_LOG_BYTES) as the app would say it: the
 * first line that is not a JSON object, else the chain's first problem; null if it verifies.
 */
export function wholeLogProblem(bytes: Uint8Array, operationId: string): string | null {
  let text: string;
  try {
    text = decoder.decode(bytes);
  } catch {
    return new LogBroken(`日志文件 ${LOG_NAME} 不是有效的 UTF-8 文字，已被改动`).message;
  }
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  const entries: LogEntry[] = [];
  for (const [i, line] of lines.entries()) {
    const entry = parseLogLine(line);
    if (!entry) return new LogBroken(`日志文件 ${LOG_NAME} 第 ${i + 1} 行不是有效的日志记录（JSON），已被改动`).message;
    entries.push(entry);
  }
  const chain = verifyChain(entries, operationId);
  return chain.ok ? null : new LogBroken(`日志文件 ${LOG_NAME} 未通过核验：${chain.message}`).message;
}

const sameHead = (a: ChainHead | null, b: ChainHead | null): boolean => a?.seq === b?.seq && a?.hash === b?.hash;
const headText = (h: ChainHead | null): string => (h ? `第 ${h.seq} 条 ${h.hash}` : '无记录');

/** The seqs whose hashes the checks need from the format-1 log: the heads the manifest and the PDFs say are printed. */
export function printedSeqs(manifest: ArchiveManifest, pdfs: ReadonlyMap<string, PdfHeads> = new Map()): Set<number> {
  const heads = [...(manifest.documents ?? []).flatMap((d) => (d.chainHead ? [d.chainHead] : [])), ...[...pdfs.values()].flatMap((p) => ('heads' in p ? p.heads : []))];
  return new Set(heads.filter((h) => !h.writer).map((h) => h.seq));
}

/** What the checks see of an archive whose structure, names and log chain passed. */
export interface ArchiveContents {
  manifest: ArchiveManifest;
  /** The ZIP's entry names. */
  names: readonly string[];
  /** The log as streamed: its chain verified, its count and head, the hashes at printedSeqs. */
  log: StreamedLogResult;
  /** The stations' chains as streamed and checked together (format 3); null for formats 1 and 2. */
  stations: StationsResult | null;
  /** Each PDF's properties as read: the heads it carries. */
  pdfs: ReadonlyMap<string, PdfHeads>;
  signatures?: 'heads' | 'all';
  /** The SHA-256 and length of an entry's content. */
  digest(name: string): { sha256: string; size: number };
  /** media.json whole, if the archive has it. */
  mediaRegister: Uint8Array | undefined;
}

/** A station as problems name it: its name in the manifest and the first characters of its key. */
function stationText(manifest: ArchiveManifest, writer: string): string {
  const name = manifest.stations?.writers.find((w) => w.key === writer)?.name;
  return name ? `工作站「${name}」（${shortKey(writer)}）` : `工作站 ${shortKey(writer)} `;
}

/** 第 12 条 3f5a…, or 工作站「指挥」（Ab3xYz9Q）第 12 条 3f5a… */
const printedText = (manifest: ArchiveManifest, h: ChainHead): string => `${h.writer ? stationText(manifest, h.writer) : ''}第 ${h.seq} 条（SHA-256 ${h.hash.slice(0, 16)}…）`;

/**
 * Where `head` stands: null if it is the entry at its place in its chain, else what the chain
 * holds there (Chinese). A head names its writer (a station's chain) or none (the format-1 log).
 */
export function headProblem(head: ChainHead, log: Pick<StreamedLogResult, 'hashes'>, stations: Pick<StationsResult, 'held'> | null): string | null {
  if (head.writer) {
    const held = stations?.held(head.writer, head.seq);
    if (held?.includes(head.hash)) return null;
    return held ? `该工作站第 ${head.seq} 条记录的哈希为 ${held[0]!.slice(0, 16)}…` : stations ? '该工作站的记录链中没有这一条' : '归档中没有该工作站的记录链';
  }
  if (head.seq === 0) return head.hash === ZERO_HASH ? null : '第 0 条（尚无记录）的哈希应为 64 个 0';
  const held = log.hashes.get(head.seq);
  if (held === head.hash) return null;
  return held ? `归档日志第 ${head.seq} 条的哈希为 ${held.slice(0, 16)}…` : `归档日志中没有第 ${head.seq} 条`;
}

/**
 * The archive's contents against its manifest: the log equal to the manifest's head and
 * count, every file's SHA-256 and size as recorded, the stations' chains (format 3), each
 * document's printed head (as the manifest records it and as its PDF's properties carry it)
 * in its chain at its place, each footage file as registered. Every problem is listed; the
 * first is the verdict's.
 */
export function verifyArchiveContents(contents: ArchiveContents): ArchiveVerdict {
  const { manifest, log } = contents;
  if (log.count !== manifest.log.count || !sameHead(log.head, manifest.log.head)) {
    return refuse(
      `清单文件 ${MANIFEST_NAME} 记载的日志（${manifest.log.count} 条，链头 ${headText(manifest.log.head)}）` +
        `与日志文件 ${LOG_NAME}（${log.count} 条，链头 ${headText(log.head)}）不符`,
    );
  }
  const listed = new Map(manifest.files.map((f) => [f.name, f]));
  for (const f of manifest.files) {
    const digest = contents.digest(f.name);
    if (digest.size !== f.size || digest.sha256 !== f.sha256) {
      return refuse(`文件 ${f.name} 已被改动（SHA-256 与清单记载不符）`);
    }
  }
  const documents = manifest.documents ?? [];
  const problems = [
    ...(contents.stations?.problems.map((p) => p.message) ?? []),
    ...checkDocuments(manifest, listed, contents),
    ...[checkMedia(manifest, listed, contents)].filter((p): p is string => p !== null),
  ];
  if (problems.length > 0) return { ok: false, problem: problems[0]!, problems: problems.slice(0, MAX_LISTED_PROBLEMS) };
  const stations = contents.stations;
  return {
    ok: true,
    summary: {
      operationId: manifest.operationId,
      createdAt: manifest.createdAt,
      files: manifest.files.length,
      logCount: log.count,
      head: log.head,
      formatVersion: manifest.formatVersion,
      documents: documents.map(({ file, title, number, version, chainHead }) => ({ file, title, number, version, ...(chainHead ? { chainHead } : {}) })),
      mediaFiles: manifest.media?.length ?? 0,
      ...(stations
        ? {
            stations: {
              writers: stations.writers.map(({ key, name, count, head }) => ({ key, name, count, head: { writer: key, ...head } })),
              checkpoint: stations.checkpoint,
              refused: stations.refused,
              signatures: contents.signatures ?? 'heads',
              signaturesChecked: stations.signatures,
            },
          }
        : {}),
      printed: [...contents.pdfs].map(([file, pdf]) =>
        'heads' in pdf ? { file, status: pdf.heads.length > 0 ? 'checked' : 'none', heads: pdf.heads } : { file, status: 'unreadable', heads: [], reason: pdf.unreadable },
      ),
    },
  };
}

/**
 * Each listed document is a file of the archive, and the head its PDF prints is an entry of
 * the (verified) chain at its place: as the manifest records it, and as every PDF's own
 * properties carry it (those are read whatever the manifest says, so no format and no
 * manifest without heads skips them); the two must agree.
 */
function checkDocuments(manifest: ArchiveManifest, listed: ReadonlyMap<string, ManifestFileEntry>, contents: ArchiveContents): string[] {
  const problems: string[] = [];
  const documents = new Map((manifest.documents ?? []).map((d) => [d.file, d]));
  for (const d of documents.values()) {
    const name = `《${d.title}》${d.number}`;
    const file = listed.get(d.file);
    if (!file) return [`清单文件 ${MANIFEST_NAME} 记载的文书${name}（${d.file}）不在文件清单中`];
    if (file.sha256 !== d.sha256) return [`清单文件 ${MANIFEST_NAME} 中文书${name}的 SHA-256 与文件 ${d.file} 不符`];
    const head = d.chainHead;
    const wrong = head && headProblem(head, contents.log, contents.stations);
    if (wrong) problems.push(`文书${name}（${d.file}）记载的日志链头（${printedText(manifest, head!)}）与归档${head!.writer ? '中该工作站的记录链' : '日志'}不符：${wrong}`);
  }
  for (const [file, pdf] of contents.pdfs) {
    if (!('heads' in pdf)) continue;
    const d = documents.get(file);
    const what = d ? `文书《${d.title}》${d.number}（${file}）` : file === manifest.index || file === INDEX_NAME ? `档案目录（${file}）` : `PDF 文件 ${file}`;
    for (const head of pdf.heads) {
      const wrong = headProblem(head, contents.log, contents.stations);
      if (wrong) {
        problems.push(`${what}的 PDF 属性所记日志链头（${printedText(manifest, head)}）不在归档的记录链中该位置：${wrong}。该 PDF 印发后，记录链已被改写（或 PDF 被替换）`);
      }
    }
    if (d?.chainHead && pdf.heads.length > 0 && !pdf.heads.some((h) => headToken(h) === headToken(d.chainHead!))) {
      problems.push(`清单文件 ${MANIFEST_NAME} 记载${what}所印链头为${printedText(manifest, d.chainHead)}，其 PDF 属性所记为${pdf.heads.map((h) => printedText(manifest, h)).join('、')}，二者不符`);
    }
  }
  return problems;
}

type ManifestFileEntry = ArchiveManifest['files'][number];

/**
 * Every file under media/ is a footage file the manifest ties to a register record, and
 * its content (already checked against the manifest) has the SHA-256 the register holds.
 */
function checkMedia(manifest: ArchiveManifest, listed: ReadonlyMap<string, ManifestFileEntry>, contents: ArchiveContents): string | null {
  const media = new Map((manifest.media ?? []).map((m) => [m.file, m.mediaId]));
  const present = contents.names.filter((name) => name.startsWith(MEDIA_DIR));
  if (present.length === 0 && media.size === 0) return null;
  const register = readMediaRegister(contents.mediaRegister);
  if (typeof register === 'string') return register;
  for (const file of new Set([...present, ...media.keys()])) {
    const mediaId = media.get(file);
    if (mediaId === undefined) return `音像文件 ${file} 未在清单文件 ${MANIFEST_NAME} 的音像文件中列出`;
    const entry = listed.get(file);
    if (!entry) return `清单文件 ${MANIFEST_NAME} 记载的音像文件 ${file} 不在文件清单中`;
    const recorded = register.get(mediaId);
    if (recorded === undefined) return `音像文件 ${file} 在音像资料登记表（${MEDIA_REGISTER_NAME}）中没有对应的登记（${mediaId}）`;
    if (recorded !== entry.sha256) return `音像文件 ${file} 与音像资料登记表（${MEDIA_REGISTER_NAME}）登记的 SHA-256 不符`;
  }
  return null;
}

/** media.json as record id → registered SHA-256. */
function readMediaRegister(bytes: Uint8Array | undefined): Map<string, string> | string {
  if (!bytes) return `归档中有音像文件，但缺少音像资料登记表 ${MEDIA_REGISTER_NAME}`;
  const parsed = parseJson(bytes);
  const records = parsed.ok && Array.isArray(parsed.value) ? (parsed.value as unknown[]) : null;
  if (!records) return `音像资料登记表 ${MEDIA_REGISTER_NAME} 不是登记记录的列表`;
  const register = new Map<string, string>();
  for (const r of records) {
    const { id, sha256: digest } = (r ?? {}) as { id?: unknown; sha256?: unknown };
    if (typeof id === 'string' && typeof digest === 'string') register.set(id, digest);
  }
  return register;
}
