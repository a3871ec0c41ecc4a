// Pure. What the on-site log records for the commander's standard acts, so the console,
// the 现场笔录 and the court report read the same entries the same way.
//   phase:       category 'phase',       data { phase: PhaseCode }, text = label (+ '：' + note)
//   suspension:  category 'suspension',  data { ground: 1 | 2 | 3 }, text = the reason
//   resumption:  category 'resumption',  text = why the obstacle is gone
//   check-in:    category 'checkIn',     refs.people = [person id], text = '<name>（<unit>）到岗'

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

/** The three grounds on which the on-site commander may stop (seed 000 §四(五)). */
export const suspensionGrounds = {
  1: '强制执行实施前，被执行人已自行履行义务（执行终结，不再恢复）',
  2: '执行可能造成难以弥补的损失，且停止执行不损害公共利益',
  3: '强制执行实施前，出现其他可能对安全和社会稳定产生重大影响的情形',
} as const;

export type SuspensionGround = keyof typeof suspensionGrounds;

/** The entry text of a phase, as recorded (see the format above). */
export function phaseText(code: PhaseCode, note = ''): string {
  const label = phases.find((p) => p.code === code)!.label;
  return note.trim() ? `${label}：${note.trim()}` : label;
}

/** The entry text of a check-in; a repeated check-in carries its note after the standard words. */
export function checkInText(name: string, unit: string, note = ''): string {
  return `${name}（${unit}）到岗${note.trim() ? `：${note.trim()}` : ''}`;
}
