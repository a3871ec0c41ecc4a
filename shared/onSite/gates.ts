// Pure. The gates of the commander's console — 宣布开始执行, 拆除, 宣布执行完毕 — as functions of
// plain facts. The repository builds the facts from the records and checks the gate in the
// transaction that writes the entry; the screen shows the same result beforehand. Every problem
// names its legal basis; only the night / rest-day problems may be overridden, for 情况紧急, with
// a written reason that the start entry carries.
import { addDays, checkEnforcementWindow, MIN_EMERGENCY_REASON_LENGTH, type WindowProblemCode } from '../calendar';
import { chinaDate, chinaInstant } from '../calendar/chinaTime';
import type { LogDataValue } from '../log/types';
import { compareLog, entryLabel } from '../log/order';
import type { IsoDate, IsoInstant } from '../operation/types';
import { BASIS, XICHENG } from '../plan/legality';
import { demolitionPhases, phaseLabel, phases, phaseText, type PhaseCode } from './phases';
import { demolitionOutsideRuling, RULING_SCOPE_BASIS, type RulingScope } from './ruling';
import { safetyChecks, type SafetyCheckCode } from './safety';
import type { OnSiteState } from './state';

export interface GateProblem {
  /** Stable code, e.g. 'period.running', 'time.night' (the start entry lists overridden ones). */
  code: string;
  message: string;
  basis: string;
  /** Only the night and rest-day problems: 情况紧急, with a recorded reason. */
  overridable: boolean;
}

export interface GateResult {
  /** No problem left that the recorded reason does not override. */
  ok: boolean;
  /** Every unmet condition, overridden ones included (they are still facts of the day). */
  problems: GateProblem[];
  /** Codes of the problems the emergency reason overrides, without repeats. */
  overridden: string[];
  /** Things to know that block nothing (a make-up working day, a year without its schedule). */
  warnings: string[];
}

/** One subject's service of the 告知书 and the end of their self-performance period. */
export interface SubjectFact {
  subjectId: string;
  name: string;
  servedOn?: IsoDate;
  /** The last day the subject may still perform; the start may come the day after. */
  periodEndsOn?: IsoDate;
}

/** What the start depends on, as plain facts (built from the records by the repository). */
export interface StartFacts {
  /** The latest final plan: its version, window and the phases it plans. */
  plan?: { version: number; start: IsoInstant; end: IsoInstant; phases: readonly PhaseCode[] };
  subjects: readonly SubjectFact[];
  /** The 公告: when it was posted and the last day of the move-out period it set. */
  announcement: { postedOn?: IsoDate; endsOn?: IsoDate };
  /** Set when the subject performed before the start (stop ground 1). */
  selfPerformedOn?: IsoDate;
  rulingScope: RulingScope;
  scopeLimit?: string;
  /** When the 强制拆除通知书 was served (only needed when demolition is planned). */
  demolitionNoticeServedOn?: IsoDate;
}

export interface GateOptions {
  /** Night hours from the settings (HH:mm), 22:00–06:00 by default. */
  night?: { from: string; to: string };
  /** 情况紧急: the recorded facts; overrides the night and rest-day problems only. */
  emergencyReason?: string;
}

