// DOM. The plan's working draft (version 0), its finalised versions, and the meeting record.
import type { Actor } from '../../../shared/operators/permissions';
import { requirePermission } from '../operators/repository';
import { chinaInstant } from '../../../shared/calendar/chinaTime';
import { canFinalise, checkPlanLegality } from '../../../shared/plan/legality';
import { emptyPlanContent, planContentSchema } from '../../../shared/plan/planContent';
import type { LegalityCheck, Plan, PlanContent, PlanSnapshot, PreparatoryMeeting } from '../../../shared/plan/types';
import type { ConsoleDb } from '../data/db';
import { appendLog } from '../log/repository';
import { gateTables, loadGateContext } from '../onSite/facts';

const DRAFT_VERSION = 0;

const draftOf = (db: ConsoleDb, operationId: string) =>
  db.plans.where('[operationId+version]').equals([operationId, DRAFT_VERSION]).first();

/** The draft, created on first use. Safe to call twice at once (StrictMode effects). */
export async function ensureDraftPlan(db: ConsoleDb, operationId: string): Promise<Plan> {
  return db.transaction('rw', db.plans, async () => {
    const existing = await draftOf(db, operationId);
    if (existing) return existing;
    const draft: Plan = {
      id: crypto.randomUUID(),
      operationId,
      version: DRAFT_VERSION,
      status: 'draft',
      content: emptyPlanContent(),
      updatedAt: chinaInstant(new Date()),
    };
    await db.plans.add(draft);
    return draft;
  });
}

export const getDraftPlan = draftOf;

/** Saves the draft's content; refuses content that does not fit the plan's shape. */
export async function saveDraftContent(db: ConsoleDb, operationId: string, content: PlanContent): Promise<void> {
  const { sketch, ...rest } = content;
  const parsed = planContentSchema.safeParse(rest);
  if (!parsed.success) throw new Error(parsed.error.issues.map((i) => i.message).join('；'));
  await db.transaction('rw', db.plans, async () => {
    const draft = await draftOf(db, operationId);
    if (!draft) throw new Error('预案草稿不存在，请刷新后重试');
    await db.plans.update(draft.id, { content: { ...content, sketch }, updatedAt: chinaInstant(new Date()) });
  });
}

/** The checks on what is stored now: the same data the finalisation will see. */
export async function currentLegality(db: ConsoleDb, operationId: string): Promise<LegalityCheck[]> {
  const [draft, operation, groups, people, memberUnits] = await Promise.all([
    draftOf(db, operationId),
    db.operations.get(operationId),
    db.workingGroups.where('operationId').equals(operationId).sortBy('position'),
    db.people.where('operationId').equals(operationId).toArray(),
    db.memberUnits.where('operationId').equals(operationId).toArray(),
  ]);
  if (!draft || !operation) return [];
  // As the start gate reads them: the service records and periods, the holiday schedules loaded
  // in 设置 (read here, so a live query re-checks when one is loaded) and the night hours.
  const { facts, night } = await loadGateContext(db, operationId);
  return checkPlanLegality({ content: draft.content, operation, groups, people, memberUnits, night, periods: facts.subjects });
}

/** Finalises as the signed-in person: only the commander or the deputy may. */
export async function finalisePlanAs(db: ConsoleDb, operationId: string, actor: Actor | undefined): Promise<Plan> {
  await requirePermission(db, operationId, actor, { kind: 'finalisePlan' });
  return finalisePlan(db, operationId, actor!.name);
}

/**
 * Locks the draft as the next numbered version (as `finalisedBy`, whose right to it the
 * caller has checked: the screen goes through finalisePlanAs). The checks run again here, inside the
 * transaction, so a plan that would break the law cannot be finalised by a stale screen.
 */
export async function finalisePlan(db: ConsoleDb, operationId: string, finalisedBy: string): Promise<Plan> {
  const tables = [...new Set([...gateTables(db), db.people, db.householdMembers, db.memberUnits, db.preparatoryMeetings, db.logEntries])];
  return db.transaction('rw', tables, async () => {
    const checks = await currentLegality(db, operationId);
    const draft = await draftOf(db, operationId);
    if (!draft) throw new Error('预案草稿不存在');
    if (!canFinalise(checks)) {
      const failed = checks.filter((c) => c.blocking && c.status === 'fail').map((c) => `${c.title}：${c.message}`);
      throw new Error(`预案未通过合法性审查，不能定稿：${failed.join('；')}`);
    }
    const all = await db.plans.where('operationId').equals(operationId).toArray();
    const version = Math.max(...all.map((p) => p.version)) + 1;
    const now = chinaInstant(new Date());
    const final: Plan = {
      ...draft,
      id: crypto.randomUUID(),
      version,
      status: 'final',
      updatedAt: now,
      finalisedAt: now,
      finalisedBy,
      legality: checks,
      snapshot: await snapshotOf(db, operationId),
    };
    await db.plans.add(final);
    await appendLog(db, {
      operationId,
      operator: finalisedBy,
      group: '',
      category: 'system',
      text: `《强制执行预案》定稿为第 ${version} 版`,
      data: { planVersion: version },
    });
    return final;
  });
}

/** Everything a printed plan shows besides its content, as it is now. */
export async function snapshotOf(db: ConsoleDb, operationId: string): Promise<PlanSnapshot> {
  const [operation, subjects, householdMembers, memberUnits, people, groups, meeting] = await Promise.all([
    db.operations.get(operationId),
    db.subjects.where('operationId').equals(operationId).sortBy('position'),
    db.householdMembers.where('operationId').equals(operationId).toArray(),
    db.memberUnits.where('operationId').equals(operationId).toArray(),
    db.people.where('operationId').equals(operationId).toArray(),
    db.workingGroups.where('operationId').equals(operationId).sortBy('position'),
    getMeeting(db, operationId),
  ]);
  if (!operation) throw new Error('找不到该行动');
  return { operation, subjects, householdMembers, memberUnits, people, groups, ...(meeting ? { meeting } : {}) };
}

/** Finalised versions, newest first. */
export async function listFinalPlans(db: ConsoleDb, operationId: string): Promise<Plan[]> {
  const plans = await db.plans.where('operationId').equals(operationId).toArray();
  return plans.filter((p) => p.status === 'final').sort((a, b) => b.version - a.version);
}

export async function getMeeting(db: ConsoleDb, operationId: string): Promise<PreparatoryMeeting | undefined> {
  return db.preparatoryMeetings.where('operationId').equals(operationId).first();
}

export async function saveMeeting(db: ConsoleDb, meeting: PreparatoryMeeting): Promise<void> {
  await db.preparatoryMeetings.put(meeting);
}
