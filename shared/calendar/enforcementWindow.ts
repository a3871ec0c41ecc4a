// Pure. Whether a planned enforcement window is lawful: not at night, not on a statutory holiday
// (行政强制法 Art. 43), not on another rest day (最高法行他81号), unless an emergency is recorded.
import { chinaDate, chinaInstant } from './chinaTime';
import { datesBetween, DAY_MS, isIsoDate, WEEKDAY_NAMES, weekday, yearOf } from './dates';
import { isSupportedDate, restDayInfo } from './restDay';
import { FIRST_YEAR, LAST_YEAR } from './statutory';

export type WindowProblemCode =
  | 'night'
  | 'statutoryHoliday'
  | 'holidayBreak'
  | 'weekend'
  | 'makeUpWorkday'
  | 'scheduleUnknown'
  | 'invalid';

export interface WindowProblem {
  code: WindowProblemCode;
  message: string;
  blocking: boolean;
}

export interface WindowCheck {
  /** No blocking problem. */
  allowed: boolean;
  problems: WindowProblem[];
}

export interface WindowOptions {
  /** Recorded facts of the emergency; empty means none. */
  emergencyReason?: string;
  /** HH:mm, China time. */
  nightFrom?: string;
  nightTo?: string;
}

/** 噪声污染防治法 Art. 88: 夜间 is 22:00 to 06:00 the next morning. */
export const DEFAULT_NIGHT = { from: '22:00', to: '06:00' } as const;
/** An operation lasts hours; a longer window is a typing mistake. */
export const MAX_WINDOW_HOURS = 72;
/** Long enough to force a stated fact, not a word like “紧急”. */
export const MIN_EMERGENCY_REASON_LENGTH = 10;

const ART43 = '《行政强制法》第四十三条';
const EMERGENCY_RELIED = `现援引紧急情况例外（${ART43}“但是，情况紧急的除外”），须在执行记录中写明并能证明紧急情况。`;
const NO_EMERGENCY = '除非情况紧急并填写紧急情况说明，否则不得在此时段执行。';

const INSTANT = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?(Z|[+-]\d{2}:\d{2})?$/;

/** Epoch milliseconds, or a Chinese message saying why the text is not an instant. */
function parseInstant(label: string, text: string): number | string {
  if (text.trim() === '') return `${label}未填写`;
  const quoted = `${label}“${text.length > 40 ? `${text.slice(0, 40)}…` : text}”`;
  const m = INSTANT.exec(text);
  if (!m) return `${quoted}不是有效时刻，应为 ISO 8601 格式，如 2026-03-05T09:00:00+08:00`;
  const [, date = '', hh = '', mm = '', ss = '00', fraction = '', offset] = m;
  // Without an offset the same text names different instants on differently configured machines.
  if (!offset) return `${quoted}缺少时区（如 +08:00），无法确定是哪一时刻`;
  const [offsetHours, offsetMins] = offset === 'Z' ? [0, 0] : [Number(offset.slice(1, 3)), Number(offset.slice(4, 6))];
  const offsetMinutes = (offset.startsWith('-') ? -1 : 1) * (offsetHours * 60 + offsetMins);
  const inRange = Number(hh) <= 23 && Number(mm) <= 59 && Number(ss) <= 59 && offsetMins <= 59 && Math.abs(offsetMinutes) <= 14 * 60;
  if (!isIsoDate(date) || !inRange) return `${quoted}不是有效时刻（日期、时间或时区超出范围）`;
  return Date.parse(`${date}T${hh}:${mm}:${ss}.${fraction.padEnd(3, '0').slice(0, 3)}Z`) - offsetMinutes * 60_000;
}

const HH_MM = /^([01]\d|2[0-3]):[0-5]\d$/;
const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

// China wall-clock time read as if it were UTC, so days and minutes need no zone arithmetic.
const chinaWall = (ms: number) => Date.parse(`${chinaInstant(new Date(ms)).slice(0, 23)}Z`);
const wallClock = (ms: number) => chinaInstant(new Date(ms)).slice(0, 16).replace('T', ' ');

/** Whether [start, end) in China wall-clock ms meets any night from `from` to `to` (minutes of day). */
function touchesNight(start: number, end: number, from: number, to: number): boolean {
  // The night that began the evening before the first day can still reach into it.
  for (let day = Math.floor(start / DAY_MS) - 1; day * DAY_MS < end; day++) {
    const nightStart = day * DAY_MS + from * 60_000;
    const nightEnd = (from < to ? day : day + 1) * DAY_MS + to * 60_000;
    if (start < nightEnd && nightStart < end) return true;
  }
  return false;
}

