import { describe, expect, it } from 'vitest';
import type { MemberUnit, Person, WorkingGroup } from '../../shared/commandPost/types';
import { canFinalise, checkPlanLegality, type LegalityInput } from '../../shared/plan/legality';
import type { PlanContent } from '../../shared/plan/types';
import { lawfulPlanContent } from '../fixtures/plan';

const person = (id: string): Person => ({
  id,
  operationId: 'op',
  memberUnitId: 'u',
  name: `人员${id}`,
  post: '科长',
  phone: '13900000000',
  badgeNumber: id,
  training: { course: '房屋征收强制执行岗前培训', date: '2026-09-18' },
});
const group = (id: string, leaderId?: string, code: WorkingGroup['code'] = 'custom'): WorkingGroup => ({
  id,
  operationId: 'op',
  code,
  name: `小组${id}`,
  duties: '',
  ...(leaderId ? { leaderId } : {}),
  memberIds: [],
  channel: '',
  position: 0,
});

const input = (content: PlanContent, extra: Partial<LegalityInput> = {}): LegalityInput => ({
  content,
  operation: { onSiteCommanderId: 'p1' },
  groups: [group('g1', 'p1'), group('g2', 'p2')],
  people: [person('p1'), person('p2')],
  ...extra,
});

const failed = (content: PlanContent, extra?: Partial<LegalityInput>) =>
  checkPlanLegality(input(content, extra))
    .filter((c) => c.blocking && c.status === 'fail')
    .map((c) => c.code);

