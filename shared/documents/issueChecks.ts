// Pure. Whether a draft may be issued: every reason it may not, each with its legal basis,
// so the user sees all of them at once (issue 14 item 5). The documents repository calls
// this before numbering; nothing is issued while any reason stands.
import { checkEnforcementWindow, computeDeadline, restDayInfo } from '../calendar';
import { chinaDate } from '../calendar/chinaTime';
import { addDays } from '../calendar/dates';
import { formatChineseDate } from '../operation/formats';
import { parseParticulars } from '../operation/particulars';
import { demolitionAllowed, type IsoDate, type Operation, type Subject } from '../operation/types';
import type { Plan } from '../plan/types';
import { courtReportProblems } from './courtReport/courtReportData';
import { DEMOLITION_NOTICE_DAYS, demolitionNoticeParagraphKeys, unitLetterParagraphKeys } from './demolition/demolitionText';
import { noticeParagraphKeys, type EnforcementWindow } from './notice/noticeText';
import { formatChineseDateTime } from './plan/printData';
import type { SubjectPeriod } from './periods';
import type { DocumentRecord } from './records';

export type IssueProblemCode =
  | 'issuer'
  | 'text'
  | 'unfilled'
  | 'particulars'
  | 'particularsNotStated'
  | 'period'
  | 'enforcementTime'
  | 'window'
  | 'plan'
  | 'beforePeriod'
  | 'unserved'
  | 'scope'
  | 'demolitionDate'
  | 'recipients'
  | 'report';

export interface IssueProblem {
  code: IssueProblemCode;
  /** What is wrong and the law that says so, in Chinese. */
  message: string;
}

export interface IssueCheckInput {
  document: DocumentRecord;
  operation: Operation;
  subjects: readonly Subject[];
  /** The latest finalised plan, if any. */
  finalPlan?: Pick<Plan, 'version' | 'content'>;
  /** Each subject's service of the current 告知书 (periods.subjectPeriods). */
  periods: readonly SubjectPeriod[];
  /** The day of issue, China time. */
  today: IsoDate;
  /** Night hours from the settings (default 22:00–06:00). */
  night?: { from: string; to: string };
}

const ART43 = '《中华人民共和国行政强制法》第四十三条';
const ART85 = '《中华人民共和国民事诉讼法》第八十五条';
const RULING_SCOPE = '法释〔2012〕4号第九条：依照人民法院准予执行的裁定组织实施';
/** Words a default text prints for what the user has not filled in. */
const UNFILLED = /未填写|未确定/;
/** Announcing demolition, as opposed to saying the ruling does not allow it. */
const ANNOUNCES_DEMOLITION = /(依法|予以|实施|强制)拆除/;

const noticeLabels: Record<(typeof noticeParagraphKeys)[number], string> = {
  basis: '理由和依据',
  content: '强制执行的内容',
  compensation: '补偿安置',
  methodAndTime: '强制执行的方式和时间',
  selfPerformance: '自行履行期限',
  storage: '物品存放和领取',
  consequences: '逾期不履行的后果',
  remedy: '救济途径',
  contact: '联系人及电话',
};
const demolitionLabels: Record<(typeof demolitionNoticeParagraphKeys)[number], string> = {
  basis: '理由和依据',
  content: '拆除事项',
  safety: '物品和安全措施',
  remedy: '救济途径',
  contact: '联系人及电话',
};
const letterLabels: Record<(typeof unitLetterParagraphKeys)[number], string> = { body: '正文', requests: '请求事项', contact: '联系人及电话' };

const dayOf = (instant: string) => chinaDate(new Date(Date.parse(instant)));
const sameInstant = (a: string, b: string) => a !== '' && b !== '' && Date.parse(a) === Date.parse(b);

