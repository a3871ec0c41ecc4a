// Pure. The acts of the day, decided from the log entries (in the order listLog gives them) and
// the records they need: each is refused, with the reason, when the state of the day does not
// allow it (two windows or stations cannot both declare the start), and the gates — the start,
// 拆除开始, the completion — are checked here, where the act is decided with the operation held,
// not only on the screen. The entries they make are described in phases.ts, safety.ts, reports.ts.
import { chinaDate, chinaInstant } from '../calendar/chinaTime';
import { trainedBy } from '../commandPost/training';
import type { Person, WorkingGroup } from '../commandPost/types';
import type { LogEntry } from '../log/types';
import type { Operation } from '../operation/types';
import type { ActOutcome, EntryContent, RecordChange } from '../record/act';
import { decided, type Decision } from '../record/decision';
import { closingProblem, completionEntry, demolitionGate, gateMessage, missingPhases, startEntry, startGate, type GateOptions, type StartFacts } from './gates';
import { checkInText, phaseText, type Art40Ground, type PhaseCode, type StopGround } from './phases';
import { incidentEntry, publicOpinionEntry, type Parsed, type EntryContent as ReportContent } from './reports';
import { safetyCheckEntry, type SafetyCheckInput } from './safety';
import { outcomeOf, selfPerformanceOutcome } from '../documents/acts';
import { onSiteState, whyNot, type OnSiteAct, type OnSiteState } from './state';

/** The group the checks before 拆除 are recorded under: the demolition group answers for its safety. */
export const SAFETY_GROUP = 'demolition';

/** The entry of an act the state of the day allows; refused with the reason otherwise. */
function allowed(state: OnSiteState, what: OnSiteAct, entry: EntryContent, changes: RecordChange[] = []): ActOutcome {
  const reason = whyNot(state, what);
  if (reason) throw new Error(reason);
  return { entry, changes, result: undefined };
}

export interface PhaseRequest {
  phase: PhaseCode;
  note?: string;
  /** 情况紧急: the facts that allow the start at night or on a rest day (行政强制法 §43). */
  emergencyReason?: string;
  /** The phases the screen listed as never recorded and the commander confirmed, for 宣布执行完毕. */
  confirmedMissing?: readonly PhaseCode[];
  /** Who records: their group's code, or ''. */
  group?: string;
}

/** What a phase is decided from: the log, and for the gates the records' facts and the night hours. */
export interface PhaseContext {
  entries: readonly LogEntry[];
  facts: StartFacts;
  night?: GateOptions['night'];
}

/**
 * Records a phase, behind its gate: the start (plan, service, periods, 公告, time — overridable
 * only by a recorded 情况紧急 — and ruling), 拆除开始 (ruling, notice, the checks before it) and
 * the completion (the phases never recorded, exactly as confirmed).
 */
export function decidePhase(ctx: PhaseContext, r: PhaseRequest, now: Date): ActOutcome {
  const state = onSiteState(ctx.entries);
  const note = r.note ?? '';
  const entry = (content: { text: string; data: EntryContent['data'] }): EntryContent => ({ category: 'phase', group: r.group ?? '', ...content });
  const reason = whyNot(state, { kind: 'phase', phase: r.phase });
  if (reason) throw new Error(reason);
  if (r.phase === 'start') {
    const emergencyReason = r.emergencyReason ?? '';
    const gate = startGate(ctx.facts, now, { ...(ctx.night ? { night: ctx.night } : {}), emergencyReason });
    if (!gate.ok) throw new Error(gateMessage('宣布开始执行', gate));
    return { entry: entry(startEntry(note, gate, emergencyReason, ctx.facts.plan?.version)), changes: [], result: undefined };
  }
  if (r.phase === 'demolitionStart') {
    const gate = demolitionGate(ctx.facts, state, now);
    if (!gate.ok) throw new Error(gateMessage('开始拆除', gate));
  }
  if (r.phase === 'complete') {
    const problem = closingProblem(state, r.confirmedMissing ?? []);
    if (problem) throw new Error(problem);
    return { entry: entry(completionEntry(note, missingPhases(state))), changes: [], result: undefined };
  }
  return { entry: entry({ text: phaseText(r.phase, note), data: { phase: r.phase } }), changes: [], result: undefined };
}

export interface StopRequest {
  ground: StopGround;
  reason: string;
  /** The signed-in person, named on the self-performance record (ground 1). */
  recordedBy: string;
  group?: string;
}

/**
 * Stops the operation. Ground 1 (the subject performed before enforcement began) ends it: the
 * operation gets its self-performance record and the ground-1 entry, in this one act. Grounds 2
 * and 3 stop before the start; after it, a stop is 中止执行 on a ground of 行政强制法 §39.
 */