describe('checkPlanLegality', () => {
  it('lets a complete, lawful plan be finalised, with a basis for every check', () => {
    const checks = checkPlanLegality(input(lawfulPlanContent()));
    expect(canFinalise(checks)).toBe(true);
    expect(checks.every((c) => c.basis.length > 10)).toBe(true);
    // Without the service records the notice check cannot be automatic, and says so.
    expect(checks.find((c) => c.code === 'notice')).toMatchObject({ status: 'warn', blocking: false });
  });

  it('blocks a national-day window and names the holiday', () => {
    const content = { ...lawfulPlanContent(), start: '2026-10-02T09:00:00+08:00', end: '2026-10-02T12:00:00+08:00' };
    const checks = checkPlanLegality(input(content));
    expect(canFinalise(checks)).toBe(false);
    expect(checks.find((c) => c.code.startsWith('window.') && c.blocking)?.message).toContain('国庆');
  });

  it('blocks a night window and a Saturday without an emergency reason', () => {
    expect(failed({ ...lawfulPlanContent(), start: '2026-12-08T20:00:00+08:00', end: '2026-12-08T23:00:00+08:00' })).toContain(
      'window.night',
    );
    const saturday = { ...lawfulPlanContent(), start: '2026-12-12T09:00:00+08:00', end: '2026-12-12T12:00:00+08:00' };
    expect(failed(saturday)).toContain('window.weekend');
    const urgent = { ...saturday, emergencyReason: '房屋主体结构已严重开裂，随时可能倒塌危及周边住户安全' };
    expect(failed(urgent)).not.toContain('window.weekend');
  });

  it('requires the window to be filled in', () => {
    expect(failed({ ...lawfulPlanContent(), start: '' })).toContain('window');
  });

  it('requires compensation in a dedicated account and housing (先补偿后搬迁)', () => {
    expect(failed({ ...lawfulPlanContent(), compensationDeposited: false })).toEqual(['compensation']);
    expect(failed({ ...lawfulPlanContent(), compensationAccount: ' ' })).toEqual(['compensation']);
    expect(failed({ ...lawfulPlanContent(), housingArranged: false })).toEqual(['housing']);
  });

  it('refuses a plan that mentions cutting utilities even when the box is ticked', () => {
    const content = lawfulPlanContent();
    content.contingencies[0] = { ...content.contingencies[0]!, measures: '必要时先停水停电' };
    const checks = checkPlanLegality(input(content));
    expect(checks.find((c) => c.code === 'utilities')?.message).toContain('停水');
    expect(failed({ ...lawfulPlanContent(), noUtilityCutoff: false })).toEqual(['utilities']);
  });

  it('requires a leader for every group and a designated commander', () => {
    expect(failed(lawfulPlanContent(), { groups: [group('g1', 'p1'), group('g2')] })).toEqual(['groupLeaders']);
    expect(failed(lawfulPlanContent(), { groups: [group('g1', 'gone')] })).toEqual(['groupLeaders']);
    expect(failed(lawfulPlanContent(), { operation: {} })).toEqual(['commander']);
  });

  it('requires assembly and dispersal points, contingency measures and the risk assessment', () => {
    expect(failed({ ...lawfulPlanContent(), dispersalPoint: '' })).toEqual(['places']);
    const content = lawfulPlanContent();
    content.contingencies[2] = { ...content.contingencies[2]!, measures: '' };
    expect(checkPlanLegality(input(content)).find((c) => c.code === 'contingencies')?.message).toContain('人员聚集');
    expect(failed({ ...lawfulPlanContent(), riskAssessment: '' })).toEqual(['risk']);
  });

  it('refuses any plan once the subject has performed (stop ground 1)', () => {
    const termination = { ground: 'selfPerformed' as const, occurredOn: '2026-11-25', note: '已搬离', recordedBy: '陈志远', recordedAt: 'x' };
    expect(failed(lawfulPlanContent(), { operation: { onSiteCommanderId: 'p1', termination } })).toEqual(['terminated']);
  });

  it('uses the configured night hours', () => {
    const evening = { ...lawfulPlanContent(), start: '2026-12-08T14:00:00+08:00', end: '2026-12-08T20:30:00+08:00' };
    expect(failed(evening)).toEqual([]);
    expect(failed(evening, { night: { from: '20:00', to: '07:00' } })).toContain('window.night');
  });

  it('the utility rule both ways: cutting supplies to force a move fails, isolating a cleared house before 拆除 passes', () => {
    const coerce = lawfulPlanContent();
    coerce.contingencies[0] = { ...coerce.contingencies[0]!, measures: '被执行人拒不搬离的，断水断电迫使其搬离' };
    const refused = checkPlanLegality(input(coerce)).find((c) => c.code === 'utilities')!;
    expect(refused).toMatchObject({ status: 'fail', blocking: true });
    expect(refused.message).toContain('“断水”');
    expect(refused.basis).toMatch(/第四十三条第二款.*没有“情况紧急”的例外.*第二十七条第三款/);
    // Isolation of the cleared house by the utilities' units, before demolition, is a safety step.
    const isolate = lawfulPlanContent();
    isolate.assignments = [{ groupId: 'g1', task: '房屋腾空、清点人员后，由供电公司、自来水公司切断房屋电源、水源，再实施拆除', position: '', reportTime: '' }];
    expect(failed(isolate)).toEqual([]);
    // “Before demolition” is no cover for pressure to move.
    const disguised = lawfulPlanContent();
    disguised.route = '拆除前三日停止供水，促使其搬离，房屋腾空后拆除';
    expect(failed(disguised)).toEqual(['utilities']);
  });

  it('a plan that demolishes must isolate the supplies first and needs a ruling that allows demolition', () => {
    const groups = [group('g1', 'p1'), group('g2', 'p2', 'demolition')];
    const demolish = lawfulPlanContent();
    demolish.assignments = [{ groupId: 'g2', task: '清登完成后拆除房屋', position: '', reportTime: '' }];
    const allows = { onSiteCommanderId: 'p1', courtRuling: { court: '法院', number: '（2026）x', date: '2026-09-15', scope: 'relocationAndDemolition' as const } };
    expect(failed(demolish, { groups, operation: allows })).toEqual(['isolation']);
    const isolation = checkPlanLegality(input(demolish, { groups, operation: allows })).find((c) => c.code === 'isolation')!;
    expect(isolation.basis).toMatch(/四（十一）/);
    demolish.assignments[0]!.task = '房屋腾空后，由供电、供水、燃气单位断开房屋水、电、气，再实施拆除';
    expect(failed(demolish, { groups, operation: allows })).toEqual([]);
    // A ruling that allows 搬迁 only (or says nothing) does not cover the planned demolition.
    const scope = checkPlanLegality(input(demolish, { groups })).find((c) => c.code === 'scope')!;
    expect(scope).toMatchObject({ status: 'fail', message: '预案安排了房屋拆除，但法院裁定准予强制搬迁（不含拆除），未准予拆除' });
    expect(scope.basis).toMatch(/法释〔2012〕4号）第九条/);
    // Without a task for the demolition group, no demolition is planned and no isolation is needed.
    expect(failed(lawfulPlanContent(), { groups })).toEqual([]);
    expect(checkPlanLegality(input(lawfulPlanContent(), { groups })).find((c) => c.code === 'scope')?.message).toBe('裁定准予强制搬迁（不含拆除）；预案未安排房屋拆除');
  });

  it('the 建设单位 never acts: not as the unit of anyone assigned, not named as acting in the plan', () => {
    const units: MemberUnit[] = [
      { id: 'u', operationId: 'op', name: '临江区房屋征收事务中心', role: '牵头单位' },
      { id: 'dev', operationId: 'op', name: '滨江柳巷置业有限公司', role: '项目建设单位' },
    ];
    const developer = { ...person('p3'), name: '周经理', memberUnitId: 'dev' };
    const groups = [group('g1', 'p1'), { ...group('g2', 'p2'), memberIds: ['p3'] }];
    const check = checkPlanLegality(input(lawfulPlanContent(), { groups, people: [person('p1'), person('p2'), developer], memberUnits: units })).find(
      (c) => c.code === 'constructionUnit',
    )!;
    expect(check).toMatchObject({ status: 'fail', blocking: true, message: '周经理（滨江柳巷置业有限公司）来自建设单位，不得参与执行工作' });
    expect(check.basis).toBe('《国有土地上房屋征收与补偿条例》第二十七条第三款：禁止建设单位参与搬迁活动。');
    // On the roster but assigned to nothing: not acting.
    expect(failed(lawfulPlanContent(), { people: [person('p1'), person('p2'), developer], memberUnits: units })).toEqual([]);
    const named = lawfulPlanContent();
    named.vehicles = '搬家车辆由建设单位提供并派员搬运';
    expect(failed(named)).toEqual(['constructionUnit']);
    named.vehicles = '搬家车辆由征收事务中心租用；建设单位不得参与搬迁';
    expect(failed(named)).toEqual([]);
  });

  it('flags anyone assigned without training, or trained only after the day (seed 004)', () => {
    const untrained = { ...person('p2'), training: undefined };
    const check = checkPlanLegality(input(lawfulPlanContent(), { people: [person('p1'), untrained] })).find((c) => c.code === 'training')!;
    expect(check).toMatchObject({ status: 'fail', blocking: true });
    expect(check.message).toBe('人员p2没有培训记录：未经培训的人员不得参加执行（在“指挥部”人员中登记培训课程和日期）');
    expect(check.basis).toMatch(/吉建征〔2022〕4号.*严禁没有经过培训人员从事征收工作/);
    const late = { ...person('p1'), training: { course: '岗前培训', date: '2026-12-20' } };
    expect(checkPlanLegality(input(lawfulPlanContent(), { people: [late, person('p2')] })).find((c) => c.code === 'training')?.message).toMatch(
      /^人员p1的培训（岗前培训，2026-12-20）在执行日之后/,
    );
    // Someone on the roster but assigned to nothing is not flagged.
    expect(failed(lawfulPlanContent(), { people: [person('p1'), person('p2'), { ...person('p9'), training: undefined }] })).toEqual([]);
  });
});

