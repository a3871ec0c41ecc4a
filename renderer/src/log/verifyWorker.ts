// DOM. A Web Worker of verifyLog: reads one contiguous key range of an operation's log from
// the same IndexedDB database and checks it with verifySegment, returning only the summary,
// so reading and hashing a long chain runs on several cores at once.
import Dexie from 'dexie';
import { verifySegment, type SegmentSummary } from '../../../shared/log/verify';
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

async function check(request: SegmentRequest): Promise<SegmentSummary> {
  let db = databases.get(request.dbName);
  if (!db) databases.set(request.dbName, (db = openConsoleDb(request.dbName)));
  const { operationId, from, to } = request;
  const entries = await db.logEntries
    .where('[operationId+seq]')
    .between([operationId, from ?? Dexie.minKey], [operationId, to ?? Dexie.maxKey], true, false)
    .toArray();
  return verifySegment(entries, operationId, request.firstSeq);
}

addEventListener('message', (event: MessageEvent<SegmentRequest>) => {
  const { id } = event.data;
  check(event.data).then(
    (summary) => postMessage({ id, summary } satisfies SegmentResponse),
    (error: unknown) => postMessage({ id, error: String(error) } satisfies SegmentResponse),
  );
});
