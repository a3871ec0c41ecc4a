// The hub as part of the app, in browser mode: the launcher starts it beside its own
// 127.0.0.1 server (its data in the app's data folder); the page's host API reaches it at
// POST /host-api/<method>; stations replicate through /hub/<db> on the app's own origin
// (the Node side pins the hub's CA and adds the station's credential). A commander laptop
// and a clerk laptop, each its own launcher, data folder and hub, paired by an invite link.
// Hub ports 47760–47765.
/// <reference path="../../electron/hub/pouchdb.d.ts" />
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import PouchDB from 'pouchdb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runLauncher, type LauncherDeps } from '../../electron/launch/launcher';
import { isPermittedAddress } from '../../electron/hub/cert';
import { fetchPinnedCertificate, pinnedAgent } from '../../electron/hub/pinning';
import type { HostResponse, HubMethod } from '../../shared/host/contract';
import { utf8, toBase64url } from '../../shared/stations/encoding';
import { genesisInput, rosterInput } from '../../shared/stations/roster';
import { verifyStations } from '../../shared/stations/chains';
import { MemoryPouch, NodeStation, operator } from '../soak/station';
import { fakeProject, freePort, serving, tempDir, waitFor } from './launch-helpers';

const OP = 'op-hub-wiring';
const COMMANDER_HUB = 47760;
const CLERK_HUB = 47761;
const SQUATTER_HUB = COMMANDER_HUB;

interface Laptop {
  port: number;
  dataDir: string;
  out: string[];
  err: string[];
  stop: () => void;
  exit: Promise<number>;
}

async function startLaptop(hubPort: number, dataDir = tempDir('hub-wiring-data'), port?: number): Promise<Laptop> {
  const out: string[] = [];
  const err: string[] = [];
  let stop = () => {};
  const stopRequested = new Promise<void>((resolve) => (stop = resolve));
  const webPort = port ?? (await freePort());
  const deps: LauncherDeps = {
    projectRoot: fakeProject(),
    platform: process.platform,
    env: { ENFORCEMENT_CONSOLE_DATA_DIR: dataDir, ENFORCEMENT_CONSOLE_HUB_PORT: String(hubPort), PATH: '' },
    home: tempDir('hub-wiring-home'),
    uid: undefined,
    out: (line) => out.push(line),
    err: (line) => err.push(line),
    lookupElectron: () => Promise.resolve({ ok: false, reason: 'offline' }),
    exists: existsSync,
    stopRequested,
  };
  const exit = runLauncher(['--browser', '--no-open', '--port', String(webPort)], deps);
  await waitFor(() => serving(webPort));
  await waitFor(() => out.some((l) => l.startsWith('同步中心：')) || err.some((l) => l.includes('同步中心')));
  return { port: webPort, dataDir, out, err, stop, exit };
}

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** A request to the app's own server, as its page would send it (Origin and all), unless told otherwise. */
function request(port: number, target: string, options: { method?: string; headers?: Record<string, string>; body?: string; origin?: string | null } = {}): Promise<Answer> {
  const origin = options.origin === undefined ? `http://127.0.0.1:${port}` : options.origin;
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port, path: target, method: options.method ?? 'GET', headers: { ...(origin ? { Origin: origin } : {}), ...(options.body ? { 'Content-Type': 'application/json' } : {}), ...options.headers } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

/** The page's host API call in browser mode. */
async function api<M extends HubMethod>(laptop: Laptop, method: M, body: Record<string, unknown> = {}): Promise<HostResponse<M>> {
  const answer = await request(laptop.port, `/host-api/${method}`, { method: 'POST', body: JSON.stringify(body) });
  const json = JSON.parse(answer.body) as HostResponse<M> & { error?: string };
  if (answer.status !== 200) throw new Error(json.error ?? `HTTP ${answer.status}`);
  return json;
}

/** A stock PouchDB client of `<own origin>/hub/<db>`, as the page's station store would be. */
function throughProxy(laptop: Laptop, db: string): PouchDB.Database {
  const origin = `http://127.0.0.1:${laptop.port}`;
  return new PouchDB(`${origin}/hub/${db}`, {
    skip_setup: true,
    fetch: (u: string, opts: { headers: { set(k: string, v: string): void } }) => {
      opts.headers.set('Origin', origin);
      opts.headers.set('X-Station-Clock', String(Date.now()));
      return PouchDB.fetch(u, opts);
    },
  });
}

const reach = (host: string, port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = net.connect({ host, port }, () => (socket.destroy(), resolve(true)));
    socket.on('error', () => resolve(false));
  });