describe('checkPlanLegality: service and periods', () => {
  const served = (name: string, periodEndsOn: string) => ({ subjectId: name, name, servedOn: '2026-11-16', periodEndsOn });

  it('refuses a day on or before a subject’s period ends; warns while someone is unserved; passes once all are over', () => {
    const running = checkPlanLegality(input(lawfulPlanContent(), { periods: [served('张建国', '2026-11-26'), served('李秀兰', '2026-12-08')] })).find((c) => c.code === 'notice')!;
    expect(running).toMatchObject({ status: 'fail', blocking: true, message: '李秀兰的期限至 2026-12-08 届满，执行日（2026-12-08）须在期限届满之后' });
    expect(running.basis).toMatch(/四（二）、四（三）.*第八十五条/);
    const unserved = checkPlanLegality(input(lawfulPlanContent(), { periods: [served('张建国', '2026-11-26'), { subjectId: 's2', name: '李秀兰' }] })).find((c) => c.code === 'notice')!;
    expect(unserved).toMatchObject({ status: 'warn', blocking: false });
    expect(unserved.message).toContain('尚未送达李秀兰');
    const over = checkPlanLegality(input(lawfulPlanContent(), { periods: [served('张建国', '2026-11-26'), served('李秀兰', '2026-12-07')] })).find((c) => c.code === 'notice')!;
    expect(over).toMatchObject({ status: 'pass', message: '各被执行人均已送达，自行履行期限最晚于 2026-12-07 届满' });
  });
});
