// The demo's dates computed from "today" (npm run demo -- --today): every stage lawful on the
// calendar of its year, checked for many days without building the demo (demo-today.test.ts
// builds a few through the app's own gates).
import { describe, expect, it } from 'vitest';
import { addDays, datesBetween } from '../../shared/calendar/dates';
import { restDayInfo } from '../../shared/calendar/restDay';
import { courtReportDeadline } from '../../shared/calendar';
import { demandPeriodEnd, litigationPeriodEnd } from '../../shared/documents/procedure/procedureText';
import { appDemoToday, DEFAULT_DEMO_DATES, DEMO_TODAY_RANGE, chineseDay, demoDateProblems, demoDates, demoStages, exportDay, type DemoDates } from '../../shared/demo/dates';

const plain = (date: string) => restDayInfo(date).kind === 'workday';
const working = (date: string) => !restDayInfo(date).rest;

/** Days around 春节 2026, 国庆 2026, the turn of 2026/2027, 春节 2027 (no official schedule known), every 11th day to 2030, and the range's ends. */
const todays = [
  ...datesBetween('2026-02-01', '2026-03-05'),
  ...datesBetween('2026-09-20', '2026-10-15'),
  ...datesBetween('2026-12-20', '2027-01-08'),
  ...datesBetween('2027-01-28', '2027-02-18'),
  ...datesBetween('2027-03-01', '2030-12-31').filter((_, i) => i % 11 === 0),
  DEMO_TODAY_RANGE.last,
];

// Hundreds of days × four stages: a shared 2-core machine needs more than the default 5 s.
describe('the demo dates computed from today', { timeout: 60_000 }, () => {
  it('without --today are the fixed dates, which keep the same rules', () => {
    expect(demoDateProblems(DEFAULT_DEMO_DATES)).toEqual([]);
    expect(DEFAULT_DEMO_DATES.enforcementOn).toBe('2026-12-08');
    expect(chineseDay(DEFAULT_DEMO_DATES.enforcementOn)).toBe('2026年12月8日（星期二）');
  });

  it(`are lawful for every stage on ${todays.length} days, each stage exported today`, () => {
    for (const today of todays) {
      for (const stage of demoStages) {
        const dates = demoDates(today, stage);
        expect([today, stage, demoDateProblems(dates)]).toEqual([today, stage, []]);
        expect([today, stage, exportDay(dates, stage)]).toEqual([today, stage, today]);
        if (stage === 'planned' || stage === 'served') expect(dates.enforcementOn > today).toBe(true);
        else expect(dates.enforcementOn < today && today <= courtReportDeadline(dates.enforcementOn)).toBe(true);
      }
    }
  });

  it('put the day on site on the first lawful day after every period (planned, served)', () => {
    // Any earlier working day breaks a rule (a period not ended, the 强制拆除通知书 not served 15 days before).
    const earlier = (dates: DemoDates, today: string) => datesBetween(addDays(today, 1), addDays(dates.enforcementOn, -1)).filter(plain);
    for (const today of todays.filter((_, i) => i % 3 === 0)) {
      for (const stage of ['planned', 'served'] as const) {
        const dates = demoDates(today, stage);
        for (const day of earlier(dates, today)) {
          expect([today, stage, day, demoDateProblems({ ...dates, enforcementOn: day, reportOn: addDays(day, 1) }).length > 0]).toEqual([today, stage, day, true]);
        }
      }
    }
  });

  it('put the day on site on the last working day before the report that keeps the five days (executed, reported)', () => {
    for (const today of todays) {
      const { enforcementOn } = demoDates(today, 'reported');
      const between = datesBetween(addDays(enforcementOn, 1), addDays(today, -1));
      // No later plain working day would do; a 调休上班日 only when no plain one keeps the period.
      expect([today, between.filter((day) => plain(day) && courtReportDeadline(day) >= today)]).toEqual([today, []]);
      if (!plain(enforcementOn)) expect([today, between.some(working)]).toEqual([today, false]);
    }
  });

  it('count the 催告 in working days across a holiday and apply within the periods from the decision', () => {
    // 端午 2026 (19 June) lies in the fixed demo's 催告 period: ten working days end on 2 July, not 29 June.
    expect(demandPeriodEnd(DEFAULT_DEMO_DATES.demandReceivedOn)).toBe('2026-07-02');
    for (const today of todays) {
      const d = demoDates(today, 'reported');
      expect(d.demandIssuedOn > litigationPeriodEnd(d.decisionServedOn)).toBe(true);
      expect(d.appliedOn > demandPeriodEnd(d.demandReceivedOn) && d.appliedOn > demandPeriodEnd(d.demandServedOn)).toBe(true);
      expect(d.trainedOn <= d.loadedOn && d.ruledOn <= d.loadedOn).toBe(true);
    }
  });

  it('follow each year’s holidays rather than a constant shift', () => {
    // The same day of two years gives different gaps between the plan and the day on site.
    const gaps = ['2026-09-24', '2027-09-24', '2026-02-11', '2027-02-11'].map((today) => {
      const d = demoDates(today, 'planned');
      return Math.round((Date.parse(d.enforcementOn) - Date.parse(today)) / 86_400_000);
    });
    expect(new Set(gaps).size).toBeGreaterThan(1);
    // 国庆 2026 (1–7 October): planned the day before, the 告知书 is issued on the 8th.
    expect(demoDates('2026-09-30', 'planned').issuedOn).toBe('2026-10-08');
  });

  it('refuse a day that is not a date or lies outside the range, in Chinese', () => {
    for (const bad of ['2026-02-30', '2026-13-01', '20261209', 'today']) expect(() => demoDates(bad, 'reported')).toThrow(/不是有效日期：应为 YYYY-MM-DD 格式/);
    expect(() => demoDates('2026-01-31', 'reported')).toThrow(RangeError);
    expect(() => demoDates('2026-01-31', 'planned')).toThrow(/超出示例行动可计算的范围（2026-02-01 至 2100-10-31）/);
    expect(() => demoDates('2100-11-01', 'planned')).toThrow(/超出示例行动可计算的范围/);
    expect(demoDates(DEMO_TODAY_RANGE.first, 'reported').decisionOn >= '2025-01-01').toBe(true);
  });

  it('say which rule a wrong date breaks', () => {
    const d = DEFAULT_DEMO_DATES;
    expect(demoDateProblems({ ...d, enforcementOn: '2026-12-05', reportOn: '2026-12-09' }).join('\n')).toMatch(/星期六/);
    expect(demoDateProblems({ ...d, appliedOn: '2026-06-30' }).join('\n')).toMatch(/申请早于催告期满/);
    expect(demoDateProblems({ ...d, reportOn: '2026-12-15' }).join('\n')).toMatch(/超过执行完毕后五日/);
    expect(demoDateProblems({ ...d, enforcementOn: '2026-12-07', reportOn: '2026-12-08' }).join('\n')).toMatch(/公告的搬离期限（至2026-12-07）/);
  });
});

describe('the day the app loads its demo for', () => {
  it('is yesterday before 18:00 China time (the export day’s acts run to 17:00), today after', () => {
    expect(appDemoToday(new Date('2026-12-07T09:00:00+08:00'))).toBe('2026-12-06');
    expect(appDemoToday(new Date('2026-12-07T17:59:00+08:00'))).toBe('2026-12-06');
    expect(appDemoToday(new Date('2026-12-07T18:00:00+08:00'))).toBe('2026-12-07');
    // 23:30 UTC is 07:30 the next morning in China.
    expect(appDemoToday(new Date('2026-12-07T23:30:00Z'))).toBe('2026-12-07');
  });
});
