import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { expect, test } from '@playwright/test';
import { savePdf, withoutSavePicker } from './support/pdf';
import { signInWhenAsked } from './support/signIn';

// The office's fonts in 设置 (browser mode): a folder is chosen, its known font files are
// kept, 设置 says which role uses which font and which are missing, and a printed plan is
// set in them, all embedded, its properties naming them. Real 仿宋_GB2312 and 方正小标宋 are
// not free to ship: weights of Noto Serif SC stand in for them under the office's file names.
const noto = (weight: string) => resolve('node_modules/@expo-google-fonts/noto-serif-sc', weight, `NotoSerifSC_${weight}.ttf`);

test.beforeEach(({ page }) => signInWhenAsked(page));

test('the office chooses its font folder in 设置; documents are printed in those fonts and say so', async ({ page }) => {
  test.setTimeout(180_000);
  const folder = join('out', 'e2e-office-fonts', '单位字体');
  rmSync(folder, { recursive: true, force: true });
  mkdirSync(folder, { recursive: true });
  copyFileSync(noto('900Black'), join(folder, 'FZXBSJW.TTF'));
  copyFileSync(noto('300Light'), join(folder, '仿宋_GB2312.ttf'));
  writeFileSync(join(folder, '说明.txt'), '不是字体');

  await withoutSavePicker(page);
  await page.goto('/');
  await page.getByRole('button', { name: '载入示例行动' }).click();
  await expect(page.getByRole('heading', { name: '张建国等 2 人户' })).toBeVisible();

  await page.getByRole('button', { name: '设置' }).click();
  const fonts = page.getByTestId('document-fonts');
  await expect(fonts.getByRole('row')).toHaveCount(5);
  // Nothing chosen yet: a page sees no system fonts, every role is printed in Noto Serif SC.
  await expect(fonts.getByText('缺少', { exact: true })).toHaveCount(4);
  const chooser = page.waitForEvent('filechooser');
  await fonts.getByRole('button', { name: '选择单位字体文件夹' }).click();
  await (await chooser).setFiles(folder);
  await expect(page.getByText('已选择单位字体文件夹“单位字体”：FZXBSJW.TTF、仿宋_GB2312.ttf')).toBeVisible();
  await expect(fonts.getByTestId('font-folder')).toHaveText('当前：单位字体');
  const row = (use: RegExp) => fonts.getByRole('row').filter({ hasText: use });
  await expect(row(/^标题/)).toContainText('方正小标宋简体单位字体文件夹：单位字体/FZXBSJW.TTF');
  await expect(row(/^标题/)).toContainText('已找到');
  await expect(row(/^正文/)).toContainText('仿宋_GB2312单位字体文件夹：单位字体/仿宋_GB2312.ttf');
  await expect(row(/^一级标题/)).toContainText('Noto Serif SC Bold程序内置（代替）需要 黑体：simhei.ttf、黑体.ttf');
  await expect(row(/^一级标题/)).toContainText('缺少');
  await expect(row(/^二级标题/)).toContainText('缺少');
  await expect(page.locator('.ant-message-notice')).toHaveCount(0, { timeout: 15_000 });
  await fonts.scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'tests/screenshots/settings-fonts.png' });

  // Remembered: the files are kept in this browser, the folder cannot be read again. The
  // workspace asks who is there after the reload: go to 预案 first (signing in), then to 设置.
  await page.reload();
  await page.getByRole('menuitem', { name: /预案/ }).click();
  await page.getByRole('tab', { name: /审查与定稿/ }).click();
  await page.getByRole('button', { name: '设置' }).click();
  await expect(fonts.getByTestId('font-folder')).toHaveText('当前：单位字体');
  await expect(row(/^正文/)).toContainText('已找到');
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog', { name: '设置' })).toBeHidden();

  await page.getByRole('button', { name: /打印预案/ }).first().click();
  const dir = join('out', 'e2e-pdf');
  mkdirSync(dir, { recursive: true });
  const path = join(dir, 'plan-office-fonts.pdf');
  writeFileSync(path, await savePdf(page));
  const info = execFileSync('pdfinfo', [path], { encoding: 'utf8' });
  expect(info).toContain('标题 方正小标宋简体（FZXBSJW.TTF，单位字体文件夹）；正文 仿宋_GB2312（仿宋_GB2312.ttf，单位字体文件夹）');
  expect(info).toContain('一级标题 Noto Serif SC Bold（程序内置，代替黑体）');
  const embedded = execFileSync('pdffonts', [path], { encoding: 'utf8' });
  expect(embedded).toMatch(/NotoSerifSC-Black\s/);
  expect(embedded).toMatch(/NotoSerifSC-Light\s/);
  // Every font in the file is embedded (the "emb" column).
  const rows = embedded.trim().split('\n').slice(2);
  expect(rows.length).toBeGreaterThan(1);
  for (const line of rows) expect(line, line).toMatch(/\s+yes\s+yes\s+yes\s+\d+\s+\d+$/);

  // No longer used: back to the embedded fonts.
  await page.getByRole('button', { name: '设置' }).click();
  await fonts.getByRole('button', { name: '不再使用' }).click();
  await expect(fonts.getByText('尚未选择单位字体文件夹')).toBeVisible();
  await expect(fonts.getByText('缺少', { exact: true })).toHaveCount(4);
});
