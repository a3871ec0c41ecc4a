import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { openConsoleDb, type ConsoleDb } from '../../renderer/src/data/db';
import { loadDemoOperation } from '../../renderer/src/operation/repository';
import {
  currentLegality,
  ensureDraftPlan,
  finalisePlan,
  getDraftPlan,
  listFinalPlans,
  saveDraftContent,
} from '../../renderer/src/plan/repository';
import { saveNightHours } from '../../renderer/src/settings/settings';
import { lawfulPlanContent } from '../fixtures/plan';

let db: ConsoleDb;
let n = 0;
const training = { course: '房屋征收强制执行岗前培训', date: '2026-09-18' };
afterEach(async () => db?.delete());

async function setUp(): Promise<string> {
  db = openConsoleDb(`plan-${++n}`);
  const id = await loadDemoOperation(db, new Date('2026-11-23T02:00:00Z'));
  // A minimal command post: one group with a leader and a commander.
  await db.people.add({ id: 'p1', operationId: id, memberUnitId: 'u1', name: '赵指挥', post: '局长', phone: '13900000001', badgeNumber: 'A1', training });
  await db.workingGroups.where('operationId').equals(id).delete();
  await db.workingGroups.add({ id: 'g1', operationId: id, code: 'security', name: '安全保卫和应急处置组', duties: '', leaderId: 'p1', memberIds: [], channel: '', position: 0 });
  await db.operations.update(id, { onSiteCommanderId: 'p1' });
  return id;
}

describe('plan repository', () => {
  it('creates exactly one draft even when asked twice at once', async () => {
    const id = await setUp();
    await Promise.all([ensureDraftPlan(db, id), ensureDraftPlan(db, id)]);
    expect(await db.plans.where('operationId').equals(id).count()).toBe(1);
  });

  it('refuses to finalise a plan that fails a blocking check, and says which', async () => {
    const id = await setUp();
    await ensureDraftPlan(db, id);
    await saveDraftContent(db, id, { ...lawfulPlanContent(), start: '2026-10-01T09:00:00+08:00', end: '2026-10-01T12:00:00+08:00' });
    await expect(finalisePlan(db, id, '赵指挥')).rejects.toThrow(/不能定稿.*国庆/);
    expect(await listFinalPlans(db, id)).toEqual([]);
  });

  it('locks numbered versions and keeps the history when the draft changes', async () => {
    const id = await setUp();
    await ensureDraftPlan(db, id);
    await saveDraftContent(db, id, lawfulPlanContent());
    const v1 = await finalisePlan(db, id, '赵指挥');
    expect(v1).toMatchObject({ version: 1, status: 'final', finalisedBy: '赵指挥' });
    expect(v1.legality?.find((c) => c.code === 'window')?.status).toBe('pass');

    expect(v1.snapshot?.groups.map((g) => g.leaderId)).toEqual(['p1']);

    // Later changes to the command post do not alter what version 1 recorded.
    await db.people.add({ id: 'p2', operationId: id, memberUnitId: 'u1', name: '钱组长', post: '科长', phone: '13900000002', badgeNumber: 'A2', training });
    await db.workingGroups.update('g1', { leaderId: 'p2' });
    await saveDraftContent(db, id, { ...lawfulPlanContent(), assemblyPoint: '区政府东门' });
    const v2 = await finalisePlan(db, id, '赵指挥');
    expect(v2.snapshot?.groups.map((g) => g.leaderId)).toEqual(['p2']);
    expect(v2.version).toBe(2);
    const versions = await listFinalPlans(db, id);
    expect(versions.map((p) => [p.version, p.content.assemblyPoint])).toEqual([
      [2, '区政府东门'],
      [1, '河西街道办事处院内'],
    ]);
    expect(versions[1]?.snapshot?.groups.map((g) => g.leaderId)).toEqual(['p1']);
    expect((await getDraftPlan(db, id))?.version).toBe(0);
  });

  it('rejects malformed content without touching the stored draft', async () => {
    const id = await setUp();
    await ensureDraftPlan(db, id);
    await saveDraftContent(db, id, lawfulPlanContent());
    await expect(saveDraftContent(db, id, { ...lawfulPlanContent(), assemblyPoint: '长'.repeat(201) })).rejects.toThrow('集合地点不能超过 200 个字');
    expect((await getDraftPlan(db, id))?.content.assemblyPoint).toBe('河西街道办事处院内');
  });

  it('applies the night hours setting to the checks', async () => {
    const id = await setUp();
    await ensureDraftPlan(db, id);
    await saveDraftContent(db, id, { ...lawfulPlanContent(), end: '2026-12-08T20:30:00+08:00' });
    expect((await currentLegality(db, id)).some((c) => c.code === 'window.night')).toBe(false);
    await saveNightHours(db, { from: '20:00', to: '07:00' });
    expect((await currentLegality(db, id)).some((c) => c.code === 'window.night')).toBe(true);
    await expect(saveNightHours(db, { from: '25:00', to: '06:00' })).rejects.toThrow('时间格式');
  });

  it('refuses to finalise while someone assigned has no training on record (seed 004)', async () => {
    const id = await setUp();
    await ensureDraftPlan(db, id);
    await saveDraftContent(db, id, lawfulPlanContent());
    await db.people.add({ id: 'p3', operationId: id, memberUnitId: 'u1', name: '孙组员', post: '科员', phone: '', badgeNumber: 'A3' });
    await db.workingGroups.update('g1', { memberIds: ['p3'] });
    await expect(finalisePlan(db, id, '赵指挥')).rejects.toThrow(/不能定稿.*人员培训：孙组员没有培训记录/);
  });
});
