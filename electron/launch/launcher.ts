// Node launcher (not bundled into the app).
// What `npm start` and `npm run web` do: run the app in Electron when it is available,
// otherwise serve the same app to a Chromium-family browser on a fixed local address.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { WEB_HOST, WEB_PORT } from '../../shared/app/identity';
import { parseArgs, USAGE, type LaunchOptions } from './args';
import type { ElectronLookup } from './electron-binary';
import { readOrCreateInstallToken } from './installToken';
import { browserArgs, browserCandidates, browserProfileDir, findBrowser, needsNoSandbox, userDataDir, type Env } from './paths';
import { close, serveOrReuse, type StaticServerConfig } from './static-server';
import { DEFAULT_HUB_PORT } from '../hub/index';
import { hubPort, startHubService, type HubService } from '../hub/service';

export interface LauncherDeps {
  /** Folder holding package.json and out/. */
  projectRoot: string;
  platform: NodeJS.Platform;
  env: Env;
  home: string;
  uid: number | undefined;
  /** Progress and addresses (stdout). */
  out: (line: string) => void;
  /** Problems (stderr). */
  err: (line: string) => void;
  lookupElectron: () => Promise<ElectronLookup>;
  exists: (p: string) => boolean;
  /** Settles when the user asks us to stop (Ctrl+C). */
  stopRequested: Promise<void>;
}

/** Runs until the app is closed; resolves with the process exit code. */
export async function runLauncher(argv: readonly string[], deps: LauncherDeps): Promise<number> {
  const parsed = parseArgs(argv);
  if (!parsed.ok) {
    deps.err(parsed.error);
    deps.err(USAGE);
    return 2;
  }
  const { options } = parsed;
  const port = options.port ?? WEB_PORT;
  const url = `http://${WEB_HOST}:${port}/`;
  if (options.browser) {
    deps.out(`浏览器模式：${url}`);
  } else {
    const electron = await deps.lookupElectron();
    if (electron.ok) return runElectron(electron.path, deps);
    deps.out(
      `Electron 不可用：${electron.reason}。改用浏览器模式打开同一应用：${url} ` +
        '(Electron is not available; opening the same app in browser mode instead)',
    );
  }
  return runBrowserMode(options, port, url, deps);
}

function runElectron(electronPath: string, deps: LauncherDeps): Promise<number> {
  const env = { ...deps.env };
  // Inherited from a parent Electron tool, it would turn the app into a plain Node script.
  delete env.ELECTRON_RUN_AS_NODE;
  const flags = needsNoSandbox(deps.platform, deps.uid) ? ['--no-sandbox'] : [];
  // The project root: Electron runs package.json "main" (out/main/index.js).
  const child = spawn(electronPath, [...flags, deps.projectRoot], { stdio: 'inherit', env });
  void deps.stopRequested.then(() => child.kill());
  return waitForExit(child).then((exit) => {
    if ('error' in exit) {
      deps.err(`无法启动 Electron（${electronPath}）：${exit.error.message}`);
      return 1;
    }
    return exit.code ?? 1;
  });
}

type Exit = { code: number | null } | { error: Error };

function waitForExit(child: ChildProcess): Promise<Exit> {
  return new Promise((resolve) => {
    child.once('error', (error) => resolve({ error }));
    child.once('exit', (code) => resolve({ code }));
  });
}

