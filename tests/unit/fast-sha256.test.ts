// Node (vitest). The browser mode's WebAssembly SHA-256 and its pure-JS fallback agree with Node's.
import { createHash } from 'node:crypto';
import { bytesToHex } from '@noble/hashes/utils.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { newSha256, warmSha256 } from '../../renderer/src/host/fastSha256';

const node = (parts: Uint8Array[]) => {
  const h = createHash('sha256');
  for (const p of parts) h.update(p);
  return h.digest('hex');
};

describe('fastSha256', () => {
  it('gives Node’s digest for any data in any pieces, from the pool and from the fallback (300 cases)', async () => {
    await warmSha256();
    await fc.assert(
      fc.asyncProperty(fc.array(fc.uint8Array({ maxLength: 5000 }), { maxLength: 6 }), fc.nat(3), async (parts, drain) => {
        // Taking several at once empties the pool: the later ones are the pure-JS fallback.
        const hashers = Array.from({ length: drain + 1 }, () => newSha256());
        for (const h of hashers) for (const p of parts) h.update(p);
        for (const h of hashers) expect(bytesToHex(h.digest())).toBe(node(parts));
        await warmSha256();
      }),
      { numRuns: 300 },
    );
  });
});
