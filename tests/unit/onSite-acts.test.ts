// The acts of the day decided as the demo decides them: pure functions over the log entries and
// records held in memory, each outcome appended to the log the way the write path stores it.
import { describe, expect, it } from 'vitest';
import type { Person } from '../../shared/commandPost/types';
import { appendEntry } from '../../shared/log/append';
import type { LogEntry } from '../../shared/log/types';
import {
  decideCheckIn,
  decideIncident,
  decideNote,
  decidePhase,
  decidePublicOpinion,
  decideResumption,
  decideSafetyCheck,
  decideSuspension,
  decideTermination,
  type PhaseRequest,
} from '../../shared/onSite/acts';
import type { StartFacts } from '../../shared/onSite/gates';
import { phases } from '../../shared/onSite/phases';
import type { Operation } from '../../shared/operation/types';
import type { ActOutcome } from '../../shared/record/act';
import { acted } from './decision-helpers';

/** Tuesday 8 December 2026, 09:30 in Beijing. */
const NOW = new Date('2026-12-08T09:30:00+08:00');
const SATURDAY = new Date('2026-12-12T09:30:00+08:00');

const ready = (): StartFacts => ({
  plan: { version: 2, start: '2026-12-08T09:00:00+08:00', end: '2026-12-08T16:00:00+08:00', phases: phases.map((p) => p.code) },
  subjects: [{ subjectId: 's1', name: '张建国', servedOn: '2026-11-16', periodEndsOn: '2026-11-26' }],
  announcement: { postedOn: '2026-11-25', endsOn: '2026-12-02' },
  rulingScope: 'relocationAndDemolition',
  demolitionNoticeServedOn: '2026-11-20',
});

const operation = { id: 'op', onSiteCommanderId: 'p1' } as Operation;

/** The log of one day: each act's entry appended as the write path would, a minute apart. */
class Day {
  entries: LogEntry[] = [];
  facts = ready();
  record(outcome: ActOutcome<unknown>): LogEntry {
    const at = new Date(NOW.getTime() + this.entries.length * 60_000);
    const entry = appendEntry(this.entries.at(-1), { operationId: 'op', operator: '陈志远', group: '', ...outcome.entry }, at);
    this.entries.push(entry);
    return entry;
  }
  phase(r: PhaseRequest, now = NOW) {
    return this.record(decidePhase({ entries: this.entries, facts: this.facts }, r, now));
  }
}

describe('phases behind their gates', () => {
  it('declares the start when the gate is open, under the recorder’s group, naming the plan version', () => {
    const day = new Day();
    const outcome = decidePhase({ entries: [], facts: day.facts }, { phase: 'start', note: '各组到位', group: 'security' }, NOW);
    expect(outcome).toEqual({
      entry: { category: 'phase', group: 'security', text: '宣布开始执行：各组到位', data: { phase: 'start', planVersion: 2 } },
      changes: [],
      result: undefined,
    });
  });

  it('refuses the start listing every unmet condition with its basis; twice is refused too', () => {
    const day = new Day();
    day.facts = { ...ready(), plan: undefined, announcement: {} };
    expect(() => day.phase({ phase: 'start' })).toThrow(/^不能宣布开始执行：\n1\. 尚无定稿的《强制执行预案》（依据：.*\n2\. 《强制执行公告》尚未在执行现场张贴（依据：/s);
    day.facts = ready();
    day.phase({ phase: 'start' });
    expect(() => day.phase({ phase: 'start' })).toThrow('“宣布开始执行”已于 09:30 记录（第 1 条），不能重复记录');
  });

  it('on a Saturday only with 情况紧急 stated; the reason goes into the entry', () => {
    const day = new Day();
    day.facts = { ...ready(), plan: { ...ready().plan!, start: '2026-12-12T09:00:00+08:00', end: '2026-12-12T16:00:00+08:00' } };
    expect(() => day.phase({ phase: 'start' }, SATURDAY)).toThrow(/星期六.*情况紧急的，写明紧急情况后方可依法执行/s);
    const reason = '房屋主体结构严重受损，随时可能倒塌，危及周边居民安全';
    const entry = day.phase({ phase: 'start', emergencyReason: reason }, SATURDAY);
    expect(entry.text).toContain(`情况紧急，依《中华人民共和国行政强制法》第四十三条“情况紧急的除外”于休息日执行：${reason}`);
    expect(entry.data).toMatchObject({ emergency: true, emergencyReason: reason, overridden: 'time.weekend' });
  });

  it('refuses 拆除开始 until the checks before it are recorded, and the completion until the missing phases are confirmed', () => {
    const day = new Day();
    for (const phase of ['start', 'cordon', 'announce', 'escort', 'inventoryStart', 'inventoryDone'] as const) day.phase({ phase });
    expect(() => day.phase({ phase: 'demolitionStart' })).toThrow(/^不能开始拆除：\n1\. 尚未记录“房屋已腾空”/);
    expect(() => day.phase({ phase: 'complete' })).toThrow('以下环节未记录：拆除开始、拆除完成。请核实并确认后再宣布执行完毕');
    const done = day.phase({ phase: 'complete', confirmedMissing: ['demolitionDone', 'demolitionStart'] });
    expect(done.data).toEqual({ phase: 'complete', missingPhases: 'demolitionStart,demolitionDone' });
    expect(() => day.phase({ phase: 'cordon' })).toThrow(/已于 \d\d:\d\d 宣布执行完毕，此后只能记录说明或更正/);
    expect(day.record(decideNote(day.entries, '补记：现场已移交'))).toMatchObject({ category: 'note' });
  });
});

