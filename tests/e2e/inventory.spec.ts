import { expect, test, type Page } from '@playwright/test';
import { addItems, addRoom, chooseDestination, recordAttendance } from './support/inventory';
import { pdfText, savePdf, withoutSavePicker } from './support/pdf';
import { signInWhenAsked } from './support/signIn';

/** 日志 12 条 · 链头 … → 12 (0 while the tag is not shown: no entries yet). */
async function logCount(page: Page): Promise<number> {
  const tag = page.getByTestId('log-status');
  if ((await tag.count()) === 0) return 0;
  return Number(/日志 (\d+) 条/.exec((await tag.textContent()) ?? '')?.[1] ?? Number.NaN);
}

// Every workspace asks who is there; these specs work as the demo's commander.
test.beforeEach(({ page }) => signInWhenAsked(page));

test('the inventory: notary and two witnesses, 2 rooms, 20 items by keyboard, destinations, the list printed, every change logged', async ({ page }) => {
  test.setTimeout(180_000);
  await withoutSavePicker(page);
  await page.goto('/');
  await page.getByRole('button', { name: '载入示例行动' }).click();
  await expect(page.getByRole('heading', { name: '张建国等 2 人户' })).toBeVisible();
  await page.getByRole('menuitem', { name: /证据保全/ }).click();
  await page.getByRole('tab', { name: '物品清登' }).click();
  // The log so far (the genesis, the demo, the commander's PIN), once the header has verified it.
  await expect(page.getByTestId('log-status')).toContainText('校验通过');
  const before = await logCount(page);

  // Printing is refused until the notary and two witnesses are on record.
  await page.getByRole('button', { name: '打印物品清单' }).click();
  await expect(page.getByTestId('print-problems')).toContainText('尚未登记公证机构和公证员');
  await expect(page.getByTestId('print-problems')).toContainText('见证人须至少两名，目前登记了 0 名');

  // What is typed survives a reload before it is saved.
  await page.getByLabel('公证机构').fill('滨江市公证处');
  await page.waitForTimeout(300);
  await page.reload();
  await page.getByRole('tab', { name: '物品清登' }).click();
  await expect(page.getByLabel('公证机构')).toHaveValue('滨江市公证处');
  await recordAttendance(page);
  await expect(page.getByTestId('attendance-summary')).toContainText('见证人：黄敏（110101********3023，柳巷社区居民委员会）、周海（河西街道办事处）');

  // Two rooms, by keyboard.
  await addRoom(page, '客厅');
  await addRoom(page, '主卧');

  // The living room's ten items go to the 周转房; the label numbers fill themselves in.
  await page.getByText('1. 客厅').click();
  await chooseDestination(page, '周转房', '滨江市临江区柳巷周转房3号楼201室');
  await expect(page.getByLabel('标签号')).toHaveValue('1-001');
  await addItems(page, ['电视机', '沙发', '茶几', '电视柜', '落地灯', '空调', '书架', '地毯', '鱼缸', '挂钟']);
  await expect(page.getByRole('cell', { name: '1-010', exact: true })).toBeVisible();

  // The bedroom's ten go to the 安置房.
  await page.getByText('2. 主卧').click();
  await chooseDestination(page, '安置房', '滨江市临江区河西安置小区5号楼');
  await expect(page.getByLabel('标签号')).toHaveValue('2-001');
  await addItems(page, ['双人床', '床垫', '衣柜', '梳妆台', '床头柜', '被褥', '衣物', '台灯', '保险柜', '行李箱']);

  // A bad entry loses nothing and says why.
  await page.getByLabel('物品名称').fill('凳子');
  await page.getByLabel('数量').fill('0');
  await page.getByLabel('物品名称').press('Enter');
  await expect(page.getByTestId('entry-errors')).toHaveText('数量应大于 0');
  await expect(page.getByLabel('物品名称')).toHaveValue('凳子');
  await page.getByLabel('数量').fill('1');
  await page.getByLabel('物品名称').press('Enter');
  await expect(page.getByRole('cell', { name: '2-011', exact: true })).toBeVisible();

  // …and a wrong entry is withdrawn with a reason, not deleted.
  await page.getByRole('row', { name: /2-011/ }).getByRole('button', { name: '更正' }).click();
  await page.getByRole('button', { name: '撤销登记', exact: true }).click();
  await expect(page.locator('.ant-message-notice').filter({ hasText: '请写明撤销登记的原因' })).toBeVisible();
  await page.getByLabel('撤销原因').fill('误录，凳子不属于被执行人');
  await page.getByRole('button', { name: '撤销登记', exact: true }).click();
  await expect(page.getByRole('cell', { name: '2-011', exact: true })).toHaveCount(0);
  await page.getByLabel('显示已撤销的登记').check();
  await expect(page.getByRole('row', { name: /2-011/ })).toContainText('已撤销：误录，凳子不属于被执行人');
  await page.getByLabel('显示已撤销的登记').uncheck();

  // Two bedroom items move to the 周转房 after all, in one go.
  await page.getByLabel('选择 2-009').check();
  await page.getByLabel('选择 2-010').check();
  await chooseDestination(page, '周转房', '滨江市临江区柳巷周转房3号楼201室');
  await page.getByRole('button', { name: '将所选 2 项设为此去向' }).click();
  await expect(page.getByRole('row', { name: /2-010/ })).toContainText('周转房（滨江市临江区柳巷周转房3号楼201室）');

  // The safe's contents are valuables: listed apart on the 物品清单.
  await page.getByRole('row', { name: /2-009/ }).getByRole('button', { name: '更正' }).click();
  await page.getByText('贵重物品（现金、金银首饰、有价证券、权属证书等', { exact: false }).click();
  await page.getByRole('button', { name: '保存更正' }).click();
  await expect(page.getByRole('row', { name: /2-009/ })).toContainText('贵重物品');

  // The notary's certificate arrives later: its number is entered then, as its own entry.
  await page.getByLabel('公证书编号').fill('（2026）滨临证字第1234号');
  await page.getByRole('button', { name: '登记公证书编号' }).click();
  await expect(page.getByTestId('notary-certificate')).toContainText('（2026）滨临证字第1234号（陈志远登记）');

  // Every change is a log entry: 1 attendance + 2 rooms + 21 items + 1 withdrawal + 1 destination change + 1 correction + 1 certificate.
  await expect.poll(() => logCount(page)).toBe(before + 28);
  await expect(page.getByTestId('print-problems')).toHaveCount(0);
  await expect(page.locator('.ant-message-notice')).toHaveCount(0, { timeout: 15_000 });
  await page.screenshot({ path: 'tests/screenshots/inventory.png', fullPage: true });

  await page.getByRole('button', { name: '打印物品清单' }).click();
  const text = pdfText(await savePdf(page));
  for (const item of ['电视机', '挂钟', '双人床', '行李箱', '保险柜']) expect(text).toContain(item);
  expect(text).not.toContain('凳子');
  expect(text).toContain('周转房（滨江市临江区柳巷周转房3号楼201室）');
  expect(text).toContain('安置房（滨江市临江区河西安置小区5号楼）');
  expect(text).toContain('以上物品共12项');
  expect(text).toContain('以上物品共8项');
  expect(text).toContain('被执行人拒绝签字的，由见证人注明');
  expect(text).toContain('本清单一式二份');
  expect(text).toContain('第二联（交被执行人）');
  expect(text).toContain('滨江市公证处公证员王明');
  expect(text).toContain('公证书号：（2026）滨临证字第1234号');
  expect(text).toContain('一、贵重物品（单独登记、单独封存）');
  expect(text).toContain('领取方式：物品由临江区房屋征收事务中心代为保管');
  // The head printed is this station's latest signed entry, named by its station (format 2).
  expect(text).toMatch(/执行日志链头：工作站[0-9A-Za-z_-]{8}第\d+条SHA-256[0-9a-f]{64}/);
});
