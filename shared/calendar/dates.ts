// Pure. Calendar dates as 'YYYY-MM-DD' strings: validation, day arithmetic and weekday.
// A date here is a day on the Chinese calendar, not an instant, so no time zone is involved.

export const DAY_MS = 24 * 60 * 60 * 1000;

/** 0 = Sunday … 6 = Saturday, as Date.getUTCDay. */
export type Weekday = 0 | 1 | 2 | 3 | 4 | 5 | 6;

export const WEEKDAY_NAMES = ['星期日', '星期一', '星期二', '星期三', '星期四', '星期五', '星期六'] as const;

// UTC midnight is only a carrier: reading it back with UTC getters never shifts the day.
const utcMidnight = (date: string) => Date.parse(`${date}T00:00:00Z`);

/** A real day written as YYYY-MM-DD (2026-02-30 is not). */
export function isIsoDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const ms = utcMidnight(value);
  return !Number.isNaN(ms) && new Date(ms).toISOString().slice(0, 10) === value;
}

export function addDays(date: string, days: number): string {
  return new Date(utcMidnight(date) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Every date from `from` to `to`, both included. */
export function datesBetween(from: string, to: string): string[] {
  const dates: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) dates.push(d);
  return dates;
}

export function weekday(date: string): Weekday {
  return new Date(utcMidnight(date)).getUTCDay() as Weekday;
}

export const isWeekend = (date: string) => weekday(date) === 0 || weekday(date) === 6;

export const yearOf = (date: string) => Number(date.slice(0, 4));
