// The group leader's phone page (renderer/src/stations/phone), served by a hub this test
// starts: a commander's station and two phones (390×844, touch) paired through it. The
// commander's orders reach the phone, which acknowledges them; the phone checks a member in,
// reports an incident with a photo, records a note, marks a task done, also offline; the
// commander's copy holds every one of these entries (and the photo's bytes). An observer's
// phone is offered nothing to write; once revoked, it clears itself at its next contact.
import path from 'node:path';
import { createHash, X509Certificate } from 'node:crypto';
import { chromium, expect, test, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { chromiumFlags } from '../../playwright.config';
import { useStationHub } from './support/stationHub';
import type { RoleGrant } from '../../shared/stations/roster';
import type { Act, StationEntry } from '../../shared/stations/types';
import type {} from '../../renderer/src/stations/pageApi'; // window.station's type

const OP = 'op-e2e-phone';
/** 47851–47859 are this suite's hub ports (E2E_PORT 47850 is the app's). */
const HUB_PORT = Number(process.env.E2E_PORT ?? 47850) + 1;
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };
const shots = path.resolve(__dirname, '../screenshots');
// A 2×2 PNG: what a camera hands the page, small.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAFklEQVR4nGP4z8DAwMDAxMDAwMDAAAANHQEDasKb6QAAAABJRU5ErkJggg==', 'base64');

test.describe.configure({ mode: 'serial' });
const hubOf = useStationHub('phone-e2e', HUB_PORT);

interface Station {
  context: BrowserContext;
  page: Page;
}

