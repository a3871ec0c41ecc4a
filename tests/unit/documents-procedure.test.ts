import { describe, expect, it } from 'vitest';
import {
  addMonths,
  applicationDeadline,
  demandFindings,
  demandPeriodEnd,
  demandRows,
  litigationPeriodEnd,
  parseDemand,
  parseStatement,
  renderDemandRecord,
  renderStatementRecord,
  statementRows,
  type DemandInput,
} from '../../shared/documents/procedure';
import { hasPoppler, nodeFonts, pdfRawText, popplerSuite, savePdf } from '../fixtures/documents/pdf';
import { statementInput } from '../fixtures/legalDocuments';

const subjects = [
  { id: 's1', name: '张建国' },
  { id: 's2', name: '李秀兰' },
];
const ctx = { subjects, basisDate: '2025-12-10', rulingDate: '2026-09-15', today: '2026-12-01' };
const input: DemandInput = {
  issuer: '滨江市临江区人民政府',
  documentNumber: '临江征催〔2026〕7号',
  issuedOn: '2026-06-30',
  demanded: '请于本催告书送达之日起十日内搬离，腾空房屋。',
  services: [
    { subjectId: 's1', name: '张建国', method: 'direct', servedOn: '2026-07-01', recipient: '张建国' },
    { subjectId: 's2', name: '李秀兰', method: 'left', servedOn: '2026-07-02', recipient: '李秀兰' },
  ],
  decisionServedOn: '2025-12-12',
  appliedOn: '2026-07-20',
  note: '',
};

describe('the 催告’s ten days are working days (行政强制法第五十四条、第六十九条)', () => {
  it('counts ten working days, skipping weekends', () => {
    // Wednesday 1 July 2026: ten calendar days would end on Saturday the 11th (extended to Monday the 13th).
    expect(demandPeriodEnd('2026-07-01')).toBe('2026-07-15');
  });

  it('skips holidays and counts an official make-up working day', () => {
    // Thursday 24 September: 中秋 25–27, 国庆 1–7 October; Saturday 10 October is a make-up working day.
    expect(demandPeriodEnd('2026-09-24')).toBe('2026-10-15');
  });
});

describe('the application to the court (行政强制法第五十三条；法释〔2012〕4号第二条)', () => {
  it('adds months on the corresponding day, or the month’s last day', () => {
    expect(addMonths('2025-12-12', 6)).toBe('2026-06-12');
    expect(addMonths('2026-08-31', 6)).toBe('2027-02-28');
    expect(addMonths('2027-11-30', 3)).toBe('2028-02-29');
  });

  it('runs three months from the end of the six-month litigation period, moved past rest days', () => {
    expect(litigationPeriodEnd('2025-12-12')).toBe('2026-06-12');
    // 12 September 2026 is a Saturday: the last day moves to Monday 14 September.
    expect(applicationDeadline('2025-12-12')).toBe('2026-09-14');
  });

  it('finds an application made after every 催告 period and within three months lawful', () => {
    const findings = demandFindings(input);
    expect(findings.map((f) => f.ok)).toEqual([true, true, true]);
    expect(findings[0]!.message).toContain('最后一名被执行人（李秀兰）于2026年7月16日届满');
  });

  it('finds an application before the 催告’s ten working days ended', () => {
    const [demand] = demandFindings({ ...input, appliedOn: '2026-07-16' });
    expect(demand).toMatchObject({ ok: false, basis: '《中华人民共和国行政强制法》第五十四条、第六十九条' });
    expect(demand!.message).toContain('李秀兰的催告期（十个工作日）至2026年7月16日届满');
  });

  it('finds an application before the litigation period ended, or more than three months after', () => {
    const early = demandFindings({ ...input, decisionServedOn: '2026-05-22' });
    expect(early[1]).toMatchObject({ ok: false });
    expect(early[1]!.message).toContain('申请早于起诉期限届满（2026年11月23日）');
    const late = demandFindings({ ...input, decisionServedOn: '2025-09-01' });
    expect(late[2]).toMatchObject({ ok: false, basis: '《中华人民共和国行政强制法》第五十三条；法释〔2012〕4号第二条' });
    // 1 March 2026 is a Sunday: the litigation period ends Monday 2 March, the application window 2 June.
    expect(late[2]!.message).toContain('应于2026年6月2日前申请');
  });
});

