// Pure. The 13 statutory holiday days (法定节假日) of 全国年节及纪念日放假办法 (2024 revision),
// computed for any year, so a year without an official schedule still blocks them.
import { addDays } from './dates';
import { lunarToSolar, qingmingDate } from './chineseDays';

export const FESTIVALS = ['元旦', '春节', '清明节', '劳动节', '端午节', '中秋节', '国庆节'] as const;
export type Festival = (typeof FESTIVALS)[number];

/**
 * Years the calendar answers for. The 2024 放假办法 applies from 2025-01-01 (earlier years had
 * other statutory days), and chinese-days' lunar tables end with 2100.
 */
export const FIRST_YEAR = 2025;
export const LAST_YEAR = 2100;

export interface StatutoryDay {
  date: string;
  name: Festival;
}

/** The 13 days (12 when 中秋 falls on 国庆) in date order, 2024 放假办法 Art. 2. */
export function statutoryHolidays(year: number): StatutoryDay[] {
  const newYear = lunarToSolar(year, 1, 1);
  const days: StatutoryDay[] = [
    { date: `${year}-01-01`, name: '元旦' },
    // 除夕 is the day before 正月初一, whether 腊月 has 29 or 30 days.
    ...[-1, 0, 1, 2].map((n) => ({ date: addDays(newYear, n), name: '春节' as const })),
    { date: qingmingDate(year), name: '清明节' },
    { date: `${year}-05-01`, name: '劳动节' },
    { date: `${year}-05-02`, name: '劳动节' },
    { date: lunarToSolar(year, 5, 5), name: '端午节' },
    { date: lunarToSolar(year, 8, 15), name: '中秋节' },
    { date: `${year}-10-01`, name: '国庆节' },
    { date: `${year}-10-02`, name: '国庆节' },
    { date: `${year}-10-03`, name: '国庆节' },
  ];
  // 中秋 can fall on 10-01…10-03 (as in 2031): one day, two festivals; keep it once.
  const unique = days.filter((d, i) => days.findIndex((e) => e.date === d.date) === i);
  return unique.sort((a, b) => a.date.localeCompare(b.date));
}
