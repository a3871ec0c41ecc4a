// The browser twin's hashing core (File.slice + streaming SHA-256), run in Node on a Blob.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { BLOB_HASH_CHUNK, createBlobHashing } from '../../renderer/src/host/blobHashing';

const bytes = Uint8Array.from({ length: 2 * BLOB_HASH_CHUNK + 4321 }, (_, i) => (i * 13 + (i >> 10)) & 0xff);
const expected = createHash('sha256').update(bytes).digest('hex');

describe('blob hashing', () => {
  it('equals Node crypto, in steps that do not align with the chunk size', async () => {
    const hashing = createBlobHashing();
    const blob = new Blob([bytes]);
    const steps = [];
    for (;;) {
      const p = await hashing.step('t', blob, BLOB_HASH_CHUNK + 1000);
      steps.push(p.hashedBytes);
      if (p.sha256) {
        expect(p.sha256).toBe(expected);
        break;
      }
    }
    expect(steps).toEqual([BLOB_HASH_CHUNK + 1000, 2 * BLOB_HASH_CHUNK + 2000, bytes.length]);
    expect(hashing.size).toBe(0);
  });

  it('cancels: a dropped session starts over, and a step in flight stops', async () => {
    const hashing = createBlobHashing();
    const blob = new Blob([bytes]);
    await hashing.step('t', blob, 1000);
    await hashing.drop('t');
    expect((await hashing.step('t', blob, 1000)).hashedBytes).toBe(1000);
    const inFlight = hashing.step('t', blob, bytes.length);
    await hashing.drop('t');
    await expect(inFlight).rejects.toThrow('哈希计算已取消');
    expect(hashing.size).toBe(0);
  });
});
