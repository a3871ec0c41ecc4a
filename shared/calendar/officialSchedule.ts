// Pure. Official holiday schedules (国务院办公厅 notices) loaded as files, so a new year's schedule
// needs no new release: the file format, its validation, and the registry consulted before chinese-days.
import { z } from 'zod';
import { isIsoDate, isWeekend, WEEKDAY_NAMES, weekday, yearOf } from './dates';
import { coversYear, officialEntry } from './chineseDays';
import { FESTIVALS, FIRST_YEAR, LAST_YEAR, statutoryHolidays } from './statutory';

/*
 * File format: UTF-8 JSON, one notice (one year) per file.
 * {
 *   "year": 2027,                                  // the year the notice arranges
 *   "source": "国办发明电〔2026〕x号",               // the notice's number, shown to the user
 *   "holidays": [                                  // the days off, grouped by festival
 *     { "name": "元旦", "dates": ["2027-01-01"] },
 *     …
 *   ],
 *   "workdays": [                                  // the make-up working days (调休上班); may be omitted
 *     { "name": "春节", "dates": ["2027-02-07"] }
 *   ]
 * }
 * Names are the seven festivals of the 2024 放假办法 (元旦 春节 清明节 劳动节 端午节 中秋节 国庆节).
 * Dates lie in the year, except 元旦 dates in the previous December (notices have placed 元旦
 * days there, e.g. 2022-12-31 for 2023). Every statutory day of the year must be a day off, every
 * make-up day a Saturday or Sunday, and no date may appear twice.
 */

// abort: the checks across dates below need real dates and a year within the lunar tables.
const dates = z
  .array(z.string({ error: '日期应为字符串' }).refine(isIsoDate, { error: '应为有效日期，格式 YYYY-MM-DD', abort: true }), {
    error: '应为日期列表',
  })
  .min(1, { error: '每组至少列出一个日期' });

const unknownKeys = (issue: { code: string; keys?: string[] }, otherwise: string) =>
  issue.code === 'unrecognized_keys' ? `未知字段 ${issue.keys?.join('、')}` : otherwise;

const group = z.strictObject(
  { name: z.enum(FESTIVALS, { error: `节日名称应为${FESTIVALS.join('、')}之一` }), dates },
  { error: (issue) => unknownKeys(issue, '每组应为 { "name": …, "dates": […] }') },
);

// A missing field arrives as undefined; say so rather than that it has the wrong type.
const expected = (what: string) => (issue: { input?: unknown }) => (issue.input === undefined ? `缺少${what}` : `应为${what}`);
const yearRange = `${FIRST_YEAR}—${LAST_YEAR} 年间的年份，如 2027`;

const schema = z
  .strictObject(
    {
      year: z
        .number({ error: expected(yearRange) })
        .int({ error: `应为${yearRange}`, abort: true })
        .min(FIRST_YEAR, { error: `应为${yearRange}`, abort: true })
        .max(LAST_YEAR, { error: `应为${yearRange}`, abort: true }),
      source: z.string({ error: expected('通知文号') }).trim().min(1, { error: '请填写通知文号，如 国办发明电〔2026〕x号' }),
      holidays: z.array(group, { error: expected('放假日分组列表') }).min(1, { error: '放假日不能为空', abort: true }),
      workdays: z.array(group, { error: '应为调休上班日分组列表' }).default([]),
    },
    { error: (issue) => unknownKeys(issue, '文件内容应为 JSON 对象：{ "year", "source", "holidays", "workdays" }') },
  )
  .superRefine((file, ctx) => {
    const seen = new Set<string>();
    const holidays = new Set<string>();
    for (const kind of ['holidays', 'workdays'] as const) {
      file[kind].forEach((g, i) =>
        g.dates.forEach((date, j) => {
          const problem = (message: string) => ctx.addIssue({ code: 'custom', message, path: [kind, i, 'dates', j] });
          const previousDecember = g.name === '元旦' && date.startsWith(`${file.year - 1}-12-`);
          if (yearOf(date) !== file.year && !previousDecember) problem(`${date} 不在 ${file.year} 年内`);
          if (kind === 'workdays' && holidays.has(date)) problem(`${date} 同时被列为放假日和调休上班日`);
          else if (seen.has(date)) problem(`${date} 重复出现`);
          if (kind === 'workdays' && !isWeekend(date)) problem(`${date} 是${WEEKDAY_NAMES[weekday(date)]}，调休上班日应为星期六或星期日`);
          seen.add(date);
          if (kind === 'holidays') holidays.add(date);
        }),
      );
    }
    const missing = statutoryHolidays(file.year).filter((d) => !holidays.has(d.date));
    if (missing.length) {
      ctx.addIssue({
        code: 'custom',
        message: `缺少法定节假日 ${missing.map((d) => `${d.date}（${d.name}）`).join('、')}：依《全国年节及纪念日放假办法》应放假，请核对文件是否为 ${file.year} 年的安排`,
        path: ['holidays'],
      });
    }
  })
  .brand<'OfficialSchedule'>();

