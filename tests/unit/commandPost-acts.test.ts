// The command post's decide functions, pure: each act's records, its entry (category, text,
// before/after), and every refusal with its Chinese reason.
import { describe, expect, it } from 'vitest';
import {
  decideCommand,
  decideDeleteHouseholdMember,
  decideDeleteMemberUnit,
  decideDeletePerson,
  decideDeleteWorkingGroup,
  decideRemoveSubject,
  decideRosterImport,
  decideSaveHouseholdMember,
  decideSaveMemberUnit,
  decideSavePerson,
  decideSaveSubject,
  decideSaveWorkingGroup,
  decideStandardGroups,
  type CommandPostRecords,
} from '../../shared/commandPost/acts';
import { commandChanges } from '../../shared/commandPost/commandChanges';
import type { LogEntry } from '../../shared/log/types';
import type { Subject } from '../../shared/operation/types';
import { demoOperationRecords } from '../../shared/operation/acts';
import { WITHHELD, type Decision } from '../../shared/operation/decision';
import type { ActOutcome, RecordChange } from '../../shared/record/act';


/** The record a put carries. */
function recordOf<T>(change: RecordChange | undefined): T {
  if (change?.op !== 'put') throw new Error('expected a put');
  return change.record as unknown as T;
}

const NOW = '2026-09-20T10:00:00.000+08:00';

function demo(): CommandPostRecords & { newId: () => string } {
  let n = 0;
  const newId = () => `id${++n}`;
  const records = demoOperationRecords('op', newId, NOW);
  return { ...records, newId };
}

const personId = (r: CommandPostRecords, name: string) => r.people.find((p) => p.name === name)!.id;
const actor = (r: CommandPostRecords, name: string) => ({ personId: personId(r, name), name });
const group = (r: CommandPostRecords, code: string) => r.workingGroups.find((g) => g.code === code)!;

function outcome<R>(d: Decision<R>): ActOutcome<R> {
  if (!d.ok || d.outcome === null) throw new Error(`expected an act: ${JSON.stringify(d)}`);
  return d.outcome;
}

describe('household acts', () => {
  it('an edit names the fields that changed and keeps ID and phone numbers out of the log', () => {
    const r = demo();
    const subject = r.subjects[0]!;
    const edited = outcome(decideSaveSubject(r, { ...subject, idNumber: '110101196203150012', phone: '13900000000' }, subject.id, r.newId));
    expect(edited.entry).toEqual({
      category: 'edit',
      text: '修改被执行人张建国的资料：证件号码、联系电话',
      data: { before: `证件号码：${WITHHELD}；联系电话：${WITHHELD}`, after: `证件号码：${WITHHELD}；联系电话：${WITHHELD}` },
    });
    expect(JSON.stringify(edited.entry)).not.toMatch(/110101|139000/);
    expect(edited.changes).toEqual([{ table: 'subjects', op: 'put', record: expect.objectContaining({ id: subject.id, idNumber: '110101196203150012' }) }]);
    // Saving without a change writes nothing: no entry says "saved" about nothing.
    expect(decideSaveSubject(r, subject, subject.id, r.newId)).toEqual({ ok: true, outcome: null, result: subject.id });
  });

  it('field problems come back beside the fields; an unknown record is refused', () => {
    const r = demo();
    const subject = r.subjects[0]!;
    expect(decideSaveSubject(r, { ...subject, idNumber: '110101196203154516' }, subject.id, r.newId)).toEqual({
      ok: false,
      errors: { idNumber: '身份证号码无效：应为 18 位，出生日期和末位校验码须正确' },
    });
    expect(() => decideSaveSubject(r, subject, 'gone', r.newId)).toThrow('找不到该被执行人，可能已被删除');
  });

  it('a new subject goes last; removing one takes their household and closes the gap; the last one stays', () => {
    const r = demo();
    const added = outcome(decideSaveSubject(r, { name: '张伟', idType: 'residentId', idNumber: '', phone: '', address: '' }, undefined, r.newId));
    expect(added.entry.text).toBe('添加被执行人：张伟');
    expect(added.changes[0]).toMatchObject({ record: { position: 2, operationId: 'op' } });
    const withAdded = { ...r, subjects: [...r.subjects, recordOf<Subject>(added.changes[0])] };
    const second = r.subjects[1]!;
    const removal = decideRemoveSubject(withAdded, second.id);
    expect(removal.entry).toMatchObject({ category: 'edit', text: '删除被执行人李秀兰（连同家庭成员 1 人：刘婷）', data: { before: '被执行人：李秀兰；家庭成员：刘婷', after: '已删除' } });
    expect(removal.changes.filter((c) => c.op === 'delete').map((c) => c.table)).toEqual(['householdMembers', 'subjects']);
    expect(removal.changes.filter((c) => c.op === 'put')).toEqual([{ table: 'subjects', op: 'put', record: expect.objectContaining({ name: '张伟', position: 1 }) }]);
    expect(() => decideRemoveSubject({ ...r, subjects: [r.subjects[0]!] }, r.subjects[0]!.id)).toThrow('至少须保留一名被执行人，不能删除最后一名');
  });

  it('household members: health and care notes are named, never written; deleting says whose', () => {
    const r = demo();
    const member = r.householdMembers.find((m) => m.name === '王桂芳')!;
    const edited = outcome(decideSaveHouseholdMember(r, member.subjectId, { ...member, note: '需轮椅' }, member.id, 2026, r.newId));
    expect(edited.entry.text).toBe('修改被执行人张建国的家庭成员王桂芳的资料：出生年份和照护情况');
    expect(JSON.stringify(edited.entry)).not.toContain('轮椅');
    expect(decideDeleteHouseholdMember(r, member.id).entry).toMatchObject({ text: '删除被执行人张建国的家庭成员王桂芳（母亲）', data: { before: '王桂芳（母亲）', after: '已删除' } });
    expect(() => decideSaveHouseholdMember(r, 'gone', member, member.id, 2026, r.newId)).toThrow('找不到该被执行人');
  });
});

