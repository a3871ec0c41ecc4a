import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { buildDemoCommandPost } from '../../shared/commandPost/demo';
import { standardGroupCodes } from '../../shared/commandPost/types';
import { demoOperationInput } from '../../shared/operation/demo';
import { isValidPhone } from '../../shared/operation/formats';
import { validateHouseholdMember } from '../../shared/operation/household';
import { buildOperation, validateNewOperation } from '../../shared/operation/newOperation';
import { openConsoleDb, type ConsoleDb } from '../../renderer/src/data/db';
import {
  addSubject,
  deleteMemberUnit,
  deletePerson,
  deleteWorkingGroup,
  ensureStandardGroups,
  loadCommandPost,
  removeSubject,
  saveHouseholdMember,
  saveMemberUnit,
  savePerson,
  saveSubject,
  saveWorkingGroup,
  seedDemoCommandPost,
  setCommand,
} from '../../renderer/src/commandPost/repository';

let db: ConsoleDb;
let n = 0;
afterEach(async () => db?.delete());

/**
 * The demo's operation and two subjects, written directly: no standard groups and no
 * command post, whatever creating an operation adds to it.
 */
async function bareOperation(): Promise<string> {
  const result = validateNewOperation(demoOperationInput, '2026-11-23');
  if (!result.ok) throw new Error('demo invalid');
  const { operation, subjects } = buildOperation(
    result.values,
    { operationId: crypto.randomUUID(), subjectIds: [crypto.randomUUID(), crypto.randomUUID()] },
    '2026-01-01T10:00:00.000+08:00',
  );
  await db.operations.add(operation);
  await db.subjects.bulkAdd(subjects);
  return operation.id;
}

/** A fresh database holding one bare operation. */
async function freshOperation(): Promise<string> {
  db = openConsoleDb(`command-post-${++n}`);
  return bareOperation();
}

const ok = <T extends { ok: boolean }>(r: T) => {
  if (!r.ok) throw new Error(`expected ok: ${JSON.stringify(r)}`);
  return r as Extract<T, { ok: true }>;
};

describe('ensureStandardGroups', () => {
  it('creates the nine standard groups once, even when called twice at the same time', async () => {
    const op = await freshOperation();
    const created = await Promise.all([ensureStandardGroups(db, op), ensureStandardGroups(db, op)]);
    expect(created.sort()).toEqual([0, 9]);
    expect(await ensureStandardGroups(db, op)).toBe(0);
    const { workingGroups } = await loadCommandPost(db, op);
    expect(workingGroups.map((g) => g.code)).toEqual([...standardGroupCodes]);
  });

  it('recreates only a missing standard group and leaves custom groups alone', async () => {
    const op = await freshOperation();
    await ensureStandardGroups(db, op);
    const custom = ok(await saveWorkingGroup(db, op, { name: '后勤保障组' }));
    const evidence = (await loadCommandPost(db, op)).workingGroups.find((g) => g.code === 'evidence')!;
    await db.workingGroups.delete(evidence.id);
    expect(await ensureStandardGroups(db, op)).toBe(1);
    const groups = (await loadCommandPost(db, op)).workingGroups;
    expect(groups).toHaveLength(10);
    expect(groups.at(-1)?.id).toBe(custom.id);
    expect(groups.find((g) => g.code === 'evidence')?.position).toBe(7);
  });

  it('keeps each operation’s groups apart', async () => {
    const a = await freshOperation();
    const b = await bareOperation();
    await ensureStandardGroups(db, a);
    expect(await ensureStandardGroups(db, b)).toBe(9);
    expect(await db.workingGroups.count()).toBe(18);
  });
});

describe('deletion refusals', () => {
  async function staffed() {
    const op = await freshOperation();
    await ensureStandardGroups(db, op);
    const unit = ok(await saveMemberUnit(db, op, { name: '公安临江分局', role: '现场警戒' })).id;
    const leader = ok(await savePerson(db, op, { name: '赵刚', memberUnitId: unit, phone: '13975128803' })).id;
    const member = ok(await savePerson(db, op, { name: '钱磊', memberUnitId: unit })).id;
    const security = (await loadCommandPost(db, op)).workingGroups[0]!;
    ok(await saveWorkingGroup(db, op, { ...security, leaderId: leader, memberIds: [member] }, security.id));
    return { op, unit, leader, member, security };
  }

  it('refuses to delete a unit that still has people, and says who', async () => {
    const { unit } = await staffed();
    await expect(deleteMemberUnit(db, unit)).rejects.toThrow(/“公安临江分局”还有 2 名人员（(赵刚、钱磊|钱磊、赵刚)）/);
    expect(await db.memberUnits.get(unit)).toBeDefined();
  });

  it('refuses to delete a group leader or the commander; a plain member leaves their group', async () => {
    const { op, leader, member, security, unit } = await staffed();
    await expect(deletePerson(db, leader)).rejects.toThrow('赵刚现任安全保卫和应急处置组组长');
    ok(await setCommand(db, op, { onSiteCommanderId: member }, undefined));
    await expect(deletePerson(db, member)).rejects.toThrow('钱磊现任现场执行指挥');
    ok(await setCommand(db, op, {}, undefined));
    await deletePerson(db, member);
    expect(await db.people.get(member)).toBeUndefined();
    expect((await db.workingGroups.get(security.id))?.memberIds).toEqual([]);

    ok(await saveWorkingGroup(db, op, { ...security, leaderId: undefined }, security.id));
    await deletePerson(db, leader);
    await deleteMemberUnit(db, unit);
    expect(await db.memberUnits.count()).toBe(0);
  });

  it('refuses to delete a standard group, deletes a custom one', async () => {
    const { op, security } = await staffed();
    await expect(deleteWorkingGroup(db, security.id)).rejects.toThrow('不能删除');
    const custom = ok(await saveWorkingGroup(db, op, { name: '后勤保障组' })).id;
    expect((await db.workingGroups.get(custom))?.position).toBe(9);
    await deleteWorkingGroup(db, custom);
    expect(await db.workingGroups.where('operationId').equals(op).count()).toBe(9);
  });

  it('keeps the last subject; removing another takes their household along and closes the gap', async () => {
    const op = await freshOperation();
    const [first, second] = await db.subjects.where('operationId').equals(op).sortBy('position');
    const added = ok(await addSubject(db, op, { name: '张伟', idType: 'residentId', idNumber: '', phone: '', address: '' })).id;
    expect((await db.subjects.get(added))?.position).toBe(2);
    ok(await saveHouseholdMember(db, second!.id, { name: '刘婷', relation: '儿媳', vulnerabilities: ['pregnant'] }));
    await removeSubject(db, second!.id);
    expect(await db.householdMembers.count()).toBe(0);
    expect((await db.subjects.get(added))?.position).toBe(1);
    await removeSubject(db, added);
    await expect(removeSubject(db, first!.id)).rejects.toThrow('至少须保留一名被执行人');
    expect(await db.subjects.where('operationId').equals(op).count()).toBe(1);
  });
});

