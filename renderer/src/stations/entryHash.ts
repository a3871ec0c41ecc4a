// DOM (page or worker). Hex SHA-256 for checking entries as they arrive: hash-wasm's
// WebAssembly SHA-256, some thirty times faster than the pure-JS hash on an entry of a few
// hundred bytes (0.13 ms → 4 µs here), which is most of an arrival check. Its hasher is made
// asynchronously, once; until it is ready (or where WebAssembly is refused) the pure-JS hash
// answers, with the same result.
import { createSHA256, type IHasher } from 'hash-wasm';
import { sha256Hex } from '../../../shared/stations/canonical';
import type { HashHex } from '../../../shared/stations/entry';

let hasher: IHasher | undefined;
let making: Promise<void> | undefined;

/** Starts making the hasher; await it where the first hashes should already be fast. */
export function warmEntryHash(): Promise<void> {
  making ??= createSHA256().then(
    (h) => void (hasher = h),
    () => undefined, // no WebAssembly here: the pure-JS hash stays
  );
  return making;
}

/** One synchronous hash at a time (JavaScript is single-threaded): the one hasher is reused. */
export const entryHashHex: HashHex = (bytes) => {
  if (!hasher) {
    void warmEntryHash();
    return sha256Hex(bytes);
  }
  hasher.init();
  hasher.update(bytes);
  return hasher.digest('hex');
};
