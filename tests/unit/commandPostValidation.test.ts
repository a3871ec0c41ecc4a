import { describe, expect, it } from 'vitest';
import {
  groupDeletionBlocker,
  missingStandardGroups,
  personDeletionBlocker,
  personRoles,
  sortPeople,
  sortUnits,
  unitDeletionBlocker,
} from '../../shared/commandPost/rules';
import type { MemberUnit, Person, WorkingGroup } from '../../shared/commandPost/types';
import { validateCommandAssignment, validateMemberUnit, validatePerson, validateWorkingGroup } from '../../shared/commandPost/validation';
import {
  missingAgeFlags,
  sortHouseholdMembers,
  subjectRemovalBlocker,
  validateHouseholdMember,
  validateSubjectEdit,
} from '../../shared/operation/household';

const subject = { name: '张建国', idType: 'residentId', idNumber: '110101196203154515', phone: '13800138000', address: '柳巷胡同17号' };

describe('validateSubjectEdit', () => {
  it('accepts a valid subject and upper-cases the check letter X', () => {
    expect(validateSubjectEdit(subject)).toMatchObject({ ok: true, values: { name: '张建国', assessment: undefined } });
    const x = validateSubjectEdit({ ...subject, idNumber: '11010519491231002x' });
    expect(x).toMatchObject({ ok: true, values: { idNumber: '11010519491231002X' } });
  });

  it('explains a wrong check digit, a bad phone and a missing name in Chinese', () => {
    const result = validateSubjectEdit({ ...subject, name: ' ', idNumber: '110101196203154516', phone: '12345' });
    expect(result).toEqual({
      ok: false,
      errors: {
        name: '请填写被执行人姓名或名称',
        idNumber: '身份证号码无效：应为 18 位，出生日期和末位校验码须正确',
        phone: '电话号码格式不正确，如 13800138000 或 010-66001234',
      },
    });
  });

  it('does not check the digit of other kinds of ID', () => {
    expect(validateSubjectEdit({ ...subject, idType: 'other', idNumber: 'G12345678' })).toMatchObject({ ok: true });
  });

  it('stores an assessment only with a risk level, and asks for one when the analysis is written', () => {
    const assessment = { health: '高血压', psychological: '', behavioural: '', riskLevel: 'high' };
    expect(validateSubjectEdit({ ...subject, assessment })).toMatchObject({ ok: true, values: { assessment } });
    expect(validateSubjectEdit({ ...subject, assessment: { ...assessment, riskLevel: undefined } })).toEqual({
      ok: false,
      errors: { 'assessment.riskLevel': '已填写分析情况，请评定风险等级（低、中、高）' },
    });
    expect(validateSubjectEdit({ ...subject, assessment: { health: ' ' } })).toMatchObject({ ok: true, values: { assessment: undefined } });
  });

  it('keeps the last subject', () => {
    expect(subjectRemovalBlocker(1)).toContain('至少须保留一名被执行人');
    expect(subjectRemovalBlocker(2)).toBeNull();
  });
});

describe('validateHouseholdMember', () => {
  const member = { name: '王桂芳', relation: '母亲', birthYear: 1944, phone: '', vulnerabilities: ['elderly'], note: '' };

  it('accepts a member and orders the flags the way they are labelled', () => {
    expect(validateHouseholdMember({ ...member, vulnerabilities: ['seriouslyIll', 'elderly', 'elderly'] }, 2026)).toMatchObject({
      ok: true,
      values: { vulnerabilities: ['elderly', 'seriouslyIll'] },
    });
    expect(validateHouseholdMember({ ...member, birthYear: null }, 2026)).toMatchObject({ ok: true, values: { birthYear: undefined } });
  });

  it('reports each problem in Chinese', () => {
    const result = validateHouseholdMember({ name: '', relation: '', birthYear: 2030, phone: '010', vulnerabilities: ['x'] }, 2026);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toMatchObject({
      name: '请填写姓名',
      relation: '请填写与被执行人关系，如 母亲、儿子',
      birthYear: '出生年份应在 1900 至 2026 之间',
      phone: '电话号码格式不正确，如 13800138000 或 010-66001234',
      'vulnerabilities.0': '未知的特殊情况标记',
    });
    expect(validateHouseholdMember({ ...member, birthYear: 1944.5 }, 2026)).toMatchObject({ ok: false, errors: { birthYear: '出生年份应为四位整数，如 1944' } });
  });

  it('hints at age flags only when the birth year makes them certain', () => {
    expect(missingAgeFlags({ birthYear: 1944, vulnerabilities: [] }, 2026)).toEqual(['elderly']);
    expect(missingAgeFlags({ birthYear: 1944, vulnerabilities: ['elderly'] }, 2026)).toEqual([]);
    expect(missingAgeFlags({ birthYear: 1966, vulnerabilities: [] }, 2026)).toEqual([]); // 59 or 60
    expect(missingAgeFlags({ birthYear: 2009, vulnerabilities: [] }, 2026)).toEqual(['minor']); // 16 or 17
    expect(missingAgeFlags({ birthYear: 2008, vulnerabilities: [] }, 2026)).toEqual([]); // 17 or 18
    expect(missingAgeFlags({ vulnerabilities: [] }, 2026)).toEqual([]);
  });
});

