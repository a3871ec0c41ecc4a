// Pure. Verification of an operation's hash chain as read from storage, and the
// clock check. Both report; neither hides nor rejects anything.
import { CanonicalError, hashEntry } from './canonical';
import { ZERO_HASH, type ChainHead, type LogEntry } from './types';

export type ChainProblem = 'changed' | 'missing' | 'reordered' | 'wrongLink' | 'foreign';

export type ChainVerdict =
  | { ok: true; head: ChainHead | null }
  | { ok: false; seq: number; reason: ChainProblem; message: string };

/** A stored value in a message, whatever a tampered record holds. */
const show = (v: unknown): string => (typeof v === 'string' || typeof v === 'number' ? String(v) : '？');

const fail = (seq: number, reason: ChainProblem, message: string): ChainVerdict => ({ ok: false, seq, reason, message });

function recomputed(entry: LogEntry): string | null {
  try {
    return hashEntry(entry as unknown as Record<string, unknown>);
  } catch (error) {
    if (error instanceof CanonicalError) return null;
    throw error;
  }
}

/**
 * Checks every entry of one operation, in storage order (by seq). At the i-th position
 * (expected seq i+1) it checks, in this order: the entry belongs to the operation
 * (foreign, reported with the entry's own seq); its seq is the expected one (a smaller
 * seq, or the expected one appearing later, is 'reordered'; otherwise the expected
 * entry is 'missing'); its content matches its hash ('changed'); its prevHash is the
 * previous entry's hash, or 64 zeros for seq 1 ('wrongLink'). The first problem wins.
 *
 * Deleting the last entries leaves a valid shorter chain; pass `expectedHead` (the head
 * pinned elsewhere: the workspace record, a printed PDF) to catch it. If the chain ends
 * before expectedHead.seq, the entry after the last one is 'missing'; if the
 * entry at expectedHead.seq has another hash, the log was rewritten from there ('changed').
 * A chain longer than expectedHead is fine (entries added since it was pinned).
 */
export function verifyChain(entries: readonly LogEntry[], operationId: string, expectedHead?: ChainHead | null): ChainVerdict {
  const position = new Map<number, number>();
  entries.forEach((e, i) => {
    if (e.operationId === operationId && !position.has(e.seq)) position.set(e.seq, i);
  });

  let previous: LogEntry | undefined;
  for (let i = 0; i < entries.length; i++) {
    const entry = entries[i]!;
    const expected = (previous?.seq ?? 0) + 1;
    if (entry.operationId !== operationId) {
      return fail(entry.seq, 'foreign', `第 ${show(entry.seq)} 条记录属于另一次执行行动（${show(entry.operationId)}），被混入本行动的日志`);
    }
    if (!Number.isSafeInteger(entry.seq)) {
      return fail(expected, 'changed', `第 ${expected} 条记录的序号已被改动（不是整数）`);
    }
    if (entry.seq !== expected) {
      const later = position.get(expected);
      if (entry.seq < expected || (later !== undefined && later > i)) {
        return fail(expected, 'reordered', `第 ${expected} 条记录的位置被打乱：该位置上是第 ${show(entry.seq)} 条`);
      }
      return fail(expected, 'missing', `第 ${expected} 条记录缺失（其后为第 ${show(entry.seq)} 条）`);
    }
    if (recomputed(entry) !== entry.hash) {
      // An entry moved to another place (its seq rewritten to fit the key) still links to the
      // entry it first followed: if that one now stands elsewhere, the order was changed.
      const before = previous ? previous.hash : ZERO_HASH;
      const linkedTo = entry.prevHash !== before ? entries.find((e, j) => j !== i && e.hash === entry.prevHash) : undefined;
      if (linkedTo) {
        return fail(
          entry.seq,
          'reordered',
          `第 ${entry.seq} 条记录的位置被打乱：存放在此处的记录原本接在第 ${show(linkedTo.seq)} 条现存的记录之后，内容与其哈希值也已不符`,
        );
      }
      return fail(entry.seq, 'changed', `第 ${entry.seq} 条记录的内容与其哈希值不符，记录已被改动`);
    }
    if (entry.prevHash !== (previous ? previous.hash : ZERO_HASH)) {
      return fail(
        entry.seq,
        'wrongLink',
        previous
          ? `第 ${entry.seq} 条记录与第 ${previous.seq} 条的链接不符：前一条的哈希值已变`
          : `第 1 条记录的“前一条哈希”应为 64 个 0`,
      );
    }
    previous = entry;
  }

  const head = previous ? { seq: previous.seq, hash: previous.hash } : null;
  if (expectedHead) {
    const pinned = checkPinned(head, entries[position.get(expectedHead.seq) ?? -1]?.hash, expectedHead);
    if (pinned) return pinned;
  }
  return { ok: true, head };
}

/**
 * A chain that verified on its own, against a head pinned elsewhere (a printed PDF, the last
 * verification): null when it agrees. `hashAtPinnedSeq` is the stored hash of the entry at
 * pinned.seq. A chain shorter than the pin lost its newest entries, which no link can show.
 */
export function checkPinned(head: ChainHead | null, hashAtPinnedSeq: string | undefined, pinned: ChainHead): ChainVerdict | null {
  const lastSeq = head?.seq ?? 0;
  if (lastSeq < pinned.seq) {
    return fail(lastSeq + 1, 'missing', `日志只到第 ${lastSeq} 条，但此前已记录到第 ${pinned.seq} 条：第 ${lastSeq + 1} 条起的记录缺失`);
  }
  if (hashAtPinnedSeq !== undefined && hashAtPinnedSeq !== pinned.hash) {
    return fail(pinned.seq, 'changed', `第 ${pinned.seq} 条记录的哈希值与此前固定的链头不符，日志在此之前已被改写`);
  }
  return null;
}

