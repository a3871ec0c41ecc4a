// Several stations, one record: three browser contexts (commander laptop, evidence clerk,
// group leader on a phone-sized screen) paired through a hub this test starts (port 47744),
// each running the built station page (out/renderer/src/stations) in Chromium.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { expect, test, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { startHub, type Hub } from '../../electron/hub/index';
import type { RoleGrant } from '../../shared/stations/roster';
import type {} from '../../renderer/src/stations/pageApi'; // window.station's type

const OP = 'op-e2e-stations';
const CANARY = '110101199003079999';
let hub: Hub;
let dir: string;

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'stations-e2e-'));
  hub = await startHub({ dataDir: dir, port: 47744, appRoot: path.resolve(__dirname, '../../out/renderer') });
});

test.afterAll(async () => {
  await hub?.close();
  await rm(dir, { recursive: true, force: true });
});

interface Station {
  context: BrowserContext;
  page: Page;
  key: string;
  responses: string[];
}

async function open(browser: Browser, url: string, viewport: { width: number; height: number }): Promise<Station> {
  const context = await browser.newContext({ ignoreHTTPSErrors: true, viewport, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  const page = await context.newPage();
  const responses: string[] = [];
  page.on('response', (r) => void r.text().then((t) => responses.push(t), () => undefined));
  await page.goto(url);
  await page.waitForFunction(() => window.station?.ready !== undefined);
  return { context, page, key: '', responses };
}

async function pairWith(browser: Browser, commander: Station, name: string, grant: RoleGrant, viewport: { width: number; height: number }): Promise<Station> {
  const invite = hub.invite(OP);
  const [base, fragment] = invite.link.split('#');
  const station = await open(browser, `${base}?name=${encodeURIComponent(name)}&operator=${encodeURIComponent(name + '操作员')}#${fragment}`, viewport);
  const sas = (await station.page.getByTestId('sas').textContent())!;
  station.key = (await station.page.evaluate(() => window.station.publicKey()))!;
  const pending = hub.pendingPairings().find((p) => p.publicKey === station.key && p.status === 'pending')!;
  expect(pending.sas).toBe(sas); // the commander compares the two screens
  const entry = await commander.page.evaluate(([k, n, g, s]) => window.station.pairEntry(k, n, g, s), [station.key, name, grant, sas] as const);
  await hub.admit(pending.pairingId, entry);
  await expect(station.page.locator('#sas')).toContainText('已配对');
  return station;
}

const timelineOf = (s: Station) => s.page.evaluate(() => window.station.timeline());
const verifyOf = (s: Station) => s.page.evaluate(() => window.station.verify('all'));

test('entries made on each station reach the others; an offline station catches up; all converge and verify', async ({ browser }) => {
  const commander = await open(browser, `${hub.url}/app/src/stations/station.html?operator=${encodeURIComponent('指挥员')}`, { width: 1366, height: 800 });
  expect(await commander.page.evaluate(() => crypto.subtle !== undefined && isSecureContext)).toBe(true);
  const genesis = await commander.page.evaluate((op) => window.station.found(op, '指挥工作站'), OP);
  commander.key = genesis.writer;
  const { credential, db } = await hub.openOperation(genesis);
  await commander.page.evaluate((c) => window.station.connect(c), { op: OP, db, credential, anchor: genesis.writer });

  const clerk = await pairWith(browser, commander, '证据组平板', { role: 'evidenceClerk' }, { width: 1024, height: 768 });
  const leader = await pairWith(browser, commander, '安保组手机', { role: 'groupLeader', group: 'security' }, { width: 390, height: 844 });
  const all = [commander, clerk, leader];

  await commander.page.evaluate(() => window.station.append({ category: 'phase', text: '宣布执行启动', group: '' }));
  await clerk.page.evaluate(() => window.station.note('开始全程录像', 'evidence'));
  await leader.page.evaluate(() => window.station.note('外围警戒到位', 'security'));
  await expect.poll(async () => new Set((await Promise.all(all.map(timelineOf))).map((t) => `${t.length}:${t.join()}`)).size, { timeout: 20_000 }).toBe(1);
  expect((await timelineOf(commander)).length).toBe(6); // genesis, 2 pairings, 3 entries

  // The phone goes offline and keeps writing; the others write meanwhile (one with an ID number).
  await leader.context.setOffline(true);
  for (let i = 1; i <= 3; i++) await leader.page.evaluate((n) => window.station.note(`离线巡查 ${n}`, 'security'), i);
  await commander.page.evaluate((canary) => window.station.append({ category: 'note', text: '登记被执行人', group: '', act: { kind: 'subject.put', changes: [{ table: 'subjects', op: 'put', id: 's1', record: { name: '李四', idNumber: canary } }] } }), CANARY);
  await commander.page.evaluate(() => window.station.note('疏导谈判开始'));
  await clerk.page.evaluate(() => window.station.note('1 号记录仪更换电池', 'evidence'));
  await expect(leader.page.locator('#status')).toContainText('离线', { timeout: 20_000 });
  expect((await timelineOf(leader)).length).toBe(9);
  await leader.context.setOffline(false);

  await expect.poll(async () => new Set((await Promise.all(all.map(timelineOf))).map((t) => t.join())).size, { timeout: 30_000 }).toBe(1);
  expect((await timelineOf(commander)).length).toBe(12);
  for (const s of all) {
    const v = await verifyOf(s);
    expect(v, JSON.stringify(v.problems)).toMatchObject({ ok: true, refused: [] });
  }

  // The phone never receives the ID number: not in its store, not in any response it got.
  expect(await commander.page.evaluate(() => window.station.dump())).toContain(CANARY);
  expect(await leader.page.evaluate(() => window.station.dump())).not.toContain(CANARY);
  expect(leader.responses.length).toBeGreaterThan(5);
  expect(leader.responses.join('\n')).not.toContain(CANARY);

  await leader.page.screenshot({ path: path.resolve(__dirname, '../../out/stations-phone.png') });
  await commander.page.screenshot({ path: path.resolve(__dirname, '../../out/stations-commander.png') });
  for (const s of all) await s.context.close();
});
