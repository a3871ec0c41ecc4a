import { spawn } from 'node:child_process';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ElectronLookup } from '../../electron/launch/electron-binary';
import { runLauncher, type LauncherDeps } from '../../electron/launch/launcher';
import { CONTENT_SECURITY_POLICY } from '../../shared/app/identity';
import { close, listen } from '../../electron/launch/static-server';
import { fakeProject, freePort, rawRequest, serving, tempDir, waitFor } from './launch-helpers';

const projectRoot = path.resolve(__dirname, '..', '..');
const OFFLINE: ElectronLookup = { ok: false, reason: '下载 Electron 失败，无法联网（TypeError: fetch failed）' };

/** Launcher dependencies for a fake project, with captured output and a stop button. */
function harness(overrides: Partial<LauncherDeps> = {}, dataDir = tempDir('launch-data')) {
  const out: string[] = [];
  const err: string[] = [];
  let stop = () => {};
  const stopRequested = new Promise<void>((resolve) => (stop = resolve));
  const deps: LauncherDeps = {
    projectRoot: fakeProject(),
    platform: process.platform,
    env: { ENFORCEMENT_CONSOLE_DATA_DIR: dataDir, PATH: '' },
    home: tempDir('launch-home'),
    uid: undefined,
    out: (line) => out.push(line),
    err: (line) => err.push(line),
    lookupElectron: () => Promise.resolve(OFFLINE),
    exists: existsSync,
    stopRequested,
    ...overrides,
  };
  return { deps, out, err, stop: () => stop(), dataDir };
}

