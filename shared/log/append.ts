// Pure. Appending to the on-site log: validates what the user entered (Chinese
// messages), stamps it with the system clock and links it to the entry before it.
// There is deliberately no edit or delete: a correction is a new entry.
import { z } from 'zod';
import { chinaInstant } from '../calendar/chinaTime';
import { hashEntry } from './canonical';
import { logCategories, ZERO_HASH, type LogEntry, type LogEntryFields, type LogRefs } from './types';

export const MAX_TEXT_LENGTH = 5000;
/** How far after the system clock a stated occurredAt may lie (clocks on phones and cameras drift). */
export const OCCURRED_AT_TOLERANCE_MS = 5 * 60 * 1000;

/** ISO 8601 with an explicit offset (or Z), so the instant never depends on the machine's time zone. */
const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;

const nfc = (s: string) => s.normalize('NFC');

const idList = (label: string) =>
  z
    .array(z.string().trim().min(1, `${label}编号不能为空`).max(200, `${label}编号过长`), {
      error: `${label}应为编号列表`,
    })
    .max(1000, `${label}不能超过 1000 项`)
    .optional();

const hashRef = z.string({ error: '被更正的条目应为哈希值' }).regex(/^[0-9a-f]{64}$/, '被更正的条目应为 64 位十六进制哈希值');

/** What every entry holds besides its references, in both formats. */
const contentFields = {
  operator: z
    .string({ error: '请填写记录人' })
    .trim()
    .min(1, '请填写记录人')
    .max(100, '记录人不能超过 100 个字')
    .transform(nfc),
  group: z.string({ error: '工作组应为文字' }).trim().max(50, '工作组代码不能超过 50 个字').default(''),
  category: z.enum(logCategories, { error: '请选择记录类别' }),
  text: z
    .string({ error: '请填写记录内容' })
    .transform(nfc)
    .pipe(
      z
        .string()
        .trim()
        .min(1, '请填写记录内容')
        .max(MAX_TEXT_LENGTH, `记录内容不能超过 ${MAX_TEXT_LENGTH} 个字`),
    ),
  occurredAt: z
    .string({ error: '发生时间应为时间文字' })
    .regex(ISO_WITH_OFFSET, '发生时间格式不正确，应如 2026-03-05T09:30+08:00')
    .refine((v) => Number.isFinite(Date.parse(v)), '发生时间不是有效的时间')
    .optional(),
  data: z
    .record(
      z.string().min(1, '数据项名称不能为空').max(100, '数据项名称过长'),
      z.union([
        z.string().max(MAX_TEXT_LENGTH, '数据项内容过长').transform(nfc),
        z.number().refine(Number.isFinite, '数据项应为有限数字'),
        z.boolean(),
        z.null(),
      ], { error: '数据项的值应为文字、有限数字、是/否或空' }),
    )
    .optional(),
};

const listRefs = { media: idList('音像资料'), inventoryItems: idList('物品'), people: idList('人员') };
const correctsSeq = z
  .number({ error: '被更正的条目应为序号' })
  .int('被更正的条目应为整数序号')
  .min(1, '被更正的条目序号应从 1 开始')
  .optional();

/** A format-1 entry's input (appendEntry). */
export const logInputSchema = z
  .object({
    operationId: z.string({ error: '缺少执行行动编号' }).min(1, '缺少执行行动编号'),
    ...contentFields,
    refs: z.object({ ...listRefs, corrects: correctsSeq }).strict().optional(),
  })
  .superRefine((input, ctx) => {
    const corrects = input.refs?.corrects;
    if (input.category === 'correction' && corrects === undefined) {
      ctx.addIssue({ code: 'custom', path: ['refs', 'corrects'], message: '更正记录须指明被更正的条目序号' });
    }
    if (input.category !== 'correction' && corrects !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['refs', 'corrects'], message: '只有更正记录可以引用被更正的条目' });
    }
  });

/**
 * An act's entry as the one write path receives it (renderer/src/record/commit.ts): the same
 * rules, and a correction names a format-1 entry by seq or a format-2 entry by hash.
 */
