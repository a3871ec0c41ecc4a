// DOM. The facts the console's gates read, from the operation's records.
import type { WorkingGroup } from '../../../shared/commandPost/types';
import { announcementPeriod, demolitionNoticeServedOn, subjectPeriods } from '../../../shared/documents/periods';
import type { DocumentRecord, PostingRecord, ServiceRecord } from '../../../shared/documents/records';
import type { StartFacts, SubjectFact } from '../../../shared/onSite/gates';
import { rulingScopeOf } from '../../../shared/onSite/ruling';
import type { Operation, Subject } from '../../../shared/operation/types';
import { plannedPhases } from '../../../shared/plan/phases';
import type { Plan } from '../../../shared/plan/types';
import type { ConsoleDb } from '../data/db';
import { readNightHours, registerStoredSchedules, type NightHours } from '../settings/settings';

export interface GateRecords {
  operation: Operation;
  subjects: Subject[];
  documents: DocumentRecord[];
  services: ServiceRecord[];
  postings: PostingRecord[];
  plans: Plan[];
  /** The command post's groups now, for a final plan saved without its snapshot. */
  groups: WorkingGroup[];
}

/**
 * Today's records as the gates' facts: each subject's period from their own service of the
 * current 告知书, the 公告's period from its posting and the service of the 强制拆除通知书,
 * all as shared/documents/periods.ts reads them (the same reading as the issuing checks).
 */
export function startFactsFromRecords(r: GateRecords): StartFacts {
  const final = r.plans.filter((p) => p.status === 'final').sort((a, b) => b.version - a.version)[0];
  const subjects = subjectPeriods(r).map(({ subjectId, name, servedOn, periodEndsOn }): SubjectFact => ({
    subjectId,
    name,
    ...(servedOn ? { servedOn } : {}),
    ...(periodEndsOn ? { periodEndsOn } : {}),
  }));
  const { postedOn, endsOn } = announcementPeriod(r);
  const demolitionNotice = demolitionNoticeServedOn(r);
  return {
    ...(final?.content.start && final.content.end
      ? { plan: { version: final.version, start: final.content.start, end: final.content.end, phases: plannedPhases(final.content, final.snapshot?.groups ?? r.groups) } }
      : {}),
    subjects,
    announcement: { ...(postedOn ? { postedOn } : {}), ...(endsOn ? { endsOn } : {}) },
    ...(r.operation.termination ? { selfPerformedOn: r.operation.termination.occurredOn } : {}),
    rulingScope: rulingScopeOf(r.operation.courtRuling),
    ...(r.operation.courtRuling.scopeLimit ? { scopeLimit: r.operation.courtRuling.scopeLimit } : {}),
    ...(demolitionNotice ? { demolitionNoticeServedOn: demolitionNotice } : {}),
  };
}

/** The tables the gate context reads, for transactions that check a gate before they write. */
export const gateTables = (db: ConsoleDb) => [db.operations, db.subjects, db.documents, db.services, db.postings, db.plans, db.workingGroups, db.settings];

export interface GateContext {
  facts: StartFacts;
  night: NightHours;
}

/** The facts and the night hours, read now (inside the caller's transaction when there is one). */
export async function loadGateContext(db: ConsoleDb, operationId: string): Promise<GateContext> {
  // The holiday schedules loaded in 设置 decide which days are rest days.
  await registerStoredSchedules(db);
  const [operation, subjects, documents, services, postings, plans, groups, night] = await Promise.all([
    db.operations.get(operationId),
    db.subjects.where('operationId').equals(operationId).toArray(),
    db.documents.where('operationId').equals(operationId).toArray(),
    db.services.where('operationId').equals(operationId).toArray(),
    db.postings.where('operationId').equals(operationId).toArray(),
    db.plans.where('operationId').equals(operationId).toArray(),
    db.workingGroups.where('operationId').equals(operationId).toArray(),
    readNightHours(db),
  ]);
  if (!operation) throw new Error('找不到该行动');
  return { facts: startFactsFromRecords({ operation, subjects, documents, services, postings, plans, groups }), night };
}
