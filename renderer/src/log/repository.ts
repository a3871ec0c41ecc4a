// DOM. Reading and verifying an operation's log, both formats: the format-1 chain (Dexie
// logEntries, one chain per operation, kept as it was for operations begun before format 2)
// and the format-2 entries of every station (the truth in the station's PouchDB store, shown
// from its Dexie mirror). Entries are written by commit() (renderer/src/record/commit.ts);
// appendLog remains only for format-1 writers not yet moved to commit().
import Dexie from 'dexie';
import { appendEntry, type LogInput } from '../../../shared/log/append';
import type { ChainHead, LogEntry } from '../../../shared/log/types';
import {
  checkPinned,
  clockFlags,
  segmentStarts,
  stitchSegments,
  verifyChain,
  type ChainVerdict,
  type ClockFlag,
  type SegmentSummary,
} from '../../../shared/log/verify';
import type { Actor } from '../../../shared/operators/permissions';
import type { ConsoleDb, RefusedEntry } from '../data/db';
import { commit } from '../record/commit';
import { hasStore, localSigner, openStore, storeName } from '../stations/local';
import { chainHead } from './head';
import { StationsChecker, type StationsSummary } from './stationsCheck';
import type { StationsRequest, StationsResponse } from './stationsWorker';
import type { SegmentRequest, SegmentResponse } from './verifyWorker';

function entriesOf(db: ConsoleDb, operationId: string) {
  return db.logEntries.where('[operationId+seq]').between([operationId, Dexie.minKey], [operationId, Dexie.maxKey]);
}

/**
 * Appends one entry after the operation's last. Call it inside the transaction of the act
 * it records (that transaction must include db.logEntries), so act and entry stand or fall
 * together; the [operationId+seq] key refuses a second entry with the same number.
 */
export async function appendLog(db: ConsoleDb, input: LogInput): Promise<LogEntry> {
  return db.transaction('rw', db.logEntries, async () => {
    const last = await entriesOf(db, input.operationId).last();
    const entry = appendEntry(last, input, new Date());
    await db.logEntries.add(entry);
    return entry;
  });
}

/**
 * Records, in the signed-in person's name, something done that changes no record (a look at
 * personal data, an export): an act of its own through commit(), an entry and nothing else.
 */
export async function logSystem(db: ConsoleDb, operationId: string, actor: Actor, text: string): Promise<void> {
  await commit(db, {
    operationId,
    actor,
    action: { kind: 'log', group: '' },
    build: async () => ({ entry: { category: 'system', text }, changes: [], result: undefined }),
  });
}

/** The format-1 chain's verification. */
interface Format1Status {
  count: number;
  verdict: ChainVerdict;
  flags: ClockFlag[];
}

/** The whole log's verdict: the first problem of either format, naming the station of a format-2 entry. */
export type LogVerdict = { ok: true; head: ChainHead | null } | { ok: false; seq: number; writer?: string; message: string };

export interface LogStatus {
  /** Entries of both formats. */
  count: number;
  verdict: LogVerdict;
  flags: ClockFlag[];
  /** Format 2: the stations' chains, forks (kept, flagged) and the entries refused on arrival. */
  stations?: {
    writers: StationsSummary['writers'];
    forks: StationsSummary['forks'];
    problems: string[];
    refused: RefusedEntry[];
  };
}

/** Below this many entries the chain is verified on the calling thread; starting workers costs more. */
const PARALLEL_FROM = 5000;

function verifyAll(entries: LogEntry[], operationId: string): Format1Status {
  return { count: entries.length, verdict: verifyChain(entries, operationId), flags: clockFlags(entries) };
}

// A small pool of verify workers, created on first use and kept for the next verification.
let pool: Worker[] | undefined;
let nextRequest = 0;
const pending = new Map<number, { resolve: (s: SegmentSummary) => void; reject: (e: Error) => void }>();

