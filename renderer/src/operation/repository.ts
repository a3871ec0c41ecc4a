// DOM. Reading operations, and their acts: each decided by a pure function (shared/operation/acts.ts)
// and written only through the one write path.
import Dexie from 'dexie';
import { chinaDate, chinaInstant } from '../../../shared/calendar/chinaTime';
import { operationPeriodEnd, subjectPeriods } from '../../../shared/documents/periods';
import { decideArchive, decideCosts, decideCreateOperation, decideLoadDemo, decideParticulars, decideRulingDetails } from '../../../shared/operation/acts';
import type { Decision } from '../../../shared/operation/decision';
import type { CostsInput, ParticularsInput, RulingDetailsInput } from '../../../shared/operation/particulars';
import type { Actor } from '../../../shared/operators/permissions';
import { openTasks } from '../../../shared/report/aftercare';
import { onSiteState } from '../../../shared/onSite/state';
import { nextDeadline, operationStage, type DeadlineCandidate, type OperationStage } from '../../../shared/operation/stage';
import type { NewOperationValues } from '../../../shared/operation/newOperation';
import type { Operation, Subject } from '../../../shared/operation/types';
import type { ConsoleDb } from '../data/db';
import type { DemoStage } from '../../../shared/demo/stages';
import { localSigner } from '../stations/local';
import { importOperationBackup } from '../archive/backupRepository';
import { serialiseBackup } from '../../../shared/archive/backup';
import { commit } from '../record/commit';
import type { RecordSaveResult } from '../ui/useRecordForm';
import { commitAct, commitDecision } from './commitDecision';

export interface OperationSummary extends Operation {
  subjects: Subject[];
}

/** Creates the operation with its subjects and nine standard groups: the station's own act (nobody can sign in yet). */
export async function createOperation(db: ConsoleDb, values: NewOperationValues): Promise<string> {
  const operationId = crypto.randomUUID();
  const now = chinaInstant(new Date());
  const { result } = await commit(db, {
    operationId,
    actor: undefined,
    action: 'bootstrap',
    build: async () => decideCreateOperation(values, operationId, () => crypto.randomUUID(), now),
  });
  return result;
}

/** Loads the 示例行动, with its command post, in one act through the same validation as user input. */
export async function loadDemoOperation(db: ConsoleDb, now = new Date()): Promise<string> {
  const operationId = crypto.randomUUID();
  const { result } = await commit(db, {
    operationId,
    actor: undefined,
    action: 'bootstrap',
    build: async () => decideLoadDemo(operationId, () => crypto.randomUUID(), chinaInstant(now)),
  });
  return result;
}

/** The id the staged demo has on every station (its document numbers are unique too: one per station). */
export const DEMO_OPERATION_ID = 'demo-operation';

/**
 * Loads the 示例行动 carried through the procedure to `stage`: the backup `npm run demo` writes
 * (shared/demo/sequence.ts, the app's own acts, dated from today so the demo is lawful now), with this station signing the
 * commander laptop's entries, so it holds the demo's roster and can go on acting (the tablet and
 * the phone sign with their demo keys). Imported as any backup with signed entries is: the
 * entries stored, the records projected from them. Loaded once per station.
 */
export async function loadDemoStage(db: ConsoleDb, stage: DemoStage, now = new Date()): Promise<string> {
  const held = await db.operations.get(DEMO_OPERATION_ID);
  if (held) throw new Error(`本机已有该示例行动（${held.courtRuling.number}${held.status === 'archived' ? '，已归档' : ''}），每台工作站只能载入一份分阶段示例，可在列表中打开它继续操作`);
  const [{ appDemoToday, buildDemoOperation }, { documentFonts }] = await Promise.all([import('../../../shared/demo/sequence'), import('../documents/fonts')]);
  const backup = await buildDemoOperation({ stage, fonts: documentFonts, appVersion: __APP_VERSION__, commander: await localSigner(), today: appDemoToday(now) });
  return importOperationBackup(db, serialiseBackup(backup));
}

/** Archives or restores the operation (by the command; by the station while it is being set up). */
export async function setArchived(db: ConsoleDb, id: string, archived: boolean, actor: Actor | undefined): Promise<void> {
  await commitAct(db, {
    operationId: id,
    actor,
    action: { kind: 'archiveOperation' },
    decide: async (db) => decideArchive(await db.operations.get(id), archived, chinaInstant(new Date())),
  });
}

export async function listOperations(db: ConsoleDb): Promise<OperationSummary[]> {
  const operations = await db.operations.orderBy('updatedAt').reverse().toArray();
  const subjects = await db.subjects.where('operationId').anyOf(operations.map((o) => o.id)).toArray();
  return operations.map((o) => ({
    ...o,
    subjects: subjects.filter((s) => s.operationId === o.id).sort((a, b) => a.position - b.position),
  }));
}

