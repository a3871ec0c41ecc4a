// Node tool. `npm run bench:report` (issue 6): the 《强制执行情况报告》 of an operation whose log
// has 10 000 entries (tests/fixtures/largeOperation.ts), generated the app's way —
// courtReportData then renderCourtReport with react-pdf — against the system Chromium
// printing equivalent HTML (the same CourtReportData as tables and paragraphs, the same
// Noto Serif SC font files from node_modules, the same QR code and phase chart as SVG):
//   cold — a fresh Node process for the app (loading react-pdf and both fonts included)
//          against a whole `chromium --headless --print-to-pdf` process (launch and print);
//   warm — repeated renders in one Node process against page.pdf() in an already-running
//          Chromium (playwright-core), a page opened and the HTML loaded for each print.
// Several alternating runs after a warm-up; medians. No target is stated: it only reports.
// Run it as package.json's "bench:report" does (react-pdf is ESM-only and the documents
// are .tsx: see notice-bench.ts for the tsx flags).
import { execFileSync, spawnSync } from 'node:child_process';
import { rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import qrcode from 'qrcode-generator';
import type { OperationBackup } from '../../shared/archive/backup';
import type { CourtReportData } from '../../shared/documents/courtReport';
import { bodyLetterSpacing, charPitch, linePitch, page, typeSize } from '../../shared/documents/metrics';
import type { ChainHead, LogEntry } from '../../shared/log/types';
import { outputDir } from '../fixtures/documents/pdf';
import { LARGE_OPERATION_PRINTED_AT, largeOperationBackup } from '../fixtures/largeOperation';

const ENTRIES = 10_000;
const RUNS = 7;
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
const FONT_DIR = join(__dirname, '../../node_modules/@expo-google-fonts/noto-serif-sc');
const FONT_FILES = { 400: join(FONT_DIR, '400Regular/NotoSerifSC_400Regular.ttf'), 700: join(FONT_DIR, '700Bold/NotoSerifSC_700Bold.ttf') };

const headOf = (backup: OperationBackup): ChainHead => {
  const last = (backup.logEntries as unknown as LogEntry[]).reduce((a, e) => (e.seq > a.seq ? e : a));
  return { seq: last.seq, hash: last.hash };
};

/** The app's path, modules loaded on demand so that a cold sample times their loading too. */
async function appRenderer(): Promise<(backup: OperationBackup, head: ChainHead) => Promise<{ bytes: Uint8Array; dataMs: number }>> {
  const [{ courtReportData, renderCourtReport }, { nodeFonts }] = await Promise.all([
    import('../../shared/documents/courtReport'),
    import('../fixtures/documents/pdf'),
  ]);
  return async (backup, head) => {
    const start = performance.now();
    const data = courtReportData(backup, head, LARGE_OPERATION_PRINTED_AT);
    const dataMs = performance.now() - start;
    return { bytes: await renderCourtReport(data, nodeFonts), dataMs };
  };
}

/** In a child process: the backup is built first (in the app it is read from the database), then the app's path is timed. */
async function coldSample(out: string): Promise<void> {
  const backup = largeOperationBackup({ entries: ENTRIES });
  const head = headOf(backup);
  const start = performance.now();
  const render = await appRenderer();
  const { bytes } = await render(backup, head);
  const ms = performance.now() - start;
  writeFileSync(out, bytes);
  process.stdout.write(JSON.stringify({ ms, maxRss: process.resourceUsage().maxRSS * 1024 }));
}

const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
/** A CSS string, for the page's margin boxes (running head, footer), which repeat on every page. */
const css = (s: string) => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\A ')}'`;
/** 2026年12月8日 19时00分, as the footer of the app's documents prints the time. */
const chinaDateTime = (iso: string) => {
  const [, y, m, d, h, min] = /^(\d+)-(\d+)-(\d+)T(\d+):(\d+)/.exec(iso)!;
  return `${y}年${Number(m)}月${Number(d)}日 ${Number(h)}时${min}分`;
};
const NUMERALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

function qrSvg(text: string, size: number): string {
  const qr = qrcode(0, 'M');
  qr.addData(text, 'Byte');
  qr.make();
  const n = qr.getModuleCount();
  const rects: string[] = [];
  for (let r = 0; r < n; r++)
    for (let c = 0; c < n; c++) {
      if (!qr.isDark(r, c)) continue;
      let end = c;
      while (end + 1 < n && qr.isDark(r, end + 1)) end++;
      rects.push(`<rect x="${c + 4}" y="${r + 4}" width="${end - c + 1}" height="1"/>`);
      c = end;
    }
  return `<svg width="${size}pt" height="${size}pt" viewBox="0 0 ${n + 8} ${n + 8}">${rects.join('')}</svg>`;
}

function chartSvg(chart: CourtReportData['chart']): string {
  if (chart.length < 2) return '';
  const [width, row, axisFrom] = [440, 14, 150];
  const height = chart.length * row + 6;
  const span = Math.max(chart.at(-1)!.minutes, 1);
  const x = (m: number) => axisFrom + (m / span) * (width - axisFrom - 10);
  const marks = chart.map(
    (p, i) =>
      `<text x="0" y="${i * row + 10}" font-size="8">${escape(`${p.at} ${p.label}`)}</text>` +
      `<line x1="${axisFrom}" y1="${i * row + 7}" x2="${x(p.minutes)}" y2="${i * row + 7}" stroke="#999" stroke-width="0.5"/>` +
      `<rect x="${x(p.minutes) - 3}" y="${i * row + 4}" width="6" height="6"/>`,
  );
  return `<svg width="${width}pt" height="${height}pt" viewBox="0 0 ${width} ${height}" style="margin-top:8pt"><line x1="${axisFrom}" y1="${height - 2}" x2="${width - 10}" y2="${height - 2}" stroke="black" stroke-width="0.75"/>${marks.join('')}</svg>`;
}

const table = (titles: string[], weights: number[], rows: string[][]) =>
  `<table><colgroup>${weights.map((w) => `<col style="width:${(100 * w) / weights.reduce((a, b) => a + b)}%">`).join('')}</colgroup>` +
  `<thead><tr>${titles.map((t) => `<th>${escape(t)}</th>`).join('')}</tr></thead>` +
  `<tbody>${rows.map((r) => `<tr>${r.map((c) => `<td>${escape(c)}</td>`).join('')}</tr>`).join('\n')}</tbody></table>`;
const paragraphs = (items: string[], empty: string) => (items.length > 0 ? items : [empty]).map((l) => `<p>${escape(l)}</p>`).join('\n');

/** The report as one HTML page with the same content, in the same order, as CourtReportDocument lays out. */
function reportHtml(d: CourtReportData): string {
  const sections: [string, string][] = [
    ['参加单位和工作小组', table(['成员单位', '职责'], [5, 7], d.units) + table(['工作小组', '组长'], [4, 8], d.groups)],
    ['公证和监督', paragraphs(d.attendance, '执行记录中没有公证员、见证人到场的记录。')],
    ['执行过程', table(['时间', '经过'], [1.6, 10], d.process) + chartSvg(d.chart)],
    ['人员带离', paragraphs(d.escorted, '执行日志中没有带离现场的记录。')],
    ['物品清点和去向', d.inventory.length > 0 ? table(['去向', '物品'], [7, 5], d.inventory) : '<p>没有登记清点物品。</p>'],
    ['拆除和移交', paragraphs(d.demolition, '执行日志中没有拆除记录。')],
    ['突发情况及处置', paragraphs(d.incidents, '执行过程中未发生突发情况。')],
    ['附件', d.attachments.length > 0 ? table(['附件', 'SHA-256'], [5, 7], d.attachments) : '<p>无。</p>'],
    [
      '执行日志',
      `<div class="keep"><p>执行日志共${d.entryCount}条，末条为第${d.head.seq}条，其哈希值（SHA-256）为：</p><div class="hash">${d.head.hash}</div>${qrSvg(d.qrText, 100)}</div>`,
    ],
  ];
  const title = '强制执行情况报告';
  const pt = (n: number) => `${n.toFixed(2)}pt`;
  const fonts = Object.entries(FONT_FILES)
    .map(([weight, file]) => `@font-face{font-family:Doc;font-weight:${weight};src:url("${pathToFileURL(file).href}")}`)
    .join('');
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>${title}</title><style>${fonts}
@page{size:A4;margin:${pt(page.marginTop)} ${pt(page.marginRight)} ${pt(page.marginBottom)} ${pt(page.marginLeft)};
@top-left{content:${css(`${title}　被执行人：${d.subjects}`)};font:${typeSize.xiaoSi}pt Doc;vertical-align:bottom;padding-bottom:6mm}
${d.isDemo ? `@top-right{content:'示例';font:700 ${typeSize.xiaoSi}pt Doc;border:1pt solid;padding:2pt 6pt;vertical-align:middle;margin-top:13mm;margin-bottom:13mm}` : ''}
@bottom-right{content:'— ' counter(page) ' —';font:${typeSize.si}pt Doc;vertical-align:top;padding-top:5mm;white-space:nowrap}
@bottom-center{content:${css(`依据执行日志和执行记录生成于${chinaDateTime(d.printedAt)}\n执行日志链头：第 ${d.head.seq} 条  SHA-256 ${d.head.hash}`)};font:${typeSize.xiaoWu}pt/1.4 Doc;color:#333;white-space:pre;vertical-align:bottom;padding-bottom:8mm}}
body{margin:0;font-family:Doc;font-size:${typeSize.san}pt;line-height:${linePitch}pt;letter-spacing:${pt(bodyLetterSpacing)};text-align:justify;overflow-wrap:anywhere}
p{margin:0;text-indent:${pt(2 * charPitch)}} p.plain{text-indent:0}
h1{font-size:${typeSize.er}pt;line-height:1.5;letter-spacing:0;text-align:center;margin:0}
h2{font-size:${typeSize.san}pt;font-weight:700;margin:0;text-indent:${pt(2 * charPitch)};break-after:avoid}
table{width:100%;border-collapse:collapse;margin:${pt(linePitch / 4)} 0;font-size:${typeSize.xiaoSi}pt;line-height:1.45;letter-spacing:0;text-align:left}
th,td{border:0.75pt solid black;padding:2pt 3pt;vertical-align:top} th{text-align:center} tr{break-inside:avoid}
.kv{display:flex} .kv span:first-child{width:${pt(7 * charPitch)};flex:none} .kv span:last-child{text-align:left}
.keep{break-inside:avoid} .hash{letter-spacing:0;text-align:left}
.sign{break-inside:avoid} .seal{display:flex;justify-content:flex-end;padding-right:${pt(4 * charPitch)};margin-top:${pt(2 * linePitch)};text-align:center}
</style></head><body>
<h1>${title}</h1>
<p class="plain">${escape(d.court)}：</p>
<p>${escape(`依据${d.basis}，${d.organiser}对被执行人${d.subjects}的房屋实施了强制执行。现将执行情况报告如下：`)}</p>
<div class="kv"><span>执行时间：</span><span>${escape(d.time)}</span></div>
<div class="kv"><span>执行地点：</span><span>${escape(d.place)}</span></div>
${sections.map(([t, body], i) => `<h2>${NUMERALS[i]}、${escape(t)}</h2>\n${body}`).join('\n')}
<div class="sign"><p>特此报告。</p><div class="seal"><div>临时指挥部（盖章）<br>${escape(d.date)}</div></div></div>
</body></html>`;
}

