// Node launcher (not bundled into the app).
// Pure: where the user's data lives and where a Chromium-family browser may be installed.
import path from 'node:path';
import { APP_DATA_FOLDER, DATA_DIR_ENV } from '../../shared/app/identity';

export type Env = Readonly<Record<string, string | undefined>>;

/** The folder Electron's app.getPath('userData') uses for APP_DATA_FOLDER, so both modes agree. */
export function userDataDir(platform: NodeJS.Platform, env: Env, home: string): string {
  const override = env[DATA_DIR_ENV];
  if (override) return path.resolve(override);
  switch (platform) {
    case 'win32':
      return path.win32.join(env.APPDATA || path.win32.join(home, 'AppData', 'Roaming'), APP_DATA_FOLDER);
    case 'darwin':
      return path.posix.join(home, 'Library', 'Application Support', APP_DATA_FOLDER);
    default:
      return path.posix.join(env.XDG_CONFIG_HOME || path.posix.join(home, '.config'), APP_DATA_FOLDER);
  }
}

/** The browser profile inside the data directory: browser mode's IndexedDB lives here. */
export function browserProfileDir(dataDir: string): string {
  return path.join(dataDir, 'browser-profile');
}

const LINUX_NAMES = [
  'chromium',
  'chromium-browser',
  'google-chrome',
  'google-chrome-stable',
  'microsoft-edge',
  'microsoft-edge-stable',
];

// Edge first on Windows: it ships with the system, Chrome may not.
const WINDOWS_RELATIVE = ['Microsoft\\Edge\\Application\\msedge.exe', 'Google\\Chrome\\Application\\chrome.exe'];

const MAC_BUNDLES = [
  'Google Chrome.app/Contents/MacOS/Google Chrome',
  'Microsoft Edge.app/Contents/MacOS/Microsoft Edge',
  'Chromium.app/Contents/MacOS/Chromium',
];

/** Browser executables to try, best first. CHROME_PATH / BROWSER_PATH always win. */
export function browserCandidates(platform: NodeJS.Platform, env: Env, home: string): string[] {
  const explicit = [env.CHROME_PATH, env.BROWSER_PATH].filter((p): p is string => !!p);
  switch (platform) {
    case 'win32': {
      const roots = [env['ProgramFiles'], env['ProgramFiles(x86)'], env.LOCALAPPDATA].filter((p): p is string => !!p);
      const bases = roots.length > 0 ? roots : ['C:\\Program Files', 'C:\\Program Files (x86)'];
      return [...explicit, ...WINDOWS_RELATIVE.flatMap((rel) => bases.map((base) => path.win32.join(base, rel)))];
    }
    case 'darwin':
      return [
        ...explicit,
        ...MAC_BUNDLES.flatMap((bundle) => [
          path.posix.join('/Applications', bundle),
          path.posix.join(home, 'Applications', bundle),
        ]),
      ];
    default: {
      const dirs = (env.PATH ?? '').split(':').filter((d) => d !== '');
      return [...explicit, ...LINUX_NAMES.flatMap((name) => dirs.map((dir) => path.posix.join(dir, name)))];
    }
  }
}

export function findBrowser(candidates: readonly string[], exists: (p: string) => boolean): string | undefined {
  return candidates.find((candidate) => exists(candidate));
}

/**
 * Chromium and Electron refuse to start as root on Linux unless the sandbox is off
 * (containers and CI run as root); an ordinary user keeps the sandbox.
 */
export function needsNoSandbox(platform: NodeJS.Platform, uid: number | undefined): boolean {
  return platform === 'linux' && uid === 0;
}

/** Flags that open the app as its own window with its own, quiet profile. */
export function browserArgs(url: string, profileDir: string, noSandbox: boolean): string[] {
  return [
    `--app=${url}`,
    `--user-data-dir=${profileDir}`,
    '--no-first-run',
    '--no-default-browser-check',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    ...(noSandbox ? ['--no-sandbox'] : []),
  ];
}
