// Node tool (Playwright). Operators: sign-in with a PIN set on first use, wrong PINs counted
// and locked out, the idle lock that keeps a half-typed dialog, and a reload that asks for
// the PIN again and returns to the same section.
import { expect, test, type Page } from '@playwright/test';
import { addItems, addRoom } from './support/inventory';
import { logEntries } from './support/files';
import { blur, fixClock, phaseByKey, prepareStart } from './support/onSite';
import { COMMANDER, signIn, TEST_PIN } from './support/signIn';

const signInScreen = (page: Page) => page.getByTestId('signin-screen');

async function loadDemo(page: Page) {
  await page.goto('/');
  await page.getByRole('button', { name: '载入示例行动' }).click();
  await expect(signInScreen(page)).toBeVisible();
}

async function choose(page: Page, name: string) {
  await signInScreen(page).getByLabel('搜索人员').fill(name);
  await signInScreen(page).getByLabel('搜索人员').press('Enter');
}

test('first use sets the PIN twice; wrong PINs are counted and the fifth locks the person out', async ({ page }) => {
  await loadDemo(page);
  // The commander is listed first, with their role; the list filters as one types.
  await expect(signInScreen(page).getByRole('option').first()).toContainText(`${COMMANDER}临江区房屋征收事务中心现场执行指挥`);
  await expect(page.locator('.ant-message-notice')).toHaveCount(0, { timeout: 15_000 });
  await page.screenshot({ path: 'tests/screenshots/signin.png' });
  await signInScreen(page).getByLabel('搜索人员').fill('证据');
  await expect(signInScreen(page).getByRole('option')).toHaveCount(2);

  await choose(page, COMMANDER);
  const screen = signInScreen(page);
  await screen.getByLabel('设置 PIN', { exact: true }).fill('123456');
  await screen.getByLabel('再次输入 PIN').fill('123456');
  await screen.getByRole('button', { name: '设置 PIN 并登录' }).click();
  await expect(page.getByTestId('pin-error')).toHaveText('PIN 不能是连续数字（如 123456、987654）');
  await screen.getByLabel('设置 PIN', { exact: true }).fill(TEST_PIN);
  await screen.getByLabel('再次输入 PIN').fill('135791');
  await screen.getByLabel('再次输入 PIN').press('Enter');
  await expect(page.getByTestId('pin-error')).toHaveText('两次输入的 PIN 不一致，请重新输入');
  await screen.getByLabel('设置 PIN', { exact: true }).fill(TEST_PIN);
  await screen.getByLabel('再次输入 PIN').fill(TEST_PIN);
  await screen.getByLabel('再次输入 PIN').press('Enter');
  await expect(page.getByTestId('signed-in')).toContainText(`${COMMANDER}现场执行指挥`);

  // 切换人员 signs out; the commander now enters the PIN, and wrong ones are counted.
  await page.getByRole('button', { name: '切换人员' }).click();
  await choose(page, COMMANDER);
  for (let left = 4; left >= 1; left--) {
    await screen.getByLabel('PIN', { exact: true }).fill('246802');
    await screen.getByLabel('PIN', { exact: true }).press('Enter');
    await expect(page.getByTestId('pin-error')).toHaveText(`PIN 不正确，还可再试 ${left} 次`, { timeout: 20_000 });
  }
  await screen.getByLabel('PIN', { exact: true }).fill('246802');
  await screen.getByLabel('PIN', { exact: true }).press('Enter');
  await expect(page.getByTestId('pin-error')).toHaveText('PIN 连续输错 5 次，已锁定，请 5 分钟后再试', { timeout: 20_000 });
  // Even the right PIN is refused during the lockout.
  await screen.getByLabel('PIN', { exact: true }).fill(TEST_PIN);
  await screen.getByLabel('PIN', { exact: true }).press('Enter');
  await expect(page.getByTestId('pin-error')).toHaveText('PIN 连续输错 5 次，已锁定，请 5 分钟后再试');
  await expect(signInScreen(page)).toBeVisible();
});

