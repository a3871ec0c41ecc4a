// Pure. Whether a China calendar day is a working day or a rest day, and why.
import { isIsoDate, isWeekend, WEEKDAY_NAMES, weekday, yearOf } from './dates';
import { officialDay, scheduleKnown } from './officialSchedule';
import { FIRST_YEAR, LAST_YEAR, statutoryHolidays, type Festival } from './statutory';

/**
 * statutory: one of the 13 法定节假日 days; holidayBreak: another official day off of a holiday
 * break; weekend: Saturday or Sunday not made a working day; makeUpWorkday: 调休上班.
 */
export type DayKind = 'statutory' | 'holidayBreak' | 'weekend' | 'makeUpWorkday' | 'workday';

export interface RestDayInfo {
  /** Not a working day. */
  rest: boolean;
  /** One of the statutory holiday days of the 2024 放假办法. */
  statutory: boolean;
  kind: DayKind;
  /** Festival of a holiday-break day, 调休上班, or 星期六/星期日. */
  name?: string;
  /** Whether an official schedule for the year is known; if not, only statutory days and weekends are rest days. */
  scheduleKnown: boolean;
}

const statutoryByYear = new Map<number, Map<string, Festival>>();

function statutoryName(date: string): Festival | undefined {
  const year = yearOf(date);
  let days = statutoryByYear.get(year);
  if (!days) {
    days = new Map(statutoryHolidays(year).map((d) => [d.date, d.name]));
    statutoryByYear.set(year, days);
  }
  return days.get(date);
}

export const isSupportedDate = (date: string) => isIsoDate(date) && yearOf(date) >= FIRST_YEAR && yearOf(date) <= LAST_YEAR;

/** Throws RangeError unless date is a real YYYY-MM-DD in FIRST_YEAR…LAST_YEAR. */
export function restDayInfo(date: string): RestDayInfo {
  if (!isSupportedDate(date)) throw new RangeError(`不支持的日期 ${date}：应为 ${FIRST_YEAR}—${LAST_YEAR} 年间的 YYYY-MM-DD`);
  const known = scheduleKnown(yearOf(date));
  const official = officialDay(date);
  const festival = statutoryName(date);
  // The law makes a statutory day a day off whatever a schedule says.
  if (festival) {
    const name = official?.work === false ? official.name : festival;
    return { rest: true, statutory: true, kind: 'statutory', name, scheduleKnown: known };
  }
  if (official) {
    return official.work
      ? { rest: false, statutory: false, kind: 'makeUpWorkday', name: '调休上班', scheduleKnown: known }
      : { rest: true, statutory: false, kind: 'holidayBreak', name: official.name, scheduleKnown: known };
  }
  return isWeekend(date)
    ? { rest: true, statutory: false, kind: 'weekend', name: WEEKDAY_NAMES[weekday(date)], scheduleKnown: known }
    : { rest: false, statutory: false, kind: 'workday', scheduleKnown: known };
}
