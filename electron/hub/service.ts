// Node main. The hub as part of the app: started with it (Electron main, or the browser-mode
// launcher), its data inside the app's data folder, listening on 127.0.0.1 until the
// commander opens it to the LAN; this station's links to hubs (its own, or one it joined by
// an invite); the proxy through which the renderer replicates; and the host API methods
// for all of it (shared/host/contract.ts, hubMethodNames). A hub that cannot start (its
// port taken, its data held by another copy of the app) leaves the app usable and says why.
import https from 'node:https';
import path from 'node:path';
import type { HostRequestParsed, HostResponse, HubMethod, HubStatus } from '../../shared/host/contract';
import { clockFlag } from '../../shared/stations/clock';
import { credentialClaim, parseInviteLink, shortAuthString, type PairingInvite } from '../../shared/stations/pairing';
import { stationRoles, type StationRole } from '../../shared/stations/roster';
import { HostError } from '../main/errors';
import { isPermittedAddress, ownAddresses } from './cert';
import { DEFAULT_HUB_PORT, HubRefusal, startHub, type Hub } from './index';
import { StationLinks } from './links';
import { fetchPinnedCertificate, pinnedAgent } from './pinning';
import { createHubProxy, type HubProxy } from './proxy';

/** Overrides the hub's port (tests, a site where the default is taken); read by both shells. */
export const HUB_PORT_ENV = 'ENFORCEMENT_CONSOLE_HUB_PORT';

/** The hub's port: the environment's when set (NaN when it is not a port), else `fallback`. */
export function hubPort(env: Readonly<Record<string, string | undefined>>, fallback = DEFAULT_HUB_PORT): number {
  const raw = env[HUB_PORT_ENV];
  if (raw === undefined || raw === '') return fallback;
  const port = Number(raw);
  return /^\d+$/.test(raw) && port <= 65535 ? port : Number.NaN;
}

export interface HubServiceOptions {
  /** The app's data folder (shared/app/identity.ts); the hub keeps its own in `<dataDir>/hub`. */
  dataDir: string;
  /** 0: any free port (tests). */
  port: number;
  /** The built renderer, whose station page the hub serves to phones. */
  appRoot?: string;
}

export type HubHandlers = { [M in HubMethod]: (request: HostRequestParsed<M>) => Promise<HostResponse<M>> };

export interface HubService {
  /** Settles when the hub has started or failed to (never rejects). */
  readonly ready: Promise<void>;
  readonly handlers: HubHandlers;
  readonly proxy: HubProxy;
  /** The running hub, for tests and the shells' log lines. */
  hub(): Hub | undefined;
  close(): Promise<void>;
}

/** What the user is told when the hub cannot start. */
function startProblem(error: unknown, port: number): string {
  const code = (error as NodeJS.ErrnoException).code;
  const message = error instanceof Error ? error.message : String(error);
  if (code === 'EADDRINUSE') return `端口 ${port} 已被占用（可能另一个强制执行指挥台正在运行），同步中心未启动`;
  if (code === 'EACCES') return `无权使用端口 ${port}，同步中心未启动`;
  if (/\bLOCK\b|lock/.test(message)) return '同步中心的数据文件夹正被另一个程序使用（可能另一个强制执行指挥台正在运行），同步中心未启动';
  return `同步中心未能启动（${code ?? (error instanceof Error ? error.name : '未知错误')}）`;
}

const JSON_ANSWER_LIMIT = 256 * 1024;

/** POSTs JSON to a hub through the pinned agent; the hub's answer as status and JSON. */
function postJson(url: string, agent: https.Agent, body: unknown): Promise<{ status: number; json: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const bytes = Buffer.from(JSON.stringify(body));
    const req = https.request(url, { method: 'POST', agent, timeout: 15_000, headers: { 'content-type': 'application/json', 'content-length': bytes.length } }, (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > JSON_ANSWER_LIMIT) return void req.destroy(new Error('answer too large'));
        chunks.push(chunk);
      });
      res.on('end', () => {
        let json: Record<string, unknown> = {};
        try {
          const parsed: unknown = JSON.parse(Buffer.concat(chunks).toString('utf8'));
          if (parsed && typeof parsed === 'object') json = parsed as Record<string, unknown>;
        } catch {
          // not JSON: the status says enough
        }
        resolve({ status: res.statusCode ?? 0, json });
      });
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', (error: NodeJS.ErrnoException) => reject(new HostError(`无法连接同步中心 ${new URL(url).host}（${error.code ?? error.message}）`)));
    req.end(bytes);
  });
}

