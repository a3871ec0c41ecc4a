// Node (vitest), Electron faked. The app:// protocol: serves the app folder and nothing else.
import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../shared/app/identity';
import { createAppHandler, registerAppScheme, serveApp } from '../../electron/main/protocol';

const electron = vi.hoisted(() => ({
  protocol: { registerSchemesAsPrivileged: vi.fn(), handle: vi.fn() },
}));
vi.mock('electron', () => electron);

const INDEX = '<!doctype html><title>强制执行指挥台</title>';
const SECRET = 'secret outside the app folder';
let base: string;
let serve: (request: Request) => Promise<Response>;

beforeAll(async () => {
  base = await fs.mkdtemp(join(tmpdir(), 'app-protocol-'));
  const root = join(base, 'renderer');
  await fs.mkdir(join(root, 'assets'), { recursive: true });
  await fs.writeFile(join(root, 'index.html'), INDEX);
  await fs.writeFile(join(root, 'assets', 'app.js'), 'console.log(1)');
  await fs.writeFile(join(base, 'secret.txt'), SECRET);
  await fs.symlink(join(base, 'secret.txt'), join(root, 'link.txt'));
  serve = createAppHandler(root);
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
    serveApp(base);
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

  it('refuses methods other than GET and HEAD', async () => {
    const response = await get('app://console/index.html', 'POST');
    expect(response.status).toBe(405);
    expectHardened(response);
    expect((await get('app://console/index.html', 'HEAD')).status).toBe(200);
  });
});
