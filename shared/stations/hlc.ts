// Pure. Hybrid logical clocks (Kulkarni et al., 2014): close to physical time, yet an entry
// written after a station has seen another entry always sorts after it, whatever the two
// stations' clocks say. The merged timeline orders by HLC, ties by writer (timeline.ts).
import type { Hlc } from './types';

export const HLC_ZERO: Hlc = { ms: 0, c: 0 };

/** A remote clock further ahead of ours than this is not adopted (a station whose clock runs fast would drag everyone along). */
export const HLC_MAX_AHEAD_MS = 60_000;

export function compareHlc(a: Hlc, b: Hlc): number {
  return a.ms !== b.ms ? a.ms - b.ms : a.c - b.c;
}

/** The clock for a new local entry. */
export function hlcSend(last: Hlc, nowMs: number): Hlc {
  const ms = Math.max(last.ms, nowMs);
  return { ms, c: ms === last.ms ? last.c + 1 : 0 };
}

/**
 * The clock after receiving an entry stamped `remote`. A remote clock more than
 * HLC_MAX_AHEAD_MS ahead of `nowMs` is left out (the offset is flagged in clock.ts).
 */
export function hlcReceive(last: Hlc, remote: Hlc, nowMs: number): Hlc {
  if (remote.ms - nowMs > HLC_MAX_AHEAD_MS) return compareHlc(last, { ms: nowMs, c: 0 }) >= 0 ? last : { ms: nowMs, c: 0 };
  const ms = Math.max(last.ms, remote.ms, nowMs);
  if (ms === last.ms && ms === remote.ms) return { ms, c: Math.max(last.c, remote.c) + 1 };
  if (ms === last.ms) return { ms, c: last.c + 1 };
  if (ms === remote.ms) return { ms, c: remote.c + 1 };
  return { ms, c: 0 };
}

export const maxHlc = (a: Hlc, b: Hlc): Hlc => (compareHlc(a, b) >= 0 ? a : b);
