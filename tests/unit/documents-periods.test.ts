import { describe, expect, it } from 'vitest';
import { announcementPeriod, demolitionNoticeServedOn, operationPeriodEnd, subjectPeriods } from '../../shared/documents/periods';
import { draftOf, issued, legalFixture, postingOf, serviceOf } from '../fixtures/legalDocuments';

const fixture = legalFixture();
const { subjects } = fixture;
const notice = issued(draftOf('notice', '2026-11-19', fixture), '2026-11-19T15:00:00.000+08:00');

describe('each subject’s self-performance period runs from their own service (行政强制法第三十八条 → 民诉法第八十五条)', () => {
  it('counts one period per subject from their effective service date; the operation’s ends with the last', () => {
    const services = [
      // 张建国: directly, Friday 20 November → ten days to Monday 30 November.
      serviceOf(notice, 's1', { servedAt: '2026-11-20T10:00:00.000+08:00' }),
      // 李秀兰: left with witnesses, Monday 23 November → 3 December.
      serviceOf(notice, 's2', {
        method: 'left',
        servedAt: '2026-11-23T10:00:00.000+08:00',
        refusalReason: '拒签',
        witnesses: [{ name: '黄敏', unit: '柳巷社区居委会', capacity: 'grassroots' }],
      }),
      // 王小明: by post, mailed 20 November, the receipt dated 25 November → 5 December, a Saturday → Monday 7 December.
      serviceOf(notice, 's3', { method: 'post', servedAt: '2026-11-20T16:00:00.000+08:00', trackingNumber: 'EMS1', receiptDate: '2026-11-25' }),
    ];
    const periods = subjectPeriods({ subjects, documents: [notice], services });
    expect(periods).toEqual([
      { subjectId: 's1', name: '张建国', servedOn: '2026-11-20', method: 'direct', periodEndsOn: '2026-11-30' },
      { subjectId: 's2', name: '李秀兰', servedOn: '2026-11-23', method: 'left', periodEndsOn: '2026-12-03' },
      { subjectId: 's3', name: '王小明', servedOn: '2026-11-25', method: 'post', periodEndsOn: '2026-12-07' },
    ]);
    expect(operationPeriodEnd(periods)).toBe('2026-12-07');
  });

  it('has no operation period while any subject is unserved, or only mailed with no receipt back', () => {
    const services = [
      serviceOf(notice, 's1'),
      serviceOf(notice, 's2'),
      serviceOf(notice, 's3', { method: 'post', trackingNumber: 'EMS1', receiptDate: '' }),
    ];
    const periods = subjectPeriods({ subjects, documents: [notice], services });
    expect(periods[2]).toEqual({ subjectId: 's3', name: '王小明' });
    expect(operationPeriodEnd(periods)).toBeUndefined();
    expect(operationPeriodEnd([])).toBeUndefined();
  });

  it('ignores failed attempts, and counts the earliest effective service', () => {
    const services = [
      serviceOf(notice, 's1', { outcome: 'failed', servedAt: '2026-11-19T16:00:00.000+08:00', failureReason: '无人' }),
      serviceOf(notice, 's1', { servedAt: '2026-11-24T10:00:00.000+08:00' }),
      serviceOf(notice, 's1', { servedAt: '2026-11-26T10:00:00.000+08:00' }),
    ];
    expect(subjectPeriods({ subjects, documents: [notice], services })[0]).toMatchObject({ servedOn: '2026-11-24', periodEndsOn: '2026-12-04' });
  });

  it('counts 公告送达 thirty days after the last posting (第九十五条)', () => {
    const services = [serviceOf(notice, 's3', { method: 'publication', servedAt: '2026-11-21T09:30:00.000+08:00' })];
    // Deemed served 21 December; ten days → 31 December.
    expect(subjectPeriods({ subjects, documents: [notice], services })[2]).toMatchObject({ servedOn: '2026-12-21', periodEndsOn: '2026-12-31' });
  });

  it('counts only the current notice: a corrected one must be served again', () => {
    const correction = { ...issued(draftOf('notice', '2026-11-22', fixture), '2026-11-22T09:00:00.000+08:00'), replacesId: notice.id };
    const services = [serviceOf(notice, 's1'), serviceOf(correction, 's2', { servedAt: '2026-11-23T10:00:00.000+08:00' })];
    const periods = subjectPeriods({ subjects, documents: [notice, correction], services });
    expect(periods.map((p) => p.servedOn)).toEqual([undefined, '2026-11-23', undefined]);
    // A correction still in draft does not replace anything.
    const draftCorrection = { ...draftOf('notice', '2026-11-22', fixture), replacesId: notice.id };
    expect(subjectPeriods({ subjects, documents: [notice, draftCorrection], services })[0]!.servedOn).toBe('2026-11-20');
  });

  it('reads a service recorded before per-subject service as serving the subjects its recipient names', () => {
    const old = serviceOf(notice, undefined, { recipient: '张建国、李秀兰' });
    const periods = subjectPeriods({ subjects, documents: [notice], services: [old] });
    expect(periods.map((p) => p.periodEndsOn)).toEqual(['2026-11-30', '2026-11-30', undefined]);
  });
});

