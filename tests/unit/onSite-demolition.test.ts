import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';
import { openConsoleDb, type ConsoleDb } from '../../renderer/src/data/db';
import { listLog } from '../../renderer/src/log/repository';
import { closeStations } from '../../renderer/src/record/projection';
import { recordPhase, recordSafetyCheck, recordSuspension, recordResumption, type Recorder } from '../../renderer/src/onSite/repository';
import { loadDemoOperation } from '../../renderer/src/operation/repository';
import type { Operation } from '../../shared/operation/types';
import { START_TIME } from '../fixtures/startRecords';
import { put } from '../../shared/record/act';
import { atStartTime, seedStart } from './onSite-helpers';
import { commitRecords } from './records-helpers';

// The documents repository (reused for ground 1) loads PDF fonts from the page; not needed here.
vi.mock('../../renderer/src/documents/fonts', () => ({ documentFonts: { regular: '', bold: '' } }));
// This branch has no record of the 强制拆除通知书 yet (shared/documents/periods.ts brings it):
// the facts are read as stored, with the notice's service date added, 20 days before the day.
vi.mock('../../renderer/src/onSite/facts', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../renderer/src/onSite/facts')>();
  return {
    ...original,
    loadGateContext: async (...args: Parameters<typeof original.loadGateContext>) => {
      const context = await original.loadGateContext(...args);
      return { ...context, facts: { ...context.facts, demolitionNoticeServedOn: '2026-11-18' } };
    },
  };
});

let db: ConsoleDb;
let n = 0;
atStartTime(async () => {
  await closeStations();
  await db?.delete();
});

/** The demo operation, its ruling allowing demolition, ready to start on 8 December with 拆除 planned. */
async function demolitionDay(): Promise<Recorder> {
  db = openConsoleDb(`demolition-${++n}`);
  const id = await loadDemoOperation(db, START_TIME);
  const stored = (await db.operations.get(id)) as Operation;
  const operation: Operation = { ...stored, courtRuling: { ...stored.courtRuling, scope: 'relocationAndDemolition' } };
  const demolitionGroup = await db.workingGroups.where({ operationId: id }).filter((g) => g.code === 'demolition').first();
  await seedStart(db, operation, await db.subjects.where('operationId').equals(id).toArray(), { demolitionGroupId: demolitionGroup!.id });
  return { operationId: id, personId: operation.onSiteCommanderId!, operator: '陈志远' };
}

describe('拆除 on a ruling that allows it', () => {
  it('is refused until the house is cleared, the supplies isolated and a roll call made, then allowed; a roll call before a 中止 must be repeated', async () => {
    const who = await demolitionDay();
    await recordPhase(db, who, 'start');
    for (const p of ['cordon', 'announce', 'escort', 'inventoryStart', 'inventoryDone'] as const) await recordPhase(db, who, p);
    await expect(recordPhase(db, who, 'demolitionStart')).rejects.toThrow(/^不能开始拆除：\n1\. 尚未记录“房屋已腾空”.*\n2\. 尚未记录“水电气已安全隔离”.*\n3\. 尚未记录“拆除前清点人员”/s);
    await recordSafetyCheck(db, who, { check: 'houseCleared', note: '经逐间查看，屋内已无人员、无物品' });
    await recordSafetyCheck(db, who, { check: 'utilitiesIsolated', utilities: ['water', 'power', 'gas'], units: '临江供电公司、临江自来水公司、临江燃气公司' });
    await recordSafetyCheck(db, who, { check: 'rollCall', note: '房屋内无人，作业区 6 人已撤至警戒线外' });
    await recordSuspension(db, who, 'art39-4', '围观群众冲入警戒区');
    await recordResumption(db, who, '已清场');
    await expect(recordPhase(db, who, 'demolitionStart')).rejects.toThrow(/“拆除前清点人员”记录于恢复执行之前（工作站「[^」]+」第 \d+ 条），恢复后须重新清点/);
    await recordSafetyCheck(db, who, { check: 'rollCall', note: '复点：作业区内无人' });
    await recordPhase(db, who, 'demolitionStart');
    await recordPhase(db, who, 'demolitionDone');
    await recordPhase(db, who, 'complete');
    const phases = (await listLog(db, who.operationId)).filter((e) => e.category === 'phase').map((e) => e.data?.['phase']);
    expect(phases).toEqual(['start', 'cordon', 'announce', 'escort', 'inventoryStart', 'inventoryDone', 'demolitionStart', 'demolitionDone', 'complete']);
  }, 60_000);

  it('the start of a plan that demolishes is refused when the ruling allows the move only', async () => {
    const who = await demolitionDay();
    const operation = (await db.operations.get(who.operationId)) as Operation;
    await commitRecords(db, who.operationId, '测试准备：裁定仅准予强制搬迁', [
      put('operations', { ...operation, courtRuling: { ...operation.courtRuling, scope: 'relocation', scopeLimit: '仅准予强制搬迁' } }),
    ]);
    await expect(recordPhase(db, who, 'start')).rejects.toThrow('预案安排了房屋拆除，但法院裁定准予强制搬迁（不含拆除）（仅准予强制搬迁），未准予拆除（依据：《最高人民法院关于办理申请人民法院强制执行国有土地上房屋征收补偿决定案件若干问题的规定》（法释〔2012〕4号）第九条');
  });
});
