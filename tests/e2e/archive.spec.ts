// Node tool (Playwright). 档案: the demo operation exported as the verifiable archive, checked by
// the independent verifier, then checked and browsed in the app; a tampered copy is refused.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { unzipSync, zipSync } from 'fflate';
import { choose } from './support/files';
import { openConsole, phaseByKey } from './support/onSite';
import { withoutSavePicker } from './support/pdf';

test('the archive exports, verifies outside the app, and verifies and browses in the app', async ({ page }, testInfo) => {
  await withoutSavePicker(page);
  await openConsole(page);
  await phaseByKey(page, '1', '宣布开始执行', '各组已到位');
  await phaseByKey(page, '2', '警戒到位');
  await phaseByKey(page, '3', '向被执行人宣告');

  await page.getByRole('menuitem', { name: /档案/ }).click();
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: '导出档案' }).click();
  const zipPath = testInfo.outputPath('archive.zip');
  await (await download).saveAs(zipPath);
  await expect(page.getByTestId('archive-exported')).toContainText('档案已保存');
  await expect(page.getByTestId('archive-exported')).toContainText(/执行日志\s*\d+ 条/);
  await expect(page.getByTestId('archive-progress')).toContainText(/(\d+) \/ \1 个文件/);

  // The independent verifier, as an auditor would run it: a non-zero exit would throw here.
  const out = execFileSync('npx', ['tsx', 'electron/cli/verify.ts', zipPath], { encoding: 'utf8' });
  expect(out).toContain('核验通过');

  const verifyButton = page.getByRole('button', { name: '核验档案…' });
  await choose(page, verifyButton, zipPath);
  const verdict = page.getByTestId('archive-verdict');
  await expect(verdict).toContainText('核验通过');
  await expect(page.locator('[aria-label="档案文件"]')).toContainText('log.jsonl');
  await expect(page.locator('[aria-label="档案文件"]')).toContainText('inventory.json');
  await expect(page.locator('[aria-label="执行日志"]')).toContainText('宣布开始执行');
  await expect(page.locator('.ant-message-notice')).toHaveCount(0, { timeout: 15_000 });
  await page.screenshot({ path: 'tests/screenshots/archive.png', fullPage: true });

  // One byte changed in the log: the app names the log as the problem.
  const files = unzipSync(readFileSync(zipPath));
  const log = files['log.jsonl']!;
  // The first entry's seq 1 → 2: still valid JSON, so only the chain check can catch it.
  const at = Buffer.from(log).indexOf('"seq":1,') + '"seq":'.length;
  expect(at).toBeGreaterThan(5);
  log[at] = 0x32;
  const tamperedPath = testInfo.outputPath('tampered.zip');
  writeFileSync(tamperedPath, zipSync(files));
  await choose(page, verifyButton, tamperedPath);
  await expect(verdict).toContainText('核验未通过');
  await expect(verdict).toContainText('log.jsonl');
  await expect(page.locator('[aria-label="档案文件"]')).toHaveCount(0);
});
