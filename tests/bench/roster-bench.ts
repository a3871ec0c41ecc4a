// Node. `npm run bench`: a 300-row roster imported end to end (file → table → mapping →
// checks → records → one Dexie transaction on fake-indexeddb) through the app's own
// functions, timed against papaparse parsing the same CSV in the same run.
import 'fake-indexeddb/auto';
import Papa from 'papaparse';
import { buildRosterPlan, validateRoster } from '../../shared/commandPost/roster';
import { guessMapping } from '../../shared/commandPost/rosterColumns';
import { importRoster, loadRoster } from '../../renderer/src/commandPost/roster/importRoster';
import { readRosterFile } from '../../renderer/src/commandPost/roster/readRosterFile';
import { openConsoleDb } from '../../renderer/src/data/db';
import { loadDemoOperation } from '../../renderer/src/operation/repository';
import { commanderOf } from '../fixtures/demoActors';
import { badRowKinds, encodeGbk, makeRosterRows, makeXlsx, rosterHeader, toCsv } from '../fixtures/rosterFixtures';

const ROWS = 300;
const RUNS = 30;
const WARM_UP = 3;
const TARGET_MS = 2000;
const BASELINE = 'papaparse 仅解析（基线）';

const rows = makeRosterRows(ROWS);
const csvText = toCsv([rosterHeader, ...rows]);
// Phones as numbers, the way Excel stores what people type into a General cell.
const xlsxRows = rows.map((r) => r.map((c, i) => (i === 4 && /^\d+$/.test(c) ? Number(c) : c)));
const files = {
  gbkCsv: new File([encodeGbk(csvText)], '名单-GBK.csv'),
  utf8Csv: new File([new TextEncoder().encode(`\ufeff${csvText}`)], '名单-UTF8.csv'),
  xlsx: new File([makeXlsx([{ name: '名单', rows: [rosterHeader, ...xlsxRows] }])], '名单.xlsx'),
};

let dbCount = 0;

/** One import as the dialog does it, into a fresh operation; only the import itself is timed. */
async function endToEnd(file: File): Promise<() => Promise<void>> {
  const db = openConsoleDb(`bench-${++dbCount}`);
  const operationId = await loadDemoOperation(db, new Date('2026-11-23T02:00:00Z'));
  const peopleBefore = await db.people.count();
  const commander = await commanderOf(db, operationId);
  return async () => {
    const table = await readRosterFile(file);
    const existing = await loadRoster(db, operationId);
    const { valid } = validateRoster(table, guessMapping(table.header), existing);
    const plan = buildRosterPlan(valid, existing.memberUnits, operationId, () => crypto.randomUUID());
    await importRoster(db, operationId, plan, commander);
    if ((await db.people.count()) !== peopleBefore + valid.length) throw new Error('导入人数不符');
    db.close();
    await db.delete();
  };
}

const cases: { name: string; prepare: () => Promise<() => Promise<unknown>>; target: boolean }[] = [
  { name: BASELINE, prepare: async () => async () => Papa.parse<string[]>(csvText), target: false },
  { name: 'CSV（GBK）全流程', prepare: () => endToEnd(files.gbkCsv), target: true },
  { name: 'CSV（UTF-8 带 BOM）全流程', prepare: () => endToEnd(files.utf8Csv), target: true },
  { name: 'XLSX 全流程', prepare: () => endToEnd(files.xlsx), target: true },
];

const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;

async function measure(prepare: () => Promise<() => Promise<unknown>>): Promise<{ median: number; p95: number }> {
  const times: number[] = [];
  for (let i = 0; i < WARM_UP + RUNS; i++) {
    const run = await prepare();
    const start = performance.now();
    await run();
    if (i >= WARM_UP) times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return { median: quantile(times, 0.5), p95: quantile(times, 0.95) };
}

// East Asian characters take two columns in a terminal.
const width = (s: string) => [...s].reduce((n, c) => n + (/[\u1100-\uffff]/.test(c) ? 2 : 1), 0);
const pad = (s: string, n: number) => s + ' '.repeat(Math.max(0, n - width(s)));

async function main() {
  const results = [];
  for (const c of cases) results.push({ ...c, ...(await measure(c.prepare)) });
  const baseline = results.find((r) => r.name === BASELINE)!;
  const table = [
    ['用例', '中位数 ms', 'p95 ms', '相对基线（中位数）', '目标', '结果'],
    ...results.map((r) => [
      r.name,
      r.median.toFixed(1),
      r.p95.toFixed(1),
      `${(r.median / baseline.median).toFixed(1)}×`,
      r.target ? `${ROWS} 行 < ${TARGET_MS / 1000} s` : '—',
      r.target ? (r.p95 < TARGET_MS ? 'PASS' : 'FAIL') : '—',
    ]),
  ];
  const widths = table[0]!.map((_, i) => Math.max(...table.map((row) => width(row[i]!))));
  const bad = rows.filter((_, i) => i % 50 in badRowKinds).length;
  console.log(`名单导入基准：${ROWS} 行（含 ${bad} 行问题数据），每例 ${RUNS} 次（另预热 ${WARM_UP} 次），Node ${process.version}，fake-indexeddb`);
  for (const row of table) console.log(row.map((cell, i) => pad(cell, widths[i]!)).join('  '));
  if (results.some((r) => r.target && r.p95 >= TARGET_MS)) process.exitCode = 1;
}

void main();
