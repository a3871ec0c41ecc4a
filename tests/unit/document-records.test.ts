import { describe, expect, it } from 'vitest';
import { periodNumber, selfPerformanceWording } from '../../shared/documents/notice/noticeText';
import {
  defaultIssuerCode,
  effectiveServiceDate,
  selfPerformanceDeadline,
  servedSubjectIds,
  serviceInputSchema,
  serviceProblems,
  type ServiceInput,
  type ServiceRecord,
} from '../../shared/documents/records';
import { serviceOf } from '../fixtures/legalDocuments';

const service = (over: Partial<ServiceRecord>): ServiceRecord => serviceOf({ id: 'd', operationId: 'op' }, 's1', { recipient: '张建国', ...over });

const base: ServiceInput = { subjectId: 's1', method: 'direct', servedAt: '2026-11-20T10:00:00+08:00', recipient: '张建国', servers: ['林涛'] };
const left: ServiceInput = { ...base, method: 'left', servers: ['林涛', ''], refusalReason: '拒绝签收' };
const photo = { name: '张贴.jpg', mimeType: 'image/jpeg' as const, bytes: new Uint8Array([0xff, 0xd8, 0xff]) };

/** The messages of a refused input, or [] when accepted. */
function refusal(input: ServiceInput): string[] {
  const parsed = serviceInputSchema.safeParse(input);
  return parsed.success ? [] : parsed.error.issues.map((i) => i.message);
}

describe('service by the law: what each method requires (民事诉讼法第八十七条至第九十五条)', () => {
  it('直接: a family member signs only as an adult living with the subject, named with the relation (第八十八条)', () => {
    expect(refusal(base)).toEqual([]);
    expect(refusal({ ...base, agentName: '张伟' }).join()).toContain('关系');
    expect(refusal({ ...base, agentName: '张伟', agentReason: '儿子' }).join()).toContain('同住的成年家属签收（民诉法第八十八条）');
    expect(refusal({ ...base, agentName: '张伟', agentReason: '儿子', agentAdultResident: true })).toEqual([]);
  });

  it('留置: a refusal reason and witnesses who represent the 基层组织 or the employer, or photos/video (第八十九条, 解释第一百三十条)', () => {
    expect(refusal(left).join()).toContain('基层组织或所在单位的代表');
    // A witness without whom they represent is not enough.
    expect(refusal({ ...left, witnesses: [{ name: '周桂英', unit: '柳巷社区居委会' }] }).join()).toContain('所代表的组织');
    expect(refusal({ ...left, witnesses: [{ name: '周桂英', unit: '柳巷社区居委会', capacity: 'grassroots' }] })).toEqual([]);
    expect(refusal({ ...left, witnesses: [{ name: '王强', unit: '滨江机床厂', capacity: 'employer' }] })).toEqual([]);
    expect(refusal({ ...left, recording: '执法记录仪 JZ-07 录像 20261120_1000.mp4' })).toEqual([]);
    expect(refusal({ ...left, refusalReason: '', recording: 'x' }).join()).toContain('拒收理由');
  });

  it('邮寄: the tracking number and the date on the receipt (第九十一条)', () => {
    const post: ServiceInput = { ...base, method: 'post' };
    expect(refusal(post).join()).toContain('邮件单号');
    expect(refusal({ ...post, trackingNumber: 'EMS1234567890CN' }).join()).toContain('以回执上注明的收件日期为送达日期');
    expect(refusal({ ...post, trackingNumber: 'EMS1234567890CN', receiptDate: '2026-11-23' })).toEqual([]);
  });

  it('电子: only with consent recorded in a 送达地址确认书 (第九十条)', () => {
    const electronic: ServiceInput = { ...base, method: 'electronic' };
    expect(refusal(electronic).join()).toContain('送达地址确认书');
    expect(refusal({ ...electronic, consentSignedOn: '2026-11-01' }).join()).toContain('电子送达地址');
    expect(refusal({ ...electronic, consentSignedOn: '2026-11-01', consentAddress: '13800138000' })).toEqual([]);
  });

  it('公告送达: the ground, the reason and process, the place, and photos of the posting (第九十五条, 解释第一百三十八条)', () => {
    const publication: ServiceInput = { ...base, method: 'publication' };
    const messages = refusal(publication).join();
    expect(messages).toContain('下落不明或用其他方式无法送达');
    expect(messages).toContain('原因和经过');
    expect(messages).toContain('拍照');
    const complete = {
      ...publication,
      publicationGround: 'whereaboutsUnknown' as const,
      publicationReason: '经社区、派出所核实，下落不明',
      publicationPlace: '房屋正门及小区公告栏',
      publicationPhotos: [photo],
    };
    expect(refusal(complete)).toEqual([]);
    expect(refusal({ ...complete, publicationPhotos: [] }).join()).toContain('拍照');
  });

  it('a failed attempt needs its reason, and cannot be a 留置 or 公告 (those serve by themselves)', () => {
    expect(refusal({ ...base, outcome: 'failed' }).join()).toContain('未能送达的原因');
    expect(refusal({ ...base, outcome: 'failed', failureReason: '三次上门无人' })).toEqual([]);
    expect(refusal({ ...left, outcome: 'failed', failureReason: 'x' }).join()).toContain('本身即为送达');
  });

  it('keeps the general rules: servers, an offset on the time', () => {
    expect(refusal({ ...base, servers: [' '] }).join()).toContain('送达人');
    expect(refusal({ ...base, servedAt: '2026-11-20 10:00' }).join()).toContain('送达时间');
  });
});

