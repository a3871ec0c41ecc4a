// Node tool (Playwright support). Driving the commander's console (现场指挥).
import { expect, type Page } from '@playwright/test';
import { signInWhenAsked } from './signIn';

/** Loads the demo operation, signs in as its commander and opens 现场指挥; returns the operation id. */
export async function openConsole(page: Page): Promise<string> {
  await signInWhenAsked(page);
  await page.goto('/');
  await page.getByRole('button', { name: '载入示例行动' }).click();
  await page.getByRole('menuitem', { name: /现场指挥/ }).click();
  await expect(page.getByTestId('onsite-status')).toContainText('未开始');
  return decodeURIComponent(/#\/operations\/([^/]+)/.exec(page.url())![1]!);
}

/** Moves focus off any field, so the number keys reach the console. */
export const blur = (page: Page) => page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());

/**
 * Records a phase by its number key, with an optional note, and waits for its ✓. The key is
 * pressed again if a closing dialog (its fade-out) swallowed it: the console ignores keys
 * while any dialog is on screen.
 */
export async function phaseByKey(page: Page, key: string, title: string, note = '') {
  const dialog = page.getByRole('dialog', { name: title });
  await expect(async () => {
    await blur(page);
    await page.keyboard.press(key);
    await expect(dialog).toBeVisible({ timeout: 1_000 });
  }).toPass();
  if (note) await dialog.getByLabel('备注').fill(note);
  await dialog.getByLabel('备注').press('Enter');
  await expect(dialog).toHaveCount(0);
  await expect(page.getByRole('button', { name: title })).toContainText('✓');
}

/** Checks a person in from the roster by typing the name. */
export async function checkIn(page: Page, name: string) {
  const who = page.getByRole('combobox', { name: '到岗人员' });
  await who.fill(name);
  await who.press('Enter');
  await expect(page.getByTestId('checked-in')).toContainText(name);
}
