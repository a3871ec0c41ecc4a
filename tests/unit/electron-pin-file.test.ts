// Node (vitest). The main process's PIN file (issue 16 item 3): hashes only, kept across a
// restart, written whole, a damaged file refused rather than silently emptied (that would
// hand the first PIN to whoever asks next), and nothing in it the page is ever sent.
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLogPins, LOG_PIN_FILE } from '../../electron/main/logPins';
import { filePinBackend, PIN_FILE } from '../../electron/main/pinFile';
import { advancedPin } from '../../shared/host/logPins';
import { createPinStore } from '../../shared/operators/pinStore';

const fast = { N: 2 ** 4, r: 8, p: 1, dkLen: 32 };
const storeIn = (root: string) => createPinStore(filePinBackend(() => root), { kdf: fast });

describe('the PIN file of the main process', () => {
  it('keeps hashes only, survives a restart, and is readable by this user alone', async () => {
    const root = mkdtempSync(join(tmpdir(), 'pins-'));
    const pins = storeIn(root);
    expect(await pins.enrolled('op')).toEqual([]);
    await pins.enrol({ operationId: 'op', personId: 'chen', pin: '135790', authoriser: null });
    await pins.enrol({ operationId: 'op', personId: 'yang', pin: '246813', authoriser: { personId: 'chen', pin: '135790' } });
    const text = readFileSync(join(root, PIN_FILE), 'utf8');
    expect(text).not.toMatch(/135790|246813/);
    expect(JSON.parse(text).records).toHaveLength(2);
    if (process.platform !== 'win32') expect(statSync(join(root, PIN_FILE)).mode & 0o077).toBe(0);

    const again = storeIn(root);
    expect((await again.enrolled('op')).sort()).toEqual(['chen', 'yang']);
    expect(await again.verify({ operationId: 'op', personId: 'yang', pin: '246813' })).toEqual({ ok: true });
    expect(await again.enrol({ operationId: 'op', personId: 'liu', pin: '975318', authoriser: null })).toMatchObject({ status: 'refused' });
  });

  it('refuses a damaged file instead of starting afresh', async () => {
    const root = mkdtempSync(join(tmpdir(), 'pins-'));
    writeFileSync(join(root, PIN_FILE), '{"version":1,"records":[{"personId":1}]}');
    const pins = storeIn(root);
    await expect(pins.enrol({ operationId: 'op', personId: 'chen', pin: '135790', authoriser: null })).rejects.toThrow('本机的登录 PIN 记录已损坏');
    writeFileSync(join(root, PIN_FILE), 'not json');
    await expect(pins.enrolled('op')).rejects.toThrow('本机的登录 PIN 记录已损坏');
  });

  it('keeps the pinned log head and only moves it forward, across a restart', async () => {
    const root = mkdtempSync(join(tmpdir(), 'heads-'));
    const key = 'enforcement-console.logHead.enforcement-console.op';
    const at = (seq: number, c = 'a') => ({ seq, hash: c.repeat(64) });
    const heads = createLogPins(() => root);
    expect(await heads.read(key)).toBeNull();
    expect(await heads.advance(key, at(5))).toEqual(at(5));
    // Back to an earlier entry, or another hash at the same place: the pin stays.
    expect(await heads.advance(key, at(3))).toEqual(at(5));
    expect(await heads.advance(key, at(5, 'b'))).toEqual(at(5));
    expect(await heads.advance(key, at(8, 'c'))).toEqual(at(8, 'c'));
    expect(await createLogPins(() => root).read(key)).toEqual(at(8, 'c'));
    expect(await heads.read('other')).toBeNull();
    expect(JSON.parse(readFileSync(join(root, LOG_PIN_FILE), 'utf8')).heads[key]).toEqual(at(8, 'c'));
    expect(advancedPin(null, at(1))).toEqual(at(1));
  });
});
