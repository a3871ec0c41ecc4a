import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { appendEntry, LogInputError, type LogInput } from '../../shared/log/append';
import { canonicalSerialise, hashEntry } from '../../shared/log/canonical';
import { ZERO_HASH, type LogEntry } from '../../shared/log/types';
import { verifyChain } from '../../shared/log/verify';

const OP = 'op-1';
const START = Date.parse('2026-03-05T09:00:00.000+08:00');

function input(i: number, over: Partial<LogInput> = {}): LogInput {
  return { operationId: OP, operator: '张三', group: 'G1', category: 'note', text: `第${i}条记录`, ...over };
}

function chain(n: number, operationId = OP): LogEntry[] {
  const out: LogEntry[] = [];
  for (let i = 0; i < n; i++) {
    out.push(appendEntry(out[i - 1], input(i + 1, { operationId }), new Date(START + i * 1000)));
  }
  return out;
}

const clone = (entries: LogEntry[]) => structuredClone(entries);

describe('canonical serialisation', () => {
  it('is stable under key order, recursively, and leaves out undefined', () => {
    const a = { b: 1, a: { z: [1, 'x'], y: null }, c: undefined, d: true };
    const b = { d: true, a: { y: null, z: [1, 'x'] }, b: 1 };
    expect(canonicalSerialise(a)).toBe(canonicalSerialise(b));
    expect(canonicalSerialise(a)).toBe('{"a":{"y":null,"z":[1,"x"]},"b":1,"d":true}');
  });

  it('keeps array order and writes strings as JSON does, without normalising them', () => {
    expect(canonicalSerialise({ s: '引号"\\\n', l: [2, 1] })).toBe('{"l":[2,1],"s":"引号\\"\\\\\\n"}');
    expect(canonicalSerialise({ s: 'e\u0301' })).not.toBe(canonicalSerialise({ s: '\u00e9' }));
  });

  it('refuses non-finite numbers and non-plain values', () => {
    expect(() => canonicalSerialise({ n: Number.NaN })).toThrow();
    expect(() => canonicalSerialise({ n: Infinity })).toThrow();
    expect(() => canonicalSerialise({ d: new Date() })).toThrow();
    expect(() => canonicalSerialise({ a: [undefined] })).toThrow();
    expect(canonicalSerialise({ z: -0 })).toBe('{"z":0}');
  });

  it('hash is SHA-256 of the UTF-8 canonical text, recomputable by hand, ignoring the hash field', () => {
    const [entry] = chain(1);
    const text = canonicalSerialise({ ...entry!, hash: undefined });
    expect(text.startsWith('{"category":"note","group":"G1","occurredAt":"2026-03-05T09:00:00.000+08:00"')).toBe(true);
    expect(entry!.hash).toBe(createHash('sha256').update(text, 'utf8').digest('hex'));
    expect(hashEntry(entry!)).toBe(entry!.hash);
  });

  it('property: any key permutation gives the same text', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.oneof(fc.string(), fc.integer(), fc.boolean(), fc.constant(null))), (obj) => {
        const reversed = Object.fromEntries(Object.entries(obj).reverse());
        expect(canonicalSerialise(reversed)).toBe(canonicalSerialise(obj));
        expect(JSON.parse(canonicalSerialise(obj))).toEqual(obj);
      }),
    );
  });
});

