// Node (vitest). `npm run verify` given an encrypted archive says what it is and how to open it.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { encryptBytes } from '../../shared/archive/encryption';
import { TSX } from '../fixtures/cli';

describe('npm run verify on an encrypted archive', () => {
  it('exits 1 and explains how to decrypt it with age first', { timeout: 60_000 }, async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'verify-age-')), '一户一档.zip.age');
    writeFileSync(path, await encryptBytes(new Uint8Array([0x50, 0x4b, 3, 4]), '临江强执-档案口令2026', { workFactor: 10 }));
    const run = spawnSync(TSX, ['electron/cli/verify.ts', path], { encoding: 'utf8' });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('是加密的归档（age 格式）');
    expect(run.stderr).toContain('age -d -o 一户一档.zip');
  });
});
