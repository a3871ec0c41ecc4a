// DOM. The commander's acts on the day. Each one re-reads the log inside its transaction,
// checks the act is allowed in the state the log shows (two windows cannot both declare the
// start), and appends its entry in that same transaction.
import { chinaDate, chinaInstant } from '../../../shared/calendar/chinaTime';
import type { LogInput } from '../../../shared/log/append';
import type { LogEntry } from '../../../shared/log/types';
import { trainedBy } from '../../../shared/commandPost/training';
import { closingProblem, completionEntry, demolitionGate, gateMessage, missingPhases, startEntry, startGate, type PhaseEntry } from '../../../shared/onSite/gates';
import { checkInText, phaseText, type Art40Ground, type PhaseCode, type StopGround } from '../../../shared/onSite/phases';
import { incidentEntry, publicOpinionEntry, type EntryContent, type Parsed } from '../../../shared/onSite/reports';
import { safetyCheckEntry, type SafetyCheckInput } from '../../../shared/onSite/safety';
import { onSiteState, whyNot, type OnSiteAct, type OnSiteState } from '../../../shared/onSite/state';
import type { ConsoleDb } from '../data/db';
import { outcomeOf, selfPerformanceOutcome } from '../../../shared/documents/acts';
import { commit } from '../record/commit';
import { appendLog, listLog } from '../log/repository';
import { requirePermission } from '../operators/repository';
import type { Action, Actor } from '../../../shared/operators/permissions';
import { gateTables, loadGateContext } from './facts';

/** Who records (the signed-in person; personId '' when nobody is) and for which group. */
export interface Recorder {
  operationId: string;
  personId: string;
  operator: string;
  group?: string;
}

type Entry = Omit<LogInput, 'operationId' | 'operator'>;

const actorOf = (who: Recorder): Actor | undefined => (who.personId ? { personId: who.personId, name: who.operator } : undefined);

/** The group the checks before 拆除 are recorded under: the demolition group answers for its safety. */
const SAFETY_GROUP = 'demolition';

/**
 * Only the command declares the start and the completion, stops, ends and resumes; the checks
 * before 拆除 belong to the demolition group (or the command); anyone logs for their own group.
 */
export function actionOf(who: Recorder, what: OnSiteAct): Action {
  if (what.kind === 'phase' && (what.phase === 'start' || what.phase === 'complete')) return { kind: 'declare', what: what.phase };
  if (what.kind === 'suspend' || what.kind === 'resume') return { kind: what.kind };
  if (what.kind === 'terminate') return { kind: 'suspend' };
  if (what.kind === 'safetyCheck') return { kind: 'log', group: SAFETY_GROUP };
  return { kind: 'log', group: who.group ?? '' };
}

/** Refuses, with the reason, what the signed-in person may not do. */
export const mayAct = (db: ConsoleDb, who: Recorder, what: OnSiteAct) => requirePermission(db, who.operationId, actorOf(who), actionOf(who, what));

async function act(db: ConsoleDb, who: Recorder, what: OnSiteAct, entry: Entry): Promise<LogEntry> {
  await mayAct(db, who, what);
  return db.transaction('rw', db.logEntries, async () => {
    const reason = whyNot(onSiteState(await listLog(db, who.operationId)), what);
    if (reason) throw new Error(reason);
    return appendLog(db, { operationId: who.operationId, operator: who.operator, group: who.group ?? '', ...entry });
  });
}

export interface PhaseOptions {
  /** 情况紧急: the facts that allow the start at night or on a rest day (行政强制法 §43). */
  emergencyReason?: string;
  /** The phases the screen listed as never recorded and the commander confirmed, for 宣布执行完毕. */
  confirmedMissing?: readonly PhaseCode[];
}

/**
 * Records a phase. The gates are checked here, in the transaction that writes, from the records
 * as they stand: the start (plan, service, periods, 公告, time, ruling), 拆除开始 (ruling, notice,
 * the checks before it) and the completion (the phases never recorded, as confirmed).
 */
