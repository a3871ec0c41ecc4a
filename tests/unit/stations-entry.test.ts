import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalText, entryHash } from '../../shared/stations/canonical';
import { fromBase64, fromBase64url, fromHex, toBase64, toBase64url, toHex } from '../../shared/stations/encoding';
import { createEntry, entryFault, EntryInputError, parseEntry } from '../../shared/stations/entry';
import { demoSigner, nobleSigner, verifySignature } from '../../shared/stations/signer';
import { ZERO_HASH } from '../../shared/stations/types';
import { OP, operator, SimStation } from './stations-helpers';

const now = { wallMs: Date.UTC(2026, 2, 5, 1, 30), monoMs: 1234.5 };

describe('encoding', () => {
  it('hex, base64url and base64 round-trip any bytes, and agree with Node', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 100 }), (bytes) => {
        expect(fromHex(toHex(bytes))).toEqual(bytes);
        expect(fromBase64url(toBase64url(bytes))).toEqual(bytes);
        expect(toBase64url(bytes)).toBe(Buffer.from(bytes).toString('base64url'));
        expect(toBase64(bytes)).toBe(Buffer.from(bytes).toString('base64'));
        expect(fromBase64(toBase64(bytes))).toEqual(bytes);
      }),
    );
  });

  it('refuses a second spelling of the same bytes', () => {
    expect(() => fromBase64url('AB')).toThrow(); // trailing bits set
    expect(() => fromBase64url('A')).toThrow();
    expect(() => fromBase64url('a+b/')).toThrow();
  });
});

describe('RFC 8785 canonical form', () => {
  it('sorts keys by UTF-16 code units and writes numbers as ECMAScript does (RFC 8785 §3.2.3 example)', () => {
    const text = canonicalText({ numbers: [333333333.33333329, 1e30, 4.5, 2e-3, 0.000000000000000000000000001], string: '€$\u000f\nA\'B"\\\\"/', literals: [null, true, false] });
    expect(text).toBe('{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],"string":"€$\\u000f\\nA\'B\\"\\\\\\\\\\"/"}');
    expect(canonicalText({ '\u20ac': 1, '\r': 2, '\ud83d\ude00': 3, '1': 4, 'ö': 5 })).toBe('{"\\r":2,"1":4,"ö":5,"€":1,"😀":3}');
  });

  it('leaves hash and sig out, and refuses values JSON cannot carry', () => {
    expect(canonicalText({ b: 1, a: 2, hash: 'x', sig: 'y' })).toBe('{"a":2,"b":1}');
    expect(() => canonicalText({ a: new Date(0) })).toThrow('不是普通对象');
    expect(() => canonicalText({ a: Number.NaN })).toThrow('不是有限数字');
    expect(() => canonicalText({ a: undefined })).toThrow('不能序列化');
    expect(() => canonicalText({ a: '\ud800' })).toThrow();
  });
});

describe('a signed entry', () => {
  it('has every field of format 2, its hash is SHA-256 of the RFC 8785 text, its signature verifies', async () => {
    const signer = demoSigner('evidence');
    const { entry, hlc } = await createEntry(
      signer,
      { op: OP, head: null, hlc: { ms: 0, c: 0 }, seen: { [demoSigner('other').publicKey]: `3:${'a'.repeat(64)}` }, boot: 'b1' },
      { operator, category: 'note', text: '到达现场', group: 'evidence', act: { kind: 'note', changes: [{ table: 'logEntries', op: 'put', id: 'x', record: { a: 1 } }] } },
      now,
    );
    expect(entry).toMatchObject({ v: 2, op: OP, writer: signer.publicKey, seq: 1, prev: ZERO_HASH, wall: '2026-03-05T09:30:00.000+08:00', occurredAt: '2026-03-05T09:30:00.000+08:00', mono: { boot: 'b1', ms: 1234.5 }, group: 'evidence' });
    expect(hlc).toEqual({ ms: now.wallMs, c: 0 });
    const { hash, sig, ...fields } = entry;
    const text = canonicalize(fields)!;
    expect(hash).toBe(createHash('sha256').update(text, 'utf8').digest('hex'));
    expect(verifySignature(sig, new TextEncoder().encode(text), signer.publicKey)).toBe(true);
    expect(entryFault(entry, true)).toBeNull();
    expect(parseEntry(JSON.parse(JSON.stringify(entry)))).toEqual({ ok: true, entry });
  });

  it('any changed field breaks the hash; a re-hashed change breaks the signature', async () => {
    const s = new SimStation('a');
    const entry = await s.note('原文');
    expect(entryFault({ ...entry, text: '改过' }, false)).toBe('hash');
    const forged = { ...entry, text: '改过' };
    forged.hash = entryHash(forged as unknown as Record<string, unknown>);
    expect(entryFault(forged, false)).toBeNull();
    expect(entryFault(forged, true)).toBe('signature');
  });

  it('refuses extra fields, missing fields and a seq 1 that links to something', async () => {
    const entry = await new SimStation('a').note('x');
    expect(parseEntry({ ...entry, extra: 1 })).toMatchObject({ ok: false });
    const { seen: _seen, ...noSeen } = entry;
    expect(parseEntry(noSeen)).toMatchObject({ ok: false, message: expect.stringContaining('seen') });
    expect(parseEntry({ ...entry, prev: 'f'.repeat(64) })).toMatchObject({ ok: false, message: expect.stringContaining('第 1 条') });
  });

  it('says in Chinese what is wrong with the input', async () => {
    const state = { op: OP, head: null, hlc: { ms: 0, c: 0 }, seen: {}, boot: 'b' };
    const signer = demoSigner('a');
    await expect(createEntry(signer, state, { operator: { personId: '', name: ' ' }, category: 'note', text: 'x' }, now)).rejects.toThrow('请填写记录人');
    await expect(createEntry(signer, state, { operator, category: 'note', text: 'x', occurredAt: '2026-03-05T12:00+08:00' }, now)).rejects.toThrow('发生时间不能晚于当前时间');
    await expect(createEntry(signer, state, { operator, category: 'note', text: 'x', data: { d: new Date() as never } }, now)).rejects.toThrow(EntryInputError);
  });

  it('demo keys are deterministic; random keys differ', () => {
    expect(demoSigner('x').publicKey).toBe(demoSigner('x').publicKey);
    expect(demoSigner('x').publicKey).not.toBe(demoSigner('y').publicKey);
    expect(nobleSigner(new Uint8Array(32).fill(1)).publicKey).toHaveLength(43);
  });
});

describe('native verification (Node)', () => {
  it('agrees with @noble/curves on good, wrong and malformed signatures', async () => {
    const { nativeVerify } = await import('../../electron/hub/nativeVerify');
    const s = demoSigner('native');
    const bytes = new TextEncoder().encode('记录');
    const sig = toBase64url(await s.sign(bytes));
    const bad = toBase64url(await demoSigner('other').sign(bytes));
    for (const [g, b, k] of [[sig, bytes, s.publicKey], [bad, bytes, s.publicKey], [sig, new TextEncoder().encode('改'), s.publicKey], ['AAAA', bytes, s.publicKey], [sig, bytes, 'short']] as const) {
      expect(nativeVerify(g, b, k)).toBe(verifySignature(g, b, k));
    }
    expect(nativeVerify(sig, bytes, s.publicKey)).toBe(true);
  });
});