export function decideSuspension(ctx: { entries: readonly LogEntry[]; operation: Operation }, r: StopRequest, now: Date): ActOutcome<undefined> {
  const reason = r.reason.trim();
  if (!reason) throw new Error('请填写停止执行的具体理由');
  const state = onSiteState(ctx.entries);
  if (r.ground !== 1) return allowed(state, { kind: 'suspend', ground: r.ground }, { category: 'suspension', group: r.group ?? '', text: reason, data: { ground: r.ground } });
  const why = whyNot(state, { kind: 'suspend', ground: 1 });
  if (why) throw new Error(why);
  const performed = outcomeOf(selfPerformanceOutcome(ctx.operation, { occurredOn: chinaDate(now), note: reason }, { now: chinaInstant(now), recordedBy: r.recordedBy }));
  // Recorded on site, the entry stays under the recorder's group like every other stop.
  return { ...performed, entry: { ...performed.entry, group: r.group ?? '' }, result: undefined };
}

/** 终结执行 on a ground of 行政强制法 §40 (e.g. the ruling revoked): the operation ends, no resumption. */
export function decideTermination(entries: readonly LogEntry[], ground: Art40Ground, reason: string, group = ''): ActOutcome {
  if (!reason.trim()) throw new Error('请填写终结执行的具体理由（如撤销裁定的文书名称、文号）');
  return allowed(onSiteState(entries), { kind: 'terminate', ground }, { category: 'termination', group, text: reason.trim(), data: { ground } });
}

export function decideResumption(entries: readonly LogEntry[], note: string, group = ''): ActOutcome {
  if (!note.trim()) throw new Error('请写明恢复执行的理由（阻碍执行的情形已消失的情况）');
  return allowed(onSiteState(entries), { kind: 'resume' }, { category: 'resumption', group, text: note.trim() });
}

/** A check before 拆除 (house cleared, supplies isolated by their units, roll call), under the demolition group. */
export function decideSafetyCheck(entries: readonly LogEntry[], input: SafetyCheckInput): Decision<undefined> {
  const parsed = safetyCheckEntry(input);
  if (!parsed.ok) return parsed;
  return decided(allowed(onSiteState(entries), { kind: 'safetyCheck', check: input.check }, { category: 'safetyCheck', group: SAFETY_GROUP, ...parsed.value }));
}

/** What a check-in reads besides the log: who is assigned (the command, the groups) and their training. */
export interface CheckInContext {
  entries: readonly LogEntry[];
  operation: Pick<Operation, 'onSiteCommanderId' | 'deputyCommanderId'> | undefined;
  groups: readonly Pick<WorkingGroup, 'leaderId' | 'memberIds'>[];
  /** The person's record, for their training; undefined for someone not on the roster. */
  record: Person | undefined;
}

/** Whether the person is assigned (commander, deputy, a group) and has no training on record by today (seed 004 §一(三)). */
function assignedUntrained(ctx: CheckInContext, personId: string, today: string): boolean {
  if (!ctx.record) return false;
  const { operation } = ctx;
  const assigned =
    operation?.onSiteCommanderId === personId || operation?.deputyCommanderId === personId || ctx.groups.some((g) => g.leaderId === personId || g.memberIds.includes(personId));
  return assigned && !trainedBy(ctx.record, today);
}

/**
 * A second check-in of the same person needs a note saying why (e.g. 离岗后返回). Someone the
 * command post assigned who has no training on record is checked in all the same (they are
 * there) but flagged in the entry: seed 004 §一(三) forbids untrained staff.
 */
export function decideCheckIn(ctx: CheckInContext, person: { id: string; name: string; unit: string }, note: string, now: Date, group = ''): ActOutcome {
  const state = onSiteState(ctx.entries);
  const before = state.checkIns.get(person.id);
  if (before?.length && !note.trim()) throw new Error(`${person.name}已于 ${before[0]!.occurredAt.slice(11, 16)} 到岗，再次登记请填写说明`);
  const untrained = assignedUntrained(ctx, person.id, chinaDate(now));
  return allowed(state, { kind: 'checkIn' }, {
    category: 'checkIn',
    group,
    text: checkInText(person.name, person.unit, note, untrained),
    refs: { people: [person.id] },
    ...(untrained ? { data: { untrained: true } } : {}),
  });
}

export function decideNote(entries: readonly LogEntry[], text: string, occurredAt?: string, group = ''): ActOutcome {
  return allowed(onSiteState(entries), { kind: 'note' }, { category: 'note', group, text, ...(occurredAt ? { occurredAt } : {}) });
}

function report(entries: readonly LogEntry[], kind: 'incident' | 'publicOpinion', parsed: Parsed<ReportContent>, group: string, occurredAt?: string): Decision<undefined> {
  if (!parsed.ok) return parsed;
  return decided(allowed(onSiteState(entries), { kind }, { category: kind, group, ...parsed.value, ...(occurredAt ? { occurredAt } : {}) }));
}

export function decideIncident(entries: readonly LogEntry[], input: unknown, occurredAt?: string, group = ''): Decision<undefined> {
  return report(entries, 'incident', incidentEntry(input), group, occurredAt);
}

export function decidePublicOpinion(entries: readonly LogEntry[], input: unknown, group = ''): Decision<undefined> {
  return report(entries, 'publicOpinion', publicOpinionEntry(input), group);
}
