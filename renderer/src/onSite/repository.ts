// DOM. The commander's acts on the day, through the one write path: each reads the log (and the
// records its gate needs) with the operation held, decides with shared/onSite/acts.ts — which
// refuses what the state of the day or a gate does not allow — and stores its entry.
import {
  decideCheckIn,
  decideIncident,
  decideNote,
  decidePhase,
  decidePublicOpinion,
  decideResumption,
  decideSafetyCheck,
  decideSuspension,
  decideTermination,
  SAFETY_GROUP,
} from '../../../shared/onSite/acts';
import type { LogEntry } from '../../../shared/log/types';
import type { Art40Ground, PhaseCode, StopGround } from '../../../shared/onSite/phases';
import type { Parsed } from '../../../shared/onSite/reports';
import type { SafetyCheckInput } from '../../../shared/onSite/safety';
import type { OnSiteAct } from '../../../shared/onSite/state';
import type { Action, Actor } from '../../../shared/operators/permissions';
import type { ActOutcome } from '../../../shared/record/act';
import type { Decision } from '../../../shared/record/decision';
import type { ConsoleDb } from '../data/db';
import { listLog } from '../log/repository';
import { commit } from '../record/commit';
import { commitDecision } from '../record/decided';
import { loadGateContext } from './facts';

/** Who records (the signed-in person; personId '' when nobody is) and for which group. */
export interface Recorder {
  operationId: string;
  personId: string;
  operator: string;
  group?: string;
}

const actorOf = (who: Recorder): Actor | undefined => (who.personId ? { personId: who.personId, name: who.operator } : undefined);

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

/** One act of the day: decided from the log as it stands once the operation is held. */
async function act(db: ConsoleDb, who: Recorder, what: OnSiteAct, decide: (read: ConsoleDb, entries: LogEntry[]) => Promise<ActOutcome> | ActOutcome): Promise<LogEntry> {
  const { entry } = await commit(db, {
    operationId: who.operationId,
    actor: actorOf(who),
    action: actionOf(who, what),
    build: async (read) => decide(read, await listLog(read, who.operationId)),
  });
  return entry;
}

/** An act of the day from a form: the field messages come back instead of an entry. */
async function formAct(db: ConsoleDb, who: Recorder, what: OnSiteAct, decide: (entries: LogEntry[]) => Decision<undefined>): Promise<Parsed<LogEntry>> {
  const saved = await commitDecision(db, {
    operationId: who.operationId,
    actor: actorOf(who),
    action: actionOf(who, what),
    decide: async (read) => decide(await listLog(read, who.operationId)),
  });
  if (!saved.ok) return saved;
  if (!saved.entry) throw new Error('未能记录');
  return { ok: true, value: saved.entry };
}

export interface PhaseOptions {
  /** 情况紧急: the facts that allow the start at night or on a rest day (行政强制法 §43). */
  emergencyReason?: string;
  /** The phases the screen listed as never recorded and the commander confirmed, for 宣布执行完毕. */
  confirmedMissing?: readonly PhaseCode[];
}

/**
 * Records a phase. The gates are checked in the act, from the records as they stand with the
 * operation held: the start (plan, service, periods, 公告, time, ruling), 拆除开始 (ruling, notice,
 * the checks before it) and the completion (the phases never recorded, as confirmed).
 */
export function recordPhase(db: ConsoleDb, who: Recorder, phase: PhaseCode, note = '', opts: PhaseOptions = {}): Promise<LogEntry> {
  return act(db, who, { kind: 'phase', phase }, async (read, entries) => {
    const { facts, night } = await loadGateContext(read, who.operationId);
    return decidePhase({ entries, facts, night }, { phase, note, ...opts, group: who.group ?? '' }, new Date());
  });
}

/**
 * Stops the operation. Ground 1 (the subject performed before enforcement began) ends it, with
 * the operation's self-performance record in the same act. Grounds 2 and 3 stop before the
 * start; after it, a stop is 中止执行 on a ground of 行政强制法 §39.
 */
export async function recordSuspension(db: ConsoleDb, who: Recorder, ground: StopGround, reason: string): Promise<void> {
  await act(db, who, { kind: 'suspend', ground }, async (read, entries) => {
    const operation = await read.operations.get(who.operationId);
    if (!operation) throw new Error('找不到该行动');
    return decideSuspension({ entries, operation }, { ground, reason, recordedBy: who.operator, group: who.group ?? '' }, new Date());
  });
}

/** 终结执行 on a ground of 行政强制法 §40 (e.g. the ruling revoked): the operation ends, no resumption. */
export function recordTermination(db: ConsoleDb, who: Recorder, ground: Art40Ground, reason: string): Promise<LogEntry> {
  return act(db, who, { kind: 'terminate', ground }, (_, entries) => decideTermination(entries, ground, reason, who.group ?? ''));
}

/** A check before 拆除 (house cleared, supplies isolated by their units, roll call), under the demolition group. */
export function recordSafetyCheck(db: ConsoleDb, who: Recorder, input: SafetyCheckInput): Promise<Parsed<LogEntry>> {
  return formAct(db, { ...who, group: SAFETY_GROUP }, { kind: 'safetyCheck', check: input.check }, (entries) => decideSafetyCheck(entries, input));
}

export function recordResumption(db: ConsoleDb, who: Recorder, note: string): Promise<LogEntry> {
  return act(db, who, { kind: 'resume' }, (_, entries) => decideResumption(entries, note, who.group ?? ''));
}

/**
 * Checks a person in. A second check-in needs a note saying why; someone assigned without
 * training on record is checked in all the same but flagged (see decideCheckIn).
 */
export function recordCheckIn(db: ConsoleDb, who: Recorder, person: { id: string; name: string; unit: string }, note = ''): Promise<LogEntry> {
  return act(db, who, { kind: 'checkIn' }, async (read, entries) => {
    const [record, operation, groups] = await Promise.all([
      read.people.get(person.id),
      read.operations.get(who.operationId),
      read.workingGroups.where('operationId').equals(who.operationId).toArray(),
    ]);
    return decideCheckIn({ entries, operation, groups, record }, person, note, new Date(), who.group ?? '');
  });
}

export function recordNote(db: ConsoleDb, who: Recorder, text: string, occurredAt?: string): Promise<LogEntry> {
  return act(db, who, { kind: 'note' }, (_, entries) => decideNote(entries, text, occurredAt, who.group ?? ''));
}

export function recordIncident(db: ConsoleDb, who: Recorder, input: unknown, occurredAt?: string): Promise<Parsed<LogEntry>> {
  return formAct(db, who, { kind: 'incident' }, (entries) => decideIncident(entries, input, occurredAt, who.group ?? ''));
}

export function recordPublicOpinion(db: ConsoleDb, who: Recorder, input: unknown): Promise<Parsed<LogEntry>> {
  return formAct(db, who, { kind: 'publicOpinion' }, (entries) => decidePublicOpinion(entries, input, who.group ?? ''));
}
