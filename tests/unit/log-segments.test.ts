import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { appendEntry } from '../../shared/log/append';
import { hashEntry } from '../../shared/log/canonical';
import type { LogEntry } from '../../shared/log/types';
import { clockFlags, segmentStarts, stitchSegments, verifyChain, verifySegment } from '../../shared/log/verify';

const OP = 'op-1';
const START = Date.parse('2026-03-05T09:00:00.000+08:00');

/** A chain whose clock steps by the given seconds (negative: the clock went back). */
function chain(steps: readonly number[]): LogEntry[] {
  const out: LogEntry[] = [];
  let at = START;
  steps.forEach((step, i) => {
    at += step * 1000;
    out.push(appendEntry(out[i - 1], { operationId: OP, operator: '张三', category: 'note', text: `第${i + 1}条` }, new Date(at)));
  });
  return out;
}

/** What verifyLog does with workers, on stored entries in key order: split by seq, check, stitch. */
function parallel(stored: readonly LogEntry[], k: number) {
  const starts = segmentStarts(stored.length, k);
  const bounds = [-Infinity, ...starts, Infinity];
  return stitchSegments(
    bounds.slice(0, -1).map((from, i) =>
      verifySegment(
        stored.filter((e) => e.seq >= from && e.seq < bounds[i + 1]!),
        OP,
        starts[i - 1] ?? 1,
      ),
    ),
  );
}

const byKey = (entries: LogEntry[]) => [...entries].sort((a, b) => a.seq - b.seq);

describe('verifySegment', () => {
  const entries = chain([0, 60, 60, -120, 60, 60]);

  it('accepts a contiguous run from its first seq and reports its edges and inner clock flags', () => {
    const summary = verifySegment(entries.slice(2, 5), OP, 3);
    expect(summary).toMatchObject({ ok: true, count: 3, first: { seq: 3, hash: entries[2]!.hash }, last: { seq: 5 } });
    expect(summary.flags).toEqual(clockFlags(entries.slice(2, 5)));
    expect(summary.flags).toHaveLength(1);
  });

  it('refuses a gap, a wrong first seq, a changed entry, a broken inner link, a foreign entry and emptiness', () => {
    expect(verifySegment([entries[0]!, entries[2]!], OP, 1).ok).toBe(false);
    expect(verifySegment(entries.slice(1, 3), OP, 1).ok).toBe(false);
    expect(verifySegment([entries[0]!, { ...entries[1]!, text: '改' }], OP, 1).ok).toBe(false);
    const relinked = { ...entries[1]!, prevHash: entries[0]!.prevHash };
    expect(verifySegment([entries[0]!, { ...relinked, hash: hashEntry(relinked) }], OP, 1).ok).toBe(false);
    expect(verifySegment(entries.slice(0, 2), 'other', 1).ok).toBe(false);
    expect(verifySegment([], OP, 1).ok).toBe(false);
    const firstRelinked = { ...entries[0]!, prevHash: 'f'.repeat(64) };
    expect(verifySegment([{ ...firstRelinked, hash: hashEntry(firstRelinked) }], OP, 1).ok).toBe(false);
  });
});

describe('segmentStarts and stitchSegments', () => {
  it('splits into nearly equal runs', () => {
    expect(segmentStarts(100_000, 4)).toEqual([25_001, 50_001, 75_001]);
    expect(segmentStarts(10, 1)).toEqual([]);
  });

  it('gives what verifyChain and clockFlags give on an intact chain, boundary flags included', () => {
    const entries = chain([0, 10, -5, 10, 50_000, 10, -1, 10, 10, 10]);
    for (const k of [1, 2, 3, 4]) {
      expect(parallel(entries, k)).toEqual({ count: 10, verdict: verifyChain(entries, OP), flags: clockFlags(entries) });
    }
  });

  it('refuses segments that do not join: a gap or a relinked start', () => {
    const entries = chain([0, 1, 1, 1, 1, 1]);
    const a = verifySegment(entries.slice(0, 3), OP, 1);
    expect(stitchSegments([a, verifySegment(entries.slice(4), OP, 5)])).toBeNull();
    const b = verifySegment(entries.slice(3), OP, 4);
    expect(stitchSegments([a, b])).not.toBeNull();
    expect(stitchSegments([b, a])).toBeNull();
    expect(stitchSegments([a, { ...b, first: { ...b.first!, prevHash: 'f'.repeat(64) } }])).toBeNull();
  });

  it('is ok exactly when verifyChain is ok, on random tamperings', () => {
    const tampering = fc.oneof(
      fc.record({ kind: fc.constant('text' as const), at: fc.nat() }),
      fc.record({ kind: fc.constant('delete' as const), at: fc.nat() }),
      fc.record({ kind: fc.constant('seq' as const), at: fc.nat(), to: fc.integer({ min: -3, max: 80 }) }),
      fc.record({ kind: fc.constant('prevHash' as const), at: fc.nat() }),
      fc.record({ kind: fc.constant('rehash' as const), at: fc.nat() }),
      fc.record({ kind: fc.constant('extra' as const), at: fc.nat() }),
      fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
    );
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -100, max: 100_000 }), { minLength: 1, maxLength: 60 }),
        fc.array(tampering, { maxLength: 3 }),
        fc.integer({ min: 1, max: 4 }),
        (steps, tamperings, k) => {
          let stored = chain(steps);
          for (const t of tamperings) {
            if (stored.length === 0) break;
            const i = t.at % stored.length;
            const e = stored[i]!;
            if (t.kind === 'delete') stored = stored.filter((_, j) => j !== i);
            else if (t.kind === 'truncate') stored = stored.slice(0, i);
            else {
              let changed: LogEntry;
              if (t.kind === 'text') changed = { ...e, text: `${e.text}改` };
              else if (t.kind === 'prevHash') changed = { ...e, prevHash: e.hash };
              else if (t.kind === 'extra') changed = { ...e, extra: 1 } as LogEntry;
              else if (t.kind === 'rehash') {
                const fields = { ...e, text: `${e.text}重写` };
                changed = { ...fields, hash: hashEntry(fields) };
              } else {
                // A new key: IndexedDB holds one entry per [operationId+seq].
                if (stored.some((s) => s.seq === t.to)) continue;
                changed = { ...e, seq: t.to };
              }
              stored = byKey(stored.map((s, j) => (j === i ? changed : s)));
            }
          }
          // verifyLog splits only long chains, always into fewer segments than entries.
          if (stored.length < k) return;
          const whole = verifyChain(stored, OP);
          const result = parallel(stored, k);
          expect(result !== null).toBe(whole.ok);
          if (result) expect(result).toEqual({ count: stored.length, verdict: whole, flags: clockFlags(stored) });
        },
      ),
      { numRuns: 2000 },
    );
  });
});
