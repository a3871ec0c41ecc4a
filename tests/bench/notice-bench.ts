// Node. `npm run bench`: how long 《强制执行告知书》 takes to render for the 示例行动, cold (a
// fresh process: loading the renderer, reading and parsing both 15 MB fonts, the first
// layout) and warm (repeated renders in one process), each against a one-line document
// with the same fonts measured the same way in the same run.
//
// Run it as package.json's "bench" does: `tsx --tsconfig shared/tsconfig.json
// --conditions=import tests/bench/notice-bench.ts`. react-pdf is ESM-only and tsx loads
// this package's .ts files as CommonJS: the `import` condition lets require() find
// react-pdf's files, and shared/tsconfig.json gives the .tsx files the automatic JSX
// runtime (the root tsconfig lists no files, so tsx would apply none of its options).
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const COLD_SAMPLES = 7;
const WARM_RUNS = 30;
const WARM_UP = 3;
const COLD_TARGET_MS = 1500;
const WARM_TARGET_MS = 300;
const COLD_BASELINE = '一行文书，冷启动（基线）';
const WARM_BASELINE = '一行文书，热渲染（基线）';

type Kind = 'notice' | 'oneLine';

/** The renderer for one kind of document, loaded on demand so a cold sample times the loading too. */
async function loadRenderer(kind: Kind): Promise<() => Promise<Uint8Array>> {
  const [{ nodeFonts }, React, components, render, notice, demo, newOperation] = await Promise.all([
    import('../fixtures/documents/pdf'),
    import('react'),
    import('../../shared/documents/components'),
    import('../../shared/documents/render'),
    import('../../shared/documents/notice'),
    import('../../shared/operation/demo'),
    import('../../shared/operation/newOperation'),
  ]);
  if (kind === 'oneLine') {
    const { OfficialDocument, OfficialPage, Paragraph } = components;
    const h = React.createElement;
    // An element of OfficialDocument (it reads the print context), typed as the <Document> it renders.
    const element = h(OfficialDocument, {
      title: '基线',
      createdAt: new Date('2026-11-24T00:00:00+08:00'),
      children: h(OfficialPage, { children: h(Paragraph, { children: '特此告知。' }) }),
    }) as unknown as ReturnType<typeof OfficialDocument>;
    return () => render.renderToPdfBytes(element, nodeFonts);
  }
  const result = newOperation.validateNewOperation(demo.demoOperationInput, '2026-11-01');
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  const { operation, subjects } = newOperation.buildOperation(
    result.values,
    { operationId: 'demo', subjectIds: ['s1', 's2'] },
    '2026-11-01T09:00:00.000+08:00',
    true,
  );
  const data = notice.noticeFromOperation(operation, subjects, {
    start: '2026-12-08T09:00:00.000+08:00',
    end: '2026-12-08T12:00:00.000+08:00',
    selfPerformanceDays: 10,
    documentNumber: '临江强执告〔2026〕3号',
    issuedOn: '2026-11-24',
  });
  return () => notice.renderNotice(data, nodeFonts, { seq: 0, hash: '0'.repeat(64) });
}

/** In a child process: load everything, render once, print the milliseconds it took. */
async function coldSample(kind: Kind): Promise<void> {
  const start = performance.now();
  const run = await loadRenderer(kind);
  const bytes = await run();
  const ms = performance.now() - start;
  if (bytes.length < 1000) throw new Error('PDF 过小');
  process.stdout.write(JSON.stringify({ ms }));
}

const self = fileURLToPath(import.meta.url);

/** Each cold sample in a fresh Node process started the way this one was (tsx's loader flags included). */
function cold(kind: Kind): { times: number[]; process: number[] } {
  const times: number[] = [];
  const processTimes: number[] = [];
  for (let i = 0; i < COLD_SAMPLES; i++) {
    const start = performance.now();
    const child = spawnSync(process.execPath, [...process.execArgv, self, '--cold', kind], { encoding: 'utf8' });
    processTimes.push(performance.now() - start);
    if (child.status !== 0) throw new Error(`冷启动样本失败：${child.stderr}`);
    times.push((JSON.parse(child.stdout.trim().split('\n').at(-1)!) as { ms: number }).ms);
  }
  return { times, process: processTimes };
}

async function warm(kind: Kind): Promise<number[]> {
  const run = await loadRenderer(kind);
  const times: number[] = [];
  for (let i = 0; i < WARM_UP + WARM_RUNS; i++) {
    const start = performance.now();
    await run();
    if (i >= WARM_UP) times.push(performance.now() - start);
  }
  return times;
}

const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
const stats = (times: number[]) => {
  const sorted = [...times].sort((a, b) => a - b);
  return { median: quantile(sorted, 0.5), p95: quantile(sorted, 0.95) };
};

// East Asian characters take two columns in a terminal.
const width = (s: string) => [...s].reduce((n, c) => n + (/[\u1100-\uffff]/.test(c) ? 2 : 1), 0);
const pad = (s: string, n: number) => s + ' '.repeat(Math.max(0, n - width(s)));

async function main() {
  const coldBaseRuns = cold('oneLine');
  const coldNoticeRuns = cold('notice');
  const coldBase = stats(coldBaseRuns.times);
  const coldNotice = stats(coldNoticeRuns.times);
  const warmBase = stats(await warm('oneLine'));
  const warmNotice = stats(await warm('notice'));
  const results = [
    { name: COLD_BASELINE, ...coldBase, baseline: coldBase, target: undefined },
    { name: '告知书，冷启动（新进程，含加载字体）', ...coldNotice, baseline: coldBase, target: COLD_TARGET_MS },
    { name: WARM_BASELINE, ...warmBase, baseline: warmBase, target: undefined },
    { name: '告知书，热渲染（同一进程重复）', ...warmNotice, baseline: warmBase, target: WARM_TARGET_MS },
  ];
  const table = [
    ['用例', '中位数 ms', 'p95 ms', '相对基线（中位数）', '目标（p95）', '结果'],
    ...results.map((r) => [
      r.name,
      r.median.toFixed(1),
      r.p95.toFixed(1),
      `${(r.median / r.baseline.median).toFixed(2)}×`,
      r.target ? `< ${r.target / 1000} s` : '—',
      r.target ? (r.p95 < r.target ? 'PASS' : 'FAIL') : '—',
    ]),
  ];
  const widths = table[0]!.map((_, i) => Math.max(...table.map((row) => width(row[i]!))));
  console.log(
    `告知书生成基准：示例行动，冷启动每例 ${COLD_SAMPLES} 个新进程（计时自加载渲染模块起，至首份 PDF 生成止），热渲染每例 ${WARM_RUNS} 次（另预热 ${WARM_UP} 次），Node ${process.version}`,
  );
  for (const row of table) console.log(row.map((cell, i) => pad(cell, widths[i]!)).join('  '));
  const wall = (runs: { process: number[] }) => stats(runs.process).median.toFixed(0);
  console.log(
    `（参考：冷启动样本的整个子进程耗时中位数，含 Node 与 tsx 启动和 TypeScript 转译：基线 ${wall(coldBaseRuns)} ms，告知书 ${wall(coldNoticeRuns)} ms）`,
  );
  if (results.some((r) => r.target && r.p95 >= r.target)) process.exitCode = 1;
}

const coldIndex = process.argv.indexOf('--cold');
if (coldIndex >= 0) void coldSample(process.argv[coldIndex + 1] as Kind);
else void main();
