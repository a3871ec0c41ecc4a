import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkEnforcementWindow, datesBetween, restDayInfo, type WindowOptions } from '../../shared/calendar';

const REASON = '被执行房屋主体结构开裂，随时可能倒塌，危及相邻住户安全';

/** Checks a window given as China wall-clock times. */
const check = (start: string, end: string, opts?: WindowOptions) =>
  checkEnforcementWindow(`${start}:00+08:00`, `${end}:00+08:00`, opts);
const codes = (r: ReturnType<typeof check>) => r.problems.map((p) => [p.code, p.blocking]);

describe('a working day in daytime', () => {
  it('is allowed without any remark', () => {
    expect(check('2026-03-05T09:00', '2026-03-05T17:00')).toEqual({ allowed: true, problems: [] });
  });

  it('is judged in China time whatever offset the instants carry', () => {
    expect(checkEnforcementWindow('2026-03-05T01:00:00Z', '2026-03-05T09:00:00Z').allowed).toBe(true);
    expect(checkEnforcementWindow('2026-03-04T20:00:00-05:00', '2026-03-04T23:30:00.500-05:00').allowed).toBe(true);
    // 15:00 UTC is 23:00 in Beijing.
    expect(codes(checkEnforcementWindow('2026-03-05T13:00:00Z', '2026-03-05T15:00:00Z'))).toEqual([['night', true]]);
  });
});

describe('night (default 22:00–06:00, 噪声污染防治法 Art. 88)', () => {
  it.each([
    ['crossing 22:00', '2026-03-05T20:00', '2026-03-05T23:00'],
    ['crossing 06:00', '2026-03-05T05:00', '2026-03-05T07:00'],
    ['wholly at night', '2026-03-05T23:00', '2026-03-06T01:00'],
    ['spanning two days', '2026-03-05T09:00', '2026-03-06T09:00'],
  ])('%s is night and blocking', (_, start, end) => {
    const r = check(start, end);
    expect(r.allowed).toBe(false);
    expect(codes(r)).toEqual([['night', true]]);
    expect(r.problems[0]!.message).toContain('《行政强制法》第四十三条');
    expect(r.problems[0]!.message).toContain('22:00至次日06:00');
  });

  it('a window may end at 22:00 and begin at 06:00', () => {
    expect(check('2026-03-05T18:00', '2026-03-05T22:00').allowed).toBe(true);
    expect(check('2026-03-05T06:00', '2026-03-05T08:00').allowed).toBe(true);
  });

  it('custom hours replace the default', () => {
    const night = { nightFrom: '21:00', nightTo: '07:00' };
    expect(codes(check('2026-03-05T06:30', '2026-03-05T08:00', night))).toEqual([['night', true]]);
    expect(codes(check('2026-03-05T20:00', '2026-03-05T21:30', night))).toEqual([['night', true]]);
    expect(check('2026-03-05T07:00', '2026-03-05T21:00', night).allowed).toBe(true);
  });

  it('a night that does not wrap midnight is understood too', () => {
    const night = { nightFrom: '00:00', nightTo: '05:00' };
    expect(check('2026-03-05T22:00', '2026-03-05T23:59', night).allowed).toBe(true);
    expect(codes(check('2026-03-05T23:00', '2026-03-06T00:30', night))).toEqual([['night', true]]);
    expect(check('2026-03-05T21:00', '2026-03-05T22:00', { nightFrom: '22:30' }).allowed).toBe(true);
  });

  it('with an emergency reason it is reported but not blocking', () => {
    const r = check('2026-03-05T20:00', '2026-03-05T23:00', { emergencyReason: REASON });
    expect(r.allowed).toBe(true);
    expect(codes(r)).toEqual([['night', false]]);
    expect(r.problems[0]!.message).toContain('情况紧急的除外');
  });
});

describe('holidays (行政强制法 Art. 43)', () => {
  it('a statutory day is blocking and named', () => {
    const r = check('2026-10-01T09:00', '2026-10-01T12:00');
    expect(codes(r)).toEqual([['statutoryHoliday', true]]);
    expect(r.problems[0]!.message).toMatch(/2026-10-01（国庆节）是法定节假日.*《行政强制法》第四十三条/);
  });

  it('除夕 is a statutory day', () => {
    expect(codes(check('2026-02-16T09:00', '2026-02-16T12:00'))).toEqual([['statutoryHoliday', true]]);
  });

  it('another day off of the break is a blocking holidayBreak, also when it is a Saturday', () => {
    expect(codes(check('2026-10-05T09:00', '2026-10-05T12:00'))).toEqual([['holidayBreak', true]]);
    const saturday = check('2026-02-21T09:00', '2026-02-21T12:00');
    expect(codes(saturday)).toEqual([['holidayBreak', true]]);
    expect(saturday.problems[0]!.message).toContain('春节放假期间');
  });

  it('with an emergency reason holidays are reported, relying on the exception', () => {
    const r = check('2026-10-03T09:00', '2026-10-04T12:00', { emergencyReason: REASON });
    expect(r.allowed).toBe(true);
    expect(codes(r)).toEqual([
      ['night', false],
      ['statutoryHoliday', false],
      ['holidayBreak', false],
    ]);
    for (const p of r.problems) expect(p.message).toContain('须在执行记录中写明并能证明紧急情况');
  });
});

