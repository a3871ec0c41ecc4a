// Node. `npm run bench:log` (issue 5): the on-site log in the system Chromium, on real
// IndexedDB with the app's own Dexie code. With 100 000 entries already stored: append
// latency of appendLog (median, p99) against a plain Dexie add of the same entry without
// hashing (baseline, same run, alternating), and the time to verify the whole chain.
// Builds tests/bench/log-bench-page.ts with Vite into out/bench/, serves it on a free
// local port and drives it with playwright-core.
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, normalize, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { build } from 'vite';
import type { LogBenchOptions, LogBenchResult } from './log-bench-page';

const ROOT = resolve(__dirname, '../..');
const OUT = join(ROOT, 'out/bench');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const OPTIONS: LogBenchOptions = { stored: 100_000, appends: 1000, warmUp: 50, verifications: 3 };
const APPEND_TARGET_MS = 10;
const VERIFY_TARGET_MS = 2000;

async function bundle(): Promise<void> {
  await build({
    configFile: false,
    logLevel: 'warn',
    root: ROOT,
    define: { 'process.env.NODE_ENV': JSON.stringify('production') },
    build: {
      outDir: OUT,
      emptyOutDir: true,
      minify: true,
      lib: { entry: join(ROOT, 'tests/bench/log-bench-page.ts'), formats: ['es'], fileName: () => 'log-bench-page.js' },
    },
  });
}

/** The page and the built files (its script, the verify worker), nothing else, on 127.0.0.1 and a port the system picks. */
async function serve(): Promise<{ url: string; close: () => void }> {
  const html = '<!doctype html><meta charset="utf-8"><title>log-bench</title><script type="module" src="/log-bench-page.js"></script>';
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (path === '/') return void res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html);
    const file = join(OUT, normalize(path));
    if (!file.startsWith(`${OUT}/`) || !file.endsWith('.js')) return void res.writeHead(404).end();
    readFile(file).then(
      (script) => res.writeHead(200, { 'content-type': 'text/javascript' }).end(script),
      () => res.writeHead(404).end(),
    );
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, close: () => server.close() };
}

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
}

const stats = (times: number[]) => {
  const sorted = [...times].sort((a, b) => a - b);
  return { median: quantile(sorted, 0.5), p99: quantile(sorted, 0.99), max: sorted[sorted.length - 1]! };
};

// East Asian characters take two columns in a terminal.
const width = (s: string) => [...s].reduce((n, c) => n + (/[\u1100-\uffff]/.test(c) ? 2 : 1), 0);
const pad = (s: string, n: number) => s + ' '.repeat(Math.max(0, n - width(s)));
const ms = (n: number) => (n < 10 ? n.toFixed(2) : n.toFixed(0));

function report(result: LogBenchResult): boolean {
  const append = stats(result.append);
  const baseline = stats(result.baseline);
  const verify = stats(result.verify);
  const read = stats(result.read);
  const singleThread = stats(result.singleThread);
  const webCrypto = stats(result.webCrypto);
  const appendPass = append.p99 < APPEND_TARGET_MS;
  const verifyPass = verify.max < VERIFY_TARGET_MS && result.verifiedOk && result.verifiedCount >= OPTIONS.stored;
  const rows = [
    ['用例', '中位数 ms', 'p99 ms', '最大 ms', '相对基线（中位数 / p99）', '目标', '结果'],
    [
      'appendLog（哈希链追加）',
      ms(append.median),
      ms(append.p99),
      ms(append.max),
      `${(append.median / baseline.median).toFixed(1)}× / ${(append.p99 / baseline.p99).toFixed(1)}×`,
      `p99 < ${APPEND_TARGET_MS} ms`,
      appendPass ? 'PASS' : 'FAIL',
    ],
    ['Dexie add，不计算哈希（基线）', ms(baseline.median), ms(baseline.p99), ms(baseline.max), '1.0×', '—', '—'],
    [
      `verifyLog 全链校验（${result.verifiedCount} 条）`,
      ms(verify.median),
      '—',
      ms(verify.max),
      `读取占 ${((read.median / verify.median) * 100).toFixed(0)}%`,
      `< ${VERIFY_TARGET_MS / 1000} s`,
      verifyPass ? 'PASS' : 'FAIL',
    ],
    [`参考：在页面线程读取并校验（不用校验线程）`, ms(singleThread.median), '—', ms(singleThread.max), '—', '—', '—'],
    [`参考：仅读取 ${result.verifiedCount} 条`, ms(read.median), '—', ms(read.max), '—', '—', '—'],
    [`参考：WebCrypto 计算同样 ${result.verifiedCount} 条的哈希`, ms(webCrypto.median), '—', ms(webCrypto.max), '—', '—', '—'],
  ];
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((row) => width(row[i]!))));
  console.log(
    `执行日志基准：已存 ${OPTIONS.stored} 条后追加 ${OPTIONS.appends} 次（另预热 ${OPTIONS.warmUp} 次，与基线交替），` +
      `全链校验 ${OPTIONS.verifications} 次（${result.workers} 个校验线程）；预置数据 bulkAdd 用时 ${(result.seedMs / 1000).toFixed(1)} s`,
  );
  console.log(`浏览器：${result.userAgent}（真实 IndexedDB，应用同一套 Dexie 代码）`);
  for (const row of rows) console.log(row.map((cell, i) => pad(cell, widths[i]!)).join('  '));
  if (!result.verifiedOk) console.log('校验结果：链条不一致（不应发生）');
  // Changed entry, then an extra entry under a fractional seq: both must be reported.
  const tamperPass = result.tampered.length === 2 && result.tampered.every((m) => m !== '校验通过');
  console.log(`篡改检测（经校验线程）：${result.tampered.join('；')} — ${tamperPass ? 'PASS' : 'FAIL'}`);
  return appendPass && verifyPass && tamperPass;
}

async function main() {
  const started = Date.now();
  await bundle();
  const server = await serve();
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  try {
    const page = await browser.newPage();
    page.on('pageerror', (error) => console.error(`页面错误：${error.message}`));
    await page.goto(server.url);
    await page.waitForFunction(() => 'runLogBench' in window, undefined, { timeout: 30_000 });
    const result = await page.evaluate(
      (options) => (window as unknown as { runLogBench: (o: LogBenchOptions) => Promise<LogBenchResult> }).runLogBench(options),
      OPTIONS,
    );
    if (!report(result)) process.exitCode = 1;
    console.log(`总用时 ${((Date.now() - started) / 1000).toFixed(0)} s`);
  } finally {
    await browser.close();
    server.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
