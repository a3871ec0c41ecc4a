// Pure. Where the day stands, derived from the log entries alone (never from a separate
// status field), and which of the commander's acts are allowed next, with the reason why not.
import { entryLabel, inLogOrder } from '../log/order';
import type { LogEntry } from '../log/types';
import {
  groundText,
  isArt39Ground,
  isArt40Ground,
  isStopGround,
  phaseLabel,
  phases,
  suspensionGrounds,
  type Art40Ground,
  type PhaseCode,
  type StopGround,
} from './phases';
import { isSafetyCheck, safetyChecks, type SafetyCheckCode } from './safety';

export type OnSiteStatus =
  | { kind: 'notStarted' }
  | { kind: 'inProgress' }
  | { kind: 'suspended'; ground: StopGround; since: string; seq: number }
  | { kind: 'completed'; at: string }
  /** Ground 1: the subject performed before the start; art40-*: 终结执行. */
  | { kind: 'terminated'; at: string; ground: 1 | Art40Ground };

export interface OnSiteState {
  status: OnSiteStatus;
  /** occurredAt of 宣布开始执行, if declared. */
  startedAt?: string;
  /** Each phase recorded, with its entry (the first one, if somehow recorded twice). */
  phasesDone: Partial<Record<PhaseCode, LogEntry>>;
  /** Closed stop intervals after the start (occurredAt of stop and resume), for elapsed time. */
  suspensions: Array<{ ground: StopGround; from: string; to?: string }>;
  /** The latest 恢复执行: a check made before it (in the log's merged order) no longer vouches for the site. */
  lastResumed?: LogEntry;
  /** The latest entry of each safety check before 拆除. */
  safetyChecks: Partial<Record<SafetyCheckCode, LogEntry>>;
  /** Check-in entries per person id, in order. */
  checkIns: Map<string, LogEntry[]>;
}

const isPhase = (v: unknown): v is PhaseCode => phases.some((p) => p.code === v);

/** Folds the entries (any order; read in the log's merged order, shared/log/order.ts) into the state of the day. */
export function onSiteState(entries: readonly LogEntry[]): OnSiteState {
  const state: OnSiteState = {
    status: { kind: 'notStarted' },
    phasesDone: {},
    suspensions: [],
    safetyChecks: {},
    checkIns: new Map(),
  };
  let running: OnSiteStatus = { kind: 'notStarted' };
  for (const e of inLogOrder(entries)) {
    const current = state.status;
    if (current.kind === 'completed' || current.kind === 'terminated') continue;
    const ground = e.data?.['ground'];
    if (e.category === 'phase' && isPhase(e.data?.['phase'])) {
      const phase = e.data['phase'];
      state.phasesDone[phase] ??= e;
      if (phase === 'start') {
        state.startedAt ??= e.occurredAt;
        running = { kind: 'inProgress' };
        if (current.kind !== 'suspended') state.status = running;
      }
      if (phase === 'complete') state.status = { kind: 'completed', at: e.occurredAt };
    } else if (e.category === 'suspension' && isStopGround(ground)) {
      if (ground === 1) {
        state.status = { kind: 'terminated', at: e.occurredAt, ground };
      } else if (current.kind !== 'suspended') {
        state.status = { kind: 'suspended', ground, since: e.occurredAt, seq: e.seq };
        state.suspensions.push({ ground, from: e.occurredAt });
      }
    } else if (e.category === 'termination' && isArt40Ground(ground)) {
      if (current.kind === 'suspended') state.suspensions[state.suspensions.length - 1]!.to = e.occurredAt;
      state.status = { kind: 'terminated', at: e.occurredAt, ground };
    } else if (e.category === 'resumption' && current.kind === 'suspended') {
      state.suspensions[state.suspensions.length - 1]!.to = e.occurredAt;
      state.lastResumed = e;
      state.status = running;
    } else if (e.category === 'safetyCheck' && isSafetyCheck(e.data?.['check'])) {
      state.safetyChecks[e.data['check']] = e;
    } else if (e.category === 'checkIn' && e.refs.people?.length) {
      for (const id of e.refs.people) state.checkIns.set(id, [...(state.checkIns.get(id) ?? []), e]);
    }
  }
  return state;
}

export type OnSiteAct =
  | { kind: 'phase'; phase: PhaseCode }
  | { kind: 'suspend'; ground: StopGround }
  | { kind: 'resume' }
  | { kind: 'terminate'; ground: Art40Ground }
  | { kind: 'safetyCheck'; check: SafetyCheckCode }
  | { kind: 'checkIn' }
  | { kind: 'note' }
  | { kind: 'incident' }
  | { kind: 'publicOpinion' };

const hhmm = (iso: string) => iso.slice(11, 16);

/** 情形3, or 第三十九条第（三）项: short enough for a message. */
const groundShort = (g: StopGround) => (isArt39Ground(g) ? `第三十九条第（${'一二三四'[Number(g.slice(6)) - 1]}）项` : `情形${g}`);

/** What must be recorded before a phase, in the order the seed prescribes (000 §四(六)–(十一)). */
const phaseNeeds: Partial<Record<PhaseCode, PhaseCode>> = {
  inventoryDone: 'inventoryStart',
  demolitionStart: 'inventoryDone',
  demolitionDone: 'demolitionStart',
};