describe('append', () => {
  it('builds a valid chain of 1 000 entries', () => {
    const entries = chain(1000);
    expect(entries[0]!.prevHash).toBe(ZERO_HASH);
    expect(entries.map((e) => e.seq)).toEqual(Array.from({ length: 1000 }, (_, i) => i + 1));
    for (let i = 1; i < entries.length; i++) expect(entries[i]!.prevHash).toBe(entries[i - 1]!.hash);
    expect(verifyChain(entries, OP)).toEqual({ ok: true, head: { seq: 1000, hash: entries[999]!.hash } });
  });

  it('stamps recordedAt from the clock in China time; occurredAt defaults to it or is normalised', () => {
    const now = new Date('2026-03-05T01:30:00.123Z');
    const first = appendEntry(undefined, input(1), now);
    expect(first.recordedAt).toBe('2026-03-05T09:30:00.123+08:00');
    expect(first.occurredAt).toBe(first.recordedAt);
    const second = appendEntry(first, input(2, { occurredAt: '2026-03-05T01:10Z' }), now);
    expect(second.occurredAt).toBe('2026-03-05T09:10:00.000+08:00');
    expect(second.recordedAt).toBe('2026-03-05T09:30:00.123+08:00');
  });

  it('normalises text to NFC and trims it; empty refs are left out; data is kept', () => {
    const e = appendEntry(
      undefined,
      input(1, { category: 'suspension', text: '  Cafe\u0301 ', refs: { media: [], people: ['p1'] }, data: { ground: 2 } }),
      new Date(START),
    );
    expect(e.text).toBe('Caf\u00e9');
    expect(e.refs).toEqual({ people: ['p1'] });
    expect(e.data).toEqual({ ground: 2 });
    expect(verifyChain([e], OP).ok).toBe(true);
  });
});

describe('append: input errors in Chinese', () => {
  const now = new Date(START);
  const messageOf = (fn: () => unknown): string => {
    try {
      fn();
    } catch (error) {
      expect(error).toBeInstanceOf(LogInputError);
      return (error as LogInputError).issues.map((i) => i.message).join('；');
    }
    throw new Error('no error');
  };
  const [first] = chain(1);

  it('empty or over-long text', () => {
    expect(messageOf(() => appendEntry(undefined, input(1, { text: '   ' }), now))).toContain('请填写记录内容');
    expect(messageOf(() => appendEntry(undefined, input(1, { text: '字'.repeat(5001) }), now))).toContain('不能超过 5000 个字');
    expect(appendEntry(undefined, input(1, { text: '字'.repeat(5000) }), now).text).toHaveLength(5000);
  });

  it('missing operator, unknown category', () => {
    expect(messageOf(() => appendEntry(undefined, input(1, { operator: ' ' }), now))).toContain('请填写记录人');
    expect(messageOf(() => appendEntry(undefined, input(1, { category: 'unknown' as never }), now))).toContain('请选择记录类别');
  });

  it('occurredAt unparseable, without an offset, or later than now + 5 min', () => {
    expect(messageOf(() => appendEntry(undefined, input(1, { occurredAt: '昨天' }), now))).toContain('发生时间格式不正确');
    expect(messageOf(() => appendEntry(undefined, input(1, { occurredAt: '2026-03-05T09:00' }), now))).toContain('发生时间格式不正确');
    expect(messageOf(() => appendEntry(undefined, input(1, { occurredAt: '2026-02-30T25:00+08:00' }), now))).toContain('发生时间');
    expect(messageOf(() => appendEntry(undefined, input(1, { occurredAt: '2026-03-05T09:05:01+08:00' }), now))).toContain(
      '发生时间不能晚于当前时间',
    );
    expect(appendEntry(undefined, input(1, { occurredAt: '2026-03-05T09:05:00+08:00' }), now).occurredAt).toBe(
      '2026-03-05T09:05:00.000+08:00',
    );
  });

  it('corrections must name an earlier entry; only corrections may', () => {
    expect(messageOf(() => appendEntry(first, input(2, { category: 'correction' }), now))).toContain('须指明被更正的条目');
    expect(messageOf(() => appendEntry(first, input(2, { category: 'correction', refs: { corrects: 2 } }), now))).toContain(
      '本条为第 2 条，不能更正第 2 条',
    );
    expect(messageOf(() => appendEntry(first, input(2, { category: 'correction', refs: { corrects: 0 } }), now))).toContain('从 1 开始');
    expect(messageOf(() => appendEntry(first, input(2, { refs: { corrects: 1 } }), now))).toContain('只有更正记录');
    expect(appendEntry(first, input(2, { category: 'correction', refs: { corrects: 1 } }), now).refs.corrects).toBe(1);
  });

  it('cannot continue another operation’s chain; non-finite data is refused', () => {
    expect(messageOf(() => appendEntry(first, input(2, { operationId: 'op-2' }), now))).toContain('属于另一次执行行动');
    expect(messageOf(() => appendEntry(undefined, input(1, { data: { x: Infinity } }), now))).toContain('有限数字');
  });
});

