// DOM. Correcting a log entry from the timeline: an act like any other (commit()), a new
// entry naming the one it corrects; the original is never touched.
import { correctionOutcome } from '../../../shared/log/corrections';
import type { LogEntry } from '../../../shared/log/types';
import type { Actor } from '../../../shared/operators/permissions';
import type { ConsoleDb } from '../data/db';
import { commit } from '../record/commit';
import { listLog } from './repository';

/** Records the correction of `target` (format 1 by seq, format 2 by hash); whoever may log for its group may correct it. */
export async function recordCorrection(
  db: ConsoleDb,
  who: { operationId: string; actor: Actor | undefined },
  target: Pick<LogEntry, 'seq' | 'hash' | 'writer' | 'group'>,
  text: string,
  reason: string,
): Promise<LogEntry> {
  if (!reason.trim()) throw new Error('请填写更正理由');
  const { entry } = await commit(db, {
    operationId: who.operationId,
    actor: who.actor,
    action: { kind: 'log', group: target.group },
    build: async (read) => correctionOutcome(await listLog(read, who.operationId), target, text, reason),
  });
  return entry;
}
