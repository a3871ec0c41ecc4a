// Node test helper (tests and soak): a station in Node that pairs with a hub through its
// HTTP pairing routes and talks to it with a stock PouchDB client (not the app's code).
/// <reference path="../../electron/hub/pouchdb.d.ts" />
import PouchDB from 'pouchdb';
import memoryAdapter from 'pouchdb-adapter-memory';
import type https from 'node:https';
import { fetchPinnedCertificate, pinnedAgent } from '../../electron/hub/pinning';
import type { Hub } from '../../electron/hub/index';
import { entryDoc, type InlineAttachment } from '../../shared/stations/docs';
import { createEntry, seenMark, type EntryInput } from '../../shared/stations/entry';
import { HLC_ZERO, hlcReceive } from '../../shared/stations/hlc';
import { credentialClaim, shortAuthString } from '../../shared/stations/pairing';
import { genesisInput, rosterInput, type RoleGrant } from '../../shared/stations/roster';
import { demoSigner, type Signer } from '../../shared/stations/signer';
import type { Head, Hlc, StationEntry } from '../../shared/stations/types';

export const MemoryPouch = PouchDB.plugin(memoryAdapter).defaults({ adapter: 'memory' });
export const operator = { personId: 'p-1', name: '测试员' };

export async function agentFor(hub: { url: string; fingerprint: string }): Promise<https.Agent> {
  return pinnedAgent(await fetchPinnedCertificate(hub.url, hub.fingerprint));
}

/** A stock PouchDB client of the hub's database, sending the bearer credential. */
export function remoteDb(url: string, agent: https.Agent, credential?: string, headers: Record<string, string | (() => string)> = {}): PouchDB.Database {
  return new PouchDB(url, {
    skip_setup: true,
    fetch: (u: string, opts: { headers: { set(k: string, v: string): void } }) => {
      if (credential) opts.headers.set('Authorization', `Bearer ${credential}`);
      for (const [k, v] of Object.entries(headers)) opts.headers.set(k, typeof v === 'function' ? v() : v);
      return PouchDB.fetch(u, { ...opts, agent });
    },
  });
}

async function post(url: string, agent: https.Agent, body: unknown): Promise<{ status: number; json: Record<string, unknown> }> {
  const res = await PouchDB.fetch(url, { method: 'POST', body: JSON.stringify(body), headers: { 'Content-Type': 'application/json' }, agent } as never);
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

export class NodeStation {
  readonly signer: Signer;
  hlc: Hlc = HLC_ZERO;
  readonly local: PouchDB.Database;
  credential = '';
  remote?: PouchDB.Database;
  constructor(readonly name: string, readonly op: string) {
    this.signer = demoSigner(`${name}-${op}`);
    this.local = new MemoryPouch(`${name}-${op}-${Math.random()}`);
  }
  get key(): string {
    return this.signer.publicKey;
  }
  async entries(): Promise<StationEntry[]> {
    const all = await this.local.allDocs({ include_docs: true, startkey: 'e.', endkey: 'e.\uffff' });
    return all.rows.map((r) => (r.doc as unknown as { entry: StationEntry }).entry);
  }
  private heads = new Map<string, Head>();
  private since: number | string = 0;

  /** Signs and stores the next entry locally (not yet on the hub). Reads only what changed since the last write. */
  async write(input: EntryInput, attachments?: Record<string, InlineAttachment>): Promise<StationEntry> {
    const changes = await this.local.changes({ since: this.since, include_docs: true });
    for (const c of changes.results) {
      const e = (c.doc as unknown as { entry?: StationEntry } | undefined)?.entry;
      if (!e) continue;
      const h = this.heads.get(e.writer);
      if (!h || e.seq > h.seq) this.heads.set(e.writer, { seq: e.seq, hash: e.hash });
      this.hlc = hlcReceive(this.hlc, e.hlc, Date.now());
    }
    this.since = changes.last_seq;
    const own = this.heads.get(this.key) ?? null;
    const seen = Object.fromEntries([...this.heads].filter(([w]) => w !== this.key).map(([w, h]) => [w, seenMark(h)]));
    const { entry, hlc } = await createEntry(this.signer, { op: this.op, head: own, hlc: this.hlc, seen, boot: 'node' }, input, { wallMs: Date.now(), monoMs: performance.now() });
    this.hlc = hlc;
    await this.local.bulkDocs([entryDoc(entry, attachments)], { new_edits: false });
    return entry;
  }
  note(text: string, group = ''): Promise<StationEntry> {
    return this.write({ operator, category: 'note', text, group });
  }
  connect(hub: { url: string }, agent: https.Agent, db: string): void {
    this.remote = remoteDb(`${hub.url}/${db}`, agent, this.credential, { 'X-Station-Clock': () => String(Date.now()) });
  }
  async sync(): Promise<PouchDB.SyncResult> {
    return this.local.sync(this.remote!);
  }
}

/** Commander with genesis; its database opened on the hub; the hub paired with role 'hub'. */
export async function commanderOn(hub: Hub, op: string, agent: https.Agent): Promise<NodeStation> {
  const commander = new NodeStation('commander', op);
  const genesis = await commander.write(genesisInput(commander.key, '指挥工作站', operator));
  const { credential, db } = await hub.openOperation(genesis);
  commander.credential = credential;
  commander.connect(hub, agent, db);
  const pairHub = await commander.write(rosterInput('pair', { key: hub.hubKey, name: '同步中心', grant: { role: 'hub' }, fromSeq: 1 }, operator));
  await hub.submit(op, [pairHub]);
  return commander;
}

/** The whole pairing dance, as a station and the commander perform it; checks both SAS agree. */
export async function pairStation(hub: Hub, commander: NodeStation, agent: https.Agent, name: string, grant: RoleGrant): Promise<NodeStation> {
  const station = new NodeStation(name, commander.op);
  const invite = hub.invite(commander.op);
  const request = await post(`${hub.url}/_pair/request`, agent, { token: invite.token, publicKey: station.key, name });
  if (request.status !== 200) throw new Error(`配对请求被拒：${request.status}`);
  const { pairingId, hubNonce } = request.json as { pairingId: string; hubNonce: string };
  const mySas = shortAuthString(invite.fingerprint, invite.token, station.key, hubNonce);
  const pending = hub.pendingPairings().find((p) => p.pairingId === pairingId)!;
  if (pending.sas !== mySas) throw new Error('SAS 不一致');
  const claim = async () => post(`${hub.url}/_pair/claim`, agent, { pairingId, sig: Buffer.from(await station.signer.sign(new TextEncoder().encode(credentialClaim(pairingId, hubNonce)))).toString('base64url') });
  if ((await claim()).status !== 202) throw new Error('未准许前不应发放凭据');
  const pairEntry = await commander.write(rosterInput('pair', { key: station.key, name, grant, fromSeq: 1, sas: mySas }, operator));
  await hub.admit(pairingId, pairEntry);
  const done = await claim();
  if (done.status !== 200) throw new Error(`领取凭据失败：${done.status}`);
  station.credential = done.json['credential'] as string;
  station.connect(hub, agent, done.json['db'] as string);
  return station;
}
