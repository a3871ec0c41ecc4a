// Node tool (Playwright support). Signing in to a workspace: choose the person from the
// roster, then set the PIN (first use, twice) or enter it.
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
  await expect(setPin.or(enterPin)).toBeVisible();
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
 * From now on, whenever a workspace asks who is there (on opening, after a reload), sign
 * in as `name`: the specs that are not about sign-in stay about what they test.
 */
export async function signInWhenAsked(page: Page, name = COMMANDER) {
  if (handled.has(page)) return;
  handled.add(page);
  await page.addLocatorHandler(page.getByTestId('signin-screen'), () => signIn(page, name));
}
const handled = new WeakSet<Page>();
