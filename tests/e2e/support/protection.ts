// Node tool (Playwright support). The 是否加密 dialog every export of personal data opens.
import { expect, type Page } from '@playwright/test';

/** Answers it: null writes the file unencrypted (after the confirmation), a string encrypts with it. */
export async function answerProtection(page: Page, what: string, passphrase: string | null) {
  const dialog = page.getByRole('dialog', { name: `导出${what}：是否加密` });
  await expect(dialog).toBeVisible();
  if (passphrase === null) {
    // Checked again if the click landed while the dialog was still opening (a loaded machine).
    await expect(async () => {
      await dialog.getByRole('radio', { name: '不加密' }).check({ timeout: 2_000 });
      await dialog.getByRole('checkbox', { name: /我已知晓/ }).check({ timeout: 2_000 });
    }).toPass();
  } else {
    await dialog.getByLabel('口令', { exact: true }).fill(passphrase);
    await dialog.getByLabel('再次输入口令').fill(passphrase);
  }
  await dialog.getByRole('button', { name: /导\s?出/ }).click();
  await expect(dialog).toHaveCount(0);
}
