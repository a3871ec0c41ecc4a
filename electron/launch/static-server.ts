// Node launcher (not bundled into the app).
// Browser mode's web server on 127.0.0.1: serves the built renderer read-only; forwards
// /hub/… to the hubs this station replicates with (electron/hub/proxy.ts); serves the
// hub's host API methods at POST /host-api/<method> (the browser twin's, Electron's IPC).
import http from 'node:http';
import path from 'node:path';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { CONTENT_SECURITY_POLICY } from '../../shared/app/identity';
import { HOST_API_PATH, HostContractError, HUB_PROXY_PATH, hubMethodNames, parseRequest, parseResponse, type HubMethod } from '../../shared/host/contract';
import type { HubService } from '../hub/service';
import { HostError, toSafeError } from '../main/errors';
import { answerChallenge, isChallenge, isRightAnswer, newChallenge } from './installToken';

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.json': 'application/json; charset=utf-8',
  '.ico': 'image/x-icon',
  '.wasm': 'application/wasm',
  '.map': 'application/json; charset=utf-8',
};

export const HOST_INFO_PATH = '/host-info.json';
/** Where a launcher asks the server on its port to prove it is this install's: `?challenge=<hex>`. */
export const PROOF_PATH = '/launcher-proof.json';

/** Pure. Content type by extension; unknown types are opaque bytes (nosniff keeps them inert). */
export function contentType(filePath: string): string {
  return CONTENT_TYPES[path.extname(filePath).toLowerCase()] ?? 'application/octet-stream';
}

export type Resolved = { kind: 'file'; path: string } | { kind: 'bad' };

/**
 * Pure. Maps a request target to a file under root, or refuses it. Checks the decoded
 * path, so `%2e%2e`, `%5c` and `%00` are caught like their literal forms.
 */
export function resolveRequestPath(root: string, requestTarget: string): Resolved {
  const rawPath = requestTarget.split(/[?#]/, 1)[0] ?? '';
  let decoded: string;
  try {
    decoded = decodeURIComponent(rawPath);
  } catch {
    return { kind: 'bad' };
  }
  if (!decoded.startsWith('/') || decoded.startsWith('//') || /[\\\0]/.test(decoded) || /^\/[a-zA-Z]:/.test(decoded)) {
    return { kind: 'bad' };
  }
  const segments = decoded.split('/').slice(1);
  if (segments.some((s) => s === '..' || s === '.')) return { kind: 'bad' };
  const relative = decoded === '/' ? 'index.html' : segments.join('/');
  const absRoot = path.resolve(root);
  const file = path.resolve(absRoot, relative);
  // Belt and braces: whatever slipped past the checks above must still land inside root.
  if (!file.startsWith(absRoot + path.sep)) return { kind: 'bad' };
  return { kind: 'file', path: file };
}

export interface StaticServerConfig {
  /** The built renderer folder (out/renderer). */
  root: string;
  /** Shown by the app's about panel as the place its data lives. */
  dataLocation: string;
  /** The install's secret (installToken.ts): the server proves it knows it to a second launcher. */
  installToken: Buffer;
  /** The hub service, once the launcher has started it (this server's own port is known). */
  hub?: Pick<HubService, 'proxy' | 'handlers'>;
}

/** Largest host API request (a batch of signed entries). */
const MAX_HOST_API_BODY = 8 * 1024 * 1024;

/** Headers every response carries, errors included. */
function baseHeaders(type: string, cache: string): http.OutgoingHttpHeaders {
  return {
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Content-Type': type,
    'Cache-Control': cache,
  };
}

function send(req: http.IncomingMessage, res: http.ServerResponse, status: number, type: string, body: string, extra: http.OutgoingHttpHeaders = {}): void {
  const bytes = Buffer.from(body, 'utf8');
  res.writeHead(status, { ...baseHeaders(type, 'no-store'), 'Content-Length': bytes.length, ...extra });
  res.end(req.method === 'HEAD' ? undefined : bytes);
}

const sendText = (req: http.IncomingMessage, res: http.ServerResponse, status: number, text: string, extra?: http.OutgoingHttpHeaders) =>
  send(req, res, status, 'text/plain; charset=utf-8', text, extra);

/**
 * Only our own address may be asked for: a page on another site that rebinds its
 * DNS name to 127.0.0.1 would otherwise be able to read host-info.json.
 */
function isOwnHost(hostHeader: string | undefined, port: number): boolean {
  return hostHeader === `127.0.0.1:${port}` || hostHeader === `localhost:${port}`;
}

/**
 * Whether a request that acts (the hub proxy, the host API) comes from the app's own page: a
 * page of another site can send a simple POST to 127.0.0.1, but its browser names its origin.
 * Writes must name ours; reads may come without an Origin (a GET navigation), never with another.
 */
function isOwnPage(req: http.IncomingMessage, port: number, writes: boolean): boolean {
  const origin = req.headers.origin;
  const site = req.headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin' && site !== 'none') return false;
  if (origin === undefined) return !writes;
  return origin === `http://127.0.0.1:${port}` || origin === `http://localhost:${port}`;
}

const sendJsonBody = (req: http.IncomingMessage, res: http.ServerResponse, status: number, body: unknown) =>
  send(req, res, status, 'application/json; charset=utf-8', JSON.stringify(body));

async function forwardToHub(config: StaticServerConfig, req: http.IncomingMessage, res: http.ServerResponse, target: string): Promise<void> {
  if (!config.hub) return sendJsonBody(req, res, 503, { error: 'unavailable', reason: '同步中心正在启动' });
  const abort = new AbortController();
  res.once('close', () => abort.abort());
  const answer = await config.hub.proxy.forward({
    method: req.method ?? 'GET',
    target: target.slice(HUB_PROXY_PATH.length),
    headers: req.headers,
    body: req.method === 'GET' || req.method === 'HEAD' ? null : req,
    signal: abort.signal,
  });
  res.writeHead(answer.status, { ...baseHeaders(answer.headers['content-type'] ?? 'application/json', 'no-store'), ...answer.headers });
  answer.body.on('error', () => res.destroy());
  if (req.method === 'HEAD') {
    answer.body.resume();
    return void res.end();
  }
  answer.body.pipe(res);
}

async function readJsonBody(req: http.IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_HOST_API_BODY) throw new HostError('请求过大');
    chunks.push(chunk);
  }
  try {
    return size === 0 ? {} : (JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown);
  } catch {
    throw new HostError('请求内容不是有效的 JSON');
  }
}

