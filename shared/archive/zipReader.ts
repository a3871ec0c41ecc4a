// Pure. Strict reading of a ZIP for the archive verifier, over a random-access reader. ZIP
// readers disagree where the format is loose (which end record, the entry count or the
// directory's size, the central or the local header, a Unicode-path field or the name, a
// CRC nobody checks): an archive can verify here and extract as something else elsewhere.
// So every such place is pinned down, and any disagreement refuses the archive, naming the
// rule broken. What is accepted is what fflate writes (with or without data descriptors,
// no ZIP64) and what ordinary zip tools write for the same files.
import { Inflate } from 'fflate';
import { crc32 as crc32Js } from './crc32';
import { findCollision, nameProblem } from './zipNames';

/** A file read at any offset: a Node file handle, a browser File, bytes in memory. */
export interface RandomAccessReader {
  size: number;
  read(offset: number, length: number): Promise<Uint8Array>;
}

/** The rules a ZIP must keep; each refusal names one. */
export const ZIP_RULES = {
  endRecord: '目录结尾记录唯一且与文件末尾相符',
  zip64: '不使用 ZIP64 扩展',
  directory: '中央目录完整、与结尾记录一致',
  localHeader: '本地头与中央目录一致',
  layout: '文件数据首尾相接，没有目录以外的内容',
  data: '压缩数据完整、可以解压',
  crc: '每个文件的 CRC-32 校验值正确',
  extraField: '扩展字段完整、不给文件改名',
  nameEncoding: '文件名编码明确（UTF-8 或纯 ASCII）',
  safeName: '文件名在各系统上安全',
  uniqueName: '文件名互不冲突（含大小写、Windows 规则）',
  plainFile: '只含普通文件',
  method: '只用存储或 Deflate 压缩、不加密',
  size: '大小不超过上限',
  ratio: '压缩比不超过 Deflate 的极限',
} as const;

type ZipRule = (typeof ZIP_RULES)[keyof typeof ZIP_RULES];

/** A refusal: what was found, and the rule it breaks. */
export class ZipProblem extends Error {
  constructor(
    readonly rule: ZipRule | string,
    detail: string,
  ) {
    super(`${detail}（违反规则：${rule}）`);
  }
}

export const zipFail = (rule: ZipRule | string, detail: string): never => {
  throw new ZipProblem(rule, detail);
};

export interface ZipEntry {
  name: string;
  /** The name as the directory stores it: the local header must hold the same bytes. */
  nameBytes: Uint8Array;
  flags: number;
  method: number;
  crc: number;
  /** Bytes in the ZIP. */
  compressedSize: number;
  /** Declared uncompressed bytes. */
  size: number;
  localOffset: number;
  /** A Unix symbolic link, directory, device, FIFO or socket: an extractor would create it as such. */
  special: boolean;
}

interface ZipDirectory {
  entries: ZipEntry[];
  /** Where the central directory starts: the entries' data must fill everything before it. */
  directoryOffset: number;
}

const END_OF_DIRECTORY = 0x06054b50;
const ZIP64_END_LOCATOR = 0x07064b50;
const DIRECTORY_ENTRY = 0x02014b50;
const LOCAL_HEADER = 0x04034b50;
const DATA_DESCRIPTOR = 0x08074b50;
const END_RECORD_BYTES = 22;
/** The end record, then at most a 64 KiB comment. */
const TAIL_BYTES = END_RECORD_BYTES + 0xffff;
/** A directory larger than this is not one of ours (100 000 entries of long names stay below). */
const MAX_DIRECTORY_BYTES = 64 * 1024 * 1024;
const READ_BYTES = 4 * 1024 * 1024;
/** Compressed bytes pushed into the inflater at a time: at most ~16 MB come out of one. */
const INFLATE_PIECE = 16 * 1024;

const ZIP64_EXTRA = 0x0001;
const UNICODE_PATH_EXTRA = 0x7075;
/** General-purpose flags: 0 encrypted, 3 data descriptor, 5 patched data, 6 strong encryption, 11 UTF-8, 13 masked directory. */
const FLAG_ENCRYPTED = 1 << 0;
const FLAG_DESCRIPTOR = 1 << 3;
const FLAG_UTF8 = 1 << 11;
const FLAGS_REFUSED = (1 << 0) | (1 << 5) | (1 << 6) | (1 << 13);

