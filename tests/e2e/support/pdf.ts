// Node tool (Playwright support). Saving the PDF shown in the app's viewer and reading it back.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { expect, type Page } from '@playwright/test';

/**
 * Saves the PDF in the open viewer through the browser host's download fallback (the page
 * must have no showSaveFilePicker: see withoutSavePicker) and closes the viewer.
 */
export async function savePdf(page: Page): Promise<Buffer> {
  const dialog = page.getByRole('dialog').last();
  await expect(dialog.locator('.react-pdf__Page__canvas').first()).toBeVisible({ timeout: 30_000 });
  const download = page.waitForEvent('download');
  await dialog.getByRole('button', { name: '保存 PDF' }).click();
  const bytes = readFileSync(await (await download).path());
  await dialog.getByRole('button', { name: '关闭' }).last().click();
  return bytes;
}

/** No save picker: the browser host falls back to a download the test can catch. */
export const withoutSavePicker = (page: Page) =>
  page.addInitScript(() => {
    delete (window as { showSaveFilePicker?: unknown }).showSaveFilePicker;
  });

/** The PDF's text as pdftotext reads it, with all white space removed (CJK lines break anywhere). */
export const pdfText = (bytes: Buffer): string =>
  execFileSync('pdftotext', ['-', '-'], { input: bytes, encoding: 'utf8' }).replace(/\s+/g, '');
