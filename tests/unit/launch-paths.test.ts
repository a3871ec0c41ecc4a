import { describe, expect, it } from 'vitest';
import path from 'node:path';
import {
  browserArgs,
  browserCandidates,
  browserProfileDir,
  findBrowser,
  needsNoSandbox,
  userDataDir,
} from '../../electron/launch/paths';

describe('launcher userDataDir', () => {
  it('Linux: ~/.config, or XDG_CONFIG_HOME when set', () => {
    expect(userDataDir('linux', {}, '/home/a')).toBe('/home/a/.config/enforcement-console');
    expect(userDataDir('linux', { XDG_CONFIG_HOME: '/xdg' }, '/home/a')).toBe('/xdg/enforcement-console');
  });

  it('Windows: %APPDATA%', () => {
    expect(userDataDir('win32', { APPDATA: 'C:\\Users\\a\\AppData\\Roaming' }, 'C:\\Users\\a')).toBe(
      'C:\\Users\\a\\AppData\\Roaming\\enforcement-console',
    );
    expect(userDataDir('win32', {}, 'C:\\Users\\a')).toBe('C:\\Users\\a\\AppData\\Roaming\\enforcement-console');
  });

  it('macOS: ~/Library/Application Support', () => {
    expect(userDataDir('darwin', {}, '/Users/a')).toBe('/Users/a/Library/Application Support/enforcement-console');
  });

  it('ENFORCEMENT_CONSOLE_DATA_DIR overrides every platform', () => {
    for (const platform of ['linux', 'win32', 'darwin'] as const) {
      expect(userDataDir(platform, { ENFORCEMENT_CONSOLE_DATA_DIR: '/tmp/x', APPDATA: 'C:\\r' }, '/h')).toBe(path.resolve('/tmp/x'));
    }
  });

  it('browser profile sits inside the data directory', () => {
    expect(browserProfileDir('/d')).toBe(path.join('/d', 'browser-profile'));
  });
});

describe('launcher browserCandidates / findBrowser', () => {
  it('Linux: each name across PATH, chromium first', () => {
    const list = browserCandidates('linux', { PATH: '/usr/local/bin:/usr/bin' }, '/h');
    expect(list.slice(0, 4)).toEqual([
      '/usr/local/bin/chromium',
      '/usr/bin/chromium',
      '/usr/local/bin/chromium-browser',
      '/usr/bin/chromium-browser',
    ]);
    expect(list).toContain('/usr/bin/google-chrome-stable');
    expect(list.at(-1)).toBe('/usr/bin/microsoft-edge-stable');
  });

  it('CHROME_PATH then BROWSER_PATH come before everything else', () => {
    const env = { CHROME_PATH: '/opt/c/chrome', BROWSER_PATH: '/opt/b/browser', PATH: '/usr/bin' };
    expect(browserCandidates('linux', env, '/h').slice(0, 2)).toEqual(['/opt/c/chrome', '/opt/b/browser']);
    const everything = (_: string) => true;
    expect(findBrowser(browserCandidates('linux', env, '/h'), everything)).toBe('/opt/c/chrome');
    expect(findBrowser(browserCandidates('win32', env, 'C:\\h'), everything)).toBe('/opt/c/chrome');
    expect(findBrowser(browserCandidates('darwin', env, '/h'), everything)).toBe('/opt/c/chrome');
  });

  it('a CHROME_PATH that does not exist falls through to the PATH search', () => {
    const candidates = browserCandidates('linux', { CHROME_PATH: '/nowhere/chrome', PATH: '/usr/bin' }, '/h');
    expect(findBrowser(candidates, (p) => p === '/usr/bin/google-chrome')).toBe('/usr/bin/google-chrome');
  });

  it('finds nothing when nothing exists', () => {
    expect(findBrowser(browserCandidates('linux', { PATH: '/usr/bin' }, '/h'), () => false)).toBeUndefined();
  });

  it('Windows: Edge, then Chrome, under Program Files, Program Files (x86) and LOCALAPPDATA', () => {
    const env = {
      ProgramFiles: 'C:\\Program Files',
      'ProgramFiles(x86)': 'C:\\Program Files (x86)',
      LOCALAPPDATA: 'C:\\Users\\a\\AppData\\Local',
    };
    expect(browserCandidates('win32', env, 'C:\\Users\\a')).toEqual([
      'C:\\Program Files\\Microsoft\\Edge\\Application\\msedge.exe',
      'C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe',
      'C:\\Users\\a\\AppData\\Local\\Microsoft\\Edge\\Application\\msedge.exe',
      'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe',
      'C:\\Program Files (x86)\\Google\\Chrome\\Application\\chrome.exe',
      'C:\\Users\\a\\AppData\\Local\\Google\\Chrome\\Application\\chrome.exe',
    ]);
  });

  it('macOS: application bundles in /Applications, then ~/Applications', () => {
    const list = browserCandidates('darwin', {}, '/Users/a');
    expect(list[0]).toBe('/Applications/Google Chrome.app/Contents/MacOS/Google Chrome');
    expect(list[1]).toBe('/Users/a/Applications/Google Chrome.app/Contents/MacOS/Google Chrome');
    expect(list).toContain('/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge');
    expect(list).toContain('/Applications/Chromium.app/Contents/MacOS/Chromium');
  });
});

describe('launcher browserArgs / needsNoSandbox', () => {
  it('opens an app window with its own quiet profile', () => {
    expect(browserArgs('http://127.0.0.1:47615/', '/d/browser-profile', false)).toEqual([
      '--app=http://127.0.0.1:47615/',
      '--user-data-dir=/d/browser-profile',
      '--no-first-run',
      '--no-default-browser-check',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ]);
  });

  it('turns the sandbox off only for root on Linux', () => {
    expect(needsNoSandbox('linux', 0)).toBe(true);
    expect(needsNoSandbox('linux', 1000)).toBe(false);
    expect(needsNoSandbox('darwin', 0)).toBe(false);
    expect(needsNoSandbox('win32', undefined)).toBe(false);
    expect(browserArgs('u', 'p', true).at(-1)).toBe('--no-sandbox');
  });
});
