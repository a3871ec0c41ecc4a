import { defineConfig } from '@playwright/test';
import { DATA_DIR_ENV } from './shared/app/identity';

// End-to-end tests drive the built app (npm run build) in the system Chromium, served by
// the same launcher users run (npm run web), on a test port so no user data is touched.
// E2E_PORT lets two checkouts run their suites side by side.
export const E2E_PORT = Number(process.env.E2E_PORT ?? 47699);
export const chromiumFlags = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** Specs that pair stations through the launcher's hub, open it to the LAN or run a second launcher. */
const HUB_SPECS = /(stations|stationsApp|phonePage)\.spec\.ts$/;

const browserUse = {
  baseURL: `http://127.0.0.1:${E2E_PORT}/`,
  locale: 'zh-CN',
  timezoneId: 'Asia/Shanghai',
  viewport: { width: 1366, height: 800 },
  launchOptions: { executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: chromiumFlags },
};

export default defineConfig({
  testDir: 'tests',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  // Two spec files at once (one per core); the tests of a file run in order. The specs that
  // drive the launcher's one hub run one at a time (the browser-hub project).
  fullyParallel: false,
  workers: 2,
  // One retry: with two workers on two cores a click sometimes meets a dialog still opening.
  // A test that passes only on its retry is listed as flaky in the output, not hidden.
  retries: 1,
  reporter: [['list']],
  outputDir: 'out/test-results',
  webServer: {
    command: `npx tsx electron/launch/start.ts --browser --no-open --port ${E2E_PORT}`,
    url: `http://127.0.0.1:${E2E_PORT}/index.html`,
    reuseExistingServer: false,
    timeout: 60_000,
    env: { [DATA_DIR_ENV]: 'out/e2e-data' },
  },
  projects: [
    { name: 'browser', testDir: 'tests/e2e', testIgnore: HUB_SPECS, use: browserUse },
    { name: 'browser-hub', testDir: 'tests/e2e', testMatch: HUB_SPECS, workers: 1, use: browserUse },
    { name: 'electron', testDir: 'tests/electron' },
  ],
});
