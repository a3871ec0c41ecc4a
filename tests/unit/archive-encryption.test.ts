import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decryptBytes, encryptBytes, encrypter, isEncrypted, passphraseProblems } from '../../shared/archive/encryption';

// A low work factor keeps the tests fast; the format and the checks are the same.
const fast = { workFactor: 10 };
const PASS = '临江强执2026-归档口令';
const plain = new TextEncoder().encode('{"format":"enforcement-console.backup","subjects":[{"idNumber":"110101199003071234"}]}');

describe('passphrase encryption (age format)', () => {
  it('round-trips, and the ciphertext shows none of the personal data', async () => {
    const sealed = await encryptBytes(plain, PASS, fast);
    expect(isEncrypted(sealed)).toBe(true);
    expect(new TextDecoder().decode(sealed)).not.toContain('110101199003071234');
    expect(await decryptBytes(sealed, PASS)).toEqual({ ok: true, bytes: plain });
  });

  it('refuses a wrong passphrase, a flipped byte and a cut file with one clear message', async () => {
    const sealed = await encryptBytes(plain, PASS, fast);
    const wrong = await decryptBytes(sealed, `${PASS}x`);
    expect(wrong).toEqual({ ok: false, problem: expect.stringContaining('口令不正确') });
    const flipped = sealed.slice();
    flipped[flipped.length - 20]! ^= 1;
    expect((await decryptBytes(flipped, PASS)).ok).toBe(false);
    expect((await decryptBytes(sealed.subarray(0, sealed.length - 1), PASS)).ok).toBe(false);
  });

  it('refuses what is not an age passphrase file, and absurd work factors, before any work', async () => {
    expect(await decryptBytes(plain, PASS)).toEqual({ ok: false, problem: expect.stringContaining('缺少 age 加密文件头') });
    const sealed = new TextDecoder('latin1').decode(await encryptBytes(plain, PASS, fast));
    const greedy = new Uint8Array([...sealed.replace(/(-> scrypt \S+ )10\n/, '$130\n')].map((c) => c.charCodeAt(0)));
    expect(await decryptBytes(greedy, PASS)).toEqual({ ok: false, problem: expect.stringContaining('2^30') });
  });

  it('encrypts a stream chunk by chunk to the same plaintext', async () => {
    const chunks = Array.from({ length: 5 }, (_, i) => new Uint8Array(100_000).fill(i));
    const source = new ReadableStream<Uint8Array>({
      start(controller) {
        for (const c of chunks) controller.enqueue(c);
        controller.close();
      },
    });
    const sealed = new Uint8Array(await new Response(await encrypter(PASS, fast).encrypt(source)).arrayBuffer());
    const opened = await decryptBytes(sealed, PASS);
    expect(opened.ok && opened.bytes.length).toBe(500_000);
    expect(opened.ok && opened.bytes[499_999]).toBe(4);
  });

  it('names what makes a passphrase weak', () => {
    expect(passphraseProblems('123')).toEqual(['口令至少 10 个字符', '口令过于简单（不同字符少于 5 个）']);
    expect(passphraseProblems('aaaaaaaaaaaa')).toEqual(['口令过于简单（不同字符少于 5 个）']);
    expect(passphraseProblems(PASS)).toEqual([]);
    expect(() => encryptBytes(plain, 'short')).toThrow('口令不符合要求');
  });
});

// age reads a passphrase only from a terminal: `script` gives it one. CI installs both.
const hasAge = spawnSync('age', ['--version']).error === undefined && spawnSync('script', ['--version']).error === undefined;

describe.skipIf(!hasAge)(hasAge ? 'the standard age tool' : 'the standard age tool — SKIPPED: age or script (bsdutils) is not installed', () => {
  it('opens what the app encrypted, without the app', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'age-interop-'));
    writeFileSync(join(dir, 'backup.json.age'), await encryptBytes(plain, PASS, fast));
    execFileSync('script', ['-qec', `age -d -o ${join(dir, 'backup.json')} ${join(dir, 'backup.json.age')}`, '/dev/null'], {
      input: `${PASS}\n`,
      timeout: 20_000,
    });
    expect(readFileSync(join(dir, 'backup.json'))).toEqual(Buffer.from(plain));
  });
});
