// Pure. Every act on the command post, decided here and written only through the one write
// path: the household (subjects and family), member units, people (with their training),
// working groups, the commander and deputy, the standard groups and an imported roster. Each
// returns the log entry that records it — 指挥调整 ('command') when it changes who may do what
// (commander, deputy, leaders, members), 资料变更 ('edit') otherwise — with data.before and
// data.after in short Chinese, personal data named but never written (decision.ts).
import { changeSummary, compact, decided, names, recordSummary, unchanged, type Decision, type Field } from '../operation/decision';
import { subjectRemovalBlocker, validateHouseholdMember, validateSubjectEdit } from '../operation/household';
import { riskLevelLabels, vulnerabilityLabels, type HouseholdMember, type IsoInstant, type Operation, type Subject } from '../operation/types';
import type { Actor } from '../operators/permissions';
import { put, remove, type ActOutcome, type RecordChange } from '../record/act';
import { unitKey, type RosterPlan } from './roster';
import { groupDeletionBlocker, missingStandardGroups, nextGroupPosition, personDeletionBlocker, sortGroups, unitDeletionBlocker } from './rules';
import type { MemberUnit, Person, WorkingGroup } from './types';
import { validateCommandAssignment, validateMemberUnit, validatePerson, validateWorkingGroup } from './validation';

/** The records of one operation's command post, as the decide functions read them. */
export interface CommandPostRecords {
  operation: Operation;
  subjects: Subject[];
  householdMembers: HouseholdMember[];
  memberUnits: MemberUnit[];
  people: Person[];
  workingGroups: WorkingGroup[];
}

/** A Dexie-free way to make ids, so the demo and tests pass their own. */
export type NewId = () => string;

const notFound = (what: string) => new Error(`找不到该${what}，可能已被删除`);
const DELETED = '已删除';

function act<R>(category: 'edit' | 'command', text: string, changes: RecordChange[], result: R, before?: string, after?: string, people?: string[]): ActOutcome<R> {
  return {
    entry: {
      category,
      text,
      ...(before !== undefined && after !== undefined ? { data: { before: before || '无', after: after || '无' } } : {}),
      ...(people && people.length > 0 ? { refs: { people: [...new Set(people)] } } : {}),
    },
    changes,
    result,
  };
}

/** An added record's entry, or an edited one's with the fields that changed; nothing when none did. */
function saved<R>(what: string, name: string, fields: Field[], isNew: boolean, changes: RecordChange[], result: R): Decision<R> {
  if (isNew) return decided(act('edit', `添加${what}：${name}`, changes, result, '无', recordSummary(fields)));
  const summary = changeSummary(fields);
  if (!summary.changed) return unchanged(result);
  return decided(act('edit', `修改${what}${name}的资料：${summary.changed}`, changes, result, summary.before, summary.after));
}

const field = (label: string, before: string | undefined, after: string, personal = false): Field => ({ label, before: before ?? '', after, personal });

// —— 被执行人及家庭 ——

const assessmentText = (s: Pick<Subject, 'assessment'>) =>
  s.assessment ? [s.assessment.health, s.assessment.psychological, s.assessment.behavioural, riskLevelLabels[s.assessment.riskLevel]].join('｜') : '';

/** Adds a subject (no `id`) or edits subject `id`. */
export function decideSaveSubject(r: CommandPostRecords, input: unknown, id: string | undefined, newId: NewId): Decision<string> {
  const result = validateSubjectEdit(input);
  if (!result.ok) return result;
  const old = id === undefined ? undefined : r.subjects.find((s) => s.id === id);
  if (id !== undefined && !old) throw notFound('被执行人');
  const record: Subject = compact(
    old
      ? { ...old, ...result.values }
      : { ...result.values, id: newId(), operationId: r.operation.id, position: Math.max(-1, ...r.subjects.map((s) => s.position)) + 1 },
  );
  const fields = [
    field('姓名或名称', old?.name, record.name),
    field('证件号码', old && `${old.idType}:${old.idNumber}`, `${record.idType}:${record.idNumber}`, true),
    field('联系电话', old?.phone, record.phone, true),
    field('住址', old?.address, record.address, true),
    field('执行预备会分析', old && assessmentText(old), assessmentText(record), true),
  ];
  return saved('被执行人', record.name, fields, !old, [put('subjects', record)], record.id);
}

