// DOM. The page side of `npm run bench:log` (tests/bench/log-bench.ts builds it with Vite and
// drives it in Chromium): the app's own Dexie schema, appendLog and verifyLog on real
// IndexedDB, with 100 000 entries already stored.
import { openConsoleDb, type ConsoleDb } from '../../renderer/src/data/db';
import { appendLog, verifyLog } from '../../renderer/src/log/repository';
import { appendEntry, type LogInput } from '../../shared/log/append';
import { canonicalSerialise } from '../../shared/log/canonical';
import type { LogEntry } from '../../shared/log/types';
import { clockFlags, verifyChain } from '../../shared/log/verify';

export interface LogBenchOptions {
  stored: number;
  appends: number;
  warmUp: number;
  verifications: number;
}

export interface LogBenchResult {
  seedMs: number;
  /** Milliseconds per call, in run order. */
  append: number[];
  baseline: number[];
  verify: number[];
  /** Of the verifications: reading the entries from IndexedDB alone. */
  read: number[];
  /** For comparison: reading and verifying on the page's thread, as verifyLog did before it used workers. */
  singleThread: number[];
  /** How many workers verifyLog splits the chain across. */
  workers: number;
  /**
   * For reference, not a target: the same entries' canonical texts hashed with WebCrypto
   * (crypto.subtle.digest, in parallel) instead of the pure-JS hash verifyChain uses.
   */
  webCrypto: number[];
  verifiedCount: number;
  verifiedOk: boolean;
  /**
   * After the timings, verifyLog on a tampered copy: an entry changed in the middle, then an
   * extra entry stored under a fractional seq between two others. What it reported, in Chinese.
   */
  tampered: string[];
  userAgent: string;
}

const OPERATION = 'bench-op';
const BASELINE_OPERATION = 'bench-baseline';
const SEED_BATCH = 10_000;

const input = (operationId: string, i: number): LogInput => ({
  operationId,
  operator: '杨帆',
  group: i % 2 ? 'security' : 'evidence',
  category: 'note',
  text: `第 ${i} 次巡查：警戒线完好，现场秩序正常，执法记录仪 LJ-07 持续录像`,
});

/** Precomputed chained entries, stored with bulkAdd in batches: the log as it stands after a long day. */
async function seed(db: ConsoleDb, count: number): Promise<LogEntry> {
  const start = Date.parse('2026-12-08T09:00:00+08:00');
  let last: LogEntry | undefined;
  for (let from = 0; from < count; from += SEED_BATCH) {
    const batch: LogEntry[] = [];
    for (let i = from; i < Math.min(count, from + SEED_BATCH); i++) {
      last = appendEntry(last, input(OPERATION, i + 1), new Date(start + i * 100));
      batch.push(last);
    }
    await db.logEntries.bulkAdd(batch);
  }
  return last!;
}

async function timed(run: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await run();
  return performance.now() - start;
}

const describe = ({ verdict }: { verdict: { ok: boolean; message?: string } }) => (verdict.ok ? '校验通过' : verdict.message!);

async function run(options: LogBenchOptions): Promise<LogBenchResult> {
  const name = `log-bench-${Date.now()}`;
  const db = openConsoleDb(name);
  await db.open();
  try {
    const seedMs = await timed(() => seed(db, options.stored));
    const append: number[] = [];
    const baseline: number[] = [];
    // Alternating, so both see the same table size and the same state of the browser.
    for (let i = 0; i < options.warmUp + options.appends; i++) {
      const keep = i >= options.warmUp;
      const a = await timed(() => appendLog(db, input(OPERATION, options.stored + i + 1)));
      // The same entry, hashed beforehand: the plain add costs only the IndexedDB write.
      const entry = { ...appendEntry(undefined, input(BASELINE_OPERATION, i), new Date()), seq: i + 1 };
      const b = await timed(() => db.logEntries.add(entry));
      if (keep) {
        append.push(a);
        baseline.push(b);
      }
    }
    const verify: number[] = [];
    const read: number[] = [];
    const singleThread: number[] = [];
    let verifiedCount = 0;
    let verifiedOk = true;
    for (let i = 0; i < options.verifications; i++) {
      // Reading alone, by the same [operationId+seq] key verifyLog reads by.
      read.push(
        await timed(() =>
          db.logEntries.where('[operationId+seq]').between([OPERATION, 0], [OPERATION, Number.MAX_SAFE_INTEGER]).toArray(),
        ),
      );
      verify.push(
        await timed(async () => {
          const status = await verifyLog(db, OPERATION);
          verifiedCount = status.count;
          verifiedOk &&= status.verdict.ok;
        }),
      );
      singleThread.push(
        await timed(async () => {
          const entries = await db.logEntries.where('[operationId+seq]').between([OPERATION, 0], [OPERATION, Number.MAX_SAFE_INTEGER]).toArray();
          verifiedOk &&= verifyChain(entries, OPERATION).ok;
          clockFlags(entries);
        }),
      );
    }
    const entries = await db.logEntries.where('operationId').equals(OPERATION).toArray();
    const encoder = new TextEncoder();
    const webCrypto: number[] = [];
    for (let i = 0; i < options.verifications; i++) {
      webCrypto.push(
        await timed(() =>
          Promise.all(
            entries.map(({ hash: _, ...fields }) => crypto.subtle.digest('SHA-256', encoder.encode(canonicalSerialise(fields)))),
          ),
        ),
      );
    }
    const tampered: string[] = [];
    const middle = Math.floor(options.stored * 0.6);
    await db.logEntries.update([OPERATION, middle], { text: '（改写）' });
    tampered.push(describe(await verifyLog(db, OPERATION)));
    await db.logEntries.update([OPERATION, middle], { text: entries[middle - 1]!.text });
    await db.logEntries.add({ ...entries[middle - 1]!, seq: middle + 0.5 });
    tampered.push(describe(await verifyLog(db, OPERATION)));
    return {
      seedMs,
      tampered,
      append,
      baseline,
      verify,
      read,
      singleThread,
      workers: Math.min(navigator.hardwareConcurrency || 2, 4),
      webCrypto,
      verifiedCount,
      verifiedOk,
      userAgent: navigator.userAgent,
    };
  } finally {
    db.close();
    await indexedDB.deleteDatabase(name);
  }
}

(window as unknown as { runLogBench: typeof run }).runLogBench = run;
document.title = 'log-bench ready';
