// Pure. The timeline's corrected view: corrections never overwrite, so each entry is
// shown with its current text (the latest correction's) and the full history.
import type { ActOutcome } from '../record/act';
import { compareLog, entryKey, entryLabel, inLogOrder } from './order';
import type { LogEntry } from './types';

export interface CorrectedItem {
  /** The entry as first recorded. */
  entry: LogEntry;
  /** Corrections referring to it (directly, or to one of its corrections), in merged order. */
  corrections: LogEntry[];
  /** The latest correction's text, or the entry's own text. */
  currentText: string;
  corrected: boolean;
}

/** What a correction names: a format-1 entry by seq (refs.corrects), a format-2 entry by hash (refs.correctsHash). */
export function correctionTarget(correction: LogEntry, format1BySeq: ReadonlyMap<number, LogEntry>, byHash: ReadonlyMap<string, LogEntry>): LogEntry | undefined {
  const hash = correction.refs.correctsHash;
  if (hash !== undefined) {
    const target = byHash.get(hash);
    return target?.writer !== undefined ? target : undefined;
  }
  const seq = correction.refs.corrects;
  return seq === undefined ? undefined : format1BySeq.get(seq);
}

/**
 * One item per entry that is not a correction, in merged order (shared/log/order.ts). A
 * correction of a correction counts towards the original entry. A correction whose target
 * is not in `entries` (or is not earlier) is shown as an item of its own, so nothing
 * recorded is ever hidden.
 */
export function correctedView(entries: readonly LogEntry[]): CorrectedItem[] {
  const format1BySeq = new Map<number, LogEntry>();
  const byHash = new Map<string, LogEntry>();
  for (const e of entries) {
    if (e.writer === undefined) format1BySeq.set(e.seq, e);
    else byHash.set(e.hash, e);
  }

  /** The original (non-correction) entry a correction chain ends at, or undefined. */
  const rootOf = (entry: LogEntry): LogEntry | undefined => {
    let current = entry;
    const seen = new Set<string>();
    while (current.category === 'correction') {
      const target = correctionTarget(current, format1BySeq, byHash);
      if (!target || compareLog(target, current) >= 0 || seen.has(entryKey(target))) return undefined;
      seen.add(entryKey(target));
      current = target;
    }
    return current;
  };

  const items = new Map<string, CorrectedItem>();
  const out: CorrectedItem[] = [];
  for (const entry of inLogOrder(entries)) {
    if (entry.category === 'correction') {
      const root = rootOf(entry);
      const item = root ? items.get(entryKey(root)) : undefined;
      if (item) {
        item.corrections.push(entry);
        item.currentText = entry.text;
        item.corrected = true;
        continue;
      }
    }
    const item: CorrectedItem = { entry, corrections: [], currentText: entry.text, corrected: false };
    items.set(entryKey(entry), item);
    out.push(item);
  }
  return out;
}

/**
 * The correction of an entry, decided from the log as it stands: a new entry naming the one
 * it corrects (format 1 by seq, format 2 by hash), with the reason. Refused, in Chinese, when
 * the reason is empty or the entry is not in the log.
 */
export function correctionOutcome(entries: readonly LogEntry[], target: Pick<LogEntry, 'seq' | 'hash' | 'writer'>, text: string, reason: string): ActOutcome<undefined> {
  if (!reason.trim()) throw new Error('请填写更正理由');
  const held = entries.find((e) => e.hash === target.hash && e.seq === target.seq && e.writer === target.writer);
  if (!held) throw new Error(`要更正的${entryLabel(target)}记录不在本行动的日志中`);
  return {
    entry: {
      category: 'correction',
      text,
      group: held.group,
      refs: held.writer === undefined ? { corrects: held.seq } : { correctsHash: held.hash },
      data: { reason: reason.trim() },
    },
    changes: [],
    result: undefined,
  };
}