function invalidInput(start: number | string, end: number | string, opts: WindowOptions, reason: string): string[] {
  const errors: string[] = [];
  for (const e of [start, end]) if (typeof e === 'string') errors.push(e);
  if (typeof start === 'number' && typeof end === 'number') {
    if (end <= start) errors.push('结束时间应晚于开始时间');
    else if (end - start > MAX_WINDOW_HOURS * 3_600_000) errors.push(`计划时段超过 ${MAX_WINDOW_HOURS} 小时，请核对开始和结束时间`);
    else if (!isSupportedDate(chinaDate(new Date(start))) || !isSupportedDate(chinaDate(new Date(end - 1)))) {
      errors.push(`计划时段应在 ${FIRST_YEAR}—${LAST_YEAR} 年间（现行放假办法自 ${FIRST_YEAR} 年施行）`);
    }
  }
  for (const [label, value] of [['夜间开始时间', opts.nightFrom], ['夜间结束时间', opts.nightTo]] as const) {
    if (value !== undefined && !HH_MM.test(value)) errors.push(`${label}“${value}”应为 HH:mm，如 22:00`);
  }
  if ((opts.nightFrom ?? DEFAULT_NIGHT.from) === (opts.nightTo ?? DEFAULT_NIGHT.to)) errors.push('夜间开始和结束时间不能相同');
  if (reason && [...reason].length < MIN_EMERGENCY_REASON_LENGTH) {
    errors.push(`紧急情况说明过短（至少 ${MIN_EMERGENCY_REASON_LENGTH} 个字）：须写明紧急情况的具体事实，才能依${ART43}“情况紧急的除外”执行`);
  }
  return errors;
}

/**
 * Checks a planned window given as ISO 8601 instants with an offset, judged in China time.
 * Night, statutory holidays, holiday-break days and weekends block unless an emergency reason is
 * given; then they are still reported, as relying on the emergency exception. Never throws.
 */
export function checkEnforcementWindow(startIso: string, endIso: string, opts: WindowOptions = {}): WindowCheck {
  const reason = opts.emergencyReason?.trim() ?? '';
  // String(): callers in plain JS or reading stored data may pass null.
  const start = parseInstant('开始时间', String(startIso));
  const end = parseInstant('结束时间', String(endIso));
  const errors = invalidInput(start, end, opts, reason);
  if (errors.length || typeof start === 'string' || typeof end === 'string') {
    return { allowed: false, problems: errors.map((message) => ({ code: 'invalid', message, blocking: true })) };
  }
  const emergency = reason !== '';
  const problems: WindowProblem[] = [];
  // Art. 43 allows the emergency exception for night and holidays alike; weekends follow it.
  const restricted = (code: WindowProblemCode, message: string) =>
    problems.push({ code, message: message + (emergency ? EMERGENCY_RELIED : NO_EMERGENCY), blocking: !emergency });

  const nightFrom = opts.nightFrom ?? DEFAULT_NIGHT.from;
  const nightTo = opts.nightTo ?? DEFAULT_NIGHT.to;
  if (touchesNight(chinaWall(start), chinaWall(end), minutesOf(nightFrom), minutesOf(nightTo))) {
    const night = minutesOf(nightFrom) > minutesOf(nightTo) ? `${nightFrom}至次日${nightTo}` : `${nightFrom}至${nightTo}`;
    restricted(
      'night',
      `计划时段 ${wallClock(start)} 至 ${wallClock(end)} 涉及夜间（${night}）。${ART43}：不得在夜间实施行政强制执行；夜间按《噪声污染防治法》第八十八条界定，整个时段须在白天。`,
    );
  }

  const unknownYears = new Set<number>();
  // The window is half-open: ending at 00:00 does not touch the next day.
  for (const day of datesBetween(chinaDate(new Date(start)), chinaDate(new Date(end - 1)))) {
    const info = restDayInfo(day);
    if (!info.scheduleKnown) unknownYears.add(yearOf(day));
    if (info.kind === 'statutory') {
      restricted('statutoryHoliday', `${day}（${info.name}）是法定节假日。${ART43}：不得在法定节假日实施行政强制执行。`);
    } else if (info.kind === 'holidayBreak') {
      restricted('holidayBreak', `${day} 是${info.name}放假期间的休息日（国务院办公厅节假日安排），按法定节假日对待（${ART43}）。`);
    } else if (info.kind === 'weekend') {
      restricted(
        'weekend',
        `${day} 是${info.name}。最高人民法院（2016）最高法行他81号答复：行政机关不得在星期六实施强制拆除，但情况紧急的除外；星期六、星期日一律按此处理。`,
      );
    } else if (info.kind === 'makeUpWorkday') {
      problems.push({
        code: 'makeUpWorkday',
        message: `${day}（${WEEKDAY_NAMES[weekday(day)]}）为调休上班日，按工作日对待（此规则未经核实，请法制部门确认）。`,
        blocking: false,
      });
    }
  }
  for (const year of unknownYears) {
    problems.push({
      code: 'scheduleUnknown',
      message: `缺少${year}年国务院办公厅节假日安排：仅按《全国年节及纪念日放假办法》（2024年修订）推算的法定节假日拦截，调休放假日和调休上班日无法判断，星期六、星期日一律按休息日对待。请导入该年度的节假日安排文件。`,
      blocking: false,
    });
  }
  return { allowed: !problems.some((p) => p.blocking), problems };
}