const lanAddress = Object.values(os.networkInterfaces())
  .flat()
  .find((a) => a && a.family === 'IPv4' && !a.internal)?.address;

let commander: Laptop;
let clerkLaptop: Laptop;
let chief: NodeStation;
let clerk: NodeStation;
let db: string;

beforeAll(async () => {
  commander = await startLaptop(COMMANDER_HUB);
  clerkLaptop = await startLaptop(CLERK_HUB);
  chief = new NodeStation('chief', OP);
  clerk = new NodeStation('clerk', OP);
}, 60_000);

afterAll(async () => {
  for (const laptop of [commander, clerkLaptop]) {
    laptop?.stop();
    await laptop?.exit;
  }
});

describe('the hub in browser mode', () => {
  it('starts with the launcher on 127.0.0.1 only, its data in the app data folder, apart from the app server', async () => {
    const status = await api(commander, 'hubStatus');
    expect(status).toMatchObject({ state: 'running', port: COMMANDER_HUB, lanOpen: false, caPages: [], operations: [] });
    expect(status.fingerprint).toMatch(/^[0-9a-f]{64}$/);
    expect(commander.out).toContain(`同步中心：https://127.0.0.1:${COMMANDER_HUB}（仅本机；在应用中可开放到局域网）`);
    expect(existsSync(path.join(commander.dataDir, 'hub', 'hub-ca-cert.pem'))).toBe(true);
    expect(await reach('127.0.0.1', COMMANDER_HUB)).toBe(true);
    if (lanAddress) expect(await reach(lanAddress, COMMANDER_HUB)).toBe(false);
    expect(COMMANDER_HUB).not.toBe(commander.port);
  });

  it('the commander station founds the operation on its hub and replicates through /hub/ on its own origin', async () => {
    const genesis = await chief.write(genesisInput(chief.key, '指挥工作站', operator));
    ({ db } = await api(commander, 'hubOpenOperation', { genesis }));
    const { hubKey } = await api(commander, 'hubStatus');
    const pairHub = await chief.write(rosterInput('pair', { key: hubKey!, name: '同步中心', grant: { role: 'hub' }, fromSeq: 1 }, operator));
    expect(await api(commander, 'hubSubmit', { op: OP, entries: [pairHub] })).toEqual({ results: [{ id: expect.stringMatching(/^e\./), ok: true }] });
    await chief.note('指挥部设立');
    chief.remote = throughProxy(commander, db);
    const pushed = await chief.sync();
    expect(pushed.push?.docs_written).toBe(1); // the note; genesis and the hub's pairing were already there
    const status = await api(commander, 'hubStatus');
    expect(status.operations).toEqual([expect.objectContaining({ op: OP, db, anchor: chief.key })]);
    expect(status.operations[0]!.stations.find((s) => s.station === chief.key)).toMatchObject({ role: 'commander', waiting: 0 });
    // The credential lives in the data folder, for the user alone, and never in an answer.
    const linksFile = path.join(commander.dataDir, 'station-links.json');
    expect(statSync(linksFile).mode & 0o077).toBe(0);
    const credential = (JSON.parse(readFileSync(linksFile, 'utf8')) as { links: Array<{ credential: string }> }).links[0]!.credential;
    expect(JSON.stringify(await api(commander, 'stationLinks'))).not.toContain(credential);
  });

  it("a clerk's laptop joins by the invite link: the CA is pinned, both screens show the same code, the commander admits, and it replicates through its own Node side", async () => {
    const invite = await api(commander, 'hubInvite', { op: OP });
    expect(invite.link).toMatch(new RegExp(`^https://127\\.0\\.0\\.1:${COMMANDER_HUB}/pair#v=1&fp=${invite.fingerprint}&t=`));
    const join = await api(clerkLaptop, 'stationJoin', { link: invite.link, name: '证据组平板', publicKey: clerk.key });
    const pending = (await api(commander, 'hubPendingPairings')).pairings.find((p) => p.publicKey === clerk.key)!;
    expect(pending).toMatchObject({ sas: join.sas, status: 'pending', name: '证据组平板' });
    const sig = toBase64url(await clerk.signer.sign(utf8(join.claim)));
    expect(await api(clerkLaptop, 'stationClaim', { pairingId: join.pairingId, sig })).toEqual({ status: 'pending' });
    const pairEntry = await chief.write(rosterInput('pair', { key: clerk.key, name: '证据组平板', grant: { role: 'evidenceClerk' }, fromSeq: 1, sas: pending.sas }, operator));
    await api(commander, 'hubAdmit', { pairingId: pending.pairingId, entry: pairEntry });
    expect(await api(clerkLaptop, 'stationClaim', { pairingId: join.pairingId, sig })).toEqual({ status: 'admitted', op: OP, db, anchor: chief.key, role: 'evidenceClerk' });

    clerk.remote = throughProxy(clerkLaptop, db);
    await clerk.sync();
    await clerk.note('开始全程录像', 'evidence');
    await clerk.sync();
    await chief.sync();
    const hashes = async (s: NodeStation) => (await s.entries()).map((e) => e.hash).sort();
    expect(await hashes(chief)).toEqual(await hashes(clerk));
    expect((await chief.entries()).map((e) => e.text)).toContain('开始全程录像');
    expect(verifyStations(await chief.entries(), { op: OP, signatures: 'all' }).ok).toBe(true);

    const [link] = (await api(clerkLaptop, 'stationLinks')).links;
    expect(link).toMatchObject({ op: OP, db, hub: `https://127.0.0.1:${COMMANDER_HUB}`, fingerprint: invite.fingerprint, role: 'evidenceClerk', state: 'connected' });
    const station = (await api(commander, 'hubStatus')).operations[0]!.stations.find((s) => s.station === clerk.key);
    expect(station).toMatchObject({ name: '证据组平板', role: 'evidenceClerk', revoked: false, waiting: 0 });
    expect(Date.parse(station!.lastContactAt!)).toBeGreaterThan(Date.now() - 60_000);
  });

  it('pinning refuses a hub whose CA is not the one the link names, before sending anything', async () => {
    const other = new NodeStation('chief2', `${OP}-2`);
    await api(commander, 'hubOpenOperation', { genesis: await other.write(genesisInput(other.key, '第二指挥工作站', operator)) });
    const invite = await api(commander, 'hubInvite', { op: other.op });
    const forged = invite.link.replace(invite.fingerprint, '0'.repeat(64));
    await expect(api(clerkLaptop, 'stationJoin', { link: forged, name: '冒名平板', publicKey: new NodeStation('other', OP).key })).rejects.toThrow('同步中心证书指纹不符');
    expect((await api(commander, 'hubPendingPairings')).pairings.some((p) => p.name === '冒名平板')).toBe(false);
    await expect(fetchPinnedCertificate(`https://127.0.0.1:${COMMANDER_HUB}`, invite.fingerprint)).resolves.toContain('BEGIN CERTIFICATE');
  });

  it('an unpaired client gets 401 from the hub, and a database this station has no link for is not forwarded', async () => {
    const ca = await fetchPinnedCertificate(`https://127.0.0.1:${COMMANDER_HUB}`, (await api(commander, 'hubStatus')).fingerprint!);
    const agent = pinnedAgent(ca);
    const direct = await new Promise<number>((resolve, reject) => https.get(`https://127.0.0.1:${COMMANDER_HUB}/${db}/_all_docs`, { agent }, (res) => (res.resume(), resolve(res.statusCode ?? 0))).on('error', reject));
    expect(direct).toBe(401);
    agent.destroy();
    expect((await request(clerkLaptop.port, '/hub/op_not-joined/_changes')).status).toBe(404);
  });

  it.each([
    ['DELETE', `/hub/DB/e.x`, undefined],
    ['PUT', `/hub/DB/e.x`, '{}'],
    ['POST', `/hub/DB`, '{}'],
    ['POST', `/hub/DB/_purge`, '{}'],
    ['GET', `/hub/DB/_design/x`, undefined],
    ['PUT', `/hub/DB/_security`, '{}'],
    ['GET', `/hub/_all_dbs`, undefined],
    ['GET', `/hub/DB/_changes/../../_users`, undefined],
  ])('the proxy refuses %s %s: not a replication route', async (method, target, body) => {
    const answer = await request(commander.port, target.replace('DB', db), { method, ...(body ? { body } : {}) });
    expect([403, 405]).toContain(answer.status);
  });

  it('refuses the proxy and the host API to pages of other sites and to other host names', async () => {
    const bulk = { method: 'POST', body: '{"docs":[]}' };
    expect((await request(commander.port, `/hub/${db}/_bulk_docs`, { ...bulk, origin: 'https://evil.example' })).status).toBe(403);
    expect((await request(commander.port, `/hub/${db}/_bulk_docs`, { ...bulk, origin: null })).status).toBe(403);
    expect((await request(commander.port, `/hub/${db}/_all_docs`, { headers: { 'Sec-Fetch-Site': 'cross-site' }, origin: null })).status).toBe(403);
    expect((await request(commander.port, '/host-api/hubStatus', { method: 'POST', body: '{}', origin: 'http://127.0.0.1:1' })).status).toBe(403);
    expect((await request(commander.port, '/host-api/hubStatus', { method: 'POST', body: '{}', headers: { Host: `rebound.example:${commander.port}` } })).status).toBe(403);
    expect((await request(commander.port, '/host-api/hubStatus', { method: 'POST', headers: { 'Content-Type': 'text/plain' }, body: '{}' })).status).toBe(415);
    expect((await request(commander.port, '/host-api/appInfo', { method: 'POST', body: '{}' })).status).toBe(404);
    const invalid = await request(commander.port, '/host-api/hubSubmit', { method: 'POST', body: JSON.stringify({ op: OP, entries: [] }) });
    expect(invalid.status).toBe(400);
    expect(JSON.parse(invalid.body).error).toContain('没有要提交的记录');
  });

  it('opens the hub to the LAN (a phone fetches the CA over plain HTTP there) and closes it again', async () => {
    const opened = await api(commander, 'hubOpenLan');
    expect(opened.lanOpen).toBe(true);
    const fingerprint = opened.fingerprint!;
    const host = lanAddress ?? '127.0.0.1';
    if (lanAddress) expect(await reach(lanAddress, COMMANDER_HUB)).toBe(true);
    if (lanAddress && !isPermittedAddress(lanAddress)) {
      // A machine not on a private network (this test machine's TEST-NET address): listening, but the CA may not vouch for it.
      expect(opened.unnamedAddresses).toContain(lanAddress);
      expect(opened.addresses).not.toContain(lanAddress);
    } else if (lanAddress) {
      expect(opened.addresses).toContain(lanAddress);
      expect(opened.caPages).toContain(`http://${lanAddress}:${COMMANDER_HUB}/`);
      const invite = await api(commander, 'hubInvite', { op: OP });
      expect(invite).toMatchObject({ url: `https://${lanAddress}:${COMMANDER_HUB}`, caPage: `http://${lanAddress}:${COMMANDER_HUB}/` });
    }
    const der = await new Promise<Buffer>((resolve, reject) =>
      http.get({ host, port: COMMANDER_HUB, path: '/ca.crt' }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve(Buffer.concat(chunks)));
      }).on('error', reject),
    );
    expect(createHash('sha256').update(der).digest('hex')).toBe(fingerprint);
    const closed = await api(commander, 'hubCloseLan');
    expect(closed).toMatchObject({ lanOpen: false, caPages: [] });
    if (lanAddress) expect(await reach(lanAddress, COMMANDER_HUB)).toBe(false);
    expect(await reach('127.0.0.1', COMMANDER_HUB)).toBe(true);
  });

  it('a hub that cannot start leaves the app usable and says why', async () => {
    const second = await startLaptop(SQUATTER_HUB);
    try {
      const status = await api(second, 'hubStatus');
      expect(status).toMatchObject({ state: 'failed', problem: `端口 ${SQUATTER_HUB} 已被占用（可能另一个强制执行指挥台正在运行），同步中心未启动` });
      expect(second.err).toContain(status.problem);
      await expect(api(second, 'hubInvite', { op: OP })).rejects.toThrow('已被占用');
      expect((await request(second.port, '/index.html', { origin: null })).status).toBe(200);
    } finally {
      second.stop();
      await second.exit;
    }
  });

  it('a revocation the commander submits reaches the clerk: its next contact through its Node side gets the wipe signal, and the credential is gone', async () => {
    const head = (await clerk.entries()).filter((e) => e.writer === clerk.key).length;
    const revoke = await chief.write(rosterInput('revoke', { key: clerk.key, name: '证据组平板', fromSeq: head + 1 }, operator));
    expect((await api(commander, 'hubSubmit', { op: OP, entries: [revoke] })).results[0]).toMatchObject({ ok: true });
    const answer = await request(clerkLaptop.port, `/hub/${db}/`);
    expect(answer.status).toBe(401);
    expect(answer.headers['x-station-revoked']).toBe('1');
    expect((await api(clerkLaptop, 'stationLinks')).links[0]!.state).toBe('revoked');
    const saved = () => (JSON.parse(readFileSync(path.join(clerkLaptop.dataDir, 'station-links.json'), 'utf8')) as { links: Array<{ credential: string; revoked?: boolean }> }).links[0]!;
    await waitFor(() => saved().revoked);
    expect(saved()).toMatchObject({ credential: '', revoked: true });
    expect((await request(clerkLaptop.port, `/hub/${db}/`)).status).toBe(401); // nothing left to send
    const station = (await api(commander, 'hubStatus')).operations[0]!.stations.find((s) => s.station === clerk.key);
    expect(station).toMatchObject({ revoked: true, role: null });
    // The refused contact is journalled once, for the commander's 拒收记录.
    await waitFor(async () => (await api(commander, 'hubRefusals', { op: OP })).refusals.some((r) => r.reason.includes('已撤销的工作站「证据组平板」')));
    expect((await api(commander, 'hubRefusals', { op: OP })).refusals.filter((r) => r.reason.includes('已撤销的工作站')).length).toBe(1);
  });

  it('keeps everything across a restart: the hub reopens the operation, the commander station replicates with its stored link', async () => {
    const held = async () => {
      const copy = new MemoryPouch(`copy-${Math.random()}`);
      await PouchDB.replicate(throughProxy(commander, db), copy);
      return (await copy.allDocs({ startkey: 'e.', endkey: 'e.\uffff' })).rows.map((r) => r.id);
    };
    const before = await held();
    expect(before.length).toBeGreaterThan(5);
    commander.stop();
    expect(await commander.exit).toBe(0);
    commander = await startLaptop(COMMANDER_HUB, commander.dataDir, commander.port);
    const status = await api(commander, 'hubStatus');
    expect(status.operations.map((o) => o.op).sort()).toEqual([OP, `${OP}-2`]);
    expect(await held()).toEqual(expect.arrayContaining(before)); // and the hub's clock record of this contact
    await chief.note('重启后继续记录');
    chief.remote = throughProxy(commander, db);
    expect((await chief.sync()).push?.docs_written).toBe(1);
  });
});