describe('weekends (最高法行他81号)', () => {
  it('Saturday and Sunday block without an emergency reason', () => {
    const r = check('2026-03-07T09:00', '2026-03-07T12:00');
    expect(codes(r)).toEqual([['weekend', true]]);
    expect(r.problems[0]!.message).toContain('2026-03-07 是星期六');
    expect(r.problems[0]!.message).toContain('最高法行他81号');
    expect(codes(check('2026-03-08T09:00', '2026-03-08T12:00'))).toEqual([['weekend', true]]);
  });

  it('with an emergency reason they are allowed and reported', () => {
    const r = check('2026-03-07T09:00', '2026-03-07T12:00', { emergencyReason: `  ${REASON}  ` });
    expect(r.allowed).toBe(true);
    expect(codes(r)).toEqual([['weekend', false]]);
  });

  it('a blank reason is no reason; a short one is rejected', () => {
    expect(check('2026-03-07T09:00', '2026-03-07T12:00', { emergencyReason: '   ' }).allowed).toBe(false);
    const short = check('2026-03-07T09:00', '2026-03-07T12:00', { emergencyReason: '情况紧急' });
    expect(codes(short)).toEqual([['invalid', true]]);
    expect(short.problems[0]!.message).toContain('紧急情况说明过短');
  });

  it.each(['2026-01-04', '2026-02-14', '2026-02-28'])('make-up day %s is a working day, with the unverified note', (day) => {
    const r = check(`${day}T09:00`, `${day}T17:00`);
    expect(r.allowed).toBe(true);
    expect(codes(r)).toEqual([['makeUpWorkday', false]]);
    expect(r.problems[0]!.message).toContain('调休上班日，按工作日对待（此规则未经核实，请法制部门确认）');
  });
});

describe('windows spanning days', () => {
  it('every day touched is checked', () => {
    const r = check('2026-03-06T09:00', '2026-03-08T17:00', { emergencyReason: REASON });
    expect(codes(r)).toEqual([
      ['night', false],
      ['weekend', false],
      ['weekend', false],
    ]);
    expect(r.problems.map((p) => p.message.slice(0, 10))).toEqual([expect.any(String), '2026-03-07', '2026-03-08']);
  });

  it('ending at midnight does not touch the next day', () => {
    expect(check('2026-03-06T18:00', '2026-03-07T00:00', { nightFrom: '01:00', nightTo: '05:00' }).allowed).toBe(true);
  });

  it('reaching into the next year checks that year too', () => {
    const r = check('2030-12-31T09:00', '2031-01-01T12:00', { emergencyReason: REASON });
    expect(codes(r)).toEqual([
      ['night', false],
      ['statutoryHoliday', false],
      ['scheduleUnknown', false],
      ['scheduleUnknown', false],
    ]);
  });
});

describe('a year without an official schedule (2031)', () => {
  it('an ordinary weekday is allowed with a warning that the schedule is missing', () => {
    const r = check('2031-03-04T09:00', '2031-03-04T17:00');
    expect(r.allowed).toBe(true);
    expect(codes(r)).toEqual([['scheduleUnknown', false]]);
    expect(r.problems[0]!.message).toContain('缺少2031年国务院办公厅节假日安排');
  });

  it('the computed statutory days still block: 春节 on 2031-01-23, 中秋 on 2031-10-01', () => {
    const spring = check('2031-01-23T09:00', '2031-01-23T12:00');
    expect(codes(spring)).toEqual([['statutoryHoliday', true], ['scheduleUnknown', false]]);
    expect(spring.problems[0]!.message).toContain('2031-01-23（春节）');
    expect(check('2031-10-01T09:00', '2031-10-01T12:00').allowed).toBe(false);
  });
});