/** The documents' printed parts: the paragraphs that must not be empty, and every printed text. */
function printedParts(document: DocumentRecord): { required: [string, string][]; all: string[] } {
  switch (document.kind) {
    case 'notice': {
      const required = noticeParagraphKeys.map((k): [string, string] => [noticeLabels[k], document.data.text[k] ?? '']);
      return { required, all: required.map(([, t]) => t) };
    }
    case 'announcement': {
      const items = document.data.text.items;
      return {
        required: [['开头（依据）', document.data.text.preamble], ['公告事项', items.join('')]],
        all: [document.data.text.preamble, ...items],
      };
    }
    case 'demolitionNotice': {
      const required = demolitionNoticeParagraphKeys.map((k): [string, string] => [demolitionLabels[k], document.data.text[k]]);
      return { required, all: required.map(([, t]) => t) };
    }
    case 'unitLetter': {
      const required = unitLetterParagraphKeys.map((k): [string, string] => [letterLabels[k], document.data.text[k]]);
      return { required: [['主送单位', document.data.recipients], ...required], all: required.map(([, t]) => t) };
    }
    default:
      return { required: [], all: [] };
  }
}

/** The enforcement window a notice or announcement states. */
const windowOf = (document: DocumentRecord): EnforcementWindow | undefined =>
  document.kind === 'notice' || document.kind === 'announcement' ? (document.data.enforcement ?? { start: '', end: '' }) : undefined;

function issuerProblems(issuer: string, operation: Operation): IssueProblem[] {
  const name = issuer.trim();
  if (!name) return [{ code: 'issuer', message: '请填写发文机关（组织实施的人民政府或其指定的牵头单位）' }];
  if (name.includes('指挥部')) {
    return [{ code: 'issuer', message: `发文机关不能是临时指挥部：临时指挥部不具有法人资格，也没有印章；应以${operation.organisingGovernment}或其指定的牵头单位名义发文` }];
  }
  if (name !== operation.organisingGovernment.trim() && name !== operation.leadUnit.trim()) {
    return [
      {
        code: 'issuer',
        message: `发文机关“${name}”既不是组织实施的人民政府（${operation.organisingGovernment}），也不是其指定的牵头单位（${operation.leadUnit}）（法释〔2012〕4号第九条）`,
      },
    ];
  }
  return [];
}

/** The compensation facts the subject must be told: recorded, valid, and stated in the text. */
function particularsProblems(operation: Operation, texts: readonly string[]): IssueProblem[] {
  if (!operation.particulars) {
    return [{ code: 'particulars', message: '尚未填写告知事项（补偿款专户或提存、安置房屋、强制执行方式、物品存放、联系人），请在“告知事项”中填写（《国有土地上房屋征收与补偿条例》第二十七条、第二十八条）' }];
  }
  const parsed = parseParticulars(operation.particulars);
  if (!parsed.ok) return [{ code: 'particulars', message: `告知事项有误：${Object.values(parsed.errors).join('；')}` }];
  const c = parsed.value.compensation;
  const digits = texts.join('').replace(/[\s-]/g, '');
  const key = c.arrangement === 'account' ? c.accountNumber : c.certificateNumber.replace(/[\s-]/g, '');
  if (!digits.includes(key)) {
    return [
      {
        code: 'particularsNotStated',
        message:
          c.arrangement === 'account'
            ? `正文未载明补偿款专户账号（${c.accountNumber}）：请按告知事项重新生成补偿安置段落（《国有土地上房屋征收与补偿条例》第二十八条第二款）`
            : `正文未载明补偿款提存的公证书编号（${c.certificateNumber}）：请按告知事项重新生成补偿安置段落`,
      },
    ];
  }
  return [];
}

function windowProblems(window: EnforcementWindow, input: IssueCheckInput): IssueProblem[] {
  if (!window.start || !window.end) return [{ code: 'enforcementTime', message: '请填写强制执行的开始时间和预计结束时间（告知被执行人强制执行的时间）' }];
  const problems: IssueProblem[] = [];
  const plan = input.finalPlan;
  if (plan && !(sameInstant(window.start, plan.content.start) && sameInstant(window.end, plan.content.end))) {
    problems.push({
      code: 'plan',
      message: `执行时间（${formatChineseDateTime(window.start)}至${formatChineseDateTime(window.end)}）与定稿预案第${plan.version}版（${plan.content.start ? formatChineseDateTime(plan.content.start) : '未填写'}至${plan.content.end ? formatChineseDateTime(plan.content.end) : '未填写'}）不一致：文书载明的时间应依定稿的强制执行预案`,
    });
  }
  // The plan's recorded emergency covers the document only when the document states the plan's time.
  const emergencyReason = plan && sameInstant(window.start, plan.content.start) ? plan.content.emergencyReason : '';
  const check = checkEnforcementWindow(window.start, window.end, {
    emergencyReason,
    ...(input.night ? { nightFrom: input.night.from, nightTo: input.night.to } : {}),
  });
  for (const p of check.problems) if (p.blocking) problems.push({ code: 'window', message: p.message.includes('第四十三条') ? p.message : `${p.message}（${ART43}）` });
  return problems;
}

