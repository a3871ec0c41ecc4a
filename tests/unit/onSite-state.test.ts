import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { appendEntry, type LogInput } from '../../shared/log/append';
import type { LogEntry } from '../../shared/log/types';
import { checkInText, phases, phaseText, type PhaseCode, type SuspensionGround } from '../../shared/onSite/phases';
import { incidentEntry, publicOpinionEntry } from '../../shared/onSite/reports';
import { elapsed, formatDuration, onSiteState, statusLabel, whyNot, type OnSiteAct } from '../../shared/onSite/state';

const OP = 'op-1';
const T0 = Date.parse('2026-03-05T09:00:00.000+08:00');
const MIN = 60_000;

type Step =
  | { phase: PhaseCode; note?: string }
  | { stop: SuspensionGround; reason?: string }
  | { resume: string }
  | { checkIn: string }
  | { note: string };

function input(step: Step): Omit<LogInput, 'operationId' | 'operator'> {
  if ('phase' in step) return { category: 'phase', text: phaseText(step.phase, step.note), data: { phase: step.phase } };
  if ('stop' in step) return { category: 'suspension', text: step.reason ?? '理由', data: { ground: step.stop } };
  if ('resume' in step) return { category: 'resumption', text: step.resume };
  if ('checkIn' in step) return { category: 'checkIn', text: checkInText('某人', '某单位'), refs: { people: [step.checkIn] } };
  return { category: 'note', text: step.note };
}

/** One entry per step, a minute apart. */
function log(...steps: Step[]): LogEntry[] {
  const out: LogEntry[] = [];
  steps.forEach((s, i) => out.push(appendEntry(out[i - 1], { operationId: OP, operator: '陈志远', ...input(s) }, new Date(T0 + i * MIN))));
  return out;
}

const allowed = (entries: LogEntry[], act: OnSiteAct) => whyNot(onSiteState(entries), act) === null;

describe('on-site state from the log', () => {
  it('not started: only 宣布开始执行 among the phases; any ground may stop', () => {
    const s = onSiteState([]);
    expect(s.status).toEqual({ kind: 'notStarted' });
    expect(statusLabel(s.status)).toBe('未开始');
    expect(whyNot(s, { kind: 'phase', phase: 'start' })).toBeNull();
    expect(whyNot(s, { kind: 'phase', phase: 'cordon' })).toBe('请先宣布开始执行');
    for (const g of [1, 2, 3] as const) expect(whyNot(s, { kind: 'suspend', ground: g })).toBeNull();
    expect(whyNot(s, { kind: 'resume' })).toBe('当前未停止执行，无需恢复');
    expect(elapsed(s, new Date(T0))).toBeNull();
  });

  it('cannot declare the start twice; ground 1 is only possible before the start', () => {
    const entries = log({ phase: 'start' });
    const s = onSiteState(entries);
    expect(s.status.kind).toBe('inProgress');
    expect(whyNot(s, { kind: 'phase', phase: 'start' })).toMatch(/已于 09:00 记录（第 1 条），不能重复记录/);
    expect(whyNot(s, { kind: 'suspend', ground: 1 })).toMatch(/强制执行实施前/);
    expect(whyNot(s, { kind: 'suspend', ground: 3 })).toBeNull();
  });

  it('ground 3: stopped with since; no phases while stopped; resume returns to in progress', () => {
    const entries = log({ phase: 'start' }, { phase: 'cordon' }, { stop: 3, reason: '围观群众聚集' });
    const s = onSiteState(entries);
    expect(s.status).toEqual({ kind: 'suspended', ground: 3, since: entries[2]!.occurredAt, seq: 3 });
    expect(statusLabel(s.status)).toMatch(/^已停止（情形3：强制执行实施前，出现其他/);
    expect(whyNot(s, { kind: 'phase', phase: 'announce' })).toMatch(/停止期间不能记录执行环节/);
    expect(whyNot(s, { kind: 'suspend', ground: 2 })).toMatch(/请先恢复执行/);
    expect(whyNot(s, { kind: 'checkIn' })).toBeNull();
    const resumed = log({ phase: 'start' }, { phase: 'cordon' }, { stop: 3 }, { resume: '群众已疏散' }, { note: '继续' });
    const r = onSiteState(resumed);
    expect(r.status.kind).toBe('inProgress');
    expect(allowed(resumed, { kind: 'phase', phase: 'announce' })).toBe(true);
    // Started 09:00, stopped 09:02–09:03; at 09:10 → 10 min elapsed, 1 min of it stopped.
    expect(elapsed(r, new Date(T0 + 10 * MIN))).toEqual({ totalMs: 10 * MIN, suspendedMs: MIN });
  });

  it('ground 1 terminates: no resume, nothing but notes afterwards', () => {
    const entries = log({ checkIn: 'p1' }, { stop: 1, reason: '已搬离并交付钥匙' });
    const s = onSiteState(entries);
    expect(s.status.kind).toBe('terminated');
    expect(statusLabel(s.status)).toMatch(/^已终结/);
    expect(whyNot(s, { kind: 'resume' })).toMatch(/不再恢复/);
    expect(whyNot(s, { kind: 'phase', phase: 'start' })).toMatch(/不再恢复/);
    expect(whyNot(s, { kind: 'checkIn' })).not.toBeNull();
    expect(whyNot(s, { kind: 'note' })).toBeNull();
  });

  it('ground 1 during a ground-2 stop before the start still terminates', () => {
    const s = onSiteState(log({ stop: 2 }, { stop: 1 }));
    expect(s.status.kind).toBe('terminated');
  });

  it('inventory before demolition, in the seed order; completion ends everything but notes', () => {
    const e = log({ phase: 'start' }, { phase: 'inventoryStart' });
    expect(whyNot(onSiteState(e), { kind: 'phase', phase: 'demolitionStart' })).toBe('请先记录“清登完成”');
    expect(whyNot(onSiteState(e), { kind: 'phase', phase: 'demolitionDone' })).toBe('请先记录“拆除开始”');
    const done = log({ phase: 'start' }, { phase: 'complete' }, { note: '补记' });
    const s = onSiteState(done);
    expect(s.status).toEqual({ kind: 'completed', at: done[1]!.occurredAt });
    expect(whyNot(s, { kind: 'incident' })).toMatch(/已于 09:01 宣布执行完毕/);
    expect(whyNot(s, { kind: 'note' })).toBeNull();
    // Elapsed stops at completion.
    expect(elapsed(s, new Date(T0 + 60 * MIN))?.totalMs).toBe(MIN);
  });

  it('check-ins are collected per person', () => {
    const s = onSiteState(log({ checkIn: 'a' }, { checkIn: 'b' }, { checkIn: 'a' }));
    expect(s.checkIns.get('a')?.map((e) => e.seq)).toEqual([1, 3]);
    expect(s.checkIns.get('b')?.map((e) => e.seq)).toEqual([2]);
  });

  it('property: whatever acts were allowed, the state never leaves a terminal state, and start happens at most once', () => {
    const acts: OnSiteAct[] = [
      ...phases.map((p) => ({ kind: 'phase', phase: p.code }) as const),
      { kind: 'suspend', ground: 1 },
      { kind: 'suspend', ground: 2 },
      { kind: 'suspend', ground: 3 },
      { kind: 'resume' },
      { kind: 'note' },
    ];
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: acts.length - 1 }), { maxLength: 40 }), (picks) => {
        const steps: Step[] = [];
        for (const i of picks) {
          const act = acts[i]!;
          if (!allowed(log(...steps), act)) continue;
          if (act.kind === 'phase') steps.push({ phase: act.phase });
          else if (act.kind === 'suspend') steps.push({ stop: act.ground });
          else if (act.kind === 'resume') steps.push({ resume: '已消除' });
          else steps.push({ note: '记录' });
        }
        const entries = log(...steps);
        const starts = entries.filter((e) => e.data?.phase === 'start').length;
        expect(starts).toBeLessThanOrEqual(1);
        const s = onSiteState(entries);
        // A ground-1 stop never follows the start.
        const startSeq = entries.find((e) => e.data?.phase === 'start')?.seq ?? Infinity;
        expect(entries.some((e) => e.data?.ground === 1 && e.seq > startSeq)).toBe(false);
        // Terminal states are final: nothing but notes follow them.
        const end = entries.find((e) => e.data?.phase === 'complete' || e.data?.ground === 1);
        if (end) {
          expect(entries.filter((e) => e.seq > end.seq).every((e) => e.category === 'note')).toBe(true);
          expect(['completed', 'terminated']).toContain(s.status.kind);
        }
        // Elapsed time includes time stopped and is never negative.
        const t = elapsed(s, new Date(T0 + 100 * MIN));
        if (t) expect(t.suspendedMs).toBeLessThanOrEqual(t.totalMs);
      }),
      { numRuns: 150 },
    );
  });
});

