// Node tool (Playwright). 档案: the demo operation exported as the verifiable archive, checked by
// the independent verifier, then checked and browsed in the app; a tampered copy is refused.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { unzipSync, zipSync } from 'fflate';
import { choose, logEntries } from './support/files';
import { registerFootage } from './support/footage';
import { openConsole, phaseByKey } from './support/onSite';
import { withoutSavePicker } from './support/pdf';
import { answerProtection } from './support/protection';
import { COMMANDER, signInWhenAsked } from './support/signIn';
import { TSX } from '../fixtures/cli';

// The workspace asks who is there; these specs work as the demo's commander.
test.beforeEach(({ page }) => signInWhenAsked(page));

test('the archive exports, verifies outside the app, and verifies and browses in the app', async ({ page }, testInfo) => {
  await withoutSavePicker(page);
  await openConsole(page);
  await phaseByKey(page, '1', '宣布开始执行', '各组已到位');
  await phaseByKey(page, '2', '警戒到位');
  await phaseByKey(page, '3', '向被执行人宣告');

  await page.getByRole('menuitem', { name: /档案/ }).click();
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: '导出档案' }).click();
  await answerProtection(page, '档案', null);
  const zipPath = testInfo.outputPath('archive.zip');
  await (await download).saveAs(zipPath);
  await expect(page.getByTestId('archive-exported')).toContainText('档案已保存');
  await expect(page.getByTestId('archive-exported')).toContainText(/执行日志\s*\d+ 条/);
  await expect(page.getByTestId('archive-progress')).toContainText(/(\d+) \/ \1 个文件/);
  // The export is logged under the signed-in person's name.
  await expect.poll(async () => (await logEntries(page, 'system')).filter((e) => e.text.startsWith('导出档案')).map((e) => e.operator)).toEqual([COMMANDER]);

  // The independent verifier, as an auditor would run it: a non-zero exit would throw here.
  const out = execFileSync(TSX, ['electron/cli/verify.ts', zipPath], { encoding: 'utf8' });
  expect(out).toContain('核验通过');

  const verifyButton = page.getByRole('button', { name: '核验档案…' });
  await choose(page, verifyButton, zipPath);
  const verdict = page.getByTestId('archive-verdict');
  await expect(verdict).toContainText('核验通过');
  // The log is this station's chain of signed entries (format 2), one file per station.
  await expect(page.locator('[aria-label="档案文件"]')).toContainText(/stations\/01-.+\.jsonl/);
  await expect(page.locator('[aria-label="档案文件"]')).toContainText('inventory.json');
  await expect(page.locator('[aria-label="执行日志"]')).toContainText('宣布开始执行');
  await expect(page.locator('.ant-message-notice')).toHaveCount(0, { timeout: 15_000 });
  await page.screenshot({ path: 'tests/screenshots/archive.png', fullPage: true });

  // One byte changed in the log: the app names the log as the problem.
  const files = unzipSync(readFileSync(zipPath));
  const chainFile = Object.keys(files).find((name) => /^stations\/01-.+\.jsonl$/.test(name))!;
  const log = files[chainFile]!;
  // The first entry's seq 1 → 2: still valid JSON, so only the chain check can catch it.
  const at = Buffer.from(log).indexOf('"seq":1,') + '"seq":'.length;
  expect(at).toBeGreaterThan(5);
  log[at] = 0x32;
  const tamperedPath = testInfo.outputPath('tampered.zip');
  writeFileSync(tamperedPath, zipSync(files));
  await choose(page, verifyButton, tamperedPath);
  await expect(verdict).toContainText('核验未通过');
  await expect(verdict).toContainText(chainFile);
  await expect(page.locator('[aria-label="档案文件"]')).toHaveCount(0);
});

test('footage picked for the archive goes in when it matches the register, and the rest is named', async ({ page }, testInfo) => {
  test.setTimeout(120_000);
  await withoutSavePicker(page);
  const clip = testInfo.outputPath('DSJ0032_现场录像.mp4');
  const bytes = Buffer.alloc(5 * 1024 * 1024 + 77);
  for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 131 + (i >> 12)) & 0xff;
  writeFileSync(clip, bytes);
  const stranger = testInfo.outputPath('无关文件.mp4');
  writeFileSync(stranger, bytes.subarray(0, 1000));

  await page.goto('/');
  await page.getByRole('button', { name: '载入示例行动' }).click();
  await registerFootage(page, clip);

  await page.getByRole('menuitem', { name: /档案/ }).click();
  await page.getByRole('checkbox', { name: '同时归档音像文件' }).check();
  const download = page.waitForEvent('download');
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: '导出档案' }).click();
  await answerProtection(page, '档案', null);
  await (await chooser).setFiles([clip, stranger]);
  const zipPath = testInfo.outputPath('archive-with-footage.zip');
  await (await download).saveAs(zipPath);
  const footage = page.getByTestId('archive-footage');
  await expect(footage).toContainText('已归档 1 个：DSJ0032_现场录像.mp4');
  await expect(footage).toContainText('以下文件与登记表不符，未归档：无关文件.mp4');
  await page.screenshot({ path: 'tests/screenshots/archive-footage.png', fullPage: true });

  const files = unzipSync(readFileSync(zipPath));
  expect(Object.keys(files)[0]).toBe('档案目录.pdf');
  expect(Buffer.from(files['media/DSJ0032_现场录像.mp4']!).equals(bytes)).toBe(true);
  const out = execFileSync(TSX, ['electron/cli/verify.ts', zipPath], { encoding: 'utf8' });
  expect(out).toContain('音像文件：1 个，均与音像资料登记表记载的 SHA-256 一致');

  // The same archive checked in the app names the footage.
  await choose(page, page.getByRole('button', { name: '核验档案…' }), zipPath);
  await expect(page.getByTestId('archive-verdict')).toContainText('音像文件 1 个，均与音像资料登记表一致');
  await expect(page.locator('[aria-label="档案文件"]')).toContainText('media/DSJ0032_现场录像.mp4');
});
