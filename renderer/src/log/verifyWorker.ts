// DOM. A Web Worker of verifyLog: reads one contiguous key range of an operation's log from
// the same IndexedDB database and checks it with verifySegment, returning only the summary,
// so reading and hashing a long chain runs on several cores at once.
import Dexie from 'dexie';
import { joinSegments, verifySegment, type SegmentSummary } from '../../../shared/log/verify';
import { openConsoleDb, type ConsoleDb } from '../data/db';

export interface SegmentRequest {
  id: number;
  dbName: string;
  operationId: string;
  /** Seq of the first key of the range, or null for the operation's lowest key. */
  from: number | null;
  /** Seq of the first key after the range, or null for past the operation's highest key. */
  to: number | null;
  /** The seq the segment must start with. */
  firstSeq: number;
}

export type SegmentResponse = { id: number; summary: SegmentSummary } | { id: number; error: string };

const databases = new Map<string, ConsoleDb>();

/** Entries per read: the next chunk is read from IndexedDB while this one is hashed. */
const CHUNK = 4000;

async function check(request: SegmentRequest): Promise<SegmentSummary> {
  let db = databases.get(request.dbName);
  if (!db) databases.set(request.dbName, (db = openConsoleDb(request.dbName)));
  const { operationId, from, to } = request;
  const upper = [operationId, to ?? Dexie.maxKey];
  // Each chunk starts just after the last key of the one before, so every key of the range is read once.
  const read = (lower: unknown[], inclusive: boolean) =>
    db.logEntries.where('[operationId+seq]').between(lower, upper, inclusive, false).limit(CHUNK).toArray();
  let next = read([operationId, from ?? Dexie.minKey], true);
  let summary: SegmentSummary | undefined;
  let firstSeq = request.firstSeq;
  for (;;) {
    const entries = await next;
    const last = entries[entries.length - 1];
    if (last && entries.length === CHUNK) next = read([operationId, last.seq], false);
    // An empty chunk is only fine after a full one (the range ended exactly at a chunk's end).
    if (entries.length === 0 && summary) return summary;
    const chunk = verifySegment(entries, operationId, firstSeq);
    summary = summary ? joinSegments(summary, chunk) : chunk;
    if (!summary.ok || entries.length < CHUNK) return summary;
    firstSeq += CHUNK;
  }
}

addEventListener('message', (event: MessageEvent<SegmentRequest>) => {
  const { id } = event.data;
  check(event.data).then(
    (summary) => postMessage({ id, summary } satisfies SegmentResponse),
    (error: unknown) => postMessage({ id, error: String(error) } satisfies SegmentResponse),
  );
});