export async function recordPhase(db: ConsoleDb, who: Recorder, phase: PhaseCode, note = '', opts: PhaseOptions = {}): Promise<LogEntry> {
  const what: OnSiteAct = { kind: 'phase', phase };
  await mayAct(db, who, what);
  return db.transaction('rw', [db.logEntries, ...gateTables(db)], async () => {
    const state = onSiteState(await listLog(db, who.operationId));
    const reason = whyNot(state, what);
    if (reason) throw new Error(reason);
    const entry = await phaseEntry(db, who.operationId, state, phase, note, opts);
    return appendLog(db, { operationId: who.operationId, operator: who.operator, group: who.group ?? '', category: 'phase', ...entry });
  });
}

async function phaseEntry(db: ConsoleDb, operationId: string, state: OnSiteState, phase: PhaseCode, note: string, opts: PhaseOptions): Promise<PhaseEntry> {
  const now = new Date();
  if (phase === 'start') {
    const { facts, night } = await loadGateContext(db, operationId);
    const gate = startGate(facts, now, { night, emergencyReason: opts.emergencyReason ?? '' });
    if (!gate.ok) throw new Error(gateMessage('宣布开始执行', gate));
    return startEntry(note, gate, opts.emergencyReason ?? '', facts.plan?.version);
  }
  if (phase === 'demolitionStart') {
    const gate = demolitionGate((await loadGateContext(db, operationId)).facts, state, now);
    if (!gate.ok) throw new Error(gateMessage('开始拆除', gate));
  }
  if (phase === 'complete') {
    const problem = closingProblem(state, opts.confirmedMissing ?? []);
    if (problem) throw new Error(problem);
    return completionEntry(note, missingPhases(state));
  }
  return { text: phaseText(phase, note), data: { phase } };
}

/**
 * Stops the operation. Ground 1 (the subject performed before enforcement began) ends it:
 * one act whose outcome is the documents' self-performance record (operation.termination
 * and the ground-1 entry), decided while the operation is held so the state check holds. Grounds 2
 * and 3 stop before the start; after it, a stop is 中止执行 on a ground of 行政强制法 §39.
 */
export async function recordSuspension(db: ConsoleDb, who: Recorder, ground: StopGround, reason: string): Promise<void> {
  if (!reason.trim()) throw new Error('请填写停止执行的具体理由');
  await mayAct(db, who, { kind: 'suspend', ground });
  if (ground !== 1) {
    await act(db, who, { kind: 'suspend', ground }, { category: 'suspension', text: reason.trim(), data: { ground } });
    return;
  }
  await commit(db, {
    operationId: who.operationId,
    actor: actorOf(who),
    action: { kind: 'suspend' },
    build: async (db) => {
      const why = whyNot(onSiteState(await listLog(db, who.operationId)), { kind: 'suspend', ground });
      if (why) throw new Error(why);
      const now = new Date();
      const input = { occurredOn: chinaDate(now), note: reason.trim() };
      return outcomeOf(selfPerformanceOutcome(await db.operations.get(who.operationId), input, { now: chinaInstant(now), recordedBy: who.operator }));
    },
  });
}

/** 终结执行 on a ground of 行政强制法 §40 (e.g. the ruling revoked): the operation ends, no resumption. */
export function recordTermination(db: ConsoleDb, who: Recorder, ground: Art40Ground, reason: string): Promise<LogEntry> {
  if (!reason.trim()) return Promise.reject(new Error('请填写终结执行的具体理由（如撤销裁定的文书名称、文号）'));
  return act(db, who, { kind: 'terminate', ground }, { category: 'termination', text: reason.trim(), data: { ground } });
}

