// Pure. The acts after completion, each decided as an ActOutcome: aftercare tasks and the
// 执行和解协议 (each with a 'note' entry, data { aftercare: true }, so the log tells the
// aftercare story on its own), and drafting the 《强制执行情况报告》 from the records and the log.
import type { OperationBackup } from '../archive/backup';
import { courtReportData, courtReportText, type CourtReportText } from '../documents/courtReport';
import type { Decided } from '../documents/acts/decided';
import { correctedDocument, draftCreatedText, draftRecord } from '../documents/acts/drafts';
import { backupChainHead } from '../documents/registry';
import { defaultIssuerCode, type DocumentRecord } from '../documents/records';
import type { IsoInstant } from '../operation/types';
import { put, type ActOutcome, type EntryContent } from '../record/act';
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
} from './aftercare';

const aftercareEntry = (group: string, text: string): EntryContent => ({ category: 'note', group, text, data: { aftercare: true } });

/** 新增善后事项: open, with its owner and due date. */
export function addAftercareTaskOutcome(input: AftercareTaskInput, ctx: { id: string; operationId: string; now: IsoInstant }): Decided<string> {
  const parsed = parseInput(aftercareTaskInputSchema, input);
  if (!parsed.ok) return parsed;
  const task: AftercareTask = {
    id: ctx.id,
    operationId: ctx.operationId,
    record: 'task',
    ...parsed.value,
    status: 'open',
    doneOn: '',
    note: '',
    createdAt: ctx.now,
    updatedAt: ctx.now,
  };
  return { ok: true, outcome: { entry: aftercareEntry(task.groupId, aftercareLogText.added(task)), changes: [put('tasks', task)], result: task.id } };
}

/** 标记完成: once, on a day not before the task was registered. */
export function completeAftercareTaskOutcome(tasks: readonly TaskRecord[], taskId: string, input: TaskDoneInput, ctx: { now: IsoInstant }): Decided<string> {
  const parsed = parseInput(taskDoneInputSchema, input);
  if (!parsed.ok) return parsed;
  const task = tasks.find((t) => t.id === taskId);
  if (task?.record !== 'task') throw new Error('找不到该善后事项');
  if (task.status === 'done') throw new Error('该善后事项已完成');
  const { doneOn, note } = parsed.value;
  const problem = doneOnProblem(task, doneOn);
  if (problem) return { ok: false, errors: { doneOn: problem } };
  const done: AftercareTask = { ...task, status: 'done', doneOn, note, updatedAt: ctx.now };
  return { ok: true, outcome: { entry: aftercareEntry(task.groupId, aftercareLogText.done(task, doneOn, note)), changes: [put('tasks', done)], result: task.id } };
}

/** Records the settlement agreement, or replaces it (one per operation); the log keeps every version. */
export function settlementOutcome(tasks: readonly TaskRecord[], input: SettlementInput, ctx: { operationId: string; now: IsoInstant }): Decided<string> {
  const parsed = parseInput(settlementInputSchema, input);
  if (!parsed.ok) return parsed;
  const id = settlementId(ctx.operationId);
  const before = tasks.find((t) => t.id === id);
  const record: SettlementRecord = {
    id,
    operationId: ctx.operationId,
    record: 'settlement',
    groupId: '',
    ...parsed.value,
    createdAt: before?.createdAt ?? ctx.now,
    updatedAt: ctx.now,
  };
  return { ok: true, outcome: { entry: aftercareEntry('', aftercareLogText.settlement(record, Boolean(before))), changes: [put('tasks', record)], result: id } };
}

// —— the 《强制执行情况报告》 as a document: draft → edit → issue (shared/documents/acts) ——

export type CourtReportRecord = Extract<DocumentRecord, { kind: 'courtReport' }>;

/** The report's wording as the records and the log in `backup` read, on the day of `now`. */
export const courtReportWording = (backup: OperationBackup, now: IsoInstant): CourtReportText =>
  courtReportText(courtReportData(backup, backupChainHead(backup), now));

/** The wording generated again from the records; what staff wrote under 其他情况 is kept. */
export const regeneratedCourtReportText = (backup: OperationBackup, draft: CourtReportRecord, now: IsoInstant): CourtReportText => ({
  ...courtReportWording(backup, now),
  remarks: draft.data.remarks,
});

/**
 * A new draft generated from the records, or a correction of an issued report that starts
 * from its wording. One draft at a time: while one exists, it is edited instead.
 */
export function courtReportDraftOutcome(backup: OperationBackup, ctx: { id: string; now: IsoInstant; replacesId?: string }): ActOutcome<string> {
  const documents = backup.documents as unknown as DocumentRecord[];
  if (documents.some((d) => d.kind === 'courtReport' && d.status === 'draft')) throw new Error('已有一份情况报告草稿，请编辑该草稿');
  const replaces = ctx.replacesId ? (correctedDocument(documents, ctx.replacesId, 'courtReport') as CourtReportRecord) : undefined;
  const data = replaces ? { ...replaces.data, documentNumber: '', issuedOn: '' } : courtReportWording(backup, ctx.now);
  const issuerCode = replaces?.issuerCode ?? defaultIssuerCode(backup.operation.basisDocument.number, 'courtReport');
  const draft = draftRecord<CourtReportRecord>(
    { kind: 'courtReport', data, ...(replaces ? { replacesId: replaces.id } : {}) },
    { id: ctx.id, operationId: backup.operation.id, issuerCode, now: ctx.now },
  );
  return { entry: { category: 'edit', text: draftCreatedText('courtReport', replaces) }, changes: [put('documents', draft)], result: draft.id };
}
