import { describe, expect, it } from 'vitest';
import { nextDeadline, operationStage, stageLabels, type StageFacts } from '../../shared/operation/stage';

const facts = (over: Partial<StageFacts> = {}): StageFacts => ({ archived: false, planFinal: false, documentsServed: 0, onSite: 'notStarted', ...over });

describe('operationStage', () => {
  it('starts at 组建指挥部', () => {
    expect(stageLabels[operationStage(facts())]).toBe('组建指挥部');
  });
  it('follows the paperwork: plan finalised, then documents served', () => {
    expect(operationStage(facts({ planFinal: true }))).toBe('planFinal');
    expect(operationStage(facts({ planFinal: true, documentsServed: 1 }))).toBe('documentsServed');
    expect(operationStage(facts({ documentsServed: 2 }))).toBe('documentsServed');
  });
  it('the day on site outranks the paperwork', () => {
    expect(operationStage(facts({ planFinal: true, documentsServed: 1, onSite: 'inProgress' }))).toBe('inProgress');
    expect(operationStage(facts({ onSite: 'suspended' }))).toBe('suspended');
    expect(operationStage(facts({ onSite: 'completed' }))).toBe('completed');
    expect(stageLabels[operationStage(facts({ onSite: 'terminated' }))]).toBe('已终结');
  });
  it('archiving outranks everything', () => {
    expect(operationStage(facts({ archived: true, onSite: 'completed' }))).toBe('archived');
  });
});

describe('nextDeadline', () => {
  const today = '2026-03-05';
  it('takes the earliest deadline still ahead, today included', () => {
    const next = nextDeadline(
      [
        { label: '计划执行', date: '2026-03-20' },
        { label: '自行履行期限', date: '2026-03-05' },
        { label: '书面报告法院', date: '2026-03-01' },
      ],
      today,
    );
    expect(next).toEqual({ label: '自行履行期限', date: '2026-03-05' });
  });
  it('is null when every deadline has passed or there is none', () => {
    expect(nextDeadline([{ label: '自行履行期限', date: '2026-03-04' }], today)).toBeNull();
    expect(nextDeadline([], today)).toBeNull();
  });
});