describe('units and people', () => {
  it('units: duplicates refused beside the name; a unit with people cannot go, and says who', () => {
    const r = demo();
    expect(decideSaveMemberUnit(r, { name: '公安临江分局' }, undefined, r.newId)).toEqual({ ok: false, errors: { name: '成员单位“公安临江分局”已经登记过' } });
    const unit = r.memberUnits.find((u) => u.name === '公安临江分局')!;
    const renamed = outcome(decideSaveMemberUnit(r, { name: '公安临江分局', role: '外围警戒' }, unit.id, r.newId));
    expect(renamed.entry).toMatchObject({ category: 'edit', text: '修改成员单位公安临江分局的资料：本次职责', data: { after: '本次职责：外围警戒' } });
    expect(() => decideDeleteMemberUnit(r, unit.id)).toThrow(/“公安临江分局”还有 \d+ 名人员/);
    const empty = outcome(decideSaveMemberUnit(r, { name: '临江区应急管理局', role: '应急物资' }, undefined, r.newId));
    const withEmpty = { ...r, memberUnits: [...r.memberUnits, recordOf<never>(empty.changes[0])] };
    expect(decideDeleteMemberUnit(withEmpty, empty.result).entry).toMatchObject({ text: '删除成员单位临江区应急管理局', data: { before: '单位名称：临江区应急管理局；本次职责：应急物资', after: '已删除' } });
  });

  it('people: training is shown before and after, the phone withheld', () => {
    const r = demo();
    const ma = r.people.find((p) => p.name === '马晓东')!;
    const input = { name: ma.name, memberUnitId: ma.memberUnitId, post: ma.post, phone: '13912345678', badgeNumber: ma.badgeNumber, trainingCourse: '', trainingDate: '' };
    const saved = outcome(decideSavePerson(r, input, ma.id, r.newId));
    expect(saved.entry.text).toBe('修改人员马晓东的资料：联系电话、培训');
    expect(saved.entry.data).toEqual({
      before: `联系电话：${WITHHELD}；培训：国有土地上房屋征收强制执行政策法规及现场处置培训（2026-09-18）`,
      after: `联系电话：${WITHHELD}；培训：（空）`,
    });
    expect(saved.changes[0]).toMatchObject({ record: { name: '马晓东' } });
    expect('training' in recordOf<object>(saved.changes[0])).toBe(false);
  });

  it('deleting a plain member takes them out of their groups as a command change; leaders and the commander stay', () => {
    const r = demo();
    const yang = personId(r, '杨帆');
    const deletion = decideDeletePerson(r, yang);
    expect(deletion.entry).toMatchObject({
      category: 'command',
      text: '删除人员杨帆（临江区房屋征收事务中心 · 科员），并解除其证据保全组组员职责',
      data: { before: '杨帆（临江区房屋征收事务中心 · 科员）；证据保全组组员', after: '已删除' },
      refs: { people: [yang] },
    });
    expect(deletion.changes).toEqual([
      { table: 'workingGroups', op: 'put', record: expect.objectContaining({ code: 'evidence', memberIds: [] }) },
      { table: 'people', op: 'delete', id: yang },
    ]);
    expect(() => decideDeletePerson(r, personId(r, '韩冰'))).toThrow('韩冰现任证据保全组组长，请先另行指定后再删除。');
    expect(() => decideDeletePerson(r, personId(r, '陈志远'))).toThrow('陈志远现任现场执行指挥');
  });
});

