// Node main. The CouchDB-protocol hub: a separate listener beside the app's own 127.0.0.1
// server, one database per operation, every write checked (protocol.ts, store.ts). It
// listens on loopback until the commander opens it to the LAN. One port speaks HTTPS (the
// stations, the phone page) and, for a phone that has not yet installed the hub's CA, plain
// HTTP that serves only that CA certificate and how to install it (phoneTrust.ts). Started
// with the app by service.ts (Electron main or the browser-mode launcher); see README.
/// <reference path="./pouchdb.d.ts" />
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, stat } from 'node:fs/promises';
import { createReadStream } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { clockInput, measureOffset, shouldLogOffset, type ClockOffset } from '../../shared/stations/clock';
import { checkpointInput } from '../../shared/stations/checkpoints';
import { entryDoc } from '../../shared/stations/docs';
import { createEntry, parseEntry, seenMark, type EntryInput } from '../../shared/stations/entry';
import { HLC_ZERO, hlcReceive } from '../../shared/stations/hlc';
import { credentialClaim, inviteLink, PAIR_PATH, type PairingInvite } from '../../shared/stations/pairing';
import { profileOf } from '../../shared/stations/redaction';
import { isRevoked, standingAt } from '../../shared/stations/roster';
import { nobleSigner, randomSecretKey, verifySignature, type Signer } from '../../shared/stations/signer';
import { shortAuthString } from '../../shared/stations/pairing';
import type { Hlc, StationEntry } from '../../shared/stations/types';
import { CONTENT_SECURITY_POLICY } from '../../shared/app/identity';
import { contentType, resolveRequestPath } from '../launch/static-server';
import { hubCertificate, ownAddresses, type HubCertificate } from './cert';
import { CredentialStore } from './credentials';
import { readJson, writeJsonAtomic } from './files';
import { servePlain } from './phoneTrust';
import { database, readBody, sendJson } from './protocol';
import { OperationStore } from './store';

/** The hub's port when the app starts it: fixed, because a phone's station page keeps its data under the hub's origin (address and port). */
export const DEFAULT_HUB_PORT = 47616;

/** A refusal the hub makes on purpose, in Chinese for the user (what the host API passes on). */
export class HubRefusal extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'HubRefusal';
  }
}

export interface HubOptions {
  /** The hub's data folder: LevelDB databases, certificate, key, credentials. */
  dataDir: string;
  /** 0: any free port. */
  port?: number;
  /** Built renderer (out/renderer), served at /app/ for phones and browser stations. */
  appRoot?: string;
  /** Addresses the certificate names (default: this machine's IPv4 addresses, read again when the LAN is opened). */
  addresses?: string[];
}

/** What the hub knows of one station's contact with it. */
export interface StationActivity {
  station: string;
  name: string;
  /** The roster's current role, or null (not paired yet, or revoked). */
  role: string | null;
  group?: string;
  revoked: boolean;
  /** Hub time of the station's last authenticated request, epoch ms. */
  lastContactMs?: number;
  /** Entries the station has not yet pulled (after the `since` of its last changes request), when it has pulled at all. */
  waiting?: number;
}

export interface PendingPairing {
  pairingId: string;
  op: string;
  publicKey: string;
  name: string;
  sas: string;
  status: 'pending' | 'admitted' | 'refused';
}

