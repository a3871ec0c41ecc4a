// Node main. The CouchDB-protocol hub: a separate HTTPS listener beside the app's own
// 127.0.0.1 server, one database per operation, every write checked (protocol.ts,
// store.ts). It listens on loopback until the commander opens it to the LAN. Started by
// the Electron main or the browser-mode launcher through startHub(); see README, 多站记录.
/// <reference path="./pouchdb.d.ts" />
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { createReadStream } from 'node:fs';
import https from 'node:https';
import type http from 'node:http';
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
import { hubCertificate } from './cert';
import { CredentialStore } from './credentials';
import { database, readBody, sendJson } from './protocol';
import { OperationStore } from './store';

export interface HubOptions {
  /** The hub's data folder: LevelDB databases, certificate, key, credentials. */
  dataDir: string;
  /** 0: any free port. */
  port?: number;
  /** Built renderer (out/renderer), served at /app/ for phones and browser stations. */
  appRoot?: string;
  /** Addresses the certificate names (default: this machine's IPv4 addresses). */
  addresses?: string[];
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
  readonly fingerprint: string;
  /** The hub's own writer key (checkpoints, clock records); paired by the commander with role 'hub'. */
  readonly hubKey: string;
  /** Opens (or creates) an operation's database trusting `genesis`'s writer as the commander, and issues the commander station's credential. */
  openOperation(genesis: StationEntry): Promise<{ credential: string; db: string }>;
  /** A one-time pairing invite for the QR code. */
  invite(op: string): PairingInvite & { link: string };
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
/** Sent by stations: their clock when they sent the request (epoch ms), and their last round trip. */
export const CLOCK_HEADER = 'x-station-clock';
export const RTT_HEADER = 'x-station-rtt';

async function writeJsonAtomic(file: string, value: unknown): Promise<void> {
  const tmp = `${file}.tmp`;
  await writeFile(tmp, JSON.stringify(value), { mode: 0o600, flush: true });
  await rename(tmp, file);
}

async function readJson<T>(file: string, fallback: T): Promise<T> {
  try {
    return JSON.parse(await readFile(file, 'utf8')) as T;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return fallback;
    throw error;
  }
}

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
  const cert = await hubCertificate(dir, options.addresses);
  const signer = await hubSigner(dir);
  const credentials = await CredentialStore.open(path.join(dir, 'credentials.json'));
  const operationsFile = path.join(dir, 'operations.json');
  const operations = await readJson<Array<{ op: string; anchor: string }>>(operationsFile, []);
  const stores = new Map<string, OperationStore>();
  const byDbName = new Map<string, OperationStore>();
  const invites = new Map<string, { op: string; expires: number }>();
  const pairings = new Map<string, Pairing>();
  const offsets = new Map<string, ClockOffset & { logged?: number }>();
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
  for (const { op, anchor } of operations) await openStore(op, anchor);

  const storeOf = (op: string) => {
    const s = stores.get(op);
    if (!s) throw new Error(`同步中心没有执行行动 ${op} 的数据库`);
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
      if (!result || !('ok' in result)) throw new Error(`同步中心的记录未被接受：${result && 'reason' in result ? result.reason : ''}`);
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
    if (credential.revoked) return sendJson(res, 401, { error: 'unauthorized', reason: 'revoked' }, { [REVOKED_HEADER]: '1' });
    const store = stores.get(credential.op);
    if (!store) return sendJson(res, 401, { error: 'unauthorized' });
    measureClock(req, credential.station, credential.op, credential.name);

    const [, dbName, ...rest] = pathname.split('/');
    if (!dbName) return sendJson(res, 200, { couchdb: 'Welcome', version: '3.3.3', uuid: createHash('sha256').update(cert.fingerprint).digest('hex').slice(0, 32), vendor: { name: '强制执行指挥台同步中心' } });
    if (byDbName.get(decodeURIComponent(dbName)) !== store) return sendJson(res, 404, { error: 'not_found', reason: 'Database does not exist.' });
    const standing = standingAt(store.roster, credential.station, Number.MAX_SAFE_INTEGER);
    const profile = credential.station === store.anchor ? 'full' : standing.ok ? profileOf(standing.grant.role) : 'field';
    return database({ store, read: profile === 'full' ? store.main : store.field, station: credential.station }, req, res, url, rest);
  }

  const server = https.createServer({ key: cert.key, cert: cert.cert }, (req, res) => {
    handle(req, res).catch((error: unknown) => {
      const status = (error as { status?: number }).status ?? 500;
      if (res.headersSent) return void res.destroy();
      const notFound = (error as { name?: string; status?: number }).status === 404;
      sendJson(res, notFound ? 404 : status, notFound ? { error: 'not_found', reason: 'missing' } : { error: 'server_error', reason: error instanceof Error ? error.message : String(error) });
    });
  });
  server.keepAliveTimeout = 65_000;

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
      server.closeAllConnections();
    });
  const port = await listen('127.0.0.1', options.port ?? 0);

  return {
    url: `https://127.0.0.1:${port}`,
    port,
    fingerprint: cert.fingerprint,
    hubKey: signer.publicKey,
    async openOperation(genesis) {
      const parsed = parseEntry(genesis);
      if (!parsed.ok || genesis.seq !== 1 || genesis.category !== 'roster' || genesis.data['action'] !== 'genesis') throw new Error('不是执行行动的创始记录');
      if (!operations.some((o) => o.op === genesis.op)) {
        operations.push({ op: genesis.op, anchor: genesis.writer });
        await writeJsonAtomic(operationsFile, operations);
      }
      const store = await openStore(genesis.op, genesis.writer);
      if (store.anchor !== genesis.writer) throw new Error('该执行行动已由另一指挥工作站建立');
      const [result] = await store.write([entryDoc(genesis)], 'hub');
      if (!result || !('ok' in result)) throw new Error(`创始记录未被接受：${result && 'reason' in result ? result.reason : ''}`);
      return { credential: await credentials.issue(genesis.writer, genesis.op, '指挥工作站'), db: store.name };
    },
    invite(op) {
      storeOf(op);
      const token = randomBytes(24).toString('base64url');
      invites.set(token, { op, expires: Date.now() + 10 * 60_000 });
      const invite = { url: `https://${options.addresses?.[0] ?? '127.0.0.1'}:${port}`, fingerprint: cert.fingerprint, token, op, anchor: storeOf(op).anchor };
      return { ...invite, link: inviteLink(invite) };
    },
    pendingPairings: () => [...pairings.values()].map(({ pairingId, op, publicKey, name, sas, status }) => ({ pairingId, op, publicKey, name, sas, status })),
    async admit(pairingId, pairEntry) {
      const p = pairings.get(pairingId);
      if (!p || p.status !== 'pending') throw new Error('没有待准许的配对请求');
      if (pairEntry.data['action'] !== 'pair' || pairEntry.data['station'] !== p.publicKey || pairEntry.op !== p.op) throw new Error('配对记录与请求的工作站不符');
      const [result] = await storeOf(p.op).write([entryDoc(pairEntry)], 'hub');
      if (!result || !('ok' in result)) throw new Error(`配对记录未被接受：${result && 'reason' in result ? result.reason : ''}`);
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
      await stop();
      await listen('0.0.0.0', port);
    },
    async closeLan() {
      await stop();
      await listen('127.0.0.1', port);
    },
    async close() {
      await stop();
      for (const s of stores.values()) await s.close();
    },
  };
}