function workers(): Worker[] {
  if (!pool) {
    const size = Math.min(navigator.hardwareConcurrency || 2, 4);
    pool = Array.from({ length: size }, () => {
      const worker = new Worker(new URL('./verifyWorker.ts', import.meta.url), { type: 'module' });
      worker.addEventListener('message', ({ data }: MessageEvent<SegmentResponse>) => {
        const request = pending.get(data.id);
        pending.delete(data.id);
        if ('error' in data) request?.reject(new Error(data.error));
        else request?.resolve(data.summary);
      });
      // A worker that cannot start or crashes fails every verification waiting on it (they fall
      // back to this thread), and the pool is rebuilt next time.
      worker.addEventListener('error', () => {
        for (const request of pending.values()) request.reject(new Error('校验线程出错'));
        pending.clear();
        for (const w of pool ?? []) w.terminate();
        pool = undefined;
      });
      return worker;
    });
  }
  return pool;
}

/** A worker that has not answered by then (e.g. its database open is blocked) is given up on. */
const SEGMENT_TIMEOUT_MS = 60_000;

function checkSegment(worker: Worker, request: Omit<SegmentRequest, 'id'>): Promise<SegmentSummary> {
  const id = nextRequest++;
  return new Promise<SegmentSummary>((resolve, reject) => {
    pending.set(id, { resolve, reject });
    worker.postMessage({ ...request, id } satisfies SegmentRequest);
    setTimeout(() => {
      if (pending.delete(id)) reject(new Error('校验线程无响应'));
    }, SEGMENT_TIMEOUT_MS);
  });
}

/**
 * The log as stored, verified. Format 1: the chain from the first entry — a long chain is
 * split by seq into contiguous key ranges that together cover every key of the operation,
 * each read and checked by a worker; if any segment or any joint is in doubt, the whole chain
 * is verified here, so a broken chain is reported exactly as verifyChain reports it — then
 * the head must reach the head pinned at the last verification (below) and the head each
 * format-2 genesis anchored, with nothing after it. Format 2 (in a worker, stationsCheck.ts):
 * every station's chain, forks and rewrites; this station's own head must reach its pin.
 * `full` rereads every format-2 entry (on opening the operation, on 校验); otherwise only
 * what arrived since the last check is read.
 */
export async function verifyLog(db: ConsoleDb, operationId: string, options: { full?: boolean } = {}): Promise<LogStatus> {
  const format1 = await againstPinnedHead(db, operationId, await verifyStored(db, operationId));
  const base: LogStatus = { count: format1.count, verdict: format1.verdict, flags: format1.flags };
  if (!(await hasStore(db, operationId))) return base;
  // Read here so a live query watching this runs again when an entry is projected or refused.
  const [, refused] = await Promise.all([
    db.stationEntries.where('operationId').equals(operationId).count(),
    db.refusedEntries.where('operationId').equals(operationId).toArray(),
  ]);
  // Promise.resolve: how Dexie asks a live query to await a promise that is not Dexie's.
  const summary = await Promise.resolve(stationsSummary(db, operationId, options.full ?? false));
  const stations = { writers: summary.writers, forks: summary.forks, problems: summary.problems.map((p) => p.message), refused };
  const status: LogStatus = { ...base, count: format1.count + summary.count, stations };
  if (!format1.verdict.ok) return status;
  const anchored = await format1Anchored(db, operationId, format1, summary.format1Anchors);
  if (anchored) return { ...status, verdict: anchored };
  if (summary.first) return { ...status, verdict: { ok: false, seq: summary.first.seq, writer: summary.first.writer, message: summary.first.message } };
  const own = (await Promise.resolve(localSigner())).publicKey;
  const ownHead = summary.writers.find((w) => w.writer === own)?.head ?? null;
  const pinned = await ownAgainstPin(db, operationId, own, ownHead);
  if (pinned) return { ...status, verdict: pinned };
  return { ...status, verdict: { ok: true, head: await Promise.resolve(chainHead(db, operationId)) } };
}

/**
 * The format-1 chain as a format-2 genesis anchored it: its entry at the anchored seq has
 * the anchored hash, and nothing was added after it (an entry added later carries no
 * signature and would sort before every signed entry). null when it holds.
 */
