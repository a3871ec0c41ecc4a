// Pure. What the plan and the task cards print from, and the wording of their lines:
// kept apart from the layout so it can be tested without rendering.
import { chinaInstant } from '../../calendar/chinaTime';
import type { WorkingGroup } from '../../commandPost/types';
import { formatChineseDate, maskIdNumber, maskPhone } from '../../operation/formats';
import {
  riskLevelLabels,
  vulnerabilityLabels,
  type IsoInstant,
  type Operation,
  type Subject,
} from '../../operation/types';
import type { Contingency, GroupAssignment, LegalityCheck, Plan, PlanSnapshot, PreparatoryMeeting, SketchMarkerKind } from '../../plan/types';

/**
 * Everything the plan prints, gathered by the caller. A finalised plan should come with
 * the command post as frozen in that version; the deployment sketch is read from
 * plan.content.sketch.
 */
export interface PlanPrintData extends PlanSnapshot {
  plan: Plan;
  /** When the document is printed (ISO with +08:00); printed on it, so the file is reproducible. */
  printedAt: IsoInstant;
}

/** Printed for anything the user has not filled in yet. */
export const UNSET = '未填写';
export const orUnset = (text: string | undefined): string => text?.trim() || UNSET;

export const legalityStatusLabels: Record<LegalityCheck['status'], string> = { pass: '通过', fail: '未通过', warn: '提示' };
export const housingKindLabels = { interim: '周转房', resettlement: '安置房' } as const;
export const markerKindLabels: Record<SketchMarkerKind, string> = {
  assembly: '集合地点',
  dispersal: '疏导地点',
  cordon: '警戒位置',
  property: '被执行房屋',
  group: '小组位置',
  other: '其他',
};

/** HH:mm → 9时05分 */
export function formatChineseTime(hhmm: string): string {
  const m = /^(\d{1,2}):(\d{2})/.exec(hhmm);
  return m ? `${Number(m[1])}时${m[2]}分` : hhmm;
}

/** Date and time in China of an instant stored with any offset. */
function chinaParts(instant: IsoInstant): { date: string; time: string } | null {
  const ms = Date.parse(instant);
  if (Number.isNaN(ms)) return null;
  const local = chinaInstant(new Date(ms));
  return { date: formatChineseDate(local), time: formatChineseTime(local.slice(11, 16)) };
}

/** 2026年12月8日, the day in China of an instant. */
export function chinaDateOf(instant: IsoInstant): string {
  return chinaParts(instant)?.date ?? instant;
}

/** 2026年12月8日 9时00分 */
export function formatChineseDateTime(instant: IsoInstant): string {
  const parts = chinaParts(instant);
  return parts ? `${parts.date} ${parts.time}` : instant;
}

/** 2026年12月8日 9时00分 至 12时00分; the date is repeated only when the window passes midnight. */
export function formatWindow(start: IsoInstant | '', end: IsoInstant | ''): string {
  const from = start ? chinaParts(start) : null;
  const to = end ? chinaParts(end) : null;
  if (!from) return '未确定';
  if (!to) return `${from.date} ${from.time} 起`;
  return `${from.date} ${from.time} 至 ${to.date === from.date ? '' : `${to.date} `}${to.time}`;
}

/** （第2版） or （草稿，未定稿）, printed under the title. */
export const planVersionLine = (plan: Plan): string => (plan.status === 'final' ? `（第${plan.version}版）` : '（草稿，未定稿）');

/** The boxed mark on every page: 草稿 for a draft, 示例 for training data. */
export function pageMark(operation: Operation, plan: Plan): string | undefined {
  const marks = [operation.isDemo ? '示例' : '', plan.status === 'draft' ? '草稿' : ''].filter(Boolean);
  return marks.length > 0 ? marks.join(' · ') : undefined;
}

/** Which version a plan document comes from, for the foot of every page. */
export function planSourceNote(plan: Plan, printedAt: IsoInstant): string {
  const source =
    plan.status === 'final'
      ? `预案第${plan.version}版${plan.finalisedAt ? ` 定稿于${formatChineseDateTime(plan.finalisedAt)}` : ''}`
      : '预案草稿，未定稿，不得作为执行依据';
  return `${source} · 打印于${formatChineseDateTime(printedAt)}`;
}

