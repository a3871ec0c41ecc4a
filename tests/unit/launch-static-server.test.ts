import http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../shared/app/identity';
import {
  close,
  contentType,
  createStaticServer,
  listen,
  PROOF_PATH,
  proveServer,
  resolveRequestPath,
  serveOrReuse,
} from '../../electron/launch/static-server';
import { answerChallenge, newChallenge } from '../../electron/launch/installToken';
import { fakeProject, freePort, rawRequest } from './launch-helpers';

const installToken = Buffer.alloc(32, 7);
const otherToken = Buffer.alloc(32, 8);

describe('launcher contentType', () => {
  it.each([
    ['index.html', 'text/html; charset=utf-8'],
    ['a.js', 'text/javascript; charset=utf-8'],
    ['a.css', 'text/css; charset=utf-8'],
    ['a.svg', 'image/svg+xml'],
    ['a.PNG', 'image/png'],
    ['a.woff2', 'font/woff2'],
    ['a.ttf', 'font/ttf'],
    ['a.json', 'application/json; charset=utf-8'],
    ['favicon.ico', 'image/x-icon'],
    ['a.wasm', 'application/wasm'],
    ['a.js.map', 'application/json; charset=utf-8'],
    ['a.unknown', 'application/octet-stream'],
  ])('%s → %s', (file, type) => {
    expect(contentType(file)).toBe(type);
  });
});

describe('launcher resolveRequestPath', () => {
  const root = path.resolve('/srv/app');
  it('maps / to index.html and ignores the query', () => {
    expect(resolveRequestPath(root, '/?x=1')).toEqual({ kind: 'file', path: path.join(root, 'index.html') });
    expect(resolveRequestPath(root, '/assets/a%20b.js#h')).toEqual({ kind: 'file', path: path.join(root, 'assets', 'a b.js') });
  });

  it.each([
    '/../etc/passwd',
    '/%2e%2e/etc/passwd',
    '/assets/%2E%2E/%2e%2e/etc/passwd',
    '/assets/./a.js',
    '/a%00.js',
    '/assets\\..\\x',
    '/assets%5c..%5cx',
    '//etc/passwd',
    '/%2fetc/passwd',
    '/C:/Windows/win.ini',
    'etc/passwd',
    '/%zz',
  ])('refuses %s', (target) => {
    expect(resolveRequestPath(root, target)).toEqual({ kind: 'bad' });
  });
});

