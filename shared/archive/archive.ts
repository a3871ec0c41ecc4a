// Pure. The verifiable archive (一户一档) of one operation as a ZIP: every issued PDF, the
// format-1 log as JSON Lines, every station's signed chain (format 2) with the roster and the
// checkpoints (stations.ts), the registers as JSON, optionally the footage files themselves,
// the archive index PDF (档案目录) and manifest.json with the SHA-256 of every other file,
// the log's head, each writer's head, the latest checkpoint and the head each issued document
// prints, so anyone can check it without the app.
//
// Three steps, because the index lists every file's SHA-256 and the manifest lists the
// index's: planArchive (pure, hashes the in-memory files; media hashes come from the
// register) → render the index PDF from the plan (needs fonts) → writeArchiveZip (streams,
// re-hashing each media file as it goes, manifest.json last).
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { strToU8, Zip, ZipDeflate, ZipPassThrough } from 'fflate';
import { issuableKindTitles } from '../documents/records';
import type { ChainHead } from '../log/types';
import { operationTitle } from '../operation/newOperation';
import { shortKey } from '../stations/signer';
import type { OperationBackup } from './backup';
import { planStations, REFUSED_NAME, STATIONS_NAME, type ManifestStations } from './stations';
import { collisionKey, safeSegment, uniqueName } from './zipNames';

export const ARCHIVE_FORMAT = 'enforcement-console.archive';
/**
 * 2: manifest.json also lists the issued documents with their heads, the media files and the index.
 * 3: the stations' signed chains, roster and checkpoints (stations.ts); heads may name their writer.
 */
export const ARCHIVE_FORMAT_VERSION = 3;
export const MANIFEST_NAME = 'manifest.json';
export const LOG_NAME = 'log.jsonl';
export const MEDIA_REGISTER_NAME = 'media.json';
/** fflate marks a non-ASCII name as UTF-8 (general purpose flag bit 11), so unzip tools show it right. */
export const INDEX_NAME = '档案目录.pdf';
export const MEDIA_DIR = 'media/';
/** fflate writes no ZIP64: sizes and offsets must stay below 4 GiB. */
export const MAX_ARCHIVE_BYTES = 0xffff_ffff - 64 * 1024 * 1024;
/** Bytes read from a media file per step: small enough for IPC, large enough to be fast. */
export const MEDIA_CHUNK_BYTES = 4 * 1024 * 1024;

export interface ArchiveFile {
  name: string;
  bytes: Uint8Array;
  /** Already compressed (PDF, JPEG, PNG): stored as is. */
  stored: boolean;
}

export interface ManifestFile {
  name: string;
  sha256: string;
  size: number;
}

/** An issued document in the archive, with the log head its frozen PDF prints. */
export interface ManifestDocument {
  file: string;
  kind: string;
  /** 强制执行告知书 etc. */
  title: string;
  number: string;
  version: number;
  sha256: string;
  chainHead?: ChainHead;
}

/** A footage file in the archive and the register record (media.json) it is. */
export interface ManifestMedia {
  file: string;
  mediaId: string;
}

export interface ArchiveManifest {
  format: typeof ARCHIVE_FORMAT;
  formatVersion: 1 | 2 | 3;
  operationId: string;
  createdAt: string;
  files: ManifestFile[];
  /** The format-1 log (log.jsonl): one chain for the operation. */
  log: { count: number; head: ChainHead | null };
  /** From format version 2. */
  documents?: ManifestDocument[];
  media?: ManifestMedia[];
  index?: string;
  /** From format version 3. */
  stations?: ManifestStations;
}

/** One line of the index: a file of the archive with what it is. */
export interface ArchiveItem extends ManifestFile {
  description: string;
}

/** A footage file to stream into the archive, as its register records it. */
export interface PlannedMedia extends ArchiveItem {
  mediaId: string;
  originalName: string;
}

/** Everything about the archive but the index PDF's bytes: what the index prints. */
export interface ArchivePlan {
  operationId: string;
  /** 张三户 */
  title: string;
  createdAt: string;
  /** In the ZIP's order, after the index. */
  files: ArchiveFile[];
  /** Streamed after the in-memory files. */
  media: PlannedMedia[];
  /** Every file but the index and the manifest, in the ZIP's order. */
  items: ArchiveItem[];
  documents: ManifestDocument[];
  log: { count: number; head: ChainHead | null };
  stations: ManifestStations;
  /**
   * What the index prints: the latest checkpoint, else the commander station's head, else
   * the format-1 log's head (null when there is no entry at all).
   */
  head: ChainHead | null;
}