describe('working groups', () => {
  it('a new leader is a command change with before and after', () => {
    const r = demo();
    const security = group(r, 'security');
    const gu = personId(r, '刘振华');
    const d = outcome(decideSaveWorkingGroup(r, { ...security, leaderId: gu, memberIds: [] }, security.id, r.newId));
    expect(d.entry.category).toBe('command');
    expect(d.entry.text).toMatch(/^调整安全保卫和应急处置组：组长由赵刚改为刘振华；减少组员.+$/);
    expect(d.entry.data?.['before']).toMatch(/^组长：赵刚；组员：.+/);
    expect(d.entry.data?.['after']).toBe('组长：刘振华；组员：无');
    expect(d.entry.refs?.people).toContain(gu);
  });

  it('duties alone are an edit; nothing changed writes nothing; a removed leader leaves no key', () => {
    const r = demo();
    const evidence = group(r, 'evidence');
    const d = outcome(decideSaveWorkingGroup(r, { ...evidence, duties: '全程录像' }, evidence.id, r.newId));
    expect(d.entry).toMatchObject({ category: 'edit', text: '修改工作小组证据保全组的资料：职责' });
    expect(decideSaveWorkingGroup(r, evidence, evidence.id, r.newId)).toEqual({ ok: true, outcome: null, result: evidence.id });
    const leaderless = outcome(decideSaveWorkingGroup(r, { ...evidence, leaderId: undefined }, evidence.id, r.newId));
    expect(leaderless.entry.text).toBe('调整证据保全组：组长由韩冰改为未指定');
    expect('leaderId' in recordOf<object>(leaderless.changes[0])).toBe(false);
  });

  it('custom groups: added after the standard ones, deleted with their staffing logged; standard ones stay', () => {
    const r = demo();
    const added = outcome(decideSaveWorkingGroup(r, { name: '后勤保障组' }, undefined, r.newId));
    expect(added.entry).toMatchObject({ category: 'edit', text: '添加工作小组后勤保障组' });
    expect(added.changes[0]).toMatchObject({ record: { code: 'custom', position: 9 } });
    const staffed = outcome(decideSaveWorkingGroup(r, { name: '后勤保障组', leaderId: personId(r, '杨帆') }, undefined, r.newId));
    expect(staffed.entry).toMatchObject({ category: 'command', text: '添加工作小组后勤保障组，组长：杨帆；组员：无' });
    const withGroup = { ...r, workingGroups: [...r.workingGroups, recordOf<never>(staffed.changes[0])] };
    expect(decideDeleteWorkingGroup(withGroup, staffed.result).entry).toMatchObject({ category: 'command', text: '删除工作小组后勤保障组（原组长：杨帆；组员：无）' });
    expect(() => decideDeleteWorkingGroup(r, group(r, 'security').id)).toThrow('是规定的九个工作小组之一，不能删除');
    expect(decideSaveWorkingGroup(r, { name: '证据保全组' }, undefined, r.newId)).toEqual({ ok: false, errors: { name: '已有名为“证据保全组”的工作小组' } });
  });

  it('missing standard groups are added in one act, and only when missing', () => {
    const r = demo();
    expect(() => decideStandardGroups(r, r.newId)).toThrow('九个标准工作小组均已建立');
    const fewer = { ...r, workingGroups: r.workingGroups.filter((g) => g.code !== 'evidence') };
    const d = decideStandardGroups(fewer, r.newId);
    expect(d.entry).toMatchObject({ category: 'edit', text: '补建标准工作小组：证据保全组' });
    expect(d.changes).toEqual([{ table: 'workingGroups', op: 'put', record: expect.objectContaining({ code: 'evidence', position: 7 }) }]);
  });
});

