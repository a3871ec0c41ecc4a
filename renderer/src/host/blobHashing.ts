// DOM. The browser twin's hashing: File.slice chunks into a streaming SHA-256, stepwise
// like the Electron host's. Runs inside hashWorker.ts so the page's thread stays free.
import { bytesToHex } from '@noble/hashes/utils.js';
import { createSteppedHashing } from '../../../shared/evidence/steppedHashing';
import { newSha256 } from './fastSha256';

/** Slice size: large enough to amortise each read, small enough to cancel promptly. */
export const BLOB_HASH_CHUNK = 4 * 1024 * 1024;

export const createBlobHashing = () =>
  createSteppedHashing<Blob>({
    open: async (blob) => ({
      size: blob.size,
      read: async (offset, length) => new Uint8Array(await blob.slice(offset, offset + length).arrayBuffer()),
      close: async () => undefined,
    }),
    newHash: () => {
      const hash = newSha256();
      return { update: (bytes) => hash.update(bytes), digestHex: () => bytesToHex(hash.digest()) };
    },
    chunkBytes: BLOB_HASH_CHUNK,
    error: (message) => new Error(message),
  });

/** Page → worker. */
export type HashWorkerRequest =
  | { id: number; kind: 'step'; token: string; file: Blob; maxBytes: number }
  | { id: number; kind: 'drop'; token: string };

/** Worker → page. */
export type HashWorkerReply =
  | { id: number; ok: true; progress: { hashedBytes: number; size: number; sha256?: string } }
  | { id: number; ok: false; message: string };
