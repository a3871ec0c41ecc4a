import { afterEach, describe, expect, it } from 'vitest';
import {
  checkEnforcementWindow,
  clearRegisteredSchedules,
  datesBetween,
  EXAMPLE_OFFICIAL_SCHEDULE,
  FESTIVALS,
  parseOfficialSchedule,
  registerOfficialSchedules,
  restDayInfo,
  statutoryHolidays,
  type OfficialScheduleFile,
} from '../../shared/calendar';

afterEach(clearRegisteredSchedules);

/** A valid file for the year: its statutory days, plus extra days off and make-up days. */
function fileFor(year: number, extra: Record<string, string[]> = {}, workdays: OfficialScheduleFile['workdays'] = []): OfficialScheduleFile {
  const holidays = FESTIVALS.map((name) => ({
    name,
    dates: [...statutoryHolidays(year).filter((d) => d.name === name).map((d) => d.date), ...(extra[name] ?? [])],
  })).filter((g) => g.dates.length > 0);
  return { year, source: '测试用安排', holidays, workdays };
}

function register(file: unknown) {
  const parsed = parseOfficialSchedule(file);
  if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
  registerOfficialSchedules([parsed.schedule]);
}

describe('the example file', () => {
  it('is valid JSON content', () => {
    expect(parseOfficialSchedule(JSON.parse(JSON.stringify(EXAMPLE_OFFICIAL_SCHEDULE))).ok).toBe(true);
  });

  it('says exactly what the built-in 2025 schedule says, day by day', () => {
    const builtIn = datesBetween('2025-01-01', '2025-12-31').map(restDayInfo);
    register(EXAMPLE_OFFICIAL_SCHEDULE);
    expect(datesBetween('2025-01-01', '2025-12-31').map(restDayInfo)).toEqual(builtIn);
  });
});

describe('a loaded schedule', () => {
  const file2031 = fileFor(2031, { 春节: ['2031-01-26', '2031-01-27', '2031-01-28', '2031-01-29'], 国庆节: ['2031-10-04', '2031-10-05'] }, [
    { name: '春节', dates: ['2031-01-19', '2031-02-08'] },
  ]);

  it('makes an unknown year known, with its breaks and make-up days', () => {
    expect(restDayInfo('2031-01-27')).toMatchObject({ rest: false, scheduleKnown: false });
    register(file2031);
    expect(restDayInfo('2031-01-27')).toEqual({ rest: true, statutory: false, kind: 'holidayBreak', name: '春节', scheduleKnown: true });
    expect(restDayInfo('2031-01-23')).toMatchObject({ kind: 'statutory', scheduleKnown: true });
    expect(restDayInfo('2031-01-19')).toMatchObject({ rest: false, kind: 'makeUpWorkday' });
    expect(restDayInfo('2031-03-08')).toMatchObject({ kind: 'weekend', scheduleKnown: true });
  });

  it('removes the missing-schedule warning from window checks', () => {
    register(file2031);
    expect(checkEnforcementWindow('2031-03-04T09:00:00+08:00', '2031-03-04T17:00:00+08:00')).toEqual({ allowed: true, problems: [] });
    const makeUp = checkEnforcementWindow('2031-02-08T09:00:00+08:00', '2031-02-08T17:00:00+08:00');
    expect(makeUp.problems.map((p) => p.code)).toEqual(['makeUpWorkday']);
    expect(checkEnforcementWindow('2031-01-28T09:00:00+08:00', '2031-01-28T12:00:00+08:00').problems.map((p) => p.code)).toEqual(['holidayBreak']);
  });

  it('takes precedence over chinese-days for a year it covers, until cleared', () => {
    expect(restDayInfo('2026-02-28').kind).toBe('makeUpWorkday');
    // A corrected 2026 notice without the 2/28 make-up day and with 3/6 off.
    register(fileFor(2026, { 春节: ['2026-02-15', '2026-02-20', '2026-02-21', '2026-02-22', '2026-02-23', '2026-03-06'] }, [{ name: '春节', dates: ['2026-02-14'] }]));
    expect(restDayInfo('2026-02-28')).toMatchObject({ rest: true, kind: 'weekend' });
    expect(restDayInfo('2026-03-06')).toMatchObject({ rest: true, kind: 'holidayBreak', name: '春节' });
    // chinese-days' other 2026 days no longer count: 10/4–10/7 are not in the loaded file.
    expect(restDayInfo('2026-10-05').kind).toBe('workday');
    clearRegisteredSchedules();
    expect(restDayInfo('2026-02-28').kind).toBe('makeUpWorkday');
  });

  it('a later file for the same year replaces the earlier one', () => {
    register(fileFor(2031, { 清明节: ['2031-04-07'] }));
    register(fileFor(2031, { 清明节: ['2031-04-04'] }));
    expect(restDayInfo('2031-04-07').kind).toBe('workday');
    expect(restDayInfo('2031-04-04').kind).toBe('holidayBreak');
  });

  it('may arrange 元旦 days in the previous December', () => {
    register(fileFor(2032, { 元旦: ['2031-12-31'] }));
    expect(restDayInfo('2031-12-31')).toMatchObject({ rest: true, kind: 'holidayBreak', name: '元旦', scheduleKnown: false });
  });
});

