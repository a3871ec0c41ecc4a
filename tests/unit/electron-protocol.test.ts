// Node (vitest), Electron faked. The app:// protocol: serves the app folder and nothing else,
// and hands app://console/hub/… to the Node side's hub proxy (electron/hub/proxy.ts).
import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../shared/app/identity';
import { Readable } from 'node:stream';
import { createAppHandler, registerAppScheme, serveApp } from '../../electron/main/protocol';
import type { HubProxy, ProxyRequest } from '../../electron/hub/proxy';

const electron = vi.hoisted(() => ({
  protocol: { registerSchemesAsPrivileged: vi.fn(), handle: vi.fn() },
}));
vi.mock('electron', () => electron);

const INDEX = '<!doctype html><title>强制执行指挥台</title>';
const SECRET = 'secret outside the app folder';
let base: string;
let serve: (request: Request) => Promise<Response>;
/** What the fake proxy was asked, with the body it read. */
const forwarded: Array<Omit<ProxyRequest, 'body' | 'signal'> & { body: string | null }> = [];
const proxy: HubProxy = {
  async forward(request) {
    let body: string | null = null;
    if (request.body) {
      const chunks: Uint8Array[] = [];
      for await (const chunk of request.body) chunks.push(chunk);
      body = Buffer.concat(chunks).toString('utf8');
    }
    forwarded.push({ method: request.method, target: request.target, headers: request.headers, body });
    return { status: 201, headers: { 'content-type': 'application/json', 'x-station-revoked': '1' }, body: Readable.from([Buffer.from('[{"ok":true}]')]) };
  },
  close: () => undefined,
};

beforeAll(async () => {
  base = await fs.mkdtemp(join(tmpdir(), 'app-protocol-'));
  const root = join(base, 'renderer');
  await fs.mkdir(join(root, 'assets'), { recursive: true });
  await fs.writeFile(join(root, 'index.html'), INDEX);
  await fs.writeFile(join(root, 'assets', 'app.js'), 'console.log(1)');
  await fs.writeFile(join(base, 'secret.txt'), SECRET);
  await fs.symlink(join(base, 'secret.txt'), join(root, 'link.txt'));
  serve = createAppHandler(root, proxy);
});
afterAll(() => fs.rm(base, { recursive: true, force: true }));

const get = (url: string, method = 'GET') => serve(new Request(url, { method }));

function expectHardened(response: Response) {
  expect(response.headers.get('Content-Security-Policy')).toBe(CONTENT_SECURITY_POLICY);
  expect(response.headers.get('X-Content-Type-Options')).toBe('nosniff');
}

describe('app:// protocol', () => {
  it('registers app as a standard, secure scheme with fetch before ready', () => {
    registerAppScheme();
    expect(electron.protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } },
    ]);
  });

  it('installs its handler for the app scheme', () => {
    serveApp(base, proxy);
    expect(electron.protocol.handle).toHaveBeenCalledWith('app', expect.any(Function));
  });

  it.each(['app://console/index.html', 'app://console/'])('serves index.html for %s with the CSP header', async (url) => {
    const response = await get(url);
    expect(response.status).toBe(200);
    expect(response.headers.get('Content-Type')).toBe('text/html; charset=utf-8');
    expectHardened(response);
    expect(await response.text()).toBe(INDEX);
  });

  it('serves scripts with their type', async () => {
    const response = await get('app://console/assets/app.js');
    expect(response.headers.get('Content-Type')).toBe('text/javascript; charset=utf-8');
    expectHardened(response);
  });

  it.each([
    ['app://console/../../etc/passwd', 404],
    ['app://console/../secret.txt', 404],
    ['app://console/..%2fsecret.txt', 403],
    ['app://console/assets/..%2f..%2fsecret.txt', 403],
    ['app://console/..%5csecret.txt', 403],
    ['app://console/index.html%00.js', 403],
    ['app://console/%E0%A4%A', 400],
    ['app://console/link.txt', 403],
    ['app://console/assets', 404],
    ['app://console/missing.js', 404],
    ['app://other/index.html', 404],
  ])('refuses %s (%i) and never leaks what lies outside', async (url, status) => {
    const response = await get(url);
    expect(response.status).toBe(status);
    expectHardened(response);
    expect(await response.text()).not.toContain(SECRET);
  });

  it('hands app://console/hub/… to the hub proxy: method, target below /hub/, headers and body; the answer comes back hardened', async () => {
    const response = await serve(
      new Request('app://console/hub/op_op-1/_bulk_docs?x=1', { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Station-Clock': '1700000000000', Origin: 'app://console' }, body: '{"docs":[]}' }),
    );
    expect(response.status).toBe(201);
    expect(await response.text()).toBe('[{"ok":true}]');
    expect(response.headers.get('x-station-revoked')).toBe('1');
    expectHardened(response);
    expect(forwarded.at(-1)).toMatchObject({ method: 'POST', target: 'op_op-1/_bulk_docs?x=1', body: '{"docs":[]}', headers: { 'x-station-clock': '1700000000000' } });
  });

  it('refuses a /hub/ request that names another origin, before the proxy sees it', async () => {
    const before = forwarded.length;
    const response = await serve(new Request('app://console/hub/op_op-1/_all_docs', { headers: { Origin: 'https://evil.example' } }));
    expect(response.status).toBe(403);
    expect(forwarded.length).toBe(before);
  });

  it('refuses methods other than GET and HEAD', async () => {
    const response = await get('app://console/index.html', 'POST');
    expect(response.status).toBe(405);
    expectHardened(response);
    expect((await get('app://console/index.html', 'HEAD')).status).toBe(200);
  });
});
