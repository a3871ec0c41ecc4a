// Pure. The acts on the operation itself, each decided here and written only through the one
// write path: creating it (with its nine standard groups, so no screen has to add them later),
// loading the 示例行动, archiving and restoring it, and the particulars recorded on it after it
// was created (the ruling's scope and issuing body, the 告知事项, the costs). Ids and time come
// in as arguments, so the demo (Node) gets the same records from the same arguments.
import { buildDemoCommandPost } from '../commandPost/demo';
import { missingStandardGroups } from '../commandPost/rules';
import type { MemberUnit, Person, WorkingGroup } from '../commandPost/types';
import { put, type ActOutcome } from '../record/act';
import { changeSummary, decided, type Decision } from './decision';
import { DEMO_HISTORY, demoOperationInputOn, demoParticularsInput, type DemoHistory } from './demo';
import { buildOperation, operationTitle, validateNewOperation, type NewOperationValues } from './newOperation';
import { formatYuan, parseCosts, parseParticulars, parseRulingDetails } from './particulars';
import {
  issuingBodyLabels,
  rulingScopeLabels,
  type EnforcementCosts,
  type HouseholdMember,
  type IsoInstant,
  type NoticeParticulars,
  type Operation,
  type Subject,
} from './types';

/** Everything a new operation starts with. */
export interface OperationRecords {
  operation: Operation;
  subjects: Subject[];
  workingGroups: WorkingGroup[];
  memberUnits: MemberUnit[];
  people: Person[];
  householdMembers: HouseholdMember[];
}

function outcomeOf(records: OperationRecords, text: string, data?: ActOutcome['entry']['data']): ActOutcome<string> {
  const { operation, subjects, workingGroups, memberUnits, people, householdMembers } = records;
  return {
    entry: { category: 'system', text, ...(data ? { data } : {}) },
    changes: [
      put('operations', operation),
      ...subjects.map((s) => put('subjects', s)),
      ...memberUnits.map((u) => put('memberUnits', u)),
      ...people.map((p) => put('people', p)),
      ...workingGroups.map((g) => put('workingGroups', g)),
      ...householdMembers.map((m) => put('householdMembers', m)),
    ],
    result: operation.id,
  };
}

/**
 * A new operation from the validated form: the operation, its subjects and the nine standard
 * working groups, in one act (the first entry of its log). `newId` gives the subjects' and
 * groups' ids.
 */
export function decideCreateOperation(values: NewOperationValues, operationId: string, newId: () => string, now: IsoInstant): ActOutcome<string> {
  const { operation, subjects } = buildOperation(values, { operationId, subjectIds: values.subjects.map(() => newId()) }, now);
  const workingGroups = missingStandardGroups(operationId, [], newId);
  const ruling = operation.courtRuling;
  return outcomeOf(
    { operation, subjects, workingGroups, memberUnits: [], people: [], householdMembers: [] },
    `创建强制执行行动：${operationTitle(subjects.map((s) => s.name))}，被执行房屋${operation.propertyAddress}；依据${ruling.court}${ruling.number}行政裁定（${rulingScopeLabels[ruling.scope]}）；建立九个标准工作小组`,
  );
}

/**
 * The 示例行动's records (training data, marked 示例 everywhere): the demo operation through the
 * same validation as user input, its particulars, and its staffed command post with the
 * commander and deputy designated. `now`'s date is "today" for the validation. The app's
 * 载入示例行动 and the demo backup (npm run demo) both start from these.
 */
export function demoOperationRecords(
  operationId: string,
  newId: () => string,
  now: IsoInstant,
  /** The subjects' ids, when they are named apart (the demo backup's `demo-subject-1`). */
  subjectId: (position: number) => string = () => newId(),
  /** The decision, ruling and training days (the demo computed for another day has its own). */
  history: DemoHistory = DEMO_HISTORY,
): OperationRecords {
  const result = validateNewOperation(demoOperationInputOn(history), now.slice(0, 10));
  if (!result.ok) throw new Error(`示例数据无效：${Object.values(result.errors).join('；')}`);
  const particulars = parseParticulars(demoParticularsInput);
  if (!particulars.ok) throw new Error(`示例告知事项无效：${Object.values(particulars.errors).join('；')}`);
  const subjectIds = result.values.subjects.map((_, i) => subjectId(i));
  const { operation, subjects } = buildOperation(result.values, { operationId, subjectIds }, now, true);
  const demo = buildDemoCommandPost(operationId, subjectIds, newId, history.trainedOn);
  return {
    operation: { ...operation, ...demo.command, particulars: particulars.value },
    subjects: subjects.map((s) => ({ ...s, assessment: demo.assessments[s.id] ?? s.assessment })),
    workingGroups: demo.workingGroups,
    memberUnits: demo.memberUnits,
    people: demo.people,
    householdMembers: demo.householdMembers,
  };
}

