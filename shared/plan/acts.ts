// Pure. The acts of the plan (强制执行预案), decided from the plan records and what they need:
//   draft saved:     category 'edit', text '保存《强制执行预案》草稿：<fields changed>', data { planVersion: 0, fields }
//   sketch edited:   category 'edit', text '部署示意图：<导入/更换平面图, 新增/删除标注…>', data { planVersion: 0 }
//   finalised:       category 'system', text '《强制执行预案》定稿为第 N 版', data { planVersion: N }
//   meeting saved:   category 'edit', text '执行预备会记录<登记/修改>：<fields changed>'
// The draft is version 0, created by its first save; what is typed stays in the form's local
// draft until 保存, so the log holds one entry per save, not per keystroke. A finalised version
// is a copy of the draft with the next number, the checks and the command post as they stood.
import { z } from 'zod';
import { chinaInstant } from '../calendar/chinaTime';
import { markerKindLabels } from '../documents/plan/printData';
import { fieldErrors } from '../documents/records';
import { put, type ActOutcome } from '../record/act';
import { decided, refused, unchanged, type Decision } from '../record/decision';
import { canFinalise, checkPlanLegality, type LegalityInput } from './legality';
import { emptyPlanContent, planContentSchema } from './planContent';
import type { DeploymentSketch, Plan, PlanContent, PlanSnapshot, PreparatoryMeeting, SketchMarker } from './types';

export const DRAFT_VERSION = 0;

export const draftOf = (plans: readonly Plan[]): Plan | undefined => plans.find((p) => p.version === DRAFT_VERSION);

/** The draft before its first save: empty content, stored by nothing yet. */
export const unsavedDraft = (operationId: string, id: string, now: Date): Plan => ({
  id,
  operationId,
  version: DRAFT_VERSION,
  status: 'draft',
  content: emptyPlanContent(),
  updatedAt: chinaInstant(now),
});

type TypedContent = Omit<PlanContent, 'sketch'>;

/** The words the entry uses for each part of the content (the form's labels). */
const contentLabels: Record<keyof TypedContent, string> = {
  start: '计划开始时间',
  end: '预计结束时间',
  emergencyReason: '情况紧急的说明',
  assemblyPoint: '集合地点',
  dispersalPoint: '疏导地点',
  cordon: '警戒范围',
  route: '行进路线',
  vehicles: '车辆',
  equipment: '装备器材',
  housingKind: '安置方式',
  housingAddress: '周转房或安置房地址',
  housingArranged: '周转房或安置房落实情况',
  compensationAccount: '补偿款专户存储账号',
  compensationDeposited: '补偿款存入专户情况',
  noUtilityCutoff: '不以停止供应迫使搬迁的确认',
  assignments: '工作分工',
  contingencies: '应急处置',
  riskAssessment: '社会稳定风险评估结论',
};

/** The fields whose value differs, in the form's order. */
function changedFields<T extends object>(labels: { [K in keyof T]?: string }, before: T, after: T): (keyof T)[] {
  return (Object.keys(labels) as (keyof T)[]).filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]));
}

const clock = (iso: string) => (iso ? iso.slice(0, 16).replace('T', ' ') : '（空）');

/**
 * Saves what the form holds as the draft's content; the sketch stays as stored (it has its own
 * act). Refuses content that does not fit the plan's shape; nothing changed writes nothing.
 */
export function decideDraftSave(stored: Plan | undefined, operationId: string, content: PlanContent, id: string, now: Date): Decision<Plan> {
  const { sketch: _ignored, ...typed } = content;
  const parsed = planContentSchema.safeParse(typed);
  if (!parsed.success) throw new Error(parsed.error.issues.map((i) => i.message).join('；'));
  const before = stored ?? unsavedDraft(operationId, id, now);
  const { sketch, ...was } = before.content;
  const fields = changedFields<TypedContent>(contentLabels, was, parsed.data);
  if (fields.length === 0) return unchanged(before);
  const draft: Plan = { ...before, content: { ...parsed.data, ...(sketch ? { sketch } : {}) }, updatedAt: chinaInstant(now) };
  const words = fields.map((f) => (f === 'start' || f === 'end' ? `${contentLabels[f]} ${clock(parsed.data[f])}` : contentLabels[f]));
  return decided({
    entry: {
      category: 'edit',
      text: `${stored ? '修改' : '起草'}《强制执行预案》草稿：${words.join('、')}`,
      data: { planVersion: DRAFT_VERSION, fields: fields.join(',') },
    },
    changes: [put('plans', draft)],
    result: draft,
  });
}

