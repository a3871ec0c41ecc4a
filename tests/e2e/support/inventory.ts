// Node tool (Playwright support). Driving the inventory (证据保全 → 物品清登).
import { expect, type Page } from '@playwright/test';

export async function chooseDestination(page: Page, kind: string, address: string) {
  await page.getByRole('combobox', { name: '去向类别' }).click();
  await page.locator('.ant-select-dropdown:visible').getByTitle(kind, { exact: true }).click();
  await page.getByLabel('去向地址').fill(address);
}

/** Adds items to the selected room by keyboard (the first with quantity 2), each checked in the table. */
export async function addItems(page: Page, names: string[]) {
  const name = page.getByLabel('物品名称');
  for (const [i, item] of names.entries()) {
    await name.fill(item);
    if (i === 0) await page.getByLabel('数量').fill('2');
    await name.press('Enter');
    await expect(page.getByRole('cell', { name: item, exact: true })).toBeVisible();
    await expect(name).toHaveValue('');
  }
}

/** Adds a room by keyboard; rooms are numbered in order (1. 客厅, 2. 主卧…). */
export async function addRoom(page: Page, name: string) {
  await page.getByLabel('新房间名称').fill(name);
  await page.getByLabel('新房间名称').press('Enter');
  await expect(page.getByText(`. ${name}`).first()).toBeVisible();
}

/** The notary, two witnesses and the inventory group leader (the fields already empty). */
export async function recordAttendance(page: Page) {
  await page.getByLabel('公证机构').fill('滨江市公证处');
  await page.getByRole('combobox', { name: '公证员' }).fill('王明');
  await page.getByRole('combobox', { name: '公证员' }).press('Enter');
  await page.getByLabel('清登组负责人').fill('刘强');
  await page.getByLabel('见证人1 姓名').fill('黄敏');
  await page.getByLabel('见证人1 身份证号').fill('110101198001013023');
  await page.getByLabel('见证人1 单位或住址').fill('柳巷社区居民委员会');
  await page.getByLabel('见证人2 姓名').fill('周海');
  await page.getByLabel('见证人2 单位或住址').fill('河西街道办事处');
  await page.getByRole('button', { name: '保存到场人员' }).click();
  await expect(page.getByText('公证员、见证人已登记')).toBeVisible();
}