const unit: MemberUnit = { id: 'u1', operationId: 'op', name: '公安临江分局', role: '' };
const person = (id: string, name: string, badgeNumber = ''): Person => ({
  id, operationId: 'op', memberUnitId: 'u1', name, post: '', phone: '', badgeNumber,
});
const group = (id: string, extra: Partial<WorkingGroup> = {}): WorkingGroup => ({
  id, operationId: 'op', code: 'custom', name: `组${id}`, duties: '', memberIds: [], channel: '', position: 9, ...extra,
});

describe('command post validation', () => {
  it('refuses a member unit registered twice', () => {
    expect(validateMemberUnit({ name: ' 公安临江分局 ', role: '' }, [unit])).toEqual({
      ok: false,
      errors: { name: '成员单位“公安临江分局”已经登记过' },
    });
    expect(validateMemberUnit({ name: '' }, [])).toEqual({ ok: false, errors: { name: '请填写单位名称' } });
  });

  it('checks a person’s unit, phone and badge number', () => {
    const input = { name: '赵刚', memberUnitId: 'u1', post: '大队长', phone: '13975128803', badgeNumber: '临执-001' };
    expect(validatePerson(input, [], [unit])).toMatchObject({ ok: true });
    expect(validatePerson({ ...input, memberUnitId: '' }, [], [unit])).toMatchObject({ ok: false, errors: { memberUnitId: '请选择所属成员单位' } });
    expect(validatePerson({ ...input, memberUnitId: 'gone' }, [], [unit])).toMatchObject({ ok: false, errors: { memberUnitId: expect.stringContaining('不存在') } });
    expect(validatePerson({ ...input, phone: '1397512880' }, [], [unit])).toMatchObject({ ok: false, errors: { phone: expect.stringContaining('格式不正确') } });
    expect(validatePerson(input, [person('p2', '钱磊', '临执-001')], [unit])).toEqual({
      ok: false,
      errors: { badgeNumber: '工作证号 临执-001 已由钱磊使用，现场标识不能重复' },
    });
  });

  it('records a person’s training as course and date together (seed 004), dates as people type them', () => {
    const input = { name: '赵刚', memberUnitId: 'u1', post: '大队长', phone: '', badgeNumber: '' };
    expect(validatePerson(input, [], [unit])).toEqual({ ok: true, values: { name: '赵刚', memberUnitId: 'u1', post: '大队长', phone: '', badgeNumber: '' } });
    expect(validatePerson({ ...input, trainingCourse: ' 岗前培训 ', trainingDate: '2026年9月8日' }, [], [unit])).toMatchObject({
      ok: true,
      values: { training: { course: '岗前培训', date: '2026-09-08' } },
    });
    expect(validatePerson({ ...input, trainingCourse: '岗前培训', trainingDate: '2026/9/8' }, [], [unit])).toMatchObject({ values: { training: { date: '2026-09-08' } } });
    expect(validatePerson({ ...input, trainingCourse: '岗前培训' }, [], [unit])).toEqual({ ok: false, errors: { trainingDate: '填写了培训课程，请填写培训日期' } });
    expect(validatePerson({ ...input, trainingDate: '2026-09-08' }, [], [unit])).toEqual({ ok: false, errors: { trainingCourse: '填写了培训日期，请填写培训课程' } });
    expect(validatePerson({ ...input, trainingCourse: '岗前培训', trainingDate: '2026-02-30' }, [], [unit])).toEqual({
      ok: false,
      errors: { trainingDate: '培训日期格式不正确，应如 2026-03-01' },
    });
  });

  it('checks a group: unique name, leader and members on the roster, leader not repeated as member', () => {
    const people = [person('p1', '赵刚'), person('p2', '钱磊')];
    expect(validateWorkingGroup({ name: '后勤保障组', leaderId: 'p1', memberIds: ['p1', 'p2', 'p2'] }, [], people)).toMatchObject({
      ok: true,
      values: { leaderId: 'p1', memberIds: ['p2'] },
    });
    expect(validateWorkingGroup({ name: '后勤保障组', leaderId: null }, [], people)).toMatchObject({ ok: true, values: { leaderId: undefined } });
    expect(validateWorkingGroup({ name: '组a' }, [group('a')], people)).toMatchObject({ ok: false, errors: { name: '已有名为“组a”的工作小组' } });
    expect(validateWorkingGroup({ name: 'x', leaderId: 'gone' }, [], people)).toMatchObject({ ok: false, errors: { leaderId: expect.any(String) } });
    expect(validateWorkingGroup({ name: 'x', memberIds: ['gone'] }, [], people)).toMatchObject({ ok: false, errors: { memberIds: expect.any(String) } });
  });

  it('refuses the same person as commander and deputy', () => {
    const people = [person('p1', '陈志远'), person('p2', '刘振华')];
    expect(validateCommandAssignment({ onSiteCommanderId: 'p1', deputyCommanderId: 'p2' }, people)).toMatchObject({ ok: true });
    expect(validateCommandAssignment({ onSiteCommanderId: 'p1', deputyCommanderId: 'p1' }, people)).toEqual({
      ok: false,
      errors: { deputyCommanderId: '副指挥不能与现场执行指挥是同一人' },
    });
    expect(validateCommandAssignment({ onSiteCommanderId: 'gone' }, people)).toMatchObject({ ok: false });
    expect(validateCommandAssignment({}, people)).toMatchObject({ ok: true });
  });
});