/** The enforcement day must come after every period the subjects were given. */
function periodProblems(input: IssueCheckInput, enforcementDay: IsoDate | undefined): IssueProblem[] {
  const { document, today } = input;
  const problems: IssueProblem[] = [];
  if (document.kind === 'notice') {
    const days = document.selfPerformanceDays;
    if (!Number.isInteger(days) || days < 1) {
      return [{ code: 'period', message: `自行履行期限应为正整数天数（现为 ${String(days)}）：期限为零或负数，被执行人就没有自行履行的时间` }];
    }
    if (enforcementDay) {
      // Even served today, the period ends no earlier than this.
      const earliest = computeDeadline(today, days, 'calendar').deadline;
      if (enforcementDay <= earliest) {
        problems.push({
          code: 'beforePeriod',
          message: `执行日期${formatChineseDate(enforcementDay)}不在自行履行期限届满之后：即使今天送达，${days}日期限也要到${formatChineseDate(earliest)}才届满（${ART85}）`,
        });
      }
    }
  }
  if (document.kind === 'announcement') {
    const days = document.data.moveOutDays;
    if (days === undefined || !Number.isInteger(days) || days < 1) {
      return [{ code: 'period', message: `公告的搬离期限应为正整数天数（现为 ${days === undefined ? '未填写' : String(days)}）：公告应给被执行人留出真实的搬离期限` }];
    }
    const earliest = computeDeadline(today, days, 'calendar').deadline;
    const printed = document.data.moveOutEndsOn;
    if (!printed || printed < earliest) {
      problems.push({
        code: 'period',
        message: `公告载明的搬离期限届满日（${printed ? formatChineseDate(printed) : '未填写'}）早于自今日起算${days}日的届满日${formatChineseDate(earliest)}（${ART85}）：请重新计算`,
      });
    }
    if (enforcementDay && printed && enforcementDay <= printed) {
      problems.push({ code: 'beforePeriod', message: `执行日期${formatChineseDate(enforcementDay)}不在公告的搬离期限（至${formatChineseDate(printed)}）届满之后` });
    }
    const unserved = input.periods.filter((p) => !p.periodEndsOn).map((p) => p.name);
    if (unserved.length > 0) {
      problems.push({
        code: 'unserved',
        message: `${unserved.join('、')}尚未有效送达告知书：公告的执行时间须在每名被执行人的自行履行期限届满之后，应先送达告知书（《西城区工作细则》四（二）至四（四））`,
      });
    }
  }
  if (enforcementDay) {
    for (const p of input.periods) {
      if (p.periodEndsOn && enforcementDay <= p.periodEndsOn) {
        problems.push({
          code: 'beforePeriod',
          message: `执行日期${formatChineseDate(enforcementDay)}不在${p.name}的自行履行期限（至${formatChineseDate(p.periodEndsOn)}）届满之后`,
        });
      }
    }
  }
  return problems;
}

