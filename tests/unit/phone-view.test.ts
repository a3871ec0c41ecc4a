// The group leader's phone page model (shared/stations/phoneView.ts): phase and orders with
// acks, the group's members and tasks from the replicated records, what each role may write,
// and the entries the page's acts make (checked as every receiver checks them).
import { describe, expect, it } from 'vitest';
import {
  ackEntry,
  checkInEntry,
  evacuationInput,
  incidentReportEntry,
  MAX_PHOTO_BYTES,
  noteEntry,
  phoneModel,
  photoProblem,
  taskDoneEntry,
  unacknowledgedOrders,
} from '../../shared/stations/phoneView';
import { admission, foldRoster, rosterInput } from '../../shared/stations/roster';
import { fieldMayHold } from '../../shared/stations/redaction';
import { OP, operator, pairedOperation, SimStation, sync } from './stations-helpers';
import type { Act, ActChange, StationEntry } from '../../shared/stations/types';

const NOW = new Date(Date.UTC(2026, 2, 5, 2, 0, 0));

async function setUp() {
  const { commander, stations } = await pairedOperation([
    ['安保组手机', { role: 'groupLeader', group: 'security' }],
    ['观察员手机', { role: 'observer' }],
  ]);
  const [leader, observer] = stations as [SimStation, SimStation];
  const records: Act = {
    kind: 'commandPost.save',
    changes: [
      { table: 'memberUnits', op: 'put' as const, id: 'u1', record: { id: 'u1', operationId: OP, name: '区公安分局', role: '' } },
      { table: 'people', op: 'put' as const, id: 'p1', record: { id: 'p1', operationId: OP, memberUnitId: 'u1', name: '王五', post: '民警', phone: '13800000001', badgeNumber: 'A1', training: { course: '征收培训', date: '2026-01-10' } } },
      { table: 'people', op: 'put' as const, id: 'p2', record: { id: 'p2', operationId: OP, memberUnitId: 'u1', name: '赵六', post: '辅警', phone: '13800000002', badgeNumber: 'A2' } },
      { table: 'people', op: 'put' as const, id: 'p3', record: { id: 'p3', operationId: OP, memberUnitId: 'u1', name: '钱七', post: '民警', phone: '', badgeNumber: '' } },
      { table: 'workingGroups', op: 'put' as const, id: 'g1', record: { id: 'g1', operationId: OP, code: 'security', name: '安保组', duties: '', leaderId: 'p1', memberIds: ['p1', 'p2'], channel: '3 频道', position: 0 } },
      { table: 'workingGroups', op: 'put' as const, id: 'g2', record: { id: 'g2', operationId: OP, code: 'negotiation', name: '谈判组', duties: '', memberIds: ['p3'], channel: '', position: 1 } },
    ],
  };
  await commander.write({ operator, category: 'edit', text: '指挥部资料', act: records });
  const task = (id: string, groupId: string, title: string): ActChange => ({
    table: 'tasks',
    op: 'put' as const,
    id,
    record: { id, operationId: OP, record: 'task', groupId, kind: 'followUp', title, owner: '王五', dueOn: '2026-03-10', status: 'open', doneOn: '', note: '', createdAt: '2026-03-05T09:00:00.000+08:00', updatedAt: '2026-03-05T09:00:00.000+08:00' },
  });
  await commander.write({ operator, category: 'note', group: 'security', text: '善后事项', act: { kind: 'aftercare.add', changes: [task('t1', 'security', '回访邻户'), task('t2', 'negotiation', '谈判回访')] } });
  await commander.write({ operator, category: 'phase', text: '宣布开始执行', data: { phase: 'start' } });
  await commander.write({ operator, category: 'suspension', text: '围观人员冲击警戒线', data: { ground: 'art39-4' } });
  sync(commander, leader);
  sync(commander, observer);
  return { commander, leader, observer };
}

/** Whether every receiver would accept the entry: the same check the hub and stations apply. */
const admitted = (all: StationEntry[], e: StationEntry) => admission(foldRoster(all), e);

