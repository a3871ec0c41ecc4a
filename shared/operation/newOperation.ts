// Pure. What the user types to create an operation, its validation with Chinese
// messages, and the records it becomes.
import { z } from 'zod';
import { rulingScopes, type BasisDocumentKind, type IdType, type Operation, type Subject } from './types';
import {
  isValidPhone,
  isValidResidentId,
  normaliseDocumentNumber,
  normaliseRulingNumber,
  parseDocumentNumber,
  parseRulingNumber,
} from './formats';

const required = (label: string, max = 200) =>
  z
    .string({ error: `请填写${label}` })
    .trim()
    .min(1, `请填写${label}`)
    .max(max, `${label}不能超过 ${max} 个字`);

const isoDate = (label: string) =>
  z
    .string({ error: `请选择${label}` })
    .min(1, `请选择${label}`)
    .regex(/^\d{4}-\d{2}-\d{2}$/, `${label}格式应为 年-月-日`);

/** One subject's fields, as typed; also the rules for editing a subject later. */
export const subjectInput = z
  .object({
    name: required('被执行人姓名或名称', 100),
    idType: z.enum(['residentId', 'other']).default('residentId'),
    idNumber: z.string().trim().max(40, '证件号码过长').default(''),
    phone: z.string().trim().max(40, '电话号码过长').default(''),
    address: z.string().trim().max(200, '住址不能超过 200 个字').default(''),
  })
  .superRefine((s, ctx) => {
    if (s.idNumber && s.idType === 'residentId' && !isValidResidentId(s.idNumber)) {
      ctx.addIssue({
        code: 'custom',
        path: ['idNumber'],
        message: '身份证号码无效：应为 18 位，出生日期和末位校验码须正确',
      });
    }
    if (s.phone && !isValidPhone(s.phone)) {
      ctx.addIssue({ code: 'custom', path: ['phone'], message: '电话号码格式不正确，如 13800138000 或 010-66001234' });
    }
  });

export const basisDocumentKinds = [
  'compensationDecision',
  'demolitionDisputeRuling',
  'agreementPerformanceDecision',
] as const satisfies readonly BasisDocumentKind[];

export function newOperationSchema(today: string) {
  return z
    .object({
      courtRuling: z.object({
        court: required('作出裁定的人民法院', 100),
        number: required('裁定书文号', 60).refine(
          (v) => parseRulingNumber(v) !== null,
          '裁定书文号格式不正确，应如“（2026）京0102行审123号”',
        ),
        date: isoDate('裁定日期'),
        // 法释〔2012〕4号第九条: the government enforces what the ruling allows, no more.
        scope: z.enum(rulingScopes, { error: '请选择裁定准予执行的范围（搬迁，或搬迁并拆除）' }),
        scopeLimit: z.string().trim().max(500, '裁定载明的限制不能超过 500 个字').default(''),
      }),
      basisDocument: z.object({
        kind: z.enum(basisDocumentKinds, { error: '请选择执行依据的种类' }),
        number: required('执行依据文号', 60).refine(
          (v) => parseDocumentNumber(v) !== null,
          '执行依据文号格式不正确，应如“西城征补决〔2026〕3号”（年份用六角括号〔〕，不加“第”）',
        ),
        date: isoDate('执行依据作出日期'),
      }),
      organisingGovernment: required('组织实施的人民政府', 100),
      leadUnit: required('牵头单位', 100),
      // The 临时指挥部 has no legal personality: documents go out in the government's name or the designated lead unit's.
      issuingBody: z.enum(['organisingGovernment', 'leadUnit'], { error: '请选择以谁的名义发文' }).default('organisingGovernment'),
      propertyAddress: required('被执行房屋地址', 200),
      subjects: z
        .array(subjectInput, { error: '请至少填写一名被执行人' })
        .min(1, '请至少填写一名被执行人')
        .max(50, '被执行人不能超过 50 名'),
    })
    .superRefine((v, ctx) => {
      const { courtRuling: ruling, basisDocument: basis } = v;
      if (ruling.date > today) {
        ctx.addIssue({ code: 'custom', path: ['courtRuling', 'date'], message: '裁定日期不能晚于今天' });
      }
      if (basis.date > today) {
        ctx.addIssue({ code: 'custom', path: ['basisDocument', 'date'], message: '执行依据作出日期不能晚于今天' });
      }
      if (basis.date > ruling.date) {
        ctx.addIssue({
          code: 'custom',
          path: ['basisDocument', 'date'],
          message: '执行依据应早于法院裁定作出（先有决定，后申请法院执行）',
        });
      }
      const parsed = parseRulingNumber(ruling.number);
      if (parsed && parsed.year !== Number(ruling.date.slice(0, 4)) && parsed.year !== Number(ruling.date.slice(0, 4)) - 1) {
        ctx.addIssue({
          code: 'custom',
          path: ['courtRuling', 'number'],
          message: `文号中的年份（${parsed.year}）与裁定日期不符`,
        });
      }
    });
}