export const GATE_BASIS = {
  plan: `${XICHENG}四（三）：明确强制执行时间、集合与疏导地点等相关事项，形成确定的《强制执行预案》；四（六）：各工作人员应当按照强制执行预案各司其职。`,
  planWindow: `${XICHENG}四（三）、四（四）：强制执行时间由确定的《强制执行预案》明确，并在《强制执行公告》中载明；开始执行应在预案确定的时段内。`,
  service:
    '《中华人民共和国行政强制法》第三十八条：应当直接送达当事人；当事人拒绝接收或者无法直接送达当事人的，应当依照《中华人民共和国民事诉讼法》的有关规定送达。' +
    `${XICHENG}四（二）：制作《强制执行告知书》并向被执行人送达。`,
  period: `${XICHENG}四（三）：被执行人未在《强制执行告知书》规定的期限内自行履行义务的，方可组织实施；期间依《中华人民共和国民事诉讼法》第八十五条计算，期间开始的日不计算在内，每名被执行人自其本人受送达之日起算。`,
  announcement: `${XICHENG}四（四）：强制执行实施前，应当制作《强制执行公告》并在拟执行现场进行公告；公告载明的搬离期限届满前不得实施。`,
  selfPerformed: `${XICHENG}四（五）1：强制执行实施前，被执行人已自行履行义务的，停止强制执行实施工作，且不再恢复。`,
  demolitionNotice: '永州市《国有土地上房屋征收与补偿安置联动机制实施方案》四（四）：在强制拆除15日前，应当向被征收人送达强制拆除通知书，并函告有关部门和单位。',
  safety: `${XICHENG}四（十一）：清登搬家工作完成后，房屋拆除组负责对被执行房屋实施拆除工作，拆除工作应符合安全、环保等相关规定。`,
  utilities:
    `${XICHENG}四（十一）：拆除应符合安全规定，拆除前由供水、供电、供气、供热单位断开房屋的供应；` +
    '只能在房屋腾空后断开——《中华人民共和国行政强制法》第四十三条第二款禁止以停止供水、供电、供热、供燃气等方式迫使当事人履行。',
} as const;

/** Days the 强制拆除通知书 must precede the demolition (seed 001 §四(四)). */
export const DEMOLITION_NOTICE_DAYS = 15;

const overridableCodes: Partial<Record<WindowProblemCode, string>> = {
  night: '夜间',
  statutoryHoliday: '法定节假日',
  holidayBreak: '节假日放假期间',
  weekend: '休息日',
};

/** The words of an overridden problem code ('time.night' → 夜间), for the entry text. */
export const overriddenLabel = (code: string): string => overridableCodes[code.replace(/^time\./, '') as WindowProblemCode] ?? code;

function timeProblems(facts: StartFacts, now: Date, opts: GateOptions): { problems: GateProblem[]; warnings: string[] } {
  // The whole rest of the planned window must be lawful, not just this minute (brief §5).
  const planEnd = facts.plan ? Date.parse(facts.plan.end) : NaN;
  const end = planEnd > now.getTime() ? facts.plan!.end : chinaInstant(new Date(now.getTime() + 60_000));
  // A valid reason makes the calendar word its messages as relying on the exception.
  const reason = validReason(opts.emergencyReason ?? '') ? { emergencyReason: opts.emergencyReason } : {};
  const night = opts.night ? { nightFrom: opts.night.from, nightTo: opts.night.to } : {};
  const check = checkEnforcementWindow(chinaInstant(now), end, { ...night, ...reason });
  const problems: GateProblem[] = [];
  const warnings: string[] = [];
  for (const p of check.problems) {
    if (p.code in overridableCodes) {
      const basis = p.code === 'night' ? `${BASIS.art43}${BASIS.night}` : p.code === 'weekend' ? BASIS.weekend : BASIS.art43;
      problems.push({ code: `time.${p.code}`, message: p.message, basis, overridable: true });
    } else if (!p.blocking) warnings.push(p.message);
    else problems.push({ code: 'time.invalid', message: p.message, basis: BASIS.art43, overridable: false });
  }
  return { problems, warnings };
}

function scopeProblem(facts: Pick<StartFacts, 'rulingScope' | 'scopeLimit'>, what: string): GateProblem[] {
  const message = demolitionOutsideRuling(facts.rulingScope, facts.scopeLimit, what);
  return message ? [{ code: 'scope.demolition', message, basis: RULING_SCOPE_BASIS, overridable: false }] : [];
}

function demolitionNoticeProblems(servedOn: IsoDate | undefined, today: IsoDate): GateProblem[] {
  if (!servedOn) {
    return [{ code: 'demolitionNotice.missing', message: '未记录《强制拆除通知书》的送达', basis: GATE_BASIS.demolitionNotice, overridable: false }];
  }
  const earliest = addDays(servedOn, DEMOLITION_NOTICE_DAYS);
  if (today >= earliest) return [];
  return [
    {
      code: 'demolitionNotice.tooLate',
      message: `《强制拆除通知书》于 ${servedOn} 送达，须满${DEMOLITION_NOTICE_DAYS}日，${earliest} 起方可拆除`,
      basis: GATE_BASIS.demolitionNotice,
      overridable: false,
    },
  ];
}

