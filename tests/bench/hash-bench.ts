// Node tool. `npm run bench:hash`: the Electron host's file hashing (electron/main/fileHashing.ts,
// stepwise as the register calls it) against `sha256sum` on the same temp file, several runs
// each; target: median throughput ≥ 0.8 × sha256sum. Also, for information, the browser
// mode's hash (hash-wasm, renderer/src/host/fastSha256.ts) and the pure-JS hash it replaced,
// fed 4 MiB reads like the hash worker (same V8 engine as Chromium).
import { execFileSync } from 'node:child_process';
import { randomFillSync } from 'node:crypto';
import { closeSync, mkdtempSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hashFileAtPath } from '../../electron/main/fileHashing';
import { newSha256, warmSha256, type Sha256 } from '../../renderer/src/host/fastSha256';

const SIZE = Number(process.env.HASH_BENCH_MIB ?? 768) * 1024 * 1024;
const RUNS = 5;
/** The register's step (renderer/src/evidence/useFileHashing.ts HASH_STEP_BYTES). */
const STEP = 32 * 1024 * 1024;
const TARGET_RATIO = 0.8;

/** Random content (a sparse or constant file would flatter the disk, not the hash). */
function makeFile(path: string) {
  const fd = openSync(path, 'w');
  const block = Buffer.allocUnsafe(16 * 1024 * 1024);
  for (let written = 0; written < SIZE; written += block.length) writeSync(fd, randomFillSync(block));
  closeSync(fd);
}

async function timed(run: () => Promise<string> | string): Promise<{ seconds: number; digest: string }> {
  const start = performance.now();
  const digest = await run();
  return { seconds: (performance.now() - start) / 1000, digest };
}

/** The file in 4 MiB reads (the browser worker's BLOB_HASH_CHUNK) through `hash`. */
function hashInChunks(path: string, hash: Sha256): string {
  const fd = openSync(path, 'r');
  const chunk = new Uint8Array(4 * 1024 * 1024);
  try {
    for (let read; (read = readSync(fd, chunk, 0, chunk.length, null)) > 0; ) hash.update(chunk.subarray(0, read));
  } finally {
    closeSync(fd);
  }
  return bytesToHex(hash.digest());
}

const INFORMATION = new Set(['浏览器模式 hash-wasm（WebAssembly）', '原浏览器模式 @noble/hashes（纯 JS）']);

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'hash-bench-'));
  const path = join(dir, 'footage.bin');
  try {
    makeFile(path);
    await warmSha256();
    const cases = {
      sha256sum: () => execFileSync('sha256sum', [path], { encoding: 'utf8' }).split(' ')[0]!,
      'fileHashing (Node crypto, 32 MiB steps)': () => hashFileAtPath(path, STEP),
      '浏览器模式 hash-wasm（WebAssembly）': () => hashInChunks(path, newSha256()),
      '原浏览器模式 @noble/hashes（纯 JS）': () => {
        const js = sha256.create();
        return hashInChunks(path, { update: (b) => void js.update(b), digest: () => js.digest() });
      },
    };
    const rates: Record<string, number[]> = {};
    const digests = new Set<string>();
    // Alternating runs, so neither side profits alone from a warmer page cache.
    for (let i = 0; i < RUNS + 1; i++) {
      for (const [name, run] of Object.entries(cases)) {
        const { seconds, digest } = await timed(run);
        digests.add(digest);
        if (i > 0) (rates[name] ??= []).push(SIZE / 1024 / 1024 / seconds);
      }
    }
    if (digests.size !== 1) throw new Error(`两种方法得到的哈希值不同：${[...digests].join('，')}`);
    const baseline = median(rates.sha256sum!);
    const rows = Object.entries(rates).map(([name, r]) => {
      const ratio = median(r) / baseline;
      return {
        用例: name,
        '中位数 MB/s': Math.round(median(r)),
        相对基线: `${ratio.toFixed(2)}×`,
        目标: name === 'sha256sum' ? '基线' : INFORMATION.has(name) ? '（参考）' : `≥ ${TARGET_RATIO}×`,
        结果: name === 'sha256sum' || INFORMATION.has(name) ? '—' : ratio >= TARGET_RATIO ? 'PASS' : 'FAIL',
      };
    });
    console.log(`文件哈希基准：${SIZE / 1024 / 1024} MiB 随机内容，每例 ${RUNS} 次（另预热 1 次），Node ${process.version}`);
    console.table(rows);
    if (rows.some((r) => r.结果 === 'FAIL')) process.exitCode = 1;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
