// Node. `npm run bench:stations` (issue 15): several stations, one record, on this one
// machine, in the system Chromium on real IndexedDB, each station the built station page
// (out/renderer/src/stations/station.html) served by a hub this script starts. Each figure
// has a baseline measured in the same run with stock PouchDB (its browser build, in pages
// of a second CouchDB-protocol server: express-pouchdb over memory, tests/soak/county-server.cjs):
//   1. entry visible on another station (append on one page → in the other's store), p95 < 500 ms;
//      baseline: put on one plain PouchDB → live replication through the plain server → the other's changes feed;
//   2. a station 10 000 entries behind catches up (admitted → all held), < 10 s;
//      baseline: a fresh plain PouchDB replicating the same documents from the plain server;
//   3. append p99 ≤ 1.2× a plain PouchDB put of the same document (same page, alternating).
// Prints a table, merges a row into bench-results.json, exits 1 if a target is missed.
/// <reference path="../../electron/hub/pouchdb.d.ts" />
import { spawn, type ChildProcess } from 'node:child_process';
import { generateKeyPairSync, sign as nodeSign } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from '@playwright/test';
import PouchDB from 'pouchdb';
import { chromiumFlags } from '../../playwright.config';
import { startHub, type Hub } from '../../electron/hub/index';
import { entryDoc } from '../../shared/stations/docs';
import { createEntry, seenMark, type EntryInput } from '../../shared/stations/entry';
import { HLC_ZERO } from '../../shared/stations/hlc';
import { genesisInput, rosterInput } from '../../shared/stations/roster';
import type { Signer } from '../../shared/stations/signer';
import type { Head, Hlc, StationEntry } from '../../shared/stations/types';
import { foundCommanderPage, pairingFrom, pairStationPage, type StationPage } from '../soak/stationPages';

const ROOT = path.resolve(__dirname, '../..');
const HUB_PORT = Number(process.env['STATIONS_BENCH_PORT'] ?? 47846);
const PLAIN_PORT = HUB_PORT + 1;
const BEHIND = Number(process.env['ENTRIES'] ?? 10_000);
const VISIBLE_ROUNDS = 60;
const APPEND_ROUNDS = 1000;
const WARM_UP = 10;
const operator = { personId: 'p-bench', name: '基准测量员' };

const VISIBLE_TARGET_MS = 500;
const CATCH_UP_TARGET_MS = 10_000;
const APPEND_RATIO_TARGET = 1.2;

/** A Node station key with Node's own Ed25519 (seeding 10 000 signed entries quickly). */
function nativeSigner(): Signer {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return { publicKey: publicKey.export({ format: 'jwk' }).x!, sign: async (bytes) => new Uint8Array(nodeSign(null, bytes, privateKey)) };
}

/** Writers of one operation in Node, each entry recording the others' heads as a station would. */
class NodeWriters {
  private readonly heads = new Map<string, Head>();
  private hlc: Hlc = HLC_ZERO;
  constructor(readonly op: string) {}
  async write(signer: Signer, input: EntryInput): Promise<StationEntry> {
    const seen = Object.fromEntries([...this.heads].map(([w, h]) => [w, seenMark(h)]));
    const { entry, hlc } = await createEntry(signer, { op: this.op, head: this.heads.get(signer.publicKey) ?? null, hlc: this.hlc, seen, boot: 'bench' }, input, { wallMs: Date.now(), monoMs: performance.now() });
    this.hlc = hlc;
    this.heads.set(signer.publicKey, { seq: entry.seq, hash: entry.hash });
    return entry;
  }
}

const log = (s: string) => console.error(`[${new Date().toISOString().slice(11, 19)}] ${s}`);

const quantile = (values: number[], q: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
};

/** The stock PouchDB browser build in a page of the plain server's origin (same origin: no CORS). */
async function plainPage(browser: Browser): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await page.goto(`http://127.0.0.1:${PLAIN_PORT}/`);
  await page.addScriptTag({ path: path.join(ROOT, 'node_modules/pouchdb/dist/pouchdb.min.js') });
  return page;
}