async function runBrowserMode(options: LaunchOptions, port: number, url: string, deps: LauncherDeps): Promise<number> {
  const rendererDir = path.join(deps.projectRoot, 'out', 'renderer');
  if (!deps.exists(path.join(rendererDir, 'index.html'))) {
    deps.err(`找不到已构建的界面 ${path.join(rendererDir, 'index.html')}，请先运行 npm run build。`);
    return 1;
  }
  if (port !== WEB_PORT) {
    deps.err(`注意：使用端口 ${port} 而不是 ${WEB_PORT}。浏览器按地址（含端口）保存数据，此端口下看不到平时的数据，仅供测试。`);
  }
  const dataDir = userDataDir(deps.platform, deps.env, deps.home);
  const profileDir = browserProfileDir(dataDir);
  mkdirSync(profileDir, { recursive: true });
  let installToken: Buffer;
  try {
    installToken = readOrCreateInstallToken(dataDir);
  } catch (error) {
    deps.err(error instanceof Error ? error.message : String(error));
    return 1;
  }

  const config: StaticServerConfig = { root: rendererDir, dataLocation: profileDir, installToken };
  const served = await serveOrReuse(config, WEB_HOST, port);
  if (served.kind === 'foreign') {
    // The browser would give whatever holds the port the app's origin, and with it the data in the profile.
    deps.err(
      `端口 ${port} 已被另一个程序占用，它没有通过本机安装口令的核对（不是本机这份强制执行指挥台提供的服务），` +
        `为防止数据被它读取，不会在 ${url} 打开应用。请关闭占用该端口的程序（不确定时重新启动电脑）后重试。`,
    );
    return 1;
  }
  const ownServer = served.kind === 'started';
  if (!ownServer) deps.out(`应用已在 ${url} 运行（另一个启动器正在提供服务），直接打开。`);
  // The launcher that serves the app also runs the hub (the one that reuses it does not:
  // the first one's hub holds the data folder). A test port gets a hub on any free port.
  const hub = ownServer ? startHub(dataDir, rendererDir, hubPort(deps.env, port === WEB_PORT ? DEFAULT_HUB_PORT : 0), deps) : undefined;
  if (hub) config.hub = hub;
  const shutdown = async () => {
    if (served.kind === 'started') await close(served.server);
    await hub?.close();
  };
  const serveUntilStopped = async (): Promise<number> => {
    if (served.kind === 'started') {
      await deps.stopRequested;
      await shutdown();
    }
    return 0;
  };

  if (options.noOpen) {
    if (ownServer) deps.out('只提供服务，不打开浏览器（--no-open）。按 Ctrl+C 停止。');
    return serveUntilStopped();
  }
  const browser = findBrowser(browserCandidates(deps.platform, deps.env, deps.home), deps.exists);
  if (browser === undefined) {
    deps.out(`未找到 Chrome、Edge 或 Chromium 浏览器。请在 Chromium 内核浏览器中打开 ${url}${ownServer ? '（按 Ctrl+C 停止服务）' : ''}`);
    return serveUntilStopped();
  }

  const child = spawn(browser, browserArgs(url, profileDir, needsNoSandbox(deps.platform, deps.uid)), {
    stdio: 'ignore',
    // A second launcher only opens a window; the first one keeps serving.
    detached: !ownServer,
  });
  if (!ownServer) {
    child.once('error', (error) => deps.err(`无法启动浏览器 ${browser}：${error.message}。请手动打开 ${url}`));
    child.unref();
    return 0;
  }
  deps.out(`已用 ${browser} 打开应用窗口，关闭窗口即停止服务。数据保存在 ${profileDir}`);
  const outcome = await Promise.race([waitForExit(child), deps.stopRequested.then(() => 'stop' as const)]);
  if (outcome === 'stop') {
    child.kill();
  } else if ('error' in outcome) {
    deps.err(`无法启动浏览器 ${browser}：${outcome.error.message}。请手动打开 ${url}（按 Ctrl+C 停止服务）`);
    return serveUntilStopped();
  } else {
    if (outcome.code !== 0 && outcome.code !== null) deps.err(`浏览器已退出，退出代码 ${outcome.code}。`);
    if (options.keepServing) {
      deps.out(`浏览器窗口已关闭，继续在 ${url} 提供服务（--keep-serving，按 Ctrl+C 停止）。`);
      return serveUntilStopped();
    }
  }
  await shutdown();
  return 0;
}

/** Starts the hub in the app's data folder and says where it listens, or why it could not start. */
function startHub(dataDir: string, rendererDir: string, port: number, deps: LauncherDeps): HubService {
  const service = startHubService({ dataDir, port, appRoot: rendererDir });
  void service.handlers.hubStatus({}).then(
    (status) => {
      if (status.state === 'running') deps.out(`同步中心：https://127.0.0.1:${status.port}（仅本机；在应用中可开放到局域网）`);
      else if (status.problem) deps.err(status.problem); // no problem: stopped before it was up
    },
    () => deps.err('同步中心状态无法读取'),
  );
  return service;
}
