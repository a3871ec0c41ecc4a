// DOM. Reading and writing operations in the local database.
import { chinaDate, chinaInstant } from '../../../shared/calendar/chinaTime';
import { demoOperationInput } from '../../../shared/operation/demo';
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