describe('phone page model', () => {
  it('shows the state of the day, the latest phase and the orders, pending until this station acks', async () => {
    const { commander, leader } = await setUp();
    const m = phoneModel(leader.entries(), leader.key, commander.key, NOW);
    expect(m.roleLabel).toBe('工作组组长（安保组）');
    expect(m.statusLabel).toContain('已中止');
    expect(m.lastPhase?.label).toBe('宣布开始执行');
    expect(m.orders.map((o) => o.label)).toEqual(['中止执行', '宣布开始执行']);
    expect(m.pendingOrders).toBe(2);

    const ack = await leader.write({ operator, ...ackEntry(m, m.orders[0]!.entry.hash, '王五') });
    expect(ack.refs).toEqual({ order: m.orders[0]!.entry.hash });
    expect(admitted([...commander.entries(), ack], ack)).toBeNull();
    const after = phoneModel(leader.entries(), leader.key, commander.key, NOW);
    expect(after.orders[0]).toMatchObject({ pending: false, ack: { hash: ack.hash } });
    expect(after.pendingOrders).toBe(1);
    expect(() => ackEntry(after, m.orders[0]!.entry.hash, '王五')).toThrow('已于');

    // 恢复执行 and 紧急撤离 are orders too; another station's ack does not count for this one.
    await commander.write({ operator, category: 'resumption', text: '秩序恢复' });
    await commander.write({ operator, ...evacuationInput('发现燃气泄漏') });
    sync(commander, leader);
    const later = phoneModel(leader.entries(), leader.key, commander.key, NOW);
    expect(later.orders.slice(0, 2).map((o) => [o.label, o.pending])).toEqual([
      ['紧急撤离', true],
      ['恢复执行', true],
    ]);
    expect(later.statusLabel).toBe('执行中');
  });

  it('orders made before the station was paired are shown but not asked to be acknowledged', async () => {
    const { commander } = await pairedOperation([]);
    await commander.write({ operator, category: 'phase', text: '宣布开始执行', data: { phase: 'start' } });
    const late = new SimStation('后来的手机');
    await commander.write(rosterInput('pair', { key: late.key, name: '后来的手机', grant: { role: 'groupLeader', group: 'security' }, fromSeq: 1 }, operator));
    sync(commander, late);
    const m = phoneModel(late.entries(), late.key, commander.key, NOW);
    expect(m.orders).toHaveLength(1);
    expect(m.pendingOrders).toBe(0);
  });

  it("lists the group's members with unit, leader first, and who has checked in; a check-in names the person", async () => {
    const { commander, leader } = await setUp();
    const m = phoneModel(leader.entries(), leader.key, commander.key, NOW);
    expect(m.members.map((p) => [p.name, p.unit, p.leader, p.untrained])).toEqual([
      ['王五', '区公安分局', true, false],
      ['赵六', '区公安分局', false, true],
    ]);
    const input = checkInEntry(m, 'p2', '', NOW, '王五');
    expect(input).toMatchObject({ category: 'checkIn', group: 'security', text: '赵六（区公安分局）到岗（无培训记录）', refs: { people: ['p2'] }, data: { untrained: true } });
    const entry = await leader.write({ operator, ...input });
    expect(admitted([...commander.entries(), entry], entry)).toBeNull();
    const after = phoneModel(leader.entries(), leader.key, commander.key, NOW);
    expect(after.members[1]!.checkIns.map((e) => e.hash)).toEqual([entry.hash]);
    expect(() => checkInEntry(after, 'p2', '', NOW, '王五')).toThrow('再次登记请填写说明');
    expect(() => checkInEntry(after, 'p3', '', NOW, '王五')).toThrow('不在本组名单');
    expect(after.groupLog[0]!.hash).toBe(entry.hash);
  });

  it("shows only the group's tasks and marks one done through the aftercare rule, as a tasks change the hub accepts", async () => {
    const { commander, leader } = await setUp();
    const m = phoneModel(leader.entries(), leader.key, commander.key, NOW);
    expect(m.tasks.map((t) => t.title)).toEqual(['回访邻户']);
    expect(() => taskDoneEntry(m, 't2', '已回访', NOW, '王五')).toThrow('不属于本组');
    expect(() => taskDoneEntry(m, 't1', '', NOW, '王五')).toThrow('请填写完成情况');
    const entry = await leader.write({ operator, ...taskDoneEntry(m, 't1', '已上门回访，无异议', NOW, '王五') });
    expect(entry.act?.changes[0]).toMatchObject({ table: 'tasks', id: 't1', record: { status: 'done', doneOn: '2026-03-05', note: '已上门回访，无异议' } });
    expect(admitted([...commander.entries(), entry], entry)).toBeNull();
    expect(fieldMayHold(entry)).toBe(true);
    expect(phoneModel(leader.entries(), leader.key, commander.key, NOW).tasks[0]!.status).toBe('done');
  });

  it('reports an incident with the incident rules, and a note, for the group', async () => {
    const { commander, leader } = await setUp();
    const m = phoneModel(leader.entries(), leader.key, commander.key, NOW);
    expect(() => incidentReportEntry(m, { severity: 'serious', summary: '有人翻越围挡', handling: '已劝离' }, '王五')).toThrow('较大、重大事件须报告领导小组');
    const incident = incidentReportEntry(m, { severity: 'general', summary: '有人翻越围挡', handling: '已劝离' }, '王五');
    expect(incident).toMatchObject({ category: 'incident', group: 'security', data: { severity: 'general' } });
    expect(incident.text).toContain('【一般事件】有人翻越围挡');
    expect(noteEntry(m, '  东侧警戒到位 ', '王五')).toMatchObject({ category: 'note', group: 'security', text: '东侧警戒到位' });
    expect(() => noteEntry(m, '  ', '王五')).toThrow('请填写记录内容');
  });

  it('offers an observer nothing to write, and an unpaired station nothing at all', async () => {
    const { commander, observer, leader } = await setUp();
    const m = phoneModel(observer.entries(), observer.key, commander.key, NOW);
    expect(m.roleLabel).toBe('观察员（只读）');
    expect(Object.values(m.may).every((reason) => reason === '观察员工作站只能查看，不能写入记录')).toBe(true);
    expect(m.pendingOrders).toBe(0);
    expect(m.orders.length).toBe(2);
    expect(() => noteEntry(m, '看到了', '观察员')).toThrow('只能查看');
    expect(() => ackEntry(m, m.orders[0]!.entry.hash, '观察员')).toThrow('只能查看');
    const leaderModel = phoneModel(leader.entries(), leader.key, commander.key, NOW);
    expect(leaderModel.may).toEqual({ ack: null, checkIn: null, note: null, incident: null, task: null });

    const stranger = new SimStation('陌生手机');
    sync(commander, stranger);
    const s = phoneModel(stranger.entries(), stranger.key, commander.key, NOW);
    expect(s.grant).toBeNull();
    expect(s.may.note).toContain('未经指挥工作站配对');
  });

  it('a revoked station is told so and offered nothing', async () => {
    const { commander, leader } = await setUp();
    await commander.write(rosterInput('revoke', { key: leader.key, name: '安保组手机', fromSeq: 1 }, operator));
    sync(commander, leader);
    const m = phoneModel(leader.entries(), leader.key, commander.key, NOW);
    expect(m.grant).toBeNull();
    expect(m.may.incident).toContain('已于其第 1 条记录起被撤销');
  });

  it("leaves out entries the roster refuses (an order forged by a group leader's station)", async () => {
    const { commander, leader } = await setUp();
    await leader.write({ operator, category: 'resumption', text: '恢复执行' });
    const m = phoneModel(leader.entries(), leader.key, commander.key, NOW);
    expect(m.orders.map((o) => o.label)).toEqual(['中止执行', '宣布开始执行']);
    expect(m.statusLabel).toContain('已中止');
  });

  it('the people of the command post reach field devices (no ID numbers in them); subjects do not', async () => {
    const { commander } = await setUp();
    const people = commander.entries().find((e) => e.act?.changes.some((c) => c.table === 'people'))!;
    expect(fieldMayHold(people)).toBe(true);
    const subject = await commander.write({ operator, category: 'edit', text: '被执行人', act: { kind: 's', changes: [{ table: 'subjects', op: 'put', id: 's1', record: { id: 's1' } }] } });
    expect(fieldMayHold(subject)).toBe(false);
  });
});

