// Personal data on screen (issue 7): ID and phone numbers are masked by default, revealed one
// field at a time on demand, and each reveal is logged under the signed-in person's name.
import { expect, test } from '@playwright/test';
import { logEntries } from './support/files';
import { openConsole } from './support/onSite';
import { COMMANDER } from './support/signIn';

const ID = '110101196203154515';
const PHONE = '13800138000';

test('ID and phone numbers are masked until revealed, and each reveal is logged by name', async ({ page }) => {
  await openConsole(page);
  await page.getByRole('menuitem', { name: /概况/ }).click();
  const subjects = page.locator('.ant-table-wrapper').filter({ hasText: '姓名或名称' });
  await expect(subjects).toContainText('110101********4515');
  await expect(subjects).toContainText('138****8000');
  await expect(page.locator('body')).not.toContainText(ID);
  await expect(page.locator('body')).not.toContainText(PHONE);

  await page.getByRole('button', { name: '显示张建国的证件号码' }).click();
  await expect(subjects).toContainText(ID);
  // Only that field: the phone stays masked.
  await expect(page.locator('body')).not.toContainText(PHONE);
  await expect
    .poll(async () => (await logEntries(page, 'system')).filter((e) => e.text.startsWith('查看个人信息')).map((e) => [e.operator, e.text]))
    .toEqual([[COMMANDER, '查看个人信息：张建国的证件号码']]);
  await page.screenshot({ path: 'tests/screenshots/personalData.png' });

  // Masked again when the page comes back.
  await page.reload();
  await expect(page.locator('.ant-table-wrapper').filter({ hasText: '姓名或名称' })).toContainText('110101********4515');
  await expect(page.locator('body')).not.toContainText(ID);
});
