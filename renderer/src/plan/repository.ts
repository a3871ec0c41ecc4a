// DOM. The plan's working draft (version 0), its finalised versions, the deployment sketch and
// the meeting record: reads, and the acts decided by shared/plan/acts.ts, stored through the one
// write path. What is typed into the forms stays in the local drafts table until 保存.
import { decideDraftSave, decideFinalise, decideMeetingSave, decideSketchEdit, draftOf, type MeetingInput, type SketchEdit } from '../../../shared/plan/acts';
import { checkPlanLegality, type LegalityInput } from '../../../shared/plan/legality';
import { emptyPlanContent } from '../../../shared/plan/planContent';
import type { LegalityCheck, Plan, PlanContent, PlanSnapshot, PreparatoryMeeting } from '../../../shared/plan/types';
import type { Action, Actor } from '../../../shared/operators/permissions';
import type { ConsoleDb } from '../data/db';
import { loadGateContext } from '../onSite/facts';
import { commit } from '../record/commit';
import { commitDecision, type Saved } from '../record/decided';

const plansOf = (db: ConsoleDb, operationId: string) => db.plans.where('operationId').equals(operationId).toArray();

/** The stored draft; undefined until the plan's first save. */
export async function getDraftPlan(db: ConsoleDb, operationId: string): Promise<Plan | undefined> {
  return draftOf(await plansOf(db, operationId));
}

/**
 * Anyone on the roster, signed in, may prepare the plan and record the meeting; finalising is
 * the command's (finalisePlan below).
 */
export const preparingPlan: Action = { kind: 'log', group: '' };

/** Saves the form's content as the draft; refuses content that does not fit the plan's shape. */
export function saveDraftContent(db: ConsoleDb, operationId: string, content: PlanContent, actor: Actor | undefined): Promise<Saved<Plan>> {
  const id = crypto.randomUUID();
  return commitDecision(db, {
    operationId,
    actor,
    action: preparingPlan,
    decide: async (read) => decideDraftSave(await getDraftPlan(read, operationId), operationId, content, id, new Date()),
  });
}

/** One change to the deployment sketch (picture, marker placed or removed), made on the draft as stored. */
export async function editSketch(db: ConsoleDb, operationId: string, edit: SketchEdit, actor: Actor | undefined): Promise<Plan> {
  const id = crypto.randomUUID();
  const { result } = await commit(db, {
    operationId,
    actor,
    action: preparingPlan,
    build: async (read) => decideSketchEdit(await getDraftPlan(read, operationId), operationId, edit, id, new Date()),
  });
  return result;
}

/** What the checks read besides the content: the same data the start gate and the finalisation see. */
async function legalityContext(db: ConsoleDb, operationId: string): Promise<Omit<LegalityInput, 'content'> | undefined> {
  const [operation, groups, people, memberUnits] = await Promise.all([
    db.operations.get(operationId),
    db.workingGroups.where('operationId').equals(operationId).sortBy('position'),
    db.people.where('operationId').equals(operationId).toArray(),
    db.memberUnits.where('operationId').equals(operationId).toArray(),
  ]);
  if (!operation) return undefined;
  // As the start gate reads them: the service records and periods, the holiday schedules loaded
  // in 设置 (read here, so a live query re-checks when one is loaded) and the night hours.
  const { facts, night } = await loadGateContext(db, operationId);
  return { operation, groups, people, memberUnits, night, periods: facts.subjects };
}

/** The checks on what is stored now (an empty plan before the first save): what the finalisation will see. */
export async function currentLegality(db: ConsoleDb, operationId: string): Promise<LegalityCheck[]> {
  const [draft, context] = await Promise.all([getDraftPlan(db, operationId), legalityContext(db, operationId)]);
  if (!context) return [];
  return checkPlanLegality({ ...context, content: draft?.content ?? emptyPlanContent() });
}

/**
 * Locks the stored draft as the next numbered version, as the signed-in person: only the
 * commander or the deputy may. The checks run again in the act, on the records as they stand.
 */
export async function finalisePlan(db: ConsoleDb, operationId: string, actor: Actor | undefined): Promise<Plan> {
  const id = crypto.randomUUID();
  const { result } = await commit(db, {
    operationId,
    actor,
    action: { kind: 'finalisePlan' },
    build: async (read) => {
      const [plans, legality, snapshot] = await Promise.all([plansOf(read, operationId), legalityContext(read, operationId), snapshotOf(read, operationId)]);
      if (!legality) throw new Error('找不到该行动');
      return decideFinalise({ plans, legality, snapshot }, actor!.name, id, new Date());
    },
  });
  return result;
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
  const plans = await plansOf(db, operationId);
  return plans.filter((p) => p.status === 'final').sort((a, b) => b.version - a.version);
}

export async function getMeeting(db: ConsoleDb, operationId: string): Promise<PreparatoryMeeting | undefined> {
  return db.preparatoryMeetings.where('operationId').equals(operationId).first();
}

/** Saves the 执行预备会 record (one per operation) as the signed-in person. */
export function saveMeeting(db: ConsoleDb, operationId: string, input: MeetingInput, actor: Actor | undefined): Promise<Saved<PreparatoryMeeting>> {
  const id = crypto.randomUUID();
  return commitDecision(db, {
    operationId,
    actor,
    action: preparingPlan,
    decide: async (read) => decideMeetingSave(await getMeeting(read, operationId), operationId, input, id),
  });
}