/** One person as the roster tables print them. */
export interface RosterLine {
  name: string;
  unit: string;
  post: string;
  phone: string;
  badge: string;
}

export function rosterLine(data: Pick<PlanPrintData, 'people' | 'memberUnits'>, personId: string | undefined): RosterLine | undefined {
  const person = data.people.find((p) => p.id === personId);
  if (!person) return undefined;
  const unit = data.memberUnits.find((u) => u.id === person.memberUnitId);
  return { name: person.name, unit: unit?.name ?? '', post: person.post, phone: person.phone, badge: person.badgeNumber };
}

/** 陈志远（临江区房屋征收事务中心主任，电话 13907310125）: staff phones are printed in full. */
export function personLabel(line: RosterLine | undefined): string {
  if (!line) return '未指定';
  const role = `${line.unit}${line.post}`;
  const details = [role, line.phone ? `电话 ${line.phone}` : ''].filter(Boolean).join('，');
  return details ? `${line.name}（${details}）` : line.name;
}

export const groupsInOrder = (data: PlanPrintData): WorkingGroup[] => [...data.groups].sort((a, b) => a.position - b.position);

/** The group's leader and its other members, in roster order. */
export function groupRoster(data: PlanPrintData, group: WorkingGroup): { leader?: RosterLine; members: RosterLine[] } {
  const members = group.memberIds
    .filter((id) => id !== group.leaderId)
    .map((id) => rosterLine(data, id))
    .filter((line): line is RosterLine => line !== undefined);
  return { leader: rosterLine(data, group.leaderId), members };
}

/** Leader plus members, the count the organisation table shows. */
export const groupHeadcount = (group: WorkingGroup): number =>
  new Set([...(group.leaderId ? [group.leaderId] : []), ...group.memberIds]).size;

export const assignmentOf = (plan: Plan, groupId: string): GroupAssignment | undefined =>
  plan.content.assignments.find((a) => a.groupId === groupId);

export const contingenciesOf = (plan: Plan, groupId: string): Contingency[] =>
  plan.content.contingencies.filter((c) => c.groupIds.includes(groupId));

/** 安全保卫和应急处置组、消防救护组 */
export function groupNames(data: PlanPrintData, groupIds: string[]): string {
  const names = groupsInOrder(data)
    .filter((g) => groupIds.includes(g.id))
    .map((g) => g.name);
  return names.length > 0 ? names.join('、') : '未指定';
}

/** The subjects, ordered, with identity and phone numbers masked: the plan circulates widely. */
export function subjectRows(data: PlanPrintData): string[][] {
  return [...data.subjects]
    .sort((a, b) => a.position - b.position)
    .map((s) => [s.name, s.idNumber ? maskIdNumber(s.idNumber) : UNSET, s.phone ? maskPhone(s.phone) : '无', s.address]);
}

/** 张建国：身体状况……；风险等级：高。 */
export function assessmentText(subject: Subject): string | undefined {
  const a = subject.assessment;
  if (!a) return undefined;
  return `${subject.name}：身体状况，${orUnset(a.health)}；心理状态，${orUnset(a.psychological)}；行为表现，${orUnset(a.behavioural)}；风险等级：${riskLevelLabels[a.riskLevel]}。`;
}

export function householdRows(data: PlanPrintData): string[][] {
  return data.householdMembers.map((m) => {
    const subject = data.subjects.find((s) => s.id === m.subjectId);
    return [
      m.name,
      subject ? `${subject.name}之${m.relation}` : m.relation,
      m.birthYear ? `${m.birthYear}年` : '',
      m.vulnerabilities.length > 0 ? m.vulnerabilities.map((v) => vulnerabilityLabels[v]).join('、') : '无',
      m.note,
    ];
  });
}

/** 2026年12月5日 14时30分, or 未填写. */
export const meetingTime = (meeting: PreparatoryMeeting): string =>
  orUnset(`${formatChineseDate(meeting.date)} ${formatChineseTime(meeting.time)}`);

/** 执行预备会 attendees: roster names, then the others as typed. */
export function meetingAttendees(data: PlanPrintData, meeting: PreparatoryMeeting): string {
  const names = meeting.attendeeIds
    .map((id) => data.people.find((p) => p.id === id)?.name)
    .filter((name): name is string => name !== undefined);
  return [...names, meeting.otherAttendees.trim()].filter(Boolean).join('、') || UNSET;
}