const ART43_2 = '《中华人民共和国行政强制法》第四十三条第二款、《国有土地上房屋征收与补偿条例》第二十七条第三款';

/** Why a stop on this ground does not fit the moment: before the start the seed's grounds, after it §39. */
function groundMisfit(state: OnSiteState, ground: StopGround): string | null {
  const started = !!state.startedAt;
  if (ground === 1 && started) return '情形一仅适用于“强制执行实施前”被执行人已自行履行；已宣布开始执行，不能再以此停止';
  if (ground === 3 && started) return '情形三仅适用于“强制执行实施前”；已宣布开始执行，请按《行政强制法》第三十九条中止执行';
  if (ground === 2 && started) return '已宣布开始执行，此后停止即中止执行：请按《行政强制法》第三十九条选择情形（第（三）项即细则情形二）';
  if (isArt39Ground(ground) && !started) return '中止执行适用于宣布开始执行之后；开始前请按西城区细则四（五）的情形停止执行';
  return null;
}

/** null when the act is allowed now; otherwise why not, in Chinese. */
export function whyNot(state: OnSiteState, act: OnSiteAct): string | null {
  const s = state.status;
  if (s.kind === 'completed' || s.kind === 'terminated') {
    if (act.kind === 'note') return null;
    if (s.kind === 'completed') return `已于 ${hhmm(s.at)} 宣布执行完毕，此后只能记录说明或更正`;
    return s.ground === 1
      ? `本行动已按停止情形一终结（${hhmm(s.at)}），不再恢复，只能记录说明或更正`
      : `本行动已于 ${hhmm(s.at)} 终结执行，不再恢复，只能记录说明或更正`;
  }
  switch (act.kind) {
    case 'note':
    case 'checkIn':
    case 'incident':
    case 'publicOpinion':
    case 'terminate':
      return null;
    case 'resume':
      return s.kind === 'suspended' ? null : '当前未停止执行，无需恢复';
    case 'suspend':
      return (
        groundMisfit(state, act.ground) ??
        (s.kind === 'suspended' && act.ground !== 1 ? `已于 ${hhmm(s.since)} 停止执行（${groundShort(s.ground)}），请先恢复执行` : null)
      );
    case 'safetyCheck': {
      if (!state.startedAt) return '请先宣布开始执行';
      if (s.kind === 'suspended') return `已停止执行（${groundShort(s.ground)}），停止期间不能记录；请先恢复执行`;
      if (act.check === 'houseCleared' && !state.phasesDone.inventoryDone) return '请先记录“清登完成”：物品清登搬离后方可确认房屋已腾空';
      if (act.check === 'utilitiesIsolated' && !state.safetyChecks.houseCleared) {
        return `房屋腾空前不得断开供水、供电、供气、供热（${ART43_2}）：请先记录“${safetyChecks.houseCleared.label}”`;
      }
      return null;
    }
    case 'phase': {
      const done = state.phasesDone[act.phase];
      if (done) return `“${phaseLabel(act.phase)}”已于 ${hhmm(done.occurredAt)} 记录（${entryLabel(done)}），不能重复记录`;
      if (s.kind === 'suspended') return `已停止执行（${groundShort(s.ground)}），停止期间不能记录执行环节；请先恢复执行`;
      if (act.phase !== 'start' && !state.startedAt) return '请先宣布开始执行';
      const need = phaseNeeds[act.phase];
      if (need && !state.phasesDone[need]) return `请先记录“${phaseLabel(need)}”`;
      return null;
    }
  }
}

export function statusLabel(s: OnSiteStatus): string {
  switch (s.kind) {
    case 'notStarted':
      return '未开始';
    case 'inProgress':
      return '执行中';
    case 'suspended':
      return isArt39Ground(s.ground) ? `已中止（${groundText(s.ground)}）` : `已停止（情形${s.ground}：${suspensionGrounds[s.ground]}）`;
    case 'completed':
      return '已完毕';
    case 'terminated':
      return s.ground === 1 ? '已终结（被执行人已自行履行）' : `已终结执行（${groundText(s.ground)}）`;
  }
}

export interface Elapsed {
  /** Wall time since 宣布开始执行 (to completion, if completed). */
  totalMs: number;
  /** Of which the operation stood stopped (停止 or 中止). */
  suspendedMs: number;
}

/** Elapsed wall time since the start, and time spent stopped; null before the start. */
export function elapsed(state: OnSiteState, now: Date): Elapsed | null {
  if (!state.startedAt) return null;
  const end = state.status.kind === 'completed' || state.status.kind === 'terminated' ? Date.parse(state.status.at) : now.getTime();
  const start = Date.parse(state.startedAt);
  let suspendedMs = 0;
  for (const s of state.suspensions) {
    const from = Math.max(Date.parse(s.from), start);
    const to = s.to ? Date.parse(s.to) : end;
    if (to > from) suspendedMs += to - from;
  }
  return { totalMs: Math.max(0, end - start), suspendedMs };
}

/** 01:05:09 — hours may exceed 24. */
export function formatDuration(ms: number): string {
  const total = Math.floor(Math.max(0, ms) / 1000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(Math.floor(total / 3600))}:${pad(Math.floor((total % 3600) / 60))}:${pad(total % 60)}`;
}
