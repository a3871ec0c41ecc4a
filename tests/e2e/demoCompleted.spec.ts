import { expect, test } from '@playwright/test';
import { signInWhenAsked } from './support/signIn';

test.beforeEach(({ page }) => signInWhenAsked(page));

test('the completed 示例行动 loads through the import: three subjects, issued documents with their PDFs, the report', async ({ page }) => {
  test.setTimeout(180_000);
  await page.goto('/');
  await page.getByRole('button', { name: '载入执行完毕的示例' }).click();
  await expect(page.getByRole('heading', { name: '张建国等 3 人户' })).toBeVisible({ timeout: 150_000 });
  await page.screenshot({ path: 'tests/screenshots/demo-completed-overview.png' });
  await page.getByRole('menuitem', { name: /文书送达/ }).click();
  for (const number of ['临江强执告〔2026〕1号', '临江强执公〔2026〕1号', '临江强执拆〔2026〕1号']) {
    await expect(page.getByText(number).first()).toBeVisible();
  }
  await expect(page.getByText('王小明').first()).toBeVisible();
  await page.screenshot({ path: 'tests/screenshots/demo-completed-documents.png', fullPage: true });
  await page.getByRole('menuitem', { name: /执行通报/ }).click();
  await expect(page.getByText('临江强执报〔2026〕1号').first()).toBeVisible();
  await page.screenshot({ path: 'tests/screenshots/demo-completed-report.png', fullPage: true });

  // Loaded once: the same operation is not imported twice.
  await page.goto('/');
  await page.getByRole('button', { name: '载入执行完毕的示例' }).click();
  await expect(page.getByText(/本机已有该行动/)).toBeVisible({ timeout: 150_000 });
});
