// Pure. The archive verifier (一户一档), as the court or an auditor would run it, over a
// random-access reader: names the FIRST problem in Chinese, writes nothing, and never throws
// on a hostile file. The ZIP's structure is read strictly (zipReader.ts: the whole central
// directory against its end record, names, extra fields) and its limits checked
// (checkDirectory) before anything is inflated; manifest.json is read first, then every entry
// in the order of its data, its local header compared with the directory, its CRC-32 and
// SHA-256 computed piece by piece. log.jsonl is checked line by line as it inflates
// (streamedLog.ts); only manifest.json and media.json, capped, are held whole. So an archive
// with gigabytes of footage, or a log that inflates to gigabytes, is checked in flat memory.
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { LOG_NAME, MANIFEST_NAME, MEDIA_REGISTER_NAME } from './archive';
import { LogBroken, StreamedLog } from './streamedLog';
import type { LogEntry } from '../log/types';
import {
  checkDirectory,
  checkNames,
  MAX_WHOLE_LOG_BYTES,
  printedSeqs,
  readManifest,
  verifyArchiveContents,
  wholeLogProblem,
  type ArchiveVerdict,
} from './verifyArchive';
import { checkLayout, readZipDirectory, streamEntry, ZipProblem, type RandomAccessReader, type ZipEntry } from './zipReader';

export type { RandomAccessReader } from './zipReader';

export interface StreamVerifyOptions {
  /** As in writeArchiveZip: Node passes crypto.createHash, much faster than JavaScript. */
  createSha256?: () => { update(chunk: Uint8Array): unknown; digest(): Uint8Array };
  /** Node passes zlib.crc32; a JavaScript CRC-32 otherwise. */
  crc32?: (chunk: Uint8Array, previous: number) => number;
  /** Compressed bytes read so far, of `total`. */
  onProgress?: (done: number, total: number) => void;
  /** manifest.json and media.json, whole, as read: what a browser shows once the verdict is in. */
  onParsed?: (name: string, bytes: Uint8Array) => void;
  /** Each log entry, in order, once its run of the chain verified. */
  onLogEntry?: (entry: LogEntry) => void;
}

const refuse = (problem: string): ArchiveVerdict => ({ ok: false, problem });

/** The whole check of an archive read through `reader`. Never throws. */
export async function verifyArchiveReader(reader: RandomAccessReader, options: StreamVerifyOptions = {}): Promise<ArchiveVerdict> {
  let wholeLog: (() => Promise<string | null>) | null = null;
  try {
    const zip = await readZipDirectory(reader);
    checkDirectory(zip.entries, reader.size);
    const total = zip.entries.reduce((n, e) => n + e.compressedSize, 0);
    let done = 0;
    const extents: { name: string; start: number; end: number }[] = [];
    const read = async (entry: ZipEntry, onData: (chunk: Uint8Array) => void) => {
      const end = await streamEntry(reader, entry, onData, { crc32: options.crc32, onRead: (bytes) => options.onProgress?.((done += bytes), total) });
      extents.push({ name: entry.name, start: entry.localOffset, end });
    };
    const whole = async (entry: ZipEntry): Promise<Uint8Array> => {
      const bytes = new Uint8Array(entry.size);
      let at = 0;
      await read(entry, (chunk) => (bytes.set(chunk, at), (at += chunk.length)));
      options.onParsed?.(entry.name, bytes);
      return bytes;
    };

    const manifestEntry = zip.entries.find((e) => e.name === MANIFEST_NAME);
    if (!manifestEntry) return refuse(`归档缺少清单文件 ${MANIFEST_NAME}`);
    const manifest = readManifest(await whole(manifestEntry));
    if (typeof manifest === 'string') return refuse(manifest);
    const names = zip.entries.map((e) => e.name);
    const namesProblem = checkNames(manifest, names);
    if (namesProblem) return refuse(namesProblem);

    const logEntry = zip.entries.find((e) => e.name === LOG_NAME)!;
    // A broken log small enough is read again whole, to name its first bad entry exactly.
    if (logEntry.size <= MAX_WHOLE_LOG_BYTES) {
      wholeLog = async () => {
        const bytes = new Uint8Array(logEntry.size);
        let at = 0;
        await streamEntry(reader, logEntry, (chunk) => (bytes.set(chunk, at), (at += chunk.length)), { crc32: options.crc32 });
        return wholeLogProblem(bytes, manifest.operationId);
      };
    }
    const log = new StreamedLog(manifest.operationId, printedSeqs(manifest), options.onLogEntry);
    const digests = new Map<string, { sha256: string; size: number }>();
    let mediaRegister: Uint8Array | undefined;
    for (const entry of [...zip.entries].sort((a, b) => a.localOffset - b.localOffset)) {
      if (entry === manifestEntry) continue;
      if (entry.name === MEDIA_REGISTER_NAME) mediaRegister = await whole(entry);
      const hasher = options.createSha256?.() ?? sha256.create();
      let size = 0;
      const hash = (chunk: Uint8Array) => {
        hasher.update(chunk);
        size += chunk.length;
      };
      // media.json was read whole just above: hash those bytes instead of reading them twice.
      if (entry.name === MEDIA_REGISTER_NAME) hash(mediaRegister!);
      else await read(entry, entry === logEntry ? (chunk) => (hash(chunk), log.push(chunk)) : hash);
      digests.set(entry.name, { sha256: bytesToHex(hasher.digest()), size });
    }
    const logResult = log.end();
    checkLayout(extents, zip.directoryOffset);
    return verifyArchiveContents({ manifest, names, log: logResult, digest: (name) => digests.get(name)!, mediaRegister });
  } catch (error) {
    if (error instanceof LogBroken) return refuse((await wholeLogAgain(wholeLog)) ?? error.message);
    if (error instanceof ZipProblem) return refuse(error.message);
    return refuse(`无法核验归档（${error instanceof Error ? error.message : String(error)}）`);
  }
}

/** The exact problem of a broken log read whole, if it is small enough; null to keep the streamed one. */
async function wholeLogAgain(wholeLog: (() => Promise<string | null>) | null): Promise<string | null> {
  try {
    return wholeLog ? await wholeLog() : null;
  } catch {
    return null;
  }
}

/** Bytes in memory as a reader. */
export const bytesReader = (bytes: Uint8Array): RandomAccessReader => ({
  size: bytes.length,
  read: (offset, length) => Promise.resolve(bytes.subarray(offset, offset + length)),
});

/** The whole check of an archive held in memory. Never throws. */
export const verifyArchiveZip = (zip: Uint8Array, options?: StreamVerifyOptions): Promise<ArchiveVerdict> => verifyArchiveReader(bytesReader(zip), options);
