// DOM. Reading and writing the command post: subjects and their households, member
// units, people, working groups and the commander. Every write validates inside its
// transaction against fresh records, so two windows cannot slip a duplicate past it.
import { permission, type Actor } from '../../../shared/operators/permissions';
import { appendLog } from '../log/repository';
import { NOT_SIGNED_IN } from '../operators/repository';
import { chinaDate, chinaInstant } from '../../../shared/calendar/chinaTime';
import { buildDemoCommandPost } from '../../../shared/commandPost/demo';
import {
  groupDeletionBlocker,
  missingStandardGroups,
  nextGroupPosition,
  personDeletionBlocker,
  sortGroups,
  sortPeople,
  sortUnits,
  unitDeletionBlocker,
} from '../../../shared/commandPost/rules';
import { standardGroupCodes, type MemberUnit, type Person, type WorkingGroup } from '../../../shared/commandPost/types';
import {
  validateCommandAssignment,
  validateMemberUnit,
  validatePerson,
  validateWorkingGroup,
} from '../../../shared/commandPost/validation';
import {
  sortHouseholdMembers,
  subjectRemovalBlocker,
  validateHouseholdMember,
  validateSubjectEdit,
} from '../../../shared/operation/household';
import type { FieldErrors } from '../../../shared/operation/newOperation';
import type { HouseholdMember, Operation } from '../../../shared/operation/types';
import type { ConsoleDb } from '../data/db';

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

const now = () => chinaInstant(new Date());
const currentYear = () => Number(chinaDate(new Date()).slice(0, 4));

/** Any change to the command post counts as work on the operation (the list sorts by it). */
async function touch(db: ConsoleDb, operationId: string, changes: Partial<Operation> = {}): Promise<void> {
  const changed = await db.operations.update(operationId, { ...changes, updatedAt: now() });
  if (changed === 0 && !(await db.operations.get(operationId))) throw new Error('找不到该行动，可能已被删除');
}

/**
 * Creates the nine standard groups the operation lacks, in the standard order; never
 * duplicates. Safe to call any number of times, concurrently too: read-write
 * transactions on the same table run one after the other, so the second sees the first.
 */
export async function ensureStandardGroups(db: ConsoleDb, operationId: string): Promise<number> {
  return db.transaction('rw', db.workingGroups, async () => {
    const existing = await db.workingGroups
      .where('[operationId+code]')
      .anyOf(standardGroupCodes.map((code) => [operationId, code]))
      .toArray();
    const missing = missingStandardGroups(operationId, existing.map((g) => g.code), () => crypto.randomUUID());
    await db.workingGroups.bulkAdd(missing);
    return missing.length;
  });
}

// —— 被执行人及家庭 ——

export async function saveSubject(db: ConsoleDb, subjectId: string, input: unknown): Promise<SaveResult> {
  const result = validateSubjectEdit(input);
  if (!result.ok) return result;
  return db.transaction('rw', db.subjects, db.operations, async () => {
    const subject = await db.subjects.get(subjectId);
    if (!subject) throw new Error('找不到该被执行人，可能已被删除');
    await db.subjects.put({ ...subject, ...result.values });
    await touch(db, subject.operationId);
    return { ok: true as const, id: subjectId };
  });
}

export async function addSubject(db: ConsoleDb, operationId: string, input: unknown): Promise<SaveResult> {
  const result = validateSubjectEdit(input);
  if (!result.ok) return result;
  return db.transaction('rw', db.subjects, db.operations, async () => {
    const subjects = await db.subjects.where('operationId').equals(operationId).toArray();
    const id = crypto.randomUUID();
    const position = Math.max(-1, ...subjects.map((s) => s.position)) + 1;
    await db.subjects.add({ ...result.values, id, operationId, position });
    await touch(db, operationId);
    return { ok: true as const, id };
  });
}

/** Removes a subject with their household members; the others keep their order without gaps. */
export async function removeSubject(db: ConsoleDb, subjectId: string): Promise<void> {
  await db.transaction('rw', db.subjects, db.householdMembers, db.operations, async () => {
    const subject = await db.subjects.get(subjectId);
    if (!subject) return;
    const subjects = await db.subjects.where('operationId').equals(subject.operationId).sortBy('position');
    const blocker = subjectRemovalBlocker(subjects.length);
    if (blocker) throw new Error(blocker);
    await db.householdMembers.where('subjectId').equals(subjectId).delete();
    await db.subjects.delete(subjectId);
    const rest = subjects.filter((s) => s.id !== subjectId).map((s, position) => ({ ...s, position }));
    await db.subjects.bulkPut(rest);
    await touch(db, subject.operationId);
  });
}

