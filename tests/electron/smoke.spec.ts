// Playwright, Electron project. Smoke test of the real desktop app: the packaged main,
// preload and page together, which the unit tests (Electron faked) cannot show.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { _electron, expect, test } from '@playwright/test';
import { APP_NAME, DATA_DIR_ENV } from '../../shared/app/identity';

const root = resolve(__dirname, '../..');
const electronPackage = join(root, 'node_modules', 'electron');

/**
 * The installed Electron executable, or why there is none. Read from path.txt and dist/
 * directly: require('electron') would try to download the binary.
 */
function installedElectron(): { ok: true; path: string } | { ok: false; reason: string } {
  const pathFile = join(electronPackage, 'path.txt');
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : '';
  const executable = join(electronPackage, 'dist', relative);
  if (relative !== '' && existsSync(executable)) return { ok: true, path: executable };
  return {
    ok: false,
    reason:
      'Electron 程序不可用（node_modules/electron/dist 中没有可执行文件，本机无法下载）：' +
      '跳过 Electron 冒烟测试；浏览器端到端测试覆盖同一路径',
  };
}

test('the desktop app opens on the operation list and loads the demo operation', async () => {
  const electron = installedElectron();
  if (!electron.ok) {
    console.log(electron.reason);
    test.skip(true, electron.reason);
    return;
  }
  expect(existsSync(join(root, 'out', 'main', 'index.js')), '先运行 npm run build').toBe(true);

  // A fresh data folder: the test must neither see nor touch the user's operations.
  const dataDir = mkdtempSync(join(tmpdir(), 'enforcement-console-smoke-'));
  // ELECTRON_RUN_AS_NODE, inherited from a parent Electron tool, would run the app as a plain Node script.
  const { ELECTRON_RUN_AS_NODE: _runAsNode, ...inherited } = process.env;
  const env = { ...inherited, [DATA_DIR_ENV]: dataDir };
  // Chromium's sandbox refuses to start as root (containers, CI); a normal user keeps it.
  const sandboxArgs = process.getuid?.() === 0 ? ['--no-sandbox'] : [];
  // The project folder, not out/main/index.js: Electron then reads package.json, so the
  // app runs with its own name and version as it does when installed.
  const app = await _electron.launch({ executablePath: electron.path, args: [...sandboxArgs, root], env });
  try {
    const window = await app.firstWindow();
    await expect(window).toHaveTitle(APP_NAME);
    await expect(window.getByRole('heading', { name: '强制执行行动' })).toBeVisible();

    await window.getByRole('button', { name: '载入示例行动' }).click();
    await expect(window.getByText(/示例/).first()).toBeVisible();
    await window.getByRole('button', { name: '行动列表' }).click();
    await expect(window.getByRole('row').filter({ hasText: '示例' }).first()).toBeVisible();
  } finally {
    await app.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
});
