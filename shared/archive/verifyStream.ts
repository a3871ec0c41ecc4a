// Pure. The archive verifier (一户一档), as the court or an auditor would run it, over a
// random-access reader: names the FIRST problem in Chinese, writes nothing, and never
// throws on a hostile file. The central directory is read from the end of the file and
// checked (checkDirectory, no links or special files) before anything is inflated; then
// every entry is streamed through fflate's Inflate and hashed piece by piece, its local
// header first compared with the directory. Only manifest.json, log.jsonl and media.json
// are held whole, so an archive with gigabytes of footage verifies in flat memory.
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { Inflate, strFromU8 } from 'fflate';
import { checkDirectory, PARSED_FILES, verifyArchiveContents, type ArchiveVerdict, type DirectoryEntry } from './verifyArchive';

/** A file read at any offset: a Node file handle, a browser File, bytes in memory. */
export interface RandomAccessReader {
  size: number;
  read(offset: number, length: number): Promise<Uint8Array>;
}

export interface StreamVerifyOptions {
  /** As in writeArchiveZip: Node passes crypto.createHash, much faster than JavaScript. */
  createSha256?: () => { update(chunk: Uint8Array): unknown; digest(): Uint8Array };
  /** Compressed bytes read so far, of `total`. */
  onProgress?: (done: number, total: number) => void;
  /** Each of PARSED_FILES the archive has, whole: what a browser shows once the verdict is in. */
  onParsed?: (name: string, bytes: Uint8Array) => void;
}

const END_OF_DIRECTORY = 0x06054b50;
const DIRECTORY_ENTRY = 0x02014b50;
const LOCAL_HEADER = 0x04034b50;
const END_RECORD_BYTES = 22;
/** The end record, then at most a 64 KiB comment. */
const TAIL_BYTES = END_RECORD_BYTES + 0xffff;
/** A directory larger than this is not one of ours (100 000 entries of long names stay below). */
const MAX_DIRECTORY_BYTES = 64 * 1024 * 1024;
const READ_BYTES = 4 * 1024 * 1024;
/** manifest.json, log.jsonl and media.json are held whole: a million log entries stay well below. */
export const MAX_PARSED_BYTES = 512 * 1024 * 1024;

interface StoredEntry extends DirectoryEntry {
  /** The name as the directory stores it: the local header must hold the same bytes. */
  nameBytes: Uint8Array;
  method: number;
  localOffset: number;
  /** A Unix symbolic link, directory, device, FIFO or socket: an extractor would create it as such. */
  special: boolean;
}

/** "Version made by" host 3: the upper 16 bits of the external attributes are st_mode. */
const UNIX_HOST = 3;
const S_IFMT = 0o170000;
const S_IFREG = 0o100000;
/** A file type other than regular; type 0 (only permissions, as Python's zipfile writes) is a plain file. */
function isSpecial(versionMadeBy: number, externalAttributes: number): boolean {
  const type = (externalAttributes >>> 16) & S_IFMT;
  return versionMadeBy >> 8 === UNIX_HOST && type !== 0 && type !== S_IFREG;
}

class ZipProblem extends Error {}
const fail = (problem: string): never => {
  throw new ZipProblem(problem);
};

async function readExactly(reader: RandomAccessReader, offset: number, length: number): Promise<Uint8Array> {
  if (offset < 0 || offset + length > reader.size) fail('ZIP 文件已损坏（记录的位置超出文件），拒绝处理');
  const bytes = length === 0 ? new Uint8Array(0) : await reader.read(offset, length);
  if (bytes.length !== length) fail('读取归档时文件变短了，可能正在被改动');
  return bytes;
}

const view = (bytes: Uint8Array) => new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);

/** The central directory, found through the end record. */
async function readDirectory(reader: RandomAccessReader): Promise<StoredEntry[]> {
  const tailLength = Math.min(reader.size, TAIL_BYTES);
  const tail = await readExactly(reader, reader.size - tailLength, tailLength);
  const t = view(tail);
  let end = -1;
  for (let at = tail.length - END_RECORD_BYTES; at >= 0; at--) {
    if (t.getUint32(at, true) === END_OF_DIRECTORY) {
      end = at;
      break;
    }
  }
  if (end < 0) fail('不是有效的 ZIP 文件（找不到中央目录）');
  const count = t.getUint16(end + 10, true);
  const directorySize = t.getUint32(end + 12, true);
  const directoryOffset = t.getUint32(end + 16, true);
  if (count === 0xffff || directorySize === 0xffffffff || directoryOffset === 0xffffffff) fail('ZIP64 格式的归档不受支持');
  if (directorySize > MAX_DIRECTORY_BYTES) fail(`ZIP 文件的中央目录有 ${directorySize} 字节，超过上限，拒绝处理`);
  const directory = await readExactly(reader, directoryOffset, directorySize);
  const d = view(directory);
  const entries: StoredEntry[] = [];
  let at = 0;
  for (let i = 0; i < count; i++) {
    if (at + 46 > directory.length || d.getUint32(at, true) !== DIRECTORY_ENTRY) fail('不是有效的 ZIP 文件（中央目录已损坏）');
    const nameLength = d.getUint16(at + 28, true);
    const next = at + 46 + nameLength + d.getUint16(at + 30, true) + d.getUint16(at + 32, true);
    if (next > directory.length) fail('不是有效的 ZIP 文件（中央目录已损坏）');
    const utf8 = (d.getUint16(at + 8, true) & 0x800) !== 0;
    const nameBytes = directory.subarray(at + 46, at + 46 + nameLength);
    entries.push({
      name: strFromU8(nameBytes, !utf8),
      nameBytes,
      method: d.getUint16(at + 10, true),
      compressedSize: d.getUint32(at + 20, true),
      size: d.getUint32(at + 24, true),
      localOffset: d.getUint32(at + 42, true),
      special: isSpecial(d.getUint16(at + 4, true), d.getUint32(at + 38, true)),
    });
    at = next;
  }
  return entries;
}