describe('schedule file errors', () => {
  const valid = fileFor(2031);
  const errorsOf = (json: unknown) => {
    const r = parseOfficialSchedule(json);
    return r.ok ? [] : r.errors;
  };

  it('the helper file is valid, and workdays may be omitted', () => {
    const { workdays: _, ...withoutWorkdays } = valid;
    expect(parseOfficialSchedule(withoutWorkdays).ok).toBe(true);
  });

  const NOT_AN_OBJECT = '文件内容应为 JSON 对象：{ "year", "source", "holidays", "workdays" }';
  it.each<[string, unknown, string]>([
    ['not an object', '2031年安排', NOT_AN_OBJECT],
    ['null', null, NOT_AN_OBJECT],
    ['missing year', { ...valid, year: undefined }, 'year：缺少2025—2100 年间的年份，如 2027'],
    ['year before the 2024 放假办法', { ...valid, year: 2024 }, 'year：应为2025—2100 年间的年份，如 2027'],
    ['fractional year', { ...valid, year: 2031.5 }, 'year：应为2025—2100 年间的年份，如 2027'],
    ['a year beyond the lunar tables', { ...valid, year: 1e9 }, 'year：应为2025—2100 年间的年份，如 2027'],
    ['empty source', { ...valid, source: '  ' }, 'source：请填写通知文号，如 国办发明电〔2026〕x号'],
    ['unknown field', { ...valid, note: 'x' }, '未知字段 note'],
    ['unknown group field', { ...valid, workdays: [{ name: '春节', dates: ['2031-02-08'], remark: 'x' }] }, 'workdays[0]：未知字段 remark'],
    ['unknown festival', { ...valid, workdays: [{ name: '除夕', dates: ['2031-02-08'] }] }, 'workdays[0].name：节日名称应为元旦、春节、清明节、劳动节、端午节、中秋节、国庆节之一'],
    ['impossible date', { ...valid, workdays: [{ name: '春节', dates: ['2031-02-30'] }] }, 'workdays[0].dates[0]：应为有效日期，格式 YYYY-MM-DD'],
    ['empty group', { ...valid, workdays: [{ name: '春节', dates: [] }] }, 'workdays[0].dates：每组至少列出一个日期'],
    ['no holidays', { ...valid, holidays: [] }, 'holidays：放假日不能为空'],
  ])('%s', (_, json, message) => {
    expect(errorsOf(json)).toEqual([message]);
  });

  it.each<[string, OfficialScheduleFile, string]>([
    ['a date in another year', fileFor(2031, { 劳动节: ['2030-05-03'] }), '2030-05-03 不在 2031 年内'],
    ['春节 in the previous December', fileFor(2031, { 春节: ['2030-12-31'] }), '2030-12-31 不在 2031 年内'],
    ['a date twice', fileFor(2031, { 国庆节: ['2031-10-02'] }), '2031-10-02 重复出现'],
    ['a day both off and worked', fileFor(2031, { 春节: ['2031-01-26'] }, [{ name: '春节', dates: ['2031-01-26'] }]), '2031-01-26 同时被列为放假日和调休上班日'],
    ['a make-up day on a weekday', fileFor(2031, {}, [{ name: '春节', dates: ['2031-02-10'] }]), '2031-02-10 是星期一，调休上班日应为星期六或星期日'],
  ])('%s', (_, json, message) => {
    expect(errorsOf(json).join('\n')).toContain(message);
  });

  it('a statutory day missing from the days off (e.g. last year’s file relabelled)', () => {
    const file = { ...fileFor(2030), year: 2031 };
    expect(errorsOf(file).join('\n')).toMatch(/缺少法定节假日 .*2031-01-23（春节）.*请核对文件是否为 2031 年的安排/);
  });

  it('a rejected file is never registered', () => {
    expect(parseOfficialSchedule({ ...valid, year: 2024 }).ok).toBe(false);
    expect(restDayInfo('2031-03-04').scheduleKnown).toBe(false);
  });
});