/** Whether a reason is long enough to state facts (the same rule as the plan's). */
const validReason = (reason: string) => [...reason.trim()].length >= MIN_EMERGENCY_REASON_LENGTH;

/** Settles which problems the reason overrides. */
function settle(problems: GateProblem[], warnings: string[], reason: string): GateResult {
  const overridable = problems.filter((p) => p.overridable);
  const all = [...problems];
  if (reason.trim() && !validReason(reason) && overridable.length) {
    all.push({
      code: 'emergency.reason',
      message: `紧急情况说明过短（至少 ${MIN_EMERGENCY_REASON_LENGTH} 个字）：须写明紧急情况的具体事实`,
      basis: BASIS.art43,
      overridable: false,
    });
  }
  const overriding = validReason(reason) && overridable.length > 0;
  const overridden = overriding ? [...new Set(overridable.map((p) => p.code))] : [];
  return { ok: all.every((p) => overriding && p.overridable), problems: all, overridden, warnings };
}

/**
 * 宣布开始执行: refused, listing every unmet condition with its basis, unless a final plan exists
 * and now is in its window; every subject was served and every period has ended; the 公告 was
 * posted and its period ended; nobody performed; the time is lawful (or 情况紧急 is recorded);
 * and the ruling covers the phases planned (with the 强制拆除通知书 served in time).
 */
export function startGate(facts: StartFacts, now: Date, opts: GateOptions = {}): GateResult {
  const today = chinaDate(now);
  const problems: GateProblem[] = [];
  const add = (code: string, message: string, basis: string) => problems.push({ code, message, basis, overridable: false });

  if (facts.selfPerformedOn) add('selfPerformed', `被执行人已于 ${facts.selfPerformedOn} 自行履行，本行动已终结，不得实施强制执行`, GATE_BASIS.selfPerformed);

  const plan = facts.plan;
  if (!plan) add('plan.none', '尚无定稿的《强制执行预案》', GATE_BASIS.plan);
  else {
    const t = now.getTime();
    if (t < Date.parse(plan.start) || t >= Date.parse(plan.end)) {
      const window = `${plan.start.slice(0, 16).replace('T', ' ')} 至 ${plan.end.slice(0, 16).replace('T', ' ')}`;
      add('plan.window', `现在不在预案（第 ${plan.version} 版）确定的执行时段（${window}）内`, GATE_BASIS.planWindow);
    }
  }

  if (facts.subjects.length === 0) add('subjects.none', '尚未登记被执行人', GATE_BASIS.service);
  for (const s of facts.subjects) {
    if (!s.servedOn) add('service.missing', `《强制执行告知书》尚未送达${s.name}`, GATE_BASIS.service);
    else if (!s.periodEndsOn) add('period.unknown', `${s.name}的自行履行期限无法确定（${s.servedOn} 送达）`, GATE_BASIS.period);
    else if (s.periodEndsOn >= today) {
      add('period.running', `${s.name}的自行履行期限至 ${s.periodEndsOn} 届满（${s.servedOn} 送达），届满后方可开始执行`, GATE_BASIS.period);
    }
  }

  const { postedOn, endsOn } = facts.announcement;
  if (!postedOn) add('announcement.notPosted', '《强制执行公告》尚未在执行现场张贴', GATE_BASIS.announcement);
  else if (!endsOn) add('announcement.periodUnknown', `《强制执行公告》（${postedOn} 张贴）未载明搬离期限`, GATE_BASIS.announcement);
  else if (endsOn >= today) add('announcement.periodRunning', `《强制执行公告》载明的搬离期限至 ${endsOn} 届满，届满后方可开始执行`, GATE_BASIS.announcement);

  const time = timeProblems(facts, now, opts);
  problems.push(...time.problems);

  if (plan && plan.phases.some((p) => demolitionPhases.includes(p))) {
    problems.push(...scopeProblem(facts, '预案安排了房屋拆除'));
    problems.push(...demolitionNoticeProblems(facts.demolitionNoticeServedOn, today));
  }
  return settle(problems, time.warnings, opts.emergencyReason ?? '');
}

