// DOM. Reading the command post, and its acts: each reads the operation's command post under
// the operation's lock, decides with the pure function (shared/commandPost/acts.ts) and goes
// through the one write path, so it is permission-checked and logged; nothing here writes a
// table itself.
import { chinaDate, chinaInstant } from '../../../shared/calendar/chinaTime';
import {
  decideCommand,
  decideDeleteHouseholdMember,
  decideDeleteMemberUnit,
  decideDeletePerson,
  decideDeleteWorkingGroup,
  decideRemoveSubject,
  decideSaveHouseholdMember,
  decideSaveMemberUnit,
  decideSavePerson,
  decideSaveSubject,
  decideSaveWorkingGroup,
  decideStandardGroups,
  type CommandInput,
  type CommandPostRecords,
} from '../../../shared/commandPost/acts';
import { sortGroups, sortPeople, sortUnits } from '../../../shared/commandPost/rules';
import type { MemberUnit, Person, WorkingGroup } from '../../../shared/commandPost/types';
import type { Decision } from '../../../shared/operation/decision';
import { sortHouseholdMembers } from '../../../shared/operation/household';
import type { FieldErrors } from '../../../shared/operation/newOperation';
import type { HouseholdMember } from '../../../shared/operation/types';
import type { Action, Actor } from '../../../shared/operators/permissions';
import type { ConsoleDb } from '../data/db';
import { commitAct, commitDecision } from '../operation/commitDecision';

/** What a save returns: the record's id, or the messages to show beside the fields. */
export type SaveResult = { ok: true; id: string } | { ok: false; errors: FieldErrors };

/** Every list in display order. */
export interface CommandPostData {
  memberUnits: MemberUnit[];
  people: Person[];
  workingGroups: WorkingGroup[];
  householdMembers: HouseholdMember[];
}

export async function loadCommandPost(db: ConsoleDb, operationId: string): Promise<CommandPostData> {
  const [memberUnits, people, workingGroups, householdMembers] = await Promise.all([
    db.memberUnits.where('operationId').equals(operationId).toArray(),
    db.people.where('operationId').equals(operationId).toArray(),
    db.workingGroups.where('operationId').equals(operationId).toArray(),
    db.householdMembers.where('operationId').equals(operationId).toArray(),
  ]);
  const units = sortUnits(memberUnits);
  return {
    memberUnits: units,
    people: sortPeople(people, units),
    workingGroups: sortGroups(workingGroups),
    householdMembers: sortHouseholdMembers(householdMembers),
  };
}

/** The records the command post's decide functions read. */
export async function readCommandPost(db: ConsoleDb, operationId: string): Promise<CommandPostRecords> {
  const [operation, subjects, householdMembers, memberUnits, people, workingGroups] = await Promise.all([
    db.operations.get(operationId),
    db.subjects.where('operationId').equals(operationId).toArray(),
    db.householdMembers.where('operationId').equals(operationId).toArray(),
    db.memberUnits.where('operationId').equals(operationId).toArray(),
    db.people.where('operationId').equals(operationId).toArray(),
    db.workingGroups.where('operationId').equals(operationId).toArray(),
  ]);
  if (!operation) throw new Error('找不到该行动，可能已被删除');
  return { operation, subjects, householdMembers, memberUnits, people, workingGroups };
}

const newId = () => crypto.randomUUID();
const currentYear = () => Number(chinaDate(new Date()).slice(0, 4));

/** A save: decided on fresh records under the operation's lock, committed, or its field messages. */
async function save(
  db: ConsoleDb,
  operationId: string,
  actor: Actor | undefined,
  action: Action,
  decide: (records: CommandPostRecords) => Decision<string>,
): Promise<SaveResult> {
  const done = await commitDecision(db, { operationId, actor, action, decide: async (db) => decide(await readCommandPost(db, operationId)) });
  return done.ok ? { ok: true, id: done.result } : done;
}

/** A deletion: permission-checked ('deleteRecord') and logged with what was deleted. */
async function deletion(db: ConsoleDb, operationId: string, actor: Actor | undefined, decide: (records: CommandPostRecords) => ReturnType<typeof decideDeleteMemberUnit>): Promise<void> {
  await commitAct(db, { operationId, actor, action: { kind: 'deleteRecord' }, decide: async (db) => decide(await readCommandPost(db, operationId)) });
}