describe('verifyChain: every kind of tampering, with the right seq', () => {
  const base = chain(10);

  it('a changed text', () => {
    const e = clone(base);
    e[4]!.text = '改过的';
    expect(verifyChain(e, OP)).toMatchObject({ ok: false, seq: 5, reason: 'changed' });
    expect(verifyChain(e, OP)).toMatchObject({ message: expect.stringContaining('第 5 条') });
  });

  it('a changed recordedAt', () => {
    const e = clone(base);
    e[6]!.recordedAt = '2026-03-05T08:00:00.000+08:00';
    expect(verifyChain(e, OP)).toMatchObject({ ok: false, seq: 7, reason: 'changed' });
  });

  it('an added field is a change too', () => {
    const e = clone(base);
    (e[2] as unknown as Record<string, unknown>).extra = 'x';
    expect(verifyChain(e, OP)).toMatchObject({ ok: false, seq: 3, reason: 'changed' });
  });

  it('a deleted middle entry', () => {
    const e = clone(base);
    e.splice(3, 1);
    expect(verifyChain(e, OP)).toMatchObject({ ok: false, seq: 4, reason: 'missing', message: expect.stringContaining('第 4 条') });
  });

  it('a deleted first entry', () => {
    expect(verifyChain(clone(base).slice(1), OP)).toMatchObject({ ok: false, seq: 1, reason: 'missing' });
  });

  it('a deleted last entry, caught by the pinned head', () => {
    const head = { seq: 10, hash: base[9]!.hash };
    expect(verifyChain(base, OP, head).ok).toBe(true);
    const e = clone(base).slice(0, 9);
    expect(verifyChain(e, OP)).toEqual({ ok: true, head: { seq: 9, hash: base[8]!.hash } });
    expect(verifyChain(e, OP, head)).toMatchObject({ ok: false, seq: 10, reason: 'missing', message: expect.stringContaining('第 10 条') });
    expect(verifyChain([], OP, head)).toMatchObject({ ok: false, seq: 1, reason: 'missing' });
    expect(verifyChain([], OP)).toEqual({ ok: true, head: null });
  });

  it('a rewritten log that no longer reaches the pinned head; a longer log is fine', () => {
    const rewritten = chain(10);
    rewritten[9] = appendEntry(rewritten[8], input(10, { text: '另写' }), new Date(START + 9000));
    expect(verifyChain(rewritten, OP, { seq: 10, hash: base[9]!.hash })).toMatchObject({ ok: false, seq: 10, reason: 'changed' });
    expect(verifyChain(base, OP, { seq: 5, hash: base[4]!.hash }).ok).toBe(true);
  });

  it('two entries swapped in order', () => {
    const e = clone(base);
    [e[3], e[4]] = [e[4]!, e[3]!];
    expect(verifyChain(e, OP)).toMatchObject({ ok: false, seq: 4, reason: 'reordered' });
  });

  it('two entries swapped in place with their seq fields exchanged', () => {
    const e = clone(base);
    [e[3], e[4]] = [{ ...e[4]!, seq: 4 }, { ...e[3]!, seq: 5 }];
    // As storage keyed by seq forces a reorder to look: the moved entry still links to the one it followed.
    const verdict = verifyChain(e, OP);
    expect(verdict).toMatchObject({ ok: false, seq: 4, reason: 'reordered' });
    expect(!verdict.ok && verdict.message).toContain('第 4 条记录的位置被打乱');
  });

  it('an entry moved further away, its seq rewritten to fit its new place', () => {
    const e = clone(base);
    const moved = e.splice(1, 1)[0]!;
    e.splice(6, 0, moved);
    e.forEach((entry, i) => (entry.seq = i + 1));
    expect(verifyChain(e, OP)).toMatchObject({ ok: false, seq: 2 });
    expect(verifyChain(e, OP)).toMatchObject({ reason: 'reordered' });
  });

  it('a duplicated entry', () => {
    const e = clone(base);
    e.splice(5, 0, clone(base)[4]!);
    expect(verifyChain(e, OP)).toMatchObject({ ok: false, seq: 6, reason: 'reordered' });
  });

  it('a changed entry whose hash was recomputed: the next link is wrong', () => {
    const e = clone(base);
    e[4]!.text = '改过的';
    e[4]!.hash = hashEntry({ ...e[4]!, hash: undefined });
    expect(verifyChain(e, OP)).toMatchObject({ ok: false, seq: 6, reason: 'wrongLink', message: expect.stringContaining('第 6 条') });
  });

  it('a first entry not linked to zeros', () => {
    const e = clone(base);
    e[0]!.prevHash = 'f'.repeat(64);
    e[0]!.hash = hashEntry({ ...e[0]!, hash: undefined });
    expect(verifyChain(e, OP)).toMatchObject({ ok: false, seq: 1, reason: 'wrongLink' });
  });

  it('another operation’s entry slipped in', () => {
    const foreign = chain(5, 'op-2');
    const e = clone(base);
    e.splice(3, 0, foreign[3]!);
    expect(verifyChain(e, OP)).toMatchObject({ ok: false, seq: 4, reason: 'foreign', message: expect.stringContaining('第 4 条') });
  });

  it('a value the serialisation refuses counts as changed', () => {
    const e = clone(base);
    (e[1]!.data as unknown) = { n: Number.NaN };
    expect(verifyChain(e, OP)).toMatchObject({ ok: false, seq: 2, reason: 'changed' });
  });

  it('property: one mutation of one field of one entry is reported at or before that entry', () => {
    const fields = ['operationId', 'seq', 'recordedAt', 'occurredAt', 'operator', 'group', 'category', 'text', 'refs', 'data', 'prevHash', 'hash'] as const;
    const value = fc.oneof(
      fc.string(),
      fc.integer(),
      fc.boolean(),
      fc.constant(null),
      fc.constant(undefined),
      fc.dictionary(fc.string(), fc.oneof(fc.string(), fc.integer())),
      fc.array(fc.string()),
    );
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 30 }),
        fc.nat(),
        fc.constantFrom(...fields),
        value,
        fc.array(fc.string(), { maxLength: 30 }),
        (n, pick, field, newValue, texts) => {
          const entries: LogEntry[] = [];
          for (let i = 0; i < n; i++) {
            const text = texts[i]?.trim() ? texts[i]! : `t${i}`;
            const refs = i % 3 === 1 ? { media: [`m${i}`] } : undefined;
            entries.push(appendEntry(entries[i - 1], input(i + 1, { text, refs, data: i % 2 ? { k: i } : undefined }), new Date(START + i * 777)));
          }
          expect(verifyChain(entries, OP).ok).toBe(true);
          const target = pick % n;
          const mutated = clone(entries);
          const record = mutated[target] as unknown as Record<string, unknown>;
          fc.pre(canonicalSerialise({ v: record[field] ?? null }) !== canonicalSerialise({ v: newValue ?? null }) || (record[field] === undefined) !== (newValue === undefined));
          record[field] = newValue;
          const verdict = verifyChain(mutated, OP);
          expect(verdict.ok).toBe(false);
          if (!verdict.ok) expect(verdict.seq).toBeLessThanOrEqual(target + 1);
        },
      ),
      { numRuns: 500 },
    );
  });
});
