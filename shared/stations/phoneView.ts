// Pure. What a group leader's phone (or any station's page, renderer/src/stations/phone) shows
// from the entries it holds, and the entries its acts make. The phone holds the field profile
// (redaction.ts): the day's phases and orders, the command post's working groups, people and
// member units, the tasks; never subjects or footage. Everything is folded from the signed
// entries, as the console folds them: the state of the day with onSiteState over the entries
// as LogEntry (shared/log/view.ts), the records with foldActs (last writer wins).
//
// Orders are the command's acts every station must see and acknowledge (issue 15 §7): phase
// declarations, 停止/中止执行, 恢复执行, 终结执行, and 紧急撤离 (a 'command' entry with
// data.order = 'evacuate'). An acknowledgement is an 'ack' entry of the acknowledging station
// with refs.order = the order's hash; an order stays pending on a station until that station's
// ack is held. Orders made before the station was paired are shown, not asked to be acknowledged.
import { trainedBy } from '../commandPost/training';
import type { MemberUnit, Person, WorkingGroup } from '../commandPost/types';
import { chinaDate, chinaInstant } from '../calendar/chinaTime';
import { checkActEntry } from '../log/append';
import { compareLog, entryLabel } from '../log/order';
import type { LogEntry } from '../log/types';
import { logView, stationNames, stationRefs } from '../log/view';
import type { ActOutcome } from '../record/act';
import type { Decision } from '../record/decision';
import { completeAftercareTaskOutcome } from '../report/acts';
import { sortedTasks, type AftercareTask, type TaskRecord } from '../report/aftercare';
import { decideCheckIn, decideIncident, decideNote } from '../onSite/acts';
import { isArt39Ground, phaseLabel, phases, type PhaseCode } from '../onSite/phases';
import { onSiteState, statusLabel, type OnSiteState } from '../onSite/state';
import { declaredClasses, externaliseAct, foldActs } from './acts';
import { compareEntries } from './chains';
import type { EntryInput } from './entry';
import { admission, foldRoster, mayWrite, standingAt, stationRoleLabels, type RoleGrant, type Roster } from './roster';
import type { StationCategory, StationEntry } from './types';

/** The order kind of a 'command' entry that tells every station to leave the site at once. */
export const EVACUATE = 'evacuate';

export type OrderKind = 'phase' | 'stop' | 'suspend' | 'resume' | 'terminate' | 'evacuate';

export const orderKindLabels: Record<OrderKind, string> = {
  phase: '执行环节',
  stop: '停止执行',
  suspend: '中止执行',
  resume: '恢复执行',
  terminate: '终结执行',
  evacuate: '紧急撤离',
};

/** The order an entry gives, or null when it is not one. */
export function orderKind(e: Pick<StationEntry, 'category' | 'data'>): OrderKind | null {
  switch (e.category) {
    case 'phase':
      return 'phase';
    case 'suspension': {
      const g = e.data['ground'];
      return typeof g === 'string' && isArt39Ground(g as never) ? 'suspend' : 'stop';
    }
    case 'resumption':
      return 'resume';
    case 'termination':
      return 'terminate';
    case 'command':
      return e.data['order'] === EVACUATE ? 'evacuate' : null;
    default:
      return null;
  }
}

/** How an order is named: the phase declared, or the kind of order. */
export function orderLabel(kind: OrderKind, data: Record<string, unknown> | undefined): string {
  const phase = data?.['phase'];
  return kind === 'phase' && phases.some((p) => p.code === phase) ? phaseLabel(phase as PhaseCode) : orderKindLabels[kind];
}

/** The commander's 紧急撤离 order (written by a commander or deputy station). */
export const evacuationInput = (reason: string): Omit<EntryInput, 'operator'> => ({
  category: 'command',
  text: `紧急撤离：${reason.trim()}`,
  data: { order: EVACUATE },
});

export interface PhoneOrder {
  entry: LogEntry;
  kind: OrderKind;
  label: string;
  /** The ack of this station, if held. */
  ack?: LogEntry;
  /** Whether this station must still acknowledge it. */
  pending: boolean;
}

export interface PhoneMember {
  id: string;
  name: string;
  unit: string;
  post: string;
  leader: boolean;
  /** Check-ins of this person, in order. */
  checkIns: LogEntry[];
  /** Assigned with no training on record by today (seed 004 §一(三)): checked in all the same, flagged. */
  untrained: boolean;
}

/** What each of the page's acts would be refused with (null: allowed). */
export interface PhoneMay {
  ack: string | null;
  checkIn: string | null;
  note: string | null;
  incident: string | null;
  task: string | null;
}