/** One change to the deployment sketch: a (new) picture, a marker placed, a marker removed. */
export type SketchEdit =
  | { kind: 'image'; image: Uint8Array; mimeType: DeploymentSketch['mimeType']; width: number; height: number }
  | { kind: 'addMarker'; marker: SketchMarker }
  | { kind: 'removeMarker'; markerId: string };

const MAX_MARKERS = 200;
const MAX_MARKER_LABEL = 50;

const fraction = (v: number) => Number.isFinite(v) && v >= 0 && v <= 1;

function sketchAfter(sketch: DeploymentSketch | undefined, edit: SketchEdit): { sketch: DeploymentSketch; text: string } {
  if (edit.kind === 'image') {
    if (!Number.isInteger(edit.width) || !Number.isInteger(edit.height) || edit.width <= 0 || edit.height <= 0) throw new Error('图片尺寸无效');
    const markers = sketch?.markers ?? [];
    const what = `${edit.mimeType === 'image/png' ? 'PNG' : 'JPEG'}，${edit.width}×${edit.height} 像素`;
    // A new picture keeps the markers: they are fractions of the image, still roughly right.
    const text = sketch ? `更换平面图（${what}），保留 ${markers.length} 个标注` : `导入平面图（${what}）`;
    return { sketch: { image: edit.image, mimeType: edit.mimeType, width: edit.width, height: edit.height, markers }, text };
  }
  if (!sketch) throw new Error('请先导入平面图或照片，再放置标注');
  if (edit.kind === 'addMarker') {
    const m = edit.marker;
    if (!fraction(m.x) || !fraction(m.y)) throw new Error('标注须在图片范围内');
    if ([...m.label].length > MAX_MARKER_LABEL) throw new Error(`标注文字不能超过 ${MAX_MARKER_LABEL} 个字`);
    if (sketch.markers.length >= MAX_MARKERS) throw new Error(`标注不能超过 ${MAX_MARKERS} 个`);
    if (sketch.markers.some((x) => x.id === m.id)) throw new Error('该标注已放置');
    const markers = [...sketch.markers, m];
    return { sketch: { ...sketch, markers }, text: `新增标注 ${markers.length}“${m.label}”（${markerKindLabels[m.kind]}）` };
  }
  const gone = sketch.markers.find((m) => m.id === edit.markerId);
  if (!gone) throw new Error('该标注已不存在，可能已在其他窗口删除');
  return { sketch: { ...sketch, markers: sketch.markers.filter((m) => m.id !== edit.markerId) }, text: `删除标注“${gone.label}”（${markerKindLabels[gone.kind]}）` };
}

/** Changes the draft's sketch, as stored now (the draft is created if it was never saved). */
export function decideSketchEdit(stored: Plan | undefined, operationId: string, edit: SketchEdit, id: string, now: Date): ActOutcome<Plan> {
  const before = stored ?? unsavedDraft(operationId, id, now);
  const { sketch, text } = sketchAfter(before.content.sketch, edit);
  const draft: Plan = { ...before, content: { ...before.content, sketch }, updatedAt: chinaInstant(now) };
  return { entry: { category: 'edit', text: `部署示意图：${text}`, data: { planVersion: DRAFT_VERSION } }, changes: [put('plans', draft)], result: draft };
}

/** What finalising reads besides the plans: the checks' inputs and the command post to freeze. */
export interface FinaliseContext {
  plans: readonly Plan[];
  legality: Omit<LegalityInput, 'content'>;
  snapshot: PlanSnapshot;
}

