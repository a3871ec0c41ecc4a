import { describe, expect, it } from 'vitest';
import { appendEntry, type LogInput } from '../../shared/log/append';
import type { LogEntry } from '../../shared/log/types';
import {
  closingProblem,
  completionEntry,
  demolitionGate,
  gateMessage,
  GATE_BASIS,
  missingPhases,
  startEntry,
  startGate,
  type StartFacts,
} from '../../shared/onSite/gates';
import { phases, type PhaseCode } from '../../shared/onSite/phases';
import { onSiteState } from '../../shared/onSite/state';

/** Tuesday 8 December 2026, 09:30 in Beijing. */
const NOW = new Date('2026-12-08T09:30:00+08:00');
const at = (iso: string) => new Date(iso);
const ALL_BUT_DEMOLITION = phases.map((p) => p.code).filter((c) => !c.startsWith('demolition'));
const ALL_PHASES = phases.map((p) => p.code);

/** Everything in order for a start at NOW: the plan's window, both subjects served and their periods over, the 公告 posted and over. */
function ready(): StartFacts {
  return {
    plan: { version: 2, start: '2026-12-08T09:00:00+08:00', end: '2026-12-08T16:00:00+08:00', phases: ALL_BUT_DEMOLITION },
    subjects: [
      { subjectId: 's1', name: '张建国', servedOn: '2026-11-16', periodEndsOn: '2026-11-26' },
      { subjectId: 's2', name: '李秀兰', servedOn: '2026-11-18', periodEndsOn: '2026-11-30' },
    ],
    announcement: { postedOn: '2026-11-25', endsOn: '2026-12-02' },
    rulingScope: 'relocation',
  };
}

const codes = (facts: StartFacts, now = NOW, reason = '') => startGate(facts, now, { emergencyReason: reason }).problems.map((p) => p.code);