export interface PhoneModel {
  me: string;
  op: string;
  roster: Roster;
  /** This station's role, or null with the reason (not paired yet, revoked). */
  grant: RoleGrant | null;
  standingProblem: string | null;
  stationName: string;
  roleLabel: string;
  /** The working group this station records for ('' when none). */
  group: string;
  /** Admitted entries as the app shows them, in merged order. */
  log: LogEntry[];
  state: OnSiteState;
  statusLabel: string;
  /** The latest phase declared (merged order), if any. */
  lastPhase: { label: string; at: string } | null;
  /** Orders, newest first. */
  orders: PhoneOrder[];
  pendingOrders: number;
  workingGroup: WorkingGroup | null;
  members: PhoneMember[];
  /** The group's aftercare tasks: open first by due date, then done. */
  tasks: AftercareTask[];
  /** The group's own entries (notes, check-ins, incidents), newest first. */
  groupLog: LogEntry[];
  may: PhoneMay;
  /** Records as folded, for deciding acts. */
  records: Folded;
}

interface Folded {
  people: Map<string, Person>;
  units: Map<string, MemberUnit>;
  groups: WorkingGroup[];
  tasks: TaskRecord[];
  operation: { onSiteCommanderId?: string; deputyCommanderId?: string } | undefined;
}

const FOLDED_TABLES = new Set(['people', 'memberUnits', 'workingGroups', 'tasks', 'operations']);

function foldRecords(entries: readonly StationEntry[], op: string): Folded {
  const people = new Map<string, Person>();
  const units = new Map<string, MemberUnit>();
  const groups: WorkingGroup[] = [];
  const tasks: TaskRecord[] = [];
  let operation: Folded['operation'];
  for (const f of foldActs(entries, FOLDED_TABLES).values()) {
    const r = f.record as Record<string, unknown> | null;
    if (!r) continue;
    if (f.table === 'operations') {
      if (f.id === op) operation = r as Folded['operation'];
    } else if (r['operationId'] !== op) continue;
    else if (f.table === 'people') people.set(f.id, r as unknown as Person);
    else if (f.table === 'memberUnits') units.set(f.id, r as unknown as MemberUnit);
    else if (f.table === 'workingGroups') groups.push(r as unknown as WorkingGroup);
    else if (f.table === 'tasks') tasks.push(r as unknown as TaskRecord);
  }
  groups.sort((a, b) => a.position - b.position);
  return { people, units, groups, tasks, operation };
}

/** The group a station records for: a group leader's own; the evidence clerk's is the evidence group. */
export const stationGroup = (grant: RoleGrant | null): string => grant?.group ?? (grant?.role === 'evidenceClerk' ? 'evidence' : '');

const taskProbe = { kind: 'aftercare.done', changes: [{ table: 'tasks', op: 'put' as const, id: 'probe' }] };

function mayOf(grant: RoleGrant | null, problem: string | null, group: string): PhoneMay {
  const check = (category: StationCategory, act?: typeof taskProbe) => (grant ? mayWrite(grant, { category, group, ...(act ? { act } : {}) }) : (problem ?? '本站尚未配对'));
  return { ack: check('ack'), checkIn: check('checkIn'), note: check('note'), incident: check('incident'), task: check('note', taskProbe) };
}

/**
 * The page's model from the entries held. `me` is this station's key, `anchor` the commander
 * key given at pairing; `now` decides who is untrained today. Entries the roster does not admit
 * (a writer never paired, revoked, or writing beyond its role) are left out, as every receiver
 * leaves them out of the record.
 */
