import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { logEntries } from './support/files';
import { openConsole, phaseByKey } from './support/onSite';
import { withoutSavePicker } from './support/pdf';
import { answerProtection } from './support/protection';

test('browser mode: a phase change brings the backup reminder; the download (encrypted) clears it and is remembered', async ({ page }) => {
  test.setTimeout(120_000);
  await withoutSavePicker(page);
  await openConsole(page);
  await expect(page.getByTestId('auto-backup')).toContainText('备份 尚无');
  await expect(page.getByTestId('backup-reminder')).toHaveCount(0);

  await phaseByKey(page, '1', '宣布开始执行');
  const reminder = page.getByTestId('backup-reminder');
  await expect(reminder).toContainText('执行环节已变化');
  await page.screenshot({ path: 'tests/screenshots/backupReminder.png' });

  const download = page.waitForEvent('download');
  await reminder.getByRole('button', { name: '下载备份' }).click();
  await answerProtection(page, '备份', '临江强执-备份口令2026');
  const saved = await download;
  expect(saved.suggestedFilename()).toMatch(/-备份-\d{4}-\d{2}-\d{2}\.json\.age$/);
  expect(readFileSync(await saved.path()).subarray(0, 21).toString()).toBe('age-encryption.org/v1');
  await expect(reminder).toHaveCount(0);
  await expect(page.getByTestId('auto-backup')).toContainText(/备份 \d{2}-\d{2} \d{2}:\d{2}（至第\d+条）/);

  // Remembered across a reload; the next phase change asks again.
  await page.reload();
  await expect(page.getByTestId('auto-backup')).toContainText('（至第');
  await expect(page.getByTestId('backup-reminder')).toHaveCount(0);
  await phaseByKey(page, '2', '警戒到位');
  await expect(page.getByTestId('backup-reminder')).toContainText('有 1 条日志尚未备份');
});

test('desktop mode (host faked in the page): each phase change writes a backup to the data folder; a full disk is reported and retried', async ({ page }) => {
  test.setTimeout(120_000);
  // The demo comes in through 导入备份 with the browser host (it picks the file); then a reload
  // brings up the fake desktop host.
  const operationId = await openConsole(page);
  // Stands in for the Electron preload: the same contract, recording what the app asks for.
  await page.addInitScript(() => {
    const calls: { operationId: string; text: string; keep: number }[] = [];
    let failNext = false;
    const pins = new Map<string, string>();
    const logPins = new Map<string, unknown>();
    Object.assign(window, {
      backupCalls: calls,
      failNextBackup: () => (failNext = true),
      host: {
        appInfo: async () => ({ name: '强制执行指挥台', version: '0', mode: 'electron', platform: 'linux', dataLocation: '/data' }),
        writeAutoBackup: async ({ operationId, bytes, keep }: { operationId: string; bytes: Uint8Array; keep: number }) => {
          if (failNext) {
            failNext = false;
            throw new Error('自动备份未能写入（写入文件失败：磁盘空间不足）。已有的备份和本机数据不受影响；请清理磁盘空间');
          }
          calls.push({ operationId, text: new TextDecoder().decode(bytes), keep });
          return { location: `/data/backups/${operationId}/${calls.length}.json`, kept: calls.length };
        },
        // The main process keeps the PINs and the pinned log heads: here in memory, for this page.
        pinStatus: async ({ operationId }: { operationId: string }) => ({
          enrolled: [...pins.keys()].filter((k) => k.startsWith(`${operationId}/`)).map((k) => k.slice(operationId.length + 1)),
        }),
        enrolPin: async ({ operationId, personId, pin }: { operationId: string; personId: string; pin: string }) => {
          const replaced = pins.has(`${operationId}/${personId}`);
          pins.set(`${operationId}/${personId}`, pin);
          return { status: 'enrolled', replaced };
        },
        verifyPin: async ({ operationId, personId, pin }: { operationId: string; personId: string; pin: string }) =>
          pins.get(`${operationId}/${personId}`) === pin ? { ok: true } : { ok: false, message: 'PIN 不正确' },
        readLogPin: async ({ key }: { key: string }) => ({ head: logPins.get(key) ?? null }),
        advanceLogPin: async ({ key, head }: { key: string; head: unknown }) => (logPins.set(key, head), { head }),
      },
    });
  });
  await page.reload();
  await expect(page.getByTestId('onsite-status')).toContainText('未开始');
  const calls = () => page.evaluate(() => (window as unknown as { backupCalls: { operationId: string; text: string; keep: number }[] }).backupCalls);

  await phaseByKey(page, '1', '宣布开始执行');
  await expect.poll(async () => (await calls()).length).toBe(1);
  const first = (await calls())[0]!;
  expect(first.operationId).toBe(operationId);
  expect(first.keep).toBe(20);
  expect(first.text).toContain('宣布开始执行');
  await expect(page.getByTestId('auto-backup')).toContainText(/备份 .*（至第\d+条）/);
  await expect(page.getByTestId('backup-reminder')).toHaveCount(0);

  await page.evaluate(() => (window as unknown as { failNextBackup: () => void }).failNextBackup());
  await phaseByKey(page, '2', '警戒到位');
  const failure = page.getByRole('alert').filter({ hasText: '磁盘空间不足' });
  await expect(failure).toBeVisible();
  await failure.getByRole('button', { name: /重\s?试/ }).click();
  await expect(failure).toHaveCount(0);
  expect((await calls()).at(-1)!.text).toContain('警戒到位');
});

test('browser mode: plain entries bring the reminder only once they have waited ten minutes', async ({ page }) => {
  test.setTimeout(120_000);
  await page.clock.install();
  await openConsole(page);
  const box = page.getByLabel('记录内容');
  await box.fill('现场秩序平稳');
  await box.press('Control+Enter');
  await expect(box).toHaveValue('');
  await page.clock.fastForward('05:00');
  await expect(page.getByTestId('backup-reminder')).toHaveCount(0);
  await page.clock.fastForward('05:30');
  // Nothing is backed up yet: every entry is counted (the operation's genesis, the commander's PIN, the note).
  const entries = await logEntries(page);
  expect(entries.map((e) => e.text).at(-1)).toBe('现场秩序平稳');
  await expect(page.getByTestId('backup-reminder')).toContainText(`已超过 10 分钟，有 ${entries.length} 条日志尚未备份`);
});
