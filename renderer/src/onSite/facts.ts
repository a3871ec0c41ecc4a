// DOM. The facts the console's gates read, from the operation's records. The reading of today's
// document records lives in ONE function, startFactsFromRecords: when shared/documents/periods.ts
// (subjectPeriods, announcementPeriod, demolitionNoticeServedOn) arrives, it replaces the body of
// that function and nothing else changes.
import { chinaDate } from '../../../shared/calendar/chinaTime';
import type { WorkingGroup } from '../../../shared/commandPost/types';
import { effectiveServiceDate, selfPerformanceDeadline, type DocumentRecord, type PostingRecord, type ServiceRecord } from '../../../shared/documents/records';
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

/** Issued documents of a kind that no issued correction replaces. */
function inForce<K extends DocumentRecord['kind']>(documents: DocumentRecord[], kind: K): Extract<DocumentRecord, { kind: K }>[] {
  const replaced = new Set(documents.filter((d) => d.status === 'issued' && d.replacesId).map((d) => d.replacesId));
  return documents.filter((d): d is Extract<DocumentRecord, { kind: K }> => d.kind === kind && d.status === 'issued' && !replaced.has(d.id));
}

/**
 * Today's records as the gates' facts. Each subject counts from their own earliest service of
 * the 告知书 in force (the service record names them as recipient); the 公告 of today sets its
 * move-out date to its own date of issue (issue 14 item 4 gives it a period of its own); there
 * is no record yet of the 强制拆除通知书, so its service date stays unknown.
 */
export function startFactsFromRecords(r: GateRecords): StartFacts {
  const final = r.plans.filter((p) => p.status === 'final').sort((a, b) => b.version - a.version)[0];
  const notices = inForce(r.documents, 'notice');
  const subjects = [...r.subjects]
    .sort((a, b) => a.position - b.position)
    .map((subject): SubjectFact => {
      const served = notices
        .flatMap((notice) => r.services.filter((s) => s.documentId === notice.id && s.recipient.trim() === subject.name.trim()).map((service) => ({ notice, service })))
        .sort((a, b) => effectiveServiceDate(a.service).localeCompare(effectiveServiceDate(b.service)))[0];
      if (!served) return { subjectId: subject.id, name: subject.name };
      const fact: SubjectFact = { subjectId: subject.id, name: subject.name, servedOn: effectiveServiceDate(served.service) };
      try {
        return { ...fact, periodEndsOn: selfPerformanceDeadline(served.notice, served.service).deadline };
      } catch {
        // A period the calendar cannot count (outside its years) stays unknown: the gate says so.
        return fact;
      }
    });
  const announcements = inForce(r.documents, 'announcement');
  const posting = r.postings
    .filter((p) => announcements.some((a) => a.id === p.documentId))
    .sort((a, b) => a.postedAt.localeCompare(b.postedAt))[0];
  const posted = posting && announcements.find((a) => a.id === posting.documentId);
  return {
    ...(final?.content.start && final.content.end
      ? { plan: { version: final.version, start: final.content.start, end: final.content.end, phases: plannedPhases(final.content, final.snapshot?.groups ?? r.groups) } }
      : {}),
    subjects,
    announcement: posting && posted ? { postedOn: chinaDate(new Date(posting.postedAt)), endsOn: posted.data.issuedOn } : {},
    ...(r.operation.termination ? { selfPerformedOn: r.operation.termination.occurredOn } : {}),
    rulingScope: rulingScopeOf(r.operation.courtRuling),
    ...(r.operation.courtRuling.scopeLimit ? { scopeLimit: r.operation.courtRuling.scopeLimit } : {}),
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
