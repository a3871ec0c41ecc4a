// Main process. Entry point: locks the app down, then opens its one window.
import { join, resolve } from 'node:path';
import { app, ipcMain, session } from 'electron';
import type { BrowserWindow } from 'electron';
import { APP_DATA_FOLDER, DATA_DIR_ENV } from '../../shared/app/identity';
import { createHostHandlers } from './hostHandlers';
import { registerHostHandlers } from './ipc';
import { registerAppScheme, serveApp } from './protocol';
import { createSaveSessions, releaseSavesWhenPageGoes } from './saveSessions';
import { confineContents, createMainWindow, denyPermissions, installMenu } from './window';

// Everything here must happen before "ready".
app.enableSandbox();
const dataDirOverride = process.env[DATA_DIR_ENV];
// ASCII folder name by default: some backup and sync tools mangle CJK paths.
app.setPath('userData', dataDirOverride ? resolve(dataDirOverride) : join(app.getPath('appData'), APP_DATA_FOLDER));
registerAppScheme();

let mainWindow: BrowserWindow | null = null;

function focusMainWindow(): void {
  if (!mainWindow) return;
  if (mainWindow.isMinimized()) mainWindow.restore();
  mainWindow.focus();
}

async function start(): Promise<void> {
  await app.whenReady();
  denyPermissions(session.defaultSession);
  serveApp(join(__dirname, '../renderer'));
  const saves = createSaveSessions();
  registerHostHandlers(
    ipcMain,
    createHostHandlers(() => mainWindow, saves),
    (sender) => mainWindow !== null && sender === mainWindow.webContents,
  );
  installMenu();
  mainWindow = createMainWindow(join(__dirname, '../preload/index.js'));
  releaseSavesWhenPageGoes(mainWindow.webContents, saves);
  mainWindow.on('closed', () => {
    mainWindow = null;
  });
}

// Two copies would write to the same database; the second one hands over to the first.
if (app.requestSingleInstanceLock()) {
  app.on('second-instance', focusMainWindow);
  app.on('web-contents-created', (_event, contents) => confineContents(contents));
  app.on('window-all-closed', () => app.quit());
  start().catch((error: unknown) => {
    console.error('启动失败', error);
    app.exit(1);
  });
} else {
  app.quit();
}