/** Adds a household member to `subjectId`, or edits member `id`. */
export async function saveHouseholdMember(
  db: ConsoleDb,
  subjectId: string,
  input: unknown,
  id?: string,
): Promise<SaveResult> {
  const result = validateHouseholdMember(input, currentYear());
  if (!result.ok) return result;
  return db.transaction('rw', db.householdMembers, db.subjects, db.operations, async () => {
    const subject = await db.subjects.get(subjectId);
    if (!subject) throw new Error('找不到该被执行人，可能已被删除');
    const recordId = id ?? crypto.randomUUID();
    await db.householdMembers.put({ ...result.values, id: recordId, operationId: subject.operationId, subjectId });
    await touch(db, subject.operationId);
    return { ok: true as const, id: recordId };
  });
}

export async function deleteHouseholdMember(db: ConsoleDb, id: string): Promise<void> {
  await db.transaction('rw', db.householdMembers, db.operations, async () => {
    const member = await db.householdMembers.get(id);
    if (!member) return;
    await db.householdMembers.delete(id);
    await touch(db, member.operationId);
  });
}

// —— 成员单位与人员 ——

export async function saveMemberUnit(db: ConsoleDb, operationId: string, input: unknown, id?: string): Promise<SaveResult> {
  return db.transaction('rw', db.memberUnits, db.operations, async () => {
    const others = (await db.memberUnits.where('operationId').equals(operationId).toArray()).filter((u) => u.id !== id);
    const result = validateMemberUnit(input, others);
    if (!result.ok) return result;
    const recordId = id ?? crypto.randomUUID();
    await db.memberUnits.put({ ...result.values, id: recordId, operationId });
    await touch(db, operationId);
    return { ok: true as const, id: recordId };
  });
}

export async function deleteMemberUnit(db: ConsoleDb, id: string): Promise<void> {
  await db.transaction('rw', db.memberUnits, db.people, db.operations, async () => {
    const unit = await db.memberUnits.get(id);
    if (!unit) return;
    const blocker = unitDeletionBlocker(unit, await db.people.where('memberUnitId').equals(id).toArray());
    if (blocker) throw new Error(blocker);
    await db.memberUnits.delete(id);
    await touch(db, unit.operationId);
  });
}

export async function savePerson(db: ConsoleDb, operationId: string, input: unknown, id?: string): Promise<SaveResult> {
  return db.transaction('rw', db.people, db.memberUnits, db.operations, async () => {
    const [people, units] = await Promise.all([
      db.people.where('operationId').equals(operationId).toArray(),
      db.memberUnits.where('operationId').equals(operationId).toArray(),
    ]);
    const result = validatePerson(input, people.filter((p) => p.id !== id), units);
    if (!result.ok) return result;
    const recordId = id ?? crypto.randomUUID();
    await db.people.put({ ...result.values, id: recordId, operationId });
    await touch(db, operationId);
    return { ok: true as const, id: recordId };
  });
}

/** Refused for a commander, deputy or group leader; a plain member leaves their groups. */
export async function deletePerson(db: ConsoleDb, id: string): Promise<void> {
  await db.transaction('rw', db.people, db.workingGroups, db.operations, async () => {
    const person = await db.people.get(id);
    if (!person) return;
    const operation = await db.operations.get(person.operationId);
    const groups = await db.workingGroups.where('operationId').equals(person.operationId).toArray();
    const blocker = personDeletionBlocker(person, groups, operation ?? {});
    if (blocker) throw new Error(blocker);
    await db.workingGroups.bulkPut(
      groups
        .filter((g) => g.memberIds.includes(id))
        .map((g) => ({ ...g, memberIds: g.memberIds.filter((m) => m !== id) })),
    );
    await db.people.delete(id);
    await touch(db, person.operationId);
  });
}

// —— 工作小组 ——