function demolitionProblems(input: IssueCheckInput, demolitionOn: IsoDate | ''): IssueProblem[] {
  const problems: IssueProblem[] = [];
  if (!demolitionAllowed(input.operation.courtRuling)) {
    problems.push({ code: 'scope', message: `裁定仅准予强制搬迁、未准予拆除，不得通知或函告拆除（${RULING_SCOPE}）` });
  }
  if (!demolitionOn) return [...problems, { code: 'demolitionDate', message: '请填写拆除日期' }];
  const earliest = addDays(input.today, DEMOLITION_NOTICE_DAYS);
  if (input.document.kind === 'demolitionNotice' && demolitionOn < earliest) {
    problems.push({
      code: 'demolitionDate',
      message: `拆除日期${formatChineseDate(demolitionOn)}距今不足十五日：强制拆除通知书应在强制拆除十五日前送达（即使今天送达，最早${formatChineseDate(earliest)}拆除）`,
    });
  }
  const info = restDayInfo(demolitionOn);
  if (info.rest && !input.finalPlan?.content.emergencyReason.trim()) {
    problems.push({
      code: 'window',
      message: `拆除日期${formatChineseDate(demolitionOn)}是${info.name ?? '休息日'}：不得在法定节假日实施强制执行（${ART43}），不得在星期六实施强制拆除（最高法行他81号），情况紧急的除外`,
    });
  }
  const planDay = input.finalPlan?.content.start ? dayOf(input.finalPlan.content.start) : undefined;
  if (planDay && demolitionOn < planDay) {
    problems.push({ code: 'demolitionDate', message: `拆除日期早于定稿预案的执行日期（${formatChineseDate(planDay)}）：房屋应先腾空、清登后再拆除` });
  }
  return problems;
}

/** Every reason the draft may not be issued; empty when it may. */
export function issueProblems(input: IssueCheckInput): IssueProblem[] {
  const { document, operation } = input;
  if (document.kind === 'courtReport') return courtReportProblems(document.data).map((message) => ({ code: 'report', message }));
  if (document.kind === 'demand' || document.kind === 'statement') return [];
  const problems: IssueProblem[] = [...issuerProblems(document.data.issuer, operation)];

  const parts = printedParts(document);
  const empty = parts.required.filter(([, t]) => !t.trim()).map(([label]) => label);
  if (empty.length > 0) problems.push({ code: 'text', message: `以下部分为空：${empty.join('、')}` });
  const unfilled = parts.all.filter((t) => UNFILLED.test(t));
  if (unfilled.length > 0) problems.push({ code: 'unfilled', message: `正文中仍有“未填写”或“未确定”的内容（${unfilled.length} 处），请补充后重新生成或修改` });

  if (document.kind === 'notice' || document.kind === 'announcement') {
    problems.push(...particularsProblems(operation, parts.all));
    const window = windowOf(document)!;
    problems.push(...windowProblems(window, input));
    if (document.kind === 'announcement' && !input.finalPlan) {
      problems.push({ code: 'plan', message: '尚无定稿的强制执行预案：公告载明的执行时间应依执行预备会确定的预案（《西城区工作细则》四（三）、四（四））' });
    }
    problems.push(...periodProblems(input, window.start ? dayOf(window.start) : undefined));
    // The text is what the subject reads: it must state the dates the checks were made on.
    const printedText = parts.all.join('');
    const stated = [
      ...(window.start ? [['执行日期', dayOf(window.start)]] : []),
      ...(document.kind === 'announcement' && document.data.moveOutEndsOn ? [['搬离期限届满日', document.data.moveOutEndsOn]] : []),
    ] as [string, IsoDate][];
    for (const [label, date] of stated) {
      if (!printedText.includes(formatChineseDate(date))) {
        problems.push({ code: 'enforcementTime', message: `正文未载明${label}${formatChineseDate(date)}：请按所填时间重新生成正文` });
      }
    }
    if (!demolitionAllowed(operation.courtRuling) && parts.all.some((t) => ANNOUNCES_DEMOLITION.test(t))) {
      problems.push({ code: 'scope', message: `裁定仅准予强制搬迁、未准予拆除，文书不得宣布拆除房屋（${RULING_SCOPE}）` });
    }
  }
  if (document.kind === 'demolitionNotice') {
    if (document.data.subjectIds.length === 0) problems.push({ code: 'recipients', message: '强制拆除通知书没有受送达的被执行人' });
    problems.push(...demolitionProblems(input, document.data.demolitionOn));
  }
  if (document.kind === 'unitLetter') problems.push(...demolitionProblems(input, document.data.demolitionOn));
  return problems;
}
