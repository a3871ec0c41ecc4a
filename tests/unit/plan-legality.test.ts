import { describe, expect, it } from 'vitest';
import type { Person, WorkingGroup } from '../../shared/commandPost/types';
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
});
const group = (id: string, leaderId?: string): WorkingGroup => ({
  id,
  operationId: 'op',
  code: 'custom',
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
    // The notice check cannot be automatic yet and says so.
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
});
