// Node (vitest), Electron faked. The main entry: what it does before and after "ready".
import { existsSync, mkdtempSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { IpcMainInvokeEvent } from 'electron';
import { hostChannel, hostMethodNames, type HubStatus } from '../../shared/host/contract';

/** Where the fake app data lives (the hub starts there with the app): never the real home. */
const APP_DATA = mkdtempSync(path.join(os.tmpdir(), 'electron-main-'));
/** The hub's port in these tests: any free one, but for the test that connects to it. */
const HUB_PORT = 47765;

const electron = vi.hoisted(() => {
  const calls: string[] = [];
  const record = (name: string) => vi.fn(() => void calls.push(name));
  class BrowserWindow {
    static created: BrowserWindow[] = [];
    webContents = { id: 'main-window', on: vi.fn() };
    loadURL = vi.fn(async () => undefined);
    once = vi.fn();
    on = vi.fn();
    constructor(readonly options: { webPreferences: { preload: string; devTools: boolean } }) {
      calls.push('new BrowserWindow');
      BrowserWindow.created.push(this);
    }
  }
  const ipcHandlers = new Map<string, (event: unknown, request: unknown) => Promise<unknown>>();
  /** Command-line switches the fake app was started with. */
  const switches = new Set<string>();
  const paths = new Map<string, string>();
  return {
    calls,
    ipcHandlers,
    BrowserWindow,
    switches,
    paths,
    app: {
      isPackaged: true,
      commandLine: { hasSwitch: (name: string) => switches.has(name) },
      enableSandbox: record('enableSandbox'),
      getPath: vi.fn((name: string) => paths.get(name) ?? `/nonexistent/${name}`),
      setPath: vi.fn((name: string, value: string) => void paths.set(name, value)),
      requestSingleInstanceLock: vi.fn(() => true),
      whenReady: vi.fn(async () => void calls.push('ready')),
      on: vi.fn(),
      quit: vi.fn(),
      exit: vi.fn(),
      getName: () => '强制执行指挥台',
      getVersion: () => '0.1.0',
    },
    protocol: { registerSchemesAsPrivileged: record('registerSchemesAsPrivileged'), handle: record('protocol.handle') },
    session: { defaultSession: { setPermissionRequestHandler: vi.fn(), setPermissionCheckHandler: vi.fn() } },
    ipcMain: { handle: vi.fn((channel: string, fn: never) => void ipcHandlers.set(channel, fn)) },
    dialog: {},
    Menu: { buildFromTemplate: vi.fn(), setApplicationMenu: vi.fn() },
  };
});
vi.mock('electron', () => electron);

/** Quits the app the way Electron would (will-quit), so the hub it started closes. */
async function quitApp(): Promise<void> {
  const willQuit = electron.app.on.mock.calls.filter((c: unknown[]) => c[0] === 'will-quit').map((c: unknown[]) => c[1] as (e: { preventDefault(): void }) => void);
  const quit = new Promise<void>((resolve) => electron.app.quit.mockImplementation(() => resolve()));
  const event = { preventDefault: vi.fn() };
  for (const fn of willQuit) fn(event);
  if (event.preventDefault.mock.calls.length) await quit;
}

async function loadMain(lockGranted: boolean, dataDir?: string, run: { packaged?: boolean; switches?: string[]; hubPort?: number } = {}) {
  vi.resetModules();
  electron.paths.clear();
  electron.paths.set('appData', APP_DATA);
  vi.stubEnv('ENFORCEMENT_CONSOLE_HUB_PORT', String(run.hubPort ?? 0));
  electron.app.isPackaged = run.packaged ?? true;
  electron.switches.clear();
  for (const name of run.switches ?? []) electron.switches.add(name);
  if (dataDir === undefined) vi.stubEnv('ENFORCEMENT_CONSOLE_DATA_DIR', undefined);
  else vi.stubEnv('ENFORCEMENT_CONSOLE_DATA_DIR', dataDir);
  electron.calls.length = 0;
  electron.BrowserWindow.created.length = 0;
  electron.ipcHandlers.clear();
  vi.clearAllMocks();
  electron.app.requestSingleInstanceLock.mockReturnValue(lockGranted);
  await import('../../electron/main/index');
  await vi.waitFor(() => expect(electron.calls).toContain(lockGranted ? 'new BrowserWindow' : 'registerSchemesAsPrivileged'));
}

afterEach(() => quitApp());
afterAll(() => vi.unstubAllEnvs());

describe('main entry', () => {
  beforeEach(() => loadMain(true));

  it('enables the sandbox and registers the app scheme before ready, serves it after', () => {
    expect(electron.calls.indexOf('enableSandbox')).toBe(0);
    expect(electron.calls.indexOf('registerSchemesAsPrivileged')).toBeLessThan(electron.calls.indexOf('ready'));
    expect(electron.calls.indexOf('protocol.handle')).toBeGreaterThan(electron.calls.indexOf('ready'));
  });

  it('keeps user data in an ASCII-named folder', () => {
    expect(electron.app.setPath).toHaveBeenCalledWith('userData', path.join(APP_DATA, 'enforcement-console'));
  });

  it('keeps user data where ENFORCEMENT_CONSOLE_DATA_DIR says, for tests and portable use', async () => {
    await quitApp();
    const portable = path.join(APP_DATA, 'usb', 'console-data');
    await loadMain(true, portable);
    expect(electron.app.setPath).toHaveBeenCalledWith('userData', portable);
  });

  it('starts the hub with the app, on 127.0.0.1, its data in the app data folder; the app protocol forwards /hub/; quitting closes it', async () => {
    await quitApp();
    const dataDir = path.join(APP_DATA, 'hub-test');
    await loadMain(true, dataDir, { hubPort: HUB_PORT });
    const window = electron.BrowserWindow.created[0]!;
    const call = electron.ipcHandlers.get(hostChannel('hubStatus'))!;
    const status = (await call({ sender: window.webContents, senderFrame: { url: 'app://console/index.html', parent: null } }, {})) as HubStatus;
    expect(status).toMatchObject({ state: 'running', port: HUB_PORT, lanOpen: false });
    expect(existsSync(path.join(dataDir, 'hub', 'hub-ca-cert.pem'))).toBe(true);
    const handle = electron.protocol.handle.mock.calls.at(-1) as unknown as [string, (r: Request) => Promise<Response>];
    const answer = await handle[1](new Request('app://console/hub/op_unknown/_changes'));
    expect(answer.status).toBe(404); // no link for it: not forwarded
    const reach = () => new Promise<boolean>((resolve) => net.connect({ host: '127.0.0.1', port: HUB_PORT }).on('connect', function (this: net.Socket) { this.destroy(); resolve(true); }).on('error', () => resolve(false)));
    expect(await reach()).toBe(true);
    await quitApp();
    expect(await reach()).toBe(false);
  });

  it('denies permissions, confines every web contents and opens one window with the built preload', () => {
    expect(electron.session.defaultSession.setPermissionRequestHandler).toHaveBeenCalled();
    expect(electron.app.on).toHaveBeenCalledWith('web-contents-created', expect.any(Function));
    expect(electron.BrowserWindow.created).toHaveLength(1);
    expect(electron.BrowserWindow.created[0]!.options.webPreferences.preload).toMatch(/preload[\\/]index\.js$/);
  });

  it("answers host calls only from the main window's web contents", async () => {
    expect([...electron.ipcHandlers.keys()]).toEqual(hostMethodNames.map(hostChannel));
    const appInfo = electron.ipcHandlers.get(hostChannel('appInfo'))!;
    const frame = { url: 'app://console/index.html', parent: null };
    const from = (sender: unknown) => ({ sender, senderFrame: frame }) as unknown as IpcMainInvokeEvent;
    await expect(appInfo(from(electron.BrowserWindow.created[0]!.webContents), {})).resolves.toMatchObject({ mode: 'electron' });
    await expect(appInfo(from({ id: 'devtools' }), {})).rejects.toThrow(/拒绝调用/);
  });

  it("drops the window's open streamed saves when its page reloads, crashes or closes", () => {
    const events = electron.BrowserWindow.created[0]!.webContents.on.mock.calls.map((call: unknown[]) => call[0]);
    expect(events).toEqual(expect.arrayContaining(['did-navigate', 'render-process-gone', 'destroyed']));
  });
});

describe('developer tools and debugging', () => {
  it('a packaged build has no developer tools, in the window or the menu', async () => {
    await loadMain(true);
    expect(electron.BrowserWindow.created[0]!.options.webPreferences.devTools).toBe(false);
    const menu = JSON.stringify(electron.Menu.buildFromTemplate.mock.calls[0]![0]);
    expect(menu).not.toContain('toggleDevTools');
  });

  it('a development run has them', async () => {
    await loadMain(true, undefined, { packaged: false });
    expect(electron.BrowserWindow.created[0]!.options.webPreferences.devTools).toBe(true);
    expect(JSON.stringify(electron.Menu.buildFromTemplate.mock.calls[0]![0])).toContain('toggleDevTools');
  });

  it.each(['remote-debugging-port', 'remote-debugging-pipe'])('a packaged build started with --%s exits at once, opening nothing', async (name) => {
    vi.resetModules();
    electron.app.isPackaged = true;
    electron.switches.clear();
    electron.switches.add(name);
    electron.BrowserWindow.created.length = 0;
    vi.clearAllMocks();
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    await import('../../electron/main/index');
    expect(electron.app.exit).toHaveBeenCalledWith(1);
    expect(error).toHaveBeenCalledWith(`强制执行指挥台的正式版本不能以调试方式启动（--${name}），已退出。`);
    expect(electron.app.requestSingleInstanceLock).not.toHaveBeenCalled();
    expect(electron.BrowserWindow.created).toHaveLength(0);
    error.mockRestore();
  });
});

describe('second instance', () => {
  it('quits without waiting for ready or opening a window', async () => {
    await loadMain(false);
    expect(electron.app.quit).toHaveBeenCalled();
    expect(electron.app.whenReady).not.toHaveBeenCalled();
    expect(electron.BrowserWindow.created).toHaveLength(0);
  });
});
