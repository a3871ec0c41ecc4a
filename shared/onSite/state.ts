// Pure. Where the day stands, derived from the log entries alone (never from a separate
// status field), and which of the commander's acts are allowed next, with the reason why not.
import type { LogEntry } from '../log/types';
import { phases, suspensionGrounds, type PhaseCode, type SuspensionGround } from './phases';

export type OnSiteStatus =
  | { kind: 'notStarted' }
  | { kind: 'inProgress' }
  | { kind: 'suspended'; ground: SuspensionGround; since: string; seq: number }
  | { kind: 'completed'; at: string }
  | { kind: 'terminated'; at: string };

export interface OnSiteState {
  status: OnSiteStatus;
  /** occurredAt of 宣布开始执行, if declared. */
  startedAt?: string;
  /** Each phase recorded, with its entry (the first one, if somehow recorded twice). */
  phasesDone: Partial<Record<PhaseCode, LogEntry>>;
  /** Closed stop intervals after the start (occurredAt of stop and resume), for elapsed time. */
  suspensions: Array<{ ground: SuspensionGround; from: string; to?: string }>;
  /** Check-in entries per person id, in order. */
  checkIns: Map<string, LogEntry[]>;
}

const isPhase = (v: unknown): v is PhaseCode => phases.some((p) => p.code === v);
const isGround = (v: unknown): v is SuspensionGround => v === 1 || v === 2 || v === 3;

/** Folds the entries (any order; read by seq) into the state of the day. */
export function onSiteState(entries: readonly LogEntry[]): OnSiteState {
  const state: OnSiteState = { status: { kind: 'notStarted' }, phasesDone: {}, suspensions: [], checkIns: new Map() };
  let running: OnSiteStatus = { kind: 'notStarted' };
  for (const e of [...entries].sort((a, b) => a.seq - b.seq)) {
    const current = state.status;
    if (current.kind === 'completed' || current.kind === 'terminated') continue;
    if (e.category === 'phase' && isPhase(e.data?.phase)) {
      const phase = e.data.phase;
      state.phasesDone[phase] ??= e;
      if (phase === 'start') {
        state.startedAt ??= e.occurredAt;
        running = { kind: 'inProgress' };
        if (current.kind !== 'suspended') state.status = running;
      }
      if (phase === 'complete') state.status = { kind: 'completed', at: e.occurredAt };
    } else if (e.category === 'suspension' && isGround(e.data?.ground)) {
      const ground = e.data.ground;
      if (ground === 1) {
        state.status = { kind: 'terminated', at: e.occurredAt };
      } else if (current.kind !== 'suspended') {
        state.status = { kind: 'suspended', ground, since: e.occurredAt, seq: e.seq };
        state.suspensions.push({ ground, from: e.occurredAt });
      }
    } else if (e.category === 'resumption' && current.kind === 'suspended') {
      state.suspensions[state.suspensions.length - 1]!.to = e.occurredAt;
      state.status = running;
    } else if (e.category === 'checkIn' && e.refs.people?.length) {
      for (const id of e.refs.people) state.checkIns.set(id, [...(state.checkIns.get(id) ?? []), e]);
    }
  }
  return state;
}

export type OnSiteAct =
  | { kind: 'phase'; phase: PhaseCode }
  | { kind: 'suspend'; ground: SuspensionGround }
  | { kind: 'resume' }
  | { kind: 'checkIn' }
  | { kind: 'note' }
  | { kind: 'incident' }
  | { kind: 'publicOpinion' };

const phaseLabel = (code: PhaseCode) => phases.find((p) => p.code === code)!.label;
const hhmm = (iso: string) => iso.slice(11, 16);

/** What must be recorded before a phase, in the order the seed prescribes (000 §四(六)–(十一)). */
const phaseNeeds: Partial<Record<PhaseCode, PhaseCode>> = {
  inventoryDone: 'inventoryStart',
  demolitionStart: 'inventoryDone',
  demolitionDone: 'demolitionStart',
};

/** null when the act is allowed now; otherwise why not, in Chinese. */
export function whyNot(state: OnSiteState, act: OnSiteAct): string | null {
  const s = state.status;
  if (s.kind === 'completed' || s.kind === 'terminated') {
    if (act.kind === 'note') return null;
    return s.kind === 'completed'
      ? `已于 ${hhmm(s.at)} 宣布执行完毕，此后只能记录说明或更正`
      : `本行动已按停止情形一终结（${hhmm(s.at)}），不再恢复，只能记录说明或更正`;
  }
  switch (act.kind) {
    case 'note':
    case 'checkIn':
    case 'incident':
    case 'publicOpinion':
      return null;
    case 'resume':
      return s.kind === 'suspended' ? null : '当前未停止执行，无需恢复';
    case 'suspend':
      if (act.ground === 1) {
        return state.startedAt ? '情形一仅适用于“强制执行实施前”被执行人已自行履行；已宣布开始执行，不能再以此停止' : null;
      }
      return s.kind === 'suspended' ? `已于 ${hhmm(s.since)} 停止执行（情形${s.ground}），请先恢复执行` : null;
    case 'phase': {
      const done = state.phasesDone[act.phase];
      if (done) return `“${phaseLabel(act.phase)}”已于 ${hhmm(done.occurredAt)} 记录（第 ${done.seq} 条），不能重复记录`;
      if (s.kind === 'suspended') return `已停止执行（情形${s.ground}），停止期间不能记录执行环节；请先恢复执行`;
      if (act.phase !== 'start' && !state.startedAt) return '请先宣布开始执行';
      const need = phaseNeeds[act.phase];
      if (need && !state.phasesDone[need]) return `请先记录“${phaseLabel(need)}”`;
      return null;
    }
  }
}

export const statusLabel = (s: OnSiteStatus): string =>
  s.kind === 'notStarted'
    ? '未开始'
    : s.kind === 'inProgress'
      ? '执行中'
      : s.kind === 'suspended'
        ? `已停止（情形${s.ground}：${suspensionGrounds[s.ground]}）`
        : s.kind === 'completed'
          ? '已完毕'
          : '已终结（被执行人已自行履行）';

export interface Elapsed {
  /** Wall time since 宣布开始执行 (to completion, if completed). */
  totalMs: number;
  /** Of which the operation stood stopped (ground 2/3). */
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
