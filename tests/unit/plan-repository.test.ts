import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { openConsoleDb, type ConsoleDb } from '../../renderer/src/data/db';
import { loadDemoOperation } from '../../renderer/src/operation/repository';
import { listLog } from '../../renderer/src/log/repository';
import {
  currentLegality,
  editSketch,
  finalisePlan,
  getDraftPlan,
  getMeeting,
  listFinalPlans,
  saveDraftContent,
  saveMeeting,
} from '../../renderer/src/plan/repository';
import { saveNightHours } from '../../renderer/src/settings/settings';
import { lawfulPlanContent } from '../fixtures/plan';
import { put, remove } from '../../shared/record/act';
import { closeStations } from '../../renderer/src/record/projection';
import { commitRecords } from './records-helpers';

let db: ConsoleDb;
let n = 0;
const training = { course: '房屋征收强制执行岗前培训', date: '2026-09-18' };
/** 赵指挥, the commander, signed in. */
const zhao = { personId: 'p1', name: '赵指挥' };
afterEach(async () => {
  await closeStations();
  await db?.delete();
});

async function setUp(): Promise<string> {
  db = openConsoleDb(`plan-${++n}`);
  const id = await loadDemoOperation(db, new Date('2026-11-23T02:00:00Z'));
  // A minimal command post: one group with a leader and a commander.
  const groups = await db.workingGroups.where('operationId').equals(id).primaryKeys();
  await commitRecords(db, id, '测试准备：最小指挥部', [
    put('people', { id: 'p1', operationId: id, memberUnitId: 'u1', name: '赵指挥', post: '局长', phone: '13900000001', badgeNumber: 'A1', training }),
    ...groups.map((g) => remove('workingGroups', g)),
    put('workingGroups', { id: 'g1', operationId: id, code: 'security', name: '安全保卫和应急处置组', duties: '', leaderId: 'p1', memberIds: [], channel: '', position: 0 }),
    put('operations', { ...(await db.operations.get(id))!, onSiteCommanderId: 'p1' }),
  ]);
  return id;
}