/**
 * Locks the draft as the next numbered version, as `finalisedBy`. The checks run here, on the
 * stored draft, so a plan that would break the law cannot be finalised by a stale screen.
 */
export function decideFinalise(ctx: FinaliseContext, finalisedBy: string, id: string, now: Date): ActOutcome<Plan> {
  const draft = draftOf(ctx.plans);
  if (!draft) throw new Error('预案草稿不存在：请先填写并保存预案内容');
  const checks = checkPlanLegality({ ...ctx.legality, content: draft.content });
  if (!canFinalise(checks)) {
    const failed = checks.filter((c) => c.blocking && c.status === 'fail').map((c) => `${c.title}：${c.message}`);
    throw new Error(`预案未通过合法性审查，不能定稿：${failed.join('；')}`);
  }
  const version = Math.max(...ctx.plans.map((p) => p.version)) + 1;
  const at = chinaInstant(now);
  const final: Plan = { ...draft, id, version, status: 'final', updatedAt: at, finalisedAt: at, finalisedBy, legality: checks, snapshot: ctx.snapshot };
  return {
    entry: { category: 'system', text: `《强制执行预案》定稿为第 ${version} 版`, data: { planVersion: version } },
    changes: [put('plans', final)],
    result: final,
  };
}

const text = (label: string, max: number) => z.string({ error: `${label}应为文字` }).trim().max(max, `${label}不能超过 ${max} 个字`);

/** What may be stored as the meeting record. */
export const meetingInputSchema = z.object({
  date: z.string().regex(/^$|^\d{4}-\d{2}-\d{2}$/, '日期格式应为 年-月-日'),
  time: z.string().regex(/^$|^([01]\d|2[0-3]):[0-5]\d$/, '时间格式应为 时:分，如 14:30'),
  place: text('地点', 200),
  attendeeIds: z.array(z.string().min(1)).max(500, '参会人员过多'),
  otherAttendees: text('其他参会人员', 500),
  familySituation: text('家庭状况', 2000),
  psychologicalState: text('心理状态', 2000),
  behaviouralState: text('行为表现', 2000),
  decisions: text('会议决定事项', 2000),
});
export type MeetingInput = z.input<typeof meetingInputSchema>;

type MeetingFields = z.output<typeof meetingInputSchema>;

const meetingLabels: Record<keyof MeetingFields, string> = {
  date: '日期',
  time: '时间',
  place: '地点',
  attendeeIds: '参会人员',
  otherAttendees: '其他参会人员',
  familySituation: '家庭状况',
  psychologicalState: '心理状态',
  behaviouralState: '行为表现',
  decisions: '会议决定事项',
};

/** The meeting before it is first recorded (the form's starting values). */
export const emptyMeeting: MeetingFields = {
  date: '',
  time: '',
  place: '',
  attendeeIds: [],
  otherAttendees: '',
  familySituation: '',
  psychologicalState: '',
  behaviouralState: '',
  decisions: '',
};

/** The 执行预备会 record (one per operation), created by its first save. */
export function decideMeetingSave(stored: PreparatoryMeeting | undefined, operationId: string, input: MeetingInput, id: string): Decision<PreparatoryMeeting> {
  const parsed = meetingInputSchema.safeParse(input);
  if (!parsed.success) return refused(fieldErrors(parsed.error.issues));
  const meeting: PreparatoryMeeting = { id: stored?.id ?? id, operationId, ...parsed.data };
  const fields = changedFields<MeetingFields>(meetingLabels, stored ?? emptyMeeting, parsed.data);
  if (fields.length === 0) return unchanged(stored ?? meeting);
  return decided({
    entry: { category: 'edit', text: `执行预备会记录${stored ? '修改' : '登记'}：${fields.map((f) => meetingLabels[f]).join('、')}`, data: { fields: fields.join(',') } },
    changes: [put('preparatoryMeetings', meeting)],
    result: meeting,
  });
}
