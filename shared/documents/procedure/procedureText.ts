// Pure. What happened before the court ruled, recorded so the file shows the procedure was
// kept: the 催告 (行政强制法第五十四条; its ten days are working days, 第六十九条) and the
// application to the court within three months (第五十三条; 法释〔2012〕4号第二条), and the
// subject's 陈述、申辩 with the answer given (第八条; 法释〔2012〕4号第二条第(二)项). Each is
// a document with its PDF and a log entry.
import { z } from 'zod';
import { computeDeadline } from '../../calendar';
import { addDays, isIsoDate } from '../../calendar/dates';
import { restDayInfo, isSupportedDate } from '../../calendar/restDay';
import { fieldErrorsOf, type FieldErrors } from '../../operation/newOperation';
import { formatChineseDate } from '../../operation/formats';
import type { IsoDate, Subject } from '../../operation/types';
import { serviceMethods, serviceMethodLabels, type ServiceMethod } from '../notice/proofOfService';

/** 行政强制法第五十四条: 催告书送达十日后 — working days (第六十九条). */
export const DEMAND_DAYS = 10;
/** 行政诉讼法第四十六条: 起诉期限六个月, from when the subject knew of the decision. */
export const LITIGATION_MONTHS = 6;
/** 行政强制法第五十三条; 法释〔2012〕4号第二条: the application within three months after that. */
export const APPLICATION_MONTHS = 3;

export interface DemandService {
  subjectId: string;
  name: string;
  method: ServiceMethod;
  servedOn: IsoDate;
  /** Who signed for it (the subject, or the adult family member). */
  recipient: string;
}

/** 催告 and the application to the court, as recorded. */
export interface DemandData {
  /** 催告机关 */
  issuer: string;
  /** 催告书文号, as on the paper. */
  documentNumber: string;
  issuedOn: IsoDate;
  /** 催告履行的义务: what was demanded, by when, in what way (第五十四条). */
  demanded: string;
  services: DemandService[];
  /** When the enforceable decision was served on the subjects: the litigation period runs from it. */
  decisionServedOn: IsoDate;
  /** 申请人民法院强制执行之日 */
  appliedOn: IsoDate;
  note: string;
  isDemo: boolean;
}

export type StatementForm = 'oral' | 'written';
export const statementFormLabels: Record<StatementForm, string> = { oral: '口头', written: '书面' };
export type StatementOutcome = 'adopted' | 'partlyAdopted' | 'notAdopted';
export const statementOutcomeLabels: Record<StatementOutcome, string> = {
  adopted: '采纳',
  partlyAdopted: '部分采纳',
  notAdopted: '不予采纳',
};

/** 陈述、申辩 and its answer (行政强制法第八条). */
export interface StatementData {
  subjectId: string;
  name: string;
  statedOn: IsoDate;
  form: StatementForm;
  /** What the subject stated, in substance. */
  content: string;
  /** The answer given, with reasons. */
  reply: string;
  outcome: StatementOutcome;
  repliedOn: IsoDate;
  /** Who answered, for which body. */
  repliedBy: string;
  isDemo: boolean;
}

// —— periods ——

/** The last day of the month, 1–31. */
const monthLength = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

/**
 * `months` months after `start`, on the corresponding day, or the month's last day when it
 * has none (民法典第二百零二条); the start day itself is not counted (第二百零一条).
 */
