// DOM. An imported roster is one act: its member units and people are written together or
// not at all, through the one write path (permission-checked, one 资料变更 entry).
import { decideRosterImport } from '../../../../shared/commandPost/acts';
import type { ExistingRoster, RosterPlan } from '../../../../shared/commandPost/roster';
import type { Actor } from '../../../../shared/operators/permissions';
import type { ConsoleDb } from '../../data/db';
import { commitAct } from '../../operation/commitDecision';
import { readCommandPost } from '../repository';

export async function loadRoster(db: ConsoleDb, operationId: string): Promise<ExistingRoster> {
  const [memberUnits, people] = await Promise.all([
    db.memberUnits.where('operationId').equals(operationId).toArray(),
    db.people.where('operationId').equals(operationId).toArray(),
  ]);
  return { memberUnits, people };
}

/** Resolves to the number of people imported; a refusal leaves the roster exactly as it was. */
export function importRoster(db: ConsoleDb, operationId: string, plan: RosterPlan, actor: Actor | undefined, fileName = ''): Promise<number> {
  return commitAct(db, {
    operationId,
    actor,
    action: { kind: 'editRecords' },
    decide: async (db) => decideRosterImport(await readCommandPost(db, operationId), plan, fileName),
  });
}