/** "Version made by" host 3: the upper 16 bits of the external attributes are st_mode. */
const UNIX_HOST = 3;
const S_IFMT = 0o170000;
const S_IFREG = 0o100000;
/** A file type other than regular; type 0 (only permissions, as Python's zipfile writes) is a plain file. */
function isSpecial(versionMadeBy: number, externalAttributes: number): boolean {
  const type = (externalAttributes >>> 16) & S_IFMT;
  return versionMadeBy >> 8 === UNIX_HOST && type !== 0 && type !== S_IFREG;
}

// TextDecoder is global in browsers, workers and Node alike; shared/ compiles without the DOM lib.
declare const TextDecoder: new (label: string, options: { fatal: boolean }) => { decode(bytes: Uint8Array): string };
const utf8 = new TextDecoder('utf-8', { fatal: true });

const view = (bytes: Uint8Array) => new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
const show = (name: string): string => JSON.stringify(name);
const sameBytes = (a: Uint8Array, b: Uint8Array) => a.length === b.length && a.every((x, i) => x === b[i]);

async function readExactly(reader: RandomAccessReader, offset: number, length: number): Promise<Uint8Array> {
  if (offset < 0 || offset + length > reader.size) zipFail(ZIP_RULES.directory, 'ZIP 文件已损坏（记录的位置超出文件）');
  const bytes = length === 0 ? new Uint8Array(0) : await reader.read(offset, length);
  if (bytes.length !== length) throw new Error('读取归档时文件变短了，可能正在被改动');
  return bytes;
}

/** The name of a directory record: UTF-8 when flagged (and valid), else ASCII only. */
function decodeName(bytes: Uint8Array, flags: number): string {
  if (flags & FLAG_UTF8) {
    try {
      return utf8.decode(bytes);
    } catch {
      return zipFail(ZIP_RULES.nameEncoding, '文件名标为 UTF-8，却不是有效的 UTF-8');
    }
  }
  // Without the flag, unzip reads CP437, Windows its ANSI code page (GBK here): another name.
  if (bytes.some((b) => b >= 0x80)) zipFail(ZIP_RULES.nameEncoding, `文件名 ${show(String.fromCharCode(...bytes))} 含非 ASCII 字节却未标明 UTF-8，各解压工具会读成不同的名字`);
  return String.fromCharCode(...bytes);
}

/**
 * The extra fields of a header: they must fill the area exactly, carry no ZIP64 sizes, and
 * an Info-ZIP Unicode Path field (0x7075), which 7-Zip and unzip use instead of the name,
 * must name the entry itself.
 */
function checkExtraFields(extra: Uint8Array, name: string, where: string): void {
  const d = view(extra);
  let at = 0;
  while (at < extra.length) {
    if (at + 4 > extra.length) zipFail(ZIP_RULES.extraField, `文件 ${show(name)} 的${where}扩展字段已损坏`);
    const id = d.getUint16(at, true);
    const length = d.getUint16(at + 2, true);
    const end = at + 4 + length;
    if (end > extra.length) zipFail(ZIP_RULES.extraField, `文件 ${show(name)} 的${where}扩展字段已损坏`);
    if (id === ZIP64_EXTRA) zipFail(ZIP_RULES.zip64, `文件 ${show(name)} 的${where}带有 ZIP64 扩展字段`);
    if (id === UNICODE_PATH_EXTRA) {
      // Version byte, CRC-32 of the header's name, then the UTF-8 name.
      let named: string | null = null;
      try {
        named = length >= 5 ? utf8.decode(extra.subarray(at + 9, end)) : null;
      } catch {
        named = null;
      }
      if (named !== name) {
        zipFail(ZIP_RULES.extraField, `文件 ${show(name)} 的${where}带有 Unicode 路径扩展字段（0x7075），把它命名为 ${named === null ? '无法读取的名字' : show(named)}，解压工具会用那个名字`);
      }
    }
    at = end;
  }
}