export function phoneModel(entries: readonly StationEntry[], me: string, anchor: string | undefined, now: Date): PhoneModel {
  const roster = foldRoster(entries, anchor);
  const admitted = roster.anchor ? entries.filter((e) => admission(roster, e) === null) : [];
  const op = admitted[0]?.op ?? entries[0]?.op ?? '';
  const names = stationNames(admitted);
  const log = admitted.map((e) => logView(e, names.get(e.writer))).sort(compareLog);
  const standing = me === roster.anchor ? ({ ok: true, grant: { role: 'commander' } } as const) : standingAt(roster, me, Number.MAX_SAFE_INTEGER);
  const grant: RoleGrant | null = standing.ok ? standing.grant : null;
  const standingProblem = standing.ok ? null : roster.anchor ? standing.reason : '尚未收到指挥工作站的名册';
  const group = stationGroup(grant);
  const state = onSiteState(log);
  const records = foldRecords(admitted, op);

  const phaseEntries = log.filter((e) => e.category === 'phase' && phases.some((p) => p.code === e.data?.['phase']));
  const last = phaseEntries[phaseEntries.length - 1];

  // An order asks this station for an ack only if made after the station was paired.
  const byHash = new Map(admitted.map((e) => [e.hash, e]));
  const pairing = roster.stations.get(me)?.periods[0]?.by;
  const pairedAt = pairing ? log.find((e) => e.hash === pairing) : undefined;
  const acks = new Map<string, LogEntry>();
  for (const e of log) {
    const ref = e.category === 'ack' && e.writer === me ? byHash.get(e.hash)!.refs['order'] : undefined;
    if (typeof ref === 'string' && !acks.has(ref)) acks.set(ref, e);
  }
  const orders: PhoneOrder[] = [];
  for (const e of log) {
    const kind = orderKind(byHash.get(e.hash)!);
    if (!kind) continue;
    const ack = acks.get(e.hash);
    const after = pairedAt !== undefined && compareLog(e, pairedAt) > 0;
    orders.push({ entry: e, kind, label: orderLabel(kind, e.data), ...(ack ? { ack } : {}), pending: !ack && after && e.writer !== me && grant !== null && grant.role !== 'observer' });
  }
  orders.reverse();

  const workingGroup = records.groups.find((g) => g.code === group || g.id === group) ?? null;
  const today = chinaDate(now);
  const ids = workingGroup ? [...(workingGroup.leaderId ? [workingGroup.leaderId] : []), ...workingGroup.memberIds.filter((m) => m !== workingGroup.leaderId)] : [];
  const members: PhoneMember[] = ids.map((id) => {
    const p = records.people.get(id);
    return {
      id,
      name: p?.name ?? `人员 ${id}`,
      unit: (p && records.units.get(p.memberUnitId)?.name) ?? '',
      post: p?.post ?? '',
      leader: id === workingGroup?.leaderId,
      checkIns: state.checkIns.get(id) ?? [],
      untrained: p !== undefined && !trainedBy(p, today),
    };
  });
  const tasks = sortedTasks(records.tasks).filter((t) => group !== '' && t.groupId === group);
  const groupLog = group ? log.filter((e) => e.group === group && ['note', 'checkIn', 'incident', 'publicOpinion', 'safetyCheck', 'inventory', 'correction'].includes(e.category)).reverse() : [];

  return {
    me,
    op,
    roster,
    grant,
    standingProblem,
    stationName: roster.stations.get(me)?.name ?? '',
    roleLabel: grant ? `${stationRoleLabels[grant.role]}${grant.group ? `（${workingGroup?.name ?? grant.group}）` : ''}` : '未获角色',
    group,
    log,
    state,
    statusLabel: statusLabel(state.status),
    lastPhase: last ? { label: phaseLabel(last.data!['phase'] as PhaseCode), at: last.occurredAt } : null,
    orders,
    pendingOrders: orders.filter((o) => o.pending).length,
    workingGroup,
    members,
    tasks,
    groupLog,
    may: mayOf(grant, standingProblem, group),
    records,
  };
}

/** An act's entry as this station signs it (the operator is added by the page). */
export type PhoneEntry = Omit<EntryInput, 'operator' | 'files'>;

function refuseUnless(reason: string | null): void {
  if (reason) throw new Error(reason);
}

/** The station entry of a decided act: the same checks and form the console's write path gives it. */
function stationInput(outcome: ActOutcome<unknown>, kind: string, operatorName: string): PhoneEntry {
  const content = checkActEntry({ operator: operatorName, group: outcome.entry.group ?? '', category: outcome.entry.category, text: outcome.entry.text, ...(outcome.entry.refs ? { refs: outcome.entry.refs } : {}), ...(outcome.entry.data ? { data: outcome.entry.data } : {}) });
  const { act } = externaliseAct(kind, outcome.changes);
  const classes = declaredClasses(outcome.changes);
  return {
    group: content.group,
    category: content.category,
    text: content.text,
    refs: stationRefs(content.refs),
    ...(content.data ? { data: content.data } : {}),
    ...(act.changes.length ? { act } : {}),
    ...(classes.length ? { classes } : {}),
  };
}

/** Form errors as one message (the page shows it beside the form). */
export class PhoneFormError extends Error {
  constructor(readonly errors: Record<string, string>) {
    super(Object.values(errors)[0] ?? '填写有误');
  }
}

const decidedOrThrow = (d: Decision<undefined>): ActOutcome => {
  if (!d.ok) throw new PhoneFormError(d.errors);
  if (!d.outcome) throw new Error('没有需要记录的内容');
  return d.outcome;
};

/** 确认收到 an order. */
export function ackEntry(model: PhoneModel, orderHash: string, operatorName: string): PhoneEntry {
  refuseUnless(model.may.ack);
  const order = model.orders.find((o) => o.entry.hash === orderHash);
  if (!order) throw new Error('找不到该指令');
  if (order.ack) throw new Error(`该指令已于 ${order.ack.occurredAt.slice(11, 16)} 确认收到`);
  const entry = stationInput({ entry: { category: 'ack', group: model.group, text: `确认收到：${order.label}（${entryLabel(order.entry)}）` }, changes: [], result: undefined }, 'ack', operatorName);
  return { ...entry, refs: { order: orderHash } };
}

