// DOM. Writing an imported roster: member units and people together or not at all.
import { unitKey, type ExistingRoster, type RosterPlan } from '../../../../shared/commandPost/roster';
import type { ConsoleDb } from '../../data/db';

export async function loadRoster(db: ConsoleDb, operationId: string): Promise<ExistingRoster> {
  const [memberUnits, people] = await Promise.all([
    db.memberUnits.where('operationId').equals(operationId).toArray(),
    db.people.where('operationId').equals(operationId).toArray(),
  ]);
  return { memberUnits, people };
}

/** One transaction: a failure anywhere leaves the roster exactly as it was. */
export async function importRoster(db: ConsoleDb, operationId: string, plan: RosterPlan): Promise<void> {
  if ([...plan.memberUnits, ...plan.people].some((r) => r.operationId !== operationId)) {
    throw new Error('导入的名单不属于当前行动，未导入');
  }
  await db.transaction('rw', db.operations, db.memberUnits, db.people, async () => {
    if (!(await db.operations.get(operationId))) throw new Error('找不到该行动，可能已被删除');
    // The plan was built from what the dialog saw; a unit added since then would be added twice.
    const present = new Set((await db.memberUnits.where('operationId').equals(operationId).toArray()).map((u) => unitKey(u.name)));
    const clash = plan.memberUnits.find((u) => present.has(unitKey(u.name)));
    if (clash) throw new Error(`成员单位“${clash.name}”刚刚已被添加；请重新选择文件后再导入`);
    await db.memberUnits.bulkAdd(plan.memberUnits);
    await db.people.bulkAdd(plan.people);
  });
}