describe('startGate: 宣布开始执行', () => {
  it('allows the start when every condition is met, with nothing to override', () => {
    expect(startGate(ready(), NOW)).toEqual({ ok: true, problems: [], overridden: [], warnings: [] });
  });

  it('is refused 10 days before a subject’s period ends, naming the subject, the day and the basis', () => {
    const facts = ready();
    facts.subjects = [facts.subjects[0]!, { subjectId: 's2', name: '李秀兰', servedOn: '2026-12-01', periodEndsOn: '2026-12-18' }];
    const gate = startGate(facts, NOW);
    expect(gate.ok).toBe(false);
    expect(gate.problems).toEqual([
      {
        code: 'period.running',
        message: '李秀兰的自行履行期限至 2026-12-18 届满（2026-12-01 送达），届满后方可开始执行',
        basis: GATE_BASIS.period,
        overridable: false,
      },
    ]);
    expect(GATE_BASIS.period).toMatch(/西城区.*四（三）.*民事诉讼法》第八十五条/);
    // The last day of the period is still the subject's: the start comes the day after.
    const endingOn = (periodEndsOn: string): StartFacts => ({ ...facts, subjects: [facts.subjects[0]!, { ...facts.subjects[1]!, periodEndsOn }] });
    expect(codes(endingOn('2026-12-08'))).toEqual(['period.running']);
    expect(codes(endingOn('2026-12-07'))).toEqual([]);
  });

  it('lists every unmet condition at once, each with its legal basis', () => {
    const facts: StartFacts = {
      subjects: [
        { subjectId: 's1', name: '张建国' },
        { subjectId: 's2', name: '李秀兰', servedOn: '2026-12-06', periodEndsOn: '2026-12-16' },
      ],
      announcement: {},
      selfPerformedOn: '2026-12-01',
      rulingScope: 'relocation',
    };
    const gate = startGate(facts, at('2026-12-12T10:00:00+08:00'));
    expect(gate.ok).toBe(false);
    expect(gate.problems.map((p) => p.code)).toEqual(['selfPerformed', 'plan.none', 'service.missing', 'period.running', 'announcement.notPosted', 'time.weekend']);
    expect(gate.problems.find((p) => p.code === 'service.missing')?.message).toBe('《强制执行告知书》尚未送达张建国');
    for (const p of gate.problems) expect(p.basis).toMatch(/《.+》.*[条（]/);
    const text = gateMessage('宣布开始执行', gate);
    expect(text.split('\n')).toHaveLength(7);
    for (const p of gate.problems) expect(text).toContain(`${p.message}（依据：${p.basis}`);
    expect(text).toContain('情况紧急的，写明紧急情况后方可依法执行');
  });

  it('needs a final plan and a time inside its window', () => {
    expect(codes({ ...ready(), plan: undefined } as StartFacts)).toEqual(['plan.none']);
    const early = startGate(ready(), at('2026-12-08T08:45:00+08:00'));
    expect(early.problems).toMatchObject([{ code: 'plan.window', message: '现在不在预案（第 2 版）确定的执行时段（2026-12-08 09:00 至 2026-12-08 16:00）内' }]);
    expect(codes(ready(), at('2026-12-08T16:00:00+08:00'))).toEqual(['plan.window']);
    expect(codes({ ...ready(), subjects: [] })).toEqual(['subjects.none']);
  });

  it('needs the 公告 posted and its move-out period over', () => {
    expect(codes({ ...ready(), announcement: {} })).toEqual(['announcement.notPosted']);
    expect(codes({ ...ready(), announcement: { postedOn: '2026-11-25' } })).toEqual(['announcement.periodUnknown']);
    const running = startGate({ ...ready(), announcement: { postedOn: '2026-11-25', endsOn: '2026-12-08' } }, NOW);
    expect(running.problems).toMatchObject([{ code: 'announcement.periodRunning', basis: GATE_BASIS.announcement }]);
    expect(GATE_BASIS.announcement).toMatch(/四（四）/);
  });

  it('refuses once the subject performed (stop ground 1)', () => {
    const gate = startGate({ ...ready(), selfPerformedOn: '2026-12-05' }, NOW);
    expect(gate.problems).toMatchObject([{ code: 'selfPerformed', basis: GATE_BASIS.selfPerformed }]);
    expect(GATE_BASIS.selfPerformed).toMatch(/四（五）1/);
  });

  it('night: refused without a reason, refused with a reason too short to state facts, allowed with one, and only the night is overridden', () => {
    const facts = { ...ready(), plan: { ...ready().plan!, start: '2026-12-08T21:00:00+08:00', end: '2026-12-08T23:30:00+08:00' } };
    const now = at('2026-12-08T22:10:00+08:00');
    const plain = startGate(facts, now);
    expect(plain.ok).toBe(false);
    expect(plain.problems).toMatchObject([{ code: 'time.night', overridable: true }]);
    expect(plain.problems[0]!.basis).toMatch(/第四十三条.*噪声污染防治法》第八十八条/);
    const short = startGate(facts, now, { emergencyReason: '情况紧急' });
    expect(short.ok).toBe(false);
    expect(short.problems.map((p) => p.code)).toEqual(['time.night', 'emergency.reason']);
    const urgent = startGate(facts, now, { emergencyReason: '房屋主体结构已严重开裂，随时可能倒塌危及被执行人和邻居安全' });
    expect(urgent).toMatchObject({ ok: true, overridden: ['time.night'] });
    // The night counts for the whole remaining window, not just this minute.
    expect(codes(facts, at('2026-12-08T21:30:00+08:00'))).toEqual(['time.night']);
    // The night hours set in 设置 apply.
    expect(startGate(ready(), NOW, { night: { from: '09:00', to: '10:00' } }).problems.map((p) => p.code)).toEqual(['time.night']);
  });

  it('weekends and holidays: overridable for 情况紧急, and the override lifts nothing else', () => {
    const saturday = { ...ready(), plan: { ...ready().plan!, start: '2026-12-12T09:00:00+08:00', end: '2026-12-12T16:00:00+08:00' } };
    const sat = at('2026-12-12T09:30:00+08:00');
    expect(startGate(saturday, sat).problems).toMatchObject([{ code: 'time.weekend', overridable: true }]);
    expect(startGate(saturday, sat).problems[0]!.basis).toMatch(/最高法行他81号/);
    const reason = '被执行人在屋内存放大量液化气罐并扬言引爆，周边群众安全受到紧迫威胁';
    const urgent = startGate(saturday, sat, { emergencyReason: reason });
    expect(urgent).toMatchObject({ ok: true, overridden: ['time.weekend'] });
    // Once overridden the problem is still listed, worded as relying on the exception.
    expect(urgent.problems[0]!.message).toContain('现援引紧急情况例外');
    expect(startGate(saturday, sat).problems[0]!.message).toContain('除非情况紧急并填写紧急情况说明');

    const holiday = { ...ready(), plan: { ...ready().plan!, start: '2026-10-02T09:00:00+08:00', end: '2026-10-02T12:00:00+08:00' } };
    expect(codes(holiday, at('2026-10-02T10:00:00+08:00'))).toContain('time.statutoryHoliday');

    // A reason never lifts a non-time condition.
    const unserved = { ...saturday, subjects: [{ subjectId: 's1', name: '张建国' }] };
    const gate = startGate(unserved, sat, { emergencyReason: reason });
    expect(gate.ok).toBe(false);
    expect(gate.overridden).toEqual(['time.weekend']);
    expect(gate.problems.filter((p) => !p.overridable).map((p) => p.code)).toEqual(['service.missing']);
    expect(gateMessage('宣布开始执行', gate)).not.toContain('星期六');
  });

  it('the ruling covers the phases planned: a planned demolition needs a ruling that allows it and the 强制拆除通知书 15 days before', () => {
    const demolition = { ...ready(), plan: { ...ready().plan!, phases: ALL_PHASES } };
    const refused = startGate(demolition, NOW);
    expect(refused.problems.map((p) => p.code)).toEqual(['scope.demolition', 'demolitionNotice.missing']);
    expect(refused.problems[0]).toMatchObject({
      message: '预案安排了房屋拆除，但法院裁定准予强制搬迁（不含拆除），未准予拆除',
      basis: expect.stringMatching(/法释〔2012〕4号）第九条/),
    });
    const allowed = { ...demolition, rulingScope: 'relocationAndDemolition' as const, demolitionNoticeServedOn: '2026-11-23' };
    expect(startGate(allowed, NOW).ok).toBe(true);
    const late = startGate({ ...allowed, demolitionNoticeServedOn: '2026-11-24' }, NOW);
    expect(late.problems).toMatchObject([{ code: 'demolitionNotice.tooLate', message: '《强制拆除通知书》于 2026-11-24 送达，须满15日，2026-12-09 起方可拆除' }]);
    expect(late.problems[0]!.basis).toMatch(/四（四）：在强制拆除15日前/);
    // A limit the ruling states is quoted.
    expect(startGate({ ...demolition, scopeLimit: '仅准予搬迁，不含附属建筑拆除' }, NOW).problems[0]!.message).toContain('（仅准予搬迁，不含附属建筑拆除）');
    // Without demolition planned, a 搬迁-only ruling is enough.
    expect(startGate(ready(), NOW).ok).toBe(true);
  });
});

