// Node tool (Playwright). Operators: the commander's own PIN set at the station's first start,
// everyone else's enrolled (and reset) by the commander and logged, wrong PINs counted and
// locked out, the idle lock that keeps a half-typed dialog, and a reload that asks for the PIN
// again and returns to the same section.
import { expect, test, type Page } from '@playwright/test';
import { addItems, addRoom } from './support/inventory';
import { logEntries } from './support/files';
import { blur, fixClock, importDemo, phaseByKey } from './support/onSite';
import { COMMANDER, enrolPin, signIn, TEST_PIN } from './support/signIn';

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

test('the commander sets their own first PIN twice; wrong PINs are counted and the fifth locks the person out', async ({ page }) => {
  await loadDemo(page);
  // Nobody else takes a name by setting its PIN first: they are told the commander enrols it.
  await choose(page, '杨帆');
  await expect(page.getByTestId('pin-not-enrolled')).toHaveText(/杨帆尚未在本工作站登记 PIN。PIN 由现场执行指挥登记/);
  await expect(signInScreen(page).getByLabel('设置 PIN', { exact: true })).toHaveCount(0);
  await signInScreen(page).getByRole('button', { name: '选择其他人员' }).click();
  await signInScreen(page).getByLabel('搜索人员').fill('');
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
  await importDemo(page);
  await expect(signInScreen(page)).toBeVisible();
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

test('the commander enrols and resets a member’s PIN, each logged without the PIN; the member cannot declare the start but registers inventory in their own name', async ({ page }) => {
  await loadDemo(page);
  await signIn(page);
  // A wrong confirming PIN is refused by the store, and nothing is enrolled.
  await page.getByRole('menuitem', { name: /指挥部/ }).click();
  await page.getByRole('tab', { name: '登录 PIN' }).click();
  await page.getByRole('button', { name: '登记 PIN：杨帆' }).click();
  const dialog = page.getByRole('dialog', { name: '为杨帆登记登录 PIN' });
  await dialog.getByLabel('新 PIN', { exact: true }).fill('246813');
  await dialog.getByLabel('再次输入新 PIN').fill('246813');
  await dialog.getByLabel(`${COMMANDER}（现场执行指挥）的 PIN`).fill('000001');
  await dialog.getByRole('button', { name: '确认登记' }).click();
  await expect(dialog.getByTestId('enrol-error')).toHaveText('确认人的 PIN：PIN 不正确，还可再试 4 次', { timeout: 20_000 });
  await dialog.getByLabel(`${COMMANDER}（现场执行指挥）的 PIN`).fill(TEST_PIN);
  await page.mouse.move(0, 0);
  await page.screenshot({ path: 'tests/screenshots/pin-enrol.png' });
  await dialog.getByRole('button', { name: '确认登记' }).click();
  await expect(dialog).toHaveCount(0, { timeout: 20_000 });
  await expect(page.getByRole('row').filter({ hasText: '杨帆' }).getByText('已登记')).toBeVisible();
  // A reset of the same PIN, also by the commander.
  await page.getByRole('button', { name: '重置 PIN：杨帆' }).click();
  const reset = page.getByRole('dialog', { name: '重置杨帆的登录 PIN' });
  await reset.getByLabel('新 PIN', { exact: true }).fill(TEST_PIN);
  await reset.getByLabel('再次输入新 PIN').fill(TEST_PIN);
  await reset.getByLabel(`${COMMANDER}（现场执行指挥）的 PIN`).fill(TEST_PIN);
  await reset.getByRole('button', { name: '确认重置' }).click();
  await expect(reset).toHaveCount(0, { timeout: 20_000 });
  await page.mouse.move(0, 0);
  await expect(page.locator('.ant-message-notice')).toHaveCount(0, { timeout: 15_000 });
  await page.getByRole('tab', { name: '登录 PIN' }).scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'tests/screenshots/pins.png' });
  const pinEntries = (await logEntries(page, 'system')).filter((e) => e.text.includes('PIN'));
  expect(pinEntries.map((e) => [e.operator, e.text])).toEqual([
    [COMMANDER, `现场执行指挥${COMMANDER}在本工作站首次设置本人登录 PIN`],
    [COMMANDER, `${COMMANDER}为杨帆登记登录 PIN`],
    [COMMANDER, `${COMMANDER}重置杨帆的登录 PIN`],
  ]);
  expect(JSON.stringify(pinEntries)).not.toMatch(/246813|135790|scrypt/);

  await page.getByRole('button', { name: '切换人员' }).click();
  await signIn(page, '杨帆');
  await expect(page.getByTestId('signed-in')).toContainText('杨帆证据保全组组员');
  // A member enrols no one.
  await page.getByRole('menuitem', { name: /指挥部/ }).click();
  await page.getByRole('tab', { name: '登录 PIN' }).click();
  await expect(page.getByRole('button', { name: '登记 PIN：马晓东' })).toBeDisabled();

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

// Issue 16 item 2: who may do what is checked on every act, not only by hiding buttons.
test('a member signed in cannot change the commander or delete a record; the commander’s change is logged with before/after and shown in the log', async ({ page }) => {
  await loadDemo(page);
  await signIn(page);
  await enrolPin(page, '杨帆');

  // The commander designates another deputy: a 指挥调整 entry with before and after.
  await page.getByRole('tab', { name: '现场执行指挥' }).click();
  const deputy = page.getByRole('combobox', { name: '副指挥' });
  await deputy.click();
  await deputy.fill('韩冰');
  await page.locator('.ant-select-item-option', { hasText: '韩冰' }).first().click();
  await expect(page.getByText('已指定韩冰为副指挥')).toBeVisible();
  const command = await logEntries(page, 'command');
  expect(command.map((e) => [e.operator, e.text, e.data])).toEqual([
    [COMMANDER, '副指挥由刘振华改为韩冰', { before: `现场执行指挥：${COMMANDER}；副指挥：刘振华`, after: `现场执行指挥：${COMMANDER}；副指挥：韩冰` }],
  ]);
  // The log view shows it, under its own category.
  await page.getByRole('menuitem', { name: /现场指挥/ }).click();
  const row = page.getByTestId('timeline').locator('.ant-table-row', { hasText: '副指挥由刘振华改为韩冰' });
  await expect(row).toContainText('指挥调整');
  await expect(row).toContainText(COMMANDER);
  await page.mouse.move(0, 0);
  await page.getByTestId('timeline').screenshot({ path: 'tests/screenshots/log-command-change.png' });

  // 杨帆, a plain member: the commander field is locked with the reason; a deletion is refused by the act itself.
  await page.getByRole('button', { name: '切换人员' }).click();
  await signIn(page, '杨帆');
  await page.getByRole('menuitem', { name: /指挥部/ }).click();
  await page.getByRole('tab', { name: '现场执行指挥' }).click();
  await expect(page.getByRole('combobox', { name: /现场执行指挥/ })).toBeDisabled();
  await expect(page.getByText('只有现场执行指挥本人可以移交指挥；杨帆不是现场执行指挥')).toBeVisible();
  await page.getByRole('tab', { name: '成员单位与人员' }).click();
  const ma = page.getByRole('row').filter({ hasText: '马晓东' });
  await ma.getByRole('button', { name: '删除' }).click();
  await page.getByRole('dialog', { name: '删除人员“马晓东”？' }).getByRole('button', { name: /删\s?除/ }).click();
  await expect(page.locator('.ant-message-notice').filter({ hasText: '只有现场执行指挥或其指定的副指挥可以删除记录；杨帆不是' })).toBeVisible();
  await expect(ma).toBeVisible();
  expect(await logEntries(page, 'command')).toHaveLength(1);
  expect((await logEntries(page)).some((e) => e.text.startsWith('删除人员'))).toBe(false);
});
