// Main process. The app's one window and the rules every page in it lives by.
import { BrowserWindow, Menu } from 'electron';
import type { Session, WebContents } from 'electron';
import { APP_NAME, APP_ORIGIN } from '../../shared/app/identity';
import { isAppUrl } from './appUrl';

export const APP_START_URL = `${APP_ORIGIN}/index.html`;

/** What only a development run gets: the developer tools. A packaged build never opens them. */
export interface WindowOptions {
  devTools: boolean;
}

export function createMainWindow(preloadPath: string, options: WindowOptions): BrowserWindow {
  const win = new BrowserWindow({
    title: APP_NAME,
    width: 1440,
    height: 900,
    minWidth: 1024,
    minHeight: 680,
    show: false,
    webPreferences: {
      preload: preloadPath, // eng-disable PRELOAD_JS_CHECK — reviewed: exposes only the host contract (electron/preload)
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      // Middle-click would otherwise try to open links in a new window.
      disableBlinkFeatures: 'Auxclick',
      spellcheck: false,
      // Anyone at the keyboard could otherwise read and change the database from the console.
      devTools: options.devTools,
    },
  });
  // Shown once painted, so the user never sees a blank white frame.
  win.once('ready-to-show', () => win.show());
  void win.loadURL(APP_START_URL);
  return win;
}

/**
 * Keeps a page on the app: no navigation or redirect elsewhere, no new windows, no
 * embedded webviews. Applied to every web contents the app ever creates.
 */
export function confineContents(contents: WebContents): void {
  contents.on('will-navigate', (event) => {
    if (!isAppUrl(event.url)) event.preventDefault();
  });
  contents.on('will-redirect', (event) => {
    if (!isAppUrl(event.url)) event.preventDefault();
  });
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

/** The app needs no camera, location, notifications or any other browser permission. */
export function denyPermissions(session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
}

/** Only what an office user expects: quit, the edit commands (for shortcuts) and zoom; the developer tools only in development. */
export function installMenu(options: WindowOptions): void {
  Menu.setApplicationMenu(
    Menu.buildFromTemplate([
      { label: '文件', submenu: [{ role: 'quit', label: '退出' }] },
      {
        label: '编辑',
        submenu: [
          { role: 'undo', label: '撤销' },
          { role: 'redo', label: '重做' },
          { type: 'separator' },
          { role: 'cut', label: '剪切' },
          { role: 'copy', label: '复制' },
          { role: 'paste', label: '粘贴' },
          { role: 'selectAll', label: '全选' },
        ],
      },
      {
        label: '视图',
        submenu: [
          { role: 'zoomIn', label: '放大' },
          { role: 'zoomOut', label: '缩小' },
          { role: 'resetZoom', label: '实际大小' },
          { type: 'separator' },
          { role: 'togglefullscreen', label: '全屏' },
          ...(options.devTools ? ([{ type: 'separator' }, { role: 'toggleDevTools', label: '开发者工具' }] as const) : []),
        ],
      },
    ]),
  );
}
