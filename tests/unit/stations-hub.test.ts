// The hub against a stock PouchDB client (not the app's code), over HTTPS with the pinned
// certificate. Hub ports: 47740–47759 (tests), a stand-in county server on 47741.
/// <reference path="../../electron/hub/pouchdb.d.ts" />
import { mkdtemp, rm } from 'node:fs/promises';
import { spawn } from 'node:child_process';
import type https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import PouchDB from 'pouchdb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pullFromCounty, pushToCounty } from '../../electron/hub/county';
import { startHub, type Hub } from '../../electron/hub/index';
import { verifyStations } from '../../shared/stations/chains';
import { countersignInput, latestAgreedCheckpoint } from '../../shared/stations/checkpoints';
import { sha256Hex } from '../../shared/stations/canonical';
import { entryDoc } from '../../shared/stations/docs';
import { rosterInput } from '../../shared/stations/roster';
import type { StationEntry } from '../../shared/stations/types';
import { agentFor, commanderOn, MemoryPouch, NodeStation, operator, pairStation, remoteDb } from '../soak/station';

const OP = 'op-hub-test';
const CANARY = '110101199003078888';
let dir: string;
let hub: Hub;
let agent: https.Agent;
let commander: NodeStation;
let leader: NodeStation;
let clerk: NodeStation;

async function raw(url: string, init: Record<string, unknown> = {}): Promise<{ status: number; text: string; headers: Headers }> {
  const res = await PouchDB.fetch(url, { ...init, agent } as never);
  return { status: res.status, text: await res.text(), headers: res.headers };
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'hub-test-'));
  hub = await startHub({ dataDir: dir, port: 47740 });
  agent = await agentFor(hub);
  commander = await commanderOn(hub, OP, agent);
  leader = await pairStation(hub, commander, agent, '安保组手机', { role: 'groupLeader', group: 'security' });
  clerk = await pairStation(hub, commander, agent, '证据组平板', { role: 'evidenceClerk' });
  await commander.sync();
}, 60_000);

