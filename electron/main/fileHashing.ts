// Main process. SHA-256 of picked files (footage is often several GB) with Node's crypto,
// off the page's thread: each step reads through one file handle into one reused buffer,
// so memory stays flat whatever the file size.
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { createSteppedHashing, type HashSource } from '../../shared/evidence/steppedHashing';
import { HostError } from './errors';

/** Read buffer; large enough that system calls cost little next to hashing. */
export const HASH_READ_CHUNK = 4 * 1024 * 1024;

async function openSource(path: string): Promise<HashSource> {
  const handle = await fs.open(path, 'r');
  try {
    const { size } = await handle.stat();
    const buffer = Buffer.allocUnsafe(HASH_READ_CHUNK);
    return {
      size,
      async read(offset, length) {
        const { bytesRead } = await handle.read(buffer, 0, Math.min(length, buffer.length), offset);
        return buffer.subarray(0, bytesRead);
      },
      close: () => handle.close(),
    };
  } catch (e) {
    await handle.close();
    throw e;
  }
}

/** Running hashes keyed by the page's file token; `step(token, path, maxBytes)`. */
export const createFileHashing = () =>
  createSteppedHashing<string>({
    open: openSource,
    newHash: () => {
      const hash = createHash('sha256');
      return { update: (bytes) => void hash.update(bytes), digestHex: () => hash.digest('hex') };
    },
    chunkBytes: HASH_READ_CHUNK,
    error: (message) => new HostError(message),
  });

/** The whole file, in steps of `step` bytes (benchmark, tests). */
export async function hashFileAtPath(path: string, step = 256 * 1024 * 1024): Promise<string> {
  const hashing = createFileHashing();
  for (;;) {
    const progress = await hashing.step('whole', path, step);
    if (progress.sha256) return progress.sha256;
  }
}
