// Main process. Entry point: locks the app down, then opens its one window.
import { join, resolve } from 'node:path';
import { app, ipcMain, session } from 'electron';
import type { BrowserWindow } from 'electron';
import { APP_DATA_FOLDER, DATA_DIR_ENV } from '../../shared/app/identity';
import { hubPort, startHubService, type HubService } from '../hub/service';
import { createHostHandlers } from './hostHandlers';
import { registerHostHandlers } from './ipc';
import { registerAppScheme, serveApp } from './protocol';
import { createSaveSessions, releaseSavesWhenPageGoes } from './saveSessions';
import { confineContents, createMainWindow, denyPermissions, installMenu } from './window';

// Everything here must happen before "ready".
app.enableSandbox();
// A packaged build is what goes to the site: no developer tools, no debugging port.
const development = !app.isPackaged;
const dataDirOverride = process.env[DATA_DIR_ENV];
// ASCII folder name by default: some backup and sync tools mangle CJK paths.
app.setPath('userData', dataDirOverride ? resolve(dataDirOverride) : join(app.getPath('appData'), APP_DATA_FOLDER));
registerAppScheme();

let mainWindow: BrowserWindow | null = null;
let hub: HubService | null = null;

function focusMainWindow(): void {
  if (!mainWindow) return;
  if (mainWindow.isMinimized()) mainWindow.restore();
  mainWindow.focus();
}

async function start(): Promise<void> {
  await app.whenReady();
  denyPermissions(session.defaultSession);
  const rendererRoot = join(__dirname, '../renderer');
  // The hub starts with the app (its data in the app's data folder, on 127.0.0.1 until the
  // commander opens the LAN); the window does not wait for it, and a hub that cannot start
  // says why in its status.
  hub = startHubService({ dataDir: app.getPath('userData'), port: hubPort(process.env), appRoot: rendererRoot });
  serveApp(rendererRoot, hub.proxy);
  const saves = createSaveSessions();
  registerHostHandlers(
    ipcMain,
    { ...createHostHandlers(() => mainWindow, saves), ...hub.handlers },
    (sender) => mainWindow !== null && sender === mainWindow.webContents,
  );
  installMenu({ devTools: development });
  mainWindow = createMainWindow(join(__dirname, '../preload/index.js'), { devTools: development });
  releaseSavesWhenPageGoes(mainWindow.webContents, saves);
  mainWindow.on('closed', () => {
    mainWindow = null;
  });
}

/** Chromium's own debugging switches, which the fuses do not cover (they refuse --inspect and NODE_OPTIONS). */
const DEBUG_SWITCHES = ['remote-debugging-port', 'remote-debugging-pipe', 'remote-debugging-address'];
const debugSwitch = development ? undefined : DEBUG_SWITCHES.find((name) => app.commandLine.hasSwitch(name));

if (debugSwitch) {
  console.error(`强制执行指挥台的正式版本不能以调试方式启动（--${debugSwitch}），已退出。`);
  app.exit(1);
} else if (app.requestSingleInstanceLock()) {
  // Two copies would write to the same database; the second one hands over to the first.
  app.on('second-instance', focusMainWindow);
  app.on('web-contents-created', (_event, contents) => confineContents(contents));
  app.on('window-all-closed', () => app.quit());
  // The hub closes its databases before the app exits (a kill loses no acknowledged entry either).
  let hubClosed = false;
  app.on('will-quit', (event) => {
    if (hubClosed || !hub) return;
    event.preventDefault();
    hubClosed = true;
    void hub.close().finally(() => app.quit());
  });
  start().catch((error: unknown) => {
    console.error('启动失败', error);
    app.exit(1);
  });
} else {
  app.quit();
}
