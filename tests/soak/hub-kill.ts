// Node soak: `npm run soak:hub`. Two stations write to the hub while it is killed with
// SIGKILL (kill -9) KILLS times (default 20) and restarted; an entry counts as acknowledged
// when the hub answered its _bulk_docs with 201 and no error. At the end every acknowledged
// entry must be on the hub, and all chains must verify. Prints the figures. Loopback only.
/// <reference path="../../electron/hub/pouchdb.d.ts" />
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { verifyStations } from '../../shared/stations/chains';
import { entryDoc } from '../../shared/stations/docs';
import { agentFor, NodeStation, remoteDb } from './station';

const KILLS = Number(process.env['KILLS'] ?? 20);
const PORT = Number(process.env['SOAK_PORT'] ?? 47750);
const OP = 'op-soak';
const URL_ = `https://127.0.0.1:${PORT}`;

function startHubProcess(dataDir: string, setup: boolean): Promise<{ child: ChildProcess; fingerprint: string; credentials?: Record<string, string> }> {
  const args = [path.join(__dirname, 'hub-process.ts'), dataDir, String(PORT), ...(setup ? ['--setup', OP] : [])];
  const child = spawn(process.execPath, ['--import', 'tsx', ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let credentials: Record<string, string> | undefined;
    let buffered = '';
    child.stdout!.on('data', (d: Buffer) => {
      buffered += d.toString();
      for (const line of buffered.split('\n').slice(0, -1)) {
        if (line.startsWith('credentials ')) credentials = JSON.parse(line.slice(12)) as Record<string, string>;
        if (line.startsWith('ready ')) resolve({ child, fingerprint: line.slice(6).trim(), ...(credentials ? { credentials } : {}) });
      }
      buffered = buffered.slice(buffered.lastIndexOf('\n') + 1);
    });
    child.once('exit', (code) => reject(new Error(`hub exited with ${code} before it was ready`)));
  });
}

const kill9 = (child: ChildProcess) =>
  new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });

async function main(): Promise<void> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'hub-soak-'));
  const started = Date.now();
  let hub = await startHubProcess(dataDir, true);
  const agent = await agentFor({ url: URL_, fingerprint: hub.fingerprint });
  const writers = ['w1', 'w2'].map((name) => {
    const s = new NodeStation(name, OP);
    s.credential = hub.credentials![name]!;
    s.remote = remoteDb(`${URL_}/op_${OP}`, agent, s.credential);
    return s;
  });
  const acknowledged = new Set<string>();
  let attempts = 0;
  let failures = 0;
  let stop = false;

  // Each writer: sign an entry locally, push everything not yet acknowledged, repeat.
  const loops = writers.map(async (w, i) => {
    const pending: string[] = [];
    const docs = new Map<string, object>();
    while (!stop) {
      const entry = await w.note(`写入 ${i}-${attempts}`);
      pending.push(entry.hash);
      docs.set(entry.hash, entryDoc(entry));
      attempts++;
      try {
        const result = await w.remote!.bulkDocs(pending.map((h) => docs.get(h)!), { new_edits: false });
        if (result.length === 0) {
          for (const h of pending.splice(0)) acknowledged.add(h);
        } else throw new Error(JSON.stringify(result[0]));
      } catch {
        failures++;
        await new Promise((r) => setTimeout(r, 50));
      }
    }
  });

  const restarts: number[] = [];
  for (let k = 0; k < KILLS; k++) {
    await new Promise((r) => setTimeout(r, 300 + Math.random() * 400));
    await kill9(hub.child);
    const t = Date.now();
    hub = await startHubProcess(dataDir, false);
    restarts.push(Date.now() - t);
  }
  await new Promise((r) => setTimeout(r, 500));
  stop = true;
  await Promise.all(loops);
  await kill9(hub.child);
  hub = await startHubProcess(dataDir, false);

  const commander = remoteDb(`${URL_}/op_${OP}`, agent, hub.credentials?.['commander'] ?? writers[0]!.credential);
  const all = await commander.allDocs({ include_docs: true, startkey: 'e.', endkey: 'e.\uffff' });
  const stored = new Set(all.rows.map((r) => (r.doc as unknown as { entry: { hash: string } }).entry.hash));
  const lost = [...acknowledged].filter((h) => !stored.has(h));
  const verdict = verifyStations(all.rows.map((r) => (r.doc as unknown as { entry: unknown }).entry), { op: OP, signatures: 'all' });
  await kill9(hub.child);
  await rm(dataDir, { recursive: true, force: true });

  const figures = {
    kills: KILLS,
    writeAttempts: attempts,
    acknowledged: acknowledged.size,
    failedPushes: failures,
    storedEntries: stored.size,
    lostAcknowledged: lost.length,
    chainsVerify: verdict.ok,
    firstProblem: verdict.first?.message ?? null,
    restartMsMedian: restarts.sort((a, b) => a - b)[Math.floor(restarts.length / 2)],
    seconds: Math.round((Date.now() - started) / 1000),
  };
  console.log(JSON.stringify(figures, null, 1));
  console.log(`${lost.length === 0 && verdict.ok ? 1 : 0} passed, ${lost.length === 0 && verdict.ok ? 0 : 1} failed`);
  process.exit(lost.length === 0 && verdict.ok ? 0 : 1);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
