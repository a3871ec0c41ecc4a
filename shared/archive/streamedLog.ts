// Pure. An archive's log.jsonl checked as it is inflated, line by line, in flat memory: each
// line is capped in length and parsed alone, and the chain is verified in runs of entries
// (verifySegment, each run starting with the last entry of the one before, so the links
// between runs are checked too). A log that inflates to half a gigabyte of one line, or of
// copies of one entry, is refused after its first megabytes instead of exhausting memory.
import type { ChainHead, LogEntry } from '../log/types';
import { verifySegment } from '../log/verify';
import { LOG_NAME } from './archive';
import { ZipProblem, zipFail } from './zipReader';

/** One log entry is at most a few tens of KB (text 5 000 characters, refs 1 000 ids): a line above this is not one. */
const MAX_LOG_LINE_BYTES = 4 * 1024 * 1024;
/** Entries checked together: bounded in count and in bytes, so a run never holds much. */
const RUN_ENTRIES = 1000;
const RUN_BYTES = 8 * 1024 * 1024;

// TextDecoder is global in browsers, workers and Node alike; shared/ compiles without the DOM lib.
declare const TextDecoder: new (label: string, options: { fatal: boolean }) => { decode(bytes: Uint8Array): string };
const utf8 = new TextDecoder('utf-8', { fatal: true });

/** The rules a log must keep, named in each refusal. */
const LOG_RULES = {
  line: `日志每行不超过 ${MAX_LOG_LINE_BYTES / 1024 / 1024} MB`,
  chain: '日志是完整的哈希链',
} as const;

/** Why the log is not a valid chain, as far as one pass could tell; the caller may look closer. */
export class LogBroken extends ZipProblem {
  constructor(detail: string) {
    super(LOG_RULES.chain, detail);
  }
}

/** The bytes of a JSON Lines file piece by piece, as lines (without their '\n'); the last line may lack one. */
export class LineSplitter {
  private pending: Uint8Array[] = [];
  private pendingBytes = 0;
  private lines = 0;

  constructor(
    private readonly onLine: (line: Uint8Array, number: number) => void,
    private readonly maxLineBytes = MAX_LOG_LINE_BYTES,
    /** The file, as refusals name it. */
    private readonly file = LOG_NAME,
  ) {}

  push(chunk: Uint8Array): void {
    let from = 0;
    for (let at = chunk.indexOf(0x0a); at >= 0; at = chunk.indexOf(0x0a, from)) {
      this.add(chunk.subarray(from, at));
      this.emit();
      from = at + 1;
    }
    this.add(chunk.subarray(from));
  }

  /** Call once the bytes are all pushed. */
  end(): void {
    if (this.pendingBytes > 0) this.emit();
  }

  private add(piece: Uint8Array): void {
    if (piece.length === 0) return;
    this.pendingBytes += piece.length;
    if (this.pendingBytes > this.maxLineBytes) {
      zipFail(
        this.maxLineBytes === MAX_LOG_LINE_BYTES ? LOG_RULES.line : `记录文件每行不超过 ${this.maxLineBytes / 1024 / 1024} MB`,
        `${this.file === LOG_NAME ? '日志' : '记录'}文件 ${this.file} 第 ${this.lines + 1} 行超过 ${this.maxLineBytes} 字节，不是一条记录（疑为压缩炸弹），拒绝处理`,
      );
    }
    // Copied: the inflater reuses its buffers.
    this.pending.push(piece.slice());
  }

  private emit(): void {
    const line = this.pending.length === 1 ? this.pending[0]! : new Uint8Array(this.pendingBytes);
    if (this.pending.length !== 1) this.pending.reduce((at, p) => (line.set(p, at), at + p.length), 0);
    this.pending = [];
    this.pendingBytes = 0;
    this.onLine(line, ++this.lines);
  }
}

/** A line as a JSON object, or null. */
export function parseJsonLine(line: Uint8Array | string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(typeof line === 'string' ? line : utf8.decode(line));
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** A line as a log entry (a JSON object), or null. */
export const parseLogLine = (line: Uint8Array | string): LogEntry | null => parseJsonLine(line) as LogEntry | null;

export interface StreamedLogResult {
  count: number;
  head: ChainHead | null;
  /** The hash of each entry whose seq was asked for (the heads the documents print). */
  hashes: Map<number, string>;
}

/** Feeds log.jsonl through push(); end() gives the chain's count and head, or throws LogBroken. */
export class StreamedLog {
  private readonly lines = new LineSplitter((line, number) => this.line(line, number));
  private run: LogEntry[] = [];
  private runBytes = 0;
  /** The last entry of the last run checked: the next run starts with it. */
  private previous: LogEntry | null = null;
  private count = 0;
  private readonly hashes = new Map<number, string>();

  constructor(
    private readonly operationId: string,
    private readonly wanted: ReadonlySet<number>,
    private readonly onEntry?: (entry: LogEntry) => void,
  ) {}

  push(chunk: Uint8Array): void {
    this.lines.push(chunk);
  }

  end(): StreamedLogResult {
    this.lines.end();
    this.check();
    return { count: this.count, head: this.previous ? { seq: this.previous.seq, hash: this.previous.hash } : null, hashes: this.hashes };
  }

  private line(bytes: Uint8Array, number: number): void {
    const entry = parseLogLine(bytes);
    if (!entry) throw new LogBroken(`日志文件 ${LOG_NAME} 第 ${number} 行不是有效的日志记录（JSON），已被改动`);
    this.run.push(entry);
    this.runBytes += bytes.length;
    if (this.run.length >= RUN_ENTRIES || this.runBytes >= RUN_BYTES) this.check();
  }

  private check(): void {
    if (this.run.length === 0) return;
    const run = this.previous ? [this.previous, ...this.run] : this.run;
    const firstSeq = this.previous ? this.previous.seq : 1;
    if (!verifySegment(run, this.operationId, firstSeq).ok) {
      throw new LogBroken(`日志文件 ${LOG_NAME} 未通过核验：第 ${firstSeq} 条至第 ${firstSeq + run.length - 1} 条之间有记录缺失、被改动、顺序被打乱或不属于本行动`);
    }
    for (const entry of this.run) {
      if (this.wanted.has(entry.seq)) this.hashes.set(entry.seq, entry.hash);
      this.onEntry?.(entry);
    }
    this.count += this.run.length;
    this.previous = this.run.at(-1)!;
    this.run = [];
    this.runBytes = 0;
  }
}