/**
 * The end record: the last one in the file, whose comment runs exactly to the end of the file,
 * with no other record that does. Readers that scan back for the signature and readers that
 * check the comment's length then find the same one.
 */
function findEndRecord(tail: Uint8Array, fileSize: number): number {
  const t = view(tail);
  const tailStart = fileSize - tail.length;
  const fits = (at: number) => tailStart + at + END_RECORD_BYTES + t.getUint16(at + 20, true) === fileSize;
  let last = -1;
  let fitting = 0;
  for (let at = tail.length - END_RECORD_BYTES; at >= 0; at--) {
    if (t.getUint32(at, true) !== END_OF_DIRECTORY) continue;
    if (last < 0) last = at;
    if (fits(at)) fitting++;
  }
  if (last < 0) zipFail(ZIP_RULES.endRecord, '不是有效的 ZIP 文件（找不到中央目录）');
  if (!fits(last)) zipFail(ZIP_RULES.endRecord, '最后一个目录结尾记录的注释长度与文件末尾不符（或注释里藏着另一个结尾记录），不同的解压工具会读到不同的目录');
  if (fitting > 1) zipFail(ZIP_RULES.endRecord, '文件中有不止一个与文件末尾相符的目录结尾记录，不同的解压工具会读到不同的目录');
  return last;
}

/**
 * The whole central directory, read by its declared size and checked against the end record
 * (count, size, offset, disks), each record's flags, name and extra fields, and then the
 * names together (safe, none colliding). Nothing is inflated yet.
 */
export async function readZipDirectory(reader: RandomAccessReader): Promise<ZipDirectory> {
  const tailLength = Math.min(reader.size, TAIL_BYTES);
  const tail = await readExactly(reader, reader.size - tailLength, tailLength);
  const end = findEndRecord(tail, reader.size);
  const endOffset = reader.size - tailLength + end;
  const t = view(tail);
  const disk = t.getUint16(end + 4, true);
  const directoryDisk = t.getUint16(end + 6, true);
  const countOnDisk = t.getUint16(end + 8, true);
  const count = t.getUint16(end + 10, true);
  const directorySize = t.getUint32(end + 12, true);
  const directoryOffset = t.getUint32(end + 16, true);
  if (count === 0xffff || countOnDisk === 0xffff || directorySize === 0xffffffff || directoryOffset === 0xffffffff) {
    zipFail(ZIP_RULES.zip64, '目录结尾记录带有 ZIP64 标记，ZIP64 格式的归档不受支持');
  }
  if (end >= 20 && t.getUint32(end - 20, true) === ZIP64_END_LOCATOR) {
    zipFail(ZIP_RULES.zip64, '文件带有 ZIP64 目录结尾定位记录，ZIP64 格式的归档不受支持');
  }
  if (disk !== 0 || directoryDisk !== 0 || countOnDisk !== count) zipFail(ZIP_RULES.directory, '目录结尾记录声明了分卷（多个磁盘），分卷归档不受支持');
  if (directorySize > MAX_DIRECTORY_BYTES) zipFail(ZIP_RULES.size, `ZIP 文件的中央目录有 ${directorySize} 字节，超过上限 ${MAX_DIRECTORY_BYTES} 字节`);
  // Anything between the directory and the end record is read by some tools and not others.
  if (directoryOffset + directorySize !== endOffset) {
    zipFail(ZIP_RULES.directory, `目录结尾记录所记中央目录的位置和大小（第 ${directoryOffset} 字节起 ${directorySize} 字节）与结尾记录的位置（第 ${endOffset} 字节）不符`);
  }
  const directory = await readExactly(reader, directoryOffset, directorySize);
  const d = view(directory);
  const entries: ZipEntry[] = [];
  let at = 0;
  // By size, not by count: a count short of the records hides the rest from readers that trust it.
  while (at < directory.length) {
    if (at + 46 > directory.length || d.getUint32(at, true) !== DIRECTORY_ENTRY) zipFail(ZIP_RULES.directory, `不是有效的 ZIP 文件（中央目录第 ${entries.length + 1} 条记录已损坏）`);
    const flags = d.getUint16(at + 8, true);
    const nameLength = d.getUint16(at + 28, true);
    const extraLength = d.getUint16(at + 30, true);
    const next = at + 46 + nameLength + extraLength + d.getUint16(at + 32, true);
    if (next > directory.length) zipFail(ZIP_RULES.directory, `不是有效的 ZIP 文件（中央目录第 ${entries.length + 1} 条记录超出目录）`);
    if (d.getUint16(at + 34, true) !== 0) zipFail(ZIP_RULES.directory, `中央目录第 ${entries.length + 1} 条记录声明在另一个分卷上`);
    const nameBytes = directory.subarray(at + 46, at + 46 + nameLength);
    const name = decodeName(nameBytes, flags);
    checkExtraFields(directory.subarray(at + 46 + nameLength, at + 46 + nameLength + extraLength), name, '中央目录记录');
    const entry: ZipEntry = {
      name,
      nameBytes,
      flags,
      method: d.getUint16(at + 10, true),
      crc: d.getUint32(at + 16, true),
      compressedSize: d.getUint32(at + 20, true),
      size: d.getUint32(at + 24, true),
      localOffset: d.getUint32(at + 42, true),
      special: isSpecial(d.getUint16(at + 4, true), d.getUint32(at + 38, true)),
    };
    if (entry.compressedSize === 0xffffffff || entry.size === 0xffffffff || entry.localOffset === 0xffffffff) {
      zipFail(ZIP_RULES.zip64, `文件 ${show(name)} 的大小或位置带有 ZIP64 标记`);
    }
    entries.push(entry);
    at = next;
  }
  if (entries.length !== count) {
    zipFail(ZIP_RULES.directory, `目录结尾记录记载 ${count} 个文件，中央目录实有 ${entries.length} 条记录，不同的解压工具会解出不同的文件`);
  }
  checkEntries(entries);
  return { entries, directoryOffset };
}