export function addMonths(start: IsoDate, months: number): IsoDate {
  const [y, m, d] = start.split('-').map(Number) as [number, number, number];
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  const day = Math.min(d, monthLength(year, month));
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** A period's last day, moved past rest days (民事诉讼法第八十五条, applied by 行政诉讼法第一百零一条). */
function extendPastRestDays(last: IsoDate): IsoDate {
  let day = last;
  while (isSupportedDate(day) && restDayInfo(day).rest) day = addDays(day, 1);
  return day;
}

/** The last day of the 催告's ten working days (行政强制法第五十四条、第六十九条). */
export const demandPeriodEnd = (servedOn: IsoDate): IsoDate => computeDeadline(servedOn, DEMAND_DAYS, 'workingDays').deadline;

/** The last day the subject could sue over the decision (行政诉讼法第四十六条: six months). */
export const litigationPeriodEnd = (decisionServedOn: IsoDate): IsoDate => extendPastRestDays(addMonths(decisionServedOn, LITIGATION_MONTHS));

/** The last day the court application may be made (行政强制法第五十三条; 法释〔2012〕4号第二条). */
export const applicationDeadline = (decisionServedOn: IsoDate): IsoDate =>
  extendPastRestDays(addMonths(litigationPeriodEnd(decisionServedOn), APPLICATION_MONTHS));

export interface ProcedureFinding {
  ok: boolean;
  message: string;
  basis: string;
}

/**
 * Whether the 催告 and the application kept the law: the application after every subject's
 * ten working days, after the litigation period and within three months of it. Findings,
 * not refusals: this is history the court has already judged; the record and the report
 * show them, and a failed one asks the 法制科 to look.
 */
export function demandFindings(data: Pick<DemandData, 'services' | 'decisionServedOn' | 'appliedOn'>): ProcedureFinding[] {
  const findings: ProcedureFinding[] = [];
  const applied = formatChineseDate(data.appliedOn);
  const ends = data.services.map((s) => ({ name: s.name, end: demandPeriodEnd(s.servedOn) }));
  const last = ends.reduce<{ name: string; end: IsoDate } | undefined>((a, e) => (!a || e.end > a.end ? e : a), undefined);
  if (last) {
    findings.push({
      ok: data.appliedOn > last.end,
      message:
        data.appliedOn > last.end
          ? `催告期满后申请：催告书送达后十个工作日，最后一名被执行人（${last.name}）于${formatChineseDate(last.end)}届满，${applied}申请`
          : `申请早于催告期满：${last.name}的催告期（十个工作日）至${formatChineseDate(last.end)}届满，而申请日期为${applied}`,
      basis: '《中华人民共和国行政强制法》第五十四条、第六十九条',
    });
  }
  const litigationEnd = litigationPeriodEnd(data.decisionServedOn);
  const deadline = applicationDeadline(data.decisionServedOn);
  findings.push({
    ok: data.appliedOn > litigationEnd,
    message:
      data.appliedOn > litigationEnd
        ? `起诉期限届满后申请：决定于${formatChineseDate(data.decisionServedOn)}送达，六个月起诉期限于${formatChineseDate(litigationEnd)}届满`
        : `申请早于起诉期限届满（${formatChineseDate(litigationEnd)}）：被执行人在法定期限内不申请行政复议或者提起行政诉讼，又不履行的，方可申请`,
    basis: '《中华人民共和国行政强制法》第五十三条；《中华人民共和国行政诉讼法》第四十六条',
  });
  findings.push({
    ok: data.appliedOn <= deadline,
    message:
      data.appliedOn <= deadline
        ? `在三个月内申请：起诉期限届满之日起三个月，至${formatChineseDate(deadline)}`
        : `申请超过三个月：应于${formatChineseDate(deadline)}前申请，实际${applied}申请；逾期申请的，除有正当理由外，人民法院不予受理`,
    basis: '《中华人民共和国行政强制法》第五十三条；法释〔2012〕4号第二条',
  });
  return findings;
}

// —— input ——

const date = (label: string) => z.string({ error: `请填写${label}` }).refine(isIsoDate, `请填写${label}（年-月-日）`);
const text = (label: string, max: number) => z.string({ error: `请填写${label}` }).trim().max(max, `${label}不能超过 ${max} 个字`);

export const demandInputSchema = z.object({
  issuer: text('催告机关', 100).min(1, '请填写催告机关'),
  documentNumber: text('催告书文号', 60).min(1, '请填写催告书文号（纸质催告书上的文号）'),
  issuedOn: date('催告书日期'),
  demanded: text('催告履行的义务', 2000).min(1, '请写明催告履行的义务（履行的期限、方式）'),
  services: z
    .array(
      z.object({
        subjectId: z.string().min(1),
        name: z.string(),
        method: z.enum(serviceMethods, { error: '请选择送达方式' }),
        servedOn: date('催告书送达日期'),
        recipient: text('签收人', 50).min(1, '请填写签收人'),
      }),
    )
    .min(1, '请记录催告书向每名被执行人的送达'),
  decisionServedOn: date('执行依据送达日期'),
  appliedOn: date('申请法院强制执行日期'),
  note: text('说明', 1000).default(''),
});
export type DemandInput = z.input<typeof demandInputSchema>;

/** What a 催告 record must agree with: the decision, the subjects, the ruling, today. */
export interface DemandContext {
  subjects: readonly Pick<Subject, 'id' | 'name'>[];
  basisDate: IsoDate;
  rulingDate: IsoDate;
  today: IsoDate;
}

export type DemandParse = { ok: true; value: Omit<DemandData, 'isDemo'> } | { ok: false; errors: FieldErrors };

export function parseDemand(input: unknown, ctx: DemandContext): DemandParse {
  const parsed = demandInputSchema.safeParse(input);
  if (!parsed.success) return { ok: false, errors: fieldErrorsOf(parsed.error.issues) };
  const v = parsed.data;
  const errors: FieldErrors = {};
  if (v.decisionServedOn < ctx.basisDate) errors.decisionServedOn = '执行依据的送达日期不能早于其作出日期';
  if (v.issuedOn < v.decisionServedOn) errors.issuedOn = '催告应在执行依据送达之后（行政强制法第五十四条）';
  if (v.appliedOn > ctx.rulingDate) errors.appliedOn = '申请日期不能晚于法院裁定日期';
  for (const [key, value] of [['issuedOn', v.issuedOn], ['appliedOn', v.appliedOn], ['decisionServedOn', v.decisionServedOn]] as const) {
    if (value > ctx.today) errors[key] ??= '日期不能晚于今天';
  }
  const seen = new Set<string>();
  v.services.forEach((s, i) => {
    if (!ctx.subjects.some((subject) => subject.id === s.subjectId)) errors[`services.${i}.subjectId`] = '找不到该被执行人';
    if (seen.has(s.subjectId)) errors[`services.${i}.subjectId`] = '同一被执行人只记录一次催告书送达';
    seen.add(s.subjectId);
    if (s.servedOn < v.issuedOn) errors[`services.${i}.servedOn`] = '送达日期不能早于催告书日期';
    if (s.servedOn > v.appliedOn) errors[`services.${i}.servedOn`] = '催告书应在申请法院强制执行之前送达';
  });
  const missing = ctx.subjects.filter((s) => !seen.has(s.id)).map((s) => s.name);
  if (missing.length > 0) errors.services = `催告书须向每名被执行人送达：缺少${missing.join('、')}`;
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  const names = new Map(ctx.subjects.map((s) => [s.id, s.name]));
  return { ok: true, value: { ...v, services: v.services.map((s) => ({ ...s, name: names.get(s.subjectId) ?? s.name })) } };
}

export const statementInputSchema = z
  .object({
    subjectId: z.string().min(1, '请选择提出陈述、申辩的被执行人'),
    statedOn: date('陈述申辩日期'),
    form: z.enum(['oral', 'written'], { error: '请选择陈述申辩的形式' }),
    content: text('陈述申辩的内容', 3000).min(1, '请记录陈述、申辩的主要内容'),
    reply: text('答复', 3000).min(1, '请记录对陈述、申辩的答复及理由（行政强制法第八条）'),
    outcome: z.enum(['adopted', 'partlyAdopted', 'notAdopted'], { error: '请选择是否采纳' }),
    repliedOn: date('答复日期'),
    repliedBy: text('答复人', 100).min(1, '请填写答复人及其单位'),
  })
  .superRefine((v, ctx) => {
    if (isIsoDate(v.statedOn) && isIsoDate(v.repliedOn) && v.repliedOn < v.statedOn) {
      ctx.addIssue({ code: 'custom', path: ['repliedOn'], message: '答复日期不能早于陈述申辩日期' });
    }
  });
export type StatementInput = z.input<typeof statementInputSchema>;

export type StatementParse = { ok: true; value: Omit<StatementData, 'isDemo'> } | { ok: false; errors: FieldErrors };

export function parseStatement(input: unknown, subjects: readonly Pick<Subject, 'id' | 'name'>[], today: IsoDate): StatementParse {
  const parsed = statementInputSchema.safeParse(input);
  if (!parsed.success) return { ok: false, errors: fieldErrorsOf(parsed.error.issues) };
  const subject = subjects.find((s) => s.id === parsed.data.subjectId);
  if (!subject) return { ok: false, errors: { subjectId: '找不到该被执行人' } };
  if (parsed.data.repliedOn > today) return { ok: false, errors: { repliedOn: '日期不能晚于今天' } };
  return { ok: true, value: { ...parsed.data, name: subject.name } };
}

// —— what the records print ——

export interface RecordRow {
  label: string;
  lines: string[];
}

export function demandRows(data: DemandData): RecordRow[] {
  const findings = demandFindings(data);
  return [
    { label: '催告机关', lines: [data.issuer] },
    { label: '催告书', lines: [`${data.documentNumber}，${formatChineseDate(data.issuedOn)}`] },
    { label: '催告履行的义务', lines: [data.demanded] },
    {
      label: '催告书送达',
      lines: data.services.map(
        (s) =>
          `${s.name}：${serviceMethodLabels[s.method]}，${formatChineseDate(s.servedOn)}送达，签收人${s.recipient}；十个工作日至${formatChineseDate(demandPeriodEnd(s.servedOn))}届满`,
      ),
    },
    { label: '执行依据送达', lines: [`${formatChineseDate(data.decisionServedOn)}；六个月起诉期限至${formatChineseDate(litigationPeriodEnd(data.decisionServedOn))}届满`] },
    { label: '申请法院强制执行', lines: [formatChineseDate(data.appliedOn)] },
    { label: '期限核对', lines: findings.map((f) => `${f.ok ? '符合' : '不符合'}：${f.message}（${f.basis}）`) },
    ...(data.note.trim() ? [{ label: '说明', lines: [data.note.trim()] }] : []),
  ];
}

export function statementRows(data: StatementData): RecordRow[] {
  return [
    { label: '陈述申辩人', lines: [`被执行人${data.name}`] },
    { label: '时间和形式', lines: [`${formatChineseDate(data.statedOn)}，${statementFormLabels[data.form]}`] },
    { label: '陈述申辩内容', lines: [data.content] },
    { label: '答复', lines: [data.reply] },
    { label: '处理结果', lines: [statementOutcomeLabels[data.outcome]] },
    { label: '答复人和日期', lines: [`${data.repliedBy}，${formatChineseDate(data.repliedOn)}`] },
  ];
}

/** Printed under each record: what the law says it is for. */
export const DEMAND_NOTE =
  '说明：依照《中华人民共和国行政强制法》第五十三条、第五十四条、第六十九条和法释〔2012〕4号第二条记录；催告书送达十日（工作日）后当事人仍未履行的，方可申请人民法院强制执行，申请应当自被执行人的法定起诉期限届满之日起三个月内提出。';
export const STATEMENT_NOTE =
  '说明：依照《中华人民共和国行政强制法》第八条，当事人对实施行政强制享有陈述权、申辩权；依照法释〔2012〕4号第二条第（二）项，被征收人的意见随申请材料提交人民法院。';