async function startPlainServer(): Promise<ChildProcess> {
  const child = spawn(process.execPath, [path.join(ROOT, 'tests/soak/county-server.cjs'), String(PLAIN_PORT)], { stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (d: Buffer) => d.toString().includes('listening') && resolve());
    child.once('exit', (code) => reject(new Error(`plain CouchDB-protocol server exited (${code})`)));
  });
  return child;
}

/** Until `writer`'s entry `seq` is in the page's store (station) or its changes feed has named `id` (plain): the time, epoch ms. */
// (No named functions inside page functions: tsx would name them with a helper the page lacks.)
const arrivalOnStation = (page: Page, writer: string, seq: number) =>
  page.evaluate(async ([w, s]) => {
    while (window.station.held(w, s).length === 0) await new Promise((r) => setTimeout(r, 1));
    return performance.timeOrigin + performance.now();
  }, [writer, seq] as const);

interface PlainWindow {
  PouchDB: new (name: string) => PlainDb;
  plain: PlainDb;
  arrived: Set<string>;
}
interface PlainDb {
  put(doc: object): Promise<unknown>;
  info(): Promise<{ doc_count: number }>;
  sync(url: string, o: object): unknown;
  changes(o: object): { on(e: 'change', l: (c: { id: string }) => void): unknown };
  replicate: { from(url: string, o?: object): Promise<unknown> };
}

/** 1. Visibility: station pages through the hub, then stock PouchDB through the plain server, same documents. */
async function visibility(browser: Browser, hub: Hub): Promise<{ station: number[]; plain: number[] }> {
  const op = 'op-bench-visible';
  const commander = await foundCommanderPage(browser, hub, op);
  const clerk = await pairStationPage(browser, hub, op, '证据组平板', { role: 'evidenceClerk' }, pairingFrom(commander));
  const station: number[] = [];
  const docs: object[] = [];
  let seq = await commanderSeq(commander);
  for (let i = 0; i < WARM_UP + VISIBLE_ROUNDS; i++) {
    seq++;
    const arrived = arrivalOnStation(clerk.page, commander.key, seq);
    const [at, { started, entry }] = await Promise.all([
      arrived,
      commander.page.evaluate(async (n) => {
        const t = performance.timeOrigin + performance.now();
        return { started: t, entry: await window.station.note(`可见性测量 ${n}`) };
      }, i),
    ]);
    if (entry.seq !== seq) throw new Error(`序号不符：${entry.seq} ≠ ${seq}`);
    const latency = at - started;
    if (i >= WARM_UP) station.push(latency);
    if (i === WARM_UP) log('visible: warm');
    const { _rev: _unused, ...doc } = entryDoc(entry); // a plain put makes its own revision
    docs.push(doc);
    await new Promise((r) => setTimeout(r, 100));
  }
  await commander.context.close();
  await clerk.context.close();

  log(`visible on station: p95 ${quantile(station, 0.95).toFixed(0)} ms`);
  const [a, b] = [await plainPage(browser), await plainPage(browser)];
  for (const [page, name] of [[a, 'plain-a'], [b, 'plain-b']] as const) {
    await page.evaluate(([n, url]) => {
      const w = window as unknown as PlainWindow;
      w.plain = new w.PouchDB(n);
      w.arrived = new Set();
      w.plain.changes({ live: true, since: 'now' }).on('change', (c) => w.arrived.add(c.id));
      w.plain.sync(url, { live: true, retry: true });
    }, [name, `http://127.0.0.1:${PLAIN_PORT}/visible`] as const);
  }
  const plain: number[] = [];
  for (const [i, doc] of docs.entries()) {
    const id = (doc as { _id: string })._id;
    const arrived = b.evaluate(async (want: string) => {
      while (!(window as unknown as PlainWindow).arrived.has(want)) await new Promise((r) => setTimeout(r, 1));
      return performance.timeOrigin + performance.now();
    }, id);
    const started = a.evaluate(async (d) => {
      const t = performance.timeOrigin + performance.now();
      await (window as unknown as PlainWindow).plain.put(d);
      return t;
    }, doc);
    const [at, from] = await Promise.all([arrived, started]);
    const latency = at - from;
    if (i >= WARM_UP) plain.push(latency);
    await new Promise((r) => setTimeout(r, 100));
  }
  await a.context().close();
  await b.context().close();
  return { station, plain };
}

