// Pure. The facts the console's gates read, from the operation's records (the app reads them
// from its database, the demo from records held in memory).
import type { WorkingGroup } from '../commandPost/types';
import { announcementPeriod, demolitionNoticeServedOn, subjectPeriods } from '../documents/periods';
import type { DocumentRecord, PostingRecord, ServiceRecord } from '../documents/records';
import type { Operation, Subject } from '../operation/types';
import { plannedPhases } from '../plan/phases';
import type { Plan } from '../plan/types';
import type { StartFacts, SubjectFact } from './gates';
import { rulingScopeOf } from './ruling';

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
