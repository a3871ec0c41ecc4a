import { describe, expect, it } from 'vitest';
import { computeDeadline, deadlineStatus, deemedServiceDate, restDayInfo } from '../../shared/calendar';

describe('calendar days (民事诉讼法 第八十五条)', () => {
  it('the starting day is not counted: 10 days from Monday 3/2 end on Thursday 3/12', () => {
    expect(computeDeadline('2026-03-02', 10, 'calendar')).toEqual({
      deadline: '2026-03-12',
      basis: '依《中华人民共和国民事诉讼法》（2023年修正）第八十五条，期间开始的日不计算在期间内：自2026年3月2日的次日起算10日，至2026年3月12日届满。',
      scheduleKnown: true,
    });
    expect(computeDeadline('2026-03-02', 1, 'calendar').deadline).toBe('2026-03-03');
  });

  it('a last day on Saturday or Sunday moves to Monday', () => {
    const saturday = computeDeadline('2026-11-18', 10, 'calendar');
    expect(saturday).toMatchObject({ deadline: '2026-11-30', extendedFrom: '2026-11-28', scheduleKnown: true });
    expect(saturday.basis).toContain('最后一日2026年11月28日是法定休假日（星期六）');
    expect(saturday.basis).toContain('以法定休假日后的第一日为期间届满的日期，顺延至2026年11月30日届满');
    expect(computeDeadline('2026-11-19', 10, 'calendar')).toMatchObject({ deadline: '2026-11-30', extendedFrom: '2026-11-29' });
  });

  it('a last day inside the 国庆 break (10/1–10/7) moves past the whole break to Thursday 10/8', () => {
    expect(restDayInfo('2026-10-05')).toMatchObject({ rest: true, statutory: false, kind: 'holidayBreak' });
    const d = computeDeadline('2026-09-25', 10, 'calendar');
    expect(d).toMatchObject({ deadline: '2026-10-08', extendedFrom: '2026-10-05', scheduleKnown: true });
    expect(d.basis).toContain('（国庆节）');
    // 国庆 10/1 itself (statutory) goes the same way.
    expect(computeDeadline('2026-09-21', 10, 'calendar')).toMatchObject({ deadline: '2026-10-08', extendedFrom: '2026-10-01' });
  });

  it('a last day on the first day of the 中秋 break (Friday 9/25) moves to Monday 9/28', () => {
    expect(computeDeadline('2026-09-15', 10, 'calendar')).toMatchObject({ deadline: '2026-09-28', extendedFrom: '2026-09-25' });
  });

  it('a last day inside the 春节 break (2/15–2/23) moves to 2/24', () => {
    expect(computeDeadline('2026-02-05', 10, 'calendar')).toMatchObject({ deadline: '2026-02-24', extendedFrom: '2026-02-15' });
  });

  it('a last day on a make-up working day (调休上班) is not extended', () => {
    for (const [start, last] of [['2026-09-30', '2026-10-10'], ['2026-09-10', '2026-09-20'], ['2026-02-04', '2026-02-14']] as const) {
      const d = computeDeadline(start, 10, 'calendar');
      expect(d, start).toEqual({ deadline: last, basis: expect.not.stringContaining('顺延'), scheduleKnown: true });
      expect(d).not.toHaveProperty('extendedFrom');
    }
  });

  it('the days in between do not matter: a period running through a break is not lengthened', () => {
    const d = computeDeadline('2026-09-30', 9, 'calendar');
    expect(d).toMatchObject({ deadline: '2026-10-09', scheduleKnown: true });
    expect(d).not.toHaveProperty('extendedFrom');
  });
});

