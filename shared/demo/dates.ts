// Pure. Every date of the 示例行动, computed from "today" so the demo is lawful whenever it is
// made: each date from the rule it must satisfy on the calendar of its year (rest days,
// holidays, 调休), never a constant shift. "Today" is the day the stage's file is exported
// (its last act): for planned the day the plan is finalised, for served the day the 公告 is
// posted, for executed and reported the day the notary's certificate and the costs (and the
// report) are recorded, after the day on site.
import { computeDeadline, courtReportDeadline, checkEnforcementWindow } from '../calendar';
import { addDays, isIsoDate, WEEKDAY_NAMES, weekday } from '../calendar/dates';
import { isSupportedDate, restDayInfo } from '../calendar/restDay';
import { chinaDate, chinaInstant } from '../calendar/chinaTime';
import { demandFindings, demandPeriodEnd, litigationPeriodEnd } from '../documents/procedure/procedureText';
import { DEFAULT_MOVE_OUT_DAYS, DEFAULT_SELF_PERFORMANCE_DAYS } from '../documents/drafting';
import { DEMOLITION_NOTICE_DAYS } from '../documents/demolition/demolitionText';
import { DEMO_HISTORY } from '../operation/demo';
import { formatChineseDate } from '../operation/formats';
import type { IsoDate } from '../operation/types';
import type { DemoStage } from './stages';

export { demoStages, type DemoStage } from './stages';

export interface DemoDates {
  /** The 征收补偿决定 and its service on the subjects (the 起诉期限 runs from the service). */
  decisionOn: IsoDate;
  decisionServedOn: IsoDate;
  /** The 催告书: issued, served directly on two subjects, received by post by the third. */
  demandIssuedOn: IsoDate;
  demandServedOn: IsoDate;
  demandReceivedOn: IsoDate;
  /** 陈述申辩 and the answer. */
  statedOn: IsoDate;
  repliedOn: IsoDate;
  /** The application to the court and its ruling. */
  appliedOn: IsoDate;
  ruledOn: IsoDate;
  /** The command post's training (seed 004), after the ruling. */
  trainedOn: IsoDate;
  /** The demo loaded, the 执行预备会, the plan finalised. */
  loadedOn: IsoDate;
  meetingOn: IsoDate;
  plannedOn: IsoDate;
  /** 告知书 and 强制拆除通知书 issued (and posted to the third subject), served directly, the postal receipt's date and the day it is recorded. */
  issuedOn: IsoDate;
  servedOn: IsoDate;
  receivedOn: IsoDate;
  receiptRecordedOn: IsoDate;
  /** The 公告 issued and posted. */
  announcedOn: IsoDate;
  /** The day on site. */
  enforcementOn: IsoDate;
  /** The notary's certificate, the costs and the 情况报告. */
  reportOn: IsoDate;
}

/** The dates of the demo without --today (its file stays the same bytes): the day on site Tuesday 8 December 2026. */
export const DEFAULT_DEMO_DATES: DemoDates = {
  decisionOn: DEMO_HISTORY.decisionOn,
  decisionServedOn: '2025-12-12',
  demandIssuedOn: '2026-06-15',
  demandServedOn: '2026-06-16',
  demandReceivedOn: '2026-06-17',
  statedOn: '2026-06-23',
  repliedOn: '2026-06-26',
  appliedOn: '2026-07-10',
  ruledOn: DEMO_HISTORY.ruledOn,
  trainedOn: DEMO_HISTORY.trainedOn,
  loadedOn: '2026-11-16',
  meetingOn: '2026-11-17',
  plannedOn: '2026-11-18',
  issuedOn: '2026-11-19',
  servedOn: '2026-11-20',
  receivedOn: '2026-11-21',
  receiptRecordedOn: '2026-11-23',
  announcedOn: '2026-12-01',
  enforcementOn: '2026-12-08',
  reportOn: '2026-12-09',
};

/** The day each stage's file is exported: its last act. */
export function exportDay(dates: DemoDates, stage: DemoStage): IsoDate {
  return { planned: dates.plannedOn, served: dates.announcedOn, executed: dates.reportOn, reported: dates.reportOn }[stage];
}

