// Pure. Incidents (突发事件) and public-opinion entries (舆情) as the console records them:
// validated input, and the log text and data they become.
//   incident:       category 'incident',      data { severity, involved, handling, reportedTo, reportedAt }
//   public opinion: category 'publicOpinion', data { source, content, response }
import { z } from 'zod';
import type { LogDataValue } from '../log/types';

/**
 * Levels from seed 001 §五(三): 一般性事件 handled by the command post, 较大事件 by the
 * district government, 重大事件 by the leading group's joint meeting.
 */
export const incidentSeverities = {
  general: { label: '一般', handledBy: '由指挥部牵头协调解决' },
  serious: { label: '较大', handledBy: '由区（县）人民政府牵头协调解决' },
  major: { label: '重大', handledBy: '由协调领导小组召开联席会议研究解决' },
} as const;
export type IncidentSeverity = keyof typeof incidentSeverities;

const text = (label: string, max: number) =>
  z.string({ error: `请填写${label}` }).trim().max(max, `${label}不能超过 ${max} 个字`);

const instant = z
  .string()
  .trim()
  .refine((v) => v === '' || (/[+-]\d{2}:\d{2}$|Z$/.test(v) && Number.isFinite(Date.parse(v))), '时间格式不正确')
  .default('');

export const incidentInputSchema = z
  .object({
    severity: z.enum(['general', 'serious', 'major'], { error: '请选择事件等级' }),
    summary: text('事件经过', 2000).min(1, '请填写事件经过'),
    involved: text('涉及人员', 500).default(''),
    handling: text('处置情况', 2000).min(1, '请填写处置情况（已采取的措施）'),
    reportedTo: text('报告对象', 200).default(''),
    reportedAt: instant,
  })
  .superRefine((v, ctx) => {
    // Seed 001 §五(一): the command post reports to the leading group "第一时间"; a time without a recipient says nothing.
    if (v.reportedAt && !v.reportedTo) ctx.addIssue({ code: 'custom', path: ['reportedTo'], message: '填写了报告时间，请写明向谁报告' });
    if (v.severity !== 'general' && !v.reportedTo) {
      ctx.addIssue({ code: 'custom', path: ['reportedTo'], message: '较大、重大事件须报告领导小组，请填写报告对象' });
    }
  });
export type IncidentInput = z.input<typeof incidentInputSchema>;

export const publicOpinionInputSchema = z.object({
  source: text('来源', 200).min(1, '请填写舆情来源（如微信群、短视频平台、现场围观群众）'),
  content: text('舆情内容', 2000).min(1, '请填写舆情内容'),
  response: text('统一回应口径', 2000).min(1, '请填写统一回应口径'),
});
export type PublicOpinionInput = z.input<typeof publicOpinionInputSchema>;

export interface EntryContent {
  text: string;
  data: Record<string, LogDataValue>;
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; errors: Record<string, string> };

/** Validates input against a schema, with the first message per field. */
export function parse<T>(schema: z.ZodType<T>, input: unknown): Parsed<T> {
  const r = schema.safeParse(input);
  if (r.success) return { ok: true, value: r.data };
  const errors: Record<string, string> = {};
  for (const issue of r.error.issues) errors[issue.path.map(String).join('.')] ??= issue.message;
  return { ok: false, errors };
}

const clock = (iso: string) => `${iso.slice(0, 10)} ${iso.slice(11, 16)}`;

export function incidentEntry(input: unknown): Parsed<EntryContent> {
  const p = parse(incidentInputSchema, input);
  if (!p.ok) return p;
  const v = p.value;
  const parts = [`【${incidentSeverities[v.severity].label}事件】${v.summary}`];
  if (v.involved) parts.push(`涉及人员：${v.involved}`);
  parts.push(`处置：${v.handling}`);
  if (v.reportedTo) parts.push(`${v.reportedAt ? `${clock(v.reportedAt)} ` : ''}已报告${v.reportedTo}`);
  return {
    ok: true,
    value: {
      text: parts.join('；'),
      data: { severity: v.severity, involved: v.involved, handling: v.handling, reportedTo: v.reportedTo, reportedAt: v.reportedAt },
    },
  };
}

export function publicOpinionEntry(input: unknown): Parsed<EntryContent> {
  const p = parse(publicOpinionInputSchema, input);
  if (!p.ok) return p;
  const v = p.value;
  return {
    ok: true,
    value: { text: `舆情（来源：${v.source}）：${v.content}；统一回应口径：${v.response}`, data: { ...v } },
  };
}
