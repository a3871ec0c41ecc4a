// Pure. A PDF's document properties (its Info dictionary: Title, Keywords…), found the way a
// PDF reader finds them and read piece by piece through a random-access reader: `startxref`
// at the end of the file → the cross-reference table and the trailer → /Info → its entries,
// following references to string objects. For the archive verifier, which checks the log head
// every issued PDF carries in its Keywords (shared/documents/printedHead.ts). Classic
// cross-reference tables only (what pdfkit, hence @react-pdf/renderer, writes, and what most
// tools write without object streams); anything else is named as unreadable, never guessed at.
import type { RandomAccessReader } from './zipReader';

/** The properties, or why they could not be read (Chinese). */
export type PdfProperties = { ok: true; info: Record<string, string> } | { ok: false; reason: string };

/** How far from the end `startxref` may be: the keyword, its offset and %%EOF with some slack. */
const TAIL_BYTES = 1024;
/** Bytes read at once for an object or a piece of a cross-reference table. */
const WINDOW_BYTES = 64 * 1024;
/** Updates (each with its own table) followed before giving up: a loop of /Prev ends here. */
const MAX_SECTIONS = 32;
const MAX_SUBSECTIONS = 10_000;
/** One cross-reference entry is exactly 20 bytes (ISO 32000-1 §7.5.4). */
const XREF_ENTRY = 20;

class Unreadable extends Error {}
const unreadable = (reason: string): never => {
  throw new Unreadable(reason);
};

type Value = null | boolean | number | string | Name | Ref | Value[] | Dict | Bytes;
class Name {
  constructor(readonly name: string) {}
}
class Ref {
  constructor(
    readonly num: number,
    readonly gen: number,
  ) {}
}
/** A string object's bytes, decoded only once known to be text. */
class Bytes {
  constructor(readonly bytes: Uint8Array) {}
}
type Dict = Map<string, Value>;

const isWhite = (b: number) => b === 0 || b === 9 || b === 10 || b === 12 || b === 13 || b === 32;
const isDelimiter = (b: number) => b === 0x28 || b === 0x29 || b === 0x3c || b === 0x3e || b === 0x5b || b === 0x5d || b === 0x7b || b === 0x7d || b === 0x2f || b === 0x25;
const ascii = (bytes: Uint8Array) => String.fromCharCode(...bytes);

/** A PDF value parser over bytes already read (ISO 32000-1 §7.3). */
class Parser {
  at = 0;
  constructor(readonly bytes: Uint8Array) {}

  skip(): void {
    const b = this.bytes;
    while (this.at < b.length) {
      if (isWhite(b[this.at]!)) this.at++;
      else if (b[this.at] === 0x25) while (this.at < b.length && b[this.at] !== 10 && b[this.at] !== 13) this.at++;
      else break;
    }
  }

  /** A keyword or number token, without moving past it when it is not what `expected` asks. */
  word(): string {
    this.skip();
    const start = this.at;
    while (this.at < this.bytes.length && !isWhite(this.bytes[this.at]!) && !isDelimiter(this.bytes[this.at]!)) this.at++;
    return ascii(this.bytes.subarray(start, this.at));
  }

  expect(keyword: string): void {
    const found = this.word();
    if (found !== keyword) unreadable(`应为 ${keyword}，实为 ${JSON.stringify(found.slice(0, 20))}`);
  }

  integer(): number {
    const text = this.word();
    if (!/^\d{1,15}$/.test(text)) unreadable(`应为整数，实为 ${JSON.stringify(text.slice(0, 20))}`);
    return Number(text);
  }

  value(depth = 0): Value {
    if (depth > 32) unreadable('嵌套过深');
    this.skip();
    const b = this.bytes;
    if (this.at >= b.length) unreadable('内容不完整');
    const c = b[this.at]!;
    if (c === 0x3c && b[this.at + 1] === 0x3c) return this.dict(depth);
    if (c === 0x3c) return this.hexString();
    if (c === 0x28) return this.literalString();
    if (c === 0x2f) return this.name();
    if (c === 0x5b) {
      this.at++;
      const items: Value[] = [];
      for (;;) {
        this.skip();
        if (b[this.at] === 0x5d) break;
        items.push(this.value(depth + 1));
      }
      this.at++;
      return items;
    }
    const start = this.at;
    const word = this.word();
    if (word === 'true' || word === 'false') return word === 'true';
    if (word === 'null') return null;
    if (!/^[+-]?(\d+\.?\d*|\.\d+)$/.test(word)) unreadable(`无法识别的内容 ${JSON.stringify(word.slice(0, 20))}`);
    // `12 0 R` is a reference: look ahead, and step back when it is two plain numbers.
    if (/^\d+$/.test(word)) {
      const after = this.at;
      const gen = this.word();
      if (/^\d+$/.test(gen) && this.word() === 'R') return new Ref(Number(word), Number(gen));
      this.at = after;
    }
    if (this.at === start) unreadable('内容不完整');
    return Number(word);
  }

