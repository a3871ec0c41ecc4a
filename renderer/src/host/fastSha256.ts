// DOM (page or worker). SHA-256 in WebAssembly (hash-wasm), some ten times faster than the
// pure-JS hash, for footage and archives in browser mode. Its hashers are created
// asynchronously, so a small pool is kept ready for the synchronous factories the hashing
// code takes; should the pool ever be empty, the pure-JS hash answers instead.
import { sha256 } from '@noble/hashes/sha2.js';
import { createSHA256, type IHasher } from 'hash-wasm';

export interface Sha256 {
  update(bytes: Uint8Array): void;
  digest(): Uint8Array;
}

const POOL = 2;
const pool: IHasher[] = [];
let filling: Promise<void> | null = null;

/** Fills the pool; await it once before hashing starts (it compiles the module the first time). */
export function warmSha256(): Promise<void> {
  filling ??= (async () => {
    try {
      while (pool.length < POOL) pool.push(await createSHA256());
    } finally {
      filling = null;
    }
  })();
  return filling;
}

export function newSha256(): Sha256 {
  const wasm = pool.pop();
  void warmSha256().catch(() => undefined);
  if (!wasm) {
    const js = sha256.create();
    return { update: (bytes) => void js.update(bytes), digest: () => js.digest() };
  }
  wasm.init();
  return { update: (bytes) => void wasm.update(bytes), digest: () => wasm.digest('binary') };
}