/** POST /host-api/<method>: the hub's host API methods for the browser twin, validated both ways as over Electron's IPC. */
async function hostApi(config: StaticServerConfig, req: http.IncomingMessage, res: http.ServerResponse, name: string): Promise<void> {
  const method = hubMethodNames.find((m) => m === name) as HubMethod | undefined;
  if (!method) return sendJsonBody(req, res, 404, { error: '没有这个主机接口' });
  if (req.method !== 'POST') return send(req, res, 405, 'text/plain; charset=utf-8', '只支持 POST', { Allow: 'POST' });
  if (!/^application\/json\b/.test(req.headers['content-type'] ?? '')) return sendJsonBody(req, res, 415, { error: '请求应为 JSON' });
  if (!config.hub) return sendJsonBody(req, res, 503, { error: '同步中心正在启动，请稍候' });
  try {
    const request = parseRequest(method, await readJsonBody(req));
    const handler = config.hub.handlers[method] as (r: unknown) => Promise<unknown>;
    sendJsonBody(req, res, 200, parseResponse(method, await handler(request)));
  } catch (error) {
    const safe = toSafeError(method, error);
    const mine = error instanceof HostError || error instanceof HostContractError;
    sendJsonBody(req, res, mine ? 400 : 500, { error: safe.message });
  }
}

export function createStaticServer(config: StaticServerConfig): http.Server {
  return http.createServer((req, res) => {
    handle(config, req, res).catch(() => {
      if (!res.headersSent) sendText(req, res, 500, '服务器内部错误');
      else res.destroy();
    });
  });
}