  private dict(depth: number): Dict {
    this.at += 2;
    const dict: Dict = new Map();
    for (;;) {
      this.skip();
      if (this.bytes[this.at] === 0x3e && this.bytes[this.at + 1] === 0x3e) break;
      const key = this.value(depth + 1);
      if (!(key instanceof Name)) unreadable('字典的键不是名称');
      dict.set((key as Name).name, this.value(depth + 1));
    }
    this.at += 2;
    return dict;
  }

  private name(): Name {
    this.at++;
    const start = this.at;
    while (this.at < this.bytes.length && !isWhite(this.bytes[this.at]!) && !isDelimiter(this.bytes[this.at]!)) this.at++;
    return new Name(ascii(this.bytes.subarray(start, this.at)).replace(/#([0-9a-fA-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16))));
  }

  private hexString(): Bytes {
    const end = this.bytes.indexOf(0x3e, this.at);
    if (end < 0) unreadable('十六进制字符串不完整');
    const digits = ascii(this.bytes.subarray(this.at + 1, end)).replace(/\s+/g, '');
    if (!/^[0-9a-fA-F]*$/.test(digits)) unreadable('十六进制字符串无效');
    this.at = end + 1;
    const padded = digits.length % 2 ? `${digits}0` : digits;
    return new Bytes(Uint8Array.from({ length: padded.length / 2 }, (_, i) => parseInt(padded.slice(2 * i, 2 * i + 2), 16)));
  }

  /** ( … ) with balanced parentheses and the escapes of §7.3.4.2. */
  private literalString(): Bytes {
    const b = this.bytes;
    const out: number[] = [];
    let depth = 1;
    this.at++;
    while (this.at < b.length) {
      const c = b[this.at++]!;
      if (c === 0x5c) {
        const e = b[this.at++];
        if (e === undefined) break;
        const simple: Record<number, number> = { 0x6e: 10, 0x72: 13, 0x74: 9, 0x62: 8, 0x66: 12, 0x28: 0x28, 0x29: 0x29, 0x5c: 0x5c };
        if (simple[e] !== undefined) out.push(simple[e]);
        else if (e >= 0x30 && e <= 0x37) {
          let n = e - 0x30;
          for (let k = 0; k < 2 && b[this.at]! >= 0x30 && b[this.at]! <= 0x37; k++) n = n * 8 + (b[this.at++]! - 0x30);
          out.push(n & 0xff);
        } else if (e === 13) {
          if (b[this.at] === 10) this.at++;
        } else if (e !== 10) out.push(e);
        continue;
      }
      if (c === 0x28) depth++;
      if (c === 0x29 && --depth === 0) return new Bytes(Uint8Array.from(out));
      out.push(c);
    }
    return unreadable('字符串不完整');
  }
}

// TextDecoder is global in browsers, workers and Node alike; shared/ compiles without the DOM lib.
declare const TextDecoder: new (label: string, options?: { fatal: boolean }) => { decode(bytes: Uint8Array): string };

/** A text string (§7.9.2.2): UTF-16BE or UTF-8 with their byte order marks, else PDFDocEncoding (Latin-1 here). */
function textOf(bytes: Uint8Array): string {
  try {
    if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be', { fatal: true }).decode(bytes.subarray(2));
    if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(3));
  } catch {
    return unreadable('文字编码无效');
  }
  return String.fromCharCode(...bytes);
}

interface Section {
  /** Object number → byte offset, for the objects this table lists as in use. */
  offsets: Map<number, number>;
  trailer: Dict;
}

/** Reads at most `length` bytes at `offset`, within the file. */
async function readAt(pdf: RandomAccessReader, offset: number, length: number): Promise<Uint8Array> {
  if (!Number.isSafeInteger(offset) || offset < 0 || offset >= pdf.size) unreadable(`位置 ${offset} 超出文件`);
  return pdf.read(offset, Math.min(length, pdf.size - offset));
}

/** One cross-reference table (its subsections read entry by entry) and the trailer after it. */
async function readSection(pdf: RandomAccessReader, offset: number): Promise<Section> {
  const offsets = new Map<number, number>();
  let at = offset;
  let window = await readAt(pdf, at, WINDOW_BYTES);
  let parser = new Parser(window);
  if (parser.word() !== 'xref') unreadable('交叉引用不是表格形式（可能是交叉引用流），无法读取');
  for (let n = 0; ; n++) {
    if (n > MAX_SUBSECTIONS) unreadable('交叉引用表的分段过多');
    const before = parser.at;
    const word = parser.word();
    if (word === 'trailer') break;
    parser.at = before;
    const first = parser.integer();
    const count = parser.integer();
    parser.skip();
    const tableStart = at + parser.at;
    const needed = count * XREF_ENTRY;
    const table = parser.at + needed <= window.length ? window.subarray(parser.at, parser.at + needed) : await readAt(pdf, tableStart, needed);
    if (table.length < needed) unreadable('交叉引用表不完整');
    for (let i = 0; i < count; i++) {
      const entry = ascii(table.subarray(i * XREF_ENTRY, (i + 1) * XREF_ENTRY));
      const match = /^(\d{10}) (\d{5}) ([nf])[ \r\n]{2}$/.exec(entry);
      if (!match) unreadable(`交叉引用表第 ${first + i} 项格式不正确`);
      if (match![3] === 'n' && !offsets.has(first + i)) offsets.set(first + i, Number(match![1]));
    }
    at = tableStart + needed;
    window = await readAt(pdf, at, WINDOW_BYTES);
    parser = new Parser(window);
  }
  const trailer = parser.value();
  if (!(trailer instanceof Map)) unreadable('trailer 不是字典');
  return { offsets, trailer: trailer as Dict };
}

/** The sections from the last update back to the first, by /Prev. */
async function readSections(pdf: RandomAccessReader): Promise<Section[]> {
  const tailStart = Math.max(0, pdf.size - TAIL_BYTES);
  const tail = ascii(await readAt(pdf, tailStart, TAIL_BYTES));
  const found = /startxref\s+(\d{1,15})\s+%%EOF\s*$/.exec(tail);
  if (!found) unreadable('文件末尾没有 startxref 和 %%EOF');
  const sections: Section[] = [];
  const visited = new Set<number>();
  let next: number | null = Number(found![1]);
  while (next !== null) {
    if (visited.has(next) || sections.length >= MAX_SECTIONS) unreadable('交叉引用表的 /Prev 链过长或成环');
    visited.add(next);
    const section = await readSection(pdf, next);
    sections.push(section);
    const prev = section.trailer.get('Prev');
    next = typeof prev === 'number' ? prev : null;
  }
  return sections;
}

/** An indirect object's value, from the newest table that lists it. */
async function resolve(pdf: RandomAccessReader, sections: readonly Section[], value: Value): Promise<Value> {
  if (!(value instanceof Ref)) return value;
  const offset = sections.find((s) => s.offsets.has(value.num))?.offsets.get(value.num);
  if (offset === undefined) return unreadable(`找不到对象 ${value.num} ${value.gen} R`);
  const parser = new Parser(await readAt(pdf, offset, WINDOW_BYTES));
  if (parser.integer() !== value.num || parser.integer() !== value.gen) unreadable(`对象 ${value.num} 不在交叉引用表所记的位置`);
  parser.expect('obj');
  const resolved = parser.value();
  if (resolved instanceof Ref) unreadable(`对象 ${value.num} 只是另一个引用`);
  return resolved;
}

/** The Info dictionary's text entries (Title, Keywords…), or why they cannot be read. Never throws on a malformed file. */
export async function readPdfProperties(pdf: RandomAccessReader): Promise<PdfProperties> {
  try {
    const head = ascii(await readAt(pdf, 0, 8));
    if (!head.startsWith('%PDF-')) unreadable('不是 PDF 文件（缺少 %PDF- 文件头）');
    const sections = await readSections(pdf);
    const trailer = sections[0]!.trailer;
    if (trailer.has('Encrypt')) unreadable('PDF 已加密');
    const infoRef = sections.map((s) => s.trailer.get('Info')).find((v) => v !== undefined);
    if (infoRef === undefined) return { ok: true, info: {} };
    const info = await resolve(pdf, sections, infoRef);
    if (!(info instanceof Map)) unreadable('文档属性（Info）不是字典');
    const out: Record<string, string> = {};
    for (const [key, raw] of info as Dict) {
      const value = await resolve(pdf, sections, raw);
      if (value instanceof Bytes) out[key] = textOf(value.bytes);
    }
    return { ok: true, info: out };
  } catch (error) {
    if (error instanceof Unreadable) return { ok: false, reason: error.message };
    throw error;
  }
}