/** A check before 拆除 (house cleared, supplies isolated by their units, roll call), under the demolition group. */
export async function recordSafetyCheck(db: ConsoleDb, who: Recorder, input: SafetyCheckInput): Promise<Parsed<LogEntry>> {
  const parsed = safetyCheckEntry(input);
  if (!parsed.ok) return parsed;
  const entry = await act(db, { ...who, group: SAFETY_GROUP }, { kind: 'safetyCheck', check: input.check }, { category: 'safetyCheck', ...parsed.value });
  return { ok: true, value: entry };
}

export function recordResumption(db: ConsoleDb, who: Recorder, note: string): Promise<LogEntry> {
  if (!note.trim()) return Promise.reject(new Error('请写明恢复执行的理由（阻碍执行的情形已消失的情况）'));
  return act(db, who, { kind: 'resume' }, { category: 'resumption', text: note.trim() });
}

/**
 * A second check-in of the same person needs a note saying why (e.g. 离岗后返回). Someone the
 * command post assigned who has no training on record is checked in all the same (they are
 * there) but flagged in the entry: seed 004 §一(三) forbids untrained staff.
 */
export async function recordCheckIn(
  db: ConsoleDb,
  who: Recorder,
  person: { id: string; name: string; unit: string },
  note = '',
): Promise<LogEntry> {
  await mayAct(db, who, { kind: 'checkIn' });
  return db.transaction('rw', [db.logEntries, db.people, db.workingGroups, db.operations], async () => {
    const state = onSiteState(await listLog(db, who.operationId));
    const before = state.checkIns.get(person.id);
    if (before?.length && !note.trim()) {
      throw new Error(`${person.name}已于 ${before[0]!.occurredAt.slice(11, 16)} 到岗，再次登记请填写说明`);
    }
    const reason = whyNot(state, { kind: 'checkIn' });
    if (reason) throw new Error(reason);
    const untrained = await assignedUntrained(db, who.operationId, person.id);
    return appendLog(db, {
      operationId: who.operationId,
      operator: who.operator,
      group: who.group ?? '',
      category: 'checkIn',
      text: checkInText(person.name, person.unit, note, untrained),
      refs: { people: [person.id] },
      ...(untrained ? { data: { untrained: true } } : {}),
    });
  });
}

/** Whether the person is assigned (commander, deputy, a group) and has no training on record by today. */
async function assignedUntrained(db: ConsoleDb, operationId: string, personId: string): Promise<boolean> {
  const [person, operation, groups] = await Promise.all([
    db.people.get(personId),
    db.operations.get(operationId),
    db.workingGroups.where('operationId').equals(operationId).toArray(),
  ]);
  if (!person) return false;
  const assigned =
    operation?.onSiteCommanderId === personId || operation?.deputyCommanderId === personId || groups.some((g) => g.leaderId === personId || g.memberIds.includes(personId));
  return assigned && !trainedBy(person, chinaDate(new Date()));
}

export function recordNote(db: ConsoleDb, who: Recorder, text: string, occurredAt?: string): Promise<LogEntry> {
  return act(db, who, { kind: 'note' }, { category: 'note', text, ...(occurredAt ? { occurredAt } : {}) });
}

async function recordReport(
  db: ConsoleDb,
  who: Recorder,
  kind: 'incident' | 'publicOpinion',
  parsed: Parsed<EntryContent>,
  occurredAt?: string,
): Promise<Parsed<LogEntry>> {
  if (!parsed.ok) return parsed;
  const entry = await act(db, who, { kind }, { category: kind, ...parsed.value, ...(occurredAt ? { occurredAt } : {}) });
  return { ok: true, value: entry };
}

export function recordIncident(db: ConsoleDb, who: Recorder, input: unknown, occurredAt?: string): Promise<Parsed<LogEntry>> {
  return recordReport(db, who, 'incident', incidentEntry(input), occurredAt);
}

export function recordPublicOpinion(db: ConsoleDb, who: Recorder, input: unknown): Promise<Parsed<LogEntry>> {
  return recordReport(db, who, 'publicOpinion', publicOpinionEntry(input));
}