/** Reads a footage file piece by piece; the writer never asks for more than MEDIA_CHUNK_BYTES. */
export interface MediaSource {
  mediaId: string;
  size: number;
  read(offset: number, length: number): Promise<Uint8Array>;
}

const hex = (bytes: Uint8Array): string => bytesToHex(sha256(bytes));
const json = (value: unknown): Uint8Array => strToU8(`${JSON.stringify(value, bytesAsDigest, 2)}\n`);

/** Bytes inside a register are named by their digest: the archive holds records, not blobs. */
function bytesAsDigest(_key: string, value: unknown): unknown {
  return value instanceof Uint8Array ? { sha256: hex(value), size: value.length } : value;
}

type Document = OperationBackup['documents'][number];
type Media = OperationBackup['media'][number];

/** 1 for an original, n+1 for the document replacing version n (a correction never overwrites). */
function documentVersions(documents: readonly Document[]): Map<string, number> {
  const byId = new Map(documents.map((d) => [d.id, d]));
  const versions = new Map<string, number>();
  const version = (d: Document, depth: number): number => {
    const known = versions.get(d.id);
    if (known !== undefined) return known;
    const previous = typeof d.replacesId === 'string' ? byId.get(d.replacesId) : undefined;
    // depth bounds a replacesId cycle in a hand-edited backup.
    const v = previous && depth < documents.length ? version(previous, depth + 1) + 1 : 1;
    versions.set(d.id, v);
    return v;
  };
  for (const d of documents) version(d, 0);
  return versions;
}

const kindTitles: Record<string, string> = { ...issuableKindTitles, courtReport: '强制执行情况报告' };
export const documentTitle = (kind: string): string => kindTitles[kind] ?? kind;

function recordedHead(value: unknown): ChainHead | undefined {
  const head = value as Partial<ChainHead> | undefined;
  if (typeof head?.seq !== 'number' || typeof head.hash !== 'string') return undefined;
  return { ...(typeof head.writer === 'string' ? { writer: head.writer } : {}), seq: head.seq, hash: head.hash };
}

const byCodeUnits = (x: string, y: string): number => (x < y ? -1 : x > y ? 1 : 0);
const photoExtension = (mimeType: string): string => (mimeType === 'image/png' ? 'png' : 'jpg');
const text = (value: unknown): string => (typeof value === 'string' ? value : '');

/** 音像文件（设备…，拍摄人…，开始时间）; the original name only where the archive's file name differs. */
function mediaDescription(m: Media, fileName: string): string {
  const original = text(m['originalName']) || m.id;
  const detail = [
    text(m['deviceNumber']) && `设备 ${text(m['deviceNumber'])}`,
    text(m['operator']) && `拍摄人 ${text(m['operator'])}`,
    text(m['startedAt']).slice(0, 16).replace('T', ' '),
    fileName === `${MEDIA_DIR}${original}` ? '' : `原文件名 ${original}`,
  ].filter(Boolean);
  return `音像文件${detail.length > 0 ? `（${detail.join('，')}）` : ''}`;
}

/**
 * The archive's contents and every SHA-256 in it, in a fixed order so the same backup
 * gives the same archive. `mediaIds` are the register records whose files go in as well.
 * Throws (in Chinese) on a frozen PDF that no longer matches its recorded SHA-256.
 */
