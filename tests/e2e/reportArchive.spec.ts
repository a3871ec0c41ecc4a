// Node tool (Playwright). Issue 6, done when: the demo operation, completed, produces the
// report PDF and the archive; the archive verifies; copies with one byte changed in the log,
// a PDF removed, and an extra file each fail with the right message, in the app and in the
// independent verifier; the report's head hash is the archive's; an encrypted export opens
// and verifies in the app with its passphrase.
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { strFromU8, unzipSync, zipSync } from 'fflate';
import { choose } from './support/files';
import { openConsole, phaseByKey } from './support/onSite';
import { pdfText, savePdf, withoutSavePicker } from './support/pdf';
import { answerProtection } from './support/protection';
import { TSX } from '../fixtures/cli';

// The demo's ruling allows the move only, so its day has no 拆除 (keys 7 and 8 are refused).
const PHASES = [['1', '宣布开始执行'], ['2', '警戒到位'], ['3', '向被执行人宣告'], ['4', '带离现场'], ['5', '清登开始'], ['6', '清登完成'], ['9', '宣布执行完毕']] as const;
const PASSPHRASE = '临江强执-档案口令2026';

/** The independent verifier, as the court or an auditor runs it. */
function verifyCli(path: string): { code: number; out: string } {
  const run = spawnSync(TSX, ['electron/cli/verify.ts', path], { encoding: 'utf8' });
  return { code: run.status ?? -1, out: `${run.stdout}${run.stderr}` };
}

async function checkInApp(page: Page, path: string) {
  await choose(page, page.getByRole('button', { name: '核验档案…' }), path);
  return page.getByTestId('archive-verdict');
}

test('completed demo → issued report and archive; the archive verifies, tampered copies do not, the heads agree', async ({ page }, testInfo) => {
  test.setTimeout(240_000);
  await withoutSavePicker(page);
  await openConsole(page);
  for (const [key, title] of PHASES) await phaseByKey(page, key, title);

  // The report, drafted from the log and issued.
  await page.getByRole('menuitem', { name: /执行通报/ }).click();
  await page.getByTestId('court-report-draft').click();
  const editor = page.getByRole('dialog', { name: '编辑草稿：强制执行情况报告' });
  // The costs and who bears them are stated before issue (行政强制法第六十条).
  await editor.getByLabel('执行费用', { exact: true }).fill('本次强制执行费用共计人民币12,000.00元，由被执行人承担。');
  await editor.getByRole('button', { name: /签\s?发/ }).click();
  await page.getByRole('dialog', { name: '签发强制执行情况报告' }).getByRole('button', { name: /签\s?发/ }).click();
  await expect(editor).toHaveCount(0);
  const row = page.getByRole('row', { name: /强执报〔\d{4}〕1号/ });
  await row.getByRole('button', { name: '查看 PDF' }).click();
  const report = pdfText(await savePdf(page));
  const printed = /末条为第(\d+)条，其哈希值（SHA-256）为：([0-9a-f]{64})/.exec(report);
  expect(printed, '报告印有日志链头').not.toBeNull();
  const [, reportSeq, reportHash] = printed!;

  // The archive, plain, so the independent verifier can read it.
  await page.getByRole('menuitem', { name: /档案/ }).click();
  let download = page.waitForEvent('download');
  await page.getByRole('button', { name: '导出档案' }).click();
  await answerProtection(page, '档案', null);
  const zipPath = testInfo.outputPath('一户一档.zip');
  await (await download).saveAs(zipPath);
  await expect(page.getByTestId('archive-exported')).toContainText('档案已保存');
  const written = Number(/已写入 ([\d.]+) KB/.exec((await page.getByTestId('archive-progress').textContent()) ?? '')?.[1] ?? 0);
  expect(written).toBeCloseTo(readFileSync(zipPath).length / 1024, 0);

  const good = verifyCli(zipPath);
  expect(good.code, good.out).toBe(0);
  expect(good.out).toContain('核验通过');
  await expect(await checkInApp(page, zipPath)).toContainText('核验通过');

  // The report's head is the archive's: the manifest records it, and it is that entry of this
  // station's chain (format 2: stations/01-….jsonl, the head naming its station).
  const files = unzipSync(readFileSync(zipPath));
  const chainFile = Object.keys(files).find((name) => /^stations\/01-.+\.jsonl$/.test(name))!;
  const manifest = JSON.parse(strFromU8(files['manifest.json']!)) as { documents: { kind: string; file: string; chainHead?: { seq: number; hash: string; writer?: string } }[] };
  const entry = manifest.documents.find((d) => d.kind === 'courtReport')!;
  const logLine = strFromU8(files[chainFile]!).split('\n').find((l) => l.includes(`"seq":${reportSeq},`))!;
  const headEntry = JSON.parse(logLine) as { hash: string; writer: string };
  expect(headEntry.hash).toBe(reportHash);
  expect(entry.chainHead).toEqual({ seq: Number(reportSeq), hash: reportHash, writer: headEntry.writer });
  // …and the issue itself is logged after it, with the report's SHA-256.
  expect(strFromU8(files[chainFile]!)).toContain(`签发强制执行情况报告`);
  expect(Object.keys(files)).toContain('档案目录.pdf');

  const tampered = async (name: string, change: (f: Record<string, Uint8Array>) => void, expected: RegExp) => {
    const copy = Object.fromEntries(Object.entries(files).map(([k, v]) => [k, v.slice()]));
    change(copy);
    const path = testInfo.outputPath(name);
    writeFileSync(path, zipSync(copy));
    const cli = verifyCli(path);
    expect(cli.code, `${name}: ${cli.out}`).toBe(1);
    expect(cli.out).toMatch(expected);
    const verdict = await checkInApp(page, path);
    await expect(verdict).toContainText('核验未通过');
    await expect(verdict).toContainText(expected);
  };
  // One byte of the log changed (a letter of an entry's text).
  await tampered(
    'log-byte.zip',
    (f) => {
      const log = f[chainFile]!;
      log[Buffer.from(log).indexOf('宣布开始执行') + 2]! ^= 1;
    },
    new RegExp(chainFile.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')),
  );
  // The report's PDF removed.
  await tampered('pdf-removed.zip', (f) => delete f[entry.file], new RegExp(entry.file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
  // A file added that the manifest does not list.
  await tampered('extra-file.zip', (f) => (f['documents/补充材料.pdf'] = new TextEncoder().encode('%PDF-1.4 extra')), /documents\/补充材料\.pdf/);
  await page.screenshot({ path: 'tests/screenshots/archiveTampered.png', fullPage: true });

  // Encrypted: the file is age, opens in the app with the passphrase, and verifies.
  download = page.waitForEvent('download');
  await page.getByRole('button', { name: '导出档案' }).click();
  await answerProtection(page, '档案', PASSPHRASE);
  const sealedPath = testInfo.outputPath('一户一档.zip.age');
  await (await download).saveAs(sealedPath);
  expect(readFileSync(sealedPath).subarray(0, 21).toString()).toBe('age-encryption.org/v1');
  await expect(page.getByTestId('archive-exported')).toContainText('加密档案已保存');
  await choose(page, page.getByRole('button', { name: '核验档案…' }), sealedPath);
  const ask = page.getByRole('dialog', { name: '打开加密的档案' });
  await ask.getByLabel('解密口令').fill(PASSPHRASE);
  await ask.getByLabel('解密口令').press('Enter');
  await expect(page.getByTestId('archive-verdict')).toContainText('核验通过', { timeout: 60_000 });
});