test('the idle lock covers a half-typed dialog, unlocking returns to it; a reload asks for the PIN and returns to the section', async ({ page }) => {
  // The start needs its plan, service and 公告, at a lawful time: the page's clock is fixed.
  await fixClock(page);
  await loadDemo(page);
  await prepareStart(page);
  await signIn(page);
  await page.getByRole('button', { name: '设置' }).click();
  await page.getByLabel('空闲锁定分钟数').fill('0.1');
  await page.getByLabel('空闲锁定分钟数').press('Enter');
  await expect(page.getByText('已保存空闲锁定时间')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog', { name: '设置' })).toHaveCount(0);

  await page.getByRole('menuitem', { name: /现场指挥/ }).click();
  await phaseByKey(page, '1', '宣布开始执行');
  await page.getByRole('button', { name: '突发事件' }).click();
  const incident = page.getByRole('dialog', { name: '突发事件' });
  await incident.getByLabel('事件经过').fill('被执行人亲属在院门口阻拦，情绪激动');

  // Six seconds without keyboard or mouse lock the workspace; the dialog is still there beneath.
  const overlay = page.getByTestId('lock-overlay');
  await expect(overlay).toBeVisible({ timeout: 15_000 });
  await expect(overlay).toContainText(COMMANDER);
  await page.waitForTimeout(500);
  await page.screenshot({ path: 'tests/screenshots/lock.png' });
  // The workspace underneath takes no keys: a digit typed into the PIN records no phase.
  await overlay.getByLabel('PIN', { exact: true }).fill('000000');
  await overlay.getByLabel('PIN', { exact: true }).press('Enter');
  await expect(page.getByTestId('pin-error')).toHaveText('PIN 不正确，还可再试 4 次', { timeout: 20_000 });
  await overlay.getByLabel('PIN', { exact: true }).fill(TEST_PIN);
  await overlay.getByLabel('PIN', { exact: true }).press('Enter');
  await expect(overlay).toHaveCount(0, { timeout: 20_000 });
  await expect(incident.getByLabel('事件经过')).toHaveValue('被执行人亲属在院门口阻拦，情绪激动');
  await incident.getByRole('button', { name: '取消' }).click();

  // Ctrl+L locks on demand.
  await page.keyboard.press('Control+l');
  await expect(overlay).toBeVisible();
  await overlay.getByLabel('PIN', { exact: true }).fill(TEST_PIN);
  await overlay.getByLabel('PIN', { exact: true }).press('Enter');
  await expect(overlay).toHaveCount(0, { timeout: 20_000 });

  // A reload forgets the sign-in but not the place: the PIN again, then the same section.
  await page.reload();
  await expect(signInScreen(page)).toBeVisible();
  await expect(page.getByRole('menuitem', { name: /现场指挥/ })).toHaveCount(0);
  await signIn(page);
  await expect(page).toHaveURL(/\/onSite$/);
  await expect(page.getByRole('button', { name: '宣布开始执行' })).toContainText('✓');
});

test('an evidence-group member cannot declare the start (the reason is shown) but registers inventory in their own name', async ({ page }) => {
  await loadDemo(page);
  await signIn(page, '杨帆');
  await expect(page.getByTestId('signed-in')).toContainText('杨帆证据保全组组员');

  await page.getByRole('menuitem', { name: /现场指挥/ }).click();
  await expect(page.getByTestId('recorder')).toHaveText('记录人：杨帆');
  const start = page.getByRole('button', { name: '宣布开始执行' });
  await expect(start).toBeDisabled();
  // The key is refused with the same reason, and nothing is recorded.
  await blur(page);
  await page.keyboard.press('1');
  await expect(page.locator('.ant-message-notice').filter({ hasText: '只有现场执行指挥或其指定的副指挥可以宣布开始或完毕；杨帆不是' })).toBeVisible();
  await expect(page.getByRole('dialog', { name: '宣布开始执行' })).toHaveCount(0);

  await page.getByRole('menuitem', { name: /证据保全/ }).click();
  await page.getByRole('tab', { name: '物品清登' }).click();
  await expect(page.getByTestId('inventory-refusal')).toHaveCount(0);
  await addRoom(page, '客厅');
  await addItems(page, ['电视机']);
  const entries = (await logEntries(page)) as unknown as { category: string; operator: string }[];
  expect(entries.filter((e) => e.category === 'inventory').map((e) => e.operator)).toEqual(['杨帆', '杨帆']);
  expect(entries.some((e) => e.category === 'phase')).toBe(false);
});
