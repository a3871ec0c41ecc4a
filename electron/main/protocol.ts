// Main process. Serves the built app as app://console/ from one folder, instead of file://
// (which would give every page access to the whole disk), and app://console/hub/… as the
// renderer's way to the hubs it replicates with (electron/hub/proxy.ts).
import { promises as fs } from 'node:fs';
import { extname, resolve, sep } from 'node:path';
import { Readable } from 'node:stream';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import { protocol } from 'electron';
import { APP_HOST, APP_ORIGIN, APP_PROTOCOL, CONTENT_SECURITY_POLICY } from '../../shared/app/identity';
import { HUB_PROXY_PATH } from '../../shared/host/contract';
import type { HubProxy } from '../hub/proxy';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
};

/** Must run before the app is ready: a standard, secure scheme gets an origin, storage and fetch. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_PROTOCOL, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

const STATUS_TEXT = { 400: '请求无效', 403: '禁止访问', 404: '找不到文件', 405: '不支持的请求方法' } as const;

const SAFETY_HEADERS = { 'Content-Security-Policy': CONTENT_SECURITY_POLICY, 'X-Content-Type-Options': 'nosniff' };

function respond(status: number, body: Uint8Array<ArrayBuffer> | string | null, contentType = 'text/plain; charset=utf-8'): Response {
  return new Response(body, { status, headers: { 'Content-Type': contentType, ...SAFETY_HEADERS } });
}

/** app://console/hub/…: the app's own pages only (a request naming another origin is refused), forwarded by the Node side. */
async function forwardToHub(proxy: HubProxy, request: Request, url: URL): Promise<Response> {
  const origin = request.headers.get('origin');
  if (origin !== null && origin !== APP_ORIGIN) return refuse(403);
  const answer = await proxy.forward({
    method: request.method,
    target: `${url.pathname.slice(HUB_PROXY_PATH.length)}${url.search}`,
    headers: Object.fromEntries(request.headers),
    body: request.body ? Readable.fromWeb(request.body as NodeReadableStream<Uint8Array>) : null,
    signal: request.signal,
  });
  const empty = request.method === 'HEAD' || answer.status === 204 || answer.status === 304;
  if (empty) answer.body.resume();
  return new Response(empty ? null : (Readable.toWeb(answer.body) as ReadableStream<Uint8Array>), { status: answer.status, headers: { ...answer.headers, ...SAFETY_HEADERS } });
}

const refuse = (status: keyof typeof STATUS_TEXT) => respond(status, STATUS_TEXT[status]);

const isInside = (root: string, path: string) => path === root || path.startsWith(root + sep);

/**
 * The request handler for app://console/, serving files from `root` only, and /hub/… through
 * `hub` (the proxy refuses all but the replication routes). Exported for tests; `serveApp`
 * installs it.
 */
export function createAppHandler(root: string, hub?: HubProxy): (request: Request) => Promise<Response> {
  const rootPath = resolve(root);
  return async (request) => {
    const url = new URL(request.url);
    if (url.host !== APP_HOST) return refuse(404);
    if (hub && url.pathname.startsWith(HUB_PROXY_PATH)) return forwardToHub(hub, request, url);
    if (request.method !== 'GET' && request.method !== 'HEAD') return refuse(405);

    let relative: string;
    try {
      relative = decodeURIComponent(url.pathname);
    } catch {
      return refuse(400);
    }
    // Decoding can bring back what the URL parser removed: "..", backslashes, NUL.
    if (relative.includes('\0') || relative.includes('\\') || relative.split('/').includes('..')) return refuse(403);
    if (relative === '/' || relative === '') relative = '/index.html';

    const path = resolve(rootPath, `.${relative}`);
    if (!isInside(rootPath, path)) return refuse(403);
    try {
      // A link inside the folder must not lead outside it either.
      const [realRoot, realPath] = await Promise.all([fs.realpath(rootPath), fs.realpath(path)]);
      if (!isInside(realRoot, realPath)) return refuse(403);
      if (!(await fs.stat(realPath)).isFile()) return refuse(404);
      const body = request.method === 'HEAD' ? null : await fs.readFile(realPath);
      return respond(200, body, CONTENT_TYPES[extname(realPath).toLowerCase()] ?? 'application/octet-stream');
    } catch {
      return refuse(404);
    }
  };
}

/** Must run after the app is ready. */
export function serveApp(root: string, hub: HubProxy): void {
  protocol.handle(APP_PROTOCOL, createAppHandler(root, hub));
}
