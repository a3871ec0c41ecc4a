// DOM. The head of an operation's log a PDF prints, read when a document is generated
// (issue 5: paper copies pin the log): see shared/log/head.ts printedHead for which one.
// Only the entries that can decide it are read, not the whole log.
import Dexie from 'dexie';
import type { ChainHead, LogEntry } from '../../../shared/log/types';
import { printedHead } from '../../../shared/log/head';
import { checkpointParties, foldRoster } from '../../../shared/stations/roster';
import type { ConsoleDb } from '../data/db';
import { ready } from '../record/projection';

/** The head to print: an agreed checkpoint, this station's latest entry, the latest held, or the format-1 head; seq 0 while the log is empty. */
export async function chainHead(db: ConsoleDb, operationId: string): Promise<ChainHead> {
  const store = await ready(db, operationId);
  const format1 = await db.logEntries.where('[operationId+seq]').between([operationId, Dexie.minKey], [operationId, Dexie.maxKey]).last();
  const candidates: LogEntry[] = format1 ? [format1] : [];
  if (!store) return printedHead(candidates);
  const own = store.signer.publicKey;
  const parties = checkpointParties(foldRoster(store.roster()));
  const [ownLast, latest, checkpoints] = await Promise.all([
    db.stationEntries.where('[operationId+writer+seq]').between([operationId, own, Dexie.minKey], [operationId, own, Dexie.maxKey]).last(),
    db.stationEntries.where('[operationId+order]').between([operationId, Dexie.minKey], [operationId, Dexie.maxKey]).last(),
    parties.hubs.size
      ? db.stationEntries.where('operationId').equals(operationId).filter((e) => e.category === 'checkpoint' || e.category === 'countersign').toArray()
      : Promise.resolve([]),
  ]);
  for (const e of [ownLast, latest, ...checkpoints]) if (e) candidates.push(e);
  return printedHead(candidates, { own, ...parties });
}
