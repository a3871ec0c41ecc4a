// The command-line tools run as the user runs them: `npx tsx electron/cli/…` in a child process.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseBackup } from '../../shared/archive/backup';
import { hasPoppler, pdfRawText } from '../fixtures/documents/pdf';

const root = join(__dirname, '../..');
const dir = mkdtempSync(join(tmpdir(), 'enforcement-console-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function run(tool: 'demo' | 'render', ...args: string[]) {
  const result = spawnSync('npx', ['tsx', `electron/cli/${tool}.ts`, ...args], {
    cwd: root,
    encoding: 'utf8',
    timeout: 120_000,
    env: { ...process.env, NO_COLOR: '1' },
  });
  // npm may warn about the user's config on stderr; that is not the tool's output.
  const stderr = result.stderr
    .split('\n')
    .filter((line) => !line.startsWith('npm warn'))
    .join('\n');
  return { code: result.status, stdout: result.stdout, stderr };
}

const strip = (text: string) => text.replace(/\s+/g, '');

describe('npm run demo and npm run render', { timeout: 180_000 }, () => {
  const demo = join(dir, 'demo.json');

  it('demo writes the demo operation as a valid backup, the same bytes every time', () => {
    const first = run('demo', demo);
    expect(first.stderr).toContain('正在生成示例行动备份');
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('（2026）滨0103行审45号');
    const text = readFileSync(demo, 'utf8');
    const parsed = parseBackup(text);
    expect(parsed.ok).toBe(true);
    expect(parsed.ok && parsed.backup.operation.isDemo).toBe(true);

    const again = join(dir, 'again.json');
    expect(run('demo', again).code).toBe(0);
    expect(readFileSync(again, 'utf8')).toBe(text);
  });

  it('demo without an output file prints its usage and exits 2', () => {
    const result = run('demo');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('用法：npm run demo -- <输出文件.json>');
  });

  it('render plan prints the plan of the demo to a PDF and says it is a draft', () => {
    const out = join(dir, '预案.pdf');
    const result = run('render', demo, 'plan', out);
    expect(result.stderr).toContain('正在生成《强制执行预案》');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('依据空白预案草稿');
    expect(readFileSync(out).subarray(0, 5).toString()).toBe('%PDF-');
    if (!hasPoppler) {
      console.warn('SKIPPED the text check of the PDF: poppler-utils (pdftotext) is not installed');
      return;
    }
    const text = strip(pdfRawText(out));
    expect(text).toContain('（2026）滨0103行审45号');
    expect(text).toContain('安全保卫和应急处置组');
  });

  it('render taskCards prints a card for every group of the latest finalised plan', () => {
    const out = join(dir, '任务卡.pdf');
    const result = run('render', join(root, 'tests/fixtures/archive/demo-v1.json'), 'taskCards', out);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('依据预案第1版（定稿，最新定稿版本），共 9 个工作小组');
    expect(existsSync(out)).toBe(true);
    if (!hasPoppler) return;
    const text = strip(pdfRawText(out));
    expect(text).toContain('强制执行预案第1版');
    expect(text).toContain('善后维稳组任务卡');
  });

  it('render with an unknown kind lists the kinds and exits 2, before reading the file', () => {
    const result = run('render', join(dir, 'missing.json'), 'notic', join(dir, 'x.pdf'));
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('不认识的文书种类“notic”');
    expect(result.stderr).toMatch(/plan\s+强制执行预案/);
    expect(result.stderr).toMatch(/taskCards\s+任务卡/);
  });

  it('render with a missing or wrong file says why in Chinese and exits 1, writing nothing', () => {
    const out = join(dir, 'never.pdf');
    const missing = run('render', join(dir, 'missing.json'), 'plan', out);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('无法读取备份文件');

    const foreign = join(dir, 'foreign.json');
    writeFileSync(foreign, JSON.stringify({ format: 'something-else', formatVersion: 1 }));
    const wrong = run('render', foreign, 'plan', out);
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain('这不是强制执行指挥台的行动备份文件');
    expect(existsSync(out)).toBe(false);
  });

  it('render with the wrong number of arguments prints its usage and exits 2', () => {
    const result = run('render', demo);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('用法：npm run render -- <备份文件.json> <文书种类> <输出文件.pdf>');
  });
});