/** What 拆除开始 depends on besides the log: the ruling and the 强制拆除通知书. */
export type DemolitionFacts = Pick<StartFacts, 'rulingScope' | 'scopeLimit' | 'demolitionNoticeServedOn'>;

/**
 * 拆除开始: refused unless the ruling allows demolition, the 强制拆除通知书 was served 15 days
 * before, and the log holds the house cleared, the utilities isolated by their units and a roll
 * call — the roll call after the latest 恢复执行, since people may have come back during a stop.
 */
export function demolitionGate(facts: DemolitionFacts, state: OnSiteState, now: Date): GateResult {
  const problems: GateProblem[] = [...scopeProblem(facts, '拆除房屋'), ...demolitionNoticeProblems(facts.demolitionNoticeServedOn, chinaDate(now))];
  const need = (check: SafetyCheckCode, basis: string, stale = false) => {
    const entry = state.safetyChecks[check];
    if (entry && !(stale && state.lastResumed && compareLog(entry, state.lastResumed) < 0)) return;
    const label = safetyChecks[check].label;
    const message = entry ? `“${label}”记录于恢复执行之前（${entryLabel(entry)}），恢复后须重新清点` : `尚未记录“${label}”：${safetyChecks[check].hint}`;
    problems.push({ code: `safety.${check}`, message, basis, overridable: false });
  };
  need('houseCleared', GATE_BASIS.safety);
  need('utilitiesIsolated', GATE_BASIS.utilities);
  need('rollCall', GATE_BASIS.safety, true);
  return settle(problems, [], '');
}

/** The phases never recorded, which 宣布执行完毕 lists and asks to confirm. */
export const missingPhases = (state: OnSiteState): PhaseCode[] =>
  phases.map((p) => p.code).filter((code) => code !== 'complete' && !state.phasesDone[code]);

/** null when the completion may be recorded with this confirmation; the screen's list must be the log's. */
export function closingProblem(state: OnSiteState, confirmedMissing: readonly PhaseCode[]): string | null {
  const missing = missingPhases(state);
  const same = missing.length === confirmedMissing.length && missing.every((p) => confirmedMissing.includes(p));
  if (same) return null;
  return `以下环节未记录：${missing.map(phaseLabel).join('、')}。请核实并确认后再宣布执行完毕`;
}

export interface PhaseEntry {
  text: string;
  data: Record<string, LogDataValue>;
}

/** The start entry; relying on 情况紧急 puts the reason in the text and the data (contract above phases.ts). */
export function startEntry(note: string, gate: GateResult, reason: string, planVersion?: number): PhaseEntry {
  const data: Record<string, LogDataValue> = { phase: 'start', ...(planVersion !== undefined ? { planVersion } : {}) };
  const text = phaseText('start', note);
  if (gate.overridden.length === 0) return { text, data };
  const when = gate.overridden.map(overriddenLabel).join('、');
  return {
    text: `${text}（情况紧急，依《中华人民共和国行政强制法》第四十三条“情况紧急的除外”于${when}执行：${reason.trim()}）`,
    data: { ...data, emergency: true, emergencyReason: reason.trim(), overridden: gate.overridden.join(',') },
  };
}

/** The completion entry; phases confirmed as never recorded are listed in its data. */
export function completionEntry(note: string, missing: readonly PhaseCode[]): PhaseEntry {
  return { text: phaseText('complete', note), data: { phase: 'complete', ...(missing.length ? { missingPhases: missing.join(',') } : {}) } };
}

/** A refusal as one message: the act refused, then every problem left with its legal basis. */
export function gateMessage(act: string, result: GateResult): string {
  const left = result.problems.filter((p) => !result.overridden.includes(p.code));
  const hint = (p: GateProblem) => (p.overridable ? '；情况紧急的，写明紧急情况后方可依法执行' : '');
  return `不能${act}：\n${left.map((p, i) => `${i + 1}. ${p.message}（依据：${p.basis}${hint(p)}）`).join('\n')}`;
}
