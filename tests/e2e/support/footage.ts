// Node tool (Playwright support). Registers one footage file in 证据保全 with the fields the
// register dialog requires, and waits until it is in the register.
import { expect, type Page } from '@playwright/test';
import { beijing, choose, fillTime } from './files';

export async function registerFootage(page: Page, path: string, who = { operator: '钱磊' }) {
  await page.getByRole('menuitem', { name: /证据保全/ }).click();
  await page.getByRole('button', { name: '登记音像资料…' }).click();
  const register = page.getByRole('dialog', { name: /登记音像资料/ });
  await register.getByLabel('设备/执法记录仪编号').fill('DSJ-0032');
  await choose(page, register.getByRole('button', { name: '选择文件…' }), path);
  await expect(register.getByTestId('hash-result')).toHaveText(/^[0-9a-f]{64}$/, { timeout: 30_000 });
  await register.getByLabel('拍摄人').fill(who.operator);
  await fillTime(register.getByLabel('开始时间'), beijing(3));
  await fillTime(register.getByLabel('结束时间'), beijing(2));
  await register.getByLabel('保管人').fill(who.operator);
  await register.getByRole('button', { name: '登记' }).click();
  await expect(register).toBeHidden();
}