describe('the commander and the deputy', () => {
  const noCommand = (r: CommandPostRecords): CommandPostRecords => {
    const { onSiteCommanderId: _c, deputyCommanderId: _d, ...operation } = r.operation;
    return { ...r, operation };
  };

  it('the first commander is designated by the station, never by the person themselves', () => {
    const r = noCommand(demo());
    const chen = personId(r, '陈志远');
    const d = outcome(decideCommand(r, { onSiteCommanderId: chen }, undefined, [], NOW));
    expect(d.entry).toEqual({
      category: 'command',
      text: '指定陈志远为现场执行指挥',
      data: { before: '现场执行指挥：未指定；副指挥：未指定', after: '现场执行指挥：陈志远；副指挥：未指定' },
      refs: { people: [chen] },
    });
    expect(d.changes).toEqual([{ table: 'operations', op: 'put', record: expect.objectContaining({ onSiteCommanderId: chen, updatedAt: NOW }) }]);
    expect(() => decideCommand(r, { onSiteCommanderId: chen }, actor(r, '陈志远'), [], NOW)).toThrow('不能指定本人为现场执行指挥');
    expect(() => decideCommand(r, { onSiteCommanderId: chen, deputyCommanderId: personId(r, '刘振华') }, undefined, [], NOW)).toThrow(
      '请先指定现场执行指挥，再由其指定副指挥',
    );
  });

  it('only the commander hands over, to someone with a PIN here; the post is never left empty', () => {
    const r = demo();
    const gu = personId(r, '韩冰');
    const { deputyCommanderId } = r.operation;
    const input = { onSiteCommanderId: gu, deputyCommanderId };
    expect(() => decideCommand(r, input, actor(r, '刘振华'), [gu], NOW)).toThrow('只有现场执行指挥本人可以移交指挥；刘振华不是现场执行指挥');
    expect(() => decideCommand(r, input, actor(r, '韩冰'), [gu], NOW)).toThrow('不能指定本人为现场执行指挥');
    expect(() => decideCommand(r, input, actor(r, '陈志远'), [], NOW)).toThrow('韩冰尚未在本工作站登记登录 PIN');
    const d = outcome(decideCommand(r, input, actor(r, '陈志远'), [gu], NOW));
    expect(d.entry).toMatchObject({
      category: 'command',
      text: '现场执行指挥由陈志远移交韩冰',
      data: { before: '现场执行指挥：陈志远；副指挥：刘振华', after: '现场执行指挥：韩冰；副指挥：刘振华' },
    });
    expect(decideCommand(r, { deputyCommanderId }, actor(r, '陈志远'), [gu], NOW)).toEqual({
      ok: false,
      errors: { onSiteCommanderId: '现场执行指挥不能空缺：移交指挥时请直接选择接任的人员' },
    });
  });

  it('handing command to the deputy ends the deputy post; only the commander changes the deputy', () => {
    const r = demo();
    const liu = personId(r, '刘振华');
    const d = outcome(decideCommand(r, { onSiteCommanderId: liu, deputyCommanderId: liu }, actor(r, '陈志远'), [liu], NOW));
    expect(d.entry.text).toBe('现场执行指挥由陈志远移交刘振华；刘振华的副指挥职务随之解除');
    expect(recordOf<object>(d.changes[0])).not.toHaveProperty('deputyCommanderId');
    const chen = r.operation.onSiteCommanderId;
    expect(() => decideCommand(r, { onSiteCommanderId: chen }, actor(r, '刘振华'), [], NOW)).toThrow('只有现场执行指挥本人可以指定副指挥；刘振华不是现场执行指挥');
    expect(outcome(decideCommand(r, { onSiteCommanderId: chen }, actor(r, '陈志远'), [], NOW)).entry.text).toBe('取消刘振华的副指挥职务');
    expect(outcome(decideCommand(r, { onSiteCommanderId: chen, deputyCommanderId: personId(r, '韩冰') }, actor(r, '陈志远'), [], NOW)).entry.text).toBe('副指挥由刘振华改为韩冰');
    expect(decideCommand(r, { onSiteCommanderId: chen, deputyCommanderId: chen }, actor(r, '陈志远'), [], NOW)).toEqual({
      ok: false,
      errors: { deputyCommanderId: '副指挥不能与现场执行指挥是同一人' },
    });
    expect(decideCommand(r, { onSiteCommanderId: chen, deputyCommanderId: liu }, actor(r, '陈志远'), [], NOW)).toEqual({ ok: true, outcome: null, result: 'op' });
  });

  it('the court report’s list of command changes comes from the 指挥调整 entries, in the log’s order', () => {
    const entry = (seq: number, category: LogEntry['category'], text: string, data?: LogEntry['data']): LogEntry => ({
      operationId: 'op',
      seq,
      recordedAt: NOW,
      occurredAt: NOW,
      operator: '陈志远',
      group: '',
      category,
      text,
      refs: {},
      ...(data ? { data } : {}),
      prevHash: '',
      hash: '',
    });
    expect(
      commandChanges([
        entry(1, 'system', '创建强制执行行动'),
        entry(2, 'command', '指定刘振华为副指挥', { before: '副指挥：未指定', after: '副指挥：刘振华' }),
        entry(3, 'edit', '修改人员马晓东的资料：职务'),
        entry(4, 'command', '调整证据保全组：增加组员杨帆'),
      ]),
    ).toEqual([
      { seq: 2, occurredAt: NOW, operator: '陈志远', text: '指定刘振华为副指挥', before: '副指挥：未指定', after: '副指挥：刘振华' },
      { seq: 4, occurredAt: NOW, operator: '陈志远', text: '调整证据保全组：增加组员杨帆', before: '', after: '' },
    ]);
  });
});