/** Each entry's own rules, then the names together. */
function checkEntries(entries: readonly ZipEntry[]): void {
  for (const entry of entries) {
    const unsafe = nameProblem(entry.name);
    if (unsafe) zipFail(ZIP_RULES.safeName, `归档中的文件名 ${show(entry.name)} ${unsafe}，解压时可能写到别处或成为另一个文件，拒绝处理`);
    if (entry.special) zipFail(ZIP_RULES.plainFile, `文件 ${entry.name} 是符号链接（或特殊文件），拒绝处理`);
    if (entry.flags & FLAGS_REFUSED) {
      zipFail(ZIP_RULES.method, `文件 ${entry.name} ${entry.flags & FLAG_ENCRYPTED ? '已加密' : '使用了不支持的标志'}（通用标志 0x${entry.flags.toString(16)}），拒绝处理`);
    }
    if (entry.method !== 0 && entry.method !== 8) zipFail(ZIP_RULES.method, `文件 ${entry.name} 使用了不支持的压缩方式（${entry.method}），拒绝处理`);
  }
  const collision = findCollision(entries.map((e) => e.name));
  if (collision) {
    const [a, b] = collision;
    zipFail(
      ZIP_RULES.uniqueName,
      a === b ? `归档中文件 ${show(a)} 出现了两次，拒绝处理` : `归档中文件 ${show(a)} 与 ${show(b)} 在不区分大小写的系统（Windows、macOS）上是同一个文件或文件夹，拒绝处理`,
    );
  }
}

interface StreamEntryOptions {
  /** zlib.crc32 in Node; the JavaScript one otherwise. */
  crc32?: (chunk: Uint8Array, previous: number) => number;
  /** Compressed bytes read, after each piece. */
  onRead?: (bytes: number) => void;
}

/**
 * Hands an entry's content to `onData` piece by piece, never more than its declared size,
 * after comparing its local header with the directory; checks its CRC-32 and its data
 * descriptor. Returns the offset where the entry ends, for the layout check.
 */
