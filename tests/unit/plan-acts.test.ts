// The plan's acts decided as the demo decides them: pure functions over records held in memory.
import { describe, expect, it } from 'vitest';
import type { Person, WorkingGroup } from '../../shared/commandPost/types';
import type { Operation } from '../../shared/operation/types';
import { decideDraftSave, decideFinalise, decideMeetingSave, decideSketchEdit, unsavedDraft, type FinaliseContext, type MeetingInput } from '../../shared/plan/acts';
import type { Plan, PlanSnapshot } from '../../shared/plan/types';
import { applyChanges, emptyRecordSet, put } from '../../shared/record/act';
import { lawfulPlanContent } from '../fixtures/plan';
import { acted } from './decision-helpers';

const NOW = new Date('2026-11-23T10:00:00+08:00');
const person: Person = { id: 'p1', operationId: 'op', memberUnitId: 'u', name: '陈志远', post: '局长', phone: '', badgeNumber: 'A1', training: { course: '岗前培训', date: '2026-09-18' } };
const group: WorkingGroup = { id: 'g1', operationId: 'op', code: 'security', name: '安全保卫和应急处置组', duties: '', leaderId: 'p1', memberIds: [], channel: '', position: 0 };
const operation = { id: 'op', onSiteCommanderId: 'p1' } as Operation;
const snapshot: PlanSnapshot = { operation, subjects: [], householdMembers: [], memberUnits: [], people: [person], groups: [group] };

/** The act a decision records (failing the test when it refuses or records nothing). */
const saved = (content = lawfulPlanContent()): Plan => acted(decideDraftSave(undefined, 'op', content, 'draft-1', NOW)).result;

describe('saving the plan draft', () => {
  it('creates version 0 on the first save, with an edit entry naming every field filled', () => {
    const act = acted(decideDraftSave(undefined, 'op', lawfulPlanContent(), 'draft-1', NOW));
    expect(act.changes).toHaveLength(1);
    expect(act.changes[0]).toMatchObject({ table: 'plans', op: 'put', record: { id: 'draft-1', operationId: 'op', version: 0, status: 'draft' } });
    expect(act.entry).toMatchObject({ category: 'edit', data: { planVersion: 0 } });
    expect(act.entry.text).toMatch(/^起草《强制执行预案》草稿：计划开始时间 2026-12-08 08:30、预计结束时间 2026-12-08 16:00、.*集合地点/);
  });

  it('names only what changed, and records nothing when nothing did', () => {
    const draft = saved();
    const act = acted(decideDraftSave(draft, 'op', { ...lawfulPlanContent(), route: '北口进入', riskAssessment: '风险较低' }, 'unused', NOW));
    expect(act.entry.text).toBe('修改《强制执行预案》草稿：行进路线、社会稳定风险评估结论');
    expect(act.entry.data).toMatchObject({ fields: 'route,riskAssessment' });
    expect(act.result.id).toBe(draft.id);
    expect(decideDraftSave(draft, 'op', lawfulPlanContent(), 'unused', NOW)).toEqual({ ok: true, outcome: null, result: draft });
  });

  it('keeps the stored sketch whatever sketch the form carried', () => {
    const withImage = decideSketchEdit(saved(), 'op', { kind: 'image', image: new Uint8Array([1]), mimeType: 'image/png', width: 4, height: 3 }, 'x', NOW).result;
    const stale = { ...lawfulPlanContent(), route: '北口进入', sketch: undefined };
    expect(acted(decideDraftSave(withImage, 'op', stale, 'x', NOW)).result.content.sketch?.width).toBe(4);
  });

  it('refuses content that does not fit, with the message', () => {
    expect(() => decideDraftSave(undefined, 'op', { ...lawfulPlanContent(), assemblyPoint: '长'.repeat(201) }, 'x', NOW)).toThrow('集合地点不能超过 200 个字');
    expect(() => decideDraftSave(undefined, 'op', { ...lawfulPlanContent(), start: '2026-12-08 09:00' }, 'x', NOW)).toThrow('时间须带时区');
  });
});

