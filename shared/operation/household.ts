// Pure. Validation, with Chinese messages, of what the command post edits about the
// household: the subjects (被执行人) with their assessment, and the family members.
import { z } from 'zod';
import { isValidPhone } from './formats';
import { normaliseIdNumber, subjectInput, type FieldErrors } from './newOperation';
import { vulnerabilities, type Vulnerability } from './types';

export type Validated<T> = { ok: true; values: T } | { ok: false; errors: FieldErrors };

/** Runs a schema and keys the first message of each field by its dotted path, as forms name it. */
export function validateWith<S extends z.ZodType>(schema: S, input: unknown): Validated<z.output<S>> {
  const result = schema.safeParse(input);
  if (result.success) return { ok: true, values: result.data };
  const errors: FieldErrors = {};
  for (const issue of result.error.issues) {
    errors[issue.path.map(String).join('.')] ??= issue.message;
  }
  return { ok: false, errors };
}

/** A field that may stay empty, trimmed, with a length limit. */
export const optionalText = (label: string, max: number) =>
  z.string().trim().max(max, `${label}不能超过 ${max} 个字`).default('');

/** Optional phone: empty, or a mobile or landline number. */
export const optionalPhone = optionalText('电话号码', 40).refine(
  (v) => !v || isValidPhone(v),
  '电话号码格式不正确，如 13800138000 或 010-66001234',
);


const riskLevel = z.enum(['low', 'medium', 'high'], { error: '请评定风险等级（低、中、高）' });

const assessmentInput = z
  .object({
    health: optionalText('身体状况', 500),
    psychological: optionalText('心理状态', 500),
    behavioural: optionalText('行为表现', 500),
    riskLevel: riskLevel.optional(),
  })
  .default({ health: '', psychological: '', behavioural: '' })
  .superRefine((a, ctx) => {
    if (!a.riskLevel && (a.health || a.psychological || a.behavioural)) {
      ctx.addIssue({ code: 'custom', path: ['riskLevel'], message: '已填写分析情况，请评定风险等级（低、中、高）' });
    }
  });

// The subject's own fields follow exactly the rules they were created with.
export const subjectEditSchema = subjectInput
  .safeExtend({ assessment: assessmentInput })
  .transform(({ assessment, ...s }) => ({
    ...s,
    idNumber: normaliseIdNumber(s.idType, s.idNumber),
    // Nothing analysed yet is stored as no assessment, not as an empty one.
    assessment: assessment.riskLevel ? { ...assessment, riskLevel: assessment.riskLevel } : undefined,
  }));

export type SubjectEditInput = z.input<typeof subjectEditSchema>;
export type SubjectEditValues = z.output<typeof subjectEditSchema>;

export function validateSubjectEdit(input: unknown): Validated<SubjectEditValues> {
  return validateWith(subjectEditSchema, input);
}

/** A household always has at least one subject: the operation is named after them. */
export function subjectRemovalBlocker(subjectCount: number): string | null {
  return subjectCount <= 1 ? '至少须保留一名被执行人，不能删除最后一名' : null;
}

/** 老年人权益保障法 Art. 2: 六十周岁以上; 未成年人保护法 Art. 2: 不满十八周岁. */
const ELDERLY_AGE = 60;
const ADULT_AGE = 18;

export function householdMemberSchema(currentYear: number) {
  return z.object({
    name: z.string({ error: '请填写姓名' }).trim().min(1, '请填写姓名').max(50, '姓名不能超过 50 个字'),
    relation: z
      .string({ error: '请填写与被执行人关系' })
      .trim()
      .min(1, '请填写与被执行人关系，如 母亲、儿子')
      .max(20, '关系不能超过 20 个字'),
    birthYear: z
      .number({ error: '出生年份应为四位整数，如 1944' })
      .int('出生年份应为四位整数，如 1944')
      .min(1900, `出生年份应在 1900 至 ${currentYear} 之间`)
      .max(currentYear, `出生年份应在 1900 至 ${currentYear} 之间`)
      .nullish()
      // The form's number field gives null when cleared.
      .transform((v) => v ?? undefined),
    phone: optionalPhone,
    vulnerabilities: z
      .array(z.enum(vulnerabilities, { error: '未知的特殊情况标记' }))
      .default([])
      // Stored in the fixed order of the labels, once each.
      .transform((vs) => vulnerabilities.filter((v) => vs.includes(v))),
    note: optionalText('备注', 500),
  });
}

export type HouseholdMemberInput = z.input<ReturnType<typeof householdMemberSchema>>;
export type HouseholdMemberValues = z.output<ReturnType<typeof householdMemberSchema>>;

export function validateHouseholdMember(input: unknown, currentYear: number): Validated<HouseholdMemberValues> {
  return validateWith(householdMemberSchema(currentYear), input);
}

/** Eldest first, those without a birth year last: the order a family is usually listed in. */
export function sortHouseholdMembers<M extends { birthYear?: number | undefined; name: string }>(members: readonly M[]): M[] {
  return [...members].sort(
    (a, b) => (a.birthYear ?? 9999) - (b.birthYear ?? 9999) || a.name.localeCompare(b.name, 'zh-CN'),
  );
}

/**
 * Age flags a birth year implies but the member lacks: a hint on screen, not an error,
 * because the year is approximate (the birthday may not have passed yet).
 */
export function missingAgeFlags(
  member: { birthYear?: number | undefined; vulnerabilities: readonly Vulnerability[] },
  currentYear: number,
): Vulnerability[] {
  if (member.birthYear === undefined) return [];
  const age = currentYear - member.birthYear;
  const implied: Vulnerability[] = [];
  if (age >= ELDERLY_AGE + 1) implied.push('elderly');
  if (age < ADULT_AGE) implied.push('minor');
  return implied.filter((v) => !member.vulnerabilities.includes(v));
}