export async function streamEntry(reader: RandomAccessReader, entry: ZipEntry, onData: (chunk: Uint8Array) => void, options: StreamEntryOptions = {}): Promise<number> {
  const start = await dataStart(reader, entry);
  const crcOf = options.crc32 ?? crc32Js;
  let crc = 0;
  let produced = 0;
  const take = (chunk: Uint8Array) => {
    produced += chunk.length;
    if (produced > entry.size) zipFail(ZIP_RULES.size, `文件 ${entry.name} 解压后超过声明的大小（${entry.size} 字节），疑为压缩炸弹，拒绝处理`);
    crc = crcOf(chunk, crc);
    onData(chunk);
  };
  await pumpEntry(reader, entry, start, take, () => false, options.onRead);
  if (produced !== entry.size) zipFail(ZIP_RULES.directory, `ZIP 文件已损坏（文件 ${entry.name} 解压后 ${produced} 字节，与声明的 ${entry.size} 字节不符）`);
  if (crc !== entry.crc) {
    zipFail(ZIP_RULES.crc, `文件 ${entry.name} 的 CRC-32 校验值（${hex8(crc)}）与中央目录记载的 ${hex8(entry.crc)} 不符，解压工具会报告文件已损坏`);
  }
  const descriptor = (entry.flags & FLAG_DESCRIPTOR) !== 0;
  return descriptor ? start + entry.compressedSize + (await descriptorLength(reader, entry, start + entry.compressedSize)) : start + entry.compressedSize;
}

/**
 * Where an entry's data starts, after comparing its local header with the directory: an
 * extractor that reads local headers would otherwise write another name, or trust other
 * sizes or another compression, than what was checked.
 */
async function dataStart(reader: RandomAccessReader, entry: ZipEntry): Promise<number> {
  const header = view(await readExactly(reader, entry.localOffset, 30));
  const nameLength = header.getUint16(26, true);
  const extraLength = header.getUint16(28, true);
  const flags = header.getUint16(6, true);
  // An extractor that reads local headers would write this entry under another name, or
  // trust other sizes or another compression: what was checked is not what is extracted.
  const mismatch = (what: string) => zipFail(ZIP_RULES.localHeader, `ZIP 文件中 ${entry.name} 的本地头与中央目录不一致（${what}），拒绝处理`);
  if (header.getUint32(0, true) !== LOCAL_HEADER) mismatch('本地头标志');
  if (nameLength !== entry.nameBytes.length) mismatch('文件名长度');
  if (flags !== entry.flags) mismatch('通用标志');
  if (header.getUint16(8, true) !== entry.method) mismatch('压缩方式');
  const local = { crc: header.getUint32(14, true), compressedSize: header.getUint32(18, true), size: header.getUint32(22, true) };
  const descriptor = (entry.flags & FLAG_DESCRIPTOR) !== 0;
  const zeros = local.crc === 0 && local.compressedSize === 0 && local.size === 0;
  if (!(descriptor && zeros) && (local.crc !== entry.crc || local.compressedSize !== entry.compressedSize || local.size !== entry.size)) mismatch('CRC 或大小');
  const nameAndExtra = await readExactly(reader, entry.localOffset + 30, nameLength + extraLength);
  if (!sameBytes(nameAndExtra.subarray(0, nameLength), entry.nameBytes)) mismatch('文件名');
  checkExtraFields(nameAndExtra.subarray(nameLength), entry.name, '本地头');
  return entry.localOffset + 30 + nameLength + extraLength;
}

/**
 * Reads an entry's compressed data from `start` and hands its content on piece by piece,
 * until the data ends or `done()` says enough. Inflates in small pushes: fflate hands on all
 * a push inflates at once, and Deflate's ratio is at most ~1032:1.
 */
async function pumpEntry(
  reader: RandomAccessReader,
  entry: ZipEntry,
  start: number,
  take: (chunk: Uint8Array) => void,
  done: () => boolean,
  onRead?: (bytes: number) => void,
): Promise<void> {
  const inflate = entry.method === 8 ? new Inflate((chunk) => take(chunk)) : null;
  let offset = 0;
  let final = false;
  // At least one push, so an empty entry still ends its inflater.
  while (!final && !done()) {
    const length = Math.min(READ_BYTES, entry.compressedSize - offset);
    const chunk = await readExactly(reader, start + offset, length);
    offset += length;
    final = offset >= entry.compressedSize;
    if (!inflate) take(chunk);
    else {
      try {
        for (let at = 0; (at < chunk.length || (at === 0 && final)) && !done(); at += INFLATE_PIECE) {
          inflate.push(chunk.subarray(at, at + INFLATE_PIECE), final && at + INFLATE_PIECE >= chunk.length);
        }
      } catch (error) {
        // fflate's own errors carry a numeric code; what `take` throws goes on as it is.
        if (typeof (error as { code?: unknown }).code !== 'number') throw error;
        zipFail(ZIP_RULES.data, `ZIP 文件已损坏，无法解压 ${entry.name}（${(error as Error).message}）`);
      }
    }
    onRead?.(length);
  }
}

