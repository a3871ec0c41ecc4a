// Pure. CRC-32 (the ZIP polynomial 0xEDB88320), fed piece by piece: the verifier checks every
// entry's CRC as unzip does, so an entry unzip would reject is never called intact. Eight
// tables (slicing-by-8) keep it near the speed of reading; Node passes zlib.crc32 instead.

const TABLES = (() => {
  const tables = Array.from({ length: 8 }, () => new Int32Array(256));
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    tables[0]![n] = c;
  }
  for (let n = 0; n < 256; n++) {
    for (let t = 1; t < 8; t++) tables[t]![n] = tables[0]![tables[t - 1]![n]! & 0xff]! ^ (tables[t - 1]![n]! >>> 8);
  }
  return tables;
})();

/** The CRC-32 of `previous`'s data followed by `chunk` (start with 0); an unsigned 32-bit number. */
export function crc32(chunk: Uint8Array, previous = 0): number {
  const [t0, t1, t2, t3, t4, t5, t6, t7] = TABLES as [Int32Array, Int32Array, Int32Array, Int32Array, Int32Array, Int32Array, Int32Array, Int32Array];
  let c = ~previous;
  let i = 0;
  for (const end = chunk.length - 7; i < end; i += 8) {
    const a = c ^ (chunk[i]! | (chunk[i + 1]! << 8) | (chunk[i + 2]! << 16) | (chunk[i + 3]! << 24));
    c =
      t7[a & 0xff]! ^
      t6[(a >>> 8) & 0xff]! ^
      t5[(a >>> 16) & 0xff]! ^
      t4[a >>> 24]! ^
      t3[chunk[i + 4]!]! ^
      t2[chunk[i + 5]!]! ^
      t1[chunk[i + 6]!]! ^
      t0[chunk[i + 7]!]!;
  }
  for (; i < chunk.length; i++) c = t0[(c ^ chunk[i]!) & 0xff]! ^ (c >>> 8);
  return ~c >>> 0;
}