// The demo's pace between acts, in working days: how long an office takes, not a legal period.
const PACE = {
  /** The decision is served two working days after it is made. */
  decisionServed: 2,
  /** The subject states his objections on the fifth working day after the 催告 reached him; the answer comes three working days later. */
  stated: 5,
  replied: 3,
  /** The application is filed six working days after the last 催告 period ended. */
  applied: 6,
  /** The court rules fifteen working days after the application: 法释〔2012〕4号第四条、第五条 give five days to 立案 and thirty days from 立案 to rule. */
  ruled: 15,
  /** The command post is trained three working days after the ruling. */
  trained: 3,
  /** A letter sent by post arrives two days later, any day of the week. */
  postDays: 2,
  /** The demo is loaded at least sixty days after the ruling (the command post is formed, the house assessed). */
  afterRuling: 60,
} as const;

const isWorking = (date: IsoDate) => !restDayInfo(date).rest;
/** A working day by the calendar, not a 调休上班日 (whose treatment the calendar marks as unverified). */
const isPlainWorkday = (date: IsoDate) => restDayInfo(date).kind === 'workday';

/** The `n`th working day after `date` (not counting it). */
function workingDayAfter(date: IsoDate, n = 1): IsoDate {
  let day = date;
  for (let counted = 0; counted < n; ) {
    day = addDays(day, 1);
    if (isWorking(day)) counted += 1;
  }
  return day;
}

function workingDayBefore(date: IsoDate): IsoDate {
  let day = addDays(date, -1);
  while (!isWorking(day)) day = addDays(day, -1);
  return day;
}

const later = (a: IsoDate, b: IsoDate) => (a > b ? a : b);

type History = Pick<DemoDates, 'decisionOn' | 'decisionServedOn' | 'demandIssuedOn' | 'demandServedOn' | 'demandReceivedOn' | 'statedOn' | 'repliedOn' | 'appliedOn' | 'ruledOn' | 'trainedOn'>;

/** What happened before the court ruled, from the day the decision was served. */
function historyFrom(decisionServedOn: IsoDate): History {
  let decisionOn = decisionServedOn;
  for (let i = 0; i < PACE.decisionServed; i++) decisionOn = workingDayBefore(decisionOn);
  // The 催告 follows the end of the six-month 起诉期限 (行政诉讼法第四十六条).
  const demandIssuedOn = workingDayAfter(litigationPeriodEnd(decisionServedOn));
  const demandServedOn = workingDayAfter(demandIssuedOn);
  const demandReceivedOn = addDays(demandIssuedOn, PACE.postDays);
  const statedOn = workingDayAfter(demandServedOn, PACE.stated);
  const repliedOn = workingDayAfter(statedOn, PACE.replied);
  // After every subject's ten working days (行政强制法第五十四条、第六十九条).
  const demandEnd = later(demandPeriodEnd(demandServedOn), demandPeriodEnd(demandReceivedOn));
  const appliedOn = workingDayAfter(later(demandEnd, repliedOn), PACE.applied);
  const ruledOn = workingDayAfter(appliedOn, PACE.ruled);
  const trainedOn = workingDayAfter(ruledOn, PACE.trained);
  return { decisionOn, decisionServedOn, demandIssuedOn, demandServedOn, demandReceivedOn, statedOn, repliedOn, appliedOn, ruledOn, trainedOn };
}

/**
 * The latest working day for which `fits` holds, searched from `guess`: `fits` is monotone (it
 * holds up to some day and not after it), as every chain of dates here only moves later.
 */
function latestWorkingDay(guess: IsoDate, fits: (day: IsoDate) => boolean): IsoDate {
  let day = guess;
  while (!isWorking(day) || !fits(day)) day = addDays(day, -1);
  for (let next = addDays(day, 1); ; next = addDays(next, 1)) {
    if (!isWorking(next)) continue;
    if (!fits(next)) return day;
    day = next;
  }
}

/** The latest history whose ruling came by `ruledBy`. */
function historyRuledBy(ruledBy: IsoDate): History {
  // Six months of 起诉期限, the 催告 and the court's time: about 230 days from service to ruling.
  return historyFrom(latestWorkingDay(addDays(ruledBy, -230), (served) => historyFrom(served).ruledOn <= ruledBy));
}

type Operation = Omit<DemoDates, keyof History>;

/**
 * The operation from the day its plan is finalised. `announcedOn` and `enforcementOn` may be
 * given later than the earliest lawful day (the stage's "today" fixes them).
 */