describe("the commander's unacknowledged orders", () => {
  it('lists, per order, the stations that have not acknowledged it; observers and stations paired later owe none', async () => {
    const { commander, leader } = await setUp();
    const late = new SimStation('后来的平板');
    await commander.write(rosterInput('pair', { key: late.key, name: '后来的平板', grant: { role: 'evidenceClerk' }, fromSeq: 1 }, operator));
    sync(commander, late);
    const names = (all: StationEntry[]) => unacknowledgedOrders(all, commander.key).map((o) => [o.label, o.missing.map((m) => m.name)]);
    expect(names(commander.entries())).toEqual([
      ['宣布开始执行', ['安保组手机']],
      ['中止执行', ['安保组手机']],
    ]);
    const m = phoneModel(leader.entries(), leader.key, commander.key, NOW);
    await leader.write({ operator, ...ackEntry(m, m.orders[0]!.entry.hash, '王五') });
    sync(commander, leader);
    expect(names(commander.entries())).toEqual([['宣布开始执行', ['安保组手机']]]);
    await commander.write({ operator, ...evacuationInput('燃气泄漏') });
    expect(names(commander.entries())[1]).toEqual(['紧急撤离', ['安保组手机', '后来的平板']]);
  });
});

describe('photo cap', () => {
  it('accepts a camera photo up to 5 MB and refuses larger ones or other files with a Chinese message', () => {
    expect(photoProblem({ size: 3_000_000, type: 'image/jpeg' })).toBeNull();
    expect(photoProblem({ size: MAX_PHOTO_BYTES + 1, type: 'image/jpeg' })).toMatch(/超过 5 MB 上限/);
    expect(photoProblem({ size: 100, type: 'video/mp4' })).toMatch(/只能附加照片/);
    expect(photoProblem({ size: 0, type: 'image/png' })).toMatch(/照片为空/);
  });
});