async function format1Anchored(db: ConsoleDb, operationId: string, format1: Format1Status, anchors: readonly ChainHead[]): Promise<LogVerdict | null> {
  const last = format1.verdict.ok ? (format1.verdict.head?.seq ?? 0) : 0;
  for (const anchor of anchors) {
    if (last < anchor.seq) return { ok: false, seq: last + 1, message: `第 ${last + 1} 条起的记录缺失：多站记录的创始记录固定了此前的日志至第 ${anchor.seq} 条` };
    const held = await db.logEntries.get([operationId, anchor.seq]);
    if (held?.hash !== anchor.hash) return { ok: false, seq: anchor.seq, message: `第 ${anchor.seq} 条记录的哈希值与多站记录创始时固定的不符，日志在此之前已被改写` };
    if (last > anchor.seq) {
      return { ok: false, seq: anchor.seq + 1, message: `第 ${anchor.seq + 1} 条记录写在多站签名记录开始之后，却不是签名记录：不属于本行动的记录` };
    }
  }
  return null;
}

// Removing the newest entries leaves a shorter chain that verifies on its own. So the head
// of every successful verification is pinned outside the database (per database and
// operation) and the next verification must reach it with the same hash. The host keeps the
// pin (in Electron the main process, so the page cannot move it back; shared/host/logPins.ts).
// Written only after a verification read it from storage, so an aborted transaction can never
// pin a head that was not kept.
const pinKey = (db: ConsoleDb, operationId: string) => `enforcement-console.logHead.${db.name}.${operationId}`;

async function againstPinnedHead(db: ConsoleDb, operationId: string, status: Format1Status): Promise<Format1Status> {
  // Not in a page (unit tests in Node): there is no host to keep a pin.
  if (!status.verdict.ok || typeof window === 'undefined') return status;
  const head = status.verdict.head;
  const key = pinKey(db, operationId);
  // Promise.resolve: how Dexie asks a live query to await a promise that is not Dexie's.
  const { host } = await Promise.resolve(import('../host'));
  const pinned = (await Promise.resolve(host.readLogPin({ key }))).head;
  if (pinned) {
    const hashAtPin =
      head && head.seq > pinned.seq ? (await db.logEntries.get([operationId, pinned.seq]))?.hash : head?.seq === pinned.seq ? head.hash : undefined;
    const broken = checkPinned(head, hashAtPin, pinned);
    if (broken) return { ...status, verdict: broken };
  }
  if (head && (!pinned || head.seq > pinned.seq)) await Promise.resolve(host.advanceLogPin({ key, head }));
  return status;
}

/**
 * This station's own chain against its head pinned at the last verification (outside the
 * database): dropping its newest entries leaves a chain that verifies, and no other station
 * may have seen them yet. null when it holds; pins the head when it moved on.
 */
async function ownAgainstPin(db: ConsoleDb, operationId: string, own: string, head: ChainHead | null): Promise<LogVerdict | null> {
  if (typeof window === 'undefined') return null;
  const key = `${pinKey(db, operationId)}.${own}`;
  const { host } = await Promise.resolve(import('../host'));
  const pinned = (await Promise.resolve(host.readLogPin({ key }))).head;
  if (pinned) {
    const atPin =
      head && head.seq > pinned.seq
        ? (await db.stationEntries.where('[operationId+writer+seq]').equals([operationId, own, pinned.seq]).first())?.hash
        : head?.seq === pinned.seq
          ? head.hash
          : undefined;
    const broken = checkPinned(head, atPin, pinned);
    if (broken && !broken.ok) return { ok: false, seq: broken.seq, writer: own, message: `本工作站${broken.message}` };
  }
  if (head && (!pinned || head.seq > pinned.seq)) await Promise.resolve(host.advanceLogPin({ key, head: { seq: head.seq, hash: head.hash, writer: own } }));
  return null;
}