export function planArchive(backup: OperationBackup, createdAt: string, mediaIds: readonly string[] = []): ArchivePlan {
  const files: ArchiveFile[] = [];
  const described = new Map<string, string>();
  const add = (file: ArchiveFile, description: string) => {
    files.push(file);
    described.set(file.name, description);
  };

  const versions = documentVersions(backup.documents);
  const documents: ManifestDocument[] = [];
  const pdfs: ArchiveFile[] = [];
  // Names that differ only by case or by what safeSegment replaced would be one file once extracted.
  const taken = new Set([INDEX_NAME, LOG_NAME, MEDIA_REGISTER_NAME, MANIFEST_NAME, STATIONS_NAME, REFUSED_NAME, 'inventory.json', 'service.json'].map(collisionKey));
  for (const d of backup.documents) {
    if (d.status !== 'issued' || !(d.pdf instanceof Uint8Array)) continue;
    const version = versions.get(d.id) ?? 1;
    const number = d.number ?? d.id;
    const name = uniqueName(`documents/${safeSegment(d.kind)}/${safeSegment(number)}-v${version}.pdf`, taken);
    const title = documentTitle(d.kind);
    const digest = hex(d.pdf);
    if (typeof d.sha256 === 'string' && d.sha256 !== digest) {
      throw new Error(`《${title}》${number} 的 PDF 与签发时记录的 SHA-256 不符，已停止归档`);
    }
    const chainHead = recordedHead(d.chainHead);
    documents.push({ file: name, kind: d.kind, title, number, version, sha256: digest, ...(chainHead ? { chainHead } : {}) });
    pdfs.push({ name, bytes: d.pdf, stored: true });
    const issued = text(d.issuedAt).slice(0, 10);
    described.set(name, `《${title}》${number}，第 ${version} 版${issued ? `，${issued} 签发` : ''}`);
  }
  files.push(...pdfs.sort((a, b) => byCodeUnits(a.name, b.name)));
  documents.sort((a, b) => byCodeUnits(a.file, b.file));

  // The format-1 chain only: a format-2 entry's view in the log table (it names its writer) is in its station's chain.
  const entries = backup.logEntries.filter((e) => !('writer' in e)).sort((a, b) => a.seq - b.seq);
  const last = entries.at(-1);
  const logHead = last ? { seq: last.seq, hash: last.hash } : null;
  const stations = planStations(backup.stationEntries ?? [], backup.operation.id, taken);
  // An operation recorded by stations alone has no format-1 log: no empty file stands for it.
  if (entries.length > 0 || stations.chains.length === 0) {
    add({ name: LOG_NAME, bytes: strToU8(entries.map((e) => `${JSON.stringify(e)}\n`).join('')), stored: false }, `执行日志 ${entries.length} 条（JSON Lines，哈希链）`);
  }
  for (const { writer, entries: chain } of stations.chains) {
    const named = writer.name ? `工作站「${writer.name}」（${shortKey(writer.key)}）` : `工作站 ${shortKey(writer.key)}`;
    add({ name: writer.file, bytes: strToU8(jsonLines(chain)), stored: false }, `${named}的签名记录链 ${writer.count} 条（JSON Lines，至第 ${writer.head.seq} 条）`);
  }
  if (stations.refused.length > 0) {
    add({ name: REFUSED_NAME, bytes: strToU8(jsonLines(stations.refused)), stored: false }, `名册不予接受的记录 ${stations.refused.length} 条（每条附原因）`);
  }
  add({ name: STATIONS_NAME, bytes: json(stations.record), stored: false }, `工作站名册：${stations.record.stations.length} 个工作站的公钥、名称和角色，检查点 ${stations.record.checkpoints.length} 个`);
  add({ name: MEDIA_REGISTER_NAME, bytes: json(backup.media), stored: false }, `音像资料登记表（${backup.media.length} 条登记）`);

  const photos: ArchiveFile[] = [];
  const items = backup.inventoryItems.map((item) => ({
    ...item,
    photos: item.photos.map((photo, i) => {
      const name = uniqueName(`inventory/photos/${safeSegment(item.tag || item.id)}-${i + 1}.${photoExtension(photo.mimeType)}`, taken);
      photos.push({ name, bytes: photo.bytes, stored: true });
      described.set(name, `物品照片（${item.tag || item.name} ${item.name}，第 ${i + 1} 张）`);
      return { name: photo.name, mimeType: photo.mimeType, file: name, sha256: hex(photo.bytes), size: photo.bytes.length };
    }),
  }));
  add(
    { name: 'inventory.json', bytes: json({ rooms: backup.inventoryRooms, items, attendance: backup.inventoryAttendance }), stored: false },
    `物品清单数据（${items.length} 件物品，${backup.inventoryRooms.length} 个房间）`,
  );
  files.push(...photos);
  add(
    { name: 'service.json', bytes: json({ services: backup.services, postings: backup.postings }), stored: false },
    `送达记录 ${backup.services.length} 条，张贴记录 ${backup.postings.length} 条`,
  );

  const media: PlannedMedia[] = [];
  for (const id of new Set(mediaIds)) {
    const record = backup.media.find((m) => m.id === id);
    if (!record) throw new Error(`音像登记表中没有编号为 ${id} 的记录`);
    const size = typeof record['size'] === 'number' ? record['size'] : -1;
    const originalName = text(record['originalName']) || record.id;
    if (!Number.isSafeInteger(size) || size < 0) throw new Error(`音像登记“${originalName}”没有有效的文件大小`);
    const name = uniqueName(`${MEDIA_DIR}${safeSegment(originalName)}`, taken);
    media.push({ name, size, sha256: record.sha256, mediaId: id, originalName, description: mediaDescription(record, name) });
  }

  const inMemory = files.map((f) => ({ name: f.name, sha256: hex(f.bytes), size: f.bytes.length, description: described.get(f.name)! }));
  const total = inMemory.reduce((n, f) => n + f.size, 0) + media.reduce((n, m) => n + m.size, 0);
  if (total > MAX_ARCHIVE_BYTES) {
    throw new Error(`归档内容共 ${total} 字节，超过 ZIP 格式的上限（约 4 GB）。请少选一些音像文件，其余单独保存并以登记表中的 SHA-256 核对`);
  }
  return {
    operationId: backup.operation.id,
    title: operationTitle(backup.subjects.map((s) => s.name)),
    createdAt,
    files,
    media,
    items: [...inMemory, ...media.map(({ name, size, sha256: digest, description }) => ({ name, size, sha256: digest, description }))],
    documents,
    log: { count: entries.length, head: logHead },
    stations: stations.manifest,
    head: indexHead(stations.manifest, logHead),
  };
}