/** 签到 a member of the group (onSite/acts.ts decideCheckIn: a second check-in needs a note). */
export function checkInEntry(model: PhoneModel, personId: string, note: string, now: Date, operatorName: string): PhoneEntry {
  refuseUnless(model.may.checkIn);
  const member = model.members.find((m) => m.id === personId);
  if (!member) throw new Error('该人员不在本组名单中');
  const outcome = decideCheckIn(
    { entries: model.log, operation: model.records.operation, groups: model.records.groups, record: model.records.people.get(personId) },
    { id: member.id, name: member.name, unit: member.unit || '单位未登记' },
    note,
    now,
    model.group,
  );
  return stationInput(outcome, 'onSite.checkIn', operatorName);
}

/** 本组记录. */
export function noteEntry(model: PhoneModel, text: string, operatorName: string): PhoneEntry {
  refuseUnless(model.may.note);
  return stationInput(decideNote(model.log, text, undefined, model.group), 'onSite.note', operatorName);
}

/** 报告情况: an incident (onSite/reports.ts), its photo attached by the page. */
export function incidentReportEntry(model: PhoneModel, input: unknown, operatorName: string): PhoneEntry {
  refuseUnless(model.may.incident);
  return stationInput(decidedOrThrow(decideIncident(model.log, input, undefined, model.group)), 'onSite.incident', operatorName);
}

/** 标记完成 one of the group's tasks (report/acts.ts: once, with what was done). */
export function taskDoneEntry(model: PhoneModel, taskId: string, note: string, now: Date, operatorName: string): PhoneEntry {
  refuseUnless(model.may.task);
  if (!model.tasks.some((t) => t.id === taskId)) throw new Error('该事项不属于本组');
  const decided = completeAftercareTaskOutcome(model.records.tasks, taskId, { doneOn: chinaDate(now), note }, { now: chinaInstant(now) });
  if (!decided.ok) throw new PhoneFormError(decided.errors);
  return stationInput(decided.outcome, 'aftercare.done', operatorName);
}

/** Largest photo a report carries: it travels to every full station inside one replication batch. */
export const MAX_PHOTO_BYTES = 5 * 1024 * 1024;

/** null when the photo may be attached; otherwise why not, in Chinese. */
export function photoProblem(photo: { size: number; type: string }): string | null {
  if (!/^image\/(jpeg|png|webp|heic|heif)$/.test(photo.type)) return '只能附加照片（JPEG、PNG、WebP 或 HEIC）';
  if (photo.size === 0) return '照片为空，请重新拍摄';
  if (photo.size > MAX_PHOTO_BYTES) return `照片为 ${(photo.size / 1024 / 1024).toFixed(1)} MB，超过 5 MB 上限：请在相机设置中降低分辨率后重拍`;
  return null;
}

export interface UnacknowledgedOrder {
  order: StationEntry;
  label: string;
  /** Stations that must acknowledge it and have not (as far as the entries held show). */
  missing: Array<{ key: string; name: string }>;
}

/**
 * For the commander's screen (issue 15 §7): each order some station has not acknowledged.
 * A station must acknowledge an order made after it was paired, unless it is an observer,
 * the hub, revoked now, or the order's own writer.
 */
export function unacknowledgedOrders(entries: readonly StationEntry[], anchor?: string): UnacknowledgedOrder[] {
  const roster = foldRoster(entries, anchor);
  if (!roster.anchor) return [];
  const admitted = entries.filter((e) => admission(roster, e) === null);
  const acked = new Set(admitted.filter((e) => e.category === 'ack' && typeof e.refs['order'] === 'string').map((e) => `${e.writer} ${e.refs['order'] as string}`));
  const pairedBy = new Map<string, StationEntry>();
  for (const e of admitted) if (e.category === 'roster' && e.data['action'] === 'pair' && typeof e.data['station'] === 'string' && !pairedBy.has(e.data['station'])) pairedBy.set(e.data['station'], e);
  const out: UnacknowledgedOrder[] = [];
  for (const order of [...admitted].sort(compareEntries)) {
    const kind = orderKind(order);
    if (!kind) continue;
    const missing: UnacknowledgedOrder['missing'] = [];
    for (const [key, record] of roster.stations) {
      const now = standingAt(roster, key, Number.MAX_SAFE_INTEGER);
      const paired = pairedBy.get(key);
      if (key === order.writer || !now.ok || now.grant.role === 'observer' || now.grant.role === 'hub' || !paired || compareEntries(paired, order) > 0) continue;
      if (!acked.has(`${key} ${order.hash}`)) missing.push({ key, name: record.name });
    }
    if (missing.length) out.push({ order, label: orderLabel(kind, order.data), missing });
  }
  return out;
}
