import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { appendEntry } from '../../shared/log/append';
import { canonicalSerialise, ENTRY_KEYS, fastSerialise, hashEntry, ruleSerialise } from '../../shared/log/canonical';

/** The text, or that it throws: both paths must agree on either. */
function outcome(run: () => string): string {
  try {
    return run();
  } catch (error) {
    return `throws ${(error as Error).constructor.name}`;
  }
}

const byRule = (entry: Record<string, unknown>) =>
  outcome(() => {
    const { hash: _, ...fields } = entry;
    return createHash('sha256').update(ruleSerialise(fields), 'utf8').digest('hex');
  });

// Any UTF-16 code unit, lone surrogates and control characters included.
const anyText = fc.oneof(
  fc.string(),
  fc.string({ unit: 'grapheme' }),
  fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)) }),
);
const anyNumber = fc.oneof(fc.integer(), fc.double(), fc.constantFrom(-0, 1e21, 5e-324, Number.NaN, Infinity));
const idList = fc.array(anyText, { maxLength: 4 });

const usualEntry = fc.record(
  {
    operationId: anyText,
    seq: fc.oneof(fc.nat(), anyNumber),
    recordedAt: anyText,
    occurredAt: anyText,
    operator: anyText,
    group: anyText,
    category: anyText,
    text: anyText,
    refs: fc.record({ media: idList, inventoryItems: idList, people: idList, corrects: anyNumber }, { requiredKeys: [] }),
    data: fc.dictionary(anyText, fc.oneof(anyText, anyNumber, fc.boolean(), fc.constant(null)), { maxKeys: 5 }),
    prevHash: anyText,
    hash: anyText,
  },
  { requiredKeys: ['operationId', 'seq', 'recordedAt', 'occurredAt', 'operator', 'group', 'category', 'text', 'refs', 'prevHash'] },
) as fc.Arbitrary<Record<string, unknown>>;

const oddValue = fc.oneof(
  fc.anything(),
  fc.constant(undefined),
  fc.constant(new Date(0)),
  fc.constant(Object.create(null) as object),
  fc.constant([1, , 3]), // a hole
  fc.constant(['a', undefined]),
  fc.constant({ __proto__: { inherited: 1 } }),
);
const somePath = fc.constantFrom(...ENTRY_KEYS, 'hash', 'extra', 'refs.media', 'refs.corrects', 'refs.extra', 'data.k', 'refs.media.0');

/** The entry with one value set at path (possibly a new key), or deleted. */
function tamper(entry: Record<string, unknown>, path: string, value: unknown, remove: boolean): Record<string, unknown> {
  const copy = structuredClone(entry);
  const keys = path.split('.');
  let target = copy as Record<string, unknown>;
  for (const key of keys.slice(0, -1)) {
    if (typeof target[key] !== 'object' || target[key] === null) target[key] = {};
    target = target[key] as Record<string, unknown>;
  }
  const last = keys[keys.length - 1]!;
  if (remove) delete target[last];
  else target[last] = value;
  return copy;
}

const tampered = fc.tuple(usualEntry, fc.array(fc.tuple(somePath, oddValue, fc.boolean()), { minLength: 1, maxLength: 3 })).map(
  ([entry, changes]) => changes.reduce((e, [path, value, remove]) => tamper(e, path, value, remove), entry),
);

describe('fast canonical path', () => {
  it('lists the entry keys in the order the rule sorts them', () => {
    expect([...ENTRY_KEYS]).toEqual([...ENTRY_KEYS].sort());
  });

  it('is taken for entries as appendEntry writes them, and hashes them as the rule does', () => {
    const first = appendEntry(undefined, { operationId: 'op', operator: '张三', category: 'note', text: '记录' }, new Date());
    const entry = appendEntry(
      first,
      { operationId: 'op', operator: '张三', category: 'correction', text: '更正"\n第 1 条', refs: { media: ['m1'], corrects: 1 }, data: { ground: 2, ok: true, note: null } },
      new Date('2026-03-05T01:00:00Z'),
    );
    expect(fastSerialise(entry as unknown as Record<string, unknown>, true)).toBeDefined();
    expect(hashEntry(entry)).toBe(byRule(entry as unknown as Record<string, unknown>));
    expect(entry.hash).toBe(byRule(entry as unknown as Record<string, unknown>));
  });

  it('writes byte-identical text and hash on arbitrary entries of the usual shape', () => {
    let fast = 0;
    fc.assert(
      fc.property(usualEntry, (entry) => {
        if (fastSerialise(entry, true) !== undefined) fast++;
        const { hash: _, ...fields } = entry;
        expect(outcome(() => canonicalSerialise(fields))).toBe(outcome(() => ruleSerialise(fields)));
        expect(outcome(() => hashEntry(entry))).toBe(byRule(entry));
      }),
      { numRuns: 3000 },
    );
    // The property must exercise the fast path itself, not only its fallback.
    expect(fast).toBeGreaterThan(300);
  });

  it('falls back to the rule on tampered entries: added, removed and odd values hash as the rule says', () => {
    fc.assert(
      fc.property(tampered, (entry) => {
        expect(outcome(() => canonicalSerialise(entry))).toBe(outcome(() => ruleSerialise(entry)));
        expect(outcome(() => hashEntry(entry))).toBe(byRule(entry));
      }),
      { numRuns: 4000 },
    );
  });

  it('still breaks the hash when a field is added', () => {
    const entry = appendEntry(undefined, { operationId: 'op', operator: '张三', category: 'note', text: '记录' }, new Date());
    expect(hashEntry({ ...entry, extra: '' })).not.toBe(entry.hash);
    expect(hashEntry({ ...entry, data: {} })).not.toBe(entry.hash);
    expect(hashEntry({ ...entry, refs: { media: [] } })).not.toBe(entry.hash);
  });
});
