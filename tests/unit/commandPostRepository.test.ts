import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { buildDemoCommandPost } from '../../shared/commandPost/demo';
import { standardGroupCodes } from '../../shared/commandPost/types';
import { demoOperationInput } from '../../shared/operation/demo';
import { isValidPhone } from '../../shared/operation/formats';
import { validateHouseholdMember } from '../../shared/operation/household';
import { validateNewOperation } from '../../shared/operation/newOperation';
import { openConsoleDb, type ConsoleDb } from '../../renderer/src/data/db';
import { listLog } from '../../renderer/src/log/repository';
import { createOperation, loadDemoOperation } from '../../renderer/src/operation/repository';
import { NOT_SIGNED_IN } from '../../renderer/src/operators/repository';
import {
  addStandardGroups,
  deleteMemberUnit,
  deletePerson,
  deleteWorkingGroup,
  loadCommandPost,
  removeSubject,
  saveMemberUnit,
  savePerson,
  saveSubject,
  saveWorkingGroup,
  setCommand,
} from '../../renderer/src/commandPost/repository';
import { SETUP_OVER } from '../../renderer/src/operation/commitDecision';

let db: ConsoleDb;
let n = 0;
afterEach(async () => db?.delete());

const ok = <T extends { ok: boolean }>(r: T) => {
  if (!r.ok) throw new Error(`expected ok: ${JSON.stringify(r)}`);
  return r as Extract<T, { ok: true }>;
};

/** A new operation as the form creates it: no command post yet, nobody can sign in. */
async function newOperation(): Promise<string> {
  db = openConsoleDb(`command-post-${++n}`);
  const result = validateNewOperation(demoOperationInput, '2026-11-23');
  if (!result.ok) throw new Error('demo invalid');
  return createOperation(db, result.values);
}

/** The demo operation and its people by name. */
async function demo() {
  db = openConsoleDb(`command-post-${++n}`);
  const op = await loadDemoOperation(db, new Date('2026-11-23T02:00:00Z'));
  const people = await db.people.where('operationId').equals(op).toArray();
  const who = (name: string) => ({ personId: people.find((p) => p.name === name)!.id, name });
  return { op, who };
}

const entries = async (op: string) => (await listLog(db, op)).map((e) => ({ operator: e.operator, category: e.category, text: e.text, data: e.data }));

describe('setting an operation up (no commander yet)', () => {
  it('has its nine standard groups from creation; the station’s acts are logged as its own until the first commander', async () => {
    const op = await newOperation();
    expect((await loadCommandPost(db, op)).workingGroups.map((g) => g.code)).toEqual([...standardGroupCodes]);
    const unit = ok(await saveMemberUnit(db, op, { name: '临江区房屋征收事务中心' }, undefined, undefined)).id;
    const chen = ok(await savePerson(db, op, { name: '陈志远', memberUnitId: unit }, undefined, undefined)).id;
    ok(await setCommand(db, op, { onSiteCommanderId: chen }, undefined, []));
    expect((await db.operations.get(op))?.onSiteCommanderId).toBe(chen);
    const log = await entries(op);
    // Format 2: the operation's first entry is the genesis of its multi-station record (roster).
    expect(log.map((e) => [e.operator, e.category])).toEqual([
      ['本工作站', 'roster'],
      ['本工作站', 'system'],
      ['本工作站', 'edit'],
      ['本工作站', 'edit'],
      ['本工作站', 'command'],
    ]);
    expect(log.slice(2).map((e) => e.text)).toEqual(['添加成员单位：临江区房屋征收事务中心', '添加人员：陈志远', '指定陈志远为现场执行指挥']);
    expect(log[4]?.data).toEqual({ before: '现场执行指挥：未指定；副指挥：未指定', after: '现场执行指挥：陈志远；副指挥：未指定' });

    // From now on every act needs someone signed in.
    await expect(saveMemberUnit(db, op, { name: '公安临江分局' }, undefined, undefined)).rejects.toThrow(NOT_SIGNED_IN);
    await expect(setCommand(db, op, { onSiteCommanderId: unit }, undefined, [])).rejects.toThrow(NOT_SIGNED_IN);
    expect(await db.memberUnits.count()).toBe(1);
    expect(SETUP_OVER).toContain('请登录');
  });

  it('adds missing standard groups to an operation made before they came with it, as one logged act', async () => {
    const op = await newOperation();
    await db.workingGroups.where('operationId').equals(op).delete();
    expect(await addStandardGroups(db, op, undefined)).toBe(9);
    await expect(addStandardGroups(db, op, undefined)).rejects.toThrow('九个标准工作小组均已建立');
    expect((await entries(op)).at(-1)).toMatchObject({ category: 'edit', text: expect.stringMatching(/^补建标准工作小组：安全保卫和应急处置组、/) });
  });
});