describe('command post rules', () => {
  it('creates only the missing standard groups, in the standard order', () => {
    let n = 0;
    const created = missingStandardGroups('op', ['security', 'evidence', 'custom'], () => `g${++n}`);
    expect(created.map((g) => g.code)).toEqual(['negotiation', 'personnel', 'inventory', 'demolition', 'fireMedical', 'publicOpinion', 'aftercare']);
    expect(created.map((g) => g.position)).toEqual([1, 2, 3, 4, 5, 6, 8]);
    expect(created[0]).toMatchObject({ name: '疏导谈判组', duties: expect.stringContaining('宣告'), memberIds: [] });
    expect(created[0]?.leaderId).toBeUndefined();
  });

  it('says why a unit with people, a leader, the commander or a standard group cannot be deleted', () => {
    const people = [person('p1', '赵刚'), person('p2', '钱磊'), person('p3', '孙浩'), person('p4', '周明')];
    expect(unitDeletionBlocker(unit, people)).toBe('“公安临江分局”还有 4 名人员（赵刚、钱磊、孙浩等），请先删除这些人员或将其改到其他单位，再删除单位。');
    expect(unitDeletionBlocker(unit, [])).toBeNull();

    const groups = [group('a', { name: '安全保卫和应急处置组', leaderId: 'p1', memberIds: ['p2'], position: 0 })];
    expect(personDeletionBlocker(people[0]!, groups, { onSiteCommanderId: 'p1' })).toBe(
      '赵刚现任现场执行指挥、安全保卫和应急处置组组长，请先另行指定后再删除。',
    );
    expect(personDeletionBlocker(people[1]!, groups, { deputyCommanderId: 'p2' })).toBe('钱磊现任副指挥，请先另行指定后再删除。');
    expect(personDeletionBlocker(people[1]!, groups, {})).toBeNull();
    expect(personRoles('p2', groups, {})).toEqual([{ kind: 'member', label: '安全保卫和应急处置组组员' }]);

    expect(groupDeletionBlocker(group('s', { code: 'evidence', name: '证据保全组' }))).toContain('不能删除');
    expect(groupDeletionBlocker(group('c'))).toBeNull();
  });
});

describe('display order', () => {
  it('lists units by name, people by unit then badge number, the family eldest first', () => {
    const units: MemberUnit[] = [
      { id: 'b', operationId: 'op', name: '临江区消防救援大队', role: '' },
      { id: 'a', operationId: 'op', name: '公安临江分局', role: '' },
    ];
    const sorted = sortUnits(units);
    expect(sorted.map((u) => u.id)).toEqual(['a', 'b']);
    const people: Person[] = [
      { ...person('p1', '无证'), memberUnitId: 'a' },
      { ...person('p2', '冯磊', '临执-2'), memberUnitId: 'b' },
      { ...person('p3', '钱磊', '临执-10'), memberUnitId: 'a' },
      { ...person('p4', '赵刚', '临执-9'), memberUnitId: 'a' },
    ];
    expect(sortPeople(people, sorted).map((p) => p.id)).toEqual(['p4', 'p3', 'p1', 'p2']);
    expect(sortHouseholdMembers([{ name: '甲' }, { name: '乙', birthYear: 2016 }, { name: '丙', birthYear: 1944 }]).map((m) => m.name)).toEqual([
      '丙',
      '乙',
      '甲',
    ]);
  });
});
