// Node tool (Playwright). A streamed save in browser mode: ~20 MB written in chunks (one
// over the host's per-call limit) through the browser twin arrives as one download with
// exactly the bytes written; a failing producer downloads nothing.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect, test } from '@playwright/test';
import { build, type Rolldown } from 'vite';
import { withoutSavePicker } from './support/pdf';
import { patternByte } from './support/pattern';

/** The support page bundled like the app's code (same `define`), as one ES module. */
async function bundle(): Promise<string> {
  const result = await build({
    configFile: false,
    logLevel: 'silent',
    define: { __APP_VERSION__: JSON.stringify('e2e') },
    build: {
      write: false,
      minify: false,
      lib: { entry: resolve(__dirname, 'support/streamedSavePage.ts'), formats: ['es'], fileName: 'streamedSavePage' },
    },
  });
  const outputs = (Array.isArray(result) ? result : [result]) as Rolldown.RolldownOutput[];
  const entry = outputs.flatMap((o) => o.output).find((chunk) => chunk.type === 'chunk' && chunk.isEntry);
  if (!entry || entry.type !== 'chunk') throw new Error('no entry chunk');
  return entry.code;
}

const MiB = 1024 * 1024;

test('a streamed save downloads one file with exactly the bytes written, chunk by chunk', async ({ page }) => {
  await withoutSavePicker(page);
  await page.goto('/');
  // Served from the app's own origin: its Content-Security-Policy allows no inline script.
  const code = await bundle();
  await page.route('**/e2e-streamed-save.js', (route) => route.fulfill({ contentType: 'text/javascript', body: code }));
  await page.addScriptTag({ url: './e2e-streamed-save.js', type: 'module' });
  await page.waitForFunction(() => typeof window.streamedSave === 'function');

  // A producer that fails: the save is aborted, nothing is downloaded, the error comes back.
  let downloads = 0;
  page.on('download', () => void downloads++);
  const failed = page.evaluate((s) => window.streamedSave!('失败.bin', s, 1).then(String, (e: Error) => e.message), [MiB, MiB]);
  await expect(failed).resolves.toBe('生成内容失败');

  const sizes = [3 * MiB, 1, 10 * MiB, 0, 7 * MiB + 12345];
  const total = sizes.reduce((a, b) => a + b, 0);
  const download = page.waitForEvent('download');
  const result = await page.evaluate((s) => window.streamedSave!('流式保存.bin', s), sizes);
  expect(result).toEqual({ location: '浏览器下载文件夹/流式保存.bin', size: total });
  const file = await download;
  expect(file.suggestedFilename()).toBe('流式保存.bin');
  const bytes = readFileSync((await file.path())!);
  expect(bytes.byteLength).toBe(total);
  const expected = Buffer.alloc(total);
  for (let i = 0; i < total; i++) expected[i] = patternByte(i);
  expect(createHash('sha256').update(bytes).digest('hex')).toBe(createHash('sha256').update(expected).digest('hex'));
  expect(downloads).toBe(1);
});
