// DOM. Storing the on-site log: entries are only ever added, each in the same transaction
// as the act it records, and the whole chain is verified whenever it is read for display.
import Dexie from 'dexie';
import { appendEntry, type LogInput } from '../../../shared/log/append';
import type { LogEntry } from '../../../shared/log/types';
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
import type { ConsoleDb } from '../data/db';
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

export interface LogStatus {
  count: number;
  verdict: ChainVerdict;
  flags: ClockFlag[];
}

/** Below this many entries the chain is verified on the calling thread; starting workers costs more. */
const PARALLEL_FROM = 5000;

function verifyAll(entries: LogEntry[], operationId: string): LogStatus {
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
 * The chain as stored, verified from the first entry. A long chain is split by seq into
 * contiguous key ranges that together cover every key of the operation, each read and
 * checked by a worker; if any segment or any joint is in doubt, the whole chain is verified
 * here, so a broken chain is reported exactly as verifyChain reports it. Then the head must
 * reach the head pinned at the last verification (below).
 */
export async function verifyLog(db: ConsoleDb, operationId: string): Promise<LogStatus> {
  return againstPinnedHead(db, operationId, await verifyStored(db, operationId));
}

// Removing the newest entries leaves a shorter chain that verifies on its own. So the head
// of every successful verification is pinned outside the database (per database and
// operation) and the next verification must reach it with the same hash. The host keeps the
// pin (in Electron the main process, so the page cannot move it back; shared/host/logPins.ts).
// Written only after a verification read it from storage, so an aborted transaction can never
// pin a head that was not kept.
const pinKey = (db: ConsoleDb, operationId: string) => `enforcement-console.logHead.${db.name}.${operationId}`;

async function againstPinnedHead(db: ConsoleDb, operationId: string, status: LogStatus): Promise<LogStatus> {
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

async function verifyStored(db: ConsoleDb, operationId: string): Promise<LogStatus> {
  // A short log is read and verified here, in one read (a live query watching this sees the
  // whole key range); only a long one is handed to the workers.
  const head = await entriesOf(db, operationId).limit(PARALLEL_FROM).toArray();
  if (head.length < PARALLEL_FROM || typeof Worker === 'undefined') {
    return verifyAll(head.length < PARALLEL_FROM ? head : await entriesOf(db, operationId).toArray(), operationId);
  }
  let stitched: LogStatus | null = null;
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

/** All entries of the operation, by seq. */
export function listLog(db: ConsoleDb, operationId: string): Promise<LogEntry[]> {
  return entriesOf(db, operationId).toArray();
}