/**
 * An entry's content as a random-access reader, for a file read in a few places (a PDF's
 * properties): a stored entry is read where it lies; a deflated one is inflated from its start
 * up to the piece asked for (never past its declared size), each time.
 */
export async function entryContent(reader: RandomAccessReader, entry: ZipEntry): Promise<RandomAccessReader> {
  const start = await dataStart(reader, entry);
  if (entry.method === 0) {
    if (entry.compressedSize !== entry.size) zipFail(ZIP_RULES.directory, `ZIP 文件已损坏（未压缩的文件 ${entry.name} 的两个大小不同）`);
    return { size: entry.size, read: (offset, length) => readExactly(reader, start + Math.min(offset, entry.size), Math.max(0, Math.min(length, entry.size - offset))) };
  }
  return {
    size: entry.size,
    read: async (offset, length) => {
      const end = Math.min(entry.size, offset + length);
      const out = new Uint8Array(Math.max(0, end - offset));
      let produced = 0;
      await pumpEntry(
        reader,
        entry,
        start,
        (chunk) => {
          const from = Math.max(offset, produced);
          const to = Math.min(end, produced + chunk.length);
          if (to > from) out.set(chunk.subarray(from - produced, to - produced), from - offset);
          produced += chunk.length;
          if (produced > entry.size) zipFail(ZIP_RULES.size, `文件 ${entry.name} 解压后超过声明的大小（${entry.size} 字节），疑为压缩炸弹，拒绝处理`);
        },
        () => produced >= end,
      );
      return out.subarray(0, Math.max(0, Math.min(produced, end) - offset));
    },
  };
}

const hex8 = (n: number) => n.toString(16).padStart(8, '0');

/** The data descriptor after an entry (with or without its signature) must repeat the directory's CRC and sizes. */
async function descriptorLength(reader: RandomAccessReader, entry: ZipEntry, at: number): Promise<number> {
  const available = Math.min(16, reader.size - at);
  const bytes = view(await readExactly(reader, at, available));
  const matches = (from: number) => from + 12 <= available && bytes.getUint32(from, true) === entry.crc && bytes.getUint32(from + 4, true) === entry.compressedSize && bytes.getUint32(from + 8, true) === entry.size;
  if (available >= 16 && bytes.getUint32(0, true) === DATA_DESCRIPTOR && matches(4)) return 16;
  if (matches(0)) return 12;
  return zipFail(ZIP_RULES.localHeader, `ZIP 文件中 ${entry.name} 的数据描述符与中央目录记载的 CRC 或大小不一致，拒绝处理`);
}

/**
 * The entries in the order of their data, each starting where the one before ended and the
 * last ending where the directory starts: no bytes that only some readers see (a prefix,
 * an entry left out of the directory, two records sharing one header).
 */
export function checkLayout(extents: readonly { name: string; start: number; end: number }[], directoryOffset: number): void {
  let expected = 0;
  for (const { name, start, end } of [...extents].sort((a, b) => a.start - b.start)) {
    if (start < expected) zipFail(ZIP_RULES.layout, `文件 ${name} 的数据与前一个文件重叠（第 ${start} 字节起），拒绝处理`);
    if (start > expected) zipFail(ZIP_RULES.layout, `文件 ${name} 之前有 ${start - expected} 字节不属于目录中任何文件（第 ${expected} 字节起），拒绝处理`);
    expected = end;
  }
  if (expected !== directoryOffset) zipFail(ZIP_RULES.layout, `中央目录之前有 ${directoryOffset - expected} 字节不属于目录中任何文件（第 ${expected} 字节起），拒绝处理`);
}