/** Removes a subject with their household; the others keep their order without gaps. */
export function decideRemoveSubject(r: CommandPostRecords, subjectId: string): ActOutcome {
  const subject = r.subjects.find((s) => s.id === subjectId);
  if (!subject) throw notFound('被执行人');
  const blocker = subjectRemovalBlocker(r.subjects.length);
  if (blocker) throw new Error(blocker);
  const family = r.householdMembers.filter((m) => m.subjectId === subjectId);
  const rest = r.subjects
    .filter((s) => s.id !== subjectId)
    .sort((a, b) => a.position - b.position)
    .map((s, position) => ({ ...s, position }));
  const familyText = family.length > 0 ? `（连同家庭成员 ${family.length} 人：${names(family.map((m) => m.name))}）` : '';
  return act(
    'edit',
    `删除被执行人${subject.name}${familyText}`,
    [
      ...family.map((m) => remove('householdMembers', m.id)),
      remove('subjects', subjectId),
      ...rest.filter((s) => r.subjects.find((o) => o.id === s.id)?.position !== s.position).map((s) => put('subjects', s)),
    ],
    undefined,
    `被执行人：${subject.name}；家庭成员：${names(family.map((m) => m.name))}`,
    DELETED,
  );
}

const memberCare = (m: Pick<HouseholdMember, 'vulnerabilities' | 'note' | 'birthYear'>) =>
  [m.birthYear ?? '', m.vulnerabilities.map((v) => vulnerabilityLabels[v]).join('、'), m.note].join('｜');

/** Adds a household member to `subjectId` (no `id`), or edits member `id`. */
export function decideSaveHouseholdMember(r: CommandPostRecords, subjectId: string, input: unknown, id: string | undefined, currentYear: number, newId: NewId): Decision<string> {
  const result = validateHouseholdMember(input, currentYear);
  if (!result.ok) return result;
  const subject = r.subjects.find((s) => s.id === subjectId);
  if (!subject) throw notFound('被执行人');
  const old = id === undefined ? undefined : r.householdMembers.find((m) => m.id === id);
  if (id !== undefined && !old) throw notFound('家庭成员');
  const record: HouseholdMember = compact({ ...result.values, id: old?.id ?? newId(), operationId: r.operation.id, subjectId });
  const fields = [
    field('姓名', old?.name, record.name),
    field('与被执行人关系', old?.relation, record.relation),
    field('联系电话', old?.phone, record.phone, true),
    field('出生年份和照护情况', old && memberCare(old), memberCare(record), true),
  ];
  return saved(`被执行人${subject.name}的家庭成员`, record.name, fields, !old, [put('householdMembers', record)], record.id);
}

export function decideDeleteHouseholdMember(r: CommandPostRecords, id: string): ActOutcome {
  const member = r.householdMembers.find((m) => m.id === id);
  if (!member) throw notFound('家庭成员');
  const subject = r.subjects.find((s) => s.id === member.subjectId)?.name ?? '';
  return act('edit', `删除被执行人${subject}的家庭成员${member.name}（${member.relation}）`, [remove('householdMembers', id)], undefined, `${member.name}（${member.relation}）`, DELETED);
}

// —— 成员单位与人员 ——

export function decideSaveMemberUnit(r: CommandPostRecords, input: unknown, id: string | undefined, newId: NewId): Decision<string> {
  const result = validateMemberUnit(input, r.memberUnits.filter((u) => u.id !== id));
  if (!result.ok) return result;
  const old = id === undefined ? undefined : r.memberUnits.find((u) => u.id === id);
  if (id !== undefined && !old) throw notFound('成员单位');
  const record: MemberUnit = compact({ ...result.values, id: old?.id ?? newId(), operationId: r.operation.id });
  const fields = [field('单位名称', old?.name, record.name), field('本次职责', old?.role, record.role)];
  return saved('成员单位', old?.name ?? record.name, fields, !old, [put('memberUnits', record)], record.id);
}

export function decideDeleteMemberUnit(r: CommandPostRecords, id: string): ActOutcome {
  const unit = r.memberUnits.find((u) => u.id === id);
  if (!unit) throw notFound('成员单位');
  const blocker = unitDeletionBlocker(unit, r.people);
  if (blocker) throw new Error(blocker);
  return act('edit', `删除成员单位${unit.name}`, [remove('memberUnits', id)], undefined, recordSummary([field('单位名称', '', unit.name), field('本次职责', '', unit.role)]), DELETED);
}

const unitName = (r: CommandPostRecords, id: string) => r.memberUnits.find((u) => u.id === id)?.name ?? '单位已删除';
const trainingText = (p: Pick<Person, 'training'>) => (p.training ? `${p.training.course}（${p.training.date}）` : '');