function operationFrom(plannedOn: IsoDate, fixed: { announcedOn?: IsoDate; enforcementOn?: IsoDate; reportOn?: IsoDate } = {}): Operation {
  const meetingOn = workingDayBefore(plannedOn);
  const loadedOn = workingDayBefore(meetingOn);
  const issuedOn = workingDayAfter(plannedOn);
  const servedOn = workingDayAfter(issuedOn);
  const receivedOn = addDays(issuedOn, PACE.postDays);
  // Recorded the working day after the receipt came back, after the direct services.
  const receiptRecordedOn = workingDayAfter(later(receivedOn, servedOn));
  // Each subject's self-performance period from their own service (行政强制法第三十八条; 民事诉讼法第八十五条).
  const periodEnd = later(computeDeadline(servedOn, DEFAULT_SELF_PERFORMANCE_DAYS, 'calendar').deadline, computeDeadline(receivedOn, DEFAULT_SELF_PERFORMANCE_DAYS, 'calendar').deadline);
  // The 公告 when the periods have ended unperformed.
  const announcedOn = fixed.announcedOn ?? workingDayAfter(later(periodEnd, receiptRecordedOn));
  const moveOutEnd = computeDeadline(announcedOn, DEFAULT_MOVE_OUT_DAYS, 'calendar').deadline;
  // The first plain working day after the 公告's period, fifteen days after the 强制拆除通知书 reached everyone.
  let enforcementOn = fixed.enforcementOn ?? later(addDays(moveOutEnd, 1), addDays(later(servedOn, receivedOn), DEMOLITION_NOTICE_DAYS));
  while (!fixed.enforcementOn && !isPlainWorkday(enforcementOn)) enforcementOn = addDays(enforcementOn, 1);
  const reportOn = fixed.reportOn ?? workingDayAfter(enforcementOn);
  return { loadedOn, meetingOn, plannedOn, issuedOn, servedOn, receivedOn, receiptRecordedOn, announcedOn, enforcementOn, reportOn };
}

/** The latest working day for the plan whose operation reaches `field` by `by`. */
function plannedBy(field: 'announcedOn' | 'enforcementOn', by: IsoDate): IsoDate {
  // About sixteen days from the plan to the 公告, three weeks to the day on site.
  const guess = addDays(by, field === 'announcedOn' ? -16 : -21);
  return latestWorkingDay(guess, (planned) => operationFrom(planned)[field] <= by);
}

/**
 * The day on site for a report made on `reportOn`: the last working day before it from which the
 * report is still within five days (brief §4 step 13; shared/calendar courtReportDeadline); a plain
 * working day when one qualifies, else the last working day (then every day between is a rest
 * day, so the extended deadline reaches `reportOn`).
 */
function enforcementBefore(reportOn: IsoDate): IsoDate {
  for (let day = workingDayBefore(reportOn); courtReportDeadline(day) >= reportOn; day = workingDayBefore(day)) {
    if (isPlainWorkday(day)) return day;
  }
  return workingDayBefore(reportOn);
}

/** Years for which the demo can be computed: its history begins about a year before "today", within the calendar's years. */
export const DEMO_TODAY_RANGE = { first: '2026-02-01', last: '2100-10-31' } as const;

/**
 * Every date of the demo carried to `stage`, exported on `today`. Throws RangeError with a
 * Chinese message for a date that is not YYYY-MM-DD or outside DEMO_TODAY_RANGE.
 */
export function demoDates(today: string, stage: DemoStage): DemoDates {
  if (!isIsoDate(today)) throw new RangeError(`“${today}”不是有效日期：应为 YYYY-MM-DD 格式，如 2026-12-09`);
  if (today < DEMO_TODAY_RANGE.first || today > DEMO_TODAY_RANGE.last || !isSupportedDate(today)) {
    throw new RangeError(
      `“${today}”超出示例行动可计算的范围（${DEMO_TODAY_RANGE.first} 至 ${DEMO_TODAY_RANGE.last}）：示例的执行依据约在一年前送达，节假日日历自 2025 年起`,
    );
  }
  let operation: Operation;
  if (stage === 'planned') operation = operationFrom(today);
  else if (stage === 'served') operation = operationFrom(plannedBy('announcedOn', today), { announcedOn: today });
  else {
    const enforcementOn = enforcementBefore(today);
    operation = operationFrom(plannedBy('enforcementOn', enforcementOn), { enforcementOn, reportOn: today });
  }
  return { ...historyRuledBy(addDays(operation.loadedOn, -PACE.afterRuling)), ...operation };
}