describe('launcher runLauncher', () => {
  it('explains the Electron fallback in exactly one line, then serves until stopped', async () => {
    const h = harness();
    const port = await freePort();
    const url = `http://127.0.0.1:${port}/`;
    const exit = runLauncher(['--no-open', '--port', String(port)], h.deps);
    await waitFor(() => serving(port));
    expect((await rawRequest(port, '/')).status).toBe(200);
    h.stop();
    expect(await exit).toBe(0);

    const explaining = [...h.out, ...h.err].filter((line) => /Electron/.test(line));
    expect(explaining).toHaveLength(1);
    expect(explaining[0]).toContain('Electron 不可用');
    expect(explaining[0]).toContain('无法联网');
    expect(explaining[0]).toContain('浏览器模式');
    expect(explaining[0]).toContain(url);
    expect(h.out[0]).toBe(explaining[0]);
    expect(h.err).toEqual([expect.stringContaining(`使用端口 ${port}`)]);
    expect(existsSync(path.join(h.dataDir, 'browser-profile'))).toBe(true);
  });

  it('listens on 127.0.0.1 only: not on the machine\'s network addresses, other loopback addresses or IPv6', async () => {
    const h = harness();
    const port = await freePort();
    const exit = runLauncher(['--browser', '--no-open', '--port', String(port)], h.deps);
    await waitFor(() => serving(port));
    const reach = (host: string) =>
      new Promise<string>((resolve) => {
        const socket = net.connect({ host, port }, () => (socket.destroy(), resolve('connected')));
        socket.on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? 'error'));
      });
    const external = Object.values(os.networkInterfaces())
      .flat()
      .filter((a) => a && !a.internal && a.family === 'IPv4')
      .map((a) => a!.address);
    expect(await reach('127.0.0.1')).toBe('connected');
    for (const host of ['127.0.0.2', '::1', ...external]) expect(await reach(host), host).not.toBe('connected');
    h.stop();
    expect(await exit).toBe(0);
  });

  it('--browser skips the Electron lookup', async () => {
    let looked = false;
    const h = harness({ lookupElectron: () => ((looked = true), Promise.resolve(OFFLINE)) });
    const port = await freePort();
    const exit = runLauncher(['--browser', '--no-open', '--port', String(port)], h.deps);
    await waitFor(() => serving(port));
    h.stop();
    expect(await exit).toBe(0);
    expect(looked).toBe(false);
    expect(h.out[0]).toBe(`浏览器模式：http://127.0.0.1:${port}/`);
  });

  it('runs Electron on the project root and returns its exit code', async () => {
    const h = harness({ lookupElectron: () => Promise.resolve({ ok: true, path: process.execPath }) });
    // `node <root>` runs package.json "main", as Electron would.
    writeFileSync(path.join(h.deps.projectRoot, 'package.json'), '{"main": "main.js"}');
    writeFileSync(path.join(h.deps.projectRoot, 'main.js'), 'process.exit(7)');
    expect(await runLauncher([], h.deps)).toBe(7);
    expect(h.out).toEqual([]);
  });

  it('rejects an unknown flag with usage and exit code 2', async () => {
    const h = harness();
    expect(await runLauncher(['--frobnicate'], h.deps)).toBe(2);
    expect(h.err[0]).toBe('未知参数：--frobnicate');
    expect(h.err[1]).toContain('用法');
  });

  it('fails clearly when the renderer was not built', async () => {
    const h = harness({ projectRoot: tempDir('launch-empty') });
    expect(await runLauncher(['--browser', '--no-open'], h.deps)).toBe(1);
    expect(h.err[0]).toContain('npm run build');
  });

  it('names the port when another program holds it', async () => {
    const foreign = http.createServer((_req, res) => res.end('not us'));
    const port = await listen(foreign, '127.0.0.1', 0);
    try {
      const h = harness();
      expect(await runLauncher(['--browser', '--no-open', '--port', String(port)], h.deps)).toBe(1);
      expect(h.err.at(-1)).toContain(`端口 ${port} 已被另一个程序占用，它没有通过本机安装口令的核对`);
    } finally {
      await close(foreign);
    }
  });

  it('leaves serving to a launcher of the same install that already serves the port', async () => {
    const first = harness();
    const port = await freePort();
    const firstExit = runLauncher(['--browser', '--no-open', '--port', String(port)], first.deps);
    await waitFor(() => serving(port));
    const second = harness({}, first.dataDir);
    expect(await runLauncher(['--browser', '--no-open', '--port', String(port)], second.deps)).toBe(0);
    expect(second.out.at(-1)).toContain('已在');
    first.stop();
    expect(await firstExit).toBe(0);
  });

  it('refuses a program squatting the port that imitates our server (its headers and host-info.json), opening nothing', async () => {
    const squatter = http.createServer((_req, res) => {
      res.writeHead(200, { 'Content-Security-Policy': CONTENT_SECURITY_POLICY, 'Content-Type': 'application/json; charset=utf-8' });
      res.end('{"dataLocation":"/home/user/.config/enforcement-console/browser-profile","answer":"0000"}');
    });
    const port = await listen(squatter, '127.0.0.1', 0);
    try {
      const browser = path.join(tempDir('launch-browser'), 'fake-browser');
      writeFileSync(browser, '#!/bin/sh\nexit 0\n');
      chmodSync(browser, 0o755);
      const h = harness();
      h.deps.env = { ...h.deps.env, CHROME_PATH: browser };
      expect(await runLauncher(['--browser', '--port', String(port)], h.deps)).toBe(1);
      expect(h.err.at(-1)).toBe(
        `端口 ${port} 已被另一个程序占用，它没有通过本机安装口令的核对（不是本机这份强制执行指挥台提供的服务），` +
          `为防止数据被它读取，不会在 http://127.0.0.1:${port}/ 打开应用。请关闭占用该端口的程序（不确定时重新启动电脑）后重试。`,
      );
      expect(h.out.some((line) => line.includes('已用') || line.includes('已在'))).toBe(false);
    } finally {
      await close(squatter);
    }
  });

  it("refuses the server of another install (another data folder, another secret)", async () => {
    const first = harness();
    const port = await freePort();
    const firstExit = runLauncher(['--browser', '--no-open', '--port', String(port)], first.deps);
    await waitFor(() => serving(port));
    const other = harness();
    expect(await runLauncher(['--browser', '--no-open', '--port', String(port)], other.deps)).toBe(1);
    expect(other.err.at(-1)).toContain('没有通过本机安装口令的核对');
    first.stop();
    expect(await firstExit).toBe(0);
  });

  it('prints the address to open when no browser is found', async () => {
    const h = harness({ exists: (p) => !/chrom|edge/i.test(p) && existsSync(p) });
    const port = await freePort();
    const exit = runLauncher(['--browser', '--port', String(port)], h.deps);
    // The hub's line (同步中心) may come before or after: the launcher starts the hub alongside.
    await waitFor(() => h.out.find((line) => line.startsWith('未找到')));
    expect(h.out.find((line) => line.startsWith('未找到'))).toContain(`请在 Chromium 内核浏览器中打开 http://127.0.0.1:${port}/`);
    expect(await serving(port)).toBe(true);
    h.stop();
    expect(await exit).toBe(0);
  });

  it.skipIf(process.platform === 'win32')('opens the browser as an app window and stops when it exits', async () => {
    const h = harness();
    const argsFile = path.join(h.dataDir, 'browser-args.txt');
    const browser = path.join(h.dataDir, 'fake-browser');
    writeFileSync(browser, `#!/bin/sh\nprintf '%s\\n' "$@" > '${argsFile}'\n`);
    chmodSync(browser, 0o755);
    const port = await freePort();
    h.deps.env = { ...h.deps.env, CHROME_PATH: browser };
    expect(await runLauncher(['--browser', '--port', String(port)], h.deps)).toBe(0);
    expect(readFileSync(argsFile, 'utf8').split('\n')).toEqual(
      expect.arrayContaining([`--app=http://127.0.0.1:${port}/`, `--user-data-dir=${path.join(h.dataDir, 'browser-profile')}`, '--no-first-run']),
    );
    expect(await serving(port)).toBe(false);
  });
});

describe('launcher start.ts (real script)', () => {
  const builtIndex = path.join(projectRoot, 'out', 'renderer', 'index.html');

  it('serves the built app and prints its address', async (ctx) => {
    if (!existsSync(builtIndex)) ctx.skip(`out/renderer/index.html not built — run npm run build first`);
    const port = await freePort();
    const dataDir = tempDir('launch-real');
    const tsx = path.join(projectRoot, 'node_modules', '.bin', 'tsx');
    // Own process group, so killing it also ends tsx's node child.
    const child = spawn(tsx, ['electron/launch/start.ts', '--browser', '--no-open', '--port', String(port)], {
      cwd: projectRoot,
      env: { ...process.env, ENFORCEMENT_CONSOLE_DATA_DIR: dataDir },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    let output = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    try {
      await waitFor(() => output.includes(`http://127.0.0.1:${port}/`) && serving(port), 30_000);
      const index = await rawRequest(port, '/');
      expect(index.status).toBe(200);
      expect(index.body.toLowerCase()).toContain('<!doctype html>');
      expect(JSON.parse((await rawRequest(port, '/host-info.json')).body)).toEqual({ dataLocation: path.join(dataDir, 'browser-profile') });
    } finally {
      if (child.pid !== undefined) process.kill(-child.pid, 'SIGTERM');
    }
    expect(await exited).toBe(0);
  }, 60_000);
});
