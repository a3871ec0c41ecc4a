// Pure. Rules of the command post: the standard groups every operation has, what may
// not be deleted and why, and who holds which post.
import { standardGroups } from './defaultGroups';
import {
  standardGroupCodes,
  type CommandAssignment,
  type MemberUnit,
  type Person,
  type StandardGroupCode,
  type WorkingGroup,
  type WorkingGroupCode,
} from './types';

/** One standard group as first created: duties pre-filled, no one assigned yet. */
export function standardGroupRecord(operationId: string, code: StandardGroupCode, id: string): WorkingGroup {
  const { name, duties } = standardGroups[code];
  return {
    id,
    operationId,
    code,
    name,
    duties,
    memberIds: [],
    channel: '',
    position: standardGroupCodes.indexOf(code),
  };
}

/** The standard groups an operation lacks, in the standard order. */
export function missingStandardGroups(
  operationId: string,
  existingCodes: Iterable<WorkingGroupCode>,
  newId: () => string,
): WorkingGroup[] {
  const existing = new Set(existingCodes);
  return standardGroupCodes
    .filter((code) => !existing.has(code))
    .map((code) => standardGroupRecord(operationId, code, newId()));
}

/** Custom groups come after the standard ones and after each other. */
export function nextGroupPosition(groups: readonly WorkingGroup[]): number {
  return Math.max(standardGroupCodes.length - 1, ...groups.map((g) => g.position)) + 1;
}

export function sortGroups(groups: readonly WorkingGroup[]): WorkingGroup[] {
  return [...groups].sort((a, b) => a.position - b.position || byName(a.name, b.name));
}

const byName = (a: string, b: string) => a.localeCompare(b, 'zh-CN');

/** Units have no order of their own: listed by name (pinyin), so each is found where expected. */
export function sortUnits(units: readonly MemberUnit[]): MemberUnit[] {
  return [...units].sort((a, b) => byName(a.name, b.name));
}

/** People by unit (in unit order), then by badge number (issued in order of rank), then name. */
export function sortPeople(people: readonly Person[], sortedUnits: readonly MemberUnit[]): Person[] {
  const unitIndex = new Map(sortedUnits.map((u, i) => [u.id, i]));
  const unit = (p: Person) => unitIndex.get(p.memberUnitId) ?? sortedUnits.length;
  const noBadge = (p: Person) => (p.badgeNumber ? 0 : 1);
  return [...people].sort(
    (a, b) =>
      unit(a) - unit(b) ||
      noBadge(a) - noBadge(b) ||
      a.badgeNumber.localeCompare(b.badgeNumber, 'zh-CN', { numeric: true }) ||
      byName(a.name, b.name),
  );
}

export interface PersonRole {
  kind: 'commander' | 'deputy' | 'leader' | 'member';
  /** 现场执行指挥, 副指挥, 疏导谈判组组长, 证据保全组组员 */
  label: string;
}

/** What a person is in the command post, most responsible first. */
export function personRoles(personId: string, groups: readonly WorkingGroup[], command: CommandAssignment): PersonRole[] {
  const roles: PersonRole[] = [];
  if (command.onSiteCommanderId === personId) roles.push({ kind: 'commander', label: '现场执行指挥' });
  if (command.deputyCommanderId === personId) roles.push({ kind: 'deputy', label: '副指挥' });
  const sorted = sortGroups(groups);
  for (const g of sorted) if (g.leaderId === personId) roles.push({ kind: 'leader', label: `${g.name}组长` });
  for (const g of sorted) if (g.memberIds.includes(personId)) roles.push({ kind: 'member', label: `${g.name}组员` });
  return roles;
}

export function unitDeletionBlocker(unit: MemberUnit, people: readonly Person[]): string | null {
  const staff = people.filter((p) => p.memberUnitId === unit.id);
  if (staff.length === 0) return null;
  const names = staff.slice(0, 3).map((p) => p.name).join('、');
  return `“${unit.name}”还有 ${staff.length} 名人员（${names}${staff.length > 3 ? '等' : ''}），请先删除这些人员或将其改到其他单位，再删除单位。`;
}

/**
 * A person who commands or leads cannot just disappear: the plan would lose its
 * commander or a group its leader. Being a plain member is no obstacle.
 */
export function personDeletionBlocker(
  person: Person,
  groups: readonly WorkingGroup[],
  command: CommandAssignment,
): string | null {
  const posts = personRoles(person.id, groups, command).filter((r) => r.kind !== 'member');
  if (posts.length === 0) return null;
  return `${person.name}现任${posts.map((r) => r.label).join('、')}，请先另行指定后再删除。`;
}

export function groupDeletionBlocker(group: WorkingGroup): string | null {
  return group.code === 'custom'
    ? null
    : `“${group.name}”是规定的九个工作小组之一，不能删除；如本次不需要，可在职责中注明。`;
}

export function groupsWithoutLeader(groups: readonly WorkingGroup[]): WorkingGroup[] {
  return sortGroups(groups).filter((g) => !g.leaderId);
}

/** 陈志远（临江区房屋征收事务中心 · 主任）: enough to pick the right person from a list. */
export function personLabel(person: Person, units: readonly MemberUnit[]): string {
  const unit = units.find((u) => u.id === person.memberUnitId)?.name ?? '单位已删除';
  return `${person.name}（${[unit, person.post].filter(Boolean).join(' · ')}）`;
}