describe('formatting', () => {
  it('durations and entry texts', () => {
    expect(formatDuration(0)).toBe('00:00:00');
    expect(formatDuration(26 * 3600_000 + 61_000)).toBe('26:01:01');
    expect(phaseText('cordon')).toBe('警戒到位');
    expect(phaseText('cordon', ' 外围 ')).toBe('警戒到位：外围');
    expect(checkInText('陈志远', '临江区房屋征收事务中心')).toBe('陈志远（临江区房屋征收事务中心）到岗');
    expect(checkInText('陈志远', '征收中心', '离岗后返回')).toBe('陈志远（征收中心）到岗：离岗后返回');
  });
});

describe('incident and public-opinion entries', () => {
  it('an incident needs its account and handling; 较大/重大 need whom it was reported to', () => {
    expect(incidentEntry({ severity: 'general', summary: '', handling: '' })).toEqual({
      ok: false,
      errors: { summary: '请填写事件经过', handling: '请填写处置情况（已采取的措施）' },
    });
    const serious = incidentEntry({ severity: 'serious', summary: '有人攀爬围挡', handling: '劝离' });
    expect(serious.ok === false && serious.errors.reportedTo).toMatch(/须报告领导小组/);
    const ok = incidentEntry({
      severity: 'major',
      summary: '被执行人亲属情绪激动',
      involved: '张伟',
      handling: '医护人员到场安抚',
      reportedTo: '协调领导小组办公室',
      reportedAt: '2026-03-05T10:05:00+08:00',
    });
    expect(ok).toMatchObject({
      ok: true,
      value: {
        text: '【重大事件】被执行人亲属情绪激动；涉及人员：张伟；处置：医护人员到场安抚；2026-03-05 10:05 已报告协调领导小组办公室',
        data: { severity: 'major', reportedTo: '协调领导小组办公室' },
      },
    });
    expect(incidentEntry({ severity: 'general', summary: 'a', handling: 'b', reportedAt: '2026-03-05T10:05' }).ok).toBe(false);
  });

  it('public opinion carries the unified response', () => {
    expect(publicOpinionEntry({ source: '', content: 'x', response: '' }).ok).toBe(false);
    expect(publicOpinionEntry({ source: '微信群', content: '称强拆', response: '依法依规' })).toEqual({
      ok: true,
      value: {
        text: '舆情（来源：微信群）：称强拆；统一回应口径：依法依规',
        data: { source: '微信群', content: '称强拆', response: '依法依规' },
      },
    });
  });
});