export type NewOperationInput = z.input<ReturnType<typeof newOperationSchema>>;
export type NewOperationValues = z.output<ReturnType<typeof newOperationSchema>>;

/** Field path (as the form names it) → the first message for that field. */
export type FieldErrors = Record<string, string>;

export type Validation =
  | { ok: true; values: NewOperationValues }
  | { ok: false; errors: FieldErrors };

/** zod's issues as field path → first message. */
export function fieldErrorsOf(issues: readonly { path: readonly PropertyKey[]; message: string }[]): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of issues) errors[issue.path.map(String).join('.')] ??= issue.message;
  return errors;
}

export function validateNewOperation(input: unknown, today: string): Validation {
  const result = newOperationSchema(today).safeParse(input);
  return result.success ? { ok: true, values: result.data } : { ok: false, errors: fieldErrorsOf(result.error.issues) };
}

/** Resident ID numbers are stored with an upper-case check letter X. */
export const normaliseIdNumber = (idType: IdType, idNumber: string): string =>
  idType === 'residentId' ? idNumber.toUpperCase() : idNumber;

export interface NewOperationRecords {
  operation: Operation;
  subjects: Subject[];
}

/** Turns validated input into records; ids and time come from the caller so this stays pure. */
export function buildOperation(
  values: NewOperationValues,
  ids: { operationId: string; subjectIds: string[] },
  now: string,
  isDemo = false,
): NewOperationRecords {
  const operation: Operation = {
    id: ids.operationId,
    status: 'active',
    isDemo,
    courtRuling: {
      court: values.courtRuling.court,
      number: normaliseRulingNumber(values.courtRuling.number),
      date: values.courtRuling.date,
      scope: values.courtRuling.scope,
      ...(values.courtRuling.scopeLimit ? { scopeLimit: values.courtRuling.scopeLimit } : {}),
    },
    basisDocument: { ...values.basisDocument, number: normaliseDocumentNumber(values.basisDocument.number) },
    organisingGovernment: values.organisingGovernment,
    leadUnit: values.leadUnit,
    issuingBody: values.issuingBody,
    propertyAddress: values.propertyAddress,
    createdAt: now,
    updatedAt: now,
  };
  const subjects = values.subjects.map((s, position): Subject => {
    const id = ids.subjectIds[position];
    if (!id) throw new Error('缺少被执行人编号');
    return {
      id,
      operationId: operation.id,
      position,
      name: s.name,
      idType: s.idType,
      idNumber: normaliseIdNumber(s.idType, s.idNumber),
      phone: s.phone,
      address: s.address,
    };
  });
  return { operation, subjects };
}

/** How an operation is called in lists: 张某某户（北京市…号）. */
export function operationTitle(subjectNames: readonly string[]): string {
  if (subjectNames.length === 0) return '（未填写被执行人）';
  const [first] = subjectNames;
  return subjectNames.length === 1 ? `${first}户` : `${first}等 ${subjectNames.length} 人户`;
}
