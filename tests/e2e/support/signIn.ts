// Node tool (Playwright support). Signing in to a workspace: choose the person from the
// roster, then enter the PIN (or, for the commander at the station's first start, set it
// twice); and the commander enrolling someone else's PIN.
import { expect, type Page } from '@playwright/test';

/** The demo operation's 现场执行指挥, and the PIN every test person uses. */
export const COMMANDER = '陈志远';
export const TEST_PIN = '135790';

/** Signs in on the sign-in screen that is showing. */
export async function signIn(page: Page, name = COMMANDER, pin = TEST_PIN) {
  const screen = page.getByTestId('signin-screen');
  await screen.getByLabel('搜索人员').fill(name);
  await screen.getByLabel('搜索人员').press('Enter');
  const setPin = screen.getByLabel('设置 PIN', { exact: true });
  const enterPin = screen.getByLabel('PIN', { exact: true });
  const notEnrolled = screen.getByTestId('pin-not-enrolled');
  await expect(setPin.or(enterPin).or(notEnrolled)).toBeVisible();
  if (await notEnrolled.isVisible()) throw new Error(`${name} has no PIN on this station: the commander enrols it first (enrolPin)`);
  if (await setPin.isVisible()) {
    await setPin.fill(pin);
    await screen.getByLabel('再次输入 PIN').fill(pin);
    await screen.getByLabel('再次输入 PIN').press('Enter');
  } else {
    await enterPin.fill(pin);
    await enterPin.press('Enter');
  }
  await expect(screen).toHaveCount(0, { timeout: 20_000 });
}

/**
 * As the signed-in commander, enrols `name`'s PIN in 指挥部 → 登录 PIN (the person types theirs,
 * the commander confirms with their own).
 */
export async function enrolPin(page: Page, name: string, pin = TEST_PIN, commanderPin = TEST_PIN) {
  await page.getByRole('menuitem', { name: /指挥部/ }).click();
  await page.getByRole('tab', { name: '登录 PIN' }).click();
  await page.getByRole('button', { name: `登记 PIN：${name}` }).click();
  const dialog = page.getByRole('dialog', { name: `为${name}登记登录 PIN` });
  await dialog.getByLabel('新 PIN', { exact: true }).fill(pin);
  await dialog.getByLabel('再次输入新 PIN').fill(pin);
  await dialog.getByLabel(/（现场执行指挥）的 PIN$/).fill(commanderPin);
  await dialog.getByRole('button', { name: '确认登记' }).click();
  await expect(dialog).toHaveCount(0, { timeout: 20_000 });
}

/**
 * From now on, whenever a workspace asks who is there (on opening, after a reload), sign
 * in as `name`: the specs that are not about sign-in stay about what they test.
 */
export async function signInWhenAsked(page: Page, name = COMMANDER) {
  if (handled.has(page)) return;
  handled.add(page);
  await page.addLocatorHandler(page.getByTestId('signin-screen'), () => signIn(page, name));
}
const handled = new WeakSet<Page>();