afterAll(async () => {
  await hub?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('the hub', () => {
  it('pins its certificate: a wrong fingerprint is refused before anything is sent', async () => {
    await expect(agentFor({ url: hub.url, fingerprint: '0'.repeat(64) })).rejects.toThrow('同步中心证书指纹不符');
  });

  it('an unpaired client gets 401 and nothing else, on every route', async () => {
    const db = `${hub.url}/op_${OP}`;
    for (const [url, init] of [
      [`${hub.url}/`, {}],
      [db, {}],
      [`${db}/_changes`, {}],
      [`${db}/_all_docs?include_docs=true`, {}],
      [`${db}/_bulk_docs`, { method: 'POST', body: '{"docs":[]}', headers: { 'Content-Type': 'application/json' } }],
      [`${db}/_local/x`, { method: 'PUT', body: '{}' }],
      [db, { headers: { Authorization: 'Bearer not-a-real-credential-000000' } }],
    ] as const) {
      const r = await raw(url, init);
      expect([url, r.status, r.text]).toEqual([url, 401, '{"error":"unauthorized"}']);
    }
    const pair = await raw(`${hub.url}/_pair/request`, { method: 'POST', body: JSON.stringify({ token: 'guessed-token-xxxxxxxxxxxxxxx', publicKey: leader.key, name: 'x' }) });
    expect(pair.status).toBe(401);
  });

  it('entries written on each station reach the others, and all verify the same', async () => {
    await leader.note('外围警戒到位', 'security');
    await clerk.write({ operator, category: 'mediaRegister', text: '登记执法记录仪 1 号', group: 'evidence', act: { kind: 'media.put', changes: [{ table: 'media', op: 'put', id: 'm1', record: { name: 'cam1.mp4' } }] } });
    await commander.write({ operator, category: 'phase', text: '宣布执行启动' });
    for (const s of [leader, clerk, commander, leader, clerk]) await s.sync();
    const verdicts = await Promise.all([commander, clerk].map(async (s) => verifyStations(await s.entries(), { op: OP, signatures: 'all' })));
    for (const v of verdicts) expect(v.ok, JSON.stringify(v.problems)).toBe(true);
    expect((await clerk.entries()).map((e) => e.hash).sort()).toEqual((await commander.entries()).map((e) => e.hash).sort());
    // The group leader's device holds the clerk's footage entry only as a withheld stub.
    const leaderDocs = await leader.local.allDocs({ include_docs: true });
    expect(leaderDocs.rows.some((r) => r.key.startsWith('w.'))).toBe(true);
    expect(JSON.stringify(leaderDocs.rows)).not.toContain('cam1.mp4');
  });

  it('a stock PouchDB client cannot store a revision 2 of an entry, delete one, or add an attachment', async () => {
    const entry = await commander.note('原始记录');
    await commander.sync();
    const remote = commander.remote!;
    const stored = await remote.get(entryDoc(entry)._id);
    const changed = { ...stored, entry: { ...stored.entry, text: '被改写' } };
    await expect(remote.put(changed)).rejects.toMatchObject({ status: 403 });
    const bulk = await remote.bulkDocs([{ ...changed, _rev: `2-${'b'.repeat(32)}`, _revisions: { start: 2, ids: ['b'.repeat(32), stored._rev.slice(2)] } }], { new_edits: false });
    expect(bulk[0]).toMatchObject({ error: 'forbidden', reason: expect.stringContaining('拒绝第 2 版') });
    await expect(remote.remove(stored)).rejects.toMatchObject({ status: 403 });
    await expect(remote.putAttachment(stored._id, 'x.txt', stored._rev, Buffer.from('x'), 'text/plain')).rejects.toMatchObject({ status: 403 });
    // Replicating a locally edited copy (a real revision 2) is refused too.
    const rogue = new MemoryPouch(`rogue-${Math.random()}`);
    await PouchDB.replicate(remote, rogue);
    const local = await rogue.get(stored._id);
    await rogue.put({ ...local, entry: { ...local.entry, text: '被改写' } });
    const push = await PouchDB.replicate(rogue, remote);
    expect(push.doc_write_failures).toBeGreaterThanOrEqual(1);
    const after = await remote.get(stored._id, { open_revs: 'all' });
    expect(after).toHaveLength(1);
    expect(after[0].ok.entry.text).toBe('原始记录');
    expect(after[0].ok._rev).toBe(stored._rev);
    const refusals = await hub.refusals(OP);
    expect(refusals.map((r) => r.reason)).toEqual(expect.arrayContaining([expect.stringContaining('拒绝修改已有记录'), expect.stringContaining('拒绝第 2 版')]));
    // Replication checkpoints (_local) stay writable.
    expect((await remote.put({ _id: '_local/mine', n: 1 })).ok).toBe(true);
  });

  it('carries attachments pinned by SHA-256 in the signed entry, and refuses bytes that do not match', async () => {
    const pdf = Buffer.from('%PDF-1.7 强制执行告知书');
    const files = [{ name: 'notice.pdf', sha256: sha256Hex(pdf), contentType: 'application/pdf', size: pdf.length }];
    const entry = await commander.write({ operator, category: 'note', text: '告知书 PDF', files }, { 'notice.pdf': { content_type: 'application/pdf', data: pdf.toString('base64') } });
    await commander.sync();
    await clerk.sync();
    expect(Buffer.from(await clerk.local.getAttachment(entryDoc(entry)._id, 'notice.pdf')).toString()).toBe(pdf.toString());
    const forged = await commander.write({ operator, category: 'note', text: '告知书 PDF（篡改）', files });
    const [result] = await commander.remote!.bulkDocs([entryDoc(forged, { 'notice.pdf': { content_type: 'application/pdf', data: Buffer.from('%PDF-1.7 另一份').toString('base64') } })], { new_edits: false });
    expect(result).toMatchObject({ error: 'forbidden', reason: '附件「notice.pdf」与记录登记的 SHA-256 不符' });
  });

  it('refuses what a role may not write, with the reason kept', async () => {
    const phase = await leader.write({ operator, category: 'phase', text: '宣布执行启动', group: 'security' });
    const push = await PouchDB.replicate(leader.local, leader.remote!, { doc_ids: [entryDoc(phase)._id] });
    expect(push.doc_write_failures).toBe(1);
    expect((await hub.refusals(OP)).map((r) => r.reason)).toContainEqual(expect.stringContaining('只有现场执行指挥或副指挥可以宣布执行环节'));
  });

  it('keeps both entries of a fork and flags it', async () => {
    const twin = new NodeStation('证据组平板', OP); // the same key, restored from a backup
    for (const e of await clerk.entries()) if (e.writer === clerk.key) await twin.local.bulkDocs([entryDoc(e)], { new_edits: false });
    const original = await clerk.note('原机写的');
    const copy = await twin.note('备份机写的');
    expect(copy.seq).toBe(original.seq);
    await clerk.sync();
    twin.credential = clerk.credential;
    twin.remote = clerk.remote;
    await PouchDB.replicate(twin.local, twin.remote!);
    await commander.sync();
    const v = verifyStations(await commander.entries(), { op: OP, signatures: 'heads' });
    expect(v.problems).toContainEqual(expect.objectContaining({ kind: 'fork', writer: clerk.key, seq: original.seq }));
    expect((await hub.refusals(OP)).map((r) => r.reason)).toContainEqual(expect.stringContaining('分叉'));
  });

  it('a phone never receives an ID number: not in its store, not in any response', async () => {
    await commander.write({ operator, category: 'note', text: '登记被执行人', act: { kind: 'subject.put', changes: [{ table: 'subjects', op: 'put', id: 's1', record: { name: '李四', idNumber: CANARY } }] } });
    await commander.sync();
    const bodies: string[] = [];
    const phone = new MemoryPouch(`phone-${Math.random()}`);
    const remote = new PouchDB(leader.remote!.name, {
      skip_setup: true,
      fetch: async (u: string, opts: { headers: { set(k: string, v: string): void } }) => {
        opts.headers.set('Authorization', `Bearer ${leader.credential}`);
        const res = await PouchDB.fetch(u, { ...opts, agent });
        bodies.push(await res.clone().text());
        return res;
      },
    });
    await PouchDB.replicate(remote, phone);
    await remote.allDocs({ include_docs: true });
    expect(bodies.length).toBeGreaterThan(2);
    expect(bodies.join('\n')).not.toContain(CANARY);
    expect(JSON.stringify((await phone.allDocs({ include_docs: true })).rows)).not.toContain(CANARY);
    // The commander's own device does hold it.
    expect(JSON.stringify((await commander.local.allDocs({ include_docs: true })).rows)).toContain(CANARY);
  });

  it('a revoked station gets 401 with the wipe signal, and its later entries are refused wherever they come from', async () => {
    const head = (await leader.entries()).filter((e) => e.writer === leader.key).length;
    const revoke = await commander.write(rosterInput('revoke', { key: leader.key, name: '安保组手机', fromSeq: head + 1 }, operator));
    expect(await hub.submit(OP, [revoke])).toEqual([expect.objectContaining({ ok: true })]);
    const r = await raw(`${leader.remote!.name}`, { headers: { Authorization: `Bearer ${leader.credential}` } });
    expect(r.status).toBe(401);
    expect(r.headers.get('x-station-revoked')).toBe('1');
    const late = await leader.note('撤销后写的', 'security');
    const relayed = await hub.submit(OP, [late]); // e.g. relayed by another station
    expect(relayed[0]).toMatchObject({ error: 'forbidden', reason: expect.stringContaining('已于其第') });
  });

  it('checkpoints: proposed by the hub, countersigned by stations, the latest agreed one found', async () => {
    await clerk.sync();
    const checkpoint = await hub.proposeCheckpoint(OP);
    await clerk.sync();
    await clerk.write(countersignInput(checkpoint, operator));
    await clerk.sync();
    await commander.sync();
    const entries = await commander.entries();
    expect(latestAgreedCheckpoint(entries, new Set([hub.hubKey]), [clerk.key])?.checkpoint.hash).toBe(checkpoint.hash);
  });

  it('measures each station’s clock at every contact and logs a flagged offset on its own chain', async () => {
    const skewed = remoteDb(clerk.remote!.name, agent, clerk.credential, { 'X-Station-Clock': String(Date.now() - 90_000) });
    await skewed.info();
    await new Promise((r) => setTimeout(r, 300));
    expect(hub.clockOffsets().find((o) => o.station === clerk.key)?.offsetMs).toBeLessThan(-85_000);
    await commander.sync();
    const clock = (await commander.entries()).filter((e) => e.category === 'clock' && e.data['station'] === clerk.key);
    expect(clock.at(-1)?.data['flagged']).toBe(true);
  });

  it('replicates to a second CouchDB-protocol server (standing in for the county’s) and back, through its checks', async () => {
    const server = spawn(process.execPath, [path.join(__dirname, '../soak/county-server.cjs'), '47741'], { stdio: ['ignore', 'pipe', 'inherit'] });
    await new Promise<void>((resolve, reject) => {
      server.stdout.on('data', (d: Buffer) => d.toString().includes('listening') && resolve());
      server.once('exit', (code) => reject(new Error(`county server exited ${code}`)));
    });
    try {
      const url = `http://127.0.0.1:47741/op_county`;
      const store = hub.store(OP)!;
      const pushed = await pushToCounty(store, { url });
      const held = (await store.entries()).length;
      expect(pushed).toBe(held);
      // A station writing straight to the county; and someone editing a county copy.
      const county = new PouchDB(url);
      const fresh = await clerk.note('经县级服务器转来的记录');
      await county.bulkDocs([entryDoc(fresh)], { new_edits: false });
      const some = (await county.allDocs({ include_docs: true, limit: 1, startkey: 'e.' })).rows[0]!.doc!;
      await county.put({ ...some, entry: { ...(some['entry'] as StationEntry), text: '县级服务器上被改写' } });
      const pulled = await pullFromCounty(store, { url });
      expect(pulled.refused).toBe(1);
      expect((await store.entries()).map((e) => e.hash)).toContain(fresh.hash);
      expect((await store.entries()).some((e) => e.text === '县级服务器上被改写')).toBe(false);
      expect((await pullFromCounty(store, { url })).accepted).toBe(0); // resumes from its checkpoint
    } finally {
      server.kill();
    }
  });
});