async function stationPage(browser: Browser, url: string, options: Parameters<Browser['newContext']>[0]): Promise<Station> {
  const context = await browser.newContext({ ignoreHTTPSErrors: true, ...options, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  const page = await context.newPage();
  page.on('pageerror', (e) => console.error('page error:', e.message, e.stack));
  await page.goto(url);
  await page.waitForFunction(() => window.station?.ready !== undefined);
  return { context, page };
}

/** A phone scans the QR link; both screens show the same code; the commander admits it. */
async function pairPhone(browser: Browser, commander: Station, name: string, grant: RoleGrant, ignoreHTTPSErrors = true): Promise<Station> {
  const hub = hubOf();
  const [base, fragment] = hub.invite(OP).link.split('#');
  const phone = await stationPage(browser, `${base}?name=${encodeURIComponent(name)}#${fragment}`, { ...PHONE, ignoreHTTPSErrors });
  const sas = (await phone.page.getByTestId('sas').textContent())!;
  const key = (await phone.page.evaluate(() => window.station.publicKey()))!;
  const pending = hub.pendingPairings().find((p) => p.publicKey === key && p.status === 'pending')!;
  expect(pending.sas).toBe(sas);
  const entry = await commander.page.evaluate(([k, n, g, s]) => window.station.pairEntry(k, n, g, s), [key, name, grant, sas] as const);
  await hub.admit(pending.pairingId, entry);
  await expect(phone.page.locator('#sas')).toContainText('已配对');
  return phone;
}

/** The entries a station holds, with each document's attachments (base64), from its database. */
async function held(s: Station): Promise<Array<{ entry: StationEntry; attachments: Record<string, { data: string; content_type: string }> }>> {
  const rows = JSON.parse(await s.page.evaluate(() => window.station.dump())) as Array<{ id: string; doc: { entry?: StationEntry; _attachments?: Record<string, { data: string; content_type: string }> } }>;
  return rows.filter((r) => r.id.startsWith('e.') && r.doc.entry).map((r) => ({ entry: r.doc.entry!, attachments: r.doc._attachments ?? {} }));
}

const commandPostRecords: Act = {
  kind: 'commandPost.save',
  changes: [
    { table: 'memberUnits', op: 'put' as const, id: 'u1', record: { id: 'u1', operationId: OP, name: '区公安分局', role: '现场安保' } },
    { table: 'people', op: 'put' as const, id: 'p1', record: { id: 'p1', operationId: OP, memberUnitId: 'u1', name: '王五', post: '民警', phone: '13800000001', badgeNumber: 'A01', training: { course: '征收政策法规培训', date: '2026-01-10' } } },
    { table: 'people', op: 'put' as const, id: 'p2', record: { id: 'p2', operationId: OP, memberUnitId: 'u1', name: '赵六', post: '辅警', phone: '13800000002', badgeNumber: 'A02', training: { course: '征收政策法规培训', date: '2026-01-10' } } },
    { table: 'people', op: 'put' as const, id: 'p3', record: { id: 'p3', operationId: OP, memberUnitId: 'u1', name: '孙八', post: '辅警', phone: '13800000003', badgeNumber: 'A03' } },
    { table: 'workingGroups', op: 'put' as const, id: 'g1', record: { id: 'g1', operationId: OP, code: 'security', name: '安保组', duties: '警戒', leaderId: 'p1', memberIds: ['p1', 'p2', 'p3'], channel: '对讲 3 频道', position: 0 } },
    {
      table: 'tasks',
      op: 'put' as const,
      id: 't1',
      record: { id: 't1', operationId: OP, record: 'task', groupId: 'security', kind: 'followUp', title: '回访东侧邻户', owner: '王五', dueOn: '2026-12-20', status: 'open', doneOn: '', note: '', createdAt: '2026-12-01T09:00:00.000+08:00', updatedAt: '2026-12-01T09:00:00.000+08:00' },
    },
  ],
};

test("a group leader's phone: orders acknowledged, check-in, an incident with a photo, a note and a task, online and offline; an observer writes nothing", async ({ browser }) => {
  const hub = hubOf();
  const commander = await stationPage(browser, `${hub.url}/app/src/stations/station.html?operator=${encodeURIComponent('指挥员')}`, { viewport: { width: 1366, height: 800 } });
  const genesis = await commander.page.evaluate((op) => window.station.found(op, '指挥工作站'), OP);
  const { credential, db } = await hub.openOperation(genesis);
  await commander.page.evaluate((c) => window.station.connect(c), { op: OP, db, credential, anchor: genesis.writer });
  await commander.page.evaluate((act) => window.station.append({ category: 'edit', text: '临时指挥部：成员单位、人员、工作组、善后事项', act: JSON.parse(act) as Act }), JSON.stringify(commandPostRecords));

  // The group leader's phone has installed the hub's CA (README, 手机信任): its browser trusts the
  // hub, as Chromium does for the CA's key named here, so the page's service worker may run.
  const spki = createHash('sha256').update(new X509Certificate(hub.caCert).publicKey.export({ type: 'spki', format: 'der' })).digest('base64');
  const trusting = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: [...chromiumFlags, `--ignore-certificate-errors-spki-list=${spki}`] });
  const leader = await pairPhone(trusting, commander, '安保组手机', { role: 'groupLeader', group: 'security' }, false);
  const observer = await pairPhone(browser, commander, '观察员手机', { role: 'observer' });
  const phone = leader.page;

  // The group's members arrive from the replicated records; the role is shown.
  await expect(phone.getByTestId('member')).toHaveCount(3, { timeout: 20_000 });
  await expect(phone.locator('#status')).toContainText('工作组组长（安保组）');
  await expect(phone.getByTestId('member').nth(2)).toContainText('无培训记录');

  // The commander declares the start and then 中止执行: both reach the phone as orders to acknowledge.
  await commander.page.evaluate(() => window.station.append({ category: 'phase', text: '宣布开始执行', data: { phase: 'start' } }));
  const stop = await commander.page.evaluate(() => window.station.append({ category: 'suspension', text: '围观人员冲击警戒线，暂停执行', data: { ground: 'art39-4' } }));
  await expect(phone.locator('#phase-now')).toContainText('已中止', { timeout: 20_000 });
  await expect(phone.locator('.order.pending')).toHaveCount(2);
  await expect(phone.locator('#pending-orders')).toHaveText('2 条指令待确认');
  await phone.locator('.order.pending').filter({ hasText: '中止执行' }).getByTestId('ack').tap();
  await expect(phone.locator('.order.pending')).toHaveCount(1);
  await expect(phone.getByTestId('order').filter({ hasText: '中止执行' })).toContainText('已确认收到');
  await expect.poll(async () => (await held(commander)).some(({ entry }) => entry.category === 'ack' && entry.refs['order'] === stop.hash), { timeout: 20_000 }).toBe(true);

  // 签到: a tap on the member.
  await phone.getByTestId('member').filter({ hasText: '赵六' }).getByTestId('check-in').tap();
  await expect(phone.getByTestId('member').filter({ hasText: '赵六' })).toContainText('已到岗');

  // 报告情况: a photo over the cap is refused with a message; a camera photo is attached.
  await phone.locator('#incident-photo').setInputFiles({ name: 'big.jpg', mimeType: 'image/jpeg', buffer: Buffer.alloc(5 * 1024 * 1024 + 1, 0xff) });
  await expect(phone.locator('#photo-info')).toContainText('超过 5 MB 上限');
  await phone.locator('[data-severity=serious]').tap();
  await phone.locator('#incident-summary').fill('一名围观人员翻越东侧围挡');
  await phone.locator('#incident-handling').fill('已劝离至警戒线外');
  await phone.locator('#report').tap();
  await expect(phone.locator('#report-error')).toContainText('较大、重大事件须报告领导小组');
  await phone.locator('#incident-reported-to').fill('现场指挥部');
  await phone.locator('#incident-photo').setInputFiles({ name: 'IMG_0001.png', mimeType: 'image/png', buffer: PNG });
  await expect(phone.locator('#photo-info')).toContainText('IMG_0001.png');
  await phone.locator('#report').tap();
  await expect(phone.locator('#photo-info')).toHaveText('已提交（含照片）');
  await expect(phone.locator('#incident-summary')).toHaveValue('');

  // 本组任务 and 本组记录.
  const task = phone.getByTestId('task').filter({ hasText: '回访东侧邻户' });
  await task.getByRole('textbox').fill('已上门回访，无异议');
  await task.getByTestId('task-done').tap();
  await expect(task).toContainText('已完成');
  await phone.locator('#note-text').fill('东侧警戒线已恢复');
  await phone.locator('#note').tap();
  await expect(phone.locator('#group-log')).toContainText('东侧警戒线已恢复');

  // The commander's copy holds them all: the check-in of 赵六, the incident with the photo's bytes, the task done.
  await expect
    .poll(async () => (await held(commander)).filter(({ entry }) => entry.group === 'security' && ['checkIn', 'incident', 'note'].includes(entry.category)).length, { timeout: 20_000 })
    .toBe(4);
  const copy = await held(commander);
  expect(copy.find(({ entry }) => entry.category === 'checkIn')!.entry).toMatchObject({ refs: { people: ['p2'] }, text: '赵六（区公安分局）到岗', operator: { name: '王五', personId: 'p1' } });
  const incident = copy.find(({ entry }) => entry.category === 'incident')!;
  expect(incident.entry.text).toContain('【较大事件】一名围观人员翻越东侧围挡');
  expect(incident.entry.files).toEqual([expect.objectContaining({ name: 'photo.png', contentType: 'image/png', size: PNG.length })]);
  expect(incident.attachments['photo.png']!.data).toBe(PNG.toString('base64'));
  expect(copy.find(({ entry }) => entry.act?.changes[0]?.table === 'tasks' && entry.writer !== genesis.writer)!.entry.act!.changes[0]!.record).toMatchObject({ status: 'done', note: '已上门回访，无异议' });

  await phone.evaluate(() => window.scrollTo(0, 0));
  await phone.screenshot({ path: path.join(shots, 'phone-leader.png') });
  await phone.screenshot({ path: path.join(shots, 'phone-leader-full.png'), fullPage: true });

  // Offline: the phone keeps recording and says how many entries wait; back online, they reach the commander.
  await leader.context.setOffline(true);
  await expect(phone.locator('#status')).toContainText('离线', { timeout: 20_000 });
  await phone.locator('#note-text').fill('离线时记录：西侧无异常');
  await phone.locator('#note').tap();
  await phone.locator('.order.pending').first().getByTestId('ack').tap();
  await expect(phone.locator('#status')).toContainText('离线，2 条待同步');
  // Reloaded with no network, the page opens from the copy its service worker kept, with its record.
  await phone.reload();
  await expect(phone.getByTestId('member')).toHaveCount(3);
  await expect(phone.locator('#status')).toContainText('离线，2 条待同步');
  await phone.screenshot({ path: path.join(shots, 'phone-offline.png') });
  await leader.context.setOffline(false);
  await expect(phone.locator('#status')).toContainText('已同步', { timeout: 30_000 });
  await expect.poll(async () => (await held(commander)).some(({ entry }) => entry.text === '离线时记录：西侧无异常'), { timeout: 20_000 }).toBe(true);
  await expect(phone.locator('#pending-orders')).toBeEmpty();

  // The observer sees the phase and the orders, and is offered nothing to write.
  const obs = observer.page;
  await expect(obs.locator('#phase-now')).toContainText('已中止', { timeout: 20_000 });
  await expect(obs.getByTestId('order')).toHaveCount(2);
  await expect(obs.locator('#read-only')).toContainText('观察员工作站只能查看，不能写入记录');
  for (const id of ['#checkin', '#report-card', '#note-card', '#tasks-card']) await expect(obs.locator(id)).toBeHidden();
  await expect(obs.getByTestId('ack')).toHaveCount(0);
  await expect(obs.locator('button:visible')).toHaveCount(0);
  await obs.screenshot({ path: path.join(shots, 'phone-observer.png') });
  // A write forced through the page's script is refused by the hub, with the reason, and reaches no one.
  await obs.evaluate(() => window.station.note('观察员试图写入'));
  await expect.poll(async () => (await hub.refusals(OP)).map((r) => r.reason).join('\n'), { timeout: 20_000 }).toContain('观察员工作站只能查看，不能写入记录');
  expect((await held(commander)).some(({ entry }) => entry.text === '观察员试图写入')).toBe(false);

  // Revoked, the observer's phone clears its copy and key at its next contact with the hub.
  const observerKey = (await obs.evaluate(() => window.station.publicKey()))!;
  await commander.page.evaluate((k) => window.station.revokeEntry(k, '观察员手机', 1), observerKey);
  await expect(obs.locator('#status')).toContainText('已被指挥员撤销', { timeout: 30_000 });
  await expect(obs.locator('#phone')).toBeEmpty();
  await expect.poll(() => obs.evaluate(async () => (await indexedDB.databases()).map((d) => d.name))).not.toContain(`_pouch_station-${OP}`);

  for (const s of [commander, leader, observer]) await s.context.close();
  await trusting.close();
});