describe('working days (行政强制法 第六十九条)', () => {
  it('5 working days from Thursday 3/5 skip the weekend and end on Thursday 3/12', () => {
    const d = computeDeadline('2026-03-05', 5, 'workingDays');
    expect(d).toEqual({ deadline: '2026-03-12', basis: expect.stringContaining('《中华人民共和国行政强制法》第六十九条'), scheduleKnown: true });
    expect(d.basis).toContain('自2026年3月5日的次日起算5个工作日，至2026年3月12日届满');
    expect(d).not.toHaveProperty('extendedFrom');
  });

  it('across 春节: make-up Saturday 2/14 counts, the break 2/15–2/23 does not', () => {
    // 2/13 (1), 2/14 调休上班 (2), 2/24 (3), 2/25 (4), 2/26 (5).
    expect(computeDeadline('2026-02-12', 5, 'workingDays')).toMatchObject({ deadline: '2026-02-26', scheduleKnown: true });
    expect(computeDeadline('2026-02-12', 2, 'workingDays').deadline).toBe('2026-02-14');
  });

  it('a start on a rest day: the first working day after it is day 1', () => {
    expect(computeDeadline('2026-10-01', 1, 'workingDays').deadline).toBe('2026-10-08');
    expect(computeDeadline('2026-10-01', 3, 'workingDays').deadline).toBe('2026-10-10');
  });
});

describe('a year without an official schedule', () => {
  it('2031: statutory 国庆 10/1–10/3 and the weekend are still rest days, scheduleKnown false', () => {
    expect(restDayInfo('2031-10-01')).toMatchObject({ statutory: true, scheduleKnown: false });
    expect(computeDeadline('2031-09-21', 10, 'calendar')).toMatchObject({
      deadline: '2031-10-06',
      extendedFrom: '2031-10-01',
      scheduleKnown: false,
    });
    // 9/30 (1); 10/1–10/3 statutory, 10/4–10/5 weekend; 10/6 (2), 10/7 (3): no schedule, so 10/4–10/7 are not a break.
    expect(computeDeadline('2031-09-29', 3, 'workingDays')).toMatchObject({ deadline: '2031-10-07', scheduleKnown: false });
  });

  it('a period starting in 2026 and ending in 2027 (no schedule yet) is flagged', () => {
    expect(computeDeadline('2026-12-25', 10, 'calendar')).toMatchObject({ deadline: '2027-01-04', scheduleKnown: false });
    expect(computeDeadline('2026-12-28', 3, 'workingDays')).toMatchObject({ deadline: '2026-12-31', scheduleKnown: true });
    // 2027-01-01 is statutory 元旦 even without a schedule.
    expect(computeDeadline('2026-12-28', 4, 'workingDays')).toMatchObject({ deadline: '2027-01-04', scheduleKnown: false });
  });
});

describe('invalid input', () => {
  it.each(['2026-02-30', '2026/03/05', '', '2024-03-05', '2101-01-01'])('start %j → RangeError in Chinese', (start) => {
    expect(() => computeDeadline(start, 10, 'calendar')).toThrow(RangeError);
    expect(() => computeDeadline(start, 10, 'calendar')).toThrow(/起算日.*无效/);
  });

  it.each([0, -1, 1.5, 3651, Number.NaN, Number.POSITIVE_INFINITY])('days %s → RangeError in Chinese', (days) => {
    expect(() => computeDeadline('2026-03-05', days, 'workingDays')).toThrow(/期间天数.*无效：应为 1—3650 之间的整数/);
    expect(() => deemedServiceDate('2026-03-05', days)).toThrow(RangeError);
  });

  it('3650 days is allowed; a count past 2100 is refused in Chinese', () => {
    expect(computeDeadline('2026-03-05', 3650, 'calendar').deadline >= '2036-03-02').toBe(true);
    expect(() => computeDeadline('2100-12-25', 10, 'calendar')).toThrow(/超出可计算的日期范围/);
    expect(() => deemedServiceDate('2100-12-25')).toThrow(/超出可计算的日期范围/);
  });

  it('an unknown mode is refused', () => {
    expect(() => computeDeadline('2026-03-05', 5, 'hours' as never)).toThrow(RangeError);
  });
});

describe('公告送达 (民事诉讼法 第九十五条)', () => {
  it('deemed served 30 days after publication, the publication day not counted', () => {
    expect(deemedServiceDate('2026-03-05')).toBe('2026-04-04');
    expect(deemedServiceDate('2026-01-31')).toBe('2026-03-02');
    expect(deemedServiceDate('2026-03-05', 60)).toBe('2026-05-04');
  });

  it('is a date fixed by law, not moved off a rest day (4/4 is 清明)', () => {
    expect(restDayInfo('2026-04-04').rest).toBe(true);
    expect(deemedServiceDate('2026-03-05')).toBe('2026-04-04');
  });

  it('an invalid publication date is refused in Chinese', () => {
    expect(() => deemedServiceDate('2026-13-01')).toThrow(/公告发出日.*无效/);
  });
});

