import { describe, expect, it } from 'vitest';
import { entryHash } from '../../shared/stations/canonical';
import { createEntry } from '../../shared/stations/entry';
import { compareHlc, hlcReceive, hlcSend, HLC_MAX_AHEAD_MS } from '../../shared/stations/hlc';
import { headsOf, timeline, verifyStations } from '../../shared/stations/chains';
import type { StationEntry } from '../../shared/stations/types';
import { OP, operator, SimStation, sync } from './stations-helpers';

const verify = (entries: unknown[], signatures: 'heads' | 'all' = 'heads', names?: Record<string, string>) =>
  verifyStations(entries, { op: OP, signatures, name: names ? (w) => names[w] : undefined });

async function twoStations(n = 5) {
  const a = new SimStation('a');
  const b = new SimStation('b');
  for (let i = 0; i < n; i++) {
    await a.note(`a${i}`);
    await b.note(`b${i}`);
    sync(a, b);
  }
  return { a, b };
}

const ofWriter = (entries: StationEntry[], writer: string) => entries.filter((e) => e.writer === writer).sort((x, y) => x.seq - y.seq);

describe('hybrid logical clock', () => {
  it('send moves forward with the wall clock, or counts within one ms', () => {
    expect(hlcSend({ ms: 100, c: 3 }, 200)).toEqual({ ms: 200, c: 0 });
    expect(hlcSend({ ms: 100, c: 3 }, 100)).toEqual({ ms: 100, c: 4 });
    expect(hlcSend({ ms: 100, c: 3 }, 50)).toEqual({ ms: 100, c: 4 }); // clock set back: still after
  });

  it('receive puts the next local event after the received one', () => {
    expect(hlcReceive({ ms: 100, c: 1 }, { ms: 150, c: 7 }, 120)).toEqual({ ms: 150, c: 8 });
    expect(hlcReceive({ ms: 150, c: 2 }, { ms: 150, c: 7 }, 120)).toEqual({ ms: 150, c: 8 });
    expect(hlcReceive({ ms: 150, c: 9 }, { ms: 100, c: 7 }, 120)).toEqual({ ms: 150, c: 10 });
    expect(hlcReceive({ ms: 100, c: 9 }, { ms: 90, c: 7 }, 300)).toEqual({ ms: 300, c: 0 });
  });

  it('does not adopt a remote clock more than 60 s ahead', () => {
    const r = hlcReceive({ ms: 100, c: 0 }, { ms: 1000 + HLC_MAX_AHEAD_MS + 1, c: 0 }, 1000);
    expect(r).toEqual({ ms: 1000, c: 0 });
  });

  it('an entry written after receiving another sorts after it, even with a slow clock', async () => {
    const fast = new SimStation('fast', () => 10_000);
    const slow = new SimStation('slow', () => 5_000);
    const first = await fast.note('先');
    slow.receive([first]);
    const second = await slow.note('后');
    expect(compareHlc(second.hlc, first.hlc)).toBeGreaterThan(0);
    expect(timeline([second, first]).map((e) => e.text)).toEqual(['先', '后']);
  });
});

