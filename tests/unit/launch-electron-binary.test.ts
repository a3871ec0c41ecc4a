import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeLookupFailure, lookupElectron, parseLookupOutput } from '../../electron/launch/electron-binary';
import { tempDir } from './launch-helpers';

// What `require('electron')` printed on this offline machine (shortened).
const OFFLINE_STDERR = `TypeError: fetch failed
    at node:internal/deps/undici/undici:14976:13
    at async FetchDownloader.download (file:///p/node_modules/@electron/get/dist/FetchDownloader.js:46:30)
/p/node_modules/electron/index.js:43
      throw new Error(
      ^

Error: Electron failed to install correctly. Please delete \`node_modules/electron\` and run "npx install-electron --no" manually.
    at getElectronPath (/p/node_modules/electron/index.js:43:13)`;

/** A project whose node_modules/electron/index.js runs the given body. */
function projectWithElectron(body: string): string {
  const root = tempDir('launch-electron');
  mkdirSync(path.join(root, 'node_modules', 'electron'), { recursive: true });
  writeFileSync(path.join(root, 'node_modules', 'electron', 'index.js'), body);
  return root;
}

describe('launcher describeLookupFailure', () => {
  it('names the network as the cause of a failed download', () => {
    expect(describeLookupFailure(OFFLINE_STDERR, 1)).toBe('下载 Electron 失败，无法联网（TypeError: fetch failed）');
  });

  it('uses the first error line otherwise', () => {
    const stderr = "node:internal/modules/cjs/loader:1228\n  throw err;\n  ^\n\nError: Cannot find module 'electron'\nRequire stack:";
    expect(describeLookupFailure(stderr, 1)).toBe("Error: Cannot find module 'electron'");
  });

  it('falls back to the exit code when stderr is empty', () => {
    expect(describeLookupFailure('', 3)).toBe('获取 Electron 的进程退出，代码 3');
  });
});

describe('launcher parseLookupOutput', () => {
  it('finds the marked path among download messages', () => {
    expect(parseLookupOutput('Downloading Electron binary...\n\n@@electron-path@@/x/dist/electron\n')).toBe('/x/dist/electron');
    expect(parseLookupOutput('Downloading Electron binary...\n')).toBeUndefined();
  });
});

describe('launcher lookupElectron (child process)', () => {
  it('returns the path the electron module exports, hiding quick progress', async () => {
    const root = projectWithElectron("console.log('Downloading Electron binary...'); module.exports = '/fake/electron';");
    const progress: string[] = [];
    expect(await lookupElectron(root, (t) => progress.push(t))).toEqual({ ok: true, path: '/fake/electron' });
    expect(progress).toEqual([]);
  });

  it('reports a throwing electron module without dying', async () => {
    const root = projectWithElectron("console.error('TypeError: fetch failed'); throw new Error('Electron failed to install correctly.');");
    expect(await lookupElectron(root, () => {})).toEqual({ ok: false, reason: '下载 Electron 失败，无法联网（TypeError: fetch failed）' });
  });

  it('streams progress of a long download', async () => {
    const root = projectWithElectron(
      "console.log('Downloading Electron binary...'); const end = Date.now() + 2500; while (Date.now() < end); module.exports = '/e';",
    );
    const progress: string[] = [];
    expect(await lookupElectron(root, (t) => progress.push(t))).toEqual({ ok: true, path: '/e' });
    expect(progress).toEqual(['Downloading Electron binary...']);
  }, 15_000);

  it('gives up after the timeout', async () => {
    const root = projectWithElectron('setInterval(() => {}, 1000);');
    expect(await lookupElectron(root, () => {}, 500)).toEqual({ ok: false, reason: '获取 Electron 超时（1 秒）' });
  });
});
