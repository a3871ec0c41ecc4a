// Pure. The timeline's corrected view: corrections never overwrite, so each entry is
// shown with its current text (the latest correction's) and the full history.
import type { LogEntry } from './types';

export interface CorrectedItem {
  /** The entry as first recorded. */
  entry: LogEntry;
  /** Corrections referring to it (directly, or to one of its corrections), in seq order. */
  corrections: LogEntry[];
  /** The latest correction's text, or the entry's own text. */
  currentText: string;
  corrected: boolean;
}

/**
 * One item per entry that is not a correction, in seq order. A correction of a correction
 * counts towards the original entry. A correction whose target is not in `entries` (or is
 * not earlier) is shown as an item of its own, so nothing recorded is ever hidden.
 */
export function correctedView(entries: readonly LogEntry[]): CorrectedItem[] {
  const bySeq = new Map<number, LogEntry>();
  for (const e of entries) bySeq.set(e.seq, e);

  /** The original (non-correction) entry a correction chain ends at, or undefined. */
  const rootOf = (entry: LogEntry): LogEntry | undefined => {
    let current = entry;
    const seen = new Set<number>();
    while (current.category === 'correction') {
      const target = current.refs.corrects;
      if (target === undefined || target >= current.seq || seen.has(target)) return undefined;
      seen.add(target);
      const next = bySeq.get(target);
      if (!next) return undefined;
      current = next;
    }
    return current;
  };

  const items = new Map<number, CorrectedItem>();
  const ordered = [...entries].sort((a, b) => a.seq - b.seq);
  const out: CorrectedItem[] = [];
  for (const entry of ordered) {
    if (entry.category === 'correction') {
      const root = rootOf(entry);
      const item = root ? items.get(root.seq) : undefined;
      if (item) {
        item.corrections.push(entry);
        item.currentText = entry.text;
        item.corrected = true;
        continue;
      }
    }
    const item: CorrectedItem = { entry, corrections: [], currentText: entry.text, corrected: false };
    items.set(entry.seq, item);
    out.push(item);
  }
  return out;
}
