import { describe, expect, it } from 'vitest';
import {
  chineseNumber,
  defaultIssuerCode,
  effectiveServiceDate,
  selfPerformanceDeadline,
  selfPerformanceWording,
  serviceInputSchema,
  type ServiceRecord,
} from '../../shared/documents/records';

const service = (over: Partial<ServiceRecord>): ServiceRecord => ({
  id: 's',
  operationId: 'op',
  documentId: 'd',
  method: 'direct',
  servedAt: '2026-11-20T10:00:00+08:00',
  recipient: '张建国',
  servers: ['林涛'],
  witnesses: [],
  refusalReason: '',
  recording: '',
  trackingNumber: '',
  receiptDate: '',
  remarks: '',
  recordedAt: 'x',
  ...over,
});

const left = {
  method: 'left' as const,
  servedAt: '2026-11-20T10:00:00+08:00',
  recipient: '张建国',
  servers: ['林涛', ''],
  refusalReason: '拒绝签收',
};

describe('service records', () => {
  it('requires witnesses with name and unit, or a recording, for 留置送达', () => {
    const bare = serviceInputSchema.safeParse(left);
    expect(bare.success).toBe(false);
    expect(bare.error?.issues.map((i) => i.message).join()).toContain('留置送达须有见证人');
    expect(serviceInputSchema.safeParse({ ...left, witnesses: [{ name: '周桂英', unit: '' }] }).success).toBe(false);
    expect(serviceInputSchema.safeParse({ ...left, witnesses: [{ name: '周桂英', unit: '柳巷社区居委会' }] }).success).toBe(true);
    expect(serviceInputSchema.safeParse({ ...left, recording: '执法记录仪 JZ-07 录像 20261120_1000.mp4' }).success).toBe(true);
    expect(serviceInputSchema.safeParse({ ...left, refusalReason: '', recording: 'x' }).success).toBe(false);
  });

  it('requires a tracking number for mail, a reason for an agent, and at least one server', () => {
    const base = { method: 'direct' as const, servedAt: '2026-11-20T10:00:00+08:00', recipient: '张建国', servers: ['林涛'] };
    expect(serviceInputSchema.safeParse({ ...base, method: 'post' }).success).toBe(false);
    expect(serviceInputSchema.safeParse({ ...base, agentName: '张伟' }).success).toBe(false);
    expect(serviceInputSchema.safeParse({ ...base, servers: [' '] }).success).toBe(false);
    expect(serviceInputSchema.safeParse({ ...base, servedAt: '2026-11-20 10:00' }).success).toBe(false);
    expect(serviceInputSchema.safeParse(base).success).toBe(true);
  });

  it('counts from the service date: publication is deemed served after 30 days, mail on receipt', () => {
    expect(effectiveServiceDate(service({}))).toBe('2026-11-20');
    expect(effectiveServiceDate(service({ servedAt: '2026-11-20T23:30:00+08:00' }))).toBe('2026-11-20');
    expect(effectiveServiceDate(service({ method: 'publication' }))).toBe('2026-12-20');
    expect(effectiveServiceDate(service({ method: 'post', receiptDate: '2026-11-23' }))).toBe('2026-11-23');
  });

  it('gives the self-performance deadline with rest-day extension', () => {
    expect(selfPerformanceDeadline({ selfPerformanceDays: 15 }, service({}))).toMatchObject({
      deadline: '2026-12-07',
      extendedFrom: '2026-12-05',
    });
    expect(selfPerformanceDeadline({ selfPerformanceDays: 10 }, service({})).deadline).toBe('2026-11-30');
  });
});

describe('wording and numbering defaults', () => {
  it('writes periods in Chinese numerals', () => {
    expect([1, 10, 15, 20, 30, 99].map(chineseNumber)).toEqual(['一', '十', '十五', '二十', '三十', '九十九']);
    expect(selfPerformanceWording(10, '征收事务中心')).toContain('自本告知书送达之日起十日内');
  });

  it('derives the document series from the basis decision number', () => {
    expect(defaultIssuerCode('临江征补决〔2026〕12号', 'notice')).toBe('临江强执告');
    expect(defaultIssuerCode('西城征补决〔2026〕3号', 'announcement')).toBe('西城强执公');
  });
});