describe('editing the deployment sketch', () => {
  const image = { kind: 'image' as const, image: new Uint8Array([137, 80]), mimeType: 'image/png' as const, width: 400, height: 300 };
  const marker = { id: 'm1', kind: 'assembly' as const, label: '集合地点', x: 0.25, y: 0.5 };

  it('imports a picture (creating the draft if it was never saved), places and removes markers, each an edit entry', () => {
    const first = decideSketchEdit(undefined, 'op', image, 'draft-1', NOW);
    expect(first.entry).toMatchObject({ category: 'edit', text: '部署示意图：导入平面图（PNG，400×300 像素）' });
    expect(first.result).toMatchObject({ id: 'draft-1', version: 0, content: { start: '' } });
    const placed = decideSketchEdit(first.result, 'op', { kind: 'addMarker', marker }, 'x', NOW);
    expect(placed.entry.text).toBe('部署示意图：新增标注 1“集合地点”（集合地点）');
    const replaced = decideSketchEdit(placed.result, 'op', { ...image, mimeType: 'image/jpeg', width: 800 }, 'x', NOW);
    expect(replaced.entry.text).toBe('部署示意图：更换平面图（JPEG，800×300 像素），保留 1 个标注');
    const removed = decideSketchEdit(replaced.result, 'op', { kind: 'removeMarker', markerId: 'm1' }, 'x', NOW);
    expect(removed.entry.text).toBe('部署示意图：删除标注“集合地点”（集合地点）');
    expect(removed.result.content.sketch?.markers).toEqual([]);
  });

  it('refuses a marker without a picture, outside it, twice placed, or already removed; a picture without a size', () => {
    expect(() => decideSketchEdit(saved(), 'op', { kind: 'addMarker', marker }, 'x', NOW)).toThrow('请先导入平面图或照片，再放置标注');
    const withImage = decideSketchEdit(undefined, 'op', image, 'd', NOW).result;
    expect(() => decideSketchEdit(withImage, 'op', { kind: 'addMarker', marker: { ...marker, x: 1.5 } }, 'x', NOW)).toThrow('标注须在图片范围内');
    expect(() => decideSketchEdit(withImage, 'op', { kind: 'addMarker', marker: { ...marker, label: '长'.repeat(51) } }, 'x', NOW)).toThrow('标注文字不能超过 50 个字');
    const placed = decideSketchEdit(withImage, 'op', { kind: 'addMarker', marker }, 'x', NOW).result;
    expect(() => decideSketchEdit(placed, 'op', { kind: 'addMarker', marker }, 'x', NOW)).toThrow('该标注已放置');
    expect(() => decideSketchEdit(withImage, 'op', { kind: 'removeMarker', markerId: 'm1' }, 'x', NOW)).toThrow('该标注已不存在');
    expect(() => decideSketchEdit(undefined, 'op', { ...image, width: 0 }, 'x', NOW)).toThrow('图片尺寸无效');
  });
});

describe('finalising', () => {
  const context = (plans: Plan[]): FinaliseContext => ({ plans, legality: { operation, groups: [group], people: [person] }, snapshot });

  it('copies the stored draft as the next version with its checks and the command post, a system entry', () => {
    const draft = saved();
    const v1 = decideFinalise(context([draft]), '陈志远', 'v1', NOW);
    expect(v1.result).toMatchObject({ id: 'v1', version: 1, status: 'final', finalisedBy: '陈志远', snapshot, content: draft.content });
    expect(v1.result.legality?.length).toBeGreaterThan(5);
    expect(v1.entry).toEqual({ category: 'system', text: '《强制执行预案》定稿为第 1 版', data: { planVersion: 1 } });
    // The records in memory: the draft stays as version 0, the numbered versions add up.
    const records = applyChanges(emptyRecordSet(), [put('plans', draft), ...v1.changes]);
    const v2 = decideFinalise(context([...records.plans.values()] as unknown as Plan[]), '陈志远', 'v2', NOW);
    expect(v2.result.version).toBe(2);
  });

  it('refuses without a saved draft, and a plan that fails a blocking check, naming it', () => {
    expect(() => decideFinalise(context([]), '陈志远', 'v1', NOW)).toThrow('预案草稿不存在：请先填写并保存预案内容');
    expect(() => decideFinalise(context([unsavedDraft('op', 'd', NOW)]), '陈志远', 'v1', NOW)).toThrow(/^预案未通过合法性审查，不能定稿：执行时间/);
    const holiday = saved({ ...lawfulPlanContent(), start: '2026-10-02T09:00:00+08:00', end: '2026-10-02T12:00:00+08:00' });
    expect(() => decideFinalise(context([holiday]), '陈志远', 'v1', NOW)).toThrow(/不能定稿.*国庆/);
  });
});

describe('the preparatory meeting', () => {
  const input: MeetingInput = {
    date: '2026-12-05',
    time: '14:30',
    place: '河西街道办事处',
    attendeeIds: ['p1'],
    otherAttendees: '',
    familySituation: '独居',
    psychologicalState: '',
    behaviouralState: '',
    decisions: '按预案执行',
  };

  it('is recorded on its first save and changed later, naming what changed; unchanged records nothing', () => {
    const first = acted(decideMeetingSave(undefined, 'op', input, 'm1'));
    expect(first.entry).toMatchObject({ category: 'edit', text: '执行预备会记录登记：日期、时间、地点、参会人员、家庭状况、会议决定事项' });
    expect(first.result).toMatchObject({ id: 'm1', operationId: 'op', place: '河西街道办事处' });
    const second = acted(decideMeetingSave(first.result, 'op', { ...input, decisions: '先行宣告' }, 'unused'));
    expect(second.entry.text).toBe('执行预备会记录修改：会议决定事项');
    expect(second.result.id).toBe('m1');
    expect(decideMeetingSave(first.result, 'op', input, 'unused')).toMatchObject({ ok: true, outcome: null });
  });

  it('refuses a bad date or time, and overlong text, field by field', () => {
    expect(decideMeetingSave(undefined, 'op', { ...input, date: '12月5日', time: '2:30', place: '长'.repeat(201) }, 'm1')).toEqual({
      ok: false,
      errors: { date: '日期格式应为 年-月-日', time: '时间格式应为 时:分，如 14:30', place: '地点不能超过 200 个字' },
    });
  });
});
