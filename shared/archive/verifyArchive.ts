// Pure. The checks of an archive (一户一档) built by archive.ts, as the court or an auditor
// would make them: each names the FIRST problem in Chinese. The ZIP itself is read by
// verifyStream.ts through zipReader.ts (structure, names, CRCs); here are the limits checked
// on the directory BEFORE anything is inflated (counts, declared sizes, compression ratio,
// the caps on what is parsed), the manifest, and the contents against the manifest.
import { z } from 'zod';
import { verifyChain } from '../log/verify';
import { ZERO_HASH, type ChainHead, type LogEntry } from '../log/types';
import { ARCHIVE_FORMAT, LOG_NAME, MANIFEST_NAME, MEDIA_DIR, MEDIA_REGISTER_NAME, type ArchiveManifest, type ManifestDocument } from './archive';
import { LogBroken, parseLogLine, type StreamedLogResult } from './streamedLog';
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

/** The caps on what the verifier reads, named in each refusal. */
export const LIMIT_RULES = {
  json: `JSON 文件不超过 ${MAX_JSON_BYTES / 1024 / 1024} MB`,
  log: `日志文件不超过 ${MAX_LOG_BYTES / 1024 / 1024} MB`,
} as const;

/** The JSON files the checks parse whole; log.jsonl is read line by line, every other file only hashed. */
const JSON_FILES: readonly string[] = [MANIFEST_NAME, MEDIA_REGISTER_NAME];

export interface DirectoryEntry {
  name: string;
  /** Bytes in the ZIP. */
  compressedSize: number;
  /** Declared uncompressed bytes. */
  size: number;
}

/** An issued document of a verified archive, with the log head its PDF prints (checked against the log). */
export type VerifiedDocument = Pick<ManifestDocument, 'file' | 'title' | 'number' | 'version' | 'chainHead'>;

export interface ArchiveSummary {
  operationId: string;
  createdAt: string;
  files: number;
  logCount: number;
  head: ChainHead | null;
  formatVersion: 1 | 2;
  /** Empty for a format 1 archive, which does not list them. */
  documents: VerifiedDocument[];
  /** Footage files in the archive, each equal to its register record. */
  mediaFiles: number;
}

export type ArchiveVerdict = { ok: true; summary: ArchiveSummary } | { ok: false; problem: string };

const refuse = (problem: string): ArchiveVerdict => ({ ok: false, problem });

const show = (name: string): string => JSON.stringify(name);

/**
 * The limits on the directory, before anything is inflated: entry count, each declared size
 * and their total, the caps on the files parsed, and the compression ratio. The compressed
 * size is bounded by the file's, so the ratio bounds what is inflated. Throws a ZipProblem.
 */
export function checkDirectory(directory: readonly DirectoryEntry[], zipSize: number): void {
  if (directory.length > MAX_ENTRIES) zipFail(ZIP_RULES.size, `归档包含 ${directory.length} 个文件，超过上限 ${MAX_ENTRIES} 个，拒绝处理`);
  let total = 0;
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
    if (entry.name === LOG_NAME && entry.size > MAX_LOG_BYTES) {
      zipFail(LIMIT_RULES.log, `日志文件 ${LOG_NAME} 声明的大小（${entry.size} 字节）超过上限 ${MAX_LOG_BYTES} 字节，疑为压缩炸弹，拒绝处理`);
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
const head = z.strictObject({ seq: size, hash: hexHash });
const manifestV1 = {
  format: z.literal(ARCHIVE_FORMAT),
  operationId: z.string().min(1),
  createdAt: z.string(),
  files: z.array(z.strictObject({ name: z.string(), sha256: hexHash, size })).max(MAX_ENTRIES),
  log: z.strictObject({ count: size, head: head.nullable() }),
};
const manifestSchema = z.discriminatedUnion('formatVersion', [
  z.strictObject({ ...manifestV1, formatVersion: z.literal(1) }),
  z.strictObject({
    ...manifestV1,
    formatVersion: z.literal(2),
    documents: z
      .array(
        z.strictObject({
          file: z.string(),
          kind: z.string(),
          title: z.string(),
          number: z.string(),
          version: z.number().int().min(1),
          sha256: hexHash,
          chainHead: head.optional(),
        }),
      )
      .max(MAX_ENTRIES),
    media: z.array(z.strictObject({ file: z.string(), mediaId: z.string() })).max(MAX_ENTRIES),
    index: z.string(),
  }),
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
  if (!listed.has(LOG_NAME)) return `清单文件 ${MANIFEST_NAME} 未列出日志文件 ${LOG_NAME}`;
  if (manifest.index !== undefined && !listed.has(manifest.index)) return `清单文件 ${MANIFEST_NAME} 未列出档案目录 ${manifest.index}`;
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

/** The seqs whose hashes checkDocuments needs from the log: the heads the documents print. */
export const printedSeqs = (manifest: ArchiveManifest): Set<number> => new Set((manifest.documents ?? []).flatMap((d) => (d.chainHead ? [d.chainHead.seq] : [])));

/** What the checks see of an archive whose structure, names and log chain passed. */
export interface ArchiveContents {
  manifest: ArchiveManifest;
  /** The ZIP's entry names. */
  names: readonly string[];
  /** The log as streamed: its chain verified, its count and head, the hashes at printedSeqs. */
  log: StreamedLogResult;
  /** The SHA-256 and length of an entry's content. */
  digest(name: string): { sha256: string; size: number };
  /** media.json whole, if the archive has it. */
  mediaRegister: Uint8Array | undefined;
}

/**
 * The archive's contents against its manifest: the log equal to the manifest's head and
 * count, every file's SHA-256 and size as recorded, each document's printed head in the
 * log, each footage file as registered.
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
  const problem = checkDocuments(documents, listed, log.hashes) ?? checkMedia(manifest, listed, contents);
  if (problem) return refuse(problem);
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
    },
  };
}

/** Each listed document is a file of the archive, and the head its PDF prints is an entry of the (verified) log. */
function checkDocuments(documents: readonly ManifestDocument[], listed: ReadonlyMap<string, ManifestFileEntry>, bySeq: ReadonlyMap<number, string>): string | null {
  for (const d of documents) {
    const name = `《${d.title}》${d.number}`;
    const file = listed.get(d.file);
    if (!file) return `清单文件 ${MANIFEST_NAME} 记载的文书${name}（${d.file}）不在文件清单中`;
    if (file.sha256 !== d.sha256) return `清单文件 ${MANIFEST_NAME} 中文书${name}的 SHA-256 与文件 ${d.file} 不符`;
    const head = d.chainHead;
    if (head && (head.seq === 0 ? head.hash !== ZERO_HASH : bySeq.get(head.seq) !== head.hash)) {
      return `文书${name}（${d.file}）记载的日志链头（第 ${head.seq} 条）与归档日志不符`;
    }
  }
  return null;
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
