import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { addDays, courtReportDeadline, restDayInfo } from '../../shared/calendar';

// The 5-day report to the court after completion (brief §4). Dates checked against the
// official 2025/2026 schedules the calendar carries (restDayInfo below pins the premises).
describe('courtReportDeadline — calendar days (default)', () => {
  it('an ordinary week: completed Wednesday 11/11 → Monday 11/16, the starting day not counted', () => {
    expect(courtReportDeadline('2026-11-11')).toBe('2026-11-16');
    expect(courtReportDeadline('2026-11-12')).toBe('2026-11-17');
    expect(courtReportDeadline('2026-11-12', 'calendar')).toBe('2026-11-17');
  });

  it('a fifth day on a weekend moves to Monday', () => {
    expect(restDayInfo('2026-11-21').kind).toBe('weekend');
    expect(courtReportDeadline('2026-11-16')).toBe('2026-11-23'); // day 5 = Saturday 11/21
    expect(courtReportDeadline('2026-11-17')).toBe('2026-11-23'); // day 5 = Sunday 11/22
  });

  it('a fifth day inside the National Day break moves past the whole break', () => {
    expect(restDayInfo('2026-10-03').rest).toBe(true);
    expect(restDayInfo('2026-10-07').kind).toBe('holidayBreak');
    expect(courtReportDeadline('2026-09-28')).toBe('2026-10-08');
    expect(courtReportDeadline('2026-10-02')).toBe('2026-10-08'); // day 5 = 10/7, last day of the break
    expect(courtReportDeadline('2025-10-03')).toBe('2025-10-09'); // 2025: break 10/1–10/8
  });

  it('a fifth day inside the Spring Festival break moves to the first working day after it', () => {
    expect(restDayInfo('2026-02-17')).toMatchObject({ rest: true, name: '春节' });
    expect(courtReportDeadline('2026-02-12')).toBe('2026-02-24');
    expect(courtReportDeadline('2026-02-18')).toBe('2026-02-24'); // day 5 = 2/23, the break's last day
  });

  it('a make-up working day (调休上班) is a working day: the deadline stays on it', () => {
    expect(restDayInfo('2026-10-10').kind).toBe('makeUpWorkday');
    expect(courtReportDeadline('2026-10-05')).toBe('2026-10-10'); // Saturday, but a working day
    expect(restDayInfo('2026-02-14').kind).toBe('makeUpWorkday');
    expect(courtReportDeadline('2026-02-09')).toBe('2026-02-14');
  });
});

describe('courtReportDeadline — working days', () => {
  it('counts five working days after completion', () => {
    expect(courtReportDeadline('2026-11-20', 'workingDays')).toBe('2026-11-27'); // Fri → next Fri
    expect(courtReportDeadline('2026-11-16', 'workingDays')).toBe('2026-11-23');
  });

  it('skips the National Day break and counts the make-up Saturday', () => {
    // 9/29, 9/30, [10/1–10/7 break], 10/8, 10/9, 10/10 (调休上班).
    expect(courtReportDeadline('2026-09-28', 'workingDays')).toBe('2026-10-10');
  });

  it('skips the Spring Festival break', () => {
    // 2/13, 2/14 (调休上班), [2/15–2/23], 2/24, 2/25, 2/26.
    expect(courtReportDeadline('2026-02-12', 'workingDays')).toBe('2026-02-26');
  });
});

describe('courtReportDeadline — properties and bad input', () => {
  it('is never earlier than day 5, always a working day, and working days never end sooner', () => {
    const day = fc.integer({ min: 0, max: 720 }).map((n) => addDays('2025-01-01', n));
    fc.assert(
      fc.property(day, (completedOn) => {
        const calendar = courtReportDeadline(completedOn);
        const working = courtReportDeadline(completedOn, 'workingDays');
        expect(calendar >= addDays(completedOn, 5)).toBe(true);
        expect(restDayInfo(calendar).rest).toBe(false);
        expect(restDayInfo(working).rest).toBe(false);
        expect(working >= calendar).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('refuses a malformed date or an unknown mode with a Chinese message', () => {
    expect(() => courtReportDeadline('2026-13-01')).toThrow(/起算日“2026-13-01”无效/);
    expect(() => courtReportDeadline('')).toThrow(RangeError);
    expect(() => courtReportDeadline('2026-11-20', 'weeks' as never)).toThrow(/未知的期间计算方式/);
  });
});
