// Pure. The only door to the chinese-days library: official schedules it carries, lunar dates and
// the 清明 solar term, each returned as a China calendar date whatever the machine's time zone.
import { getSolarDateFromLunar, getSolarTermDate } from 'chinese-days';
import officialData from 'chinese-days/dist/chinese-days.json';
import { addDays, datesBetween } from './dates';

// chinese-days reads and writes dates with the machine's local getters (and parses 'YYYY-MM-DD'
// as UTC midnight, which is the previous day west of Greenwich). A local-noon Date names the same
// calendar day in every zone, so pass that instead of a string.
function localNoon(date: string): Date {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(y, m - 1, d, 12);
}

/** Gregorian date of a day in the (non-leap) lunar month of the given lunar year. */
export function lunarToSolar(lunarYear: number, lunarMonth: number, lunarDay: number): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return getSolarDateFromLunar(localNoon(`${lunarYear}-${pad(lunarMonth)}-${pad(lunarDay)}`)).date;
}

/** The 清明 solar term of the year. */
export function qingmingDate(year: number): string {
  // chinese-days 1.5.7 builds the term at UTC midnight and formats it with local getters, so west
  // of Greenwich it names the day before; undo exactly that shift.
  const shift = new Date(Date.UTC(year, 3, 5)).getDate() - 5;
  return addDays(getSolarTermDate(year, 4, 'pure_brightness'), -shift);
}

/** The official schedules chinese-days carries, keyed 'YYYY-MM-DD' → 'English,中文,days'. */
const schedule: { holidays: Record<string, string>; workdays: Record<string, string> } = officialData;

// chinese-days' short names, written as the 2024 放假办法 writes them.
const FESTIVAL_NAMES: Record<string, string> = { 清明: '清明节', 端午: '端午节', 中秋: '中秋节' };

/** Festival name of the day's official entry ('Spring Festival,春节,4' → 春节), work or rest; undefined if none. */
export function officialEntry(date: string): { work: boolean; name: string } | undefined {
  // Read the library's data by date key: its getDayDetail looks days up through the machine's
  // time zone and names the wrong day west of Greenwich.
  const rest = schedule.holidays[date];
  const work = schedule.workdays[date];
  const entry = rest ?? work;
  const chinese = entry?.split(',')[1];
  return chinese === undefined ? undefined : { work: rest === undefined, name: FESTIVAL_NAMES[chinese] ?? chinese };
}

const coverage = new Map<number, boolean>();

/**
 * Whether chinese-days carries the year's official schedule: it has no list of years, so a year
 * counts as covered when at least one of its days is an official day off (every published
 * schedule has some; a year it lacks has none).
 */
export function coversYear(year: number): boolean {
  let covered = coverage.get(year);
  if (covered === undefined) {
    covered = datesBetween(`${year}-01-01`, `${year}-12-31`).some((date) => officialEntry(date)?.work === false);
    coverage.set(year, covered);
  }
  return covered;
}
