// DOM. Reading and writing operations in the local database.
import Dexie from 'dexie';
import { chinaDate, chinaInstant } from '../../../shared/calendar/chinaTime';
import { demoOperationInput } from '../../../shared/operation/demo';
import { selfPerformanceDeadline } from '../../../shared/documents/records';
import { openTasks } from '../../../shared/report/aftercare';
import { onSiteState } from '../../../shared/onSite/state';
import { nextDeadline, operationStage, type DeadlineCandidate, type OperationStage } from '../../../shared/operation/stage';
import { buildOperation, validateNewOperation, type NewOperationValues } from '../../../shared/operation/newOperation';
import type { Operation, Subject } from '../../../shared/operation/types';
import { ensureStandardGroups, seedDemoCommandPost } from '../commandPost/repository';
import type { ConsoleDb } from '../data/db';

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
  return db.transaction(
    'rw',
    [db.operations, db.subjects, db.householdMembers, db.memberUnits, db.people, db.workingGroups],
    async () => {
      const id = await createOperation(db, values, true);
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
  for (const d of served) {
    if (d.kind !== 'notice') continue;
    const service = services.find((s) => s.documentId === d.id)!;
    candidates.push({ label: '自行履行期限', date: selfPerformanceDeadline(d, service).deadline });
  }
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
