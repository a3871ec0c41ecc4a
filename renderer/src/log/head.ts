// DOM. The current head of an operation's log, read when a document is generated so the
// PDF prints it (issue 5: paper copies pin the log).
import Dexie from 'dexie';
import { ZERO_HASH, type ChainHead } from '../../../shared/log/types';
import type { ConsoleDb } from '../data/db';

/** The operation's last entry as sequence + hash; seq 0 while the log is empty. */
export async function chainHead(db: ConsoleDb, operationId: string): Promise<ChainHead> {
  const last = await db.logEntries
    .where('[operationId+seq]')
    .between([operationId, Dexie.minKey], [operationId, Dexie.maxKey])
    .last();
  return last ? { seq: last.seq, hash: last.hash } : { seq: 0, hash: ZERO_HASH };
}