describe('verifying the stations’ chains', () => {
  it('accepts intact chains, with head signatures only or all of them', async () => {
    const { a } = await twoStations();
    for (const mode of ['heads', 'all'] as const) {
      const v = verify(a.entries(), mode);
      expect(v.ok, JSON.stringify(v.problems)).toBe(true);
      expect(v.writers.map((w) => w.head?.seq)).toEqual([5, 5]);
    }
  });

  it('names the station and seq of a changed entry, in Chinese', async () => {
    const { a, b } = await twoStations();
    const entries = a.entries().map((e) => (e.writer === b.key && e.seq === 3 ? { ...e, text: '改过' } : e));
    const v = verify(entries, 'heads', { [b.key]: '证据组平板' });
    expect(v.ok).toBe(false);
    expect(v.first).toMatchObject({ kind: 'hash', writer: b.key, seq: 3 });
    expect(v.first!.message).toBe(`工作站「证据组平板」（${b.key.slice(0, 8)}）第 3 条记录的内容与其哈希值不符，记录已被改动`);
  });

  it('a re-hashed change is caught by the next link, or by the head signature when it is the head', async () => {
    const { a, b } = await twoStations();
    const rehash = (e: StationEntry) => {
      const changed = { ...e, text: '改过' };
      return { ...changed, hash: entryHash(changed as unknown as Record<string, unknown>) };
    };
    const middle = a.entries().map((e) => (e.writer === b.key && e.seq === 3 ? rehash(e) : e));
    // The changed entry is no longer anyone's prev, so it is a tip whose signature is checked;
    // a had seen the original 3rd entry, so the rewrite is named too.
    expect(verify(middle).problems.map((p) => [p.kind, p.seq])).toEqual([['signature', 3], ['rewrite', 3], ['link', 4]]);
    const head = a.entries().map((e) => (e.writer === b.key && e.seq === 5 ? rehash(e) : e));
    expect(verify(head).problems).toContainEqual(expect.objectContaining({ kind: 'signature', writer: b.key, seq: 5 }));
    // A middle entry's bad signature is seen only when all signatures are checked.
    const badSig = a.entries().map((e) => (e.writer === b.key && e.seq === 2 ? { ...e, sig: a.entries()[0]!.sig } : e));
    expect(verify(badSig, 'heads').ok).toBe(true);
    expect(verify(badSig, 'all').first).toMatchObject({ kind: 'signature', writer: b.key, seq: 2 });
  });

  it('a dropped entry is a gap; a dropped head is named from what the other station had seen', async () => {
    const { a, b } = await twoStations();
    const gap = verify(a.entries().filter((e) => !(e.writer === b.key && e.seq === 2)));
    expect(gap.first).toMatchObject({ kind: 'gap', writer: b.key, seq: 2 });
    expect(gap.first!.message).toContain('第 2 条记录缺失');
    // b's seq 5 was seen by a's seq 5? a wrote a4 before b4 synced: a's last entry saw b at 4.
    const truncated = verify(a.entries().filter((e) => !(e.writer === b.key && e.seq === 5)));
    expect(truncated.ok).toBe(true); // nobody had seen b's 5th entry: a head nobody saw cannot be missed
    const cut = verify(a.entries().filter((e) => !(e.writer === b.key && e.seq >= 4)));
    expect(cut.first).toMatchObject({ kind: 'missing', writer: b.key, seq: 4, seenBy: a.key });
    expect(cut.first!.message).toContain('之后的记录缺失或被删除');
  });

  it('two entries with the same writer and seq are a fork: both kept and flagged', async () => {
    const { a, b } = await twoStations(3);
    const clone = new SimStation('b'); // the same key, restored from a backup taken at seq 2
    clone.receive(ofWriter(b.entries(), b.key).slice(0, 2));
    const other = await clone.note('从备份恢复后写的');
    const v = verify([...a.entries(), other]);
    expect(v.entries).toHaveLength(a.entries().length + 1);
    expect(v.problems).toContainEqual(expect.objectContaining({ kind: 'fork', writer: b.key, seq: 3 }));
    expect(v.writers.find((w) => w.writer === b.key)?.forked).toBe(true);
  });

  it('a rewrite of one station’s chain, re-hashed and re-signed with its own key after others had copies, is named', async () => {
    const { a, b } = await twoStations(4);
    await a.note('a 在看到 b 的第 4 条之后写'); // a's entry records seen[b] = 4:…
    // b rewrites its chain from seq 3 on, consistently, with its own key.
    const rewritten = new SimStation('b');
    rewritten.receive(ofWriter(b.entries(), b.key).slice(0, 2));
    for (let i = 2; i < 4; i++) await rewritten.note(`改写的 b${i}`);
    const held = [...a.entries().filter((e) => e.writer !== b.key), ...rewritten.entries()];
    const v = verify(held);
    // a held copies of b's 3rd and 4th entries (seen by a's later entries): both named.
    expect(v.problems.filter((p) => p.kind === 'rewrite')).toEqual([
      expect.objectContaining({ writer: b.key, seq: 3, seenBy: a.key }),
      expect.objectContaining({ writer: b.key, seq: 4, seenBy: a.key }),
    ]);
    expect(v.problems.find((p) => p.kind === 'rewrite')!.message).toMatch(/^工作站 \S+ 第 3 条记录已被改写：工作站 \S+ 第 \d+ 条记录当时持有的副本哈希为 [0-9a-f]{12}…，现存的为 [0-9a-f]{12}…$/);
  });

  it('reports unreadable values and entries of another operation, and dedupes copies', async () => {
    const a = new SimStation('a');
    const e = await a.note('x');
    const other = await createEntry(a.signer, { op: 'other', head: null, hlc: a.hlc, seen: {}, boot: 'b' }, { operator, category: 'note', text: 'y' }, { wallMs: 1, monoMs: 1 });
    const v = verify([e, { ...e }, other.entry, { writer: a.key, seq: 9 }]);
    expect(v.entries).toEqual([e]);
    expect(v.problems.map((p) => p.kind).sort()).toEqual(['foreign', 'shape']);
  });

  it('heads are each writer’s highest entry', async () => {
    const { a, b } = await twoStations(2);
    expect([...headsOf(a.entries()).entries()].map(([w, h]) => [w, h.seq])).toEqual(expect.arrayContaining([[a.key, 2], [b.key, 2]]));
  });
});

describe('a field device’s view', () => {
  it('withheld stubs keep the chain linked; without them the gap is reported', async () => {
    const { a, b } = await twoStations(3);
    const secret = ofWriter(a.entries(), b.key)[1]!; // b's 2nd entry, withheld from a phone
    const held = a.entries().filter((e) => e !== secret);
    expect(verify(held).first).toMatchObject({ kind: 'gap', writer: b.key, seq: 2 });
    const stub = { op: secret.op, writer: secret.writer, seq: secret.seq, hash: secret.hash, prev: secret.prev };
    expect(verifyStations(held, { op: OP, signatures: 'all', withheld: [stub] }).ok).toBe(true);
    // A stub cannot stand in for a different entry: the next entry's link and a's seen mark still decide.
    const forged = verifyStations(held, { op: OP, signatures: 'all', withheld: [{ ...stub, hash: 'f'.repeat(64) }] });
    expect(forged.problems.map((p) => [p.kind, p.seq])).toEqual(expect.arrayContaining([['rewrite', 2], ['link', 3]]));
  });
});