async function commanderSeq(s: StationPage): Promise<number> {
  let seq = 1;
  while ((await s.page.evaluate(([k, n]) => window.station.held(k, n).length, [s.key, seq + 1] as const)) > 0) seq++;
  return seq;
}

/** 2 and 3. A station 10 000 entries behind pairs and catches up; then append vs plain put on it. */
async function catchUpAndAppend(browser: Browser, hub: Hub): Promise<{ stationMs: number; plainMs: number; entries: number; append: number[]; put: number[] }> {
  const op = 'op-bench-behind';
  const writers = new NodeWriters(op);
  const commander = nativeSigner();
  const genesis = await writers.write(commander, genesisInput(commander.publicKey, '指挥工作站', operator));
  await hub.openOperation(genesis);
  const others = [nativeSigner(), nativeSigner(), nativeSigner()];
  const pairs: StationEntry[] = [];
  for (const [i, w] of others.entries()) pairs.push(await writers.write(commander, rosterInput('pair', { key: w.publicKey, name: `证据组平板 ${i + 1}`, grant: { role: 'evidenceClerk' }, fromSeq: 1 }, operator)));
  await hub.submit(op, pairs);
  const all = [commander, ...others];
  let batch: StationEntry[] = [];
  for (let i = 0; i < BEHIND; i++) {
    batch.push(await writers.write(all[i % all.length]!, { operator, category: 'note', group: '', text: `现场记录 ${i}：第 ${Math.floor(i / 40) + 1} 户清点物品，逐件拍照登记` }));
    if (batch.length === 1000 || i === BEHIND - 1) {
      const refused = (await hub.submit(op, batch)).filter((r) => !r.ok);
      if (refused.length) throw new Error(`同步中心拒收：${refused[0]!.reason}`);
      batch = [];
    }
  }
  const held = await hub.store(op)!.entries();
  log(`behind: hub holds ${held.length}`);

  let admittedAt = 0;
  const late = await pairStationPage(browser, hub, op, '迟到的工作站', { role: 'evidenceClerk' }, async (key, name, grant, sas) => {
    const entry = await writers.write(commander, rosterInput('pair', { key, name, grant, fromSeq: 1, sas }, operator));
    admittedAt = performance.now();
    return entry;
  });
  const target = held.length + 1; // and its own pairing
  const profiler = process.env['PROFILE'] ? await late.context.newCDPSession(late.page) : undefined;
  if (profiler) {
    await profiler.send('Profiler.enable');
    await profiler.send('Profiler.start');
  }
  while ((await late.page.evaluate(() => window.station.size())) < target) {
    if (performance.now() - admittedAt > 300_000) throw new Error('5 分钟内未追上');
    await new Promise((r) => setTimeout(r, 50));
  }
  const stationMs = performance.now() - admittedAt;
  log(`caught up in ${stationMs.toFixed(0)} ms`);
  if (profiler) printProfile((await profiler.send('Profiler.stop')).profile);

  // The plain baseline: the same documents on the plain server, a fresh stock PouchDB replicating them.
  const remote = new PouchDB(`http://127.0.0.1:${PLAIN_PORT}/behind`);
  const docs = (await hub.store(op)!.entries()).map((e) => entryDoc(e));
  for (let i = 0; i < docs.length; i += 1000) await remote.bulkDocs(docs.slice(i, i + 1000) as never[], { new_edits: false });
  const page = await plainPage(browser);
  const plainMs = await page.evaluate(async (url) => {
    const w = window as unknown as PlainWindow;
    const t = performance.now();
    await new w.PouchDB('plain-behind').replicate.from(url);
    return performance.now() - t;
  }, `http://127.0.0.1:${PLAIN_PORT}/behind`);
  await page.context().close();
  log(`plain catch-up ${plainMs.toFixed(0)} ms`);

  // Append on the caught-up station (10 000 entries held, live sync on) vs a plain put of the
  // same document into a plain PouchDB database of the same page, alternating.
  // The caught-up station at rest: its live replication idle (after the catch-up it still reads
  // the hub's changes feed from its own checkpoint, finding every entry held) and its views redrawn.
  const resting = performance.now();
  await late.page.waitForFunction(() => window.station.state() === '已同步', undefined, { timeout: 120_000, polling: 100 });
  log(`live replication idle (waited ${((performance.now() - resting) / 1000).toFixed(1)} s after the plain baseline)`);
  await new Promise((r) => setTimeout(r, 3000));
  const timing = await late.page.evaluate(async ({ rounds, warmUp }) => {
    const Plain = window.station.database()!.constructor as new (name: string) => { put(doc: object): Promise<unknown> };
    const plain = new Plain(`plain-put-${Date.now()}`);
    const append: number[] = [];
    const put: number[] = [];
    for (let i = 0; i < rounds + warmUp; i++) {
      let t = performance.now();
      const entry = await window.station.note(`追加测量 ${i}`, 'evidence');
      const a = performance.now() - t;
      const doc = { _id: `p.${entry.writer}.${String(entry.seq).padStart(12, '0')}.${entry.hash}`, entry };
      t = performance.now();
      await plain.put(doc);
      const p = performance.now() - t;
      if (i >= warmUp) {
        append.push(a);
        put.push(p);
      }
    }
    return { append, put };
  }, { rounds: APPEND_ROUNDS, warmUp: WARM_UP });
  await late.context.close();
  return { stationMs, plainMs, entries: target, ...timing };
}