describe('launcher static server', () => {
  const project = fakeProject();
  const dataLocation = '/tmp/some data/browser-profile';
  const server = createStaticServer({ root: path.join(project, 'out', 'renderer'), dataLocation, installToken });
  let port = 0;
  beforeAll(async () => {
    port = await listen(server, '127.0.0.1', 0);
  });
  afterAll(() => close(server));

  it('serves index.html with the CSP, nosniff, no-referrer and no-store', async () => {
    const res = await rawRequest(port, '/');
    expect(res.status).toBe(200);
    expect(res.body).toContain('<title>fake</title>');
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    expect(res.headers['cache-control']).toBe('no-store');
    expect((await rawRequest(port, '/index.html')).headers['cache-control']).toBe('no-store');
  });

  it.each([
    ['/assets/app.js', 'text/javascript; charset=utf-8'],
    ['/assets/app.css', 'text/css; charset=utf-8'],
    ['/assets/font.woff2', 'font/woff2'],
    ['/assets/logo.svg', 'image/svg+xml'],
  ])('serves %s as %s with the security headers', async (target, type) => {
    const res = await rawRequest(port, target);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe(type);
    expect(res.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });

  it.each(['/../etc/passwd', '/%2e%2e/%2e%2e/etc/passwd', '/assets/app.js%00.png', '/assets\\app.js', '/..%5c..%5cetc%5cpasswd'])(
    'refuses %s with 400 and the security headers',
    async (target) => {
      const res = await rawRequest(port, target);
      expect(res.status).toBe(400);
      expect(res.body).not.toContain('root:');
      expect(res.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    },
  );

  it('answers 404 for missing files and folders (no SPA fallback)', async () => {
    expect((await rawRequest(port, '/missing.js')).status).toBe(404);
    expect((await rawRequest(port, '/assets')).status).toBe(404);
    const res = await rawRequest(port, '/some/route');
    expect(res.status).toBe(404);
    expect(res.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
  });

  it('allows only GET and HEAD', async () => {
    const post = await rawRequest(port, '/', 'POST');
    expect(post.status).toBe(405);
    expect(post.headers.allow).toBe('GET, HEAD');
    expect((await rawRequest(port, '/', 'PUT')).status).toBe(405);
    const head = await rawRequest(port, '/assets/app.js', 'HEAD');
    expect(head.status).toBe(200);
    expect(head.body).toBe('');
    expect(head.headers['content-length']).toBe(String('console.log("fake")'.length));
  });

  it('serves /host-info.json with the data location', async () => {
    const res = await rawRequest(port, '/host-info.json');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(res.headers['cache-control']).toBe('no-store');
    expect(JSON.parse(res.body)).toEqual({ dataLocation });
  });

  it('answers only to its own host name (DNS rebinding)', async () => {
    expect((await rawRequest(port, '/host-info.json', 'GET', `localhost:${port}`)).status).toBe(200);
    expect((await rawRequest(port, '/host-info.json', 'GET', `evil.example:${port}`)).status).toBe(403);
  });

  it('answers a challenge with the HMAC of the install secret, never the secret; refuses anything but a challenge', async () => {
    const challenge = newChallenge();
    const res = await rawRequest(port, `${PROOF_PATH}?challenge=${challenge}`);
    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(JSON.parse(res.body)).toEqual({ answer: answerChallenge(installToken, challenge) });
    expect(res.body).not.toContain(installToken.toString('hex'));
    for (const bad of ['', '?challenge=', '?challenge=abc', `?challenge=${challenge.toUpperCase()}`, `?challenge=${challenge}00`]) {
      expect((await rawRequest(port, `${PROOF_PATH}${bad}`)).status).toBe(400);
    }
    expect((await rawRequest(port, `${PROOF_PATH}?challenge=${challenge}`, 'GET', `evil.example:${port}`)).status).toBe(403);
  });

  it('proveServer trusts it with the same secret only', async () => {
    expect(await proveServer('127.0.0.1', port, installToken)).toBe(true);
    expect(await proveServer('127.0.0.1', port, otherToken)).toBe(false);
  });
});

describe('launcher port already in use', () => {
  const root = path.join(fakeProject(), 'out', 'renderer');

  it('a foreign server on the port is reported as foreign', async () => {
    const foreign = http.createServer((_req, res) => res.end('{"hello":"world"}'));
    const port = await listen(foreign, '127.0.0.1', 0);
    try {
      expect(await proveServer('127.0.0.1', port, installToken)).toBe(false);
      expect((await serveOrReuse({ root, dataLocation: '/d', installToken }, '127.0.0.1', port)).kind).toBe('foreign');
    } finally {
      await close(foreign);
    }
  });

  it('a foreign server that imitates our headers and JSON, but cannot answer the challenge, is still foreign', async () => {
    const imitation = http.createServer((_req, res) => {
      res.writeHead(200, { 'Content-Security-Policy': CONTENT_SECURITY_POLICY });
      res.end('{"dataLocation":"/x","answer":"' + 'a'.repeat(64) + '"}');
    });
    const port = await listen(imitation, '127.0.0.1', 0);
    try {
      expect(await proveServer('127.0.0.1', port, installToken)).toBe(false);
      expect((await serveOrReuse({ root, dataLocation: '/d', installToken }, '127.0.0.1', port)).kind).toBe('foreign');
    } finally {
      await close(imitation);
    }
  });

  it('a server that replays an answer it saw (to another challenge) is foreign', async () => {
    const seen = answerChallenge(installToken, newChallenge());
    const replay = http.createServer((_req, res) => res.end(JSON.stringify({ answer: seen })));
    const port = await listen(replay, '127.0.0.1', 0);
    try {
      expect(await proveServer('127.0.0.1', port, installToken)).toBe(false);
    } finally {
      await close(replay);
    }
  });

  it('our own server on the port is reused', async () => {
    const first = await serveOrReuse({ root, dataLocation: '/d', installToken }, '127.0.0.1', await freePort());
    expect(first.kind).toBe('started');
    if (first.kind !== 'started') return;
    try {
      expect(await serveOrReuse({ root, dataLocation: '/d', installToken }, '127.0.0.1', first.port)).toEqual({ kind: 'reused' });
      expect((await serveOrReuse({ root, dataLocation: '/d', installToken: otherToken }, '127.0.0.1', first.port)).kind).toBe('foreign');
    } finally {
      await close(first.server);
    }
  });

  it('nobody listening is not ours', async () => {
    expect(await proveServer('127.0.0.1', await freePort(), installToken)).toBe(false);
  });
});