/** Edits group `id`, or adds a custom group when `id` is absent. */
export async function saveWorkingGroup(db: ConsoleDb, operationId: string, input: unknown, id?: string): Promise<SaveResult> {
  return db.transaction('rw', db.workingGroups, db.people, db.operations, async () => {
    const [groups, people] = await Promise.all([
      db.workingGroups.where('operationId').equals(operationId).toArray(),
      db.people.where('operationId').equals(operationId).toArray(),
    ]);
    const result = validateWorkingGroup(input, groups.filter((g) => g.id !== id), people);
    if (!result.ok) return result;
    const existing = groups.find((g) => g.id === id);
    if (id && !existing) throw new Error('找不到该工作小组，可能已被删除');
    const record: WorkingGroup = existing
      ? { ...existing, ...result.values }
      : { ...result.values, id: crypto.randomUUID(), operationId, code: 'custom', position: nextGroupPosition(groups) };
    await db.workingGroups.put(record);
    await touch(db, operationId);
    return { ok: true as const, id: record.id };
  });
}

export async function deleteWorkingGroup(db: ConsoleDb, id: string): Promise<void> {
  await db.transaction('rw', db.workingGroups, db.operations, async () => {
    const group = await db.workingGroups.get(id);
    if (!group) return;
    const blocker = groupDeletionBlocker(group);
    if (blocker) throw new Error(blocker);
    await db.workingGroups.delete(id);
    await touch(db, group.operationId);
  });
}

// —— 现场执行指挥 ——

/**
 * Sets the commander and the deputy. The deputy is designated by the commander alone (the
 * one on record, or the one set in this same save when there was none), and the change is
 * logged in the same transaction.
 */
export async function setCommand(
  db: ConsoleDb,
  operationId: string,
  input: { onSiteCommanderId?: string | undefined; deputyCommanderId?: string | undefined },
  who: Actor | undefined,
): Promise<SaveResult> {
  return db.transaction('rw', db.operations, db.people, db.logEntries, async () => {
    const people = await db.people.where('operationId').equals(operationId).toArray();
    const result = validateCommandAssignment(input, people);
    if (!result.ok) return result;
    const before = await db.operations.get(operationId);
    const deputy = result.values.deputyCommanderId;
    if (before && deputy !== before.deputyCommanderId) {
      const commanderId = before.onSiteCommanderId ?? result.values.onSiteCommanderId;
      if (!who) throw new Error(NOT_SIGNED_IN);
      const allowed = permission(who, { kind: 'designateDeputy' }, { onSiteCommanderId: commanderId, groups: [] });
      if (!allowed.ok) throw new Error(allowed.reason);
      const name = (id?: string) => people.find((p) => p.id === id)?.name ?? '';
      await appendLog(db, {
        operationId,
        operator: who.name,
        group: '',
        category: 'system',
        text: deputy ? `指定${name(deputy)}为副指挥` : `取消${name(before.deputyCommanderId)}的副指挥职务`,
        refs: { people: [deputy ?? before.deputyCommanderId!] },
      });
    }
    await touch(db, operationId, result.values);
    return { ok: true as const, id: operationId };
  });
}

// —— 示例行动 ——

/**
 * Writes the demo command post (shared/commandPost/demo.ts) into the demo operation, in
 * one transaction: units, people, staffed standard groups (reusing any already created),
 * household members, subject assessments and the commander.
 */
export async function seedDemoCommandPost(db: ConsoleDb, operationId: string): Promise<void> {
  await db.transaction(
    'rw',
    [db.operations, db.subjects, db.householdMembers, db.memberUnits, db.people, db.workingGroups],
    async () => {
      if ((await db.memberUnits.where('operationId').equals(operationId).count()) > 0) {
        throw new Error('该行动已有成员单位，不再载入示例指挥部');
      }
      const subjects = await db.subjects.where('operationId').equals(operationId).sortBy('position');
      const demo = buildDemoCommandPost(operationId, subjects.map((s) => s.id), () => crypto.randomUUID());
      const existing = await db.workingGroups.where('operationId').equals(operationId).toArray();
      const groups = demo.workingGroups.map((g) => ({ ...g, id: existing.find((e) => e.code === g.code)?.id ?? g.id }));
      await db.memberUnits.bulkAdd(demo.memberUnits);
      await db.people.bulkAdd(demo.people);
      await db.workingGroups.bulkPut(groups);
      await db.householdMembers.bulkAdd(demo.householdMembers);
      await db.subjects.bulkPut(subjects.map((s) => ({ ...s, assessment: demo.assessments[s.id] ?? s.assessment })));
      await touch(db, operationId, demo.command);
    },
  );
}
