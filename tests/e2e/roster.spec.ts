import { expect, test } from '@playwright/test';
import { encodeGbk, makeRosterRows, rosterHeader, toCsv } from '../fixtures/rosterFixtures';
import { signInWhenAsked } from './support/signIn';

// Every workspace asks who is there; these specs work as the demo's commander.
test.beforeEach(({ page }) => signInWhenAsked(page));

test('a 300-row GBK roster imports through the dialog, skipping the bad rows with their reasons', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('button', { name: '载入示例行动' }).click();
  await page.getByRole('menuitem', { name: /指挥部/ }).click();
  await page.getByRole('tab', { name: '成员单位与人员' }).click();
  await page.getByRole('button', { name: '导入名单' }).click();

  const dialog = page.getByRole('dialog', { name: '导入名单' });
  const csv = encodeGbk(toCsv([rosterHeader, ...makeRosterRows(300)]));
  await dialog.locator('input[type=file]').setInputFiles({ name: '公安分局名单.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });

  // Five rule breaks every 50 rows: 30 rows refused, each with its row number and reason.
  await expect(dialog.getByText('可导入 270 行，有问题 30 行')).toBeVisible();
  await expect(dialog.getByText(/公式|=/).first()).toBeVisible();
  await page.screenshot({ path: 'tests/screenshots/roster-import.png' });

  await dialog.getByRole('button', { name: '导入 270 人' }).click();
  await page.getByRole('dialog', { name: '导入 270 人？' }).getByRole('button', { name: '导入' }).click();
  await expect(page.getByText(/已导入 270 人/)).toBeVisible();

  await page.reload();
  await page.getByRole('tab', { name: '成员单位与人员' }).click();
  await expect(page.getByText('区信访办').first()).toBeVisible();
});
