// Helpers for the launch-*.test.ts files (Node launcher tests).
import http from 'node:http';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** A port nobody listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = http.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export function tempDir(prefix: string): string {
  return mkdtempSync(path.join(os.tmpdir(), `${prefix}-`));
}

/** A project folder with a tiny built renderer in out/renderer; returns the project root. */
export function fakeProject(): string {
  const root = tempDir('launch-project');
  const renderer = path.join(root, 'out', 'renderer');
  mkdirSync(path.join(renderer, 'assets'), { recursive: true });
  writeFileSync(path.join(renderer, 'index.html'), '<!doctype html><title>fake</title><script src="./assets/app.js"></script>');
  writeFileSync(path.join(renderer, 'assets', 'app.js'), 'console.log("fake")');
  writeFileSync(path.join(renderer, 'assets', 'app.css'), 'body{}');
  writeFileSync(path.join(renderer, 'assets', 'font.woff2'), Buffer.from([0x77, 0x4f, 0x46, 0x32]));
  writeFileSync(path.join(renderer, 'assets', 'logo.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  return root;
}

export interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** Sends the request target exactly as given (fetch would normalise `/../`). */
export function rawRequest(port: number, target: string, method = 'GET', host = `127.0.0.1:${port}`): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path: target, method, headers: { Host: host } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

/** Polls until fn() is truthy (a server coming up in another task or process). */
export async function waitFor<T>(fn: () => Promise<T | undefined> | T | undefined, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await fn();
    if (value) return value;
    if (Date.now() > deadline) throw new Error('waitFor: timed out');
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Whether a server (ours or not) answers on the port: what tests wait for. */
export async function serving(port: number): Promise<boolean> {
  try {
    return (await rawRequest(port, '/host-info.json')).status === 200;
  } catch {
    return false;
  }
}