export async function getOperation(db: ConsoleDb, id: string): Promise<OperationSummary | null> {
  const operation = await db.operations.get(id);
  if (!operation) return null;
  const subjects = await db.subjects.where('operationId').equals(id).sortBy('position');
  return { ...operation, subjects };
}

export interface OperationOverview {
  stage: OperationStage;
  /** Self-performance deadline or planned enforcement day, the earliest still ahead. */
  next: DeadlineCandidate | null;
  openTasks: number;
}

const onSiteCategories = new Set(['phase', 'suspension', 'resumption', 'termination']);

/**
 * The on-site entries of both formats in the log's order: the format-1 chain by seq, then the
 * signed entries' mirror (format 2) in merged order.
 */
async function onSiteEntries(db: ConsoleDb, id: string) {
  const [format1, format2] = await Promise.all([
    db.logEntries.where('[operationId+seq]').between([id, Dexie.minKey], [id, Dexie.maxKey]).filter((e) => onSiteCategories.has(e.category)).toArray(),
    db.stationEntries.where('[operationId+order]').between([id, Dexie.minKey], [id, Dexie.maxKey]).filter((e) => onSiteCategories.has(e.category)).toArray(),
  ]);
  return [...format1, ...format2];
}

/** The overview row of one operation, read without loading its whole log. */
export async function operationOverview(db: ConsoleDb, operation: Operation, today: string): Promise<OperationOverview> {
  const id = operation.id;
  const [plans, documents, services, entries, tasks] = await Promise.all([
    db.plans.where('operationId').equals(id).toArray(),
    db.documents.where('operationId').equals(id).toArray(),
    db.services.where('operationId').equals(id).toArray(),
    onSiteEntries(db, id),
    db.tasks.where('operationId').equals(id).toArray(),
  ]);
  const served = documents.filter((d) => d.status === 'issued' && services.some((s) => s.documentId === d.id));
  const candidates: DeadlineCandidate[] = [];
  const subjects = await db.subjects.where('operationId').equals(id).toArray();
  // The operation waits for the last subject's period.
  const periodEnd = operationPeriodEnd(subjectPeriods({ subjects, documents, services }));
  if (periodEnd) candidates.push({ label: '自行履行期限', date: periodEnd });
  const plan = plans.filter((p) => p.status === 'final').sort((a, b) => b.version - a.version)[0] ?? plans[0];
  if (plan?.content.start) candidates.push({ label: '计划执行', date: plan.content.start.slice(0, 10) });
  const stage = operationStage({
    archived: operation.status === 'archived',
    planFinal: plans.some((p) => p.status === 'final'),
    documentsServed: served.length,
    onSite: onSiteState(entries).status.kind,
  });
  return { stage, next: nextDeadline(candidates, today), openTasks: openTasks(tasks).length };
}

export async function listOverviews(db: ConsoleDb, operations: readonly Operation[]): Promise<Map<string, OperationOverview>> {
  const today = chinaDate(new Date());
  return new Map(await Promise.all(operations.map(async (o) => [o.id, await operationOverview(db, o, today)] as const)));
}

// —— what is recorded on the operation after it is created ——
// The scope of the ruling, the issuing body, what the subject is told and the costs bear on
// the law, so who changed them, and when, stays on record (资料变更, with before and after).

async function changeOperation(
  db: ConsoleDb,
  operationId: string,
  actor: Actor | undefined,
  decide: (operation: Operation | undefined, now: string) => Decision<undefined>,
): Promise<RecordSaveResult> {
  const done = await commitDecision(db, {
    operationId,
    actor,
    action: { kind: 'editRecords' },
    decide: async (db) => decide(await db.operations.get(operationId), chinaInstant(new Date())),
  });
  return done.ok ? { ok: true } : done;
}

/** The ruling's scope and limit (法释〔2012〕4号第九条) and in whose name documents are issued. */
export const saveRulingDetails = (db: ConsoleDb, operationId: string, input: RulingDetailsInput, actor: Actor | undefined) =>
  changeOperation(db, operationId, actor, (operation, now) => decideRulingDetails(operation, input, now));

/** What the notice and announcement tell the subject (issue 14 item 2). */
export const saveParticulars = (db: ConsoleDb, operationId: string, input: ParticularsInput, actor: Actor | undefined) =>
  changeOperation(db, operationId, actor, (operation, now) => decideParticulars(operation, input, now));

/** 执行费用 and who bears them (行政强制法第六十条). */
export const saveCosts = (db: ConsoleDb, operationId: string, input: CostsInput, actor: Actor | undefined) =>
  changeOperation(db, operationId, actor, (operation, now) => decideCosts(operation, input, now));
