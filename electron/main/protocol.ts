// Main process. Serves the built app as app://console/ from one folder, instead of file://
// (which would give every page access to the whole disk).
import { promises as fs } from 'node:fs';
import { extname, resolve, sep } from 'node:path';
import { protocol } from 'electron';
import { APP_HOST, APP_PROTOCOL, CONTENT_SECURITY_POLICY } from '../../shared/app/identity';

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

function respond(status: number, body: Uint8Array<ArrayBuffer> | string | null, contentType = 'text/plain; charset=utf-8'): Response {
  return new Response(body, {
    status,
    headers: {
      'Content-Type': contentType,
      'Content-Security-Policy': CONTENT_SECURITY_POLICY,
      'X-Content-Type-Options': 'nosniff',
    },
  });
}

const refuse = (status: keyof typeof STATUS_TEXT) => respond(status, STATUS_TEXT[status]);

const isInside = (root: string, path: string) => path === root || path.startsWith(root + sep);

/**
 * The request handler for app://console/, serving files from `root` only. Exported for tests;
 * `serveApp` installs it.
 */
export function createAppHandler(root: string): (request: Request) => Promise<Response> {
  const rootPath = resolve(root);
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return refuse(405);
    const url = new URL(request.url);
    if (url.host !== APP_HOST) return refuse(404);

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
export function serveApp(root: string): void {
  protocol.handle(APP_PROTOCOL, createAppHandler(root));
}