export interface Hub {
  readonly url: string;
  readonly port: number;
  /** SHA-256 of the hub's CA certificate: what QR codes carry and stations pin. */
  readonly fingerprint: string;
  /** The CA certificate (PEM): the trust anchor of a connection to this hub from Node. */
  readonly caCert: string;
  /** Whether the hub listens on every interface (the site LAN) or on loopback only. */
  readonly lanOpen: boolean;
  /** The addresses the server certificate names (loopback first). */
  readonly addresses: string[];
  /** The hub's own writer key (checkpoints, clock records); paired by the commander with role 'hub'. */
  readonly hubKey: string;
  /** Opens (or creates) an operation's database trusting `genesis`'s writer as the commander, and issues the commander station's credential. */
  openOperation(genesis: StationEntry): Promise<{ credential: string; db: string }>;
  /** A one-time pairing invite for the QR code, at `address` (default: the first LAN address when the LAN is open, else loopback). */
  invite(op: string, address?: string): PairingInvite & { link: string; expiresAt: number };
  /** The operations this hub holds. */
  operations(): Array<{ op: string; db: string; anchor: string }>;
  /** Every station of the operation's roster, with what the hub knows of its contact. */
  stationActivity(op: string): Promise<StationActivity[]>;
  pendingPairings(): PendingPairing[];
  /** Admits a pending station: `pairEntry` is the commander's signed roster entry pairing that key. */
  admit(pairingId: string, pairEntry: StationEntry): Promise<void>;
  refusePairing(pairingId: string): void;
  /** Stores entries the commander's station wrote (a revocation, say) through the same checks as the network. */
  submit(op: string, entries: StationEntry[]): Promise<Array<{ ok?: boolean; error?: string; reason?: string }>>;
  /** Appends to the hub's own chain. */
  writeOwn(op: string, input: EntryInput): Promise<StationEntry>;
  proposeCheckpoint(op: string): Promise<StationEntry>;
  clockOffsets(): ClockOffset[];
  refusals(op: string): Promise<Array<{ at: string; from: string; reason: string; doc: unknown }>>;
  store(op: string): OperationStore | undefined;
  /** Listens on every interface (the site LAN) instead of loopback only. */
  openLan(): Promise<void>;
  closeLan(): Promise<void>;
  close(): Promise<void>;
}

interface Pairing extends PendingPairing {
  hubNonce: string;
  credential?: string;
}

const REVOKED_HEADER = 'X-Station-Revoked';
/** Entries waiting are counted up to this many (a station that far behind is simply "far behind"). */
const WAITING_CAP = 10_000;
/** How long a pairing invite (its QR code) stays usable. */
const INVITE_MS = 10 * 60_000;
/** Sent by stations: their clock when they sent the request (epoch ms), and their last round trip. */
export const CLOCK_HEADER = 'x-station-clock';
export const RTT_HEADER = 'x-station-rtt';

async function hubSigner(dir: string): Promise<Signer> {
  const file = path.join(dir, 'hub-writer-key.json');
  const saved = await readJson<{ secretKey?: string }>(file, {});
  if (saved.secretKey) return nobleSigner(Buffer.from(saved.secretKey, 'base64url'));
  const secret = randomSecretKey();
  await writeJsonAtomic(file, { secretKey: Buffer.from(secret).toString('base64url') });
  return nobleSigner(secret);
}