function pdfPages(path: string): number {
  const info = execFileSync('pdfinfo', [path], { encoding: 'utf8' });
  return Number(/^Pages:\s+(\d+)/m.exec(info)?.[1] ?? NaN);
}

/** Fails the bench loudly unless the PDF prints the log's head hash and entry count. */
function checkPdf(label: string, path: string, head: ChainHead, entryCount: number): void {
  const text = execFileSync('pdftotext', ['-raw', path, '-'], { encoding: 'utf8', maxBuffer: 64 << 20 }).replace(/\s+/g, '');
  const missing = [
    ...(text.includes(head.hash) ? [] : [`末条哈希 ${head.hash}`]),
    ...(text.includes(`执行日志共${entryCount}条`) ? [] : [`“执行日志共${entryCount}条”`]),
  ];
  if (missing.length > 0) throw new Error(`${label} 的 PDF（${path}）中找不到 ${missing.join('、')}`);
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const width = (s: string) => [...s].reduce((n, c) => n + (/[\u1100-\uffff]/.test(c) ? 2 : 1), 0);
const pad = (s: string, n: number) => s + ' '.repeat(Math.max(0, n - width(s)));
const self = fileURLToPath(import.meta.url);

interface Case {
  name: string;
  times: number[];
  pdf: string;
  rss?: number;
}

async function main() {
  const started = performance.now();
  const backup = largeOperationBackup({ entries: ENTRIES });
  const buildMs = performance.now() - started;
  const head = headOf(backup);
  const render = await appRenderer();
  const { courtReportData } = await import('../../shared/documents/courtReport');
  const data = courtReportData(backup, head, LARGE_OPERATION_PRINTED_AT);
  if (data.entryCount !== ENTRIES) throw new Error(`报告数据的日志条数为 ${data.entryCount}，应为 ${ENTRIES}`);
  const html = join(outputDir, 'report-bench.html');
  writeFileSync(html, reportHtml(data));

  const appCold: Case = { name: '应用：新 Node 进程 courtReportData + renderCourtReport', times: [], pdf: join(outputDir, 'report-bench-app-cold.pdf') };
  const cliCold: Case = { name: 'chromium --headless --print-to-pdf（启动+打印，基线）', times: [], pdf: join(outputDir, 'report-bench-chromium-cli.pdf') };
  const childWall: number[] = [];
  const rss: number[] = [];
  // Alternating, the first round a warm-up for the disk cache on both sides.
  for (let i = 0; i <= RUNS; i++) {
    let start = performance.now();
    const child = spawnSync(process.execPath, [...process.execArgv, self, '--cold', appCold.pdf], { encoding: 'utf8' });
    const wall = performance.now() - start;
    if (child.status !== 0) throw new Error(`应用冷启动样本失败：${child.stderr}`);
    const sample = JSON.parse(child.stdout.trim().split('\n').at(-1)!) as { ms: number; maxRss: number };
    rmSync(cliCold.pdf, { force: true });
    start = performance.now();
    const cli = spawnSync(CHROMIUM, ['--headless', `--print-to-pdf=${cliCold.pdf}`, ...CHROMIUM_FLAGS, pathToFileURL(html).href], { encoding: 'utf8' });
    const cliMs = performance.now() - start;
    if (cli.status !== 0 || !statSync(cliCold.pdf, { throwIfNoEntry: false })) throw new Error(`chromium 打印失败：${cli.stderr}`);
    if (i === 0) continue;
    appCold.times.push(sample.ms);
    childWall.push(wall);
    rss.push(sample.maxRss);
    cliCold.times.push(cliMs);
  }
  appCold.rss = Math.max(...rss);

  const appWarm: Case = { name: '应用：同一进程重复 courtReportData + renderCourtReport', times: [], pdf: join(outputDir, 'report-bench-app-warm.pdf') };
  const pageWarm: Case = { name: '已启动的 chromium：新页面载入 HTML + page.pdf()（基线）', times: [], pdf: join(outputDir, 'report-bench-chromium-page.pdf') };
  const dataTimes: number[] = [];
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS });
  try {
    for (let i = 0; i <= RUNS; i++) {
      let start = performance.now();
      const { bytes, dataMs } = await render(backup, head);
      const appMs = performance.now() - start;
      writeFileSync(appWarm.pdf, bytes);
      start = performance.now();
      const tab = await browser.newPage();
      await tab.goto(pathToFileURL(html).href);
      await tab.pdf({ path: pageWarm.pdf, preferCSSPageSize: true });
      await tab.close();
      const pageMs = performance.now() - start;
      if (i === 0) continue;
      appWarm.times.push(appMs);
      dataTimes.push(dataMs);
      pageWarm.times.push(pageMs);
    }
  } finally {
    await browser.close();
  }
  appWarm.rss = process.resourceUsage().maxRSS * 1024;

  checkPdf('应用（冷启动）', appCold.pdf, head, ENTRIES);
  checkPdf('应用（热渲染）', appWarm.pdf, head, ENTRIES);
  checkPdf('chromium 命令行', cliCold.pdf, head, ENTRIES);
  checkPdf('chromium page.pdf', pageWarm.pdf, head, ENTRIES);

  const cliBase = median(cliCold.times);
  const pageBase = median(pageWarm.times);
  const table = [
    ['用例', '中位数 ms', '各次 ms', '页数', 'PDF KB', '峰值 RSS MB', '相对 chromium 命令行', '相对 已启动 chromium'],
    ...[cliCold, appCold, pageWarm, appWarm].map((c) => [
      c.name,
      median(c.times).toFixed(0),
      c.times.map((t) => t.toFixed(0)).join(' / '),
      String(pdfPages(c.pdf)),
      (statSync(c.pdf).size / 1024).toFixed(0),
      c.rss ? (c.rss / 1024 / 1024).toFixed(0) : '—',
      `${(median(c.times) / cliBase).toFixed(2)}×`,
      `${(median(c.times) / pageBase).toFixed(2)}×`,
    ]),
  ];
  const widths = table[0]!.map((_, i) => Math.max(...table.map((row) => width(row[i]!))));
  console.log(
    `强制执行情况报告生成基准：执行日志 ${ENTRIES} 条（另有 ${data.attachments.length} 项附件、${data.process.length} 行执行过程、` +
      `${data.incidents.length} 起突发情况），每例 ${RUNS} 次（另预热 1 次），交替运行；Node ${process.version}，` +
      `${execFileSync(CHROMIUM, ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim()}`,
  );
  for (const row of table) console.log(row.map((cell, i) => pad(cell, widths[i]!)).join('  '));
  console.log(
    `（字体：两边都用 node_modules/@expo-google-fonts/noto-serif-sc 的同两份 TTF，HTML 以 @font-face file:// 引用。` +
      `应用冷启动计时自加载 react-pdf 与报告模块起，至 PDF 字节生成止；整个子进程耗时中位数 ${median(childWall).toFixed(0)} ms，含 Node、tsx 启动和生成 ${ENTRIES} 条日志的备份。` +
      `其中 courtReportData 热中位数 ${median(dataTimes).toFixed(1)} ms。HTML 由同一份 CourtReportData 生成一次，不计时；构造备份 ${buildMs.toFixed(0)} ms，不计时。` +
      `峰值 RSS：冷启动为子进程的 maxRSS，热渲染为本进程的 maxRSS（含备份和 playwright 客户端）。校验：四份 PDF 经 pdftotext 均含末条哈希和“执行日志共${ENTRIES}条”。）`,
  );
}

const coldIndex = process.argv.indexOf('--cold');
if (coldIndex >= 0) void coldSample(process.argv[coldIndex + 1]!);
else
  main().catch((error: unknown) => {
    console.error(`基准失败：${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  });
