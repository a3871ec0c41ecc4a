// DOM. Reading and writing operations in the local database.
import Dexie from 'dexie';
import { chinaDate, chinaInstant } from '../../../shared/calendar/chinaTime';
import { demoOperationInput, demoParticularsInput } from '../../../shared/operation/demo';
import { operationPeriodEnd, subjectPeriods } from '../../../shared/documents/periods';
import {
  parseCosts,
  parseParticulars,
  parseRulingDetails,
  type CostsInput,
  type ParticularsInput,
  type RulingDetailsInput,
} from '../../../shared/operation/particulars';
import type { Actor } from '../../../shared/operators/permissions';
import { openTasks } from '../../../shared/report/aftercare';
import { onSiteState } from '../../../shared/onSite/state';
import { nextDeadline, operationStage, type DeadlineCandidate, type OperationStage } from '../../../shared/operation/stage';
import { buildOperation, validateNewOperation, type NewOperationValues } from '../../../shared/operation/newOperation';
import { issuingBodyLabels, rulingScopeLabels, type Operation, type Subject } from '../../../shared/operation/types';
import { ensureStandardGroups, seedDemoCommandPost } from '../commandPost/repository';
import type { ConsoleDb } from '../data/db';
import { appendLog } from '../log/repository';
import { requirePermission } from '../operators/repository';
import type { RecordSaveResult } from '../ui/useRecordForm';

export interface OperationSummary extends Operation {
  subjects: Subject[];
}

export async function createOperation(db: ConsoleDb, values: NewOperationValues, isDemo = false): Promise<string> {
  const { operation, subjects } = buildOperation(
    values,
    { operationId: crypto.randomUUID(), subjectIds: values.subjects.map(() => crypto.randomUUID()) },
    chinaInstant(new Date()),
    isDemo,
  );
  // One transaction: an operation is never stored without its subjects and standard groups.
  await db.transaction('rw', db.operations, db.subjects, db.workingGroups, async () => {
    await db.operations.add(operation);
    await db.subjects.bulkAdd(subjects);
    await ensureStandardGroups(db, operation.id);
  });
  return operation.id;
}

/** Loads the 示例行动, with its command post, through the same validation as user input. */
export async function loadDemoOperation(db: ConsoleDb, now = new Date()): Promise<string> {
  const result = validateNewOperation(demoOperationInput, chinaDate(now));
  if (!result.ok) throw new Error(`示例数据无效：${Object.values(result.errors).join('；')}`);
  const { values } = result;
  const particulars = parseParticulars(demoParticularsInput);
  if (!particulars.ok) throw new Error(`示例告知事项无效：${Object.values(particulars.errors).join('；')}`);
  return db.transaction(
    'rw',
    [db.operations, db.subjects, db.householdMembers, db.memberUnits, db.people, db.workingGroups],
    async () => {
      const id = await createOperation(db, values, true);
      await db.operations.update(id, { particulars: particulars.value });
      await seedDemoCommandPost(db, id);
      return id;
    },
  );
}

export async function setArchived(db: ConsoleDb, id: string, archived: boolean): Promise<void> {
  const now = chinaInstant(new Date());
  const changed = await db.operations.update(id, {
    status: archived ? 'archived' : 'active',
    archivedAt: archived ? now : undefined,
    updatedAt: now,
  });
  if (changed === 0) throw new Error('找不到该行动，可能已被删除');
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

/** The overview row of one operation, read without loading its whole log. */
export async function operationOverview(db: ConsoleDb, operation: Operation, today: string): Promise<OperationOverview> {
  const id = operation.id;
  const [plans, documents, services, entries, tasks] = await Promise.all([
    db.plans.where('operationId').equals(id).toArray(),
    db.documents.where('operationId').equals(id).toArray(),
    db.services.where('operationId').equals(id).toArray(),
    db.logEntries
      .where('[operationId+seq]')
      .between([id, Dexie.minKey], [id, Dexie.maxKey])
      .filter((e) => onSiteCategories.has(e.category))
      .toArray(),
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

/**
 * Saves a change to the operation in one transaction with its log entry: the scope of the
 * ruling, the issuing body, what the subject is told and the costs bear on the law, so who
 * changed them, and when, stays on record. Only the command changes them.
 */
async function changeOperation(
  db: ConsoleDb,
  operationId: string,
  actor: Actor | undefined,
  changes: Partial<Operation>,
  text: string,
): Promise<RecordSaveResult> {
  await requirePermission(db, operationId, actor, { kind: 'issueDocument' });
  await db.transaction('rw', db.operations, db.logEntries, async () => {
    const changed = await db.operations.update(operationId, { ...changes, updatedAt: chinaInstant(new Date()) });
    if (changed === 0) throw new Error('找不到该行动，可能已被删除');
    await appendLog(db, { operationId, operator: actor!.name, group: '', category: 'system', text });
  });
  return { ok: true };
}

/** The ruling's scope and limit (法释〔2012〕4号第九条) and in whose name documents are issued. */
export async function saveRulingDetails(db: ConsoleDb, operation: Operation, input: RulingDetailsInput, actor: Actor | undefined): Promise<RecordSaveResult> {
  const parsed = parseRulingDetails(input);
  if (!parsed.ok) return parsed;
  const { scope, scopeLimit, issuingBody } = parsed.value;
  const { scopeLimit: _old, ...ruling } = operation.courtRuling;
  return changeOperation(
    db,
    operation.id,
    actor,
    { courtRuling: { ...ruling, scope, ...(scopeLimit ? { scopeLimit } : {}) }, issuingBody },
    `记录裁定执行范围：${rulingScopeLabels[scope]}${scopeLimit ? `（限制：${scopeLimit}）` : ''}；发文名义：${issuingBodyLabels[issuingBody]}`,
  );
}

/** What the notice and announcement tell the subject (issue 14 item 2). */
export async function saveParticulars(db: ConsoleDb, operationId: string, input: ParticularsInput, actor: Actor | undefined): Promise<RecordSaveResult> {
  const parsed = parseParticulars(input);
  if (!parsed.ok) return parsed;
  const c = parsed.value.compensation;
  const money = c.arrangement === 'account' ? `专户 ${c.bank} 账号 ${c.accountNumber}` : `提存 ${c.notaryOffice} ${c.certificateNumber}`;
  return changeOperation(db, operationId, actor, { particulars: parsed.value }, `记录告知事项：补偿款 ${c.amount} 元（${money}）；联系人 ${parsed.value.contactPerson}`);
}

/** 执行费用 and who bears them (行政强制法第六十条). */
export async function saveCosts(db: ConsoleDb, operationId: string, input: CostsInput, actor: Actor | undefined): Promise<RecordSaveResult> {
  const parsed = parseCosts(input);
  if (!parsed.ok) return parsed;
  return changeOperation(db, operationId, actor, { costs: parsed.value }, `记录执行费用：${parsed.value.amount} 元，由${parsed.value.bearer}承担`);
}
