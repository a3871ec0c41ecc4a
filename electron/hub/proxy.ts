// Node main. The renderer's way to a hub. The app's pages may connect only to their own
// origin (CSP connect-src 'self') and a browser cannot pin a certificate, so the station's
// PouchDB replicates with `<own origin>/hub/<db>`: the browser-mode server (launch/static-
// server.ts) and the Electron app:// handler (main/protocol.ts) hand those requests here.
// The Node side forwards them over HTTPS, trusting only the hub's pinned CA, and adds this
// station's own bearer credential for that database (links.ts): the renderer never holds
// it. Only the CouchDB replication routes the hub serves pass; anything else is refused
// here and never reaches a hub.
import https from 'node:https';
import { Readable } from 'node:stream';
import { pinnedAgent } from './pinning';
import type { StationLink } from './links';

/** Request headers passed on to the hub (everything else, cookies and any Authorization included, is dropped). */
const FORWARDED_REQUEST_HEADERS = ['accept', 'content-type', 'x-station-clock', 'x-station-rtt'];
/** Response headers passed back to the page. */
const FORWARDED_RESPONSE_HEADERS = ['content-type', 'content-length', 'x-station-revoked'];
const REVOKED_HEADER = 'x-station-revoked';
/** Bodies the proxy carries (the hub's own cap, and a little for JSON framing). */
export const MAX_PROXY_BODY = 64 * 1024 * 1024 + 64 * 1024;

/**
 * Pure. Whether `method` on `/hub/<segments>` is one of the replication routes the hub
 * serves to a station: database info, changes (normal and long poll), revision diffs, bulk
 * writes and reads, all-docs (PouchDB reads first revisions with it), replication
 * checkpoints, and one document or attachment by id (GET). Writes of single documents,
 * design documents, deletions and anything server-wide are not replication.
 */
export function isReplicationRoute(method: string, segments: readonly string[]): boolean {
  const [db, first, ...more] = segments;
  if (!db || !/^[a-z][a-z0-9_$()+-]*$/.test(decodeSafe(db) ?? '')) return false;
  const read = method === 'GET' || method === 'HEAD';
  if (first === undefined || first === '') return read && more.length === 0;
  const decoded = decodeSafe(first);
  if (decoded === undefined) return false;
  if (more.length === 0) {
    if (decoded === '_changes' || decoded === '_all_docs') return read || method === 'POST';
    if (['_revs_diff', '_bulk_docs', '_bulk_get', '_ensure_full_commit'].includes(decoded)) return method === 'POST';
    return read && !decoded.startsWith('_');
  }
  if (decoded === '_local') return more.length >= 1 && (read || method === 'PUT');
  return read && !decoded.startsWith('_') && more.every((m) => decodeSafe(m) !== undefined);
}

function decodeSafe(segment: string): string | undefined {
  try {
    const d = decodeURIComponent(segment);
    // A decoded "../" would climb out of the database on a server that decodes paths.
    return /[\0\\]/.test(d) || d.split('/').some((part) => part === '.' || part === '..') ? undefined : d;
  } catch {
    return undefined;
  }
}

export interface ProxyRequest {
  method: string;
  /** The request target below the app's /hub/ prefix: `op_x/_changes?since=3` (no leading slash). */
  target: string;
  headers: Readonly<Record<string, string | string[] | undefined>>;
  body: AsyncIterable<Uint8Array> | null;
  /** Aborted when the page goes away (a long poll must not keep the hub's connection). */
  signal?: AbortSignal;
}

export interface ProxyResponse {
  status: number;
  headers: Record<string, string>;
  body: Readable;
}

export interface ProxyDeps {
  /** This station's link for a database, if it has one. */
  linkFor: (db: string) => StationLink | undefined;
  /** The hub answered that this station is revoked: forget the credential. */
  revoked: (db: string) => void;
  /** The running local hub's loopback URL and CA, for links to it; undefined while it is not running. */
  localHub: () => { url: string; caCert: string } | undefined;
  /** Told of each exchange with a hub: for the connection status the host API reports. */
  onContact?: (db: string, outcome: { ok: true } | { ok: false; problem: string }) => void;
}