describe('invalid input', () => {
  it.each([
    ['garbage', 'tomorrow morning', '2026-03-05T12:00:00+08:00', '不是有效时刻'],
    ['empty', '', '2026-03-05T12:00:00+08:00', '开始时间未填写'],
    ['no offset', '2026-03-05T09:00:00', '2026-03-05T12:00:00+08:00', '缺少时区'],
    ['a date that does not exist', '2026-02-30T09:00:00+08:00', '2026-03-01T12:00:00+08:00', '超出范围'],
    ['hour 24', '2026-03-05T24:00:00+08:00', '2026-03-06T12:00:00+08:00', '超出范围'],
    ['offset beyond ±14:00', '2026-03-05T09:00:00+15:00', '2026-03-05T12:00:00+08:00', '超出范围'],
    ['end before start', '2026-03-05T12:00:00+08:00', '2026-03-05T09:00:00+08:00', '结束时间应晚于开始时间'],
    ['end equal to start', '2026-03-05T09:00:00+08:00', '2026-03-05T01:00:00Z', '结束时间应晚于开始时间'],
    ['longer than 72 h', '2026-03-02T09:00:00+08:00', '2026-03-05T09:00:01+08:00', '超过 72 小时'],
    ['before the 2024 放假办法 applies', '2024-12-30T09:00:00+08:00', '2024-12-30T12:00:00+08:00', '2025—2100'],
  ])('%s', (_, start, end, message) => {
    const r = checkEnforcementWindow(start, end);
    expect(r.allowed).toBe(false);
    expect(r.problems.every((p) => p.code === 'invalid' && p.blocking)).toBe(true);
    expect(r.problems.map((p) => p.message).join('\n')).toContain(message);
  });

  it('night hours must be HH:mm and differ', () => {
    const r = check('2026-03-05T09:00', '2026-03-05T12:00', { nightFrom: '7:00', nightTo: '25:00' });
    expect(r.problems.map((p) => p.message)).toEqual([expect.stringContaining('夜间开始时间“7:00”'), expect.stringContaining('夜间结束时间“25:00”')]);
    expect(codes(check('2026-03-05T09:00', '2026-03-05T12:00', { nightFrom: '06:00' }))).toEqual([['invalid', true]]);
  });

  it('null from stored data is an invalid window, not a crash', () => {
    expect(checkEnforcementWindow(null as unknown as string, '2026-03-05T12:00:00+08:00').allowed).toBe(false);
  });
});

describe('properties', () => {
  const isoish = fc.oneof(
    fc.string(),
    fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
    fc
      .tuple(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 0, max: 99 }), fc.integer({ min: 0, max: 99 }), fc.constantFrom('Z', '+08:00', '-13:30', '+14:59', ''))
      .map(([y, h, m, o]) => `${String(y).padStart(4, '0')}-03-05T${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}:00${o}`),
  );

  it('never throws, and allowed means no blocking problem', () => {
    fc.assert(
      fc.property(isoish, isoish, fc.option(fc.string()), fc.option(fc.string()), fc.option(fc.string()), (start, end, emergencyReason, nightFrom, nightTo) => {
        const opts = Object.fromEntries(Object.entries({ emergencyReason, nightFrom, nightTo }).filter(([, v]) => v !== null));
        const r = checkEnforcementWindow(start, end, opts);
        expect(r.allowed).toBe(!r.problems.some((p) => p.blocking));
      }),
      { numRuns: 2000 },
    );
  });

  // An instant written with any whole-quarter-hour offset from −12:00 to +14:00.
  const withOffset = (chinaMs: number, offsetMinutes: number) => {
    const local = new Date(chinaMs - 8 * 3_600_000 + offsetMinutes * 60_000).toISOString().slice(0, 19);
    const abs = Math.abs(offsetMinutes);
    const hhmm = `${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
    return `${local}${offsetMinutes < 0 ? '-' : '+'}${hhmm}`;
  };

  it('a window inside 09:00–17:00 of a 2026 working day is always allowed', () => {
    const workingDays = datesBetween('2026-01-01', '2026-12-31').filter((d) => !restDayInfo(d).rest);
    expect(workingDays.length).toBeGreaterThan(240);
    fc.assert(
      fc.property(
        fc.constantFrom(...workingDays),
        fc.integer({ min: 9 * 60, max: 17 * 60 - 1 }),
        fc.integer({ min: 1, max: 8 * 60 }),
        fc.integer({ min: -48, max: 56 }),
        (day, from, length, quarterHours) => {
          const dayMs = Date.parse(`${day}T00:00:00Z`); // China wall-clock midnight, read as UTC
          const start = dayMs + from * 60_000;
          const end = dayMs + Math.min(from + length, 17 * 60) * 60_000;
          const r = checkEnforcementWindow(withOffset(start, quarterHours * 15), withOffset(end, quarterHours * 15));
          expect(r.allowed).toBe(true);
          expect(r.problems.every((p) => p.code === 'makeUpWorkday')).toBe(true);
        },
      ),
    );
  });
});
