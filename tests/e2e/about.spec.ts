import { expect, test } from '@playwright/test';

// Issue 16, point 8: the data on the laptop is not encrypted by the app; 关于 says so, with
// what to do (full-disk encryption) and how to carry data (the encrypted backup).
test('关于 says the data on this computer is not encrypted, and what to do about it', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('button', { name: '关于' }).click();
  const warning = page.getByTestId('at-rest-warning');
  await expect(warning).toContainText('本机数据未加密');
  for (const text of ['BitLocker', 'LUKS', 'FileVault', '锁屏密码', '导出备份', '设口令加密', '不要直接拷贝数据文件夹']) await expect(warning).toContainText(text);
  await expect(page.getByTestId('data-location')).toContainText('browser-profile');
  await page.getByRole('dialog', { name: '关于本程序' }).screenshot({ path: 'tests/screenshots/about.png' });
});
