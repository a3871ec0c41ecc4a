// DOM. The commander's acts on the day. Each one re-reads the log inside its transaction,
// checks the act is allowed in the state the log shows (two windows cannot both declare the
// start), and appends its entry in that same transaction.
import { chinaDate } from '../../../shared/calendar/chinaTime';
import type { LogInput } from '../../../shared/log/append';
import type { LogEntry } from '../../../shared/log/types';
import { checkInText, phaseText, type PhaseCode, type SuspensionGround } from '../../../shared/onSite/phases';
import { incidentEntry, publicOpinionEntry, type EntryContent, type Parsed } from '../../../shared/onSite/reports';
import { onSiteState, whyNot, type OnSiteAct } from '../../../shared/onSite/state';
import type { ConsoleDb } from '../data/db';
import { writeSelfPerformance } from '../documents/repository';
import { appendLog, listLog } from '../log/repository';
import { requirePermission } from '../operators/repository';
import type { Action, Actor } from '../../../shared/operators/permissions';

/** Who records (the signed-in person; personId '' when nobody is) and for which group. */
export interface Recorder {
  operationId: string;
  personId: string;
  operator: string;
  group?: string;
}

type Entry = Omit<LogInput, 'operationId' | 'operator'>;

const actorOf = (who: Recorder): Actor | undefined => (who.personId ? { personId: who.personId, name: who.operator } : undefined);

/** Only the command declares the start and the completion, stops and resumes; anyone logs for their own group. */
export function actionOf(who: Recorder, what: OnSiteAct): Action {
  if (what.kind === 'phase' && (what.phase === 'start' || what.phase === 'complete')) return { kind: 'declare', what: what.phase };
  if (what.kind === 'suspend' || what.kind === 'resume') return { kind: what.kind };
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

export function recordPhase(db: ConsoleDb, who: Recorder, phase: PhaseCode, note = ''): Promise<LogEntry> {
  return act(db, who, { kind: 'phase', phase }, { category: 'phase', text: phaseText(phase, note), data: { phase } });
}

/**
 * Stops the operation. Ground 1 (the subject performed before enforcement began) ends it:
 * it goes through the documents' self-performance record, which sets operation.termination
 * and appends the ground-1 entry, inside this transaction so the state check holds.
 */
export async function recordSuspension(db: ConsoleDb, who: Recorder, ground: SuspensionGround, reason: string): Promise<void> {
  if (!reason.trim()) throw new Error('请填写停止执行的具体理由');
  await mayAct(db, who, { kind: 'suspend', ground });
  if (ground !== 1) {
    await act(db, who, { kind: 'suspend', ground }, { category: 'suspension', text: reason.trim(), data: { ground } });
    return;
  }
  await db.transaction('rw', db.operations, db.logEntries, async () => {
    const why = whyNot(onSiteState(await listLog(db, who.operationId)), { kind: 'suspend', ground });
    if (why) throw new Error(why);
    const result = await writeSelfPerformance(db, who.operationId, {
      occurredOn: chinaDate(new Date()),
      note: reason.trim(),
      recordedBy: who.operator,
    });
    if (!result.ok) throw new Error(Object.values(result.errors)[0] ?? '未能记录');
  });
}

export function recordResumption(db: ConsoleDb, who: Recorder, note: string): Promise<LogEntry> {
  if (!note.trim()) return Promise.reject(new Error('请写明恢复执行的理由（阻碍执行的情形已消失的情况）'));
  return act(db, who, { kind: 'resume' }, { category: 'resumption', text: note.trim() });
}

/** A second check-in of the same person needs a note saying why (e.g. 离岗后返回). */
export async function recordCheckIn(
  db: ConsoleDb,
  who: Recorder,
  person: { id: string; name: string; unit: string },
  note = '',
): Promise<LogEntry> {
  await mayAct(db, who, { kind: 'checkIn' });
  return db.transaction('rw', db.logEntries, async () => {
    const state = onSiteState(await listLog(db, who.operationId));
    const before = state.checkIns.get(person.id);
    if (before?.length && !note.trim()) {
      throw new Error(`${person.name}已于 ${before[0]!.occurredAt.slice(11, 16)} 到岗，再次登记请填写说明`);
    }
    const reason = whyNot(state, { kind: 'checkIn' });
    if (reason) throw new Error(reason);
    return appendLog(db, {
      operationId: who.operationId,
      operator: who.operator,
      group: who.group ?? '',
      category: 'checkIn',
      text: checkInText(person.name, person.unit, note),
      refs: { people: [person.id] },
    });
  });
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