describe('saving', () => {
  it('returns field messages for invalid input and stores nothing', async () => {
    const op = await freshOperation();
    const [subject] = await db.subjects.where('operationId').equals(op).sortBy('position');
    const before = await db.subjects.get(subject!.id);
    const result = await saveSubject(db, subject!.id, { ...before, idNumber: '110101196203154516' });
    expect(result).toEqual({ ok: false, errors: { idNumber: '身份证号码无效：应为 18 位，出生日期和末位校验码须正确' } });
    expect(await db.subjects.get(subject!.id)).toEqual(before);

    const unit = ok(await saveMemberUnit(db, op, { name: '临江区消防救援大队' })).id;
    expect(await saveMemberUnit(db, op, { name: '临江区消防救援大队' })).toMatchObject({ ok: false });
    // Saving a unit under its own name is an edit, not a duplicate.
    ok(await saveMemberUnit(db, op, { name: '临江区消防救援大队', role: '消防安全' }, unit));
    expect(await db.memberUnits.count()).toBe(1);
  });

  it('stores the commander on the operation and updates updatedAt', async () => {
    const op = await freshOperation();
    const before = (await db.operations.get(op))!.updatedAt;
    const unit = ok(await saveMemberUnit(db, op, { name: '临江区房屋征收事务中心' })).id;
    const chen = ok(await savePerson(db, op, { name: '陈志远', memberUnitId: unit })).id;
    const liu = ok(await savePerson(db, op, { name: '刘振华', memberUnitId: unit })).id;
    const asLiu = { personId: liu, name: '刘振华' };
    const asChen = { personId: chen, name: '陈志远' };
    // Only the commander designates the deputy, and it is logged.
    await expect(setCommand(db, op, { onSiteCommanderId: chen, deputyCommanderId: liu }, asLiu)).rejects.toThrow(
      '只有现场执行指挥本人可以指定副指挥；刘振华不是现场执行指挥',
    );
    ok(await setCommand(db, op, { onSiteCommanderId: chen, deputyCommanderId: liu }, asChen));
    expect((await db.logEntries.where('operationId').equals(op).toArray()).map((e) => [e.operator, e.text])).toEqual([['陈志远', '指定刘振华为副指挥']]);
    let operation = (await db.operations.get(op))!;
    expect(operation).toMatchObject({ onSiteCommanderId: chen, deputyCommanderId: liu });
    expect(operation.updatedAt > before).toBe(true);
    expect(await setCommand(db, op, { onSiteCommanderId: chen, deputyCommanderId: chen }, asChen)).toMatchObject({ ok: false });
    ok(await setCommand(db, op, { onSiteCommanderId: chen }, asChen));
    operation = (await db.operations.get(op))!;
    expect(operation.deputyCommanderId).toBeUndefined();
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

  it('is written in one go, reusing standard groups already created, and not twice', async () => {
    const op = await freshOperation();
    await ensureStandardGroups(db, op);
    await seedDemoCommandPost(db, op);
    const data = await loadCommandPost(db, op);
    expect(data.workingGroups).toHaveLength(9);
    expect(data.workingGroups.every((g) => g.leaderId && data.people.some((p) => p.id === g.leaderId))).toBe(true);
    expect(data.householdMembers.length).toBeGreaterThan(0);
    const operation = (await db.operations.get(op))!;
    expect(data.people.find((p) => p.id === operation.onSiteCommanderId)?.name).toBe('陈志远');
    expect(data.people.find((p) => p.id === operation.deputyCommanderId)?.name).toBe('刘振华');
    const subjects = await db.subjects.where('operationId').equals(op).sortBy('position');
    expect(subjects.map((s) => s.assessment?.riskLevel)).toEqual(['high', 'medium']);

    await expect(seedDemoCommandPost(db, op)).rejects.toThrow('已有成员单位');
    expect(await db.people.count()).toBe(data.people.length);
  });

  it('works without standard groups created first', async () => {
    const op = await freshOperation();
    await seedDemoCommandPost(db, op);
    expect(await ensureStandardGroups(db, op)).toBe(0);
    expect(await db.workingGroups.count()).toBe(9);
  });
});
