// The operation's decide functions, pure: creating it (with its standard groups), the demo,
// archiving, and the particulars recorded on it, each with its entry and refusals.
import { describe, expect, it } from 'vitest';
import { standardGroupCodes } from '../../shared/commandPost/types';
import { decideArchive, decideCosts, decideCreateOperation, decideLoadDemo, decideParticulars, decideRulingDetails } from '../../shared/operation/acts';
import { demoOperationInput, demoParticularsInput } from '../../shared/operation/demo';
import { validateNewOperation } from '../../shared/operation/newOperation';
import type { Operation } from '../../shared/operation/types';
import { applyChanges, emptyRecordSet, type RecordChange } from '../../shared/record/act';


/** The record a put carries. */
function recordOf<T>(change: RecordChange | undefined): T {
  if (change?.op !== 'put') throw new Error('expected a put');
  return change.record as unknown as T;
}

const NOW = '2026-09-20T10:00:00.000+08:00';
const LATER = '2026-09-21T08:00:00.000+08:00';
const ids = () => {
  let n = 0;
  return () => `id${++n}`;
};

function created(): Operation {
  const v = validateNewOperation(demoOperationInput, '2026-09-20');
  if (!v.ok) throw new Error('demo input invalid');
  const d = decideCreateOperation(v.values, 'op', ids(), NOW);
  return applyChanges(emptyRecordSet(), d.changes).operations.get('op') as unknown as Operation;
}

describe('creating an operation', () => {
  it('is one act: the operation, its subjects and the nine standard groups, logged as the first entry', () => {
    const v = validateNewOperation(demoOperationInput, '2026-09-20');
    if (!v.ok) throw new Error('demo input invalid');
    const d = decideCreateOperation(v.values, 'op', ids(), NOW);
    const records = applyChanges(emptyRecordSet(), d.changes);
    expect(d.result).toBe('op');
    expect(records.operations.get('op')).toMatchObject({ status: 'active', isDemo: false, createdAt: NOW });
    expect([...records.subjects.values()].map((s) => s['name'])).toEqual(['张建国', '李秀兰']);
    expect([...records.workingGroups.values()].map((g) => g['code'])).toEqual([...standardGroupCodes]);
    expect(d.entry.category).toBe('system');
    expect(d.entry.text).toBe(
      '创建强制执行行动：张建国等 2 人户，被执行房屋滨江市临江区河西街道柳巷胡同17号；依据滨江市临江区人民法院（2026）滨0103行审45号行政裁定（准予强制搬迁并拆除）；建立九个标准工作小组',
    );
  });

  it('the demo is one act with its command post, and the same ids give the same records', () => {
    const a = decideLoadDemo('op', ids(), NOW);
    const b = decideLoadDemo('op', ids(), NOW);
    expect(a).toEqual(b);
    const records = applyChanges(emptyRecordSet(), a.changes);
    const operation = records.operations.get('op')!;
    const name = (id: unknown) => records.people.get(String(id))?.['name'];
    expect([name(operation['onSiteCommanderId']), name(operation['deputyCommanderId'])]).toEqual(['陈志远', '刘振华']);
    expect(operation).toMatchObject({ isDemo: true, particulars: { contactPerson: demoParticularsInput.contactPerson } });
    expect(records.workingGroups.size).toBe(9);
    expect(a.entry.text).toMatch(/^载入示例行动（培训用虚构数据）：张建国等 2 人户，成员单位 \d+ 个、人员 \d+ 名、工作小组 9 个；现场执行指挥：陈志远；副指挥：刘振华$/);
  });
});

describe('archiving', () => {
  it('archives and restores, refusing what is already so or missing', () => {
    const operation = created();
    const archived = decideArchive(operation, true, LATER);
    expect(archived.entry).toEqual({ category: 'system', text: '行动归档：数据全部保留，可随时恢复' });
    const stored = recordOf<Operation>(archived.changes[0]);
    expect(stored).toMatchObject({ status: 'archived', archivedAt: LATER, updatedAt: LATER });
    expect(() => decideArchive(stored, true, LATER)).toThrow('该行动已归档');
    const restored = recordOf<Operation>(decideArchive(stored, false, LATER).changes[0]);
    expect(restored.status).toBe('active');
    expect(restored).not.toHaveProperty('archivedAt');
    expect(() => decideArchive(operation, false, LATER)).toThrow('该行动不在归档中');
    expect(() => decideArchive(undefined, true, LATER)).toThrow('找不到该行动，可能已被删除');
  });
});

describe('particulars recorded on the operation', () => {
  it('the ruling’s scope: an edit with before and after', () => {
    const d = decideRulingDetails(created(), { scope: 'relocation', scopeLimit: '不含附属建筑物', issuingBody: 'leadUnit' }, LATER);
    if (!d.ok || !d.outcome) throw new Error('expected an act');
    expect(d.outcome.entry).toEqual({
      category: 'edit',
      text: '记录裁定执行范围：准予强制搬迁（不含拆除）（限制：不含附属建筑物）；发文名义：由政府指定的实施单位发文',
      data: {
        before: '准予强制搬迁并拆除；发文名义：由组织实施的政府发文',
        after: '准予强制搬迁（不含拆除）（限制：不含附属建筑物）；发文名义：由政府指定的实施单位发文',
      },
    });
    expect(recordOf<Operation>(d.outcome.changes[0])).toMatchObject({ courtRuling: { scope: 'relocation', scopeLimit: '不含附属建筑物' }, issuingBody: 'leadUnit', updatedAt: LATER });
    expect(decideRulingDetails(created(), { scope: 'all' }, LATER)).toMatchObject({ ok: false, errors: { scope: '请选择裁定准予执行的范围' } });
  });

  it('告知事项 and costs: before and after; bad input comes back beside the fields', () => {
    const p = decideParticulars(created(), demoParticularsInput, LATER);
    if (!p.ok || !p.outcome) throw new Error('expected an act');
    expect(p.outcome.entry.text).toBe('记录告知事项：补偿款 2386540 元（专户 中国工商银行滨江临江支行 账号 1907021109200012345）；联系人 林涛（临江区房屋征收事务中心）');
    expect(p.outcome.entry.data).toMatchObject({ before: '未记录' });
    const c = decideCosts(created(), { amount: 18600, bearer: '被执行人', note: '搬运、仓储、公证' }, LATER);
    if (!c.ok || !c.outcome) throw new Error('expected an act');
    expect(c.outcome.entry).toEqual({
      category: 'edit',
      text: '记录执行费用：18600 元，由被执行人承担',
      data: { before: '执行费用：未记录；说明：（空）', after: '执行费用：18,600.00元，由被执行人承担；说明：搬运、仓储、公证' },
    });
    expect(decideCosts(created(), { amount: -1, bearer: '' }, LATER).ok).toBe(false);
    expect(() => decideCosts(undefined, { amount: 1, bearer: '被执行人' }, LATER)).toThrow('找不到该行动');
  });
});
