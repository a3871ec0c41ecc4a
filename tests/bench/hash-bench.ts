// Node tool. `npm run bench:hash`: the Electron host's file hashing (electron/main/fileHashing.ts,
// stepwise as the register calls it) against `sha256sum` on the same temp file, several runs
// each; target: median throughput ≥ 0.8 × sha256sum.
import { execFileSync } from 'node:child_process';
import { randomFillSync } from 'node:crypto';
import { closeSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hashFileAtPath } from '../../electron/main/fileHashing';

const SIZE = 768 * 1024 * 1024;
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

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'hash-bench-'));
  const path = join(dir, 'footage.bin');
  try {
    makeFile(path);
    const cases = {
      sha256sum: () => execFileSync('sha256sum', [path], { encoding: 'utf8' }).split(' ')[0]!,
      'fileHashing (Node crypto, 32 MiB steps)': () => hashFileAtPath(path, STEP),
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
        目标: name === 'sha256sum' ? '基线' : `≥ ${TARGET_RATIO}×`,
        结果: name === 'sha256sum' ? '—' : ratio >= TARGET_RATIO ? 'PASS' : 'FAIL',
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