export async function startHub(options: HubOptions): Promise<Hub> {
  const dir = options.dataDir;
  await mkdir(dir, { recursive: true });
  const signer = await hubSigner(dir);
  const credentials = await CredentialStore.open(path.join(dir, 'credentials.json'));
  const operationsFile = path.join(dir, 'operations.json');
  const operations = await readJson<Array<{ op: string; anchor: string }>>(operationsFile, []);
  const stores = new Map<string, OperationStore>();
  const byDbName = new Map<string, OperationStore>();
  const invites = new Map<string, { op: string; expires: number }>();
  const pairings = new Map<string, Pairing>();
  const offsets = new Map<string, ClockOffset & { logged?: number }>();
  /** `${op} ${station}` → last contact and the `since` of its last changes request. */
  const activity = new Map<string, { lastContactMs: number; since?: number }>();
  let cert: HubCertificate = await hubCertificate(dir, options.addresses ?? ownAddresses());
  let lanOpen = false;
  let hlc: Hlc = HLC_ZERO;
  const bootId = randomBytes(8).toString('hex');

  async function openStore(op: string, anchor: string): Promise<OperationStore> {
    const existing = stores.get(op);
    if (existing) return existing;
    const store = await OperationStore.open({
      op,
      anchor,
      dir,
      onRoster: (roster) => void credentials.revoke(op, [...roster.stations.keys()].filter((k) => isRevoked(roster, k))),
    });
    stores.set(op, store);
    byDbName.set(store.name, store);
    return store;
  }
  /** A hub that cannot start (a port in use, a database held by another process) leaves nothing open behind it. */
  const closeStores = async () => {
    for (const s of stores.values()) await s.close().catch(() => undefined);
  };
  try {
    for (const { op, anchor } of operations) await openStore(op, anchor);
  } catch (error) {
    await closeStores();
    throw error;
  }

  const storeOf = (op: string) => {
    const s = stores.get(op);
    if (!s) throw new HubRefusal(`同步中心没有执行行动 ${op} 的数据库`);
    return s;
  };

  let writingOwn: Promise<unknown> = Promise.resolve();
  function writeOwn(op: string, input: EntryInput): Promise<StationEntry> {
    const task = async () => {
      const store = storeOf(op);
      const entries = await store.entries();
      for (const e of entries) hlc = hlcReceive(hlc, e.hlc, Date.now());
      const heads = store.heads(entries);
      const own = heads.get(signer.publicKey) ?? null;
      heads.delete(signer.publicKey);
      const { entry, hlc: next } = await createEntry(
        signer,
        { op, head: own, hlc, seen: Object.fromEntries([...heads].map(([w, h]) => [w, seenMark(h)])), boot: bootId },
        input,
        { wallMs: Date.now(), monoMs: performance.now() },
      );
      const [result] = await store.write([entryDoc(entry)], 'hub');
      if (!result || !('ok' in result)) throw new HubRefusal(`同步中心的记录未被接受：${result && 'reason' in result ? result.reason : ''}`);
      hlc = next;
      return entry;
    };
    const run = writingOwn.then(task, task);
    writingOwn = run.catch(() => undefined);
    return run;
  }

  /** Measures the station's clock at each contact; logs it on the hub's chain when it is new, moved or crossed the flag. */
  function measureClock(req: http.IncomingMessage, station: string, op: string, name: string): void {
    const sent = Number(req.headers[CLOCK_HEADER]);
    if (!Number.isFinite(sent) || sent <= 0) return;
    const rtt = Math.max(0, Number(req.headers[RTT_HEADER]) || 0);
    const now = Date.now();
    const offset: ClockOffset = { station, offsetMs: measureOffset(sent, now, rtt), rttMs: rtt, atMs: now };
    const last = offsets.get(station);
    offsets.set(station, { ...offset, logged: last?.logged });
    const store = stores.get(op);
    if (!shouldLogOffset(last?.logged, offset.offsetMs) || !store) return;
    if (!standingAt(store.roster, signer.publicKey, Number.MAX_SAFE_INTEGER).ok) return; // the hub is not paired yet
    offsets.set(station, { ...offset, logged: offset.offsetMs });
    writeOwn(op, clockInput(offset, name)).catch(() => offsets.set(station, { ...offset, logged: last?.logged }));
  }

  /** Entries after `since` that the station did not write itself (those it has already), up to a cap. */
  async function waitingFor(db: OperationStore['main'], station: string, since: number): Promise<number> {
    const changes = await db.changes({ since, limit: WAITING_CAP, return_docs: true });
    return changes.results.filter((c) => !c.id.startsWith(`e.${station}.`) && !c.id.startsWith(`w.${station}.`)).length;
  }

  function noteContact(op: string, station: string, since: string | null): void {
    const key = `${op} ${station}`;
    const seen = activity.get(key);
    const seq = since !== null && /^\d+$/.test(since) ? Number(since) : undefined;
    activity.set(key, { lastContactMs: Date.now(), since: seq ?? seen?.since });
  }

  async function serveApp(res: http.ServerResponse, pathname: string): Promise<void> {
    const root = options.appRoot;
    if (!root) return sendJson(res, 404, { error: 'not_found' });
    const resolved = resolveRequestPath(root, pathname.slice('/app'.length) || '/');
    const info = resolved.kind === 'file' ? await stat(resolved.path).catch(() => undefined) : undefined;
    if (resolved.kind !== 'file' || !info?.isFile()) return sendJson(res, 404, { error: 'not_found' });
    res.writeHead(200, {
      'Content-Type': contentType(resolved.path),
      'Content-Length': info.size,
      'Content-Security-Policy': CONTENT_SECURITY_POLICY,
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'no-cache',
    });
    createReadStream(resolved.path).on('error', () => res.destroy()).pipe(res);
  }

  async function pair(req: http.IncomingMessage, res: http.ServerResponse, step: string): Promise<void> {
    const body = ((await readBody(req)) ?? {}) as Record<string, unknown>;
    if (req.method === 'POST' && step === 'request') {
      const token = typeof body['token'] === 'string' ? body['token'] : '';
      const publicKey = typeof body['publicKey'] === 'string' ? body['publicKey'] : '';
      const name = typeof body['name'] === 'string' ? body['name'].slice(0, 50) : '';
      const invite = invites.get(token);
      invites.delete(token); // one use, whatever happens next
      if (!invite || invite.expires < Date.now() || !/^[A-Za-z0-9_-]{43}$/.test(publicKey) || !name.trim()) {
        return sendJson(res, 401, { error: 'unauthorized' });
      }
      const hubNonce = randomBytes(16).toString('base64url');
      const pairingId = randomBytes(16).toString('base64url');
      pairings.set(pairingId, { pairingId, op: invite.op, publicKey, name: name.trim(), hubNonce, sas: shortAuthString(cert.fingerprint, token, publicKey, hubNonce), status: 'pending' });
      return sendJson(res, 200, { pairingId, hubNonce });
    }
    if (req.method === 'POST' && step === 'claim') {
      const p = pairings.get(typeof body['pairingId'] === 'string' ? body['pairingId'] : '');
      if (!p) return sendJson(res, 401, { error: 'unauthorized' });
      if (!verifySignature(String(body['sig'] ?? ''), new TextEncoder().encode(credentialClaim(p.pairingId, p.hubNonce)), p.publicKey)) return sendJson(res, 401, { error: 'unauthorized' });
      if (p.status === 'pending') return sendJson(res, 202, { status: 'pending' });
      if (p.status === 'refused' || !p.credential) {
        pairings.delete(p.pairingId);
        return sendJson(res, 403, { error: 'forbidden', reason: '指挥工作站未准许配对' });
      }
      const credential = p.credential;
      pairings.delete(p.pairingId); // the credential is handed out once
      const store = storeOf(p.op);
      const standing = standingAt(store.roster, p.publicKey, 1);
      return sendJson(res, 200, { credential, db: store.name, op: p.op, anchor: store.anchor, role: standing.ok ? standing.grant : null });
    }
    return sendJson(res, 404, { error: 'not_found' });
  }

  /**
   * A revoked station's next contact is refused at the door (its entries never reach the
   * checks), so the refusal is journalled there, once per station and run: the commander sees
   * that the station came back and that nothing it wrote since is accepted.
   */
  const revokedContacts = new Set<string>();
  function noteRevokedContact(c: { op: string; station: string; name: string }): void {
    const key = `${c.op} ${c.station}`;
    if (revokedContacts.has(key)) return;
    revokedContacts.add(key);
    const reason = `已撤销的工作站「${c.name}」（${c.station.slice(0, 8)}）再次连接：同步中心拒绝其连接，其撤销后写入的记录一律不予接受`;
    void stores.get(c.op)?.keepRefused([{ doc: { station: c.station, name: c.name }, reason }], c.station).catch(() => undefined);
  }

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'https://hub.invalid');
    const pathname = url.pathname;
    if (pathname === PAIR_PATH) {
      res.writeHead(302, { Location: `/app/src/stations/station.html${url.search}` });
      return void res.end();
    }
    if (pathname === '/app' || pathname.startsWith('/app/')) return serveApp(res, pathname);
    if (pathname.startsWith('/_pair/')) return pair(req, res, pathname.slice('/_pair/'.length));

    const credential = credentials.find(req.headers.authorization);
    // Unpaired: 401 and nothing else.
    if (!credential) return sendJson(res, 401, { error: 'unauthorized' });
    if (credential.revoked) {
      noteRevokedContact(credential);
      return sendJson(res, 401, { error: 'unauthorized', reason: 'revoked' }, { [REVOKED_HEADER]: '1' });
    }
    const store = stores.get(credential.op);
    if (!store) return sendJson(res, 401, { error: 'unauthorized' });
    measureClock(req, credential.station, credential.op, credential.name);

    const [, dbName, ...rest] = pathname.split('/');
    noteContact(credential.op, credential.station, rest[0] === '_changes' ? url.searchParams.get('since') : null);
    if (!dbName) return sendJson(res, 200, { couchdb: 'Welcome', version: '3.3.3', uuid: createHash('sha256').update(cert.fingerprint).digest('hex').slice(0, 32), vendor: { name: '强制执行指挥台同步中心' } });
    if (byDbName.get(decodeURIComponent(dbName)) !== store) return sendJson(res, 404, { error: 'not_found', reason: 'Database does not exist.' });
    const standing = standingAt(store.roster, credential.station, Number.MAX_SAFE_INTEGER);
    const profile = credential.station === store.anchor ? 'full' : standing.ok ? profileOf(standing.grant.role) : 'field';
    return database({ store, read: profile === 'full' ? store.main : store.field, station: credential.station }, req, res, url, rest);
  }

  const secure = https.createServer({ key: cert.key, cert: cert.cert }, (req, res) => {
    handle(req, res).catch((error: unknown) => {
      const status = (error as { status?: number }).status ?? 500;
      if (res.headersSent) return void res.destroy();
      const notFound = (error as { name?: string; status?: number }).status === 404;
      sendJson(res, notFound ? 404 : status, notFound ? { error: 'not_found', reason: 'missing' } : { error: 'server_error', reason: error instanceof Error ? error.message : String(error) });
    });
  });
  secure.keepAliveTimeout = 65_000;
  const plain = http.createServer((req, res) => servePlain(req, res, cert, PAIR_PATH));
  plain.keepAliveTimeout = 5_000;

  // One port, two protocols: a TLS connection starts with a handshake record (0x16); a phone
  // that cannot yet trust the hub types the plain address to fetch the CA certificate.
  const TLS_HANDSHAKE = 0x16;
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
    socket.setTimeout(30_000, () => socket.destroy());
    socket.once('data', (first: Buffer) => {
      socket.setTimeout(0);
      socket.pause();
      socket.unshift(first);
      (first[0] === TLS_HANDSHAKE ? secure : plain).emit('connection', socket);
      process.nextTick(() => socket.resume());
    });
    socket.on('error', () => socket.destroy());
  });

  const listen = (host: string, port: number) =>
    new Promise<number>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => {
        server.off('error', reject);
        const address = server.address();
        resolve(typeof address === 'object' && address ? address.port : port);
      });
    });
  const stop = () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      for (const socket of sockets) socket.destroy();
    });
  const port = await listen('127.0.0.1', options.port ?? 0).catch(async (error: unknown) => {
    await closeStores();
    throw error;
  });

  const lanAddresses = () => cert.addresses.filter((a) => a !== '127.0.0.1');

  return {
    url: `https://127.0.0.1:${port}`,
    port,
    fingerprint: cert.fingerprint,
    get caCert() {
      return cert.caCert;
    },
    get lanOpen() {
      return lanOpen;
    },
    get addresses() {
      return cert.addresses;
    },
    hubKey: signer.publicKey,
    async openOperation(genesis) {
      const parsed = parseEntry(genesis);
      if (!parsed.ok || genesis.seq !== 1 || genesis.category !== 'roster' || genesis.data['action'] !== 'genesis') throw new HubRefusal('不是执行行动的创始记录');
      if (!operations.some((o) => o.op === genesis.op)) {
        operations.push({ op: genesis.op, anchor: genesis.writer });
        await writeJsonAtomic(operationsFile, operations);
      }
      const store = await openStore(genesis.op, genesis.writer);
      if (store.anchor !== genesis.writer) throw new HubRefusal('该执行行动已由另一指挥工作站建立');
      const [result] = await store.write([entryDoc(genesis)], 'hub');
      if (!result || !('ok' in result)) throw new HubRefusal(`创始记录未被接受：${result && 'reason' in result ? result.reason : ''}`);
      return { credential: await credentials.issue(genesis.writer, genesis.op, '指挥工作站'), db: store.name };
    },
    invite(op, address) {
      const store = storeOf(op);
      const host = address ?? (lanOpen ? lanAddresses()[0] : undefined) ?? '127.0.0.1';
      if (!cert.addresses.includes(host)) throw new HubRefusal(`同步中心的证书不包含地址 ${host}：请先开放局域网或选择本机的地址`);
      const token = randomBytes(24).toString('base64url');
      const expiresAt = Date.now() + INVITE_MS;
      for (const [t, i] of invites) if (i.expires < Date.now()) invites.delete(t);
      invites.set(token, { op, expires: expiresAt });
      const invite = { url: `https://${host}:${port}`, fingerprint: cert.fingerprint, token, op, anchor: store.anchor };
      return { ...invite, link: inviteLink(invite), expiresAt };
    },
    operations: () => [...stores.values()].map((s) => ({ op: s.op, db: s.name, anchor: s.anchor })),
    async stationActivity(op) {
      const store = storeOf(op);
      return Promise.all(
        [...store.roster.stations.values()].map(async (record) => {
          const standing = standingAt(store.roster, record.key, Number.MAX_SAFE_INTEGER);
          const seen = activity.get(`${op} ${record.key}`);
          const full = record.key === store.anchor || (standing.ok && profileOf(standing.grant.role) === 'full');
          return {
            station: record.key,
            name: record.name,
            role: standing.ok ? standing.grant.role : null,
            ...(standing.ok && standing.grant.group ? { group: standing.grant.group } : {}),
            revoked: isRevoked(store.roster, record.key),
            ...(seen ? { lastContactMs: seen.lastContactMs } : {}),
            ...(seen?.since !== undefined ? { waiting: await waitingFor(full ? store.main : store.field, record.key, seen.since) } : {}),
          };
        }),
      );
    },
    pendingPairings: () => [...pairings.values()].map(({ pairingId, op, publicKey, name, sas, status }) => ({ pairingId, op, publicKey, name, sas, status })),
    async admit(pairingId, pairEntry) {
      const p = pairings.get(pairingId);
      if (!p || p.status !== 'pending') throw new HubRefusal('没有待准许的配对请求');
      if (pairEntry.data['action'] !== 'pair' || pairEntry.data['station'] !== p.publicKey || pairEntry.op !== p.op) throw new HubRefusal('配对记录与请求的工作站不符');
      const [result] = await storeOf(p.op).write([entryDoc(pairEntry)], 'hub');
      if (!result || !('ok' in result)) throw new HubRefusal(`配对记录未被接受：${result && 'reason' in result ? result.reason : ''}`);
      p.credential = await credentials.issue(p.publicKey, p.op, p.name);
      p.status = 'admitted';
    },
    refusePairing(pairingId) {
      const p = pairings.get(pairingId);
      if (p) p.status = 'refused';
    },
    async submit(op, entries) {
      return storeOf(op).write(entries.map((e) => entryDoc(e)), 'hub');
    },
    writeOwn,
    proposeCheckpoint: async (op) => writeOwn(op, checkpointInput(await storeOf(op).entries(), signer.publicKey)),
    clockOffsets: () => [...offsets.values()].map(({ station, offsetMs, rttMs, atMs }) => ({ station, offsetMs, rttMs, atMs })),
    refusals: (op) => storeOf(op).refusals(),
    store: (op) => stores.get(op),
    async openLan() {
      // The laptop may be on another network than when the certificate was made.
      const fresh = await hubCertificate(dir, options.addresses ?? ownAddresses());
      if (fresh.cert !== cert.cert) secure.setSecureContext({ key: fresh.key, cert: fresh.cert });
      cert = fresh;
      await stop();
      await listen('0.0.0.0', port);
      lanOpen = true;
    },
    async closeLan() {
      await stop();
      await listen('127.0.0.1', port);
      lanOpen = false;
    },
    async close() {
      await stop();
      await closeStores();
    },
  };
}