const jsonLines = (values: readonly unknown[]): string => values.map((v) => `${JSON.stringify(v)}\n`).join('');

function indexHead(stations: ManifestStations, logHead: ChainHead | null): ChainHead | null {
  const { checkpoint } = stations;
  if (checkpoint) return { writer: checkpoint.writer, seq: checkpoint.seq, hash: checkpoint.hash };
  const commander = stations.writers.find((w) => w.key === stations.anchor) ?? stations.writers[0];
  return commander ? { writer: commander.key, seq: commander.head.seq, hash: commander.head.hash } : logHead;
}

/** The manifest of the planned archive with this index PDF. */
export function archiveManifest(plan: ArchivePlan, index: Uint8Array): ArchiveManifest {
  return {
    format: ARCHIVE_FORMAT,
    formatVersion: ARCHIVE_FORMAT_VERSION,
    operationId: plan.operationId,
    createdAt: plan.createdAt,
    files: [{ name: INDEX_NAME, sha256: hex(index), size: index.length }, ...plan.items.map(({ name, sha256: digest, size }) => ({ name, sha256: digest, size }))],
    log: plan.log,
    documents: plan.documents,
    media: plan.media.map((m) => ({ file: m.name, mediaId: m.mediaId })),
    index: INDEX_NAME,
    stations: plan.stations,
  };
}

/** The manifest as the archive stores it. */
export const manifestFile = (manifest: ArchiveManifest): ArchiveFile => ({ name: MANIFEST_NAME, bytes: json(manifest), stored: false });

export interface WriteOptions {
  /** Entry times in the ZIP: not the clock, so the same archive gives the same bytes. */
  modifiedAt: Date;
  /** One source per planned media file. */
  media?: readonly MediaSource[];
  /** The ZIP's bytes in order; the last call has final = true. A returned promise is awaited (backpressure). */
  onChunk: (chunk: Uint8Array, final: boolean) => void | Promise<void>;
  /**
   * The SHA-256 that re-checks media files; @noble/hashes when omitted. Node passes its own
   * (crypto.createHash), many times faster than JavaScript on a large video.
   */
  createSha256?: () => { update(chunk: Uint8Array): unknown; digest(): Uint8Array };
  /** Before each entry is written: its position among all entries, and for media its bytes so far. */
  onProgress?: (progress: { entry: number; entries: number; name: string; mediaBytes: number }) => void;
}

/**
 * Writes the planned archive as one ZIP, the index first and manifest.json last, chunk by
 * chunk. Media files are read piece by piece and hashed on the way; one that differs from
 * its register record stops the export before its last piece is written.
 */