/** Hands an entry's content to `onData` piece by piece; never more than its declared size. */
async function streamEntry(reader: RandomAccessReader, entry: StoredEntry, onData: (chunk: Uint8Array) => void, onRead: (bytes: number) => void): Promise<void> {
  const header = view(await readExactly(reader, entry.localOffset, 30));
  const nameLength = header.getUint16(26, true);
  // An extractor that reads local headers would write this entry under another name (or
  // two directory entries would share one header): the name checked is not the one used.
  const mismatch = () => fail(`ZIP 文件的本地头与中央目录不一致（${entry.name}），拒绝处理`);
  if (header.getUint32(0, true) !== LOCAL_HEADER || nameLength !== entry.nameBytes.length) mismatch();
  const localName = await readExactly(reader, entry.localOffset + 30, nameLength);
  if (localName.some((b, i) => b !== entry.nameBytes[i])) mismatch();
  const start = entry.localOffset + 30 + nameLength + header.getUint16(28, true);
  if (entry.method !== 0 && entry.method !== 8) fail(`文件 ${entry.name} 使用了不支持的压缩方式（${entry.method}），拒绝处理`);
  let produced = 0;
  const take = (chunk: Uint8Array) => {
    produced += chunk.length;
    if (produced > entry.size) fail(`文件 ${entry.name} 解压后超过声明的大小（${entry.size} 字节），疑为压缩炸弹，拒绝处理`);
    onData(chunk);
  };
  const inflate = entry.method === 8 ? new Inflate((chunk) => take(chunk)) : null;
  let offset = 0;
  let final = false;
  // At least one push, so an empty entry still ends its inflater.
  while (!final) {
    const length = Math.min(READ_BYTES, entry.compressedSize - offset);
    const chunk = await readExactly(reader, start + offset, length);
    offset += length;
    final = offset >= entry.compressedSize;
    try {
      if (inflate) inflate.push(chunk, final);
      else take(chunk);
    } catch (error) {
      if (error instanceof ZipProblem) throw error;
      fail(`ZIP 文件已损坏，无法解压 ${entry.name}（${error instanceof Error ? error.message : String(error)}）`);
    }
    onRead(length);
  }
  if (produced !== entry.size) fail(`ZIP 文件已损坏（文件 ${entry.name} 解压后 ${produced} 字节，与声明的 ${entry.size} 字节不符）`);
}

/** The whole check of an archive read through `reader`. Never throws. */
export async function verifyArchiveReader(reader: RandomAccessReader, options: StreamVerifyOptions = {}): Promise<ArchiveVerdict> {
  try {
    const directory = await readDirectory(reader);
    const problem = checkDirectory(directory, reader.size);
    if (problem) return { ok: false, problem };
    const special = directory.find((e) => e.special);
    if (special) return { ok: false, problem: `文件 ${special.name} 是符号链接（或特殊文件），拒绝处理` };
    const total = directory.reduce((n, e) => n + e.compressedSize, 0);
    let done = 0;
    const digests = new Map<string, { sha256: string; size: number }>();
    const parsed = new Map<string, Uint8Array>();
    for (const entry of directory) {
      const hasher = options.createSha256?.() ?? sha256.create();
      const kept: Uint8Array[] | null = PARSED_FILES.includes(entry.name) ? [] : null;
      if (kept && entry.size > MAX_PARSED_BYTES) fail(`归档中文件 ${entry.name} 声明的大小（${entry.size} 字节）超过可读取的上限 ${MAX_PARSED_BYTES} 字节，拒绝处理`);
      let size = 0;
      await streamEntry(
        reader,
        entry,
        (chunk) => {
          hasher.update(chunk);
          size += chunk.length;
          kept?.push(chunk.slice());
        },
        (bytes) => options.onProgress?.((done += bytes), total),
      );
      digests.set(entry.name, { sha256: bytesToHex(hasher.digest()), size });
      if (kept) {
        const whole = new Uint8Array(size);
        kept.reduce((at, c) => (whole.set(c, at), at + c.length), 0);
        parsed.set(entry.name, whole);
        options.onParsed?.(entry.name, whole);
      }
    }
    return verifyArchiveContents({ names: directory.map((e) => e.name), parsed: (name) => parsed.get(name), digest: (name) => digests.get(name)! });
  } catch (error) {
    return { ok: false, problem: error instanceof ZipProblem ? error.message : `无法核验归档（${error instanceof Error ? error.message : String(error)}）` };
  }
}

/** Bytes in memory as a reader. */
export const bytesReader = (bytes: Uint8Array): RandomAccessReader => ({
  size: bytes.length,
  read: (offset, length) => Promise.resolve(bytes.subarray(offset, offset + length)),
});

/** The whole check of an archive held in memory. Never throws. */
export const verifyArchiveZip = (zip: Uint8Array, options?: StreamVerifyOptions): Promise<ArchiveVerdict> => verifyArchiveReader(bytesReader(zip), options);