describe('countdown (deadlineStatus)', () => {
  const deadline = '2026-12-04';

  it('before the last day: calendar days left in China time', () => {
    expect(deadlineStatus(deadline, '2026-12-01T09:00:00+08:00', '自行履行期限')).toEqual({
      state: 'running',
      daysLeft: 3,
      message: '距自行履行期限届满还有 3 天（2026年12月4日）',
    });
    expect(deadlineStatus(deadline, '2026-12-03T23:59:59+08:00')).toMatchObject({ state: 'running', daysLeft: 1, message: '距期限届满还有 1 天（2026年12月4日）' });
  });

  it('the China date decides, whatever the offset of the instant', () => {
    // 2026-11-30T15:59:59Z is 11-30 23:59:59 in Beijing; one second later it is 12-01.
    expect(deadlineStatus(deadline, '2026-11-30T15:59:59Z').daysLeft).toBe(4);
    expect(deadlineStatus(deadline, '2026-11-30T16:00:00Z').daysLeft).toBe(3);
    // New York evening of 11-30 is already 12-01 in Beijing.
    expect(deadlineStatus(deadline, '2026-11-30T20:00:00-05:00').daysLeft).toBe(3);
  });

  it('on the last day', () => {
    expect(deadlineStatus(deadline, '2026-12-04T00:00:00+08:00')).toEqual({ state: 'lastDay', daysLeft: 0, message: '今天是期限最后一日（2026年12月4日）' });
    expect(deadlineStatus(deadline, '2026-12-03T16:00:00Z').state).toBe('lastDay');
  });

  it('the last day counts until 24:00 China time, given in any offset', () => {
    expect(deadlineStatus(deadline, '2026-12-04T23:59:59.999+08:00')).toMatchObject({ state: 'lastDay', daysLeft: 0 });
    expect(deadlineStatus(deadline, '2026-12-04T15:59:59.999Z')).toMatchObject({ state: 'lastDay', daysLeft: 0 });
    expect(deadlineStatus(deadline, '2026-12-04T10:59:59-05:00')).toMatchObject({ state: 'lastDay', daysLeft: 0 });
    expect(deadlineStatus(deadline, '2026-12-05T00:59:59+09:00')).toMatchObject({ state: 'lastDay', daysLeft: 0 });

    expect(deadlineStatus(deadline, '2026-12-05T00:00:00+08:00')).toEqual({ state: 'passed', daysLeft: -1, message: '期限已于2026年12月4日届满' });
    expect(deadlineStatus(deadline, '2026-12-04T16:00:00Z')).toMatchObject({ state: 'passed', daysLeft: -1 });
    expect(deadlineStatus(deadline, '2026-12-04T11:00:00-05:00')).toMatchObject({ state: 'passed', daysLeft: -1 });
    expect(deadlineStatus(deadline, '2026-12-05T01:00:00+09:00')).toMatchObject({ state: 'passed', daysLeft: -1 });
  });

  it('after the last day, days are negative', () => {
    expect(deadlineStatus(deadline, '2026-12-14T10:00:00+08:00', '自行履行期限')).toEqual({
      state: 'passed',
      daysLeft: -10,
      message: '自行履行期限已于2026年12月4日届满',
    });
    // Across a year end.
    expect(deadlineStatus('2026-12-31', '2027-01-01T08:00:00+08:00').daysLeft).toBe(-1);
  });

  it('refuses an invalid deadline or an instant without an offset', () => {
    expect(() => deadlineStatus('2026-02-30', '2026-12-01T09:00:00+08:00')).toThrow(/期限届满日.*无效/);
    expect(() => deadlineStatus(deadline, '2026-12-01T09:00:00')).toThrow(/当前时间.*无效/);
    expect(() => deadlineStatus(deadline, 'yesterday')).toThrow(RangeError);
  });
});