export async function writeArchiveZip(plan: ArchivePlan, index: Uint8Array, options: WriteOptions): Promise<ArchiveManifest> {
  const manifest = archiveManifest(plan, index);
  const sources = new Map((options.media ?? []).map((s) => [s.mediaId, s]));
  for (const m of plan.media) {
    const source = sources.get(m.mediaId);
    if (!source) throw new Error(`没有提供音像文件“${m.originalName}”`);
    if (source.size !== m.size) throw new Error(`音像文件“${m.originalName}”的大小（${source.size} 字节）与登记的 ${m.size} 字节不符，已停止导出`);
  }

  let failure: Error | null = null;
  const pending: { chunk: Uint8Array; final: boolean }[] = [];
  const zip = new Zip((error, chunk, final) => {
    if (error) failure = error;
    else pending.push({ chunk, final });
  });
  // fflate emits synchronously inside push(); handing the chunks on afterwards lets a slow sink hold the writer back.
  const flush = async () => {
    if (failure) throw failure;
    for (const { chunk, final } of pending.splice(0)) await options.onChunk(chunk, final);
  };
  const inMemory = [{ name: INDEX_NAME, bytes: index, stored: true }, ...plan.files];
  const entries = inMemory.length + plan.media.length + 1;
  let position = 0;
  const entry = (file: { name: string; stored: boolean }) => {
    options.onProgress?.({ entry: position++, entries, name: file.name, mediaBytes: 0 });
    const zipEntry = file.stored ? new ZipPassThrough(file.name) : new ZipDeflate(file.name, { level: 6 });
    zipEntry.mtime = options.modifiedAt;
    zip.add(zipEntry);
    return zipEntry;
  };
  for (const file of inMemory) {
    entry(file).push(file.bytes, true);
    await flush();
  }
  for (const m of plan.media) {
    const zipEntry = entry({ name: m.name, stored: true });
    const hasher = options.createSha256?.() ?? sha256.create();
    await streamMedia(m, sources.get(m.mediaId)!, hasher, (chunk, final) => zipEntry.push(chunk, final), async (done) => {
      await flush();
      options.onProgress?.({ entry: position - 1, entries, name: m.name, mediaBytes: done });
    });
  }
  const last = manifestFile(manifest);
  entry(last).push(last.bytes, true);
  zip.end();
  await flush();
  return manifest;
}

/** Reads one media file through, hashing it; the last piece goes out only if the hash is the registered one. */
async function streamMedia(
  m: PlannedMedia,
  source: MediaSource,
  hasher: { update(chunk: Uint8Array): unknown; digest(): Uint8Array },
  push: (chunk: Uint8Array, final: boolean) => void,
  afterPush: (done: number) => Promise<void>,
): Promise<void> {
  let offset = 0;
  do {
    const length = Math.min(MEDIA_CHUNK_BYTES, m.size - offset);
    const chunk = length === 0 ? new Uint8Array(0) : await source.read(offset, length);
    if (chunk.length !== length) throw new Error(`音像文件“${m.originalName}”在读取过程中变短了，可能已被修改，已停止导出`);
    hasher.update(chunk);
    offset += length;
    const final = offset === m.size;
    if (final && bytesToHex(hasher.digest()) !== m.sha256) {
      throw new Error(`音像文件“${m.originalName}”与登记的 SHA-256 不符，已停止导出`);
    }
    push(chunk, final);
    await afterPush(offset);
  } while (offset < m.size);
}

/** A register record as the matching needs it. */
export interface RegisteredMedia {
  id: string;
  size: number;
  sha256: string;
}

export interface MediaMatch<F> {
  matched: { mediaId: string; file: F }[];
  /** Picked files that are no registered recording (other size or other content). */
  unmatchedFiles: F[];
  /** Register records none of the files is. */
  missing: RegisteredMedia[];
}

/**
 * Which picked files are which registered recordings: by size first (cheap), then by
 * SHA-256, computed only for files whose size some unmatched record has.
 */
export async function matchMediaFiles<F extends { size: number }>(
  register: readonly RegisteredMedia[],
  files: readonly F[],
  hash: (file: F) => Promise<string>,
): Promise<MediaMatch<F>> {
  const open = new Map(register.map((r) => [r.id, r]));
  const matched: { mediaId: string; file: F }[] = [];
  const unmatchedFiles: F[] = [];
  for (const file of files) {
    const sameSize = [...open.values()].filter((r) => r.size === file.size);
    const digest = sameSize.length > 0 ? await hash(file) : '';
    const record = sameSize.find((r) => r.sha256 === digest);
    if (record) {
      open.delete(record.id);
      matched.push({ mediaId: record.id, file });
    } else unmatchedFiles.push(file);
  }
  return { matched, unmatchedFiles, missing: [...open.values()] };
}

/** The register as matchMediaFiles reads it; records without a usable size or hash are left out. */
export const registeredMedia = (backup: OperationBackup): RegisteredMedia[] =>
  backup.media.flatMap((m) => (typeof m['size'] === 'number' ? [{ id: m.id, size: m['size'], sha256: m.sha256 }] : []));