async function verifyStored(db: ConsoleDb, operationId: string): Promise<Format1Status> {
  // A short log is read and verified here, in one read (a live query watching this sees the
  // whole key range); only a long one is handed to the workers.
  const head = await entriesOf(db, operationId).limit(PARALLEL_FROM).toArray();
  if (head.length < PARALLEL_FROM || typeof Worker === 'undefined') {
    return verifyAll(head.length < PARALLEL_FROM ? head : await entriesOf(db, operationId).toArray(), operationId);
  }
  let stitched: Format1Status | null = null;
  try {
    const count = await entriesOf(db, operationId).count();
    const team = workers();
    const starts = segmentStarts(count, team.length);
    const bounds = [null, ...starts, null];
    // Promise.resolve: how Dexie asks a live query to await a promise that is not Dexie's.
    const segments = await Promise.resolve(
      Promise.all(
        team.map((worker, k) =>
          checkSegment(worker, {
            dbName: db.name,
            operationId,
            from: bounds[k] ?? null,
            to: bounds[k + 1] ?? null,
            firstSeq: starts[k - 1] ?? 1,
          }),
        ),
      ),
    );
    stitched = stitchSegments(segments);
  } catch {
    // Workers unavailable, failed or silent: verify here.
  }
  return stitched ?? verifyAll(await entriesOf(db, operationId).toArray(), operationId);
}

/**
 * All entries of the operation in merged order (shared/log/order.ts): the format-1 chain by
 * seq, then the format-2 entries by HLC, then writer; each format-2 entry named with its
 * station's name from the roster entries held.
 */
export async function listLog(db: ConsoleDb, operationId: string): Promise<LogEntry[]> {
  // A caller still holding a transaction over logEntries alone (a format-1 writer not yet
  // moved to commit()) reads the format-1 chain only: the mirror is outside its scope.
  const scope = Dexie.currentTransaction?.storeNames;
  const [format1, format2] = await Promise.all([
    entriesOf(db, operationId).toArray(),
    scope && !scope.includes('stationEntries')
      ? []
      : db.stationEntries.where('[operationId+order]').between([operationId, Dexie.minKey], [operationId, Dexie.maxKey]).toArray(),
  ]);
  if (format2.length === 0) return format1;
  const names = new Map<string, string>();
  for (const e of format2) {
    const station = e.data?.['station'];
    const name = e.data?.['name'];
    if (e.category === 'roster' && typeof station === 'string' && typeof name === 'string' && name) names.set(station, name);
  }
  const named: LogEntry[] = format2.map((e) => {
    const name = names.get(e.writer);
    const { order: _order, ...entry } = e;
    return name ? { ...entry, writerName: name } : entry;
  });
  return [...format1, ...named];
}

// —— format 2: the stations' chains, verified in a worker ——

let stationsWorker: Worker | undefined;
const stationsPending = new Map<number, { resolve: (s: StationsSummary) => void; reject: (e: Error) => void }>();
const checkers = new Map<string, StationsChecker>();
const queue = new Map<string, Promise<unknown>>();

function stationsThread(): Worker {
  if (!stationsWorker) {
    const worker = new Worker(new URL('./stationsWorker.ts', import.meta.url), { type: 'module' });
    worker.addEventListener('message', ({ data }: MessageEvent<StationsResponse>) => {
      const request = stationsPending.get(data.id);
      stationsPending.delete(data.id);
      if ('error' in data) request?.reject(new Error(data.error));
      else request?.resolve(data.summary);
    });
    worker.addEventListener('error', () => {
      for (const request of stationsPending.values()) request.reject(new Error('校验线程出错'));
      stationsPending.clear();
      worker.terminate();
      stationsWorker = undefined;
    });
    stationsWorker = worker;
  }
  return stationsWorker;
}

/**
 * The format-2 verification of the operation's store, one at a time per store: in the worker
 * where there is one, here otherwise (unit tests in Node).
 */
function stationsSummary(db: ConsoleDb, operationId: string, full: boolean): Promise<StationsSummary> {
  const name = storeName(db, operationId);
  const run = async (): Promise<StationsSummary> => {
    if (typeof Worker === 'undefined') {
      let checker = checkers.get(name);
      if (!checker) checkers.set(name, (checker = new StationsChecker((await openStore(db, operationId)).db, operationId)));
      return checker.check(full);
    }
    const id = nextRequest++;
    return new Promise<StationsSummary>((resolve, reject) => {
      stationsPending.set(id, { resolve, reject });
      stationsThread().postMessage({ id, name, op: operationId, full } satisfies StationsRequest);
    });
  };
  const next = (queue.get(name) ?? Promise.resolve()).catch(() => undefined).then(run);
  queue.set(name, next);
  return next;
}

/** Tests: forget what the checkers remember (a restart). */
export const forgetCheckers = (): void => checkers.clear();
