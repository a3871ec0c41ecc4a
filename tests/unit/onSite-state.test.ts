import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { appendEntry, type LogInput } from '../../shared/log/append';
import type { LogEntry } from '../../shared/log/types';
import { compareLog } from '../../shared/log/order';
import {
  art39Grounds,
  art40Grounds,
  checkInText,
  phases,
  phaseText,
  stopActLabel,
  stopGroundText,
  type Art40Ground,
  type PhaseCode,
  type StopGround,
} from '../../shared/onSite/phases';
import { incidentEntry, publicOpinionEntry } from '../../shared/onSite/reports';
import { safetyCheckEntry, type SafetyCheckCode } from '../../shared/onSite/safety';
import { elapsed, formatDuration, onSiteState, statusLabel, whyNot, type OnSiteAct } from '../../shared/onSite/state';

const OP = 'op-1';
const T0 = Date.parse('2026-03-05T09:00:00.000+08:00');
const MIN = 60_000;

type Step =
  | { phase: PhaseCode; note?: string }
  | { stop: StopGround; reason?: string }
  | { terminate: Art40Ground }
  | { resume: string }
  | { check: SafetyCheckCode }
  | { checkIn: string }
  | { note: string };

function input(step: Step): Omit<LogInput, 'operationId' | 'operator'> {
  if ('phase' in step) return { category: 'phase', text: phaseText(step.phase, step.note), data: { phase: step.phase } };
  if ('stop' in step) return { category: 'suspension', text: step.reason ?? '理由', data: { ground: step.stop } };
  if ('terminate' in step) return { category: 'termination', text: '裁定已撤销', data: { ground: step.terminate } };
  if ('resume' in step) return { category: 'resumption', text: step.resume };
  if ('check' in step) return { category: 'safetyCheck', group: 'demolition', text: step.check, data: { check: step.check } };
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
const art39 = Object.keys(art39Grounds) as (keyof typeof art39Grounds)[];

describe('on-site state from the log', () => {
  it("not started: only 宣布开始执行 among the phases; the seed's three grounds stop, §39 does not yet apply", () => {
    const s = onSiteState([]);
    expect(s.status).toEqual({ kind: 'notStarted' });
    expect(statusLabel(s.status)).toBe('未开始');
    expect(whyNot(s, { kind: 'phase', phase: 'start' })).toBeNull();
    expect(whyNot(s, { kind: 'phase', phase: 'cordon' })).toBe('请先宣布开始执行');
    for (const g of [1, 2, 3] as const) expect(whyNot(s, { kind: 'suspend', ground: g })).toBeNull();
    for (const g of art39) expect(whyNot(s, { kind: 'suspend', ground: g })).toMatch(/中止执行适用于宣布开始执行之后/);
    expect(whyNot(s, { kind: 'terminate', ground: 'art40-4' })).toBeNull();
    expect(whyNot(s, { kind: 'resume' })).toBe('当前未停止执行，无需恢复');
    expect(whyNot(s, { kind: 'safetyCheck', check: 'rollCall' })).toBe('请先宣布开始执行');
    expect(elapsed(s, new Date(T0))).toBeNull();
  });

  it('after the start: no second start; the “实施前” grounds are no longer offered, 中止 on §39 is', () => {
    const entries = log({ phase: 'start' });
    const s = onSiteState(entries);
    expect(s.status.kind).toBe('inProgress');
    expect(whyNot(s, { kind: 'phase', phase: 'start' })).toMatch(/已于 09:00 记录（第 1 条），不能重复记录/);
    expect(whyNot(s, { kind: 'suspend', ground: 1 })).toMatch(/强制执行实施前/);
    expect(whyNot(s, { kind: 'suspend', ground: 3 })).toMatch(/情形三仅适用于“强制执行实施前”.*第三十九条/);
    expect(whyNot(s, { kind: 'suspend', ground: 2 })).toMatch(/此后停止即中止执行/);
    for (const g of art39) expect(whyNot(s, { kind: 'suspend', ground: g })).toBeNull();
    expect(whyNot(s, { kind: 'terminate', ground: 'art40-4' })).toBeNull();
  });

  it("中止 on §39: stopped, no phases while stopped, resumed; the ground reads in the statute's words", () => {
    const entries = log({ phase: 'start' }, { phase: 'cordon' }, { stop: 'art39-3', reason: '楼体出现裂缝' });
    const s = onSiteState(entries);
    expect(s.status).toEqual({ kind: 'suspended', ground: 'art39-3', since: entries[2]!.occurredAt, seq: 3 });
    expect(statusLabel(s.status)).toBe('已中止（《中华人民共和国行政强制法》第三十九条第一款第（三）项（参照适用）：执行可能造成难以弥补的损失，且中止执行不损害公共利益的）');
    expect(whyNot(s, { kind: 'phase', phase: 'announce' })).toMatch(/已停止执行（第三十九条第（三）项），停止期间不能记录执行环节/);
    expect(whyNot(s, { kind: 'suspend', ground: 'art39-1' })).toMatch(/请先恢复执行/);
    expect(stopActLabel(entries[2]!)).toBe('中止执行');
    expect(stopGroundText(entries[2]!)).toBe('《中华人民共和国行政强制法》第三十九条第一款第（三）项（参照适用）：执行可能造成难以弥补的损失，且中止执行不损害公共利益的');
    const resumed = log({ phase: 'start' }, { phase: 'cordon' }, { check: 'rollCall' }, { stop: 'art39-3' }, { resume: '已加固' });
    expect(onSiteState(resumed).status.kind).toBe('inProgress');
    expect(onSiteState(resumed).lastResumed).toBe(resumed[4]);
    // A check made before the stop comes before the latest 恢复执行 (so it no longer vouches for the site); made again, after it.
    const before = onSiteState(resumed);
    expect(compareLog(before.safetyChecks.rollCall!, before.lastResumed!)).toBeLessThan(0);
    const checkedAgain = onSiteState(log({ phase: 'start' }, { phase: 'cordon' }, { check: 'rollCall' }, { stop: 'art39-3' }, { resume: '已加固' }, { check: 'rollCall' }));
    expect(compareLog(checkedAgain.safetyChecks.rollCall!, checkedAgain.lastResumed!)).toBeGreaterThan(0);
  });

  it('old logs read the same: a ground-3 stop after the start (recorded before 中止 existed) still stops, and resumes', () => {
    const entries = log({ phase: 'start' }, { phase: 'cordon' }, { stop: 3, reason: '围观群众聚集' });
    const s = onSiteState(entries);
    expect(s.status).toEqual({ kind: 'suspended', ground: 3, since: entries[2]!.occurredAt, seq: 3 });
    expect(statusLabel(s.status)).toMatch(/^已停止（情形3：强制执行实施前，出现其他/);
    expect(whyNot(s, { kind: 'phase', phase: 'announce' })).toMatch(/停止期间不能记录执行环节/);
    expect(whyNot(s, { kind: 'checkIn' })).toBeNull();
    expect(stopActLabel(entries[2]!)).toBe('停止执行');
    expect(stopGroundText(entries[2]!)).toBe('情形三：强制执行实施前，出现其他可能对安全和社会稳定产生重大影响的情形');
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
    expect(s.status).toEqual({ kind: 'terminated', at: entries[1]!.occurredAt, ground: 1 });
    expect(statusLabel(s.status)).toBe('已终结（被执行人已自行履行）');
    expect(whyNot(s, { kind: 'resume' })).toMatch(/不再恢复/);
    expect(whyNot(s, { kind: 'phase', phase: 'start' })).toMatch(/不再恢复/);
    expect(whyNot(s, { kind: 'checkIn' })).not.toBeNull();
    expect(whyNot(s, { kind: 'terminate', ground: 'art40-5' })).not.toBeNull();
    expect(whyNot(s, { kind: 'note' })).toBeNull();
  });

  it('终结 on §40 ends the operation from any state, closing an open 中止', () => {
    const entries = log({ phase: 'start' }, { stop: 'art39-2' }, { terminate: 'art40-4' }, { note: '补记' });
    const s = onSiteState(entries);
    expect(s.status).toEqual({ kind: 'terminated', at: entries[2]!.occurredAt, ground: 'art40-4' });
    expect(statusLabel(s.status)).toBe('已终结执行（《中华人民共和国行政强制法》第四十条第（四）项（参照适用）：据以执行的行政决定被撤销的）');
    expect(s.suspensions).toEqual([{ ground: 'art39-2', from: entries[1]!.occurredAt, to: entries[2]!.occurredAt }]);
    expect(whyNot(s, { kind: 'resume' })).toMatch(/终结执行，不再恢复/);
    expect(whyNot(s, { kind: 'phase', phase: 'complete' })).toMatch(/终结执行/);
    expect(stopActLabel(entries[2]!)).toBe('终结执行');
    expect(stopGroundText(entries[2]!)).toMatch(/^《中华人民共和国行政强制法》第四十条第（四）项（参照适用）：据以执行的行政决定被撤销的$/);
    // Before the start too: the ruling revoked the day before.
    expect(onSiteState(log({ terminate: 'art40-4' })).status.kind).toBe('terminated');
    // Every §40 ground reads in words.
    for (const g of Object.keys(art40Grounds) as Art40Ground[]) {
      expect(stopGroundText(log({ terminate: g })[0]!)).toContain(art40Grounds[g]);
    }
  });

  it('stopGroundText says so when an entry carries no ground it knows', () => {
    const [note] = log({ note: '随便' });
    expect(stopGroundText(note!)).toBe('未记录停止情形');
    const [odd] = log({ stop: 'art99' as StopGround });
    expect(stopGroundText(odd!)).toBe('未记录停止情形');
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

  it('the checks before 拆除 in their order: cleared after the inventory, supplies only once cleared (never to force a move)', () => {
    const started = log({ phase: 'start' }, { phase: 'inventoryStart' });
    expect(whyNot(onSiteState(started), { kind: 'safetyCheck', check: 'houseCleared' })).toMatch(/请先记录“清登完成”/);
    expect(whyNot(onSiteState(started), { kind: 'safetyCheck', check: 'utilitiesIsolated' })).toMatch(
      /房屋腾空前不得断开供水、供电、供气、供热（《中华人民共和国行政强制法》第四十三条第二款、《国有土地上房屋征收与补偿条例》第二十七条第三款）/,
    );
    expect(whyNot(onSiteState(started), { kind: 'safetyCheck', check: 'rollCall' })).toBeNull();
    const cleared = log({ phase: 'start' }, { phase: 'inventoryStart' }, { phase: 'inventoryDone' }, { check: 'houseCleared' });
    const s = onSiteState(cleared);
    expect(s.safetyChecks.houseCleared?.seq).toBe(4);
    expect(whyNot(s, { kind: 'safetyCheck', check: 'utilitiesIsolated' })).toBeNull();
    const stopped = onSiteState(log({ phase: 'start' }, { stop: 'art39-4' }));
    expect(whyNot(stopped, { kind: 'safetyCheck', check: 'rollCall' })).toMatch(/停止期间不能记录/);
  });

  it('check-ins are collected per person', () => {
    const s = onSiteState(log({ checkIn: 'a' }, { checkIn: 'b' }, { checkIn: 'a' }));
    expect(s.checkIns.get('a')?.map((e) => e.seq)).toEqual([1, 3]);
    expect(s.checkIns.get('b')?.map((e) => e.seq)).toEqual([2]);
  });

  it('property: whatever acts were allowed, the grounds fit the moment, terminal states stay terminal, and the start happens at most once', () => {
    const acts: OnSiteAct[] = [
      ...phases.map((p) => ({ kind: 'phase', phase: p.code }) as const),
      ...([1, 2, 3, ...art39] as StopGround[]).map((ground) => ({ kind: 'suspend', ground }) as const),
      { kind: 'terminate', ground: 'art40-4' },
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
          else if (act.kind === 'terminate') steps.push({ terminate: act.ground });
          else if (act.kind === 'resume') steps.push({ resume: '已消除' });
          else steps.push({ note: '记录' });
        }
        const entries = log(...steps);
        const starts = entries.filter((e) => e.data?.phase === 'start').length;
        expect(starts).toBeLessThanOrEqual(1);
        const s = onSiteState(entries);
        // The “实施前” grounds never follow the start; 中止 on §39 never precedes it.
        const startSeq = entries.find((e) => e.data?.phase === 'start')?.seq ?? Infinity;
        expect(entries.some((e) => (e.data?.ground === 1 || e.data?.ground === 2 || e.data?.ground === 3) && e.seq > startSeq)).toBe(false);
        expect(entries.some((e) => String(e.data?.ground).startsWith('art39') && e.seq < startSeq)).toBe(false);
        // Terminal states are final: nothing but notes follow them.
        const end = entries.find((e) => e.data?.phase === 'complete' || e.data?.ground === 1 || e.category === 'termination');
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

describe('safety-check entries', () => {
  it('each check needs its facts; isolation names the supplies and the units that cut them', () => {
    expect(safetyCheckEntry({ check: 'houseCleared', note: ' ' })).toEqual({ ok: false, errors: { note: '请写明核实情况（如经逐间查看，屋内已无人员、无物品）' } });
    expect(safetyCheckEntry({ check: 'utilitiesIsolated', utilities: [], units: '' })).toEqual({
      ok: false,
      errors: { utilities: '请选择已断开的供应（供水、供电、供气、供热）', units: '请写明实施断开的供水、供电、供气、供热单位' },
    });
    expect(safetyCheckEntry({ check: 'utilitiesIsolated', utilities: ['water', 'power', 'water'], units: '临江供电公司、临江自来水公司' })).toEqual({
      ok: true,
      value: {
        text: '拆除前安全隔离：供水、供电已由临江供电公司、临江自来水公司断开（房屋已腾空，为拆除安全所需，非以停止供应迫使搬迁）',
        data: { check: 'utilitiesIsolated', utilities: 'water,power', units: '临江供电公司、临江自来水公司' },
      },
    });
    expect(safetyCheckEntry({ check: 'rollCall', note: '房屋内无人，作业区 8 人已撤至警戒线外' })).toEqual({
      ok: true,
      value: { text: '拆除前清点人员：房屋内无人，作业区 8 人已撤至警戒线外', data: { check: 'rollCall' } },
    });
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
    expect(checkInText('马晓东', '征收中心', '', true)).toBe('马晓东（征收中心）到岗（无培训记录）');
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
