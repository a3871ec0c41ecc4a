// DOM. Aftercare tasks, the 执行和解协议 and the 《强制执行情况报告》 drafts: each write an act
// through the one write path, decided by shared/report/acts.ts.
import Dexie from 'dexie';
import { chinaInstant } from '../../../shared/calendar/chinaTime';
import { outcomeOf } from '../../../shared/documents/acts';
import type { CourtReportText } from '../../../shared/documents/courtReport';
import type { LogEntry } from '../../../shared/log/types';
import type { Actor } from '../../../shared/operators/permissions';
import {
  addAftercareTaskOutcome,
  completeAftercareTaskOutcome,
  courtReportDraftOutcome,
  regeneratedCourtReportText,
  settlementOutcome,
  type CourtReportRecord,
} from '../../../shared/report/acts';
import type { AftercareTaskInput, SettlementInput, TaskDoneInput, TaskRecord } from '../../../shared/report/aftercare';
import type { ConsoleDb } from '../data/db';
import { commit } from '../record/commit';
import { commitForm, listDocuments, loadOperationBackup, type SaveResult } from '../documents/repository';

export type { CourtReportRecord };

export function listAftercare(db: ConsoleDb, operationId: string): Promise<TaskRecord[]> {
  return db.tasks.where('operationId').equals(operationId).toArray();
}

const now = () => chinaInstant(new Date());
/** Anyone signed in records aftercare; the entry is filed under the task's group. */
const anyone = { kind: 'log', group: '' } as const;

export function addAftercareTask(db: ConsoleDb, operationId: string, actor: Actor | undefined, input: AftercareTaskInput): Promise<SaveResult> {
  return commitForm(db, {
    operationId,
    actor,
    action: anyone,
    build: async () => outcomeOf(addAftercareTaskOutcome(input, { id: crypto.randomUUID(), operationId, now: now() })),
  });
}

export function completeAftercareTask(db: ConsoleDb, operationId: string, actor: Actor | undefined, taskId: string, input: TaskDoneInput): Promise<SaveResult> {
  return commitForm(db, {
    operationId,
    actor,
    action: anyone,
    build: async (db) => outcomeOf(completeAftercareTaskOutcome(await listAftercare(db, operationId), taskId, input, { now: now() })),
  });
}

/** Records the settlement agreement, or replaces it; the log keeps every version. */
export function saveSettlement(db: ConsoleDb, operationId: string, actor: Actor | undefined, input: SettlementInput): Promise<SaveResult> {
  return commitForm(db, {
    operationId,
    actor,
    action: anyone,
    build: async (db) => outcomeOf(settlementOutcome(await listAftercare(db, operationId), input, { operationId, now: now() })),
  });
}

/**
 * The 宣布执行完毕 entry, or nothing: read newest first and stopping at it, so a completed
 * operation's long log is not loaded (nothing can be logged as a phase after completion).
 */
export async function completionEntries(db: ConsoleDb, operationId: string): Promise<LogEntry[]> {
  const completion = (e: LogEntry) => e.category === 'phase' && e.data?.phase === 'complete';
  // Format 2 (the signed entries' mirror, merged order) first: it follows any format-1 chain.
  const entry =
    (await db.stationEntries.where('[operationId+order]').between([operationId, Dexie.minKey], [operationId, Dexie.maxKey]).reverse().filter(completion).first()) ??
    (await db.logEntries.where('[operationId+seq]').between([operationId, Dexie.minKey], [operationId, Dexie.maxKey]).reverse().filter(completion).first());
  if (!entry) return [];
  const { order: _order, ...view } = entry as LogEntry & { order?: string };
  return [view];
}

// —— the 《强制执行情况报告》 as a document: draft → edit → issue (documents/repository) ——

export async function listCourtReports(db: ConsoleDb, operationId: string): Promise<CourtReportRecord[]> {
  return (await listDocuments(db, operationId)).filter((d): d is CourtReportRecord => d.kind === 'courtReport');
}

/**
 * A new draft generated from the records, or a correction of an issued report that starts
 * from its wording. Only one draft at a time: an existing one is returned instead.
 */
export async function createCourtReportDraft(db: ConsoleDb, operationId: string, actor: Actor | undefined, replaces?: CourtReportRecord): Promise<string> {
  const existing = (await listCourtReports(db, operationId)).find((d) => d.status === 'draft');
  if (existing) return existing.id;
  const { result } = await commit(db, {
    operationId,
    actor,
    action: anyone,
    build: async (db) =>
      courtReportDraftOutcome(await loadOperationBackup(db, operationId), { id: crypto.randomUUID(), now: now(), ...(replaces ? { replacesId: replaces.id } : {}) }),
  });
  return result;
}

/** The wording generated again from the records as they stand, 其他情况 kept; not yet saved. */
export async function regenerateCourtReportText(db: ConsoleDb, draft: CourtReportRecord): Promise<CourtReportText> {
  return regeneratedCourtReportText(await loadOperationBackup(db, draft.operationId), draft, now());
}
