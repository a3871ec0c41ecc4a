// Pure. What the on-site log records for the commander's standard acts, so the console,
// the 现场笔录 and the court report read the same entries the same way.
//   phase:        category 'phase', data { phase: PhaseCode }, text = label (+ '：' + note)
//                 the start relying on 情况紧急 also carries data { emergency: true,
//                 emergencyReason: string, overridden: 'time.night,time.weekend' } and the
//                 reason in its text; the completion with phases never recorded carries
//                 data { missingPhases: 'demolitionStart,demolitionDone' }
//   suspension:   category 'suspension', text = the reason; data { ground: 1 | 2 | 3 } before the
//                 start (停止执行, seed 000 §四(五)), data { ground: 'art39-1' … 'art39-4' } after it
//                 (中止执行, 行政强制法 §39 applied by analogy)
//   resumption:   category 'resumption', text = why the obstacle is gone
//   termination:  category 'termination', data { ground: 'art40-1' … 'art40-5' } (终结执行, §40 by
//                 analogy), text = the reason; nothing but notes follows it
//   safety check: category 'safetyCheck', group 'demolition', data { check: SafetyCheckCode, … }
//                 (see safety.ts), the acts required before 拆除
//   check-in:     category 'checkIn', refs.people = [person id], text = '<name>（<unit>）到岗';
//                 data { untrained: true } when no training was on record (seed 004 §一(三))
import type { LogEntry } from '../log/types';

/** The standard phases of the day, in the order they normally happen (brief §2 steps 5–12). */
export const phases = [
  { code: 'start', label: '宣布开始执行' },
  { code: 'cordon', label: '警戒到位' },
  { code: 'announce', label: '向被执行人宣告' },
  { code: 'escort', label: '带离现场' },
  { code: 'inventoryStart', label: '清登开始' },
  { code: 'inventoryDone', label: '清登完成' },
  { code: 'demolitionStart', label: '拆除开始' },
  { code: 'demolitionDone', label: '拆除完成' },
  { code: 'complete', label: '宣布执行完毕' },
] as const;

export type PhaseCode = (typeof phases)[number]['code'];

export const phaseLabel = (code: PhaseCode): string => phases.find((p) => p.code === code)!.label;

/** The phases a ruling that allows 搬迁 only does not cover. */
export const demolitionPhases: readonly PhaseCode[] = ['demolitionStart', 'demolitionDone'];

/**
 * The three grounds on which the on-site commander may stop before the start (seed 000
 * §四(五)). The codes stay 1 | 2 | 3 so logs written before 中止/终结 existed read the same.
 */
export const suspensionGrounds = {
  1: '强制执行实施前，被执行人已自行履行义务（执行终结，不再恢复）',
  2: '执行可能造成难以弥补的损失，且停止执行不损害公共利益',
  3: '强制执行实施前，出现其他可能对安全和社会稳定产生重大影响的情形',
} as const;

export type SuspensionGround = keyof typeof suspensionGrounds;

/**
 * 中止执行 after the start: 《行政强制法》第三十九条第一款, applied by analogy to the
 * enforcement the government organises on the court's ruling (the statute's own words).
 */
export const art39Grounds = {
  'art39-1': '当事人履行行政决定确有困难或者暂无履行能力的',
  'art39-2': '第三人对执行标的主张权利，确有理由的',
  'art39-3': '执行可能造成难以弥补的损失，且中止执行不损害公共利益的',
  'art39-4': '行政机关认为需要中止执行的其他情形',
} as const;
export type Art39Ground = keyof typeof art39Grounds;

/** 终结执行: 《行政强制法》第四十条, applied by analogy (the statute's own words). */
export const art40Grounds = {
  'art40-1': '公民死亡，无遗产可供执行，又无义务承受人的',
  'art40-2': '法人或者其他组织终止，无财产可供执行，又无义务承受人的',
  'art40-3': '执行标的灭失的',
  'art40-4': '据以执行的行政决定被撤销的',
  'art40-5': '行政机关认为需要终结执行的其他情形',
} as const;
export type Art40Ground = keyof typeof art40Grounds;

/** Any ground a stop can carry: the seed's three before the start, §39 after it. */
export type StopGround = SuspensionGround | Art39Ground;

export const isSuspensionGround = (v: unknown): v is SuspensionGround => v === 1 || v === 2 || v === 3;
export const isArt39Ground = (v: unknown): v is Art39Ground => typeof v === 'string' && v in art39Grounds;
export const isArt40Ground = (v: unknown): v is Art40Ground => typeof v === 'string' && v in art40Grounds;
export const isStopGround = (v: unknown): v is StopGround => isSuspensionGround(v) || isArt39Ground(v);

const ITEM = ['一', '二', '三', '四', '五'] as const;
const item = (ground: Art39Ground | Art40Ground) => ITEM[Number(ground.slice(6)) - 1]!;

/** A ground in words, as the console, the 现场笔录 and the report print it. */
export function groundText(ground: StopGround | Art40Ground): string {
  if (isSuspensionGround(ground)) return `情形${ITEM[ground - 1]}：${suspensionGrounds[ground]}`;
  if (isArt39Ground(ground)) return `《中华人民共和国行政强制法》第三十九条第一款第（${item(ground)}）项（参照适用）：${art39Grounds[ground]}`;
  return `《中华人民共和国行政强制法》第四十条第（${item(ground)}）项（参照适用）：${art40Grounds[ground]}`;
}

/** The ground in words of any suspension or termination entry; says so when none was recorded. */
export function stopGroundText(entry: LogEntry): string {
  const ground = entry.data?.['ground'];
  if (entry.category === 'suspension' && isStopGround(ground)) return groundText(ground);
  if (entry.category === 'termination' && isArt40Ground(ground)) return groundText(ground);
  return '未记录停止情形';
}

/** What the act was called: 停止执行 before the start, 中止执行 after it, 终结执行. */
export function stopActLabel(entry: LogEntry): '停止执行' | '中止执行' | '终结执行' {
  if (entry.category === 'termination') return '终结执行';
  return isArt39Ground(entry.data?.['ground']) ? '中止执行' : '停止执行';
}

/** The entry text of a phase, as recorded (see the format above). */
export function phaseText(code: PhaseCode, note = ''): string {
  const label = phaseLabel(code);
  return note.trim() ? `${label}：${note.trim()}` : label;
}

/**
 * The entry text of a check-in; a repeated check-in carries its note after the standard words,
 * and someone assigned without training on record is flagged in the words the paper prints.
 */
export function checkInText(name: string, unit: string, note = '', untrained = false): string {
  return `${name}（${unit}）到岗${untrained ? '（无培训记录）' : ''}${note.trim() ? `：${note.trim()}` : ''}`;
}
