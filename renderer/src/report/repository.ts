// DOM. Storing aftercare tasks and the 执行和解协议: every change appends a 'note' entry
// (data { aftercare: true }) in the same transaction, so the log holds the whole story.
import Dexie from 'dexie';
import {
  aftercareLogText,
  aftercareTaskInputSchema,
  doneOnProblem,
  parseInput,
  settlementId,
  settlementInputSchema,
  taskDoneInputSchema,
  type AftercareTask,
  type AftercareTaskInput,
  type SettlementInput,
  type SettlementRecord,
  type TaskDoneInput,
  type TaskRecord,
} from '../../../shared/report/aftercare';
import { chinaDate, chinaInstant } from '../../../shared/calendar/chinaTime';
import { courtReportData, courtReportText, type CourtReportText } from '../../../shared/documents/courtReport';
import { defaultIssuerCode, type DocumentRecord } from '../../../shared/documents/records';
import { backupChainHead } from '../../../shared/documents/registry';
import type { LogEntry } from '../../../shared/log/types';
import type { ConsoleDb } from '../data/db';
import { listDocuments, loadOperationBackup, updateDraft } from '../documents/repository';
import { appendLog } from '../log/repository';
import type { RecordSaveResult } from '../ui/useRecordForm';

export interface Recorder {
  operationId: string;
  operator: string;
}

export function listAftercare(db: ConsoleDb, operationId: string): Promise<TaskRecord[]> {
  return db.tasks.where('operationId').equals(operationId).toArray();
}

const note = (db: ConsoleDb, who: Recorder, group: string, text: string) =>
  appendLog(db, { operationId: who.operationId, operator: who.operator, group, category: 'note', text, refs: {}, data: { aftercare: true } });

const noOperator = { ok: false, errors: { operator: '请先填写记录人' } } as const;

export async function addAftercareTask(db: ConsoleDb, who: Recorder, input: AftercareTaskInput): Promise<RecordSaveResult> {
  if (!who.operator.trim()) return noOperator;
  const parsed = parseInput(aftercareTaskInputSchema, input);
  if (!parsed.ok) return parsed;
  const now = chinaInstant(new Date());
  const task: AftercareTask = {
    id: crypto.randomUUID(),
    operationId: who.operationId,
    record: 'task',
    ...parsed.value,
    status: 'open',
    doneOn: '',
    note: '',
    createdAt: now,
    updatedAt: now,
  };
  await db.transaction('rw', db.tasks, db.logEntries, async () => {
    await db.tasks.add(task);
    await note(db, who, task.groupId, aftercareLogText.added(task));
  });
  return { ok: true };
}

export async function completeAftercareTask(db: ConsoleDb, who: Recorder, taskId: string, input: TaskDoneInput): Promise<RecordSaveResult> {
  if (!who.operator.trim()) return noOperator;
  const parsed = parseInput(taskDoneInputSchema, input);
  if (!parsed.ok) return parsed;
  const { doneOn, note: text } = parsed.value;
  return db.transaction('rw', db.tasks, db.logEntries, async () => {
    const task = await db.tasks.get(taskId);
    if (task?.record !== 'task') throw new Error('找不到该善后事项');
    if (task.status === 'done') throw new Error('该善后事项已完成');
    const problem = doneOnProblem(task, doneOn);
    if (problem) return { ok: false, errors: { doneOn: problem } };
    const done: AftercareTask = { ...task, status: 'done', doneOn, note: text, updatedAt: chinaInstant(new Date()) };
    await db.tasks.put(done);
    await note(db, who, task.groupId, aftercareLogText.done(task, doneOn, text));
    return { ok: true } as const;
  });
}

/** Records the settlement agreement, or replaces it; the log keeps every version. */
export async function saveSettlement(db: ConsoleDb, who: Recorder, input: SettlementInput): Promise<RecordSaveResult> {
  if (!who.operator.trim()) return noOperator;
  const parsed = parseInput(settlementInputSchema, input);
  if (!parsed.ok) return parsed;
  return db.transaction('rw', db.tasks, db.logEntries, async () => {
    const id = settlementId(who.operationId);
    const before = await db.tasks.get(id);
    const now = chinaInstant(new Date());
    const record: SettlementRecord = {
      id,
      operationId: who.operationId,
      record: 'settlement',
      groupId: '',
      ...parsed.value,
      createdAt: before?.createdAt ?? now,
      updatedAt: now,
    };
    await db.tasks.put(record);
    await note(db, who, '', aftercareLogText.settlement(record, Boolean(before)));
    return { ok: true } as const;
  });
}

/**
 * The 宣布执行完毕 entry, or nothing: read newest first and stopping at it, so a completed
 * operation's long log is not loaded (nothing can be logged as a phase after completion).
 */
export async function completionEntries(db: ConsoleDb, operationId: string): Promise<LogEntry[]> {
  const entry = await db.logEntries
    .where('[operationId+seq]')
    .between([operationId, Dexie.minKey], [operationId, Dexie.maxKey])
    .reverse()
    .filter((e) => e.category === 'phase' && e.data?.phase === 'complete')
    .first();
  return entry ? [entry] : [];
}

// —— the 《强制执行情况报告》 as a document: draft → edit → issue (documents/repository) ——

export type CourtReportRecord = Extract<DocumentRecord, { kind: 'courtReport' }>;

export async function listCourtReports(db: ConsoleDb, operationId: string): Promise<CourtReportRecord[]> {
  return (await listDocuments(db, operationId)).filter((d): d is CourtReportRecord => d.kind === 'courtReport');
}

/** The report's wording as the records and the log read now. */
async function freshText(db: ConsoleDb, operationId: string): Promise<{ text: CourtReportText; basisNumber: string }> {
  const backup = await loadOperationBackup(db, operationId);
  const data = courtReportData(backup, backupChainHead(backup), chinaInstant(new Date()));
  return { text: courtReportText(data), basisNumber: backup.operation.basisDocument.number };
}

/**
 * A new draft generated from the records, or a correction of an issued report that starts
 * from its wording. Only one draft at a time: an existing one is returned instead.
 */
export async function createCourtReportDraft(db: ConsoleDb, operationId: string, replaces?: CourtReportRecord): Promise<string> {
  const existing = (await listCourtReports(db, operationId)).find((d) => d.status === 'draft');
  if (existing) return existing.id;
  const { text, basisNumber } = await freshText(db, operationId);
  const now = new Date();
  const record: CourtReportRecord = {
    id: crypto.randomUUID(),
    operationId,
    kind: 'courtReport',
    issuerCode: replaces?.issuerCode ?? defaultIssuerCode(basisNumber, 'courtReport'),
    year: Number(chinaDate(now).slice(0, 4)),
    status: 'draft',
    createdAt: chinaInstant(now),
    updatedAt: chinaInstant(now),
    data: replaces ? { ...replaces.data, documentNumber: '', issuedOn: '' } : text,
    ...(replaces ? { replacesId: replaces.id } : {}),
  };
  await db.documents.add(record);
  return record.id;
}

/** The wording generated again from the records as they stand; what staff wrote under 其他情况 is kept. */
export async function regenerateCourtReportText(db: ConsoleDb, draft: CourtReportRecord): Promise<CourtReportText> {
  const { text } = await freshText(db, draft.operationId);
  const data = { ...text, remarks: draft.data.remarks };
  await updateDraft(db, draft.id, { data });
  return data;
}