/** PROFILE=1: where the catching-up page spent its time, by function (self time), top 15. */
function printProfile(profile: { nodes: Array<{ id: number; callFrame: { functionName: string; url: string; lineNumber: number } }>; samples?: number[]; timeDeltas?: number[] }): void {
  const byNode = new Map(profile.nodes.map((n) => [n.id, n.callFrame]));
  const self = new Map<string, number>();
  (profile.samples ?? []).forEach((id, i) => {
    const f = byNode.get(id)!;
    const name = `${f.functionName || '(anonymous)'} ${f.url.split('/').pop()}:${f.lineNumber}`;
    self.set(name, (self.get(name) ?? 0) + (profile.timeDeltas?.[i] ?? 0) / 1000);
  });
  for (const [name, ms] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 15)) log(`  ${ms.toFixed(0).padStart(7)} ms  ${name}`);
}

// East Asian characters take two columns in a terminal.
const columns = (s: string) => [...s].reduce((n, c) => n + (/[\u1100-\uffff]/.test(c) ? 2 : 1), 0);
function printTable(rows: string[][]): void {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => columns(r[i]!))));
  for (const r of rows) console.log(r.map((cell, i) => cell + ' '.repeat(widths[i]! - columns(cell))).join('  '));
}

interface ResultRow {
  name: string;
  value: number;
  unit: string;
  baseline: { name: string; value: number };
  ratio: number;
  target: string;
  pass: boolean;
}