describe('stops, resumption and termination', () => {
  it('ground 1 before the start ends the operation with its self-performance record, in one outcome', () => {
    const outcome = decideSuspension({ entries: [], operation }, { ground: 1, reason: '被执行人已搬离并交付钥匙', recordedBy: '陈志远' }, NOW);
    expect(outcome.entry).toEqual({
      category: 'suspension',
      group: '',
      text: '被执行人已于2026-12-08自行履行，停止强制执行（情形一，不再恢复）：被执行人已搬离并交付钥匙',
      data: { ground: 1 },
    });
    expect(outcome.changes).toEqual([
      {
        table: 'operations',
        op: 'put',
        record: {
          ...operation,
          termination: { ground: 'selfPerformed', occurredOn: '2026-12-08', note: '被执行人已搬离并交付钥匙', recordedBy: '陈志远', recordedAt: '2026-12-08T09:30:00.000+08:00' },
          updatedAt: '2026-12-08T09:30:00.000+08:00',
        },
      },
    ]);
    // Recorded once: a second time is refused by the record, before any entry.
    const ended = { ...operation, termination: { ground: 'selfPerformed' as const, occurredOn: '2026-12-07', note: '', recordedBy: '', recordedAt: '' } };
    expect(() => decideSuspension({ entries: [], operation: ended }, { ground: 1, reason: '再次', recordedBy: '陈志远' }, NOW)).toThrow('该行动已记录为自行履行终止');
  });

  it('refuses a stop without a reason, the seed’s grounds after the start, §39 before it, and a second stop', () => {
    const day = new Day();
    const stop = (ground: 1 | 2 | 3 | 'art39-3', reason = '理由') => decideSuspension({ entries: day.entries, operation }, { ground, reason, recordedBy: '陈志远' }, NOW);
    expect(() => stop(2, ' ')).toThrow('请填写停止执行的具体理由');
    expect(() => stop('art39-3')).toThrow('中止执行适用于宣布开始执行之后；开始前请按西城区细则四（五）的情形停止执行');
    day.phase({ phase: 'start' });
    expect(() => stop(1)).toThrow(/^情形一仅适用于“强制执行实施前”被执行人已自行履行/);
    expect(() => stop(3)).toThrow(/^情形三仅适用于“强制执行实施前”/);
    expect(day.record(stop('art39-3', '楼体出现裂缝'))).toMatchObject({ category: 'suspension', text: '楼体出现裂缝', data: { ground: 'art39-3' } });
    expect(() => stop('art39-3')).toThrow(/请先恢复执行/);
    expect(() => day.phase({ phase: 'announce' })).toThrow(/停止期间不能记录执行环节/);
  });

  it('resumes only what is stopped, with a reason; terminates with a reason, after which only notes', () => {
    const day = new Day();
    day.phase({ phase: 'start' });
    expect(() => decideResumption(day.entries, '已消除')).toThrow('当前未停止执行，无需恢复');
    day.record(decideSuspension({ entries: day.entries, operation }, { ground: 'art39-4', reason: '围观', recordedBy: '陈志远' }, NOW));
    expect(() => decideResumption(day.entries, ' ')).toThrow('请写明恢复执行的理由（阻碍执行的情形已消失的情况）');
    expect(day.record(decideResumption(day.entries, ' 已清场 ', 'security'))).toMatchObject({ category: 'resumption', text: '已清场', group: 'security' });
    expect(() => decideTermination(day.entries, 'art40-4', '')).toThrow('请填写终结执行的具体理由（如撤销裁定的文书名称、文号）');
    expect(day.record(decideTermination(day.entries, 'art40-4', '裁定已撤销'))).toMatchObject({ category: 'termination', data: { ground: 'art40-4' } });
    expect(() => decideResumption(day.entries, '恢复')).toThrow(/终结执行，不再恢复/);
    expect(() => decideIncident(day.entries, { severity: 'general', summary: '有人', handling: '劝离' })).toThrow(/只能记录说明或更正/);
  });
});

