// Pure. 善后 (brief §2 step 14): follow-up tasks after completion, each with an owner and a due
// date, and the 执行和解协议 if one is reached. Both live in the `tasks` table, told apart by
// `record`, because the table's schema (id, operationId, groupId) was fixed in version 1.
import { z } from 'zod';
import { isIsoDate } from '../calendar/dates';
import { fieldErrors } from '../documents/records';

export const aftercareKinds = {
  housing: '住房安置',
  utilities: '周转房水电',
  channel: '沟通渠道',
  followUp: '回访',
  other: '其他',
} as const;
export type AftercareKind = keyof typeof aftercareKinds;

export interface AftercareTask {
  id: string;
  operationId: string;
  record: 'task';
  /** Code of the owning working group, or '' (indexed in the tasks table). */
  groupId: string;
  kind: AftercareKind;
  title: string;
  owner: string;
  dueOn: string;
  status: 'open' | 'done';
  doneOn: string;
  note: string;
  createdAt: string;
  updatedAt: string;
}

/** 执行和解协议: at most one per operation, kept under a fixed id (see settlementId). */
export interface SettlementRecord {
  id: string;
  operationId: string;
  record: 'settlement';
  groupId: '';
  reachedOn: string;
  parties: string;
  summary: string;
  createdAt: string;
  updatedAt: string;
}

export type TaskRecord = AftercareTask | SettlementRecord;

export const settlementId = (operationId: string) => `${operationId}:settlement`;

const text = (label: string, max: number) =>
  z
    .string({ error: `请填写${label}` })
    .trim()
    .max(max, `${label}不能超过 ${max} 个字`)
    .transform((s) => s.normalize('NFC'));
const required = (label: string, max: number) => text(label, max).refine((s) => s.length > 0, `请填写${label}`);
const day = (label: string) => z.string({ error: `请选择${label}` }).refine(isIsoDate, `请选择${label}`);

export const aftercareTaskInputSchema = z.object({
  kind: z.enum(Object.keys(aftercareKinds) as [AftercareKind, ...AftercareKind[]], { error: '请选择善后事项类别' }),
  title: required('事项', 200),
  owner: required('责任人', 50),
  groupId: text('责任小组', 50).default(''),
  dueOn: day('完成期限'),
});
export type AftercareTaskInput = z.input<typeof aftercareTaskInputSchema>;

export const taskDoneInputSchema = z.object({ doneOn: day('完成日期'), note: required('完成情况', 1000) });
export type TaskDoneInput = z.input<typeof taskDoneInputSchema>;

export const settlementInputSchema = z.object({
  reachedOn: day('达成日期'),
  parties: required('协议各方', 500),
  summary: required('协议主要内容', 4000),
});
export type SettlementInput = z.input<typeof settlementInputSchema>;

export type Parsed<T> = { ok: true; value: T } | { ok: false; errors: Record<string, string> };

/** Validates form input; errors are field path → Chinese message. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): Parsed<z.output<S>> {
  const parsed = schema.safeParse(input);
  return parsed.success ? { ok: true, value: parsed.data } : { ok: false, errors: fieldErrors(parsed.error.issues) };
}

/** A done date before the task existed is a typing mistake. */
export function doneOnProblem(task: AftercareTask, doneOn: string): string | null {
  return doneOn < task.createdAt.slice(0, 10) ? '完成日期不能早于事项登记日期' : null;
}

/** Open tasks first, by due date; then done ones, latest first. Settlement records are left out. */
export function sortedTasks(records: readonly TaskRecord[]): AftercareTask[] {
  const tasks = records.filter((r): r is AftercareTask => r.record === 'task');
  const open = tasks.filter((t) => t.status === 'open').sort((a, b) => a.dueOn.localeCompare(b.dueOn) || a.createdAt.localeCompare(b.createdAt));
  const done = tasks.filter((t) => t.status === 'done').sort((a, b) => b.doneOn.localeCompare(a.doneOn));
  return [...open, ...done];
}

export const openTasks = (records: readonly TaskRecord[]) => sortedTasks(records).filter((t) => t.status === 'open');

/** Log entry texts, so the log tells the aftercare story on its own. */
export const aftercareLogText = {
  added: (t: Pick<AftercareTask, 'kind' | 'title' | 'owner' | 'dueOn'>) =>
    `善后事项登记（${aftercareKinds[t.kind]}）：${t.title}；责任人 ${t.owner}，期限 ${t.dueOn}`,
  done: (t: Pick<AftercareTask, 'title'>, doneOn: string, note: string) => `善后事项完成：${t.title}（${doneOn}）：${note}`,
  settlement: (s: Pick<SettlementRecord, 'reachedOn' | 'parties' | 'summary'>, again: boolean) =>
    `${again ? '更正' : '记录'}执行和解协议：${s.reachedOn} 达成，协议各方 ${s.parties}；${s.summary}`,
};
