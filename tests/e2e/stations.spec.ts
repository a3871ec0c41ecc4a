// Several stations, one record: three browser contexts (commander laptop, evidence clerk,
// group leader on a phone-sized screen) paired through a hub this test starts (port
// E2E_HUB_PORT, 47744 by default), each running the built station page
// (out/renderer/src/stations) in Chromium. Then what the hub and the stations refuse: an
// unpaired client, a stock PouchDB client pushing a revision 2, a revoked station's later
// entry, and one station's chain rewritten (re-hashed, re-signed with its own key).
/// <reference path="../../electron/hub/pouchdb.d.ts" />
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { expect, test, type Browser } from '@playwright/test';
import { startHub, type Hub } from '../../electron/hub/index';
import { canonicalBytes, sha256Hex } from '../../shared/stations/canonical';
import { entryDoc, entryDocId, type EntryDoc } from '../../shared/stations/docs';
import { toBase64url } from '../../shared/stations/encoding';
import type { StationEntry } from '../../shared/stations/types';
import type { StationConnection } from '../../renderer/src/stations/pageApi'; // and window.station's type
import PouchDB from 'pouchdb';
import { agentFor, MemoryPouch, remoteDb } from '../soak/station';
import { foundCommanderPage, pairingFrom, pairStationPage, type StationPage } from '../soak/stationPages';

const OP = 'op-e2e-stations';
const CANARY = '110101199003079999';
const HUB_PORT = Number(process.env['E2E_HUB_PORT'] ?? 47744);
let hub: Hub;
let dir: string;

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'stations-e2e-'));
  hub = await startHub({ dataDir: dir, port: HUB_PORT, appRoot: path.resolve(__dirname, '../../out/renderer') });
});

test.afterAll(async () => {
  await hub?.close();
  await rm(dir, { recursive: true, force: true });
});

type Station = StationPage;

const timelineOf = (s: Station) => s.page.evaluate(() => window.station.timeline());
const verifyOf = (s: Station) => s.page.evaluate(() => window.station.verify('all'));

/** The commander founds `op` on the hub; the evidence clerk's tablet and a group leader's phone pair with it. */
async function threeStations(browser: Browser, op: string): Promise<{ commander: Station; clerk: Station; leader: Station }> {
  const commander = await foundCommanderPage(browser, hub, op);
  expect(await commander.page.evaluate(() => crypto.subtle !== undefined && isSecureContext)).toBe(true);
  const clerk = await pairStationPage(browser, hub, op, '证据组平板', { role: 'evidenceClerk' }, pairingFrom(commander), { width: 1024, height: 768 });
  const leader = await pairStationPage(browser, hub, op, '安保组手机', { role: 'groupLeader', group: 'security' }, pairingFrom(commander), { width: 390, height: 844 });
  return { commander, clerk, leader };
}