describe('the checks before 拆除', () => {
  it('returns the field messages, refuses isolation before the house is cleared, records under the demolition group', () => {
    const day = new Day();
    for (const phase of ['start', 'cordon', 'announce', 'escort', 'inventoryStart'] as const) day.phase({ phase });
    expect(decideSafetyCheck(day.entries, { check: 'houseCleared', note: ' ' })).toEqual({
      ok: false,
      errors: { note: '请写明核实情况（如经逐间查看，屋内已无人员、无物品）' },
    });
    expect(() => decideSafetyCheck(day.entries, { check: 'houseCleared', note: '已腾空' })).toThrow('请先记录“清登完成”：物品清登搬离后方可确认房屋已腾空');
    day.phase({ phase: 'inventoryDone' });
    expect(() => decideSafetyCheck(day.entries, { check: 'utilitiesIsolated', utilities: ['power'], units: '供电公司' })).toThrow(/^房屋腾空前不得断开供水、供电、供气、供热/);
    const cleared = acted(decideSafetyCheck(day.entries, { check: 'houseCleared', note: '逐间查看，已无人员、物品' }));
    expect(cleared.entry).toMatchObject({ category: 'safetyCheck', group: 'demolition', data: { check: 'houseCleared' } });
    day.record(cleared);
    day.record(acted(decideSafetyCheck(day.entries, { check: 'utilitiesIsolated', utilities: ['water', 'power'], units: '自来水公司、供电公司' })));
    day.record(acted(decideSafetyCheck(day.entries, { check: 'rollCall', note: '作业区无人' })));
    expect(day.phase({ phase: 'demolitionStart' }).data).toEqual({ phase: 'demolitionStart' });
  });
});

describe('check-in, notes, incidents, public opinion', () => {
  const trained: Person = { id: 'p2', operationId: 'op', memberUnitId: 'u', name: '杨帆', post: '科员', phone: '', badgeNumber: 'B2', training: { course: '岗前培训', date: '2026-09-18' } };
  const untrained: Person = { ...trained, id: 'p3', name: '马晓东', training: undefined };
  const groups = [{ leaderId: 'p2', memberIds: ['p3'] }];

  it('checks in, flags someone assigned without training, needs a note for a second check-in', () => {
    const day = new Day();
    const ctx = (record: Person) => ({ entries: day.entries, operation, groups, record });
    const first = day.record(decideCheckIn(ctx(trained), { id: 'p2', name: '杨帆', unit: '区征收中心' }, '', NOW, 'evidence'));
    expect(first).toMatchObject({ category: 'checkIn', group: 'evidence', text: '杨帆（区征收中心）到岗', refs: { people: ['p2'] } });
    expect(first.data).toBeUndefined();
    expect(() => decideCheckIn(ctx(trained), { id: 'p2', name: '杨帆', unit: '区征收中心' }, '', NOW)).toThrow('杨帆已于 09:30 到岗，再次登记请填写说明');
    expect(decideCheckIn(ctx(trained), { id: 'p2', name: '杨帆', unit: '区征收中心' }, '离岗后返回', NOW).entry.text).toBe('杨帆（区征收中心）到岗：离岗后返回');
    expect(decideCheckIn(ctx(untrained), { id: 'p3', name: '马晓东', unit: '区征收中心' }, '', NOW).entry).toMatchObject({
      text: '马晓东（区征收中心）到岗（无培训记录）',
      data: { untrained: true },
    });
    // Someone not on the roster is checked in as written, without a training flag.
    expect(decideCheckIn({ entries: [], operation, groups, record: undefined }, { id: 'x', name: '访客', unit: '' }, '', NOW).entry.data).toBeUndefined();
  });

  it('notes carry the stated time; incidents and public opinion return their field messages or their entry', () => {
    expect(decideNote([], '外围秩序正常', '2026-12-08T09:20:00+08:00', 'security').entry).toEqual({
      category: 'note',
      group: 'security',
      text: '外围秩序正常',
      occurredAt: '2026-12-08T09:20:00+08:00',
    });
    expect(decideIncident([], { severity: 'serious', summary: '围观', handling: '劝离' })).toEqual({
      ok: false,
      errors: { reportedTo: '较大、重大事件须报告领导小组，请填写报告对象' },
    });
    expect(acted(decideIncident([], { severity: 'general', summary: '有人围观', handling: '已劝离' }, '2026-12-08T09:25:00+08:00')).entry).toMatchObject({
      category: 'incident',
      text: '【一般事件】有人围观；处置：已劝离',
      occurredAt: '2026-12-08T09:25:00+08:00',
    });
    expect(decidePublicOpinion([], { source: '', content: 'x', response: 'y' })).toMatchObject({ ok: false, errors: { source: expect.stringContaining('请填写舆情来源') } });
    expect(acted(decidePublicOpinion([], { source: '短视频平台', content: '现场视频', response: '依法执行' }, 'publicOpinion')).entry).toMatchObject({
      category: 'publicOpinion',
      group: 'publicOpinion',
      text: '舆情（来源：短视频平台）：现场视频；统一回应口径：依法执行',
    });
  });
});
