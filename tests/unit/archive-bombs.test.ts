// Node (vitest). Zip bombs (issue 16, point 5) through `npm run verify`, as a court's expert would
// run it: a log.jsonl inflating to 510 MB (the reviewer's bomb, which took the old verifier to
// 2.4 GB or past V8's heap), a log of one 200 MB line or of 200 MB of copies of one entry, a
// manifest of 510 MB, a log and a register lying about their size. Each exits 1 naming the rule
// it broke, never crashes, and no process of the run goes above 200 MB of memory.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeBombs, type Bomb } from '../fixtures/archive/bombs';

const root = join(__dirname, '../..');
const dir = mkdtempSync(join(tmpdir(), 'archive-bombs-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const MEMORY_LIMIT_KB = 200 * 1024;

let bombs: Bomb[] = [];
beforeAll(async () => {
  bombs = await writeBombs(dir);
}, 120_000);

/** Every Node process of the run (npm, tsx, the tool) reports its peak memory as it exits. */
const reporter = join(dir, 'max-rss.cjs');
writeFileSync(reporter, "process.on('exit', () => process.stderr.write(`\\nmaxrss=${process.resourceUsage().maxRSS}\\n`));\n");

function verify(file: string) {
  const result = spawnSync('npm', ['run', '--silent', 'verify', '--', file], {
    cwd: root,
    encoding: 'utf8',
    timeout: 120_000,
    env: { ...process.env, NO_COLOR: '1', NODE_OPTIONS: `--require ${reporter}` },
  });
  const peaks = [...result.stderr.matchAll(/maxrss=(\d+)/g)].map((m) => Number(m[1]));
  return { code: result.status, signal: result.signal, stderr: result.stderr.replace(/\n?maxrss=\d+\n/g, ''), peakKb: Math.max(...peaks), processes: peaks.length };
}

describe('npm run verify on a zip bomb', { timeout: 180_000 }, () => {
  it.each(['log-510mb.zip', 'log-one-line.zip', 'log-copies.zip', 'log-lying.zip', 'manifest-510mb.zip', 'media-lying.zip'])('%s: refused naming the rule, exit 1, under 200 MB', (name) => {
    const bomb = bombs.find((b) => b.file.endsWith(name))!;
    const run = verify(bomb.file);
    expect(run.signal).toBeNull();
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('核验未通过：');
    expect(run.stderr).toContain(bomb.expected);
    expect(run.stderr).toMatch(/（违反规则：[^）]+）\s*$/);
    expect(run.processes).toBeGreaterThanOrEqual(2);
    expect(run.peakKb).toBeLessThan(MEMORY_LIMIT_KB);
  });
});
