// Node tool (Playwright). Issue 16, point 7: a backup whose two documents lack createdAt
// (which used to import and then leave a blank window) is refused at import with the records
// and the field named, nothing is imported; the same file with the field intact imports.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { serialiseBackup } from '../../shared/archive/backup';
import { archivableBackup } from '../fixtures/archive/archivable';
import { signInWhenAsked } from './support/signIn';

test.beforeEach(({ page }) => signInWhenAsked(page));

test('a backup with documents lacking createdAt is refused, naming them; nothing is imported; the intact file imports', async ({ page }) => {
  const dir = mkdtempSync(join(tmpdir(), 'import-refused-'));
  const intact = serialiseBackup(archivableBackup());
  const broken = JSON.parse(intact) as { documents: Record<string, unknown>[] };
  for (const d of broken.documents) delete d.createdAt;
  const brokenPath = join(dir, 'broken.json');
  const intactPath = join(dir, 'intact.json');
  writeFileSync(brokenPath, JSON.stringify(broken, null, 2));
  writeFileSync(intactPath, intact);

  await page.goto('/');
  await expect(page.getByRole('heading', { name: '强制执行行动' })).toBeVisible();
  let chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: '导入备份' }).click();
  await (await chooser).setFiles(brokenPath);
  const refusal = page.getByRole('dialog', { name: '未能导入备份，本机数据没有任何改动' });
  await expect(refusal).toBeVisible();
  const problems = refusal.getByRole('listitem');
  await expect(problems).toHaveText(['文书第 1 条「demo-doc-1」（createdAt）：缺少此项', '文书第 2 条「notice-3」（createdAt）：缺少此项']);
  await page.screenshot({ path: 'out/screenshots/import-refused.png' });
  await refusal.getByRole('button', { name: /知\s?道|OK|确\s?定/ }).click();
  await expect(refusal).toHaveCount(0);
  // Nothing was imported: the list is still empty.
  await expect(page.getByText('还没有进行中的行动')).toBeVisible();

  chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: '导入备份' }).click();
  await (await chooser).setFiles(intactPath);
  await expect(page.getByText('备份已导入')).toBeVisible();
  await expect(page.getByRole('heading', { name: '张建国等 2 人户' })).toBeVisible({ timeout: 30_000 });
});
