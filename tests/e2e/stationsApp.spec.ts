// 工作站与同步 in the app itself: two browser-mode laptops, each its own launcher, data folder
// and hub — the commander's is the Playwright web server, the clerk's a second launcher this
// spec starts (port E2E_PORT+1, its hub E2E_PORT+2) — paired through the screens only: the
// commander opens the demo operation on its hub and invites, the clerk pastes the link, both
// screens show one short code, the commander admits it as 证据保全组. Entries made on each
// reach the other's log; the clerk goes offline, writes, reconnects, and both converge; the
// commander revokes the clerk, whose next contact is refused and shown in 拒收记录.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { runLauncher, type LauncherDeps } from '../../electron/launch/launcher';
import { readStore } from './support/files';
import { fixClock } from './support/onSite';
import { COMMANDER, signInWhenAsked } from './support/signIn';

const E2E_PORT = Number(process.env.E2E_PORT ?? 47699);
const CLERK_PORT = E2E_PORT + 1;
const CLERK_HUB_PORT = E2E_PORT + 2;
const shots = path.resolve(__dirname, '../screenshots');

interface Launcher {
  stop: () => void;
  exit: Promise<number>;
  dir: string;
}

async function startClerkLaptop(): Promise<Launcher> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'stations-app-clerk-'));
  let stop = () => {};
  const stopRequested = new Promise<void>((resolve) => (stop = resolve));
  const out: string[] = [];
  const deps: LauncherDeps = {
    projectRoot: path.resolve(__dirname, '../..'),
    platform: process.platform,
    env: { ENFORCEMENT_CONSOLE_DATA_DIR: dir, ENFORCEMENT_CONSOLE_HUB_PORT: String(CLERK_HUB_PORT), PATH: '' },
    home: dir,
    uid: undefined,
    out: (line) => out.push(line),
    err: (line) => out.push(line),
    lookupElectron: () => Promise.resolve({ ok: false, reason: 'e2e' }),
    exists: existsSync,
    stopRequested,
  };
  const exit = runLauncher(['--browser', '--no-open', '--port', String(CLERK_PORT)], deps);
  await expect.poll(() => out.some((l) => l.startsWith('同步中心：')), { timeout: 30_000, message: out.join('\n') }).toBe(true);
  return { stop, exit, dir };
}

let clerkLaptop: Launcher;

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  clerkLaptop = await startClerkLaptop();
});

test.afterAll(async () => {
  clerkLaptop?.stop();
  await clerkLaptop?.exit;
  if (clerkLaptop) rmSync(clerkLaptop.dir, { recursive: true, force: true });
});

