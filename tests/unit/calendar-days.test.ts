import { getLunarDate } from 'chinese-days';
import { afterEach, describe, expect, it } from 'vitest';
import { datesBetween, restDayInfo, statutoryHolidays, weekday } from '../../shared/calendar';

const lunar = (date: string) => {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return getLunarDate(new Date(y, m - 1, d, 12));
};

// The 2026 schedule as BRIEF §5 gives it (国务院办公厅, November 2025).
const BREAKS_2026: Record<string, [string, string]> = {
  元旦: ['2026-01-01', '2026-01-03'],
  春节: ['2026-02-15', '2026-02-23'],
  清明节: ['2026-04-04', '2026-04-06'],
  劳动节: ['2026-05-01', '2026-05-05'],
  端午节: ['2026-06-19', '2026-06-21'],
  中秋节: ['2026-09-25', '2026-09-27'],
  国庆节: ['2026-10-01', '2026-10-07'],
};
const MAKE_UP_2026 = ['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10'];

describe('the 2026 official schedule', () => {
  it.each(Object.entries(BREAKS_2026))('%s: every day of the break is a rest day named after it', (name, [from, to]) => {
    for (const day of datesBetween(from, to)) {
      expect(restDayInfo(day), day).toMatchObject({ rest: true, name, scheduleKnown: true });
    }
  });

  it.each(MAKE_UP_2026)('%s is a make-up working day (调休上班)', (day) => {
    expect([0, 6]).toContain(weekday(day));
    expect(restDayInfo(day)).toEqual({ rest: false, statutory: false, kind: 'makeUpWorkday', name: '调休上班', scheduleKnown: true });
  });

  it('the days just outside each break are ordinary', () => {
    expect(restDayInfo('2026-02-24')).toEqual({ rest: false, statutory: false, kind: 'workday', scheduleKnown: true });
    expect(restDayInfo('2026-10-08')).toMatchObject({ rest: false, kind: 'workday' });
  });

  it('春节: 除夕 and 正月初一–初三 are statutory, the other break days are not', () => {
    const statutory = datesBetween('2026-02-15', '2026-02-23').filter((d) => restDayInfo(d).statutory);
    expect(statutory).toEqual(['2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19']);
    expect(restDayInfo('2026-02-15').kind).toBe('holidayBreak');
    // A Saturday absorbed into the break counts as part of the break, not as a weekend.
    expect(restDayInfo('2026-02-21')).toMatchObject({ kind: 'holidayBreak', name: '春节', statutory: false });
  });

  it('劳动节 5/1–5/2 and 国庆节 10/1–10/3 are statutory, the rest of the breaks are not', () => {
    expect(datesBetween('2026-05-01', '2026-05-05').map((d) => restDayInfo(d).kind)).toEqual([
      'statutory', 'statutory', 'holidayBreak', 'holidayBreak', 'holidayBreak',
    ]);
    expect(datesBetween('2026-10-01', '2026-10-07').filter((d) => restDayInfo(d).statutory)).toEqual(['2026-10-01', '2026-10-02', '2026-10-03']);
  });

  it('weekends and weekdays outside the breaks', () => {
    expect(restDayInfo('2026-03-07')).toEqual({ rest: true, statutory: false, kind: 'weekend', name: '星期六', scheduleKnown: true });
    expect(restDayInfo('2026-03-08')).toMatchObject({ rest: true, kind: 'weekend', name: '星期日' });
    expect(restDayInfo('2026-03-05')).toEqual({ rest: false, statutory: false, kind: 'workday', scheduleKnown: true });
  });
});

describe('2025 official schedule', () => {
  it('除夕 (1/28) begins the 春节 break and 国庆节 and 中秋节 share one', () => {
    expect(restDayInfo('2025-01-28')).toMatchObject({ rest: true, statutory: true, name: '春节' });
    expect(restDayInfo('2025-10-06')).toMatchObject({ rest: true, statutory: true, name: '中秋节' });
    expect(restDayInfo('2025-10-08')).toMatchObject({ rest: true, statutory: false, name: '国庆节' });
    expect(restDayInfo('2025-01-26').kind).toBe('makeUpWorkday');
  });
});

