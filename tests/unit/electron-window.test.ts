// Node (vitest), Electron faked. The window's security settings and what its pages may do.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { MenuItemConstructorOptions, Session, WebContents } from 'electron';
import { APP_NAME } from '../../shared/app/identity';
import { APP_START_URL, confineContents, createMainWindow, denyPermissions, installMenu } from '../../electron/main/window';

const electron = vi.hoisted(() => {
  class BrowserWindow {
    static created: BrowserWindow[] = [];
    loadURL = vi.fn(async () => undefined);
    once = vi.fn();
    show = vi.fn();
    constructor(readonly options: Record<string, unknown>) {
      BrowserWindow.created.push(this);
    }
  }
  return {
    BrowserWindow,
    Menu: { buildFromTemplate: vi.fn((template: unknown) => ({ template })), setApplicationMenu: vi.fn() },
  };
});
vi.mock('electron', () => electron);

type Listener = (event: { url?: string; preventDefault: () => void }) => void;

function fakeContents() {
  const listeners = new Map<string, Listener>();
  let openHandler: (() => unknown) | undefined;
  const contents = {
    on: (name: string, listener: Listener) => listeners.set(name, listener),
    setWindowOpenHandler: (handler: () => unknown) => (openHandler = handler),
  };
  confineContents(contents as unknown as WebContents);
  /** Fires an event and tells whether the app prevented it. */
  const emit = (name: string, url?: string) => {
    const preventDefault = vi.fn();
    listeners.get(name)?.({ url, preventDefault });
    return preventDefault.mock.calls.length > 0;
  };
  return { emit, openWindow: () => openHandler?.() };
}

beforeEach(() => {
  electron.BrowserWindow.created.length = 0;
});

describe('main window', () => {
  it('is created with every security flag and loads the app from app://console', () => {
    createMainWindow('/app/out/preload/index.js', { devTools: false });
    const win = electron.BrowserWindow.created[0]!;
    expect(win.options.title).toBe(APP_NAME);
    expect(win.options.webPreferences).toEqual({
      preload: '/app/out/preload/index.js',
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
      disableBlinkFeatures: 'Auxclick',
      spellcheck: false,
      devTools: false,
    });
    expect(APP_START_URL).toBe('app://console/index.html');
    expect(win.loadURL).toHaveBeenCalledWith(APP_START_URL);
  });

  it('has the developer tools only when asked (a development run)', () => {
    createMainWindow('/p.js', { devTools: true });
    expect((electron.BrowserWindow.created[0]!.options.webPreferences as { devTools: boolean }).devTools).toBe(true);
  });
});

describe('confineContents', () => {
  it.each(['https://example.com/', 'http://127.0.0.1:47615/', 'file:///etc/passwd', 'app://other/index.html', 'javascript:alert(1)'])(
    'prevents navigating or redirecting to %s',
    (url) => {
      const { emit } = fakeContents();
      expect(emit('will-navigate', url)).toBe(true);
      expect(emit('will-redirect', url)).toBe(true);
    },
  );

  it('lets the app move between its own pages', () => {
    const { emit } = fakeContents();
    expect(emit('will-navigate', 'app://console/index.html#/operations')).toBe(false);
    expect(emit('will-redirect', 'app://console/index.html')).toBe(false);
  });

  it('denies every new window and every webview', () => {
    const { emit, openWindow } = fakeContents();
    expect(openWindow()).toEqual({ action: 'deny' });
    expect(emit('will-attach-webview')).toBe(true);
  });
});

describe('denyPermissions', () => {
  it('refuses every permission request and check', () => {
    let request: ((contents: unknown, permission: string, callback: (granted: boolean) => void) => void) | undefined;
    let check: ((...args: unknown[]) => boolean) | undefined;
    denyPermissions({
      setPermissionRequestHandler: (handler: typeof request) => (request = handler),
      setPermissionCheckHandler: (handler: typeof check) => (check = handler),
    } as unknown as Session);
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal']) {
      const callback = vi.fn();
      request?.({}, permission, callback);
      expect(callback).toHaveBeenCalledWith(false);
      expect(check?.({}, permission, 'app://console', {})).toBe(false);
    }
  });
});

describe('installMenu', () => {
  it('offers only quit, edit and zoom commands, in Chinese, with no developer tools or reload', () => {
    electron.Menu.buildFromTemplate.mockClear();
    electron.Menu.setApplicationMenu.mockClear();
    installMenu({ devTools: false });
    const template = electron.Menu.buildFromTemplate.mock.calls[0]![0] as MenuItemConstructorOptions[];
    expect(template.map((m) => m.label)).toEqual(['文件', '编辑', '视图']);
    const items = template.flatMap((m) => m.submenu as MenuItemConstructorOptions[]);
    const roles = items.map((i) => i.role).filter(Boolean);
    expect(roles).not.toContain('toggleDevTools');
    expect(roles).not.toContain('reload');
    expect(roles).not.toContain('forceReload');
    for (const item of items.filter((i) => i.role)) expect(item.label).toMatch(/^[\u4e00-\u9fff]+$/);
    expect(electron.Menu.setApplicationMenu).toHaveBeenCalledTimes(1);
  });

  it('adds 开发者工具 under 视图 in a development run only', () => {
    electron.Menu.buildFromTemplate.mockClear();
    installMenu({ devTools: true });
    const template = electron.Menu.buildFromTemplate.mock.calls[0]![0] as MenuItemConstructorOptions[];
    const view = template.find((m) => m.label === '视图')!.submenu as MenuItemConstructorOptions[];
    expect(view.at(-1)).toEqual({ role: 'toggleDevTools', label: '开发者工具' });
  });
});
