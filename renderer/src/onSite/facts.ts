// DOM. The facts the console's gates read, from the operation's records in the database.
import { startFactsFromRecords } from '../../../shared/onSite/facts';
import type { StartFacts } from '../../../shared/onSite/gates';
import type { ConsoleDb } from '../data/db';
import { readNightHours, registerStoredSchedules, type NightHours } from '../settings/settings';

export interface GateContext {
  facts: StartFacts;
  night: NightHours;
}

/** The facts and the night hours, read now (inside the act being decided when there is one). */
export async function loadGateContext(db: ConsoleDb, operationId: string): Promise<GateContext> {
  // The holiday schedules loaded in 设置 decide which days are rest days.
  await registerStoredSchedules(db);
  const [operation, subjects, documents, services, postings, plans, groups, night] = await Promise.all([
    db.operations.get(operationId),
    db.subjects.where('operationId').equals(operationId).toArray(),
    db.documents.where('operationId').equals(operationId).toArray(),
    db.services.where('operationId').equals(operationId).toArray(),
    db.postings.where('operationId').equals(operationId).toArray(),
    db.plans.where('operationId').equals(operationId).toArray(),
    db.workingGroups.where('operationId').equals(operationId).toArray(),
    readNightHours(db),
  ]);
  if (!operation) throw new Error('找不到该行动');
  return { facts: startFactsFromRecords({ operation, subjects, documents, services, postings, plans, groups }), night };
}