async function main(): Promise<void> {
  const started = Date.now();
  const dir = await mkdtemp(path.join(os.tmpdir(), 'stations-bench-'));
  const plainServer = await startPlainServer();
  const hub = await startHub({ dataDir: dir, port: HUB_PORT, appRoot: path.join(ROOT, 'out/renderer') });
  const browser = await chromium.launch({ executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium', args: chromiumFlags });
  try {
    const visible = await visibility(browser, hub);
    const behind = await catchUpAndAppend(browser, hub);
    const f = (n: number) => (n < 10 ? n.toFixed(1) : n.toFixed(0));
    const p95 = quantile(visible.station, 0.95);
    const plainP95 = quantile(visible.plain, 0.95);
    const appendP99 = quantile(behind.append, 0.99);
    const putP99 = quantile(behind.put, 0.99);
    const rows: ResultRow[] = [
      { name: 'visibleOnAnotherStationP95', value: p95, unit: 'ms', baseline: { name: 'stock PouchDB live sync through express-pouchdb, p95', value: plainP95 }, ratio: p95 / plainP95, target: `< ${VISIBLE_TARGET_MS} ms`, pass: p95 < VISIBLE_TARGET_MS },
      { name: `catchUp${BEHIND}Behind`, value: behind.stationMs, unit: 'ms', baseline: { name: 'stock PouchDB replicate.from express-pouchdb, same documents', value: behind.plainMs }, ratio: behind.stationMs / behind.plainMs, target: `< ${CATCH_UP_TARGET_MS / 1000} s`, pass: behind.stationMs < CATCH_UP_TARGET_MS },
      { name: 'appendP99', value: appendP99, unit: 'ms', baseline: { name: 'stock PouchDB put of the same document, p99', value: putP99 }, ratio: appendP99 / putP99, target: `≤ ${APPEND_RATIO_TARGET}× put p99`, pass: appendP99 / putP99 <= APPEND_RATIO_TARGET },
    ];
    console.log(`多站记录基准（Chromium ${browser.version()}，真实 IndexedDB，工作站页面由同步中心提供；基线为同一次运行中的原生 PouchDB）`);
    printTable([
      ['用例', '本系统', '基线', '基线是什么', '相对基线', '目标', '结果'],
      [`另一工作站可见（${VISIBLE_ROUNDS} 次，p50 / p95）`, `${f(quantile(visible.station, 0.5))} / ${f(p95)} ms`, `${f(quantile(visible.plain, 0.5))} / ${f(plainP95)} ms`, 'PouchDB 经 express-pouchdb 实时同步', `${(p95 / plainP95).toFixed(2)}×`, rows[0]!.target, rows[0]!.pass ? 'PASS' : 'FAIL'],
      [`落后 ${behind.entries} 条的工作站追上`, `${(behind.stationMs / 1000).toFixed(1)} s`, `${(behind.plainMs / 1000).toFixed(1)} s`, 'PouchDB replicate.from 同样文档', `${rows[1]!.ratio.toFixed(2)}×`, rows[1]!.target, rows[1]!.pass ? 'PASS' : 'FAIL'],
      [`追加（${APPEND_ROUNDS} 次，p50 / p99）`, `${f(quantile(behind.append, 0.5))} / ${f(appendP99)} ms`, `${f(quantile(behind.put, 0.5))} / ${f(putP99)} ms`, 'PouchDB put 同一文档', `${rows[2]!.ratio.toFixed(2)}×`, rows[2]!.target, rows[2]!.pass ? 'PASS' : 'FAIL'],
    ]);
    const file = path.join(ROOT, 'bench-results.json');
    const existing = JSON.parse(await readFile(file, 'utf8').catch(() => '{}')) as Record<string, unknown>;
    existing['stations'] = {
      at: new Date().toISOString(),
      machine: { cpus: os.cpus().length, model: os.cpus()[0]?.model ?? '', load: os.loadavg().map((l) => Math.round(l * 100) / 100) },
      engine: `Chromium ${browser.version()}, IndexedDB (station pages served by the hub)`,
      rows: rows.map((r) => ({ ...r, value: Math.round(r.value * 10) / 10, baseline: { ...r.baseline, value: Math.round(r.baseline.value * 10) / 10 }, ratio: Math.round(r.ratio * 100) / 100 })),
    };
    await writeFile(file, JSON.stringify(existing, null, 2) + '\n');
    const failed = rows.filter((r) => !r.pass);
    console.log(`总用时 ${((Date.now() - started) / 1000).toFixed(0)} s；负载 ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);
    for (const r of failed) console.log(`FAIL ${r.name}: ${f(r.value)} ${r.unit}（目标 ${r.target}）`);
    if (failed.length) process.exitCode = 1;
  } finally {
    await browser.close();
    await hub.close();
    plainServer.kill();
    await rm(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