describe('acts of a running command post', () => {
  it('a member cannot change the commander, the groups or delete a record; nothing is written', async () => {
    const { op, who } = await demo();
    const yang = who('杨帆');
    const before = await entries(op);
    await expect(setCommand(db, op, { onSiteCommanderId: yang.personId }, yang, [yang.personId])).rejects.toThrow('只有现场执行指挥本人可以移交指挥；杨帆不是现场执行指挥');
    const evidence = (await loadCommandPost(db, op)).workingGroups.find((g) => g.code === 'evidence')!;
    await expect(saveWorkingGroup(db, op, { ...evidence, leaderId: yang.personId }, evidence.id, yang)).rejects.toThrow('只有现场执行指挥或其指定的副指挥可以调整工作小组及其组长、组员；杨帆不是');
    await expect(deletePerson(db, op, who('马晓东').personId, yang)).rejects.toThrow('只有现场执行指挥或其指定的副指挥可以删除记录；杨帆不是');
    await expect(saveMemberUnit(db, op, { name: '区信访办' }, undefined, undefined)).rejects.toThrow(NOT_SIGNED_IN);
    expect(await entries(op)).toEqual(before);
  });

  it('the commander’s changes are logged with before and after; a handover needs a PIN here', async () => {
    const { op, who } = await demo();
    const chen = who('陈志远');
    const han = who('韩冰');
    await expect(setCommand(db, op, { onSiteCommanderId: han.personId, deputyCommanderId: who('刘振华').personId }, chen, [])).rejects.toThrow('韩冰尚未在本工作站登记登录 PIN');
    ok(await setCommand(db, op, { onSiteCommanderId: han.personId, deputyCommanderId: who('刘振华').personId }, chen, [han.personId]));
    expect((await entries(op)).at(-1)).toEqual({
      operator: '陈志远',
      category: 'command',
      text: '现场执行指挥由陈志远移交韩冰',
      data: { before: '现场执行指挥：陈志远；副指挥：刘振华', after: '现场执行指挥：韩冰；副指挥：刘振华' },
    });
    // The old commander now holds no command: the new one acts.
    await expect(setCommand(db, op, { onSiteCommanderId: chen.personId }, chen, [chen.personId])).rejects.toThrow('只有现场执行指挥本人可以移交指挥；陈志远不是现场执行指挥');
    // 韩冰 led the evidence group; the new commander gives it a new leader.
    const evidence = (await loadCommandPost(db, op)).workingGroups.find((g) => g.code === 'evidence')!;
    ok(await saveWorkingGroup(db, op, { ...evidence, leaderId: who('杨帆').personId, memberIds: [] }, evidence.id, han));
    expect((await entries(op)).at(-1)).toEqual({
      operator: '韩冰',
      category: 'command',
      text: '调整证据保全组：组长由韩冰改为杨帆',
      data: { before: '组长：韩冰；组员：杨帆', after: '组长：杨帆；组员：无' },
    });
  });

  it('deleting: refusals say why and write nothing; a deletion is logged with what was deleted', async () => {
    const { op, who } = await demo();
    const chen = who('陈志远');
    const post = await loadCommandPost(db, op);
    const police = post.memberUnits.find((u) => u.name === '公安临江分局')!;
    await expect(deleteMemberUnit(db, op, police.id, chen)).rejects.toThrow(/“公安临江分局”还有 \d+ 名人员/);
    await expect(deletePerson(db, op, chen.personId, chen)).rejects.toThrow('陈志远现任现场执行指挥');
    const security = post.workingGroups.find((g) => g.code === 'security')!;
    await expect(deleteWorkingGroup(db, op, security.id, chen)).rejects.toThrow('不能删除');
    const subjects = await db.subjects.where('operationId').equals(op).sortBy('position');
    await removeSubject(db, op, subjects[1]!.id, chen);
    expect((await entries(op)).at(-1)).toMatchObject({ operator: '陈志远', category: 'edit', text: '删除被执行人李秀兰（连同家庭成员 1 人：刘婷）', data: { after: '已删除' } });
    await expect(removeSubject(db, op, subjects[0]!.id, chen)).rejects.toThrow('至少须保留一名被执行人');
    expect(await db.householdMembers.where('subjectId').equals(subjects[1]!.id).count()).toBe(0);
  });

  it('field problems and unchanged saves write nothing', async () => {
    const { op, who } = await demo();
    const chen = who('陈志远');
    const [subject] = await db.subjects.where('operationId').equals(op).sortBy('position');
    const count = (await listLog(db, op)).length;
    expect(await saveSubject(db, op, { ...subject, idNumber: '110101196203154516' }, subject!.id, chen)).toEqual({
      ok: false,
      errors: { idNumber: '身份证号码无效：应为 18 位，出生日期和末位校验码须正确' },
    });
    expect(await saveSubject(db, op, subject, subject!.id, chen)).toEqual({ ok: true, id: subject!.id });
    expect(await db.subjects.get(subject!.id)).toEqual(subject);
    expect((await listLog(db, op)).length).toBe(count);
  });
});

