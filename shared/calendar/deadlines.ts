// Pure. Deadlines "X日内" (民事诉讼法 第八十五条, 行政强制法 第六十九条), 公告送达 and the on-screen
// countdown to a deadline; every date is a YYYY-MM-DD day in China time.
import { chinaDate } from './chinaTime';
import { addDays, DAY_MS, isIsoDate } from './dates';
import { isSupportedDate, restDayInfo, type RestDayInfo } from './restDay';
import { FIRST_YEAR, LAST_YEAR } from './statutory';

/**
 * calendar: 民事诉讼法 (2023) 第八十五条, every day counts and a last day that is a rest day moves to
 * the next working day. workingDays: 行政强制法 第六十九条, only working days count.
 */
export type DeadlineMode = 'calendar' | 'workingDays';

export interface Deadline {
  /** The last day on which the act is still in time (until 24:00 China time). */
  deadline: string;
  /** The last day by plain counting when it was a rest day and the deadline moved past it. */
  extendedFrom?: string;
  /** The rule applied, as a Chinese citation; mentions the extension when there was one. */
  basis: string;
  /** False if a day examined lies in a year whose official schedule is missing (then only weekends and the statutory days count as rest days). */
  scheduleKnown: boolean;
}

export const MAX_DEADLINE_DAYS = 3650;

/** 2026年3月5日 (GB/T 9704-2012 style, no zero padding). */
const chineseDate = (date: string) => `${Number(date.slice(0, 4))}年${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日`;

function checkStart(start: string, what: string): void {
  if (typeof start !== 'string' || !isSupportedDate(start)) {
    throw new RangeError(`${what}“${String(start)}”无效：应为 ${FIRST_YEAR}—${LAST_YEAR} 年间的有效日期，格式 YYYY-MM-DD`);
  }
}

function checkDays(days: number): void {
  if (typeof days !== 'number' || !Number.isInteger(days) || days < 1 || days > MAX_DEADLINE_DAYS) {
    throw new RangeError(`期间天数“${String(days)}”无效：应为 1—${MAX_DEADLINE_DAYS} 之间的整数`);
  }
}

/** restDayInfo, with a Chinese message when the count runs past the last year the calendar knows. */
function dayInfo(date: string): RestDayInfo {
  if (!isSupportedDate(date)) throw new RangeError(`期间计算超出可计算的日期范围（${FIRST_YEAR}—${LAST_YEAR} 年）`);
  return restDayInfo(date);
}

/**
 * The last day of a period of `days` days counted from `start` (e.g. the date the 送达回证 was signed).
 * The starting day is never counted: day 1 is the day after `start`.
 * Throws RangeError (Chinese message) for an invalid start or a day count outside 1…3650.
 */
export function computeDeadline(start: string, days: number, mode: DeadlineMode): Deadline {
  checkStart(start, '起算日');
  checkDays(days);
  if (mode === 'workingDays') {
    let scheduleKnown = true;
    let date = start;
    for (let counted = 0; counted < days; ) {
      date = addDays(date, 1);
      const info = dayInfo(date);
      scheduleKnown &&= info.scheduleKnown;
      if (!info.rest) counted += 1;
    }
    return {
      deadline: date,
      basis: `依《中华人民共和国行政强制法》第六十九条，十日以内期限的规定是指工作日，不含法定节假日：自${chineseDate(start)}的次日起算${days}个工作日，至${chineseDate(date)}届满。`,
      scheduleKnown,
    };
  }
  if (mode !== 'calendar') throw new RangeError(`未知的期间计算方式“${String(mode)}”：应为 calendar 或 workingDays`);

  const last = addDays(start, days);
  const lastInfo = dayInfo(last);
  let scheduleKnown = lastInfo.scheduleKnown;
  const counted = `依《中华人民共和国民事诉讼法》（2023年修正）第八十五条，期间开始的日不计算在期间内：自${chineseDate(start)}的次日起算${days}日`;
  if (!lastInfo.rest) return { deadline: last, basis: `${counted}，至${chineseDate(last)}届满。`, scheduleKnown };

  // 期间届满的最后一日是法定休假日的，以法定休假日后的第一日为期间届满的日期.
  let deadline = last;
  let info = lastInfo;
  do {
    deadline = addDays(deadline, 1);
    info = dayInfo(deadline);
    scheduleKnown &&= info.scheduleKnown;
  } while (info.rest);
  const why = lastInfo.name ? `（${lastInfo.name}）` : '';
  return {
    deadline,
    extendedFrom: last,
    basis:
      `${counted}，最后一日${chineseDate(last)}是法定休假日${why}；` +
      `期间届满的最后一日是法定休假日的，以法定休假日后的第一日为期间届满的日期，顺延至${chineseDate(deadline)}届满。`,
    scheduleKnown,
  };
}

