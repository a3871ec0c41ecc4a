import { describe, expect, it } from 'vitest';
import { chinaDate, chinaInstant } from '../../shared/calendar/chinaTime';
import { demoOperationInput } from '../../shared/operation/demo';
import { buildOperation, operationTitle, validateNewOperation } from '../../shared/operation/newOperation';

const today = '2026-11-23';
const valid = structuredClone(demoOperationInput);

describe('validateNewOperation', () => {
  it('accepts the demo operation', () => {
    expect(validateNewOperation(valid, today)).toMatchObject({ ok: true });
  });

  it('reports each problem under the field it belongs to, in Chinese', () => {
    const input = structuredClone(valid);
    input.courtRuling.number = '2026京0102行审123';
    input.propertyAddress = '  ';
    input.subjects = [{ ...input.subjects[0]!, idNumber: '110101196203154516' }];
    const result = validateNewOperation(input, today);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors['courtRuling.number']).toContain('（2026）京0102行审123号');
    expect(result.errors['propertyAddress']).toBe('请填写被执行房屋地址');
    expect(result.errors['subjects.0.idNumber']).toContain('校验码');
    expect(result.errors['courtRuling.court']).toBeUndefined();
  });

  it('refuses dates in the future and a basis issued after the ruling', () => {
    const input = structuredClone(valid);
    input.courtRuling.date = '2026-11-24';
    input.basisDocument.date = '2026-10-01';
    input.courtRuling.number = '（2026）滨0103行审45号';
    let result = validateNewOperation(input, today);
    expect(result.ok || result.errors['courtRuling.date']).toBe('裁定日期不能晚于今天');
    input.courtRuling.date = '2026-09-15';
    result = validateNewOperation(input, today);
    expect(result.ok || result.errors['basisDocument.date']).toContain('应早于法院裁定');
  });

  it('checks the ruling number year against the ruling date', () => {
    const input = structuredClone(valid);
    input.courtRuling.number = '（2023）滨0103行审45号';
    const result = validateNewOperation(input, today);
    expect(result.ok || result.errors['courtRuling.number']).toContain('年份（2023）');
  });

  it('requires at least one subject', () => {
    const result = validateNewOperation({ ...valid, subjects: [] }, today);
    expect(result.ok || result.errors['subjects']).toBe('请至少填写一名被执行人');
  });

  it('survives garbage without throwing', () => {
    for (const junk of [null, 42, 'x', [], { courtRuling: 5 }, { subjects: [null] }]) {
      expect(validateNewOperation(junk, today).ok).toBe(false);
    }
  });
});

describe('buildOperation', () => {
  it('normalises numbers and keeps subject order', () => {
    const input = structuredClone(valid);
    input.courtRuling.number = '(2026)滨0103行审45号';
    input.basisDocument.number = '临江征补决[2026]12号';
    const result = validateNewOperation(input, today);
    if (!result.ok) throw new Error('expected valid');
    const { operation, subjects } = buildOperation(result.values, { operationId: 'op', subjectIds: ['a', 'b'] }, 'now');
    expect(operation.courtRuling.number).toBe('（2026）滨0103行审45号');
    expect(operation.basisDocument.number).toBe('临江征补决〔2026〕12号');
    expect(operation.status).toBe('active');
    expect(subjects.map((s) => [s.id, s.position, s.name])).toEqual([
      ['a', 0, '张建国'],
      ['b', 1, '李秀兰'],
    ]);
    expect(operationTitle(subjects.map((s) => s.name))).toBe('张建国等 2 人户');
  });
});

describe('China time', () => {
  it('uses +08:00 whatever the machine time zone', () => {
    const late = new Date('2026-03-05T16:30:00Z');
    expect(chinaDate(late)).toBe('2026-03-06');
    expect(chinaInstant(late)).toBe('2026-03-06T00:30:00.000+08:00');
  });
});