/** A day as the meeting's minutes write it: 2026年12月8日（星期二）. */
export const chineseDay = (date: IsoDate): string => `${formatChineseDate(date)}（${WEEKDAY_NAMES[weekday(date)]}）`;

/**
 * The rules the demo's dates must satisfy, each broken one as a Chinese sentence with its basis;
 * empty when the demo is lawful. The app's own gates check most of them again as the demo is built.
 */
export function demoDateProblems(d: DemoDates): string[] {
  const problems: string[] = [];
  const require = (ok: boolean, message: string) => {
    if (!ok) problems.push(message);
  };
  const order: Array<keyof DemoDates> = [
    'decisionOn', 'decisionServedOn', 'demandIssuedOn', 'demandServedOn', 'statedOn', 'repliedOn', 'appliedOn', 'ruledOn', 'trainedOn',
    'loadedOn', 'meetingOn', 'plannedOn', 'issuedOn', 'servedOn', 'receiptRecordedOn', 'announcedOn', 'enforcementOn', 'reportOn',
  ];
  for (let i = 1; i < order.length; i++) {
    const [a, b] = [order[i - 1]!, order[i]!];
    require(d[a] < d[b], `${b}（${d[b]}）应在 ${a}（${d[a]}）之后`);
  }
  require(d.demandIssuedOn < d.demandReceivedOn && d.demandReceivedOn < d.appliedOn, `催告书邮寄送达日（${d.demandReceivedOn}）应在签发之后、申请之前`);
  require(d.issuedOn < d.receivedOn && d.receivedOn < d.receiptRecordedOn, `告知书邮寄回执日期（${d.receivedOn}）应在签发之后、登记之前`);
  for (const key of ['demandIssuedOn', 'demandServedOn', 'appliedOn', 'ruledOn', 'issuedOn', 'servedOn'] as const) {
    require(isWorking(d[key]), `${key}（${d[key]}）不是工作日`);
  }
  const services = [
    { subjectId: '1', name: '直接送达的被执行人', method: 'direct' as const, servedOn: d.demandServedOn, recipient: '' },
    { subjectId: '2', name: '邮寄送达的被执行人', method: 'post' as const, servedOn: d.demandReceivedOn, recipient: '' },
  ];
  for (const f of demandFindings({ services, decisionServedOn: d.decisionServedOn, appliedOn: d.appliedOn })) require(f.ok, `${f.message}（${f.basis}）`);
  for (const served of [d.servedOn, d.receivedOn]) {
    const end = computeDeadline(served, DEFAULT_SELF_PERFORMANCE_DAYS, 'calendar').deadline;
    require(d.enforcementOn > end, `执行日（${d.enforcementOn}）应在${served}送达的告知书的自行履行期限（至${end}）届满之后（行政强制法第三十八条）`);
  }
  const moveOutEnd = computeDeadline(d.announcedOn, DEFAULT_MOVE_OUT_DAYS, 'calendar').deadline;
  require(d.enforcementOn > moveOutEnd, `执行日（${d.enforcementOn}）应在公告的搬离期限（至${moveOutEnd}）届满之后`);
  const noticeBy = addDays(d.enforcementOn, -DEMOLITION_NOTICE_DAYS);
  require(later(d.servedOn, d.receivedOn) <= noticeBy, `强制拆除通知书应在拆除 15 日前送达（最迟${noticeBy}）`);
  const window = checkEnforcementWindow(`${d.enforcementOn}T08:30:00+08:00`, `${d.enforcementOn}T16:00:00+08:00`);
  require(window.allowed, `执行日不合法：${window.problems.map((p) => p.message).join('；')}`);
  require(d.reportOn <= courtReportDeadline(d.enforcementOn), `情况报告（${d.reportOn}）超过执行完毕后五日（至${courtReportDeadline(d.enforcementOn)}）`);
  return problems;
}

/**
 * The "today" the app loads its demo for at `now`: the demo's acts of the export day run to
 * 17:00, so before 18:00 (China time) it is the day before, and no act of the demo lies ahead
 * of the station's clock.
 */
export function appDemoToday(now: Date): IsoDate {
  const today = chinaDate(now);
  return chinaInstant(now).slice(11, 13) < '18' ? addDays(today, -1) : today;
}