export function decideSavePerson(r: CommandPostRecords, input: unknown, id: string | undefined, newId: NewId): Decision<string> {
  const result = validatePerson(input, r.people.filter((p) => p.id !== id), r.memberUnits);
  if (!result.ok) return result;
  const old = id === undefined ? undefined : r.people.find((p) => p.id === id);
  if (id !== undefined && !old) throw notFound('人员');
  const record: Person = compact({ ...result.values, id: old?.id ?? newId(), operationId: r.operation.id });
  const fields = [
    field('姓名', old?.name, record.name),
    field('所属成员单位', old && unitName(r, old.memberUnitId), unitName(r, record.memberUnitId)),
    field('职务', old?.post, record.post),
    field('联系电话', old?.phone, record.phone, true),
    field('工作证号', old?.badgeNumber, record.badgeNumber),
    field('培训', old && trainingText(old), trainingText(record)),
  ];
  return saved('人员', old?.name ?? record.name, fields, !old, [put('people', record)], record.id);
}

/** What a person is in the groups, e.g. 证据保全组组员、后勤保障组组员. */
const memberships = (groups: readonly WorkingGroup[], personId: string) =>
  sortGroups(groups)
    .filter((g) => g.memberIds.includes(personId))
    .map((g) => `${g.name}组员`);

/** Refused for a commander, deputy or group leader; a plain member leaves their groups (a command change). */
export function decideDeletePerson(r: CommandPostRecords, id: string): ActOutcome {
  const person = r.people.find((p) => p.id === id);
  if (!person) throw notFound('人员');
  const blocker = personDeletionBlocker(person, r.workingGroups, r.operation);
  if (blocker) throw new Error(blocker);
  const left = memberships(r.workingGroups, id);
  const groups = r.workingGroups.filter((g) => g.memberIds.includes(id)).map((g) => ({ ...g, memberIds: g.memberIds.filter((m) => m !== id) }));
  const who = `${person.name}（${unitName(r, person.memberUnitId)}${person.post ? ` · ${person.post}` : ''}）`;
  return act(
    left.length > 0 ? 'command' : 'edit',
    `删除人员${who}${left.length > 0 ? `，并解除其${names(left)}职责` : ''}`,
    [...groups.map((g) => put('workingGroups', g)), remove('people', id)],
    undefined,
    [who, ...left].join('；'),
    DELETED,
    [id],
  );
}

// —— 工作小组 ——

const personName = (r: CommandPostRecords, id: string) => r.people.find((p) => p.id === id)?.name ?? '（已删除）';

/** 组长：顾晨；组员：李四、王五 */
export function groupStaffing(r: CommandPostRecords, g: Pick<WorkingGroup, 'leaderId' | 'memberIds'>): string {
  return `组长：${g.leaderId ? personName(r, g.leaderId) : '未指定'}；组员：${names(g.memberIds.map((m) => personName(r, m)))}`;
}

/** 组长由赵刚改为顾晨；增加组员李四；减少组员王五 */
function staffingChange(r: CommandPostRecords, before: Pick<WorkingGroup, 'leaderId' | 'memberIds'>, after: Pick<WorkingGroup, 'leaderId' | 'memberIds'>): string {
  const parts: string[] = [];
  const leader = (id?: string) => (id ? personName(r, id) : '未指定');
  if (before.leaderId !== after.leaderId) parts.push(before.leaderId ? `组长由${leader(before.leaderId)}改为${leader(after.leaderId)}` : `指定${leader(after.leaderId)}为组长`);
  const added = after.memberIds.filter((m) => !before.memberIds.includes(m));
  // A member made leader has not left the group.
  const removed = before.memberIds.filter((m) => !after.memberIds.includes(m) && m !== after.leaderId);
  if (added.length) parts.push(`增加组员${names(added.map((m) => personName(r, m)))}`);
  if (removed.length) parts.push(`减少组员${names(removed.map((m) => personName(r, m)))}`);
  return parts.join('；');
}

