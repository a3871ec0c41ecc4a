// DOM. Correcting a log entry from the timeline.
import type { LogEntry } from '../../../shared/log/types';
import type { ConsoleDb } from '../data/db';
import { appendLog } from './repository';

/** A correction never overwrites: a new entry naming the one it corrects, with the reason. */
export function recordCorrection(db: ConsoleDb, who: { operationId: string; operator: string; group?: string }, corrects: number, text: string, reason: string): Promise<LogEntry> {
  if (!reason.trim()) return Promise.reject(new Error('请填写更正理由'));
  return appendLog(db, {
    operationId: who.operationId,
    operator: who.operator,
    group: who.group ?? '',
    category: 'correction',
    text,
    refs: { corrects },
    data: { reason: reason.trim() },
  });
}
