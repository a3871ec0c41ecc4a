// `npm run demo -- OUT.json --today YYYY-MM-DD`: the demo computed for that day, the same bytes
// every run; a day that is no date or out of range refused with the usage, nothing written.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseBackup } from '../../shared/archive/backup';
import { runCli } from '../fixtures/cli';

const dir = mkdtempSync(join(tmpdir(), 'enforcement-console-demo-today-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('npm run demo --today', { timeout: 180_000 }, () => {
  it('writes the demo computed for that day, the same bytes twice', () => {
    const first = join(dir, 'first.json');
    const result = runCli('demo', first, '--stage', 'served', '--today', '2026-10-08');
    expect(result.stderr).not.toMatch(/失败|错误/);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('告知书、公告已送达和张贴');
    const text = readFileSync(first, 'utf8');
    const parsed = parseBackup(text);
    expect(parsed.ok).toBe(true);
    expect(parsed.ok && parsed.backup.exportedAt).toBe('2026-10-08T17:00:00.000+08:00');
    // The 公告 posted today; the day on site after its five days, a working day.
    expect(parsed.ok && parsed.backup.postings.map((p) => String(p['postedAt']).slice(0, 10))).toEqual(['2026-10-08']);
    expect(result.stdout).toContain('执行日 2026-10-14');

    const again = join(dir, 'again.json');
    expect(runCli('demo', '--today', '2026-10-08', again, '--stage', 'served').code).toBe(0);
    expect(readFileSync(again, 'utf8')).toBe(text);
  });

  it.each([
    [['--today', '2026-2-3'], '--today 需要 YYYY-MM-DD 格式的日期，如 2026-12-09（收到“2026-2-3”）'],
    [['--today'], '--today 需要 YYYY-MM-DD 格式的日期'],
    [['--today', '2026-02-30'], '--today “2026-02-30”不是有效日期'],
    [['--today', '2025-06-01'], '--today “2025-06-01”超出示例行动可计算的范围（2026-02-01 至 2100-10-31）'],
    [['--today', '2026-10-08', '--today', '2026-10-09'], '--today 只能写一次'],
  ])('refuses %j with the usage, exit 2, nothing written', (args, message) => {
    const out = join(dir, 'refused.json');
    const result = runCli('demo', out, ...args);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
    expect(result.stderr).toContain('用法：npm run demo -- <输出文件.json> [--stage planned|served|executed|reported] [--today YYYY-MM-DD]');
    expect(existsSync(out)).toBe(false);
  });
});