/** Edits group `id` (its leader and members are command changes), or adds a custom group when `id` is absent. */
export function decideSaveWorkingGroup(r: CommandPostRecords, input: unknown, id: string | undefined, newId: NewId): Decision<string> {
  const result = validateWorkingGroup(input, r.workingGroups.filter((g) => g.id !== id), r.people);
  if (!result.ok) return result;
  const old = id === undefined ? undefined : r.workingGroups.find((g) => g.id === id);
  if (id !== undefined && !old) throw notFound('工作小组');
  const base = old ?? { id: newId(), operationId: r.operation.id, code: 'custom' as const, position: nextGroupPosition(r.workingGroups) };
  // A leader removed leaves no key behind (compact).
  const record: WorkingGroup = compact({ ...base, ...result.values });
  const changes = [put('workingGroups', record)];
  const staffed = [record.leaderId, ...record.memberIds].filter((p): p is string => !!p);
  if (!old) {
    const text = `添加工作小组${record.name}${staffed.length > 0 ? `，${groupStaffing(r, record)}` : ''}`;
    return decided(act(staffed.length > 0 ? 'command' : 'edit', text, changes, record.id, '无', `${record.name}：${groupStaffing(r, record)}`, staffed));
  }
  const details = changeSummary([field('小组名称', old.name, record.name), field('职责', old.duties, record.duties), field('联络方式', old.channel, record.channel)]);
  const staffing = staffingChange(r, old, record);
  if (!staffing) {
    if (!details.changed) return unchanged(record.id);
    return decided(act('edit', `修改工作小组${old.name}的资料：${details.changed}`, changes, record.id, details.before, details.after));
  }
  const also = details.changed ? `；并修改${details.changed}` : '';
  const touched = [old.leaderId, record.leaderId, ...old.memberIds, ...record.memberIds].filter((p): p is string => !!p);
  const changedPeople = touched.filter((p) =>
    old.leaderId === p || record.leaderId === p ? old.leaderId !== record.leaderId : old.memberIds.includes(p) !== record.memberIds.includes(p),
  );
  return decided(act('command', `调整${record.name}：${staffing}${also}`, changes, record.id, groupStaffing(r, old), groupStaffing(r, record), changedPeople));
}

export function decideDeleteWorkingGroup(r: CommandPostRecords, id: string): ActOutcome {
  const group = r.workingGroups.find((g) => g.id === id);
  if (!group) throw notFound('工作小组');
  const blocker = groupDeletionBlocker(group);
  if (blocker) throw new Error(blocker);
  const staffed = [group.leaderId, ...group.memberIds].filter((p): p is string => !!p);
  return act(
    staffed.length > 0 ? 'command' : 'edit',
    `删除工作小组${group.name}${staffed.length > 0 ? `（原${groupStaffing(r, group)}）` : ''}`,
    [remove('workingGroups', id)],
    undefined,
    `${group.name}：${groupStaffing(r, group)}`,
    DELETED,
    staffed,
  );
}

/** The standard groups an operation created before they came with it lacks, added in one act. */
export function decideStandardGroups(r: CommandPostRecords, newId: NewId): ActOutcome<number> {
  const missing = missingStandardGroups(r.operation.id, r.workingGroups.map((g) => g.code), newId);
  if (missing.length === 0) throw new Error('九个标准工作小组均已建立');
  return act('edit', `补建标准工作小组：${names(missing.map((g) => g.name))}`, missing.map((g) => put('workingGroups', g)), missing.length, '无', names(missing.map((g) => g.name)));
}

// —— 名单导入 ——

/** An imported roster, one act: the new units and people together or not at all. */
export function decideRosterImport(r: CommandPostRecords, plan: RosterPlan, fileName = ''): ActOutcome<number> {
  const operationId = r.operation.id;
  if ([...plan.memberUnits, ...plan.people].some((x) => x.operationId !== operationId)) throw new Error('导入的名单不属于当前行动，未导入');
  // The plan was built from what the dialog saw; a unit added since then would be added twice.
  const present = new Set(r.memberUnits.map((u) => unitKey(u.name)));
  const clash = plan.memberUnits.find((u) => present.has(unitKey(u.name)));
  if (clash) throw new Error(`成员单位“${clash.name}”刚刚已被添加；请重新选择文件后再导入`);
  const ids = [...plan.memberUnits, ...plan.people].map((x) => x.id);
  const taken = new Set([...r.people.map((p) => p.id), ...r.memberUnits.map((u) => u.id)]);
  if (new Set(ids).size !== ids.length || ids.some((id) => taken.has(id))) throw new Error('名单中的记录编号重复，未导入；请重新选择文件');
  const units = plan.memberUnits.length > 0 ? `新增成员单位 ${plan.memberUnits.length} 个（${names(plan.memberUnits.map((u) => u.name))}）、` : '';
  const summary = `成员单位 ${plan.memberUnits.length} 个、人员 ${plan.people.length} 名`;
  return act(
    'edit',
    `导入名单${fileName ? `“${fileName}”` : ''}：${units}人员 ${plan.people.length} 名`,
    [...plan.memberUnits.map((u) => put('memberUnits', u)), ...plan.people.map((p) => put('people', p))],
    plan.people.length,
    '无',
    summary,
  );
}

// —— 现场执行指挥 ——

export interface CommandInput {
  onSiteCommanderId?: string | undefined;
  deputyCommanderId?: string | undefined;
}