export const actEntrySchema = z
  .object({
    ...contentFields,
    refs: z.object({ ...listRefs, corrects: correctsSeq, correctsHash: hashRef.optional() }).strict().optional(),
  })
  .superRefine((input, ctx) => {
    const named = [input.refs?.corrects, input.refs?.correctsHash].filter((v) => v !== undefined).length;
    if (input.category === 'correction' && named !== 1) {
      ctx.addIssue({ code: 'custom', path: ['refs', 'corrects'], message: '更正记录须指明被更正的条目（且只指明一条）' });
    }
    if (input.category !== 'correction' && named > 0) {
      ctx.addIssue({ code: 'custom', path: ['refs', 'corrects'], message: '只有更正记录可以引用被更正的条目' });
    }
  });

export type ActEntryInput = z.input<typeof actEntrySchema>;
export type ActEntry = z.output<typeof actEntrySchema>;

/** An act's entry checked and normalised (NFC, trimmed), or LogInputError with every issue in Chinese. */
export function checkActEntry(input: ActEntryInput): ActEntry {
  const parsed = actEntrySchema.safeParse(input);
  if (!parsed.success) throw new LogInputError(parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })));
  return parsed.data;
}

export type LogInput = z.input<typeof logInputSchema>;

export interface LogInputIssue {
  path: string;
  message: string;
}

/** Thrown by appendEntry when the input is not acceptable; message is the first issue, in Chinese. */
export class LogInputError extends Error {
  constructor(readonly issues: LogInputIssue[]) {
    super(issues[0]?.message ?? '记录内容无效');
    this.name = 'LogInputError';
  }
}

/**
 * The next entry after `previous` (undefined for the first entry of an operation).
 * Pure: recordedAt comes from `now`, which the caller reads from the system clock.
 */
export function appendEntry(previous: LogEntry | undefined, input: LogInput, now: Date): LogEntry {
  const parsed = logInputSchema.safeParse(input);
  if (!parsed.success) {
    throw new LogInputError(parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })));
  }
  const v = parsed.data;
  const seq = previous ? previous.seq + 1 : 1;
  const recordedAt = chinaInstant(now);
  const issues: LogInputIssue[] = [];

  if (previous && previous.operationId !== v.operationId) {
    issues.push({ path: 'operationId', message: `上一条记录（第 ${previous.seq} 条）属于另一次执行行动，不能接续` });
  }
  let occurredAt = recordedAt;
  if (v.occurredAt !== undefined) {
    const at = Date.parse(v.occurredAt);
    if (at > now.getTime() + OCCURRED_AT_TOLERANCE_MS) {
      issues.push({ path: 'occurredAt', message: '发生时间不能晚于当前时间（允许误差 5 分钟）' });
    }
    occurredAt = chinaInstant(new Date(at));
  }
  if (v.refs?.corrects !== undefined && v.refs.corrects >= seq) {
    issues.push({
      path: 'refs.corrects',
      message: `只能更正已记录的条目：本条为第 ${seq} 条，不能更正第 ${v.refs.corrects} 条`,
    });
  }
  if (issues.length > 0) throw new LogInputError(issues);

  const refs: LogRefs = {};
  if (v.refs?.media?.length) refs.media = v.refs.media;
  if (v.refs?.inventoryItems?.length) refs.inventoryItems = v.refs.inventoryItems;
  if (v.refs?.people?.length) refs.people = v.refs.people;
  if (v.refs?.corrects !== undefined) refs.corrects = v.refs.corrects;

  const fields: LogEntryFields = {
    operationId: v.operationId,
    seq,
    recordedAt,
    occurredAt,
    operator: v.operator,
    group: v.group,
    category: v.category,
    text: v.text,
    refs,
    ...(v.data !== undefined ? { data: v.data } : {}),
    prevHash: previous ? previous.hash : ZERO_HASH,
  };
  return { ...fields, hash: hashEntry(fields) };
}
