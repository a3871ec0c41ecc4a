import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { claimsOf, timeline, verifyStations } from '../../shared/stations/chains';
import { entryHash } from '../../shared/stations/canonical';
import type { StationEntry } from '../../shared/stations/types';
import { OP, SimStation, sync } from './stations-helpers';

type Step = { kind: 'write'; at: number; dt: number } | { kind: 'sync'; a: number; b: number } | { kind: 'partition'; sides: number[] };

const stepArb = (n: number): fc.Arbitrary<Step> =>
  fc.oneof(
    { weight: 5, arbitrary: fc.record({ kind: fc.constant('write' as const), at: fc.nat(n - 1), dt: fc.integer({ min: -5000, max: 5000 }) }) },
    { weight: 3, arbitrary: fc.record({ kind: fc.constant('sync' as const), a: fc.nat(n - 1), b: fc.nat(n - 1) }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('partition' as const), sides: fc.array(fc.nat(1), { minLength: n, maxLength: n }) }) },
  );

const scenario = fc.integer({ min: 3, max: 5 }).chain((n) => fc.record({ n: fc.constant(n), steps: fc.array(stepArb(n), { maxLength: 30 }) }));

/** Every station writes, gossips around the ring twice, writes again and gossips again: all have all, and every earlier entry is seen. */
async function run(n: number, steps: Step[]): Promise<SimStation[]> {
  let wall = Date.UTC(2026, 2, 5, 1, 0);
  // Each station's clock is off by its own skew, within a minute.
  const stations = Array.from({ length: n }, (_, i) => new SimStation(`s${i}`, () => wall + (i - 2) * 7_000));
  let sides = Array.from({ length: n }, () => 0);
  for (const step of steps) {
    if (step.kind === 'write') {
      wall += Math.max(0, step.dt);
      await stations[step.at]!.note(`第 ${step.at} 站`, undefined);
    } else if (step.kind === 'sync') {
      if (sides[step.a] === sides[step.b]) sync(stations[step.a]!, stations[step.b]!);
    } else sides = step.sides;
  }
  const heal = () => {
    for (let round = 0; round < 2; round++) for (let i = 0; i < n; i++) sync(stations[i]!, stations[(i + 1) % n]!);
  };
  heal();
  for (const s of stations) await s.note('重连后');
  heal();
  return stations;
}

const order = (s: SimStation) => timeline(s.entries()).map((e) => e.hash);

describe('several stations, one record (property)', () => {
  it('random interleavings, partitions and reconnections of 3–5 writers converge to the same set, order and verdict', async () => {
    await fc.assert(
      fc.asyncProperty(scenario, async ({ n, steps }) => {
        const stations = await run(n, steps);
        const first = order(stations[0]!);
        for (const s of stations) {
          expect(order(s)).toEqual(first);
          const v = verifyStations(s.entries(), { op: OP, signatures: 'heads' });
          expect(v.ok, JSON.stringify(v.problems)).toBe(true);
        }
        // Per writer, the merged order keeps each chain's own order.
        const merged = timeline(stations[0]!.entries());
        for (const s of stations) {
          const seqs = merged.filter((e) => e.writer === s.key).map((e) => e.seq);
          expect(seqs).toEqual(seqs.map((_, i) => i + 1));
        }
      }),
      { numRuns: 25 },
    );
  }, 120_000);

  it('any single changed, dropped or re-ordered entry is detected', async () => {
    const stations = await run(4, [
      { kind: 'write', at: 0, dt: 10 },
      { kind: 'write', at: 1, dt: 10 },
      { kind: 'sync', a: 0, b: 1 },
      { kind: 'write', at: 2, dt: 10 },
      { kind: 'write', at: 0, dt: 10 },
      { kind: 'partition', sides: [0, 0, 1, 1] },
      { kind: 'write', at: 3, dt: 10 },
      { kind: 'sync', a: 2, b: 3 },
      { kind: 'write', at: 1, dt: 10 },
    ]);
    const entries = stations[0]!.entries();
    const seenHashes = new Set(entries.flatMap((e) => claimsOf(e).map(([, h]) => h.hash)));
    const hasChild = new Set(entries.filter((e) => e.seq > 1).map((e) => e.prev));
    // A chain's newest entry that no other station has seen yet can vanish without trace: only
    // a copy elsewhere (replication, a checkpoint, paper) can show it existed.
    const droppable = entries.filter((e) => hasChild.has(e.hash) || seenHashes.has(e.hash));
    const mutation = fc.oneof(
      fc.record({ kind: fc.constant('change' as const), i: fc.nat(entries.length - 1), rehash: fc.boolean(), field: fc.constantFrom('text', 'wall', 'group', 'seen', 'hlc') }),
      fc.record({ kind: fc.constant('drop' as const), i: fc.nat(droppable.length - 1) }),
      fc.record({ kind: fc.constant('swap' as const), i: fc.nat(entries.length - 1) }),
    );
    fc.assert(
      fc.property(mutation, (m) => {
        let mutated: StationEntry[];
        if (m.kind === 'drop') {
          const gone = droppable[m.i]!;
          mutated = entries.filter((e) => e !== gone);
        } else if (m.kind === 'change') {
          const target = entries[m.i]!;
          const changes: Record<string, unknown> = { text: `${target.text}！`, wall: '2026-03-05T09:00:00.000+08:00', group: 'x', seen: {}, hlc: { ms: 1, c: 0 } };
          const changed = { ...target, [m.field]: changes[m.field] } as StationEntry;
          if (JSON.stringify(changed) === JSON.stringify(target)) return; // the field already had that value
          if (m.rehash) changed.hash = entryHash(changed as unknown as Record<string, unknown>);
          mutated = entries.map((e) => (e === target ? changed : e));
        } else {
          const a = entries[m.i]!;
          const b = entries.find((e) => e.writer === a.writer && e.seq === a.seq + 1);
          if (!b) return;
          mutated = entries.map((e) => (e === a ? { ...a, seq: b.seq } : e === b ? { ...b, seq: a.seq } : e));
        }
        expect(verifyStations(mutated, { op: OP, signatures: 'heads' }).ok).toBe(false);
      }),
      { numRuns: 150 },
    );
  }, 120_000);
});