async function handle(config: StaticServerConfig, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  const port = req.socket.localPort ?? 0;
  if (!isOwnHost(req.headers.host, port)) return sendText(req, res, 403, '禁止访问');
  const target = req.url ?? '/';
  const pathname = target.split(/[?#]/, 1)[0] ?? '/';
  const hubRoute = pathname.startsWith(HUB_PROXY_PATH);
  const apiRoute = pathname.startsWith(HOST_API_PATH);
  if (hubRoute || apiRoute) {
    if (!isOwnPage(req, port, req.method !== 'GET' && req.method !== 'HEAD')) return sendText(req, res, 403, '禁止访问');
    return hubRoute ? forwardToHub(config, req, res, target) : hostApi(config, req, res, pathname.slice(HOST_API_PATH.length));
  }
  if (req.method !== 'GET' && req.method !== 'HEAD') return sendText(req, res, 405, '只支持 GET 和 HEAD', { Allow: 'GET, HEAD' });
  if (pathname === HOST_INFO_PATH) {
    return send(req, res, 200, contentType(HOST_INFO_PATH), JSON.stringify({ dataLocation: config.dataLocation }));
  }
  if (pathname === PROOF_PATH) {
    const challenge = new URLSearchParams(target.slice(pathname.length).replace(/^\?/, '').split('#', 1)[0]).get('challenge') ?? '';
    if (!isChallenge(challenge)) return sendText(req, res, 400, '请求无效');
    return send(req, res, 200, contentType(PROOF_PATH), JSON.stringify({ answer: answerChallenge(config.installToken, challenge) }));
  }
  const resolved = resolveRequestPath(config.root, target);
  if (resolved.kind === 'bad') return sendText(req, res, 400, '请求路径无效');
  const info = await stat(resolved.path).catch(() => undefined);
  if (!info?.isFile()) return sendText(req, res, 404, '未找到');
  // index.html names the hashed bundles of this build: never reuse an old copy.
  const cache = path.basename(resolved.path) === 'index.html' ? 'no-store' : 'no-cache';
  res.writeHead(200, { ...baseHeaders(contentType(resolved.path), cache), 'Content-Length': info.size });
  if (req.method === 'HEAD') return void res.end();
  createReadStream(resolved.path).on('error', () => res.destroy()).pipe(res);
}

/** Listens on host:port; rejects with the listen error (EADDRINUSE etc.). */
export function listen(server: http.Server, host: string, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (err: Error) => reject(err);
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      const address = server.address();
      resolve(typeof address === 'object' && address ? address.port : port);
    });
  });
}

export function close(server: http.Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

/**
 * Whether what answers on host:port is this install's server: it must answer a fresh challenge
 * with the HMAC of the install's secret. Anything else (a program squatting the port, another
 * user's copy, an older launcher) is not trusted with the app's origin.
 */
export function proveServer(host: string, port: number, installToken: Buffer, timeoutMs = 2000): Promise<boolean> {
  const challenge = newChallenge();
  return new Promise((resolve) => {
    const req = http.get({ host, port, path: `${PROOF_PATH}?challenge=${challenge}`, timeout: timeoutMs }, (res) => {
      const chunks: Buffer[] = [];
      let length = 0;
      res.on('data', (chunk: Buffer) => {
        length += chunk.length;
        // An answer is a few dozen bytes: a squatter streaming more is not one of ours.
        if (length > 4096) return void (req.destroy(), resolve(false));
        chunks.push(chunk);
      });
      res.on('error', () => resolve(false));
      res.on('end', () => {
        if (res.statusCode !== 200) return resolve(false);
        try {
          const body: unknown = JSON.parse(Buffer.concat(chunks).toString('utf8'));
          resolve(isRightAnswer(installToken, challenge, (body as { answer?: unknown } | null)?.answer));
        } catch {
          resolve(false);
        }
      });
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(false));
  });
}

export type ServeResult =
  | { kind: 'started'; server: http.Server; port: number }
  | { kind: 'reused' }
  | { kind: 'foreign' };

/** Starts serving, or finds that this install already is (a second `npm run web`), or that someone else holds the port. */
export async function serveOrReuse(config: StaticServerConfig, host: string, port: number): Promise<ServeResult> {
  const server = createStaticServer(config);
  try {
    return { kind: 'started', server, port: await listen(server, host, port) };
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw err;
    return (await proveServer(host, port, config.installToken)) ? { kind: 'reused' } : { kind: 'foreign' };
  }
}