async function laptop(browser: Browser, baseURL: string): Promise<Page> {
  const context = await browser.newContext({ baseURL, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', viewport: { width: 1366, height: 800 } });
  const page = await context.newPage();
  await fixClock(page);
  await signInWhenAsked(page, COMMANDER);
  return page;
}

async function writeNote(page: Page, text: string) {
  await page.getByRole('menuitem', { name: /现场指挥/ }).click();
  await page.getByLabel('记录内容').fill(text);
  await page.getByLabel('记录内容').press('Control+Enter');
  await expect(page.getByLabel('记录内容')).toHaveValue('');
}

/** The hashes of the operation's entries this station holds (the Dexie mirror), sorted. */
const heldHashes = async (page: Page, op: string) => (await readStore<{ hash: string }>(page, 'stationEntries', op)).map((e) => e.hash).sort();

const operationIdOf = (page: Page) => decodeURIComponent(/#\/operations\/([^/]+)/.exec(page.url())![1]!);

test('two laptops pair through the screens, exchange entries, converge after going offline, and a revoked station is refused', async ({ browser }) => {
  test.setTimeout(180_000);
  const commander = await laptop(browser, `http://127.0.0.1:${E2E_PORT}/`);
  const clerk = await laptop(browser, `http://127.0.0.1:${CLERK_PORT}/`);

  // The commander loads the demo operation and opens it on this laptop's hub.
  await commander.goto('/');
  await commander.getByRole('button', { name: '载入示例行动' }).click();
  await expect(commander.getByRole('heading', { name: '张建国等 2 人户' })).toBeVisible();
  const op = operationIdOf(commander);
  await commander.getByRole('menuitem', { name: /工作站与同步/ }).click();
  await expect(commander.getByTestId('hub-status')).toContainText('运行中');
  await commander.getByRole('button', { name: '在本机同步中心开放本行动并邀请工作站…' }).click();
  const link = (await commander.getByTestId('invite-link').textContent())!.trim();
  expect(link).toMatch(/^https:\/\/127\.0\.0\.1:\d+\/pair#v=1&fp=[0-9a-f]{64}&t=/);
  await expect(commander.getByTestId('invite-qr')).toBeVisible();
  await expect(commander.getByTestId('sync-own')).toContainText('已同步', { timeout: 20_000 });

  // The clerk's laptop joins with the link; both screens show the same short code.
  await clerk.goto('/');
  await clerk.getByRole('button', { name: '工作站与同步' }).click();
  await clerk.getByLabel(/配对链接/).fill(link);
  await clerk.getByLabel(/本工作站名称/).fill('证据组电脑');
  await clerk.getByRole('button', { name: '加入' }).click();
  await expect(clerk.getByText('请与指挥部屏幕上的校验码核对：')).toBeVisible();
  const sas = (await clerk.getByTestId('join-sas').textContent())!;
  expect(sas).toMatch(/^\d{3} \d{3}$/);
  const pending = commander.getByTestId('pending-pairing').filter({ hasText: '证据组电脑' });
  await expect(pending.getByTestId('pending-sas')).toHaveText(sas, { timeout: 10_000 });
  await commander.screenshot({ path: path.join(shots, 'stations-commander-pairing.png'), fullPage: true });
  await clerk.screenshot({ path: path.join(shots, 'stations-clerk-join.png') });

  // Admitted as 证据保全组; the operation's record arrives on the clerk's laptop.
  await pending.getByRole('combobox', { name: '工作站角色' }).click();
  await commander.locator('.ant-select-dropdown:visible').getByTitle('证据保全组', { exact: true }).click();
  await pending.getByRole('button', { name: '确认配对' }).click();
  await expect(clerk.getByText('已配对，本站角色：证据保全组')).toBeVisible({ timeout: 15_000 });
  await expect(clerk.getByRole('button', { name: '打开该行动' })).toBeEnabled({ timeout: 30_000 });
  await expect(commander.getByTestId('roster')).toContainText('证据组电脑');
  await expect(commander.getByTestId('roster')).toContainText('证据保全组');
  await clerk.getByRole('button', { name: '打开该行动' }).click();
  await expect(clerk.getByRole('heading', { name: '张建国等 2 人户' })).toBeVisible();

  // An entry made on each appears in the other's log.
  await writeNote(commander, '外围警戒到位（指挥部）');
  await writeNote(clerk, '开始全程录像（证据组）');
  await expect(commander.getByTestId('timeline')).toContainText('开始全程录像（证据组）', { timeout: 20_000 });
  await expect(clerk.getByTestId('timeline')).toContainText('外围警戒到位（指挥部）', { timeout: 20_000 });

  // Offline, the clerk keeps writing; the status line says what waits; back online, both converge.
  await clerk.context().setOffline(true);
  await writeNote(clerk, '1 号记录仪更换电池（离线时记录）');
  await expect(clerk.getByTestId('sync-own')).toHaveText('离线，1 条待同步', { timeout: 15_000 });
  await writeNote(commander, '疏导谈判开始（指挥部）');
  await clerk.screenshot({ path: path.join(shots, 'stations-clerk-offline.png') });
  await clerk.context().setOffline(false);
  await expect(commander.getByTestId('timeline')).toContainText('1 号记录仪更换电池（离线时记录）', { timeout: 30_000 });
  await expect(clerk.getByTestId('timeline')).toContainText('疏导谈判开始（指挥部）', { timeout: 30_000 });
  await expect(clerk.getByTestId('sync-own')).toContainText('已同步', { timeout: 20_000 });
  await expect.poll(async () => JSON.stringify(await heldHashes(clerk, op)), { timeout: 20_000 }).toBe(JSON.stringify(await heldHashes(commander, op)));
  // The same count and verdict (each station prints its own chain's head, which pins the others by their seen marks).
  const verdict = async (page: Page) => (await page.getByTestId('log-status').textContent())!.replace(/链头 \S+ 第\d+条 [0-9a-f]{8} · /, '');
  await expect.poll(() => verdict(clerk), { timeout: 20_000 }).toBe(await verdict(commander));
  expect(await verdict(commander)).toMatch(/^日志 \d+ 条 · 校验通过$/);
  await commander.getByRole('menuitem', { name: /工作站与同步/ }).click();
  // Both pages run a clock fixed at a lawful moment (fixClock), hours off the hub's: the clerk's is flagged.
  const clerkStatus = commander.getByTestId('sync-station').filter({ hasText: '证据组电脑' });
  await expect(clerkStatus).toContainText('待 0', { timeout: 20_000 });
  await expect(clerkStatus).toContainText('时钟偏差');
  await expect(commander.getByTestId('roster').getByRole('row').filter({ hasText: '证据组电脑' })).toContainText('时钟偏差超过 60 秒');
  await commander.screenshot({ path: path.join(shots, 'stations-commander-roster.png'), fullPage: true });

  // The commander revokes the clerk: its next contact is refused, shown in 拒收记录; its later entry reaches no one.
  await commander.getByTestId('roster').getByRole('row').filter({ hasText: '证据组电脑' }).getByRole('button', { name: '撤销' }).click();
  const confirm = commander.getByRole('dialog').filter({ hasText: '撤销工作站「证据组电脑」？' });
  await expect(confirm).toContainText('在所有工作站都不予接受');
  await confirm.getByRole('button', { name: '撤销' }).click();
  await expect(commander.getByTestId('roster').getByRole('row').filter({ hasText: '证据组电脑' })).toContainText('已撤销', { timeout: 10_000 });
  await expect(clerk.getByTestId('sync-own')).toHaveText(/本站已被撤销/, { timeout: 30_000 });
  await writeNote(clerk, '撤销之后写入的记录');
  await expect(commander.getByTestId('refusals')).toContainText('已撤销的工作站「证据组电脑」', { timeout: 20_000 });
  await expect(commander.getByTestId('refusals')).toContainText('其撤销后写入的记录一律不予接受');
  await commander.waitForTimeout(3000);
  await commander.getByRole('menuitem', { name: /现场指挥/ }).click();
  await expect(commander.getByTestId('timeline')).not.toContainText('撤销之后写入的记录');
  await commander.getByRole('menuitem', { name: /工作站与同步/ }).click();
  await commander.screenshot({ path: path.join(shots, 'stations-commander-revoked.png'), fullPage: true });
  await clerk.getByRole('menuitem', { name: /工作站与同步/ }).click();
  await expect(clerk.getByText(/指挥工作站已撤销本工作站/)).toBeVisible();
  await expect(clerk.getByText('本站有 1 条记录未送达同步中心，其他工作站不会接受。')).toBeVisible();
  await clerk.screenshot({ path: path.join(shots, 'stations-clerk-revoked.png'), fullPage: true });
});