const T0 = Date.parse('2026-12-08T09:00:00+08:00');
function log(...inputs: Omit<LogInput, 'operationId' | 'operator'>[]): LogEntry[] {
  const out: LogEntry[] = [];
  inputs.forEach((x, i) => out.push(appendEntry(out[i - 1], { operationId: 'op', operator: '陈志远', ...x }, new Date(T0 + i * 60_000))));
  return out;
}
const phase = (p: PhaseCode) => ({ category: 'phase' as const, text: p, data: { phase: p } });
const check = (c: string) => ({ category: 'safetyCheck' as const, group: 'demolition', text: c, data: { check: c } });
const day = [phase('start'), phase('cordon'), phase('announce'), phase('escort'), phase('inventoryStart'), phase('inventoryDone')];

describe('demolitionGate: 拆除开始', () => {
  const allowing = { rulingScope: 'relocationAndDemolition' as const, demolitionNoticeServedOn: '2026-11-20' };

  it('is refused without the house cleared, the supplies isolated and a roll call, each with its basis', () => {
    const gate = demolitionGate(allowing, onSiteState(log(...day)), NOW);
    expect(gate.ok).toBe(false);
    expect(gate.problems.map((p) => p.code)).toEqual(['safety.houseCleared', 'safety.utilitiesIsolated', 'safety.rollCall']);
    expect(gate.problems[0]).toMatchObject({ message: '尚未记录“房屋已腾空”：清登完成后，逐间核实屋内已无人员、无物品', basis: GATE_BASIS.safety });
    expect(gate.problems[1]!.basis).toMatch(/第四十三条第二款/);
  });

  it('is allowed with the three checks, the ruling and the notice', () => {
    const state = onSiteState(log(...day, check('houseCleared'), check('utilitiesIsolated'), check('rollCall')));
    expect(demolitionGate(allowing, state, NOW)).toEqual({ ok: true, problems: [], overridden: [], warnings: [] });
  });

  it('is refused when the ruling allows the move only, or the notice was not served 15 days before', () => {
    const state = onSiteState(log(...day, check('houseCleared'), check('utilitiesIsolated'), check('rollCall')));
    expect(demolitionGate({ rulingScope: 'relocation' }, state, NOW).problems.map((p) => p.code)).toEqual(['scope.demolition', 'demolitionNotice.missing']);
    expect(demolitionGate({ ...allowing, demolitionNoticeServedOn: '2026-12-01' }, state, NOW).problems.map((p) => p.code)).toEqual(['demolitionNotice.tooLate']);
  });

  it('a roll call made before a 中止 does not count after the resumption', () => {
    const stale = onSiteState(
      log(...day, check('houseCleared'), check('utilitiesIsolated'), check('rollCall'), { category: 'suspension', text: '群众进入', data: { ground: 'art39-4' } }, { category: 'resumption', text: '已清场' }),
    );
    expect(demolitionGate(allowing, stale, NOW).problems).toMatchObject([{ code: 'safety.rollCall', message: '“拆除前清点人员”记录于恢复执行之前（第 9 条），恢复后须重新清点' }]);
  });
});