const edit: Action = { kind: 'editRecords' };

// —— 被执行人及家庭 ——

/** Adds a subject (no `id`) or edits subject `id`. */
export const saveSubject = (db: ConsoleDb, operationId: string, input: unknown, id: string | undefined, actor: Actor | undefined) =>
  save(db, operationId, actor, edit, (r) => decideSaveSubject(r, input, id, newId));

/** Removes a subject with their household members; the others keep their order without gaps. */
export const removeSubject = (db: ConsoleDb, operationId: string, subjectId: string, actor: Actor | undefined) =>
  deletion(db, operationId, actor, (r) => decideRemoveSubject(r, subjectId));

/** Adds a household member to `subjectId`, or edits member `id`. */
export const saveHouseholdMember = (db: ConsoleDb, operationId: string, subjectId: string, input: unknown, id: string | undefined, actor: Actor | undefined) =>
  save(db, operationId, actor, edit, (r) => decideSaveHouseholdMember(r, subjectId, input, id, currentYear(), newId));

export const deleteHouseholdMember = (db: ConsoleDb, operationId: string, id: string, actor: Actor | undefined) =>
  deletion(db, operationId, actor, (r) => decideDeleteHouseholdMember(r, id));

// —— 成员单位与人员 ——

export const saveMemberUnit = (db: ConsoleDb, operationId: string, input: unknown, id: string | undefined, actor: Actor | undefined) =>
  save(db, operationId, actor, edit, (r) => decideSaveMemberUnit(r, input, id, newId));

export const deleteMemberUnit = (db: ConsoleDb, operationId: string, id: string, actor: Actor | undefined) =>
  deletion(db, operationId, actor, (r) => decideDeleteMemberUnit(r, id));

export const savePerson = (db: ConsoleDb, operationId: string, input: unknown, id: string | undefined, actor: Actor | undefined) =>
  save(db, operationId, actor, edit, (r) => decideSavePerson(r, input, id, newId));

/** Refused for a commander, deputy or group leader; a plain member leaves their groups. */
export const deletePerson = (db: ConsoleDb, operationId: string, id: string, actor: Actor | undefined) =>
  deletion(db, operationId, actor, (r) => decideDeletePerson(r, id));

// —— 工作小组 ——

/** Edits group `id`, or adds a custom group when `id` is absent. */
export const saveWorkingGroup = (db: ConsoleDb, operationId: string, input: unknown, id: string | undefined, actor: Actor | undefined) =>
  save(db, operationId, actor, { kind: 'assignGroups' }, (r) => decideSaveWorkingGroup(r, input, id, newId));

export const deleteWorkingGroup = (db: ConsoleDb, operationId: string, id: string, actor: Actor | undefined) =>
  deletion(db, operationId, actor, (r) => decideDeleteWorkingGroup(r, id));

/** Adds the standard groups an operation created before they came with it lacks. */
export const addStandardGroups = (db: ConsoleDb, operationId: string, actor: Actor | undefined) =>
  commitAct(db, { operationId, actor, action: edit, decide: async (db) => decideStandardGroups(await readCommandPost(db, operationId), newId) });

// —— 现场执行指挥 ——

/**
 * Designates the commander (the first by the station setting the operation up; afterwards
 * handed over by the commander only, to someone with a PIN here: `enrolled`) and the deputy
 * (by the commander). Logged as 指挥调整 with before and after.
 */
export async function setCommand(db: ConsoleDb, operationId: string, input: CommandInput, actor: Actor | undefined, enrolled: readonly string[]): Promise<SaveResult> {
  const operation = await db.operations.get(operationId);
  const action: Action = operation?.onSiteCommanderId && input.onSiteCommanderId !== operation.onSiteCommanderId ? { kind: 'designateCommander' } : { kind: 'designateDeputy' };
  return save(db, operationId, actor, action, (r) => decideCommand(r, input, actor, enrolled, chinaInstant(new Date())));
}