describe('recording the 催告', () => {
  it('accepts a complete record, naming the subjects as on the operation', () => {
    const parsed = parseDemand(input, ctx);
    expect(parsed.ok).toBe(true);
  });

  it('needs the 催告 served on every subject, before the application, after its own date', () => {
    const one = parseDemand({ ...input, services: [input.services[0]!] }, ctx);
    expect(one.ok || one.errors.services).toBe('催告书须向每名被执行人送达：缺少李秀兰');
    const late = parseDemand({ ...input, services: [input.services[0]!, { ...input.services[1]!, servedOn: '2026-07-21' }] }, ctx);
    expect(late.ok || late.errors['services.1.servedOn']).toBe('催告书应在申请法院强制执行之前送达');
    const before = parseDemand({ ...input, services: [{ ...input.services[0]!, servedOn: '2026-06-29' }, input.services[1]!] }, ctx);
    expect(before.ok || before.errors['services.0.servedOn']).toBe('送达日期不能早于催告书日期');
  });

  it('refuses dates that contradict the decision, the ruling or today', () => {
    expect(parseDemand({ ...input, appliedOn: '2026-09-16' }, ctx)).toMatchObject({ ok: false, errors: { appliedOn: '申请日期不能晚于法院裁定日期' } });
    expect(parseDemand({ ...input, decisionServedOn: '2025-12-01' }, ctx)).toMatchObject({ ok: false, errors: { decisionServedOn: '执行依据的送达日期不能早于其作出日期' } });
    expect(parseDemand({ ...input, issuedOn: '2025-12-11' }, ctx)).toMatchObject({ ok: false, errors: { issuedOn: '催告应在执行依据送达之后（行政强制法第五十四条）' } });
    expect(parseDemand({ ...input, documentNumber: ' ' }, ctx)).toMatchObject({ ok: false, errors: { documentNumber: expect.stringContaining('请填写催告书文号') } });
  });

  it('prints the services, the periods and the findings', () => {
    const parsed = parseDemand(input, ctx);
    if (!parsed.ok) throw new Error('invalid');
    const rows = demandRows({ ...parsed.value, isDemo: false });
    const text = rows.flatMap((r) => [r.label, ...r.lines]).join('\n');
    expect(text).toContain('张建国：直接送达，2026年7月1日送达，签收人张建国；十个工作日至2026年7月15日届满');
    expect(text).toContain('六个月起诉期限至2026年6月12日届满');
    expect(text).toContain('符合：在三个月内申请');
  });
});

describe('recording a 陈述申辩 and its answer (行政强制法第八条)', () => {
  const statement = statementInput;

  it('needs the content, the answer, and an answer no earlier than the statement', () => {
    const parsed = parseStatement(statement, subjects, '2026-12-01');
    expect(parsed).toMatchObject({ ok: true, value: { name: '张建国' } });
    expect(parseStatement({ ...statement, reply: '' }, subjects, '2026-12-01')).toMatchObject({ ok: false, errors: { reply: expect.stringContaining('行政强制法第八条') } });
    expect(parseStatement({ ...statement, repliedOn: '2026-07-04' }, subjects, '2026-12-01')).toMatchObject({ ok: false, errors: { repliedOn: '答复日期不能早于陈述申辩日期' } });
    expect(parseStatement({ ...statement, subjectId: 'x' }, subjects, '2026-12-01')).toMatchObject({ ok: false, errors: { subjectId: '找不到该被执行人' } });
  });

  it('prints who stated what, the answer and the result', () => {
    const parsed = parseStatement(statement, subjects, '2026-12-01');
    if (!parsed.ok) throw new Error('invalid');
    const text = statementRows({ ...parsed.value, isDemo: false }).flatMap((r) => r.lines).join('\n');
    expect(text).toContain('被执行人张建国');
    expect(text).toContain('2026年7月5日，书面');
    expect(text).toContain('不予采纳');
  });
});

describe.skipIf(!hasPoppler)(popplerSuite('procedure records rendered'), { timeout: 30_000 }, () => {
  it('renders the 催告 record and the 陈述申辩 record as forms', async () => {
    const head = { seq: 3, hash: 'ab'.repeat(32) };
    const demand = parseDemand(input, ctx);
    if (!demand.ok) throw new Error('invalid');
    const demandText = pdfRawText(savePdf('demand.pdf', await renderDemandRecord({ ...demand.value, isDemo: true }, nodeFonts, head))).replace(/\s+/g, '');
    expect(demandText).toContain('催告及申请执行情况记录');
    expect(demandText).toContain('临江征催〔2026〕7号');
    expect(demandText).toContain('行政强制法》第五十三条、第五十四条、第六十九条');
    const statement = parseStatement(
      { subjectId: 's2', statedOn: '2026-07-05', form: 'oral', content: '要求安置到原址附近', reply: '已按补偿方案安排周转用房', outcome: 'partlyAdopted', repliedOn: '2026-07-06', repliedBy: '林涛' },
      subjects,
      '2026-12-01',
    );
    if (!statement.ok) throw new Error('invalid');
    const statementText = pdfRawText(savePdf('statement.pdf', await renderStatementRecord({ ...statement.value, isDemo: false }, nodeFonts, head))).replace(/\s+/g, '');
    expect(statementText).toContain('陈述申辩及答复记录');
    expect(statementText).toContain('被执行人李秀兰');
    expect(statementText).toContain('部分采纳');
  });
});