export type ClockFlagKind = 'backwards' | 'forwardJump';

export interface ClockFlag {
  seq: number;
  kind: ClockFlagKind;
  message: string;
}

/** Default gap after which a forward step of the system clock between two entries is flagged. */
export const FORWARD_JUMP_MS = 12 * 60 * 60 * 1000;

function duration(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  if (minutes < 1) return `${Math.max(1, Math.round(ms / 1000))} 秒`;
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return h > 0 ? `${h} 小时${m > 0 ? ` ${m} 分钟` : ''}` : `${m} 分钟`;
}

/**
 * Entries whose recordedAt goes backwards from the previous entry, or jumps forward by more
 * than `forwardJumpMs`: the system clock was changed or is wrong. Flagged, never hidden.
 */
export function clockFlags(entries: readonly Pick<LogEntry, 'seq' | 'recordedAt'>[], forwardJumpMs = FORWARD_JUMP_MS): ClockFlag[] {
  const flags: ClockFlag[] = [];
  for (let i = 1; i < entries.length; i++) {
    const before = entries[i - 1]!;
    const entry = entries[i]!;
    const a = Date.parse(before.recordedAt);
    const b = Date.parse(entry.recordedAt);
    if (!Number.isFinite(a) || !Number.isFinite(b)) continue;
    if (b < a) {
      flags.push({
        seq: entry.seq,
        kind: 'backwards',
        message: `第 ${entry.seq} 条的记录时间比第 ${before.seq} 条早 ${duration(a - b)}：系统时钟可能被回拨`,
      });
    } else if (b - a > forwardJumpMs) {
      flags.push({
        seq: entry.seq,
        kind: 'forwardJump',
        message: `第 ${entry.seq} 条的记录时间比第 ${before.seq} 条晚 ${duration(b - a)}：系统时钟可能被向前调整`,
      });
    }
  }
  return flags;
}

// Verifying a long chain in parallel: each worker checks one contiguous run of entries
// (a segment) and returns only its edges; the caller stitches the edges together. Any
// doubt (a segment not ok, a gap between segments) means: verify the whole chain with
// verifyChain, so a broken chain is always reported exactly as verifyChain reports it.

/** What the stitching needs of a segment's first and last entry. */
export interface SegmentEdge {
  seq: number;
  hash: string;
  prevHash: string;
  recordedAt: string;
}

export interface SegmentSummary {
  /** Every entry checked out; false means: fall back to verifyChain. */
  ok: boolean;
  count: number;
  first: SegmentEdge | null;
  last: SegmentEdge | null;
  /** Clock flags between entries of this segment. */
  flags: ClockFlag[];
}

const edge = (e: LogEntry): SegmentEdge => ({ seq: e.seq, hash: e.hash, prevHash: e.prevHash, recordedAt: e.recordedAt });

/**
 * Checks entries read by key from seq `firstSeq` on: each belongs to the operation, seqs run
 * firstSeq, firstSeq+1… without a gap, each hash matches its content, each prevHash is the
 * hash before it (64 zeros for seq 1). An empty segment is not ok: segments are only
 * made where entries are expected.
 */
export function verifySegment(entries: readonly LogEntry[], operationId: string, firstSeq: number): SegmentSummary {
  let ok = entries.length > 0;
  for (let i = 0; ok && i < entries.length; i++) {
    const entry = entries[i]!;
    ok =
      entry.operationId === operationId &&
      entry.seq === firstSeq + i &&
      (i > 0 ? entry.prevHash === entries[i - 1]!.hash : firstSeq !== 1 || entry.prevHash === ZERO_HASH) &&
      recomputed(entry) === entry.hash;
  }
  if (!ok) return { ok, count: entries.length, first: null, last: null, flags: [] };
  return { ok, count: entries.length, first: edge(entries[0]!), last: edge(entries[entries.length - 1]!), flags: clockFlags(entries) };
}

/**
 * The first seq of segments 2…k when `count` entries are split into k nearly equal runs
 * (segment 1 starts at the lowest key, the last one runs to the highest).
 */
export function segmentStarts(count: number, k: number): number[] {
  return Array.from({ length: k - 1 }, (_, i) => 1 + Math.round(((i + 1) * count) / k));
}

/** Two adjacent segments as one, if the second starts right after the first and links to it. */
export function joinSegments(a: SegmentSummary, b: SegmentSummary): SegmentSummary {
  const [end, start] = [a.last, b.first];
  if (!a.ok || !b.ok || !a.first || !end || !start || !b.last || start.seq !== end.seq + 1 || start.prevHash !== end.hash) {
    return { ok: false, count: a.count + b.count, first: null, last: null, flags: [] };
  }
  return { ok: true, count: a.count + b.count, first: a.first, last: b.last, flags: [...a.flags, ...clockFlags([end, start]), ...b.flags] };
}

/**
 * Joins segment summaries, in key order, into what verifyChain and clockFlags report for
 * the whole chain; null when any segment is not ok or two segments do not link up.
 */
export function stitchSegments(segments: readonly SegmentSummary[]): { count: number; verdict: ChainVerdict; flags: ClockFlag[] } | null {
  const [head, ...rest] = segments;
  if (!head) return null;
  const whole = rest.reduce(joinSegments, head);
  if (!whole.ok || whole.first?.seq !== 1 || !whole.last) return null;
  return { count: whole.count, verdict: { ok: true, head: { seq: whole.last.seq, hash: whole.last.hash } }, flags: whole.flags };
}
