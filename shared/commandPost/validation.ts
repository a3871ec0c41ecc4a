// Pure. Validation, with Chinese messages, of what is typed on the command post screen:
// member units, people, working groups and the command assignment. Names that must
// be unique are checked against the operation's other records, passed in.
import { z } from 'zod';
import { optionalPhone, optionalText, validateWith, type Validated } from '../operation/household';
import { trainingCourseSchema, trainingDateSchema, trainingOf } from './training';
import type { CommandAssignment, MemberUnit, Person, WorkingGroup } from './types';

const requiredText = (label: string, max: number, hint = '') =>
  z
    .string({ error: `请填写${label}` })
    .trim()
    .min(1, `请填写${label}${hint}`)
    .max(max, `${label}不能超过 ${max} 个字`);

export const memberUnitSchema = z.object({
  name: requiredText('单位名称', 100),
  role: optionalText('职责', 500),
});
export type MemberUnitInput = z.input<typeof memberUnitSchema>;
export type MemberUnitValues = z.output<typeof memberUnitSchema>;

export function validateMemberUnit(input: unknown, others: readonly MemberUnit[]): Validated<MemberUnitValues> {
  const result = validateWith(memberUnitSchema, input);
  if (result.ok && others.some((u) => u.name === result.values.name)) {
    return { ok: false, errors: { name: `成员单位“${result.values.name}”已经登记过` } };
  }
  return result;
}

export const personSchema = z.object({
  name: requiredText('姓名', 50),
  memberUnitId: z.string({ error: '请选择所属成员单位' }).min(1, '请选择所属成员单位'),
  post: optionalText('职务', 50),
  phone: optionalPhone,
  badgeNumber: optionalText('工作证号', 30),
  trainingCourse: trainingCourseSchema,
  trainingDate: trainingDateSchema,
});
export type PersonInput = z.input<typeof personSchema>;
/** What is stored: the training as one record, present only when both course and date are. */
export type PersonValues = Omit<Person, 'id' | 'operationId'>;

/** `others`: the operation's other people; `units`: its member units (the person must belong to one). */
export function validatePerson(
  input: unknown,
  others: readonly Person[],
  units: readonly MemberUnit[],
): Validated<PersonValues> {
  const parsed = validateWith(personSchema, input);
  if (!parsed.ok) return parsed;
  const { trainingCourse, trainingDate, ...rest } = parsed.values;
  const training = trainingOf(trainingCourse, trainingDate);
  if (!training.ok) return training;
  const result = { ok: true as const, values: { ...rest, ...(training.value ? { training: training.value } : {}) } };
  const { memberUnitId, badgeNumber } = result.values;
  if (!units.some((u) => u.id === memberUnitId)) {
    return { ok: false, errors: { memberUnitId: '所选成员单位不存在，可能已被删除，请重新选择' } };
  }
  const holder = badgeNumber ? others.find((p) => p.badgeNumber === badgeNumber) : undefined;
  if (holder) {
    return { ok: false, errors: { badgeNumber: `工作证号 ${badgeNumber} 已由${holder.name}使用，现场标识不能重复` } };
  }
  return result;
}

export const workingGroupSchema = z.object({
  name: requiredText('小组名称', 30),
  duties: optionalText('职责', 1000),
  leaderId: z
    .string()
    .nullish()
    .transform((v) => v || undefined),
  memberIds: z.array(z.string()).default([]),
  channel: optionalText('联络方式', 60),
});
export type WorkingGroupInput = z.input<typeof workingGroupSchema>;
export type WorkingGroupValues = z.output<typeof workingGroupSchema>;

/** `others`: the operation's other groups; `people`: its roster (leader and members must be on it). */
export function validateWorkingGroup(
  input: unknown,
  others: readonly WorkingGroup[],
  people: readonly Person[],
): Validated<WorkingGroupValues> {
  const result = validateWith(workingGroupSchema, input);
  if (!result.ok) return result;
  const v = result.values;
  if (others.some((g) => g.name === v.name)) {
    return { ok: false, errors: { name: `已有名为“${v.name}”的工作小组` } };
  }
  const onRoster = new Set(people.map((p) => p.id));
  if (v.leaderId && !onRoster.has(v.leaderId)) {
    return { ok: false, errors: { leaderId: '所选组长已不在人员名单中，请重新选择' } };
  }
  if (v.memberIds.some((id) => !onRoster.has(id))) {
    return { ok: false, errors: { memberIds: '有组员已不在人员名单中，请重新选择' } };
  }
  // The leader is counted once, as leader; listing them again as a member is dropped.
  const memberIds = [...new Set(v.memberIds)].filter((id) => id !== v.leaderId);
  return { ok: true, values: { ...v, memberIds } };
}

export function validateCommandAssignment(
  input: CommandAssignment,
  people: readonly Person[],
): Validated<CommandAssignment> {
  const onRoster = new Set(people.map((p) => p.id));
  const { onSiteCommanderId, deputyCommanderId } = input;
  if (onSiteCommanderId && !onRoster.has(onSiteCommanderId)) {
    return { ok: false, errors: { onSiteCommanderId: '所选人员已不在名单中，请重新选择' } };
  }
  if (deputyCommanderId && !onRoster.has(deputyCommanderId)) {
    return { ok: false, errors: { deputyCommanderId: '所选人员已不在名单中，请重新选择' } };
  }
  if (deputyCommanderId && deputyCommanderId === onSiteCommanderId) {
    return { ok: false, errors: { deputyCommanderId: '副指挥不能与现场执行指挥是同一人' } };
  }
  return { ok: true, values: { onSiteCommanderId, deputyCommanderId } };
}