describe('demo command post', () => {
  it('is pure: every standard group led by someone from a member unit, commander designated, phones valid', () => {
    let i = 0;
    const demo = buildDemoCommandPost('op', ['s1', 's2'], () => `id${++i}`);
    const unitIds = new Set(demo.memberUnits.map((u) => u.id));
    const people = new Map(demo.people.map((p) => [p.id, p]));
    expect(demo.people.length).toBeGreaterThanOrEqual(20);
    expect(demo.people.length).toBeLessThanOrEqual(30);
    expect(demo.workingGroups.map((g) => g.code)).toEqual([...standardGroupCodes]);
    for (const g of demo.workingGroups) {
      const leader = people.get(g.leaderId ?? '');
      expect(leader && unitIds.has(leader.memberUnitId), g.name).toBe(true);
      expect(g.memberIds.every((m) => people.has(m) && m !== g.leaderId), g.name).toBe(true);
      expect(g.channel, g.name).not.toBe('');
    }
    expect(people.has(demo.command.onSiteCommanderId)).toBe(true);
    expect(people.has(demo.command.deputyCommanderId)).toBe(true);
    expect(demo.command.onSiteCommanderId).not.toBe(demo.command.deputyCommanderId);
    for (const p of demo.people) {
      expect(unitIds.has(p.memberUnitId)).toBe(true);
      expect(isValidPhone(p.phone), `${p.name} ${p.phone}`).toBe(true);
    }
    expect(new Set(demo.people.map((p) => p.phone)).size).toBe(demo.people.length);
    expect(new Set(demo.people.map((p) => p.badgeNumber)).size).toBe(demo.people.length);
    for (const m of demo.householdMembers) {
      expect(validateHouseholdMember(m, 2026), m.name).toMatchObject({ ok: true });
    }
    expect(demo.householdMembers.find((m) => m.relation === '母亲')).toMatchObject({ birthYear: 1944, vulnerabilities: ['elderly'], subjectId: 's1' });
    expect(demo.householdMembers.some((m) => m.vulnerabilities.includes('minor'))).toBe(true);
    expect(Object.keys(demo.assessments)).toEqual(['s1', 's2']);
    expect(new Set(demo.memberUnits.map((u) => u.name)).size).toBe(demo.memberUnits.length);
  });
});
