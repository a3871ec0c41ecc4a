// Pure. The archive verifier (一户一档), as the court or an auditor would run it, over a
// random-access reader: names the FIRST problem in Chinese, writes nothing, and never throws
// on a hostile file. The ZIP's structure is read strictly (zipReader.ts: the whole central
// directory against its end record, names, extra fields) and its limits checked
// (checkDirectory) before anything is inflated; manifest.json is read first, then every entry
// in the order of its data, its local header compared with the directory, its CRC-32 and
// SHA-256 computed piece by piece. log.jsonl is checked line by line as it inflates
// (streamedLog.ts), so is each station's chain (streamedStations.ts); only manifest.json,
// media.json and stations.json, capped, are held whole. So an archive with gigabytes of
// footage, or a log that inflates to gigabytes, is checked in flat memory. Before that, every
// PDF's properties are read (pdfProperties.ts, a few small pieces of each) for the log heads
// it carries, so the streamed chains keep the hashes those heads need.
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { printedHeadsOf } from '../documents/printedHead';
import type { HashHex, SignatureCheck } from '../stations/entry';
import type { StationEntry } from '../stations/types';
import { LOG_NAME, MANIFEST_NAME, MEDIA_REGISTER_NAME } from './archive';
import { readPdfProperties } from './pdfProperties';
import { STATIONS_NAME } from './stations';
import { LogBroken, StreamedLog } from './streamedLog';
import { StreamedStations, type LineSink } from './streamedStations';
import type { LogEntry } from '../log/types';
import {
  checkDirectory,
  checkNames,
  isPdf,
  MAX_WHOLE_LOG_BYTES,
  printedSeqs,
  readManifest,
  verifyArchiveContents,
  wholeLogProblem,
  type ArchiveVerdict,
  type PdfHeads,
} from './verifyArchive';
import { checkLayout, entryContent, readZipDirectory, streamEntry, ZipProblem, type RandomAccessReader, type ZipEntry } from './zipReader';

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
  /** Each station entry of a format-3 archive, writer by writer, once its run of the chain verified. */
  onStationEntry?: (entry: StationEntry) => void;
  /** The stations' signatures: each writer's head and the checkpoints (default), or every one. */
  signatures?: 'heads' | 'all';
  /** Node passes its native Ed25519 (electron/hub/nativeVerify.ts); @noble/curves otherwise. */
  verifySignature?: SignatureCheck;
  /**
   * Hex SHA-256 of one small piece at once (a station entry's canonical form): a worker passes a
   * reused WebAssembly hasher; by default made from createSha256, else @noble/hashes.
   */
  hashHex?: HashHex;
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

    // Every PDF's properties first: the heads they carry decide which hashes the chains keep.
    const pdfs = new Map<string, PdfHeads>();
    for (const entry of zip.entries.filter((e) => isPdf(e.name))) {
      const properties = await readPdfProperties(await entryContent(reader, entry));
      pdfs.set(entry.name, properties.ok ? { heads: printedHeadsOf(properties.info['Keywords'] ?? '') } : { unreadable: properties.reason });
    }
    const createSha256 = options.createSha256;
    const stations = manifest.stations
      ? new StreamedStations(manifest.stations, {
          op: manifest.operationId,
          signatures: options.signatures ?? 'heads',
          ...(options.hashHex ? { hash: options.hashHex } : createSha256 ? { hash: (bytes: Uint8Array) => hashHex(createSha256(), bytes) } : {}),
          ...(options.verifySignature ? { verify: options.verifySignature } : {}),
          ...(options.onStationEntry ? { onEntry: options.onStationEntry } : {}),
        })
      : null;

    const logEntry = zip.entries.find((e) => e.name === LOG_NAME);
    // A broken log small enough is read again whole, to name its first bad entry exactly.
    if (logEntry && logEntry.size <= MAX_WHOLE_LOG_BYTES) {
      wholeLog = async () => {
        const bytes = new Uint8Array(logEntry.size);
        let at = 0;
        await streamEntry(reader, logEntry, (chunk) => (bytes.set(chunk, at), (at += chunk.length)), { crc32: options.crc32 });
        return wholeLogProblem(bytes, manifest.operationId);
      };
    }
    const log = new StreamedLog(manifest.operationId, printedSeqs(manifest, pdfs), options.onLogEntry);
    const digests = new Map<string, { sha256: string; size: number }>();
    let mediaRegister: Uint8Array | undefined;
    let stationsRecord: Uint8Array | undefined;
    for (const entry of [...zip.entries].sort((a, b) => a.localOffset - b.localOffset)) {
      if (entry === manifestEntry) continue;
      const hasher = options.createSha256?.() ?? sha256.create();
      let size = 0;
      const hash = (chunk: Uint8Array) => {
        hasher.update(chunk);
        size += chunk.length;
      };
      // The JSON files read whole are hashed from those bytes instead of being read twice.
      if (entry.name === MEDIA_REGISTER_NAME || (stations && entry.name === STATIONS_NAME)) {
        const bytes = await whole(entry);
        if (entry.name === MEDIA_REGISTER_NAME) mediaRegister = bytes;
        else stationsRecord = bytes;
        hash(bytes);
      } else {
        const lines: LineSink | null = entry === logEntry ? log : (stations?.sink(entry.name) ?? null);
        await read(entry, lines ? (chunk) => (hash(chunk), lines.push(chunk)) : hash);
        if (lines && lines !== log) lines.end();
      }
      digests.set(entry.name, { sha256: bytesToHex(hasher.digest()), size });
    }
    const logResult = log.end();
    checkLayout(extents, zip.directoryOffset);
    const stationsResult = stations ? stations.end(parseRecord(stationsRecord)) : null;
    return verifyArchiveContents({
      manifest,
      names,
      log: logResult,
      stations: stationsResult,
      pdfs,
      signatures: options.signatures ?? 'heads',
      digest: (name) => digests.get(name)!,
      mediaRegister,
    });
  } catch (error) {
    if (error instanceof LogBroken) return refuse((await wholeLogAgain(wholeLog)) ?? error.message);
    if (error instanceof ZipProblem) return refuse(error.message);
    return refuse(`无法核验归档（${error instanceof Error ? error.message : String(error)}）`);
  }
}

// TextDecoder is global in browsers, workers and Node alike; shared/ compiles without the DOM lib.
declare const TextDecoder: new (label: string, options: { fatal: boolean }) => { decode(bytes: Uint8Array): string };

/** stations.json as JSON (undefined when absent or not JSON: then it equals no derived record). */
function parseRecord(bytes: Uint8Array | undefined): unknown {
  try {
    return bytes ? (JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes)) as unknown) : undefined;
  } catch {
    return undefined;
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

function hashHex(hasher: { update(chunk: Uint8Array): unknown; digest(): Uint8Array }, bytes: Uint8Array): string {
  hasher.update(bytes);
  return bytesToHex(hasher.digest());
}

/** Bytes in memory as a reader. */
export const bytesReader = (bytes: Uint8Array): RandomAccessReader => ({
  size: bytes.length,
  read: (offset, length) => Promise.resolve(bytes.subarray(offset, offset + length)),
});

/** The whole check of an archive held in memory. Never throws. */
export const verifyArchiveZip = (zip: Uint8Array, options?: StreamVerifyOptions): Promise<ArchiveVerdict> => verifyArchiveReader(bytesReader(zip), options);
