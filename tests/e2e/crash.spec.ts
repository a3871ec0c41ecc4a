// Node tool (Playwright). Crash safety (issue 7): Chromium is killed with SIGKILL at a random
// moment during a burst of log entries, restarted on the same profile, and every entry the
// UI had acknowledged (the text box cleared after the save resolved) must be there, with
// the chain verifying. `npm test` runs a few rounds; `npm run test:soak` runs 100.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, expect, test, type Browser, type Page } from '@playwright/test';
import { chromiumFlags } from '../../playwright.config';
import { signInWhenAsked } from './support/signIn';

const ROUNDS = Number(process.env.CRASH_ROUNDS ?? 4);
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

interface Running {
  process: ChildProcess;
  browser: Browser;
  page: Page;
}

/** Starts Chromium on the profile as its own process group (so the kill takes every child). */
async function start(profile: string): Promise<Running> {
  const child = spawn(CHROMIUM, [...chromiumFlags, '--headless=new', '--remote-debugging-port=0', `--user-data-dir=${profile}`, 'about:blank'], {
    detached: true,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const ws = await new Promise<string>((resolve, reject) => {
    let seen = '';
    const timer = setTimeout(() => reject(new Error(`Chromium did not start: ${seen}`)), 30_000);
    child.stderr!.on('data', (chunk: Buffer) => {
      seen += chunk.toString();
      const match = /DevTools listening on (ws:\S+)/.exec(seen);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    });
  });
  const browser = await chromium.connectOverCDP(ws);
  const context = browser.contexts()[0]!;
  const page = context.pages()[0] ?? (await context.newPage());
  return { process: child, browser, page };
}

/** What power loss looks like to the browser: no unload, no flush, every process gone at once. */
async function kill(running: Running): Promise<void> {
  const exited = new Promise((resolve) => running.process.once('exit', resolve));
  try {
    process.kill(-running.process.pid!, 'SIGKILL');
  } catch {
    // Already gone.
  }
  await exited;
}

/**
 * The operation's log texts and whether each station's seqs run 1..n, read straight from
 * IndexedDB: the mirror of the signed entries (stationEntries), which the app brings up to
 * what the station's store holds when the operation opens, before it shows the log.
 */
function storedLog(page: Page, operationId: string) {
  return page.evaluate(
    (id) =>
      new Promise<{ texts: string[]; seqs: number[][] }>((resolve, reject) => {
        const open = indexedDB.open('enforcement-console');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const read = open.result.transaction('stationEntries').objectStore('stationEntries').getAll();
          read.onsuccess = () => {
            const entries = (read.result as { operationId: string; writer: string; seq: number; text: string }[]).filter((e) => e.operationId === id);
            const writers = [...new Set(entries.map((e) => e.writer))];
            open.result.close();
            resolve({
              texts: entries.map((e) => e.text),
              seqs: writers.map((w) => entries.filter((e) => e.writer === w).map((e) => e.seq).sort((a, b) => a - b)),
            });
          };
          read.onerror = () => reject(read.error);
        };
      }),
    operationId,
  );
}

test('a half-typed form survives the browser being killed', async ({ baseURL }) => {
  const profile = mkdtempSync(join(tmpdir(), 'crash-profile-'));
  try {
    let running = await start(profile);
    await running.page.goto(new URL('index.html#/new', baseURL).href);
    await running.page.getByLabel('作出裁定的人民法院').fill('北京市西城区人民法院');
    await running.page.getByLabel('裁定书文号').fill('（2026）京0102行审77号');
    // Typed text counts as kept once its draft is in the database (saved on every change).
    await expect
      .poll(() =>
        running.page.evaluate(
          () =>
            new Promise<string>((resolve) => {
              const open = indexedDB.open('enforcement-console');
              open.onsuccess = () => {
                const read = open.result.transaction('drafts').objectStore('drafts').getAll();
                read.onsuccess = () => {
                  open.result.close();
                  resolve(JSON.stringify(read.result));
                };
              };
            }),
        ),
      )
      .toContain('行审77号');
    await kill(running);
    running = await start(profile);
    await running.page.goto(new URL('index.html#/new', baseURL).href);
    await expect(running.page.getByText('已恢复上次未提交的填写内容')).toBeVisible();
    await expect(running.page.getByLabel('裁定书文号')).toHaveValue('（2026）京0102行审77号');
    await expect(running.page.getByLabel('作出裁定的人民法院')).toHaveValue('北京市西城区人民法院');
    await running.browser.close();
    await kill(running);
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
});

test(`acknowledged log entries survive ${ROUNDS} kills of the browser at random moments`, async ({ baseURL }) => {
  test.setTimeout(60_000 + ROUNDS * 30_000);
  const profile = mkdtempSync(join(tmpdir(), 'crash-profile-'));
  const acknowledged: string[] = [];
  let kills = 0;
  try {
    let running = await start(profile);
    await signInWhenAsked(running.page);
    await running.page.goto(new URL('index.html', baseURL).href);
    await running.page.getByRole('button', { name: '载入示例行动' }).click();
    await running.page.getByRole('menuitem', { name: /现场指挥/ }).click();
    await expect(running.page.getByTestId('onsite-status')).toBeVisible();
    const url = running.page.url();
    const operationId = decodeURIComponent(/#\/operations\/([^/]+)/.exec(url)![1]!);

    for (let round = 1; round <= ROUNDS; round++) {
      const page = running.page;
      const box = page.getByLabel('记录内容');
      await expect(box).toBeEnabled();
      // The kill lands anywhere in the burst: mid-typing, mid-transaction, mid-render.
      const killAt = 300 + Math.random() * 1_700;
      const killed = new Promise<void>((resolve) => setTimeout(() => void kill(running).then(resolve), killAt));
      let killedYet = false;
      void killed.then(() => (killedYet = true));
      for (let n = 1; !killedYet; n++) {
        const text = `断电测试 第${round}轮 第${n}条`;
        try {
          await box.fill(text, { timeout: 5_000 });
          await box.press('Control+Enter', { timeout: 5_000 });
          await expect(box).toHaveValue('', { timeout: 5_000 });
          acknowledged.push(text);
        } catch {
          break;
        }
      }
      await killed;
      kills++;

      running = await start(profile);
      // After a restart the workspace asks for the PIN again.
      await signInWhenAsked(running.page);
      await running.page.goto(url);
      // The app verifies the chain when the operation opens.
      await expect(running.page.getByText(/日志 \d+ 条 · 链头 .* · 校验通过/)).toBeVisible({ timeout: 20_000 });
      const log = await storedLog(running.page, operationId);
      for (const seqs of log.seqs) expect(seqs).toEqual(seqs.map((_, i) => i + 1));
      const stored = new Set(log.texts);
      const lost = acknowledged.filter((t) => !stored.has(t));
      expect(lost, `第${round}轮后丢失已确认的记录`).toEqual([]);
    }
    await running.browser.close();
    await kill(running);
    console.log(`断电测试：${kills} 次强制终止，已确认记录 ${acknowledged.length} 条，全部在库，日志校验通过`);
    expect(acknowledged.length).toBeGreaterThan(ROUNDS);
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
});