describe('roster import', () => {
  it('one act for the whole file; a unit added meanwhile, or another operation’s records, are refused', () => {
    const r = demo();
    const plan = {
      memberUnits: [{ id: 'u-new', operationId: 'op', name: '区信访办', role: '' }],
      people: [
        { id: 'p-new1', operationId: 'op', memberUnitId: 'u-new', name: '甲', post: '', phone: '', badgeNumber: '' },
        { id: 'p-new2', operationId: 'op', memberUnitId: 'u-new', name: '乙', post: '', phone: '', badgeNumber: '' },
      ],
    };
    const d = decideRosterImport(r, plan, '信访办名单.csv');
    expect(d.entry).toEqual({ category: 'edit', text: '导入名单“信访办名单.csv”：新增成员单位 1 个（区信访办）、人员 2 名', data: { before: '无', after: '成员单位 1 个、人员 2 名' } });
    expect(d.changes.map((c) => c.table)).toEqual(['memberUnits', 'people', 'people']);
    expect(d.result).toBe(2);
    expect(() => decideRosterImport({ ...r, memberUnits: [...r.memberUnits, { ...plan.memberUnits[0]!, id: 'other' }] }, plan)).toThrow('成员单位“区信访办”刚刚已被添加');
    expect(() => decideRosterImport(r, { ...plan, people: [{ ...plan.people[0]!, operationId: 'elsewhere' }] })).toThrow('导入的名单不属于当前行动，未导入');
  });
});
