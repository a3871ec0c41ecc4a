// Pure. What the subject must be told besides the basis (issue 14 item 2), the costs of the
// enforcement (行政强制法第六十条), and the ruling's scope as edited after creation: the
// rules a user's input must meet, with Chinese messages under the field they concern.
import { z } from 'zod';
import { isValidPhone } from './formats';
import { fieldErrorsOf, type FieldErrors } from './newOperation';
import {
  rulingScopes,
  type CompensationParticulars,
  type EnforcementCosts,
  type HousingParticulars,
  type IssuingBody,
  type NoticeParticulars,
  type RulingScope,
} from './types';

const text = (label: string, max: number) => z.string({ error: `请填写${label}` }).trim().max(max, `${label}不能超过 ${max} 个字`);

/** Yuan: positive, at most two decimals, below ten billion (a typing mistake beyond that). */
const money = (label: string) =>
  z
    .number({ error: `请填写${label}` })
    .positive(`${label}应大于 0`)
    .max(9_999_999_999.99, `${label}过大，请核对`)
    .refine((v) => Math.abs(Math.round(v * 100) - v * 100) < 1e-6, `${label}最多保留两位小数（分）`);

/** Bank account numbers are read from passbooks in groups: spaces and hyphens are dropped. */
export const normaliseAccountNumber = (input: string): string => input.replace(/[\s-]/g, '');

/**
 * 专户账号: a corporate account, 8 to 32 digits. No check digit is tested: only personal
 * cards carry a Luhn digit, and 对公账户 formats differ from bank to bank.
 */
export const isValidAccountNumber = (input: string): boolean => /^\d{8,32}$/.test(normaliseAccountNumber(input));

export const compensationSchema = z
  .object({
    amount: money('补偿金额'),
    arrangement: z.enum(['account', 'escrow'], { error: '请选择补偿款的存放方式（专户存储或提存）' }),
    bank: text('开户银行', 100).default(''),
    accountName: text('户名', 100).default(''),
    accountNumber: z.string().default('').transform(normaliseAccountNumber),
    notaryOffice: text('提存公证机构', 100).default(''),
    certificateNumber: text('提存公证书编号', 60).default(''),
  })
  .superRefine((c, ctx) => {
    const need = (path: keyof CompensationParticulars, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
    // 条例第二十七条 先补偿、后搬迁: the subject must be told where the money is.
    if (c.arrangement === 'account') {
      if (!c.bank) need('bank', '请填写专户的开户银行');
      if (!c.accountName) need('accountName', '请填写专户户名');
      if (!c.accountNumber) need('accountNumber', '请填写专户账号');
      else if (!isValidAccountNumber(c.accountNumber)) need('accountNumber', '专户账号应为 8 至 32 位数字（可含空格或连字符）');
    } else {
      // Seed 001 §四(一): 被征收人拒绝接收补偿资金的，应当提交补偿资金的提存证明.
      if (!c.notaryOffice) need('notaryOffice', '被执行人拒收补偿款而提存的，请填写办理提存的公证机构');
      if (!c.certificateNumber) need('certificateNumber', '请填写提存公证书编号');
    }
  }) satisfies z.ZodType<CompensationParticulars, unknown>;

export const housingSchema = z
  .object({
    kind: z.enum(['propertyExchange', 'interimHousing', 'none'], { error: '请选择产权调换房屋或周转用房' }),
    address: text('房屋地址', 200).default(''),
    area: z.number({ error: '请填写建筑面积' }).min(0, '建筑面积不能为负').max(10_000, '建筑面积过大，请核对').default(0),
  })
  .superRefine((h, ctx) => {
    if (h.kind === 'none') return;
    if (!h.address) ctx.addIssue({ code: 'custom', path: ['address'], message: '请填写产权调换房屋或周转用房的地址' });
    if (!(h.area > 0)) ctx.addIssue({ code: 'custom', path: ['area'], message: '请填写产权调换房屋或周转用房的建筑面积（平方米）' });
  }) satisfies z.ZodType<HousingParticulars, unknown>;

export const particularsSchema = z
  .object({
    compensation: compensationSchema,
    housing: housingSchema,
    method: text('强制执行的方式', 500).min(1, '请填写强制执行的方式'),
    storagePlace: text('物品存放地点', 200).min(1, '请填写搬出物品的存放地点'),
    collection: text('物品领取方式', 500).min(1, '请写明被执行人如何领取物品'),
    contactPerson: text('联系人', 50).min(1, '请填写联系人'),
    contactPhone: text('联系电话', 40).min(1, '请填写联系电话'),
  })
  .superRefine((p, ctx) => {
    if (p.contactPhone && !isValidPhone(p.contactPhone)) {
      ctx.addIssue({ code: 'custom', path: ['contactPhone'], message: '联系电话格式不正确，如 13800138000 或 0731-66001234' });
    }
  }) satisfies z.ZodType<NoticeParticulars, unknown>;

export type ParticularsInput = z.input<typeof particularsSchema>;

export const costsSchema = z.object({
  amount: money('执行费用'),
  bearer: text('费用承担人', 100).min(1, '请写明费用由谁承担（行政强制法第六十条）'),
  note: text('费用说明', 1000).default(''),
}) satisfies z.ZodType<EnforcementCosts, unknown>;

export type CostsInput = z.input<typeof costsSchema>;

/** The ruling's scope and the issuing body, as edited after the operation was created. */
export const rulingDetailsSchema = z.object({
  scope: z.enum(rulingScopes, { error: '请选择裁定准予执行的范围' }),
  scopeLimit: text('裁定载明的限制', 500).default(''),
  issuingBody: z.enum(['organisingGovernment', 'leadUnit'], { error: '请选择以谁的名义发文' }),
});

export type RulingDetailsInput = z.input<typeof rulingDetailsSchema>;
export interface RulingDetails {
  scope: RulingScope;
  scopeLimit: string;
  issuingBody: IssuingBody;
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; errors: FieldErrors };

function parse<T>(schema: z.ZodType<T, unknown>, input: unknown): Parsed<T> {
  const result = schema.safeParse(input);
  return result.success ? { ok: true, value: result.data } : { ok: false, errors: fieldErrorsOf(result.error.issues) };
}

export const parseParticulars = (input: unknown): Parsed<NoticeParticulars> => parse(particularsSchema, input);
export const parseCosts = (input: unknown): Parsed<EnforcementCosts> => parse(costsSchema, input);
export const parseRulingDetails = (input: unknown): Parsed<RulingDetails> => parse(rulingDetailsSchema, input);

/** 2386540 → 2,386,540.00 元 (amounts on documents are written with 分). */
export const formatYuan = (amount: number): string =>
  `${amount.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}元`;

/** 85.5 → 85.5平方米 */
export const formatArea = (area: number): string => `${Number(area.toFixed(2))}平方米`;