describe('a service against the records', () => {
  const subjects = [
    { id: 's1', name: '张建国' },
    { id: 's2', name: '李秀兰' },
  ];
  const ctx = {
    document: { kind: 'notice' as const, issuedAt: '2026-11-19T15:00:00.000+08:00', number: '临江强执告〔2026〕1号' },
    subjects,
    earlier: [] as ServiceRecord[],
    now: '2026-12-01T09:00:00.000+08:00',
  };
  const parse = (input: ServiceInput) => serviceInputSchema.parse(input);

  it('is not dated before the document was issued, nor in the future', () => {
    expect(serviceProblems(parse({ ...base, servedAt: '2026-11-19T14:00:00+08:00' }), ctx).servedAt).toContain('早于文书签发时间');
    expect(serviceProblems(parse({ ...base, servedAt: '2026-12-02T09:00:00+08:00' }), ctx).servedAt).toBe('送达时间不能晚于现在');
    expect(serviceProblems(parse(base), ctx)).toEqual({});
  });

  it('names one subject for a document to the subjects; a 函告 goes to a unit instead', () => {
    expect(serviceProblems(parse({ ...base, subjectId: '' }), ctx).subjectId).toContain('每名被执行人分别送达');
    expect(serviceProblems(parse({ ...base, subjectId: '' }), { ...ctx, document: { ...ctx.document, kind: 'unitLetter' } })).toEqual({});
  });

  it('takes a receipt date between posting and today', () => {
    const post = { ...base, method: 'post' as const, trackingNumber: 'EMS1', receiptDate: '2026-11-19' };
    expect(serviceProblems(parse(post), ctx).receiptDate).toBe('回执签收日期不能早于交邮日期');
    expect(serviceProblems(parse({ ...post, receiptDate: '2026-12-05' }), ctx).receiptDate).toBe('回执签收日期不能晚于今天');
  });

  it('electronic service needs consent given before it', () => {
    const electronic = { ...base, method: 'electronic' as const, consentSignedOn: '2026-11-21', consentAddress: 'a@b.cn' };
    expect(serviceProblems(parse(electronic), ctx).consentSignedOn).toContain('之前签署');
  });

  it('公告送达 because other methods failed needs a recorded failed attempt on that subject first', () => {
    const publication = parse({
      ...base,
      method: 'publication',
      servedAt: '2026-11-25T09:00:00+08:00',
      publicationGround: 'otherMethodsFailed',
      publicationReason: '直接送达、邮寄均未成功',
      publicationPlace: '房屋正门',
      publicationPhotos: [photo],
    });
    expect(serviceProblems(publication, ctx).publicationGround).toContain('须先记录未能送达的尝试');
    const failedOnOther = service({ id: 'f', subjectId: 's2', outcome: 'failed', servedAt: '2026-11-21T10:00:00+08:00' });
    expect(serviceProblems(publication, { ...ctx, earlier: [failedOnOther] }).publicationGround).toBeDefined();
    const failed = service({ id: 'f', outcome: 'failed', servedAt: '2026-11-21T10:00:00+08:00' });
    expect(serviceProblems(publication, { ...ctx, earlier: [failed] })).toEqual({});
  });
});

describe('effective service dates', () => {
  it('counts from the day served; 公告 30 days after the last posting; mail on the receipt, none before it', () => {
    expect(effectiveServiceDate(service({}))).toBe('2026-11-20');
    expect(effectiveServiceDate(service({ servedAt: '2026-11-20T23:30:00+08:00' }))).toBe('2026-11-20');
    expect(effectiveServiceDate(service({ method: 'publication' }))).toBe('2026-12-20');
    expect(effectiveServiceDate(service({ method: 'post', receiptDate: '2026-11-23' }))).toBe('2026-11-23');
    // The mailing date is not the service date.
    expect(effectiveServiceDate(service({ method: 'post', receiptDate: '' }))).toBeUndefined();
    expect(effectiveServiceDate(service({ outcome: 'failed' }))).toBeUndefined();
  });

  it('gives the self-performance deadline with rest-day extension', () => {
    expect(selfPerformanceDeadline({ selfPerformanceDays: 15 }, '2026-11-20')).toMatchObject({ deadline: '2026-12-07', extendedFrom: '2026-12-05' });
    expect(selfPerformanceDeadline({ selfPerformanceDays: 10 }, '2026-11-20').deadline).toBe('2026-11-30');
  });

  it('reads a record made before per-subject service as covering the subjects its recipient names', () => {
    const subjects = [
      { id: 's1', name: '张建国' },
      { id: 's2', name: '李秀兰' },
      { id: 's3', name: '张建' },
    ];
    const old = service({ subjectId: undefined, recipient: '张建国、李秀兰' });
    expect(servedSubjectIds(old, subjects)).toEqual(['s1', 's2']);
    expect(servedSubjectIds(service({ subjectId: undefined, recipient: '王某' }), subjects)).toEqual([]);
    expect(servedSubjectIds(service({ subjectId: 's3' }), subjects)).toEqual(['s3']);
  });
});

describe('wording and numbering defaults', () => {
  it('writes periods in Chinese numerals', () => {
    expect([1, 10, 15, 20, 30, 99].map(periodNumber)).toEqual(['一', '十', '十五', '二十', '三十', '九十九']);
    expect(periodNumber(-5)).toBe('-5');
    expect(selfPerformanceWording(10, '征收事务中心')).toContain('自本告知书送达之日起十日内');
  });

  it('derives the document series from the basis decision number', () => {
    expect(defaultIssuerCode('临江征补决〔2026〕12号', 'notice')).toBe('临江强执告');
    expect(defaultIssuerCode('西城征补决〔2026〕3号', 'announcement')).toBe('西城强执公');
    expect(defaultIssuerCode('临江征补决〔2026〕12号', 'demolitionNotice')).toBe('临江强执拆');
    expect(defaultIssuerCode('临江征补决〔2026〕12号', 'unitLetter')).toBe('临江强执函');
  });
});