/** Loading the 示例行动: one act, so the demo is there whole or not at all. */
export function decideLoadDemo(operationId: string, newId: () => string, now: IsoInstant, subjectId?: (position: number) => string, history?: DemoHistory): ActOutcome<string> {
  const records = demoOperationRecords(operationId, newId, now, subjectId, history);
  const name = (id?: string) => records.people.find((p) => p.id === id)?.name ?? '';
  const { onSiteCommanderId, deputyCommanderId } = records.operation;
  const command = `现场执行指挥：${name(onSiteCommanderId)}；副指挥：${name(deputyCommanderId)}`;
  return outcomeOf(
    records,
    `载入示例行动（培训用虚构数据）：${operationTitle(records.subjects.map((s) => s.name))}，成员单位 ${records.memberUnits.length} 个、人员 ${records.people.length} 名、工作小组 ${records.workingGroups.length} 个；${command}`,
    { after: command },
  );
}

export function decideArchive(operation: Operation | undefined, archived: boolean, now: IsoInstant): ActOutcome {
  if (!operation) throw new Error('找不到该行动，可能已被删除');
  if ((operation.status === 'archived') === archived) throw new Error(archived ? '该行动已归档' : '该行动不在归档中');
  const { archivedAt: _archivedAt, ...rest } = operation;
  const next: Operation = archived ? { ...rest, status: 'archived', archivedAt: now, updatedAt: now } : { ...rest, status: 'active', updatedAt: now };
  return {
    entry: { category: 'system', text: archived ? '行动归档：数据全部保留，可随时恢复' : '行动从归档中恢复为进行中' },
    changes: [put('operations', next)],
    result: undefined,
  };
}

/** An edit of the operation record: category 'edit', the text and data saying what it was before and after. */
function operationEdit(operation: Operation | undefined, changes: Partial<Operation>, text: string, before: string, after: string, now: IsoInstant): Decision<undefined> {
  if (!operation) throw new Error('找不到该行动，可能已被删除');
  return decided({
    entry: { category: 'edit', text, data: { before, after } },
    changes: [put('operations', { ...operation, ...changes, updatedAt: now })],
    result: undefined,
  });
}

const rulingLine = (o: Pick<Operation, 'courtRuling' | 'issuingBody'>) =>
  `${rulingScopeLabels[o.courtRuling.scope]}${o.courtRuling.scopeLimit ? `（限制：${o.courtRuling.scopeLimit}）` : ''}；发文名义：${issuingBodyLabels[o.issuingBody ?? 'organisingGovernment']}`;

/** The ruling's scope and limit (法释〔2012〕4号第九条) and in whose name documents are issued. */
export function decideRulingDetails(operation: Operation | undefined, input: unknown, now: IsoInstant): Decision<undefined> {
  const parsed = parseRulingDetails(input);
  if (!parsed.ok) return parsed;
  if (!operation) throw new Error('找不到该行动，可能已被删除');
  const { scope, scopeLimit, issuingBody } = parsed.value;
  const { scopeLimit: _old, ...ruling } = operation.courtRuling;
  const next = { courtRuling: { ...ruling, scope, ...(scopeLimit ? { scopeLimit } : {}) }, issuingBody };
  const after = rulingLine(next);
  return operationEdit(operation, next, `记录裁定执行范围：${after}`, rulingLine(operation), after, now);
}

const particularsLine = (p: NoticeParticulars | undefined) => {
  if (!p) return '未记录';
  const c = p.compensation;
  const money = c.arrangement === 'account' ? `专户 ${c.bank} 账号 ${c.accountNumber}` : `提存 ${c.notaryOffice} ${c.certificateNumber}`;
  return `补偿款 ${c.amount} 元（${money}）；联系人 ${p.contactPerson}`;
};

/** What the notice and announcement tell the subject (issue 14 item 2). */
export function decideParticulars(operation: Operation | undefined, input: unknown, now: IsoInstant): Decision<undefined> {
  const parsed = parseParticulars(input);
  if (!parsed.ok) return parsed;
  const after = particularsLine(parsed.value);
  return operationEdit(operation, { particulars: parsed.value }, `记录告知事项：${after}`, particularsLine(operation?.particulars), after, now);
}

const costsLine = (c: EnforcementCosts | undefined) => (c ? `${formatYuan(c.amount)}，由${c.bearer}承担` : '未记录');

/** 执行费用 and who bears them (行政强制法第六十条). */
export function decideCosts(operation: Operation | undefined, input: unknown, now: IsoInstant): Decision<undefined> {
  const parsed = parseCosts(input);
  if (!parsed.ok) return parsed;
  const summary = changeSummary([
    { label: '执行费用', before: costsLine(operation?.costs), after: costsLine(parsed.value) },
    { label: '说明', before: operation?.costs?.note ?? '', after: parsed.value.note },
  ]);
  return operationEdit(
    operation,
    { costs: parsed.value },
    `记录执行费用：${parsed.value.amount} 元，由${parsed.value.bearer}承担`,
    summary.before || costsLine(operation?.costs),
    summary.after || costsLine(parsed.value),
    now,
  );
}