test('entries made on each station reach the others; an offline station catches up; all converge and verify', async ({ browser }) => {
  const { commander, clerk, leader } = await threeStations(browser, OP);
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

// What the hub and the stations refuse, on a second operation of the same hub.
const TRUST_OP = 'op-e2e-trust';
let trust: ReturnType<typeof threeStations> | undefined;
const trustStations = (browser: Browser) => (trust ??= threeStations(browser, TRUST_OP));

const holds = async (s: Station, hash: string) => (await timelineOf(s)).includes(hash);
/** The entries a station's database holds (its store, read as the page keeps it). */
async function entriesOf(s: Station): Promise<StationEntry[]> {
  const rows = JSON.parse(await s.page.evaluate(() => window.station.dump())) as Array<{ id: string; doc?: { entry?: StationEntry } }>;
  return rows.filter((r) => r.id.startsWith('e.') && r.doc?.entry).map((r) => r.doc!.entry!);
}
/** The station's hub connection (its bearer credential), as the page saved it. */
async function connectionOf(s: Station): Promise<StationConnection> {
  return JSON.parse((await s.page.evaluate(() => localStorage.getItem('enforcement-console.station.connection')))!) as StationConnection;
}
/** A stock PouchDB client (the npm package in Node, not the app's code) of the hub's database with `s`'s credential. */
async function stockClient(s: Station): Promise<PouchDB.Database> {
  const c = await connectionOf(s);
  return remoteDb(`${hub.url}/${c.db}`, await agentFor(hub), c.credential);
}

test('an unpaired client gets 401 and nothing else', async ({ browser }) => {
  const { commander, clerk } = await trustStations(browser);
  const note = await clerk.page.evaluate(() => window.station.note('未配对者不应看到的记录', 'evidence'));
  await expect.poll(() => holds(commander, note.hash), { timeout: 20_000 }).toBe(true);
  const { db, credential } = await connectionOf(clerk);
  const base = `${hub.url}/${db}`;
  const id = encodeURIComponent(entryDocId(note));
  const json = { 'Content-Type': 'application/json' };
  const routes: Array<[string, string, string?]> = [
    ['GET', `${hub.url}/`],
    ['GET', base],
    ['GET', `${base}/_changes?include_docs=true`],
    ['GET', `${base}/_changes?feed=longpoll&since=0`],
    ['GET', `${base}/_all_docs?include_docs=true`],
    ['POST', `${base}/_all_docs`, JSON.stringify({ keys: [entryDocId(note)], include_docs: true })],
    ['POST', `${base}/_bulk_get?revs=true`, JSON.stringify({ docs: [{ id: entryDocId(note) }] })],
    ['POST', `${base}/_revs_diff`, JSON.stringify({ [entryDocId(note)]: ['1-0'] })],
    ['GET', `${base}/${id}`],
    ['GET', `${base}/_local/x`],
    ['POST', `${base}/_bulk_docs`, JSON.stringify({ docs: [entryDoc(note)], new_edits: false })],
  ];
  // The same URLs answer a paired station: they are the right ones.
  const paired = await browser.newContext({ ignoreHTTPSErrors: true });
  const served = await paired.request.get(`${base}/${id}`, { headers: { Authorization: `Bearer ${credential}` } });
  expect(served.status()).toBe(200);
  expect(await served.text()).toContain(note.hash);
  await paired.close();

  const stranger = await browser.newContext({ ignoreHTTPSErrors: true });
  for (const [method, url, data] of routes) {
    for (const headers of [json, { ...json, Authorization: 'Bearer not-a-real-credential-000000' }]) {
      const r = await stranger.request.fetch(url, { method, headers, ...(data ? { data } : {}) });
      expect([method, url, r.status(), await r.text()]).toEqual([method, url, 401, '{"error":"unauthorized"}']);
    }
  }
  // A page of the hub's own origin in an unpaired browser: its fetch gets the same.
  const page = await stranger.newPage();
  await page.goto(`${hub.url}/app/src/stations/station.html`);
  await expect(page.locator('#status')).toContainText('尚未配对');
  const fromPage = await page.evaluate(async (u) => Promise.all(u.map(async (url) => { const r = await fetch(url); return [r.status, await r.text()]; })), [base, `${base}/_all_docs?include_docs=true`, `${base}/${id}`]);
  expect(fromPage).toEqual(Array(3).fill([401, '{"error":"unauthorized"}']));
  await stranger.close();
});

test('a stock PouchDB client with a paired station’s credential cannot push a revision 2 of an entry', async ({ browser }) => {
  const { commander, clerk, leader } = await trustStations(browser);
  const remote = await stockClient(clerk);
  const original = await clerk.page.evaluate(() => window.station.note('原始记录：2 号门锁具完好', 'evidence'));
  const id = entryDocId(original);
  await expect.poll(async () => (await holds(commander, original.hash)) && holds(leader, original.hash), { timeout: 20_000 }).toBe(true);
  const stored = (await remote.get(id)) as unknown as EntryDoc & { _rev: string };
  expect(stored._rev).toMatch(/^1-/);
  const changed = { ...stored, entry: { ...stored.entry, text: '改写：2 号门锁具已损坏' } };

  // A PUT of the next revision, and a replicator-style push of a made-up 2-… revision.
  await expect(remote.put(changed as never)).rejects.toMatchObject({ status: 403 });
  const pushed = await remote.bulkDocs([{ ...changed, _rev: `2-${'c'.repeat(32)}`, _revisions: { start: 2, ids: ['c'.repeat(32), stored._rev.slice(2)] } }] as never[], { new_edits: false });
  expect(pushed[0]).toMatchObject({ error: 'forbidden', reason: expect.stringContaining('拒绝第 2 版') });
  // PouchDB's own replicator: a copy edited locally (a real revision 2), replicated to the hub.
  const rogue = new MemoryPouch(`rogue-${Date.now()}`);
  await PouchDB.replicate(remote, rogue, { doc_ids: [id] });
  const local = (await rogue.get(id)) as unknown as EntryDoc & { _rev: string };
  await rogue.put({ ...local, entry: { ...local.entry, text: '改写：2 号门锁具已损坏' } } as never);
  expect((await rogue.get(id))._rev).toMatch(/^2-/);
  const push = await PouchDB.replicate(rogue, remote, { doc_ids: [id] });
  expect(push.doc_write_failures).toBe(1);

  // The hub keeps and serves revision 1 only.
  const revs = (await remote.get(id, { open_revs: 'all' })) as unknown as Array<{ ok: EntryDoc & { _rev: string } }>;
  expect(revs.map((r) => [r.ok._rev, r.ok.entry.text])).toEqual([[stored._rev, original.text]]);
  expect(((await remote.get(id)) as unknown as EntryDoc).entry.text).toBe(original.text);
  const refusals = (await hub.refusals(TRUST_OP)).filter((r) => r.from === clerk.key);
  expect(refusals.map((r) => r.reason)).toEqual(expect.arrayContaining([expect.stringContaining('拒绝修改已有记录'), expect.stringContaining('拒绝第 2 版')]));

  // The other stations' copies: unchanged, one revision, nothing flagged — after a later entry has reached them.
  const later = await clerk.page.evaluate(() => window.station.note('3 号门已拍照', 'evidence'));
  for (const s of [commander, leader]) {
    await expect.poll(() => holds(s, later.hash), { timeout: 20_000 }).toBe(true);
    const copies = await s.page.evaluate(async (i) => {
      const db = window.station.database() as unknown as { get(id: string, o: object): Promise<Array<{ ok: { _rev: string; entry: { text: string } } }>> };
      return (await db.get(i, { open_revs: 'all' })).map((r) => [r.ok._rev, r.ok.entry.text]);
    }, id);
    expect(copies).toEqual([[stored._rev, original.text]]);
    expect(await s.page.evaluate(() => window.station.flags())).toEqual([]);
    expect(await verifyOf(s)).toMatchObject({ ok: true, problems: [] });
  }
});

test('a revoked station’s later entry is refused with its reason, and no other station holds it', async ({ browser }) => {
  const { commander, clerk, leader } = await trustStations(browser);
  const head = await leader.page.evaluate(() => window.station.note('北侧警戒线已拉好', 'security'));
  await expect.poll(() => holds(commander, head.hash), { timeout: 20_000 }).toBe(true);
  const fromSeq = head.seq + 1;

  // The phone is out of reach and keeps writing; the commander revokes it from that entry on.
  await leader.context.setOffline(true);
  const late = await leader.page.evaluate(() => window.station.note('撤销后仍在写：南侧警戒撤除', 'security'));
  expect(late.seq).toBe(fromSeq);
  const revoke = await commander.page.evaluate(([k, s]) => window.station.revokeEntry(k, '安保组手机', s), [leader.key, fromSeq] as const);
  await expect.poll(async () => (await hub.store(TRUST_OP)!.entries()).some((e) => e.hash === revoke.hash), { timeout: 20_000 }).toBe(true);

  // Relayed by another paired station (a stock client with the clerk's credential): refused, with the reason.
  const relayed = await (await stockClient(clerk)).bulkDocs([entryDoc(late)] as never[], { new_edits: false });
  const reason = `第 ${fromSeq} 条记录不予接受`;
  expect(relayed).toEqual([expect.objectContaining({ error: 'forbidden', reason: expect.stringContaining(reason) })]);
  expect((relayed[0] as { reason: string }).reason).toContain('安保组手机');

  // The phone comes back: its own sync is turned away (401, revoked) and its copy is wiped.
  await leader.context.setOffline(false);
  await expect(leader.page.locator('#status')).toContainText('已被指挥员撤销', { timeout: 30_000 });

  // Everything the hub passes on has passed (a later entry arrived): the late entry is nowhere.
  const after = await commander.page.evaluate(() => window.station.note('安保组手机已撤销，改由对讲机联络'));
  await expect.poll(() => holds(clerk, after.hash), { timeout: 20_000 }).toBe(true);
  for (const s of [commander, clerk]) {
    expect(await holds(s, late.hash)).toBe(false);
    expect(await s.page.evaluate(() => window.station.dump())).not.toContain(late.hash);
  }
  expect((await hub.store(TRUST_OP)!.entries()).some((e) => e.hash === late.hash)).toBe(false);
  const kept = (await hub.refusals(TRUST_OP)).filter((r) => (r.doc as Partial<EntryDoc> | undefined)?.entry?.hash === late.hash);
  expect(kept.map((r) => [r.from, r.reason])).toEqual([[clerk.key, expect.stringContaining(reason)]]);
});

test('a rewrite of one station’s chain, re-hashed and re-signed with its own key after others had copies, is named by the others', async ({ browser }) => {
  const { commander, clerk } = await trustStations(browser);
  const first = await clerk.page.evaluate(() => window.station.note('封存物品清单第 1 页：电视机 1 台', 'evidence'));
  const second = await clerk.page.evaluate(() => window.station.note('封存物品清单第 2 页：冰箱 1 台', 'evidence'));
  await expect.poll(() => holds(commander, second.hash), { timeout: 20_000 }).toBe(true);
  const seenBy = await commander.page.evaluate(() => window.station.note('已核对证据组封存清单'));
  expect(seenBy.seen[clerk.key]).toBe(`${second.seq}:${second.hash}`);
  await expect.poll(() => holds(clerk, seenBy.hash), { timeout: 20_000 }).toBe(true);
  expect(await verifyOf(commander)).toMatchObject({ ok: true });

  // An insider at the clerk's tablet rewrites its stored chain from `first` on: other text,
  // every hash and link recomputed, every entry signed again by the station's own key (used
  // in place from its IndexedDB, as any script of the page could; the key cannot be read out).
  const chain = (await entriesOf(clerk)).filter((e) => e.writer === clerk.key && e.seq >= first.seq).sort((a, b) => a.seq - b.seq);
  expect(chain.map((e) => e.hash)).toEqual([first.hash, second.hash]);
  let prev = first.prev;
  const unsigned = chain.map((e) => {
    const { hash: _hash, sig: _sig, ...fields } = e;
    const f = { ...fields, prev, ...(e.seq === first.seq ? { text: '封存物品清单第 1 页：（无）' } : {}) };
    const bytes = canonicalBytes(f as unknown as Record<string, unknown>);
    prev = sha256Hex(bytes);
    return { fields: f, hash: prev, bytes: [...bytes] };
  });
  const signed = await clerk.page.evaluate(async (list) => {
    const idb = await new Promise<IDBDatabase>((resolve, reject) => {
      const r = indexedDB.open('enforcement-console-station');
      r.onsuccess = () => resolve(r.result);
      r.onerror = () => reject(r.error);
    });
    const stored = await new Promise<{ privateKey: CryptoKey }>((resolve, reject) => {
      const r = idb.transaction('identity').objectStore('identity').get('ed25519');
      r.onsuccess = () => resolve(r.result as { privateKey: CryptoKey });
      r.onerror = () => reject(r.error);
    });
    const sigs: number[][] = [];
    for (const bytes of list) sigs.push([...new Uint8Array(await crypto.subtle.sign({ name: 'Ed25519' }, stored.privateKey, new Uint8Array(bytes)))]);
    return { extractable: stored.privateKey.extractable, sigs };
  }, unsigned.map((u) => u.bytes));
  expect(signed.extractable).toBe(false);
  const docs = unsigned.map((u, i) => entryDoc({ ...u.fields, hash: u.hash, sig: toBase64url(Uint8Array.from(signed.sigs[i]!)) } as StationEntry));
  await clerk.page.evaluate(async ({ ids, rewritten }) => {
    const db = window.station.database() as unknown as { get(id: string): Promise<{ _id: string; _rev: string }>; remove(d: object): Promise<unknown>; bulkDocs(d: object[], o: object): Promise<unknown> };
    for (const id of ids) await db.remove(await db.get(id));
    await db.bulkDocs(rewritten, { new_edits: false });
  }, { ids: chain.map((e) => entryDocId(e)), rewritten: docs as unknown as object[] });
  const theirs = (await entriesOf(clerk)).filter((e) => e.writer === clerk.key && e.seq >= first.seq);
  expect(theirs.map((e) => e.hash).sort()).toEqual(docs.map((d) => d.entry.hash).sort());

  // The rewritten chain replicates; the commander held the originals: both seqs are named.
  const forkAt = (seq: number) => new RegExp(`证据组平板」（[^）]+）第 ${seq} 条有 2 条不同的记录`);
  await expect.poll(async () => (await verifyOf(commander)).problems.join('\n'), { timeout: 30_000 }).toMatch(forkAt(second.seq));
  const v = await verifyOf(commander);
  expect(v.ok).toBe(false);
  expect(v.problems).toEqual(expect.arrayContaining([expect.stringMatching(forkAt(first.seq)), expect.stringMatching(forkAt(second.seq))]));
  // The rewriter's own copy no longer holds what the commander's entry had seen: named as a rewrite.
  const mine = await verifyOf(clerk);
  expect(mine.problems).toEqual(expect.arrayContaining([expect.stringMatching(new RegExp(`证据组平板」（[^）]+）第 ${second.seq} 条记录已被改写：工作站「指挥工作站」`))]));
  // The hub kept both and flagged the fork.
  expect((await hub.refusals(TRUST_OP)).map((r) => r.reason)).toEqual(expect.arrayContaining([expect.stringContaining(`分叉：同一工作站第 ${first.seq} 条`)]));
  for (const s of Object.values(await trustStations(browser))) await s.context.close();
});