/** A schedule that passed parseOfficialSchedule; only those can be registered. */
export type OfficialSchedule = z.output<typeof schema>;
/** What a schedule file contains. */
export type OfficialScheduleFile = z.input<typeof schema>;

/** The 2025 notice (国办发明电〔2024〕12号) in the file format; the same as the schedule built in. */
export const EXAMPLE_OFFICIAL_SCHEDULE: OfficialScheduleFile = {
  year: 2025,
  source: '国办发明电〔2024〕12号',
  holidays: [
    { name: '元旦', dates: ['2025-01-01'] },
    { name: '春节', dates: ['2025-01-28', '2025-01-29', '2025-01-30', '2025-01-31', '2025-02-01', '2025-02-02', '2025-02-03', '2025-02-04'] },
    { name: '清明节', dates: ['2025-04-04', '2025-04-05', '2025-04-06'] },
    { name: '劳动节', dates: ['2025-05-01', '2025-05-02', '2025-05-03', '2025-05-04', '2025-05-05'] },
    { name: '端午节', dates: ['2025-05-31', '2025-06-01', '2025-06-02'] },
    { name: '国庆节', dates: ['2025-10-01', '2025-10-02', '2025-10-03', '2025-10-04', '2025-10-05', '2025-10-07', '2025-10-08'] },
    { name: '中秋节', dates: ['2025-10-06'] },
  ],
  workdays: [
    { name: '春节', dates: ['2025-01-26', '2025-02-08'] },
    { name: '劳动节', dates: ['2025-04-27'] },
    { name: '国庆节', dates: ['2025-09-28', '2025-10-11'] },
  ],
};

const where = (path: PropertyKey[]) =>
  path.reduce<string>((s, key) => (typeof key === 'number' ? `${s}[${key}]` : s ? `${s}.${String(key)}` : String(key)), '');

/** Validates a loaded file; errors are Chinese, each prefixed with where in the file it is. */
export function parseOfficialSchedule(json: unknown): { ok: true; schedule: OfficialSchedule } | { ok: false; errors: string[] } {
  const result = schema.safeParse(json);
  if (result.success) return { ok: true, schedule: result.data };
  return { ok: false, errors: result.error.issues.map((i) => (i.path.length ? `${where(i.path)}：${i.message}` : i.message)) };
}

type DayEntry = { work: boolean; name: string };
const registry = new Map<number, Map<string, DayEntry>>();

/** Makes loaded schedules answer for their years instead of chinese-days; a later one for the same year wins. */
export function registerOfficialSchedules(schedules: readonly OfficialSchedule[]): void {
  for (const s of schedules) {
    const days = new Map<string, DayEntry>();
    for (const g of s.holidays) for (const d of g.dates) days.set(d, { work: false, name: g.name });
    for (const g of s.workdays) for (const d of g.dates) days.set(d, { work: true, name: g.name });
    registry.set(s.year, days);
  }
}

export function clearRegisteredSchedules(): void {
  registry.clear();
}

export const scheduleKnown = (year: number) => registry.has(year) || coversYear(year);

/** The official entry of a day (day off or make-up working day), from the schedule that answers for it. */
export function officialDay(date: string): DayEntry | undefined {
  const year = yearOf(date);
  // The next year's notice may arrange this December's last days (its 元旦).
  const fromNextNotice = registry.get(year + 1)?.get(date);
  if (fromNextNotice) return fromNextNotice;
  const own = registry.get(year);
  return own ? own.get(date) : officialEntry(date);
}