describe('computed statutory days (全国年节及纪念日放假办法, 2024 revision)', () => {
  it.each([2025, 2026])('%i: the 13 computed days all fall inside the official breaks', (year) => {
    const days = statutoryHolidays(year);
    expect(days).toHaveLength(13);
    for (const d of days) expect(restDayInfo(d.date), d.date).toMatchObject({ rest: true, statutory: true, scheduleKnown: true });
  });

  it('2026 matches the official breaks festival by festival', () => {
    for (const d of statutoryHolidays(2026)) {
      const [from, to] = BREAKS_2026[d.name]!;
      expect(d.date >= from && d.date <= to, `${d.date} ${d.name}`).toBe(true);
    }
  });

  it('2031 (no official schedule): 春节, 清明, 端午 and 中秋 from the lunar calendar and the solar term', () => {
    expect(statutoryHolidays(2031)).toEqual([
      { date: '2031-01-01', name: '元旦' },
      { date: '2031-01-22', name: '春节' },
      { date: '2031-01-23', name: '春节' },
      { date: '2031-01-24', name: '春节' },
      { date: '2031-01-25', name: '春节' },
      { date: '2031-04-05', name: '清明节' },
      { date: '2031-05-01', name: '劳动节' },
      { date: '2031-05-02', name: '劳动节' },
      { date: '2031-06-24', name: '端午节' },
      // 中秋 falls on 国庆: one day, listed once, so 2031 has 12 distinct statutory days.
      { date: '2031-10-01', name: '中秋节' },
      { date: '2031-10-02', name: '国庆节' },
      { date: '2031-10-03', name: '国庆节' },
    ]);
  });

  it('the computed lunar days are what chinese-days’ own solar→lunar conversion says', () => {
    for (const year of [2031, 2035, 2050]) {
      const byName = (name: string) => statutoryHolidays(year).filter((d) => d.name === name).map((d) => lunar(d.date));
      const [eve, first, second, third] = byName('春节');
      expect([first, second, third].map((l) => [l!.lunarMon, l!.lunarDay])).toEqual([[1, 1], [1, 2], [1, 3]]);
      expect(eve!.lunarMon).toBe(12);
      expect(byName('端午节').map((l) => [l.lunarMon, l.lunarDay, l.isLeap])).toEqual([[5, 5, false]]);
      expect(byName('中秋节').map((l) => [l.lunarMon, l.lunarDay])).toEqual([[8, 15]]);
    }
  });

  it('除夕 is the last day of 腊月 whether it has 29 days (2031) or 30 (2030)', () => {
    const eve = (year: number) => statutoryHolidays(year).find((d) => d.name === '春节')!.date;
    expect(eve(2031)).toBe('2031-01-22');
    expect(lunar('2031-01-22')).toMatchObject({ lunarMon: 12, lunarDay: 29 });
    expect(eve(2030)).toBe('2030-02-02');
    expect(lunar('2030-02-02')).toMatchObject({ lunarMon: 12, lunarDay: 30 });
  });
});

describe('a year without an official schedule (2031)', () => {
  it('blocks the computed statutory days and says the schedule is unknown', () => {
    expect(restDayInfo('2031-01-23')).toEqual({ rest: true, statutory: true, kind: 'statutory', name: '春节', scheduleKnown: false });
    expect(restDayInfo('2031-06-24')).toMatchObject({ rest: true, statutory: true, name: '端午节' });
  });

  it('other days are judged by weekday alone', () => {
    expect(restDayInfo('2031-01-29')).toEqual({ rest: false, statutory: false, kind: 'workday', scheduleKnown: false });
    expect(restDayInfo('2031-01-18')).toMatchObject({ rest: true, kind: 'weekend', name: '星期六' });
  });

  it('every year after chinese-days’ last schedule is unknown, up to 2100', () => {
    for (const date of ['2030-03-04', '2100-03-04']) expect(restDayInfo(date).scheduleKnown).toBe(false);
  });
});

describe('dates outside what the calendar answers for', () => {
  it.each(['2024-12-31', '2101-01-01', '2026-02-30', '2026-2-3', 'yesterday'])('%s throws a RangeError', (date) => {
    expect(() => restDayInfo(date)).toThrow(RangeError);
  });
});

describe('the machine’s time zone does not matter', () => {
  const zone = process.env.TZ;
  afterEach(() => {
    if (zone === undefined) delete process.env.TZ;
    else process.env.TZ = zone;
  });

  // chinese-days mixes UTC and local getters; west of Greenwich that used to shift days by one.
  it.each(['America/Los_Angeles', 'Pacific/Kiritimati', 'Asia/Shanghai'])('%s', (tz) => {
    const inUtc = [2026, 2031, 2036].map(statutoryHolidays);
    process.env.TZ = tz;
    expect(new Date(Date.UTC(2026, 0, 1)).getDate(), 'the zone took effect').toBe(tz === 'America/Los_Angeles' ? 31 : 1);
    expect([2026, 2031, 2036].map(statutoryHolidays)).toEqual(inUtc);
    expect(restDayInfo('2026-02-14').kind).toBe('makeUpWorkday');
    expect(restDayInfo('2026-02-15').kind).toBe('holidayBreak');
    expect(restDayInfo('2026-02-24').kind).toBe('workday');
  });
});