describe('closing: 宣布执行完毕', () => {
  it('lists the phases never recorded and needs exactly those confirmed', () => {
    const state = onSiteState(log(...day));
    expect(missingPhases(state)).toEqual(['demolitionStart', 'demolitionDone']);
    expect(closingProblem(state, [])).toBe('以下环节未记录：拆除开始、拆除完成。请核实并确认后再宣布执行完毕');
    expect(closingProblem(state, ['demolitionStart'])).not.toBeNull();
    expect(closingProblem(state, ['demolitionDone', 'demolitionStart'])).toBeNull();
    expect(completionEntry('房屋已交付', missingPhases(state))).toEqual({
      text: '宣布执行完毕：房屋已交付',
      data: { phase: 'complete', missingPhases: 'demolitionStart,demolitionDone' },
    });
    const full = onSiteState(log(...day, phase('demolitionStart'), phase('demolitionDone')));
    expect(closingProblem(full, [])).toBeNull();
    expect(completionEntry('', [])).toEqual({ text: '宣布执行完毕', data: { phase: 'complete' } });
  });
});

describe('the start entry', () => {
  it('carries the emergency, its reason and the overridden codes (the report reads them)', () => {
    const facts = { ...ready(), plan: { ...ready().plan!, start: '2026-12-12T09:00:00+08:00', end: '2026-12-12T16:00:00+08:00' } };
    const reason = '被执行人在屋内存放大量液化气罐并扬言引爆，周边群众安全受到紧迫威胁';
    const gate = startGate(facts, at('2026-12-12T09:30:00+08:00'), { emergencyReason: reason });
    expect(startEntry('各组到位', gate, ` ${reason} `, 2)).toEqual({
      text: `宣布开始执行：各组到位（情况紧急，依《中华人民共和国行政强制法》第四十三条“情况紧急的除外”于休息日执行：${reason}）`,
      data: { phase: 'start', planVersion: 2, emergency: true, emergencyReason: reason, overridden: 'time.weekend' },
    });
    expect(startEntry('', startGate(ready(), NOW), '', 2)).toEqual({ text: '宣布开始执行', data: { phase: 'start', planVersion: 2 } });
  });
});