describe('plan repository', () => {
  it('has no draft until the first save, then exactly one, even when two saves race; each save is one edit entry', async () => {
    const id = await setUp();
    expect(await getDraftPlan(db, id)).toBeUndefined();
    // An empty plan is checked as such: nothing passes for a plan never written.
    expect((await currentLegality(db, id)).some((c) => c.blocking && c.status === 'fail')).toBe(true);
    const before = (await listLog(db, id)).length;
    await Promise.all([
      saveDraftContent(db, id, lawfulPlanContent(), zhao),
      saveDraftContent(db, id, { ...lawfulPlanContent(), assemblyPoint: '区政府东门' }, zhao),
    ]);
    expect(await db.plans.where('operationId').equals(id).count()).toBe(1);
    const entries = (await listLog(db, id)).slice(before);
    expect(entries.map((e) => [e.category, e.operator, e.text.split('：')[0]])).toEqual([
      ['edit', '赵指挥', '起草《强制执行预案》草稿'],
      ['edit', '赵指挥', '修改《强制执行预案》草稿'],
    ]);
    expect(entries[1]!.text).toBe('修改《强制执行预案》草稿：集合地点');
    // Saving what is stored already records nothing.
    const again = await saveDraftContent(db, id, { ...lawfulPlanContent(), assemblyPoint: '区政府东门' }, zhao);
    expect(again.ok && again.entry).toBeUndefined();
    expect((await listLog(db, id)).length).toBe(before + 2);
  });

  it('refuses to save for someone not signed in, writing nothing', async () => {
    const id = await setUp();
    await expect(saveDraftContent(db, id, lawfulPlanContent(), undefined)).rejects.toThrow(/请先登录/);
    expect(await getDraftPlan(db, id)).toBeUndefined();
  });

  it('keeps the sketch when the content is saved, and the content when the sketch changes', async () => {
    const id = await setUp();
    await saveDraftContent(db, id, lawfulPlanContent(), zhao);
    await editSketch(db, id, { kind: 'image', image: new Uint8Array([137, 80, 78, 71]), mimeType: 'image/png', width: 40, height: 30 }, zhao);
    await editSketch(db, id, { kind: 'addMarker', marker: { id: 'm1', kind: 'assembly', label: '集合地点', x: 0.5, y: 0.5 } }, zhao);
    await saveDraftContent(db, id, { ...lawfulPlanContent(), route: '由北口进入' }, zhao);
    const draft = await getDraftPlan(db, id);
    expect(draft?.content.route).toBe('由北口进入');
    expect(draft?.content.sketch?.markers.map((m) => m.label)).toEqual(['集合地点']);
    expect((await listLog(db, id)).slice(-3).map((e) => e.text)).toEqual([
      '部署示意图：导入平面图（PNG，40×30 像素）',
      '部署示意图：新增标注 1“集合地点”（集合地点）',
      '修改《强制执行预案》草稿：行进路线',
    ]);
  });

  it('records the meeting on save, one edit entry naming what changed', async () => {
    const id = await setUp();
    const input = { date: '2026-12-05', time: '14:30', place: '河西街道办事处', attendeeIds: ['p1'], otherAttendees: '', familySituation: '', psychologicalState: '', behaviouralState: '', decisions: '按预案执行' };
    expect(await saveMeeting(db, id, { ...input, time: '25:00' }, zhao)).toEqual({ ok: false, errors: { time: '时间格式应为 时:分，如 14:30' } });
    await saveMeeting(db, id, input, zhao);
    await saveMeeting(db, id, { ...input, place: '区政府会议室' }, zhao);
    expect(await db.preparatoryMeetings.where('operationId').equals(id).count()).toBe(1);
    expect((await getMeeting(db, id))?.place).toBe('区政府会议室');
    expect((await listLog(db, id)).slice(-2).map((e) => [e.category, e.text])).toEqual([
      ['edit', '执行预备会记录登记：日期、时间、地点、参会人员、会议决定事项'],
      ['edit', '执行预备会记录修改：地点'],
    ]);
  });

  it('refuses to finalise a plan that fails a blocking check, and says which', async () => {
    const id = await setUp();
    await saveDraftContent(db, id, { ...lawfulPlanContent(), start: '2026-10-01T09:00:00+08:00', end: '2026-10-01T12:00:00+08:00' }, zhao);
    await expect(finalisePlan(db, id, { personId: 'p9', name: '某科员' })).rejects.toThrow('只有现场执行指挥或其指定的副指挥可以定稿执行预案；某科员不是');
    await expect(finalisePlan(db, id, zhao)).rejects.toThrow(/不能定稿.*国庆/);
    expect(await listFinalPlans(db, id)).toEqual([]);
  });

  it('locks numbered versions and keeps the history when the draft changes', async () => {
    const id = await setUp();
    await saveDraftContent(db, id, lawfulPlanContent(), zhao);
    const v1 = await finalisePlan(db, id, zhao);
    expect(v1).toMatchObject({ version: 1, status: 'final', finalisedBy: '赵指挥' });
    expect(v1.legality?.find((c) => c.code === 'window')?.status).toBe('pass');

    expect(v1.snapshot?.groups.map((g) => g.leaderId)).toEqual(['p1']);

    // Later changes to the command post do not alter what version 1 recorded.
    await commitRecords(db, id, '测试准备：更换组长', [
      put('people', { id: 'p2', operationId: id, memberUnitId: 'u1', name: '钱组长', post: '科长', phone: '13900000002', badgeNumber: 'A2', training }),
      put('workingGroups', { ...(await db.workingGroups.get('g1'))!, leaderId: 'p2' }),
    ]);
    await saveDraftContent(db, id, { ...lawfulPlanContent(), assemblyPoint: '区政府东门' }, zhao);
    const v2 = await finalisePlan(db, id, zhao);
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
    await saveDraftContent(db, id, lawfulPlanContent(), zhao);
    await expect(saveDraftContent(db, id, { ...lawfulPlanContent(), assemblyPoint: '长'.repeat(201) }, zhao)).rejects.toThrow('集合地点不能超过 200 个字');
    expect((await getDraftPlan(db, id))?.content.assemblyPoint).toBe('河西街道办事处院内');
  });

  it('applies the night hours setting to the checks', async () => {
    const id = await setUp();
    await saveDraftContent(db, id, { ...lawfulPlanContent(), end: '2026-12-08T20:30:00+08:00' }, zhao);
    expect((await currentLegality(db, id)).some((c) => c.code === 'window.night')).toBe(false);
    await saveNightHours(db, { from: '20:00', to: '07:00' });
    expect((await currentLegality(db, id)).some((c) => c.code === 'window.night')).toBe(true);
    await expect(saveNightHours(db, { from: '25:00', to: '06:00' })).rejects.toThrow('时间格式');
  });

  it('refuses to finalise while someone assigned has no training on record (seed 004)', async () => {
    const id = await setUp();
    await saveDraftContent(db, id, lawfulPlanContent(), zhao);
    await commitRecords(db, id, '测试准备：新增组员', [
      put('people', { id: 'p3', operationId: id, memberUnitId: 'u1', name: '孙组员', post: '科员', phone: '', badgeNumber: 'A3' }),
      put('workingGroups', { ...(await db.workingGroups.get('g1'))!, memberIds: ['p3'] }),
    ]);
    await expect(finalisePlan(db, id, zhao)).rejects.toThrow(/不能定稿.*人员培训：孙组员没有培训记录/);
  });
});