const json = (status: number, body: unknown): ProxyResponse => {
  const bytes = Buffer.from(JSON.stringify(body));
  return { status, headers: { 'content-type': 'application/json', 'content-length': String(bytes.length) }, body: Readable.from([bytes]) };
};

export interface HubProxy {
  forward(request: ProxyRequest): Promise<ProxyResponse>;
  close(): void;
}

export function createHubProxy(deps: ProxyDeps): HubProxy {
  /** One keep-alive agent per pinned CA. */
  const agents = new Map<string, https.Agent>();
  const agentFor = (caCert: string) => {
    let agent = agents.get(caCert);
    if (!agent) agents.set(caCert, (agent = pinnedAgent(caCert)));
    return agent;
  };

  const endpointOf = (link: StationLink): { url: string; caCert: string } | undefined => {
    if (link.hub === 'local') return deps.localHub();
    return link.caCert ? { url: link.hub, caCert: link.caCert } : undefined;
  };

  async function forward(request: ProxyRequest): Promise<ProxyResponse> {
    const [pathPart = '', query = ''] = request.target.split(/\?(.*)/s, 2);
    const segments = pathPart.split('/');
    // PouchDB asks the server root for an id; answered here, no hub is involved.
    if (pathPart === '' && (request.method === 'GET' || request.method === 'HEAD')) return json(200, { couchdb: 'Welcome', vendor: { name: '强制执行指挥台' } });
    if (!isReplicationRoute(request.method, segments)) return json(403, { error: 'forbidden', reason: '只转发同步所需的请求' });
    const db = decodeURIComponent(segments[0]!);
    const link = deps.linkFor(db);
    if (!link) return json(404, { error: 'not_found', reason: '本工作站未与同步中心建立该行动的连接' });
    if (link.revoked || !link.credential) return json(401, { error: 'unauthorized', reason: 'revoked' });
    const endpoint = endpointOf(link);
    if (!endpoint) return json(503, { error: 'unavailable', reason: '本机同步中心未运行' });

    const headers: Record<string, string> = { authorization: `Bearer ${link.credential}` };
    for (const name of FORWARDED_REQUEST_HEADERS) {
      const value = request.headers[name];
      if (typeof value === 'string') headers[name] = value;
    }
    const url = new URL(`/${pathPart}${query ? `?${query}` : ''}`, endpoint.url);
    return new Promise<ProxyResponse>((resolve) => {
      const upstream = https.request(url, { method: request.method, headers, agent: agentFor(endpoint.caCert), signal: request.signal }, (res) => {
        const out: Record<string, string> = {};
        for (const name of FORWARDED_RESPONSE_HEADERS) {
          const value = res.headers[name];
          if (typeof value === 'string') out[name] = value;
        }
        if (res.statusCode === 401 && res.headers[REVOKED_HEADER] === '1') deps.revoked(db);
        deps.onContact?.(db, { ok: true });
        resolve({ status: res.statusCode ?? 502, headers: out, body: res });
      });
      let tooLarge = false;
      upstream.on('error', (error: NodeJS.ErrnoException) => {
        if (request.signal?.aborted) return resolve(json(499, { error: 'aborted' }));
        if (tooLarge) return resolve(json(413, { error: 'too_large', reason: '请求过大' }));
        const problem = `无法连接同步中心（${error.code ?? error.message}）`;
        deps.onContact?.(db, { ok: false, problem });
        resolve(json(502, { error: 'bad_gateway', reason: problem }));
      });
      if (!request.body) return void upstream.end();
      let size = 0;
      void (async () => {
        try {
          for await (const chunk of request.body!) {
            size += chunk.length;
            if (size > MAX_PROXY_BODY) {
              tooLarge = true;
              throw new Error('请求过大');
            }
            if (!upstream.write(chunk)) await new Promise((r) => upstream.once('drain', r));
          }
          upstream.end();
        } catch (error) {
          upstream.destroy(error as Error);
        }
      })();
    });
  }

  return {
    forward,
    close() {
      for (const agent of agents.values()) agent.destroy();
      agents.clear();
    },
  };
}