/**
 * The commander and the deputy. Nobody makes themselves commander: while there is none, the
 * first is designated by the station that set the operation up (no one signed in, or someone
 * other than the one designated); after that only the commander hands command over, to
 * someone else who can sign in here (`enrolled`: people with a PIN on this station), and the
 * post is never left empty. Only the commander designates or removes the deputy; handing
 * command to the deputy ends their deputy post.
 */
export function decideCommand(r: CommandPostRecords, input: CommandInput, actor: Actor | undefined, enrolled: readonly string[], now: IsoInstant): Decision<string> {
  const before = r.operation;
  const wanted = { onSiteCommanderId: input.onSiteCommanderId, deputyCommanderId: input.deputyCommanderId };
  const commanderChanges = wanted.onSiteCommanderId !== before.onSiteCommanderId;
  // Command handed to the deputy: the deputy post ends with it.
  if (commanderChanges && wanted.onSiteCommanderId && wanted.onSiteCommanderId === before.deputyCommanderId && wanted.deputyCommanderId === before.deputyCommanderId) {
    wanted.deputyCommanderId = undefined;
  }
  const result = validateCommandAssignment(wanted, r.people);
  if (!result.ok) return result;
  const next = result.values;
  const deputyChanges = next.deputyCommanderId !== before.deputyCommanderId;
  if (!commanderChanges && !deputyChanges) return unchanged(before.id);
  const name = (id?: string) => (id ? personName(r, id) : '未指定');

  const parts: string[] = [];
  if (commanderChanges) {
    if (!next.onSiteCommanderId) return { ok: false, errors: { onSiteCommanderId: '现场执行指挥不能空缺：移交指挥时请直接选择接任的人员' } };
    if (actor && actor.personId === next.onSiteCommanderId) throw new Error(`不能指定本人为现场执行指挥：${actor.name}不能自行担任，须由现场执行指挥移交或由设立本行动的工作站指定`);
    if (before.onSiteCommanderId) {
      if (actor?.personId !== before.onSiteCommanderId) throw new Error(`只有现场执行指挥本人可以移交指挥；${actor?.name ?? '未登录的人员'}不是现场执行指挥`);
      if (!enrolled.includes(next.onSiteCommanderId)) {
        throw new Error(`${name(next.onSiteCommanderId)}尚未在本工作站登记登录 PIN：请先在“登录 PIN”中为其登记，再移交指挥（否则移交后无人能以现场执行指挥身份登录）`);
      }
      parts.push(`现场执行指挥由${name(before.onSiteCommanderId)}移交${name(next.onSiteCommanderId)}`);
    } else parts.push(`指定${name(next.onSiteCommanderId)}为现场执行指挥`);
  }
  if (deputyChanges) {
    const commander = before.onSiteCommanderId;
    if (!commander) throw new Error('请先指定现场执行指挥，再由其指定副指挥');
    // Handing command to the deputy ends the deputy post as part of the handover.
    const endsWithHandover = commanderChanges && before.deputyCommanderId === next.onSiteCommanderId && !next.deputyCommanderId;
    if (endsWithHandover) parts.push(`${name(before.deputyCommanderId)}的副指挥职务随之解除`);
    else if (actor?.personId !== commander) throw new Error(`只有现场执行指挥本人可以指定副指挥；${actor?.name ?? '未登录的人员'}不是现场执行指挥`);
    else if (!before.deputyCommanderId) parts.push(`指定${name(next.deputyCommanderId)}为副指挥`);
    else if (!next.deputyCommanderId) parts.push(`取消${name(before.deputyCommanderId)}的副指挥职务`);
    else parts.push(`副指挥由${name(before.deputyCommanderId)}改为${name(next.deputyCommanderId)}`);
  }
  const line = (c: { onSiteCommanderId?: string; deputyCommanderId?: string }) => `现场执行指挥：${name(c.onSiteCommanderId)}；副指挥：${name(c.deputyCommanderId)}`;
  const { onSiteCommanderId: _c, deputyCommanderId: _d, ...rest } = before;
  const operation: Operation = {
    ...rest,
    ...(next.onSiteCommanderId ? { onSiteCommanderId: next.onSiteCommanderId } : {}),
    ...(next.deputyCommanderId ? { deputyCommanderId: next.deputyCommanderId } : {}),
    updatedAt: now,
  };
  const people = [before.onSiteCommanderId, next.onSiteCommanderId, before.deputyCommanderId, next.deputyCommanderId].filter((p): p is string => !!p);
  return decided(act('command', parts.join('；'), [put('operations', operation)], before.id, line(before), line(next), people));
}
