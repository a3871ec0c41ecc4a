// Node measurement: `npm run measure:stations`. Prints, as JSON: verification time for
// 10 000 entries (head signatures only, and all), append vs a plain PouchDB put of the
// same document in Chromium, and how long a station 10 000 entries behind takes to catch
// up through the hub. Needs `npm run build` first (the station page). Loopback only.
/// <reference path="../../electron/hub/pouchdb.d.ts" />
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { chromium } from '@playwright/test';
import { startHub } from '../../electron/hub/index';
import { verifyStations } from '../../shared/stations/chains';
import { rosterInput } from '../../shared/stations/roster';
import { nativeVerify } from '../../electron/hub/nativeVerify';
import { agentFor, commanderOn, operator, pairStation } from './station';
import { chromiumFlags } from '../../playwright.config';
import type {} from '../../renderer/src/stations/pageApi'; // window.station's type

const N = Number(process.env['ENTRIES'] ?? 10_000);
const OP = 'op-measure';

async function main(): Promise<void> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'stations-measure-'));
  const hub = await startHub({ dataDir: dir, port: 47745, appRoot: path.resolve(__dirname, '../../out/renderer') });
  const agent = await agentFor(hub);
  const commander = await commanderOn(hub, OP, agent);
  // One at a time: the commander's Node station has no lock, and concurrent writes would fork its chain.
  const writers = [commander];
  for (const n of ['w1', 'w2', 'w3']) writers.push(await pairStation(hub, commander, agent, n, { role: 'evidenceClerk' }));

  // 10 000 entries over 4 writers, pushed to the hub in batches.
  let t = performance.now();
  for (let i = 0; i < N; i += 100) {
    for (const w of writers) {
      for (let k = 0; k < 25; k++) await w.note(`记录 ${i + k}`);
      await w.sync();
    }
  }
  const writeSeconds = (performance.now() - t) / 1000;
  await commander.sync();
  const entries = await commander.entries();
  t = performance.now();
  const heads = verifyStations(entries, { op: OP, signatures: 'heads' });
  const headsMs = performance.now() - t;
  t = performance.now();
  const allSigs = verifyStations(entries, { op: OP, signatures: 'all' });
  const allMs = performance.now() - t;
  t = performance.now();
  const allNative = verifyStations(entries, { op: OP, signatures: 'all', verify: nativeVerify });
  const allNativeMs = performance.now() - t;

  const browser = await chromium.launch({ executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium', args: chromiumFlags });
  const context = await browser.newContext({ ignoreHTTPSErrors: true });
  const page = await context.newPage();
  const invite = hub.invite(OP);
  const [base, fragment] = invite.link.split('#');
  t = performance.now();
  await page.goto(`${base}?name=late#${fragment}`);
  await page.getByTestId('sas').waitFor();
  const key = (await page.evaluate(() => window.station.publicKey()))!;
  const pending = hub.pendingPairings().find((p) => p.publicKey === key)!;
  await hub.admit(pending.pairingId, await commander.write(rosterInput('pair', { key, name: 'late', grant: { role: 'evidenceClerk' }, fromSeq: 1, sas: pending.sas }, operator)));
  const target = (await hub.store(OP)!.entries()).length;
  const pairedAt = performance.now();
  while ((await page.evaluate(() => window.station.timeline().then((l) => l.length))) < target) {
    if (performance.now() - pairedAt > 300_000) throw new Error('catch-up did not finish in 5 minutes');
    await new Promise((r) => setTimeout(r, 1000));
  }
  const catchUpMs = performance.now() - pairedAt;

  // Append (sign + put, with the cross-tab lock) vs a plain put of the same document shape.
  const raw = await page.evaluate(async () => {
    const ROUNDS = 200;
    const appendMs: number[] = [];
    const putMs: number[] = [];
    const db = window.station.database()!;
    const Plain = db.constructor as new (name: string) => { put(doc: object): Promise<unknown> };
    const plain = new Plain(`plain-${Date.now()}`);
    for (let i = 0; i < ROUNDS; i++) {
      let s = performance.now();
      const e = await window.station.note(`测量 ${i}`);
      appendMs.push(performance.now() - s);
      const doc = { _id: `p.${i}.${e.hash}`, entry: e };
      s = performance.now();
      await plain.put(doc);
      putMs.push(performance.now() - s);
    }
    return { appendMs, putMs };
  });
  // Outside the page: tsx names inner functions with a helper the page does not have.
  const q = (a: number[], p: number) => [...a].sort((x, y) => x - y)[Math.floor(a.length * p)]!;
  const timing = { appendP50: q(raw.appendMs, 0.5), appendP99: q(raw.appendMs, 0.99), putP50: q(raw.putMs, 0.5), putP99: q(raw.putMs, 0.99) };
  await browser.close();
  await hub.close();
  await rm(dir, { recursive: true, force: true });
  console.log(
    JSON.stringify(
      {
        entries: entries.length,
        writers: heads.writers.length,
        verifyOk: heads.ok && allSigs.ok && allNative.ok,
        firstProblem: heads.first?.message ?? allSigs.first?.message ?? null,
        verifyHeadsOnlyMs: Math.round(headsMs),
        verifyAllSignaturesMs: Math.round(allMs),
        verifyAllSignaturesNativeMs: Math.round(allNativeMs),
        writeAndPush10kSeconds: Math.round(writeSeconds),
        catchUpEntries: target,
        catchUpMs: Math.round(catchUpMs),
        chromium: Object.fromEntries(Object.entries(timing).map(([k, v]) => [k, Math.round(v * 10) / 10])),
        appendP99OverPutP99: Math.round((timing.appendP99 / timing.putP99) * 100) / 100,
      },
      null,
      1,
    ),
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
