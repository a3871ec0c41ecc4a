// Pure. The periods the law runs before enforcement may begin, read from the issued
// documents and their service and posting records: each subject's self-performance period
// from their own service of the 告知书 (行政强制法第三十八条 → 民事诉讼法第八十五条), the
// operation's period ending with the last subject's, the 公告's move-out period from its
// posting, and the service of the 强制拆除通知书 (seed 001 §四(四)).
//
// Only the current documents count: the latest issued one that no later issued document
// corrects (a correction must be served again). Only effective service counts: a failed
// attempt never; 邮寄 on the receipt's date; 公告送达 thirty days after the last posting.
// A service recorded before per-subject service existed covers the subjects its recipient
// names (servedSubjectIds): the old form wrote every subject's name there, and a subject
// it does not name is not taken as served.
import { computeDeadline } from '../calendar';
import { chinaDate } from '../calendar/chinaTime';
import type { IsoDate, Subject } from '../operation/types';
import type { ServiceMethod } from './notice/proofOfService';
import {
  currentIssued,
  effectiveServiceDate,
  selfPerformanceDeadline,
  servedSubjectIds,
  type DocumentRecord,
  type PostingRecord,
  type ServiceRecord,
} from './records';

export interface SubjectPeriod {
  subjectId: string;
  name: string;
  /** The effective service date of the current 告知书 on this subject. */
  servedOn?: IsoDate;
  method?: ServiceMethod;
  /** The last day of their self-performance period. */
  periodEndsOn?: IsoDate;
}

/** The effective service of a document on one subject: the earliest that took effect. */
export function subjectService(
  documentId: string,
  subject: Pick<Subject, 'id' | 'name'>,
  subjects: readonly Pick<Subject, 'id' | 'name'>[],
  services: readonly ServiceRecord[],
): { service: ServiceRecord; servedOn: IsoDate } | undefined {
  let best: { service: ServiceRecord; servedOn: IsoDate } | undefined;
  for (const service of services) {
    if (service.documentId !== documentId || !servedSubjectIds(service, subjects).includes(subject.id)) continue;
    const servedOn = effectiveServiceDate(service);
    if (servedOn && (!best || servedOn < best.servedOn)) best = { service, servedOn };
  }
  return best;
}

export function subjectPeriods(input: {
  subjects: readonly Subject[];
  documents: readonly DocumentRecord[];
  services: readonly ServiceRecord[];
}): SubjectPeriod[] {
  const notice = currentIssued(input.documents, 'notice');
  const subjects = [...input.subjects].sort((a, b) => a.position - b.position);
  return subjects.map((subject) => {
    const base = { subjectId: subject.id, name: subject.name };
    if (notice?.kind !== 'notice') return base;
    const served = subjectService(notice.id, subject, subjects, input.services);
    if (!served) return base;
    return {
      ...base,
      servedOn: served.servedOn,
      method: served.service.method,
      periodEndsOn: selfPerformanceDeadline(notice, served.servedOn).deadline,
    };
  });
}

/** The operation's self-performance period ends with the last subject's; undefined while any subject is unserved. */
export function operationPeriodEnd(periods: readonly SubjectPeriod[]): IsoDate | undefined {
  if (periods.length === 0) return undefined;
  let last: IsoDate | undefined;
  for (const p of periods) {
    if (!p.periodEndsOn) return undefined;
    if (!last || p.periodEndsOn > last) last = p.periodEndsOn;
  }
  return last;
}

export interface AnnouncementPeriod {
  documentId?: string;
  /** The day the current 公告 was first posted (its publication). */
  postedOn?: IsoDate;
  /**
   * The last day of its move-out period: the later of the day it prints and the period
   * counted from the posting (民事诉讼法第八十五条), so a late posting never shortens it.
   * Undefined until posted, or when the 公告 states no period.
   */
  endsOn?: IsoDate;
}

export function announcementPeriod(input: { documents: readonly DocumentRecord[]; postings: readonly PostingRecord[] }): AnnouncementPeriod {
  const announcement = currentIssued(input.documents, 'announcement');
  if (announcement?.kind !== 'announcement') return {};
  const postedOn = input.postings
    .filter((p) => p.documentId === announcement.id)
    .map((p) => chinaDate(new Date(Date.parse(p.postedAt))))
    .sort()[0];
  if (!postedOn) return { documentId: announcement.id };
  const { moveOutDays, moveOutEndsOn } = announcement.data;
  if (!moveOutDays || moveOutDays < 1) return { documentId: announcement.id, postedOn };
  const counted = computeDeadline(postedOn, moveOutDays, 'calendar').deadline;
  const endsOn = moveOutEndsOn && moveOutEndsOn > counted ? moveOutEndsOn : counted;
  return { documentId: announcement.id, postedOn, endsOn };
}

/**
 * When the current 强制拆除通知书 was served on every subject it names: the last of their
 * effective service dates; undefined while any of them is unserved (seed 001 §四(四): it
 * must be served fifteen days before demolition).
 */
export function demolitionNoticeServedOn(input: { documents: readonly DocumentRecord[]; services: readonly ServiceRecord[] }): IsoDate | undefined {
  const notice = currentIssued(input.documents, 'demolitionNotice');
  if (notice?.kind !== 'demolitionNotice' || notice.data.subjectIds.length === 0) return undefined;
  const named = notice.data.subjectIds.map((id, i) => ({ id, name: notice.data.addressees[i]?.name ?? '' }));
  let last: IsoDate | undefined;
  for (const subject of named) {
    const served = subjectService(notice.id, subject, named, input.services);
    if (!served) return undefined;
    if (!last || served.servedOn > last) last = served.servedOn;
  }
  return last;
}
