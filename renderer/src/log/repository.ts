// DOM. Storing the on-site log: entries are only ever added, each in the same transaction
// as the act it records, and the whole chain is verified whenever it is read for display.
import Dexie from 'dexie';
import { appendEntry, type LogInput } from '../../../shared/log/append';
import type { LogEntry } from '../../../shared/log/types';
import { clockFlags, verifyChain, type ChainVerdict, type ClockFlag } from '../../../shared/log/verify';
import type { ConsoleDb } from '../data/db';

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

/** The chain as stored, verified from the first entry. */
export async function verifyLog(db: ConsoleDb, operationId: string): Promise<LogStatus> {
  const entries = await entriesOf(db, operationId).toArray();
  return { count: entries.length, verdict: verifyChain(entries, operationId), flags: clockFlags(entries) };
}

/** All entries of the operation, by seq. */
export function listLog(db: ConsoleDb, operationId: string): Promise<LogEntry[]> {
  return entriesOf(db, operationId).toArray();
}