describe('the 公告’s move-out period runs from its posting', () => {
  const announcement = issued(draftOf('announcement', '2026-12-01', fixture), '2026-12-01T10:00:00.000+08:00');

  it('is undefined until posted, then the later of the printed day and the count from the first posting', () => {
    expect(announcementPeriod({ documents: [announcement], postings: [] })).toEqual({ documentId: announcement.id });
    expect(announcement.data.moveOutDays).toBe(5);
    expect(announcement.data.moveOutEndsOn).toBe('2026-12-07');
    const onTime = announcementPeriod({ documents: [announcement], postings: [postingOf(announcement, '2026-12-01T15:00:00.000+08:00')] });
    expect(onTime).toEqual({ documentId: announcement.id, postedOn: '2026-12-01', endsOn: '2026-12-07' });
    // Posted two days late: five days from 3 December end on Tuesday 8 December, after the printed day.
    const late = announcementPeriod({
      documents: [announcement],
      postings: [postingOf(announcement, '2026-12-04T09:00:00.000+08:00'), postingOf(announcement, '2026-12-03T09:00:00.000+08:00')],
    });
    expect(late).toEqual({ documentId: announcement.id, postedOn: '2026-12-03', endsOn: '2026-12-08' });
  });

  it('has no period when the 公告 states none, and nothing without an issued 公告', () => {
    const old = { ...announcement, data: { ...announcement.data, moveOutDays: undefined, moveOutEndsOn: undefined } };
    expect(announcementPeriod({ documents: [old], postings: [postingOf(old, '2026-12-01T15:00:00.000+08:00')] }).endsOn).toBeUndefined();
    expect(announcementPeriod({ documents: [draftOf('announcement', '2026-12-01', fixture)], postings: [] })).toEqual({});
  });
});

describe('the 强制拆除通知书 is served when every subject it names is served', () => {
  const demolition = issued({ ...draftOf('demolitionNotice', '2026-12-01', fixture) }, '2026-12-01T10:00:00.000+08:00');

  it('gives the last subject’s service date, and nothing while one is unserved', () => {
    const two = [serviceOf(demolition, 's1', { servedAt: '2026-12-01T14:00:00.000+08:00' }), serviceOf(demolition, 's2', { servedAt: '2026-12-02T10:00:00.000+08:00' })];
    expect(demolitionNoticeServedOn({ documents: [demolition], services: two })).toBeUndefined();
    const all = [...two, serviceOf(demolition, 's3', { servedAt: '2026-12-01T16:00:00.000+08:00' })];
    expect(demolitionNoticeServedOn({ documents: [demolition], services: all })).toBe('2026-12-02');
    expect(demolitionNoticeServedOn({ documents: [], services: all })).toBeUndefined();
  });
});
