// Node test helper (the stations e2e and benchmark): station pages — the built station.html
// the hub serves — in Chromium contexts, founded or paired through the hub's own routes.
import type { Browser, BrowserContext, Page } from '@playwright/test';
import type { Hub } from '../../electron/hub/index';
import type { RoleGrant } from '../../shared/stations/roster';
import type { StationEntry } from '../../shared/stations/types';
import type {} from '../../renderer/src/stations/pageApi'; // window.station's type

export interface StationPage {
  context: BrowserContext;
  page: Page;
  key: string;
  /** The text of every response the page received (canary checks). */
  responses: string[];
}

export type Viewport = { width: number; height: number };
export const LAPTOP: Viewport = { width: 1366, height: 800 };

/** The commander's signature on a pairing: from its page, or from a Node station. */
export type SignPairing = (key: string, name: string, grant: RoleGrant, sas: string) => Promise<StationEntry>;

export async function openStationPage(browser: Browser, url: string, viewport: Viewport = LAPTOP): Promise<StationPage> {
  const context = await browser.newContext({ ignoreHTTPSErrors: true, viewport, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  const page = await context.newPage();
  const responses: string[] = [];
  page.on('response', (r) => void r.text().then((t) => responses.push(t), () => undefined));
  await page.goto(url);
  await page.waitForFunction(() => window.station?.ready !== undefined);
  return { context, page, key: '', responses };
}

/** A commander station page founds `op` (genesis), the hub opens it, the page connects. */
export async function foundCommanderPage(browser: Browser, hub: Hub, op: string, viewport: Viewport = LAPTOP): Promise<StationPage> {
  const commander = await openStationPage(browser, `${hub.url}/app/src/stations/station.html?operator=${encodeURIComponent('指挥员')}`, viewport);
  const genesis = await commander.page.evaluate((o) => window.station.found(o, '指挥工作站'), op);
  commander.key = genesis.writer;
  const { credential, db } = await hub.openOperation(genesis);
  await commander.page.evaluate((c) => window.station.connect(c), { op, db, credential, anchor: genesis.writer });
  return commander;
}

/** The commander page's signature on a pairing. */
export const pairingFrom = (commander: StationPage): SignPairing => (key, name, grant, sas) =>
  commander.page.evaluate(([k, n, g, s]) => window.station.pairEntry(k, n, g, s), [key, name, grant, sas] as const);

/**
 * A station page pairs from the QR link: the hub's pending pairing must show the SAS its
 * screen shows; the commander admits it; the page collects its credential and connects.
 */
export async function pairStationPage(browser: Browser, hub: Hub, op: string, name: string, grant: RoleGrant, sign: SignPairing, viewport: Viewport = LAPTOP): Promise<StationPage> {
  const [base, fragment] = hub.invite(op).link.split('#');
  const station = await openStationPage(browser, `${base}?name=${encodeURIComponent(name)}&operator=${encodeURIComponent(name + '操作员')}#${fragment}`, viewport);
  const sas = (await station.page.getByTestId('sas').textContent())!;
  station.key = (await station.page.evaluate(() => window.station.publicKey()))!;
  const pending = hub.pendingPairings().find((p) => p.publicKey === station.key && p.status === 'pending');
  if (!pending || pending.sas !== sas) throw new Error(`核对码不一致：同步中心 ${pending?.sas ?? '（无）'}，工作站 ${sas}`);
  await hub.admit(pending.pairingId, await sign(station.key, name, grant, sas));
  await station.page.locator('#sas', { hasText: '已配对' }).waitFor();
  return station;
}