const roleOf = (value: unknown): StationRole | null => (typeof value === 'string' && (stationRoles as readonly string[]).includes(value) ? (value as StationRole) : null);
const iso = (ms: number) => new Date(ms).toISOString();
/** A join waits this long for the commander's decision before it must start over. */
const JOIN_MS = 15 * 60_000;

interface Join {
  invite: PairingInvite;
  caCert: string;
  agent: https.Agent;
  hubNonce: string;
  name: string;
  expires: number;
}

export function startHubService(options: HubServiceOptions): HubService {
  const hubDir = path.join(options.dataDir, 'hub');
  let hub: Hub | undefined;
  let problem: string | undefined;
  let closed = false;
  const contact = new Map<string, { state: 'connected' | 'unreachable'; atMs: number; problem?: string }>();
  const joins = new Map<string, Join>();

  const linksReady = StationLinks.open(path.join(options.dataDir, 'station-links.json'));
  let links: StationLinks | undefined;
  const proxy = createHubProxy({
    linkFor: (db) => links?.byDb(db),
    revoked: (db) => void links?.revoke(db),
    localHub: () => (hub ? { url: hub.url, caCert: hub.caCert } : undefined),
    onContact: (db, outcome) => contact.set(db, outcome.ok ? { state: 'connected', atMs: Date.now() } : { state: 'unreachable', atMs: Date.now(), problem: outcome.problem }),
  });

  const ready = (async () => {
    try {
      links = await linksReady;
    } catch (error) {
      problem = `无法读取本工作站的同步连接（${(error as NodeJS.ErrnoException).code ?? '文件无效'}）`;
      return;
    }
    if (!Number.isInteger(options.port) || options.port < 0 || options.port > 65535) {
      problem = `同步中心端口设置无效（环境变量 ${HUB_PORT_ENV}），同步中心未启动`;
      return;
    }
    try {
      const started = await startHub({ dataDir: hubDir, port: options.port, appRoot: options.appRoot });
      if (closed) await started.close();
      else hub = started;
    } catch (error) {
      problem = startProblem(error, options.port);
    }
  })();

  const running = async (): Promise<Hub> => {
    await ready;
    if (!hub) throw new HostError(problem ?? '同步中心未运行');
    return hub;
  };
  const linkStore = async (): Promise<StationLinks> => {
    await ready;
    if (!links) throw new HostError(problem ?? '无法读取本工作站的同步连接');
    return links;
  };
  /** The hub's deliberate refusals reach the user as they are; anything else is left to the shell's safe error. */
  const userFacing = async <T>(run: () => Promise<T>): Promise<T> => {
    try {
      return await run();
    } catch (error) {
      throw error instanceof HubRefusal ? new HostError(error.message) : error;
    }
  };

  async function status(): Promise<HubStatus> {
    await ready;
    if (!hub) return { state: 'failed', ...(problem ? { problem } : {}), lanOpen: false, addresses: [], unnamedAddresses: [], caPages: [], operations: [] };
    const h = hub;
    const offsets = new Map(h.clockOffsets().map((o) => [o.station, o]));
    const lan = h.addresses.filter((a) => a !== '127.0.0.1');
    const operations = await Promise.all(
      h.operations().map(async ({ op, db, anchor }) => ({
        op,
        db,
        anchor,
        stations: (await h.stationActivity(op)).map((a) => {
          const offset = offsets.get(a.station);
          return {
            station: a.station,
            name: a.name,
            role: roleOf(a.role),
            ...(a.group ? { group: a.group } : {}),
            revoked: a.revoked,
            ...(a.lastContactMs !== undefined ? { lastContactAt: iso(a.lastContactMs) } : {}),
            ...(a.waiting !== undefined ? { waiting: a.waiting } : {}),
            ...(offset ? { clockOffsetMs: offset.offsetMs, clockFlagged: clockFlag(offset.offsetMs) !== null } : {}),
          };
        }),
      })),
    );
    return {
      state: 'running',
      port: h.port,
      lanOpen: h.lanOpen,
      addresses: lan,
      unnamedAddresses: ownAddresses().filter((a) => !isPermittedAddress(a)),
      fingerprint: h.fingerprint,
      caPages: h.lanOpen ? lan.map((a) => `http://${a}:${h.port}/`) : [],
      hubKey: h.hubKey,
      operations,
    };
  }

  const handlers: HubHandlers = {
    hubStatus: status,

    async hubOpenLan() {
      await (await running()).openLan();
      return status();
    },

    async hubCloseLan() {
      await (await running()).closeLan();
      return status();
    },

    async hubOpenOperation({ genesis }) {
      const h = await running();
      const store = await linkStore();
      const existing = store.list().find((l) => l.op === genesis.op && !l.revoked);
      if (existing && existing.hub !== 'local') throw new HostError('本工作站已通过另一同步中心参加该行动，不能再在本机同步中心建立它');
      const { credential, db } = await userFacing(() => h.openOperation(genesis));
      const name = typeof genesis.data['name'] === 'string' ? genesis.data['name'] : '指挥工作站';
      await store.set({ op: genesis.op, db, hub: 'local', fingerprint: h.fingerprint, credential, anchor: genesis.writer, role: 'commander', name, linkedAt: new Date().toISOString() });
      return { op: genesis.op, db };
    },

    async hubInvite({ op, address }) {
      const h = await running();
      const invite = await userFacing(async () => h.invite(op, address));
      const host = new URL(invite.url).hostname;
      return {
        link: invite.link,
        url: invite.url,
        fingerprint: invite.fingerprint,
        expiresAt: iso(invite.expiresAt),
        ...(host !== '127.0.0.1' ? { caPage: `http://${host}:${h.port}/` } : {}),
      };
    },

    async hubPendingPairings() {
      return { pairings: (await running()).pendingPairings() };
    },

    async hubAdmit({ pairingId, entry }) {
      const h = await running();
      await userFacing(() => h.admit(pairingId, entry));
      return {};
    },

    async hubRefusePairing({ pairingId }) {
      const h = await running();
      if (!h.pendingPairings().some((p) => p.pairingId === pairingId && p.status === 'pending')) throw new HostError('没有待处理的该配对请求');
      h.refusePairing(pairingId);
      return {};
    },

    async hubSubmit({ op, entries }) {
      const h = await running();
      const results = await userFacing(() => h.submit(op, entries));
      return {
        results: results.map((r, i) => {
          const id = (r as { id?: string }).id ?? String(i);
          return 'ok' in r && r.ok ? { id, ok: true as const } : { id, reason: String((r as { reason?: unknown }).reason ?? '记录不予接受') };
        }),
      };
    },

    async hubProposeCheckpoint({ op }) {
      const h = await running();
      return { entry: await userFacing(() => h.proposeCheckpoint(op)) };
    },

    async hubClockOffsets() {
      const offsets = (await running()).clockOffsets();
      return { offsets: offsets.map((o) => ({ station: o.station, offsetMs: o.offsetMs, rttMs: o.rttMs, at: iso(o.atMs), flagged: clockFlag(o.offsetMs) !== null })) };
    },

    async hubRefusals({ op, limit }) {
      const h = await running();
      const all = await userFacing(() => h.refusals(op));
      const newest = all.slice(-limit).reverse();
      return {
        total: all.length,
        refusals: newest.map((r) => {
          const doc = (r.doc && typeof r.doc === 'object' ? r.doc : {}) as { _id?: unknown; id?: unknown };
          const id = typeof doc._id === 'string' ? doc._id : typeof doc.id === 'string' ? doc.id : undefined;
          return { at: r.at, from: r.from.slice(0, 300), reason: r.reason.slice(0, 2000), ...(id ? { id: id.slice(0, 300) } : {}) };
        }),
      };
    },

    async stationJoin({ link, name, publicKey }) {
      const parsed = parseInviteLink(link);
      if (!parsed.ok) throw new HostError(parsed.message);
      const invite = parsed.invite;
      const store = await linkStore();
      if (store.list().some((l) => l.op === invite.op && !l.revoked)) throw new HostError('本工作站已与该行动的同步中心建立连接');
      let caCert: string;
      try {
        caCert = await fetchPinnedCertificate(invite.url, invite.fingerprint);
      } catch (error) {
        // The pinning messages are written for the user (fingerprint mismatch, no connection).
        throw new HostError(error instanceof Error ? error.message : '无法连接同步中心');
      }
      const agent = pinnedAgent(caCert);
      const answer = await postJson(`${invite.url}/_pair/request`, agent, { token: invite.token, publicKey, name });
      const { pairingId, hubNonce } = answer.json;
      if (answer.status !== 200 || typeof pairingId !== 'string' || typeof hubNonce !== 'string') {
        agent.destroy();
        throw new HostError('配对码无效、已过期或已使用，请让指挥员重新生成');
      }
      for (const [id, j] of joins) if (j.expires < Date.now()) joins.delete(id);
      joins.set(pairingId, { invite, caCert, agent, hubNonce, name, expires: Date.now() + JOIN_MS });
      return { pairingId, sas: shortAuthString(invite.fingerprint, invite.token, publicKey, hubNonce), claim: credentialClaim(pairingId, hubNonce), op: invite.op, anchor: invite.anchor, hub: invite.url };
    },

    async stationClaim({ pairingId, sig }) {
      const join = joins.get(pairingId);
      if (!join || join.expires < Date.now()) throw new HostError('没有进行中的配对，请重新扫描配对码');
      const answer = await postJson(`${join.invite.url}/_pair/claim`, join.agent, { pairingId, sig });
      if (answer.status === 202) return { status: 'pending' as const };
      joins.delete(pairingId);
      join.agent.destroy();
      if (answer.status === 403) return { status: 'refused' as const, reason: typeof answer.json['reason'] === 'string' ? answer.json['reason'].slice(0, 300) : '指挥工作站未准许配对' };
      if (answer.status !== 200) throw new HostError('配对已失效或签名不符，请重新扫描配对码');
      const { credential, db, op, anchor } = answer.json;
      if (typeof credential !== 'string' || typeof db !== 'string' || op !== join.invite.op || anchor !== join.invite.anchor) {
        throw new HostError('同步中心的答复与配对码不符，未建立连接');
      }
      const role = roleOf((answer.json['role'] as { role?: unknown } | null)?.role);
      await (await linkStore()).set({ op, db, hub: join.invite.url, fingerprint: join.invite.fingerprint, caCert: join.caCert, credential, anchor, role, name: join.name, linkedAt: new Date().toISOString() });
      return { status: 'admitted' as const, op, db, anchor, role };
    },

    async stationLinks() {
      const store = await linkStore();
      return {
        links: store.list().map((l) => {
          const seen = contact.get(l.db);
          return {
            op: l.op,
            db: l.db,
            hub: l.hub,
            fingerprint: l.fingerprint,
            anchor: l.anchor,
            role: roleOf(l.role),
            name: l.name,
            state: l.revoked ? ('revoked' as const) : (seen?.state ?? ('unknown' as const)),
            ...(seen ? { lastContactAt: iso(seen.atMs) } : {}),
            ...(seen?.problem && !l.revoked ? { problem: seen.problem } : {}),
          };
        }),
      };
    },
  };

  return {
    ready,
    handlers,
    proxy,
    hub: () => hub,
    async close() {
      closed = true;
      await ready;
      proxy.close();
      for (const j of joins.values()) j.agent.destroy();
      await hub?.close();
      hub = undefined;
    },
  };
}
