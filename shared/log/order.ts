// Pure. The order of an operation's log as the app shows and reads it (the merged order):
// the format-1 chain first, by seq; then the format-2 entries of every station by hybrid
// logical clock, ties by writer, then seq, then hash (a fork's two entries). Seq alone orders
// nothing across stations: code that needs "before" or "after" uses this order, never seq.
import type { LogEntry } from './types';

type Ordered = Pick<LogEntry, 'seq' | 'hash' | 'writer' | 'hlc'>;

export function compareLog(a: Ordered, b: Ordered): number {
  const aw = a.writer;
  const bw = b.writer;
  if (aw === undefined || bw === undefined) {
    if (aw !== undefined) return 1;
    if (bw !== undefined) return -1;
    return a.seq - b.seq;
  }
  const ah = a.hlc ?? { ms: 0, c: 0 };
  const bh = b.hlc ?? { ms: 0, c: 0 };
  if (ah.ms !== bh.ms) return ah.ms - bh.ms;
  if (ah.c !== bh.c) return ah.c - bh.c;
  if (aw !== bw) return aw < bw ? -1 : 1;
  if (a.seq !== b.seq) return a.seq - b.seq;
  return a.hash < b.hash ? -1 : a.hash > b.hash ? 1 : 0;
}

/** A copy of the entries in merged order. */
export const inLogOrder = <T extends Ordered>(entries: readonly T[]): T[] => [...entries].sort(compareLog);

const pad = (n: number, width: number) => String(n).padStart(width, '0');

/**
 * A text key that sorts (as strings, and in IndexedDB) exactly as compareLog sorts format-2
 * entries: the Dexie mirror of the stations' entries is indexed by it, and each projected
 * record keeps the key of the entry that last wrote it (renderer/src/record/projection.ts).
 * 16 digits hold any safe integer, so a hostile clock value cannot sort out of place.
 */
export function orderKey(e: { hlc: { ms: number; c: number }; writer: string; seq: number; hash: string }): string {
  return `${pad(e.hlc.ms, 16)}.${pad(e.hlc.c, 16)}.${e.writer}.${pad(e.seq, 16)}.${e.hash}`;
}

/** How an entry is named to people: 第 12 条, or 工作站「证据组平板」第 12 条 for another station's entry. */
export function entryLabel(e: Pick<LogEntry, 'seq' | 'writer' | 'writerName'>): string {
  if (e.writer === undefined) return `第 ${e.seq} 条`;
  return `工作站「${e.writerName ?? e.writer.slice(0, 8)}」第 ${e.seq} 条`;
}

/** One identity per entry across both formats: format-1 entries by seq, format-2 entries by hash. */
export const entryKey = (e: Pick<LogEntry, 'seq' | 'hash' | 'writer'>): string => (e.writer === undefined ? `1:${e.seq}` : `2:${e.hash}`);