/**
 * 公告送达 (民事诉讼法 第九十五条): "自发出公告之日起，经过三十日，即视为送达".
 * Counted like every period (第八十五条): the publication day is not counted, so the 30 days are
 * publishedOn+1 … publishedOn+30 and the document is deemed served on publishedOn + 30.
 * Deemed service is a date fixed by law, not a deadline for someone to act, so it is not moved off
 * rest days; the periods that run from it (computeDeadline) get their own rest-day extension.
 */
export function deemedServiceDate(publishedOn: string, days = 30): string {
  checkStart(publishedOn, '公告发出日');
  checkDays(days);
  const served = addDays(publishedOn, days);
  if (!isSupportedDate(served)) throw new RangeError(`期间计算超出可计算的日期范围（${FIRST_YEAR}—${LAST_YEAR} 年）`);
  return served;
}

export interface DeadlineStatus {
  /** running: before the last day; lastDay: today (China time) is the last day; passed: after it. */
  state: 'running' | 'lastDay' | 'passed';
  /** Calendar days from today (China time) to the deadline: 0 on the last day, negative after it. */
  daysLeft: number;
  message: string;
}

// An instant must say its offset: without one, Date.parse reads it in the machine's time zone.
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * Countdown to `deadline` at the instant `nowIso` (ISO 8601 with Z or an offset). The deadline day
 * counts until 24:00 China time, so at 2026-12-04T16:00:00Z (= 12-05 00:00 in Beijing) a 12-04
 * deadline has passed. `label` names the period in the message, e.g. 自行履行期限.
 */
export function deadlineStatus(deadline: string, nowIso: string, label = '期限'): DeadlineStatus {
  if (typeof deadline !== 'string' || !isIsoDate(deadline)) throw new RangeError(`期限届满日“${String(deadline)}”无效：格式应为 YYYY-MM-DD`);
  const ms = typeof nowIso === 'string' && INSTANT.test(nowIso) ? Date.parse(nowIso) : Number.NaN;
  if (Number.isNaN(ms)) throw new RangeError(`当前时间“${String(nowIso)}”无效：应为带时区的 ISO 8601 时间，如 2026-12-04T09:30:00+08:00`);
  const today = chinaDate(new Date(ms));
  const daysLeft = Math.round((Date.parse(`${deadline}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / DAY_MS);
  const date = chineseDate(deadline);
  if (daysLeft > 0) return { state: 'running', daysLeft, message: `距${label}届满还有 ${daysLeft} 天（${date}）` };
  if (daysLeft === 0) return { state: 'lastDay', daysLeft, message: `今天是${label}最后一日（${date}）` };
  return { state: 'passed', daysLeft, message: `${label}已于${date}届满` };
}

/** 执行完毕后五日内书面报告 (brief §4): the report period the command post has after completion. */
export const COURT_REPORT_DAYS = 5;

/**
 * The last day on which the written report of the enforcement may reach the court, counted from
 * the day completion was declared (not itself counted). By default calendar days with the rest-day
 * extension of 民事诉讼法 第八十五条; `workingDays` counts working days only, for a court that
 * reads the period as 行政强制法 第六十九条 does. Throws RangeError (Chinese message) on a bad date.
 */
export function courtReportDeadline(completedOn: string, mode: DeadlineMode = 'calendar'): string {
  return computeDeadline(completedOn, COURT_REPORT_DAYS, mode).deadline;
}
