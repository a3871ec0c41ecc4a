// Pure. Issued documents and the record of serving them: what is stored, and the rules a
// service record must meet before it is accepted.
import { z } from 'zod';
import { computeDeadline, deemedServiceDate, type Deadline } from '../calendar';
import { parseDocumentNumber } from '../operation/formats';
import type { ChainHead } from '../log/types';
import type { IsoDate, IsoInstant } from '../operation/types';
import type { CourtReportText } from './courtReport/courtReportData';
import type { AnnouncementData, NoticeData } from './notice';
import { serviceMethods, type ServiceMethod, type ServiceWitness } from './notice/proofOfService';

export type IssuableKind = 'notice' | 'announcement' | 'courtReport';

export const issuableKindTitles: Record<IssuableKind, string> = {
  notice: '强制执行告知书',
  announcement: '强制执行公告',
  courtReport: '强制执行情况报告',
};

/** The document number series suffix of each kind: 临江强执告、临江强执公、临江强执报. */
const seriesSuffix: Record<IssuableKind, string> = { notice: '强执告', announcement: '强执公', courtReport: '强执报' };

interface DocumentBase {
  id: string;
  operationId: string;
  /** Number series, e.g. 临江强执告 for notices of the 临江 government. */
  issuerCode: string;
  year: number;
  status: 'draft' | 'issued';
  /** The document this one corrects (a new version never overwrites the old). */
  replacesId?: string;
  createdAt: IsoInstant;
  updatedAt: IsoInstant;
  /** Set when issued; never changed afterwards. */
  number?: string;
  sequence?: number;
  issuedAt?: IsoInstant;
  issuedBy?: string;
  /** The frozen PDF and its SHA-256 (hex). */
  pdf?: Uint8Array;
  sha256?: string;
  /** The log head the frozen PDF prints: the archive checks it against its log. */
  chainHead?: ChainHead;
}

export type DocumentRecord =
  | (DocumentBase & {
      kind: 'notice';
      data: NoticeData;
      /** 自行履行期限: days counted from the service date (民诉法第八十五条). */
      selfPerformanceDays: number;
    })
  | (DocumentBase & { kind: 'announcement'; data: AnnouncementData })
  /** The report to the court: only its wording is stored; tables, attachments and the log head are read at render. */
  | (DocumentBase & { kind: 'courtReport'; data: CourtReportText });

/** The documents served on the subjects (the report goes to the court, outside the service records). */
export type ServedDocument = Extract<DocumentRecord, { kind: 'notice' | 'announcement' }>;
export const isServedDocument = (doc: DocumentRecord): doc is ServedDocument => doc.kind === 'notice' || doc.kind === 'announcement';

/** The record of serving one issued document (民事诉讼法 第八十七条至第九十五条). */
export interface ServiceRecord {
  id: string;
  operationId: string;
  documentId: string;
  method: ServiceMethod;
  /** When it was served (for 公告送达: when the announcement was published). */
  servedAt: IsoInstant;
  recipient: string;
  /** Someone else received it: who and why (同住成年家属、代理人). */
  agent?: { name: string; reason: string };
  servers: string[];
  witnesses: ServiceWitness[];
  refusalReason: string;
  /** Photo or video reference for 留置送达 without witnesses. */
  recording: string;
  trackingNumber: string;
  receiptDate: IsoDate | '';
  remarks: string;
  recordedAt: IsoInstant;
  /** The signed-in person who recorded it (absent on records made before sign-in existed). */
  recordedBy?: string;
}

const text = (label: string, max: number) => z.string().trim().max(max, `${label}不能超过 ${max} 个字`);

/** What the user enters for a service record; method-specific requirements below. */
export const serviceInputSchema = z
  .object({
    method: z.enum(serviceMethods, { error: '请选择送达方式' }),
    servedAt: z.string().refine((v) => !Number.isNaN(Date.parse(v)) && /[+-]\d{2}:\d{2}$|Z$/.test(v), '请填写送达时间'),
    recipient: text('受送达人', 100).min(1, '请填写受送达人'),
    agentName: text('代收人', 50).default(''),
    agentReason: text('代收原因', 200).default(''),
    servers: z.array(text('送达人', 50)).transform((s) => s.filter(Boolean)).pipe(z.array(z.string()).min(1, '请至少填写一名送达人').max(10)),
    witnesses: z
      .array(z.object({ name: text('见证人姓名', 50), unit: text('见证人单位', 100) }))
      .transform((w) => w.filter((x) => x.name || x.unit))
      .default([]),
    refusalReason: text('拒收理由', 500).default(''),
    recording: text('拍照录像记录', 500).default(''),
    trackingNumber: text('邮件单号', 50).default(''),
    receiptDate: z.string().regex(/^$|^\d{4}-\d{2}-\d{2}$/, '签收日期格式应为 年-月-日').default(''),
    remarks: text('备注', 1000).default(''),
  })
  .superRefine((v, ctx) => {
    if (v.agentName && !v.agentReason) {
      ctx.addIssue({ code: 'custom', path: ['agentReason'], message: '由他人代收的，须写明代收人身份和原因' });
    }
    if (v.method === 'left') {
      if (!v.refusalReason) ctx.addIssue({ code: 'custom', path: ['refusalReason'], message: '留置送达须写明拒收理由' });
      const witnessed = v.witnesses.some((w) => w.name && w.unit);
      if (!witnessed && !v.recording) {
        ctx.addIssue({
          code: 'custom',
          path: ['witnesses'],
          message: '留置送达须有见证人（基层组织或所在单位代表）签名，或以拍照、录像记录送达过程（民诉法第八十九条）',
        });
      }
      if (v.witnesses.some((w) => !w.name || !w.unit)) {
        ctx.addIssue({ code: 'custom', path: ['witnesses'], message: '每位见证人须写明姓名和单位' });
      }
    }
    if (v.method === 'post' && !v.trackingNumber) {
      ctx.addIssue({ code: 'custom', path: ['trackingNumber'], message: '邮寄送达须填写邮件单号' });
    }
  });

export type ServiceInput = z.input<typeof serviceInputSchema>;

/** The date a service takes effect: 公告送达 is deemed served 30 days after publication. */
export function effectiveServiceDate(service: Pick<ServiceRecord, 'method' | 'servedAt' | 'receiptDate'>): IsoDate {
  const date = new Date(Date.parse(service.servedAt) + 8 * 3600_000).toISOString().slice(0, 10);
  if (service.method === 'publication') return deemedServiceDate(date);
  if (service.method === 'post' && service.receiptDate) return service.receiptDate;
  return date;
}

/** The self-performance deadline of a served notice, counted from the service date. */
export function selfPerformanceDeadline(notice: { selfPerformanceDays: number }, service: ServiceRecord): Deadline {
  return computeDeadline(effectiveServiceDate(service), notice.selfPerformanceDays, 'calendar');
}

const DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** 1–99 in Chinese numerals, as official documents write periods: 十、十五、三十. */
export function chineseNumber(n: number): string {
  if (!Number.isInteger(n) || n < 1 || n > 99) return String(n);
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  if (tens === 0) return DIGITS[ones]!;
  return `${tens === 1 ? '' : DIGITS[tens]}十${ones ? DIGITS[ones] : ''}`;
}

/** 自本告知书送达之日起十日内 */
export function selfPerformanceWording(days: number, lead: string): string {
  const cn = chineseNumber(days);
  return `请你（们）自本告知书送达之日起${cn}日内自行搬离上述房屋，腾空后交付${lead}（期间开始的日不计算在内，期间届满的最后一日是法定休假日的，以法定休假日后的第一日为期间届满的日期）。`;
}

/** 临江征补决 → 临江强执告: the series follows the issuing government's short name. */
export function defaultIssuerCode(basisNumber: string, kind: IssuableKind): string {
  const issuer = parseDocumentNumber(basisNumber)?.issuerCode ?? '';
  const short = /^(.+?)(征|拆|房|补)/.exec(issuer)?.[1] ?? issuer.slice(0, 2);
  return `${short}${seriesSuffix[kind]}`;
}

/** Photos taken when the 公告 was posted, kept with the record. */
export interface PostingPhoto {
  name: string;
  mimeType: 'image/png' | 'image/jpeg';
  bytes: Uint8Array;
}

/** 张贴: where, when and by whom the 公告 was posted on site, with photos. */
export interface PostingRecord {
  id: string;
  operationId: string;
  documentId: string;
  place: string;
  postedAt: IsoInstant;
  postedBy: string[];
  photos: PostingPhoto[];
  note: string;
  recordedAt: IsoInstant;
  /** The signed-in person who recorded it. */
  recordedBy?: string;
}

export const postingInputSchema = z.object({
  place: text('张贴地点', 200).min(1, '请填写张贴地点'),
  postedAt: z.string().refine((v) => !Number.isNaN(Date.parse(v)) && /[+-]\d{2}:\d{2}$|Z$/.test(v), '请填写张贴时间'),
  postedBy: z.array(text('张贴人', 50)).transform((s) => s.filter(Boolean)).pipe(z.array(z.string()).min(1, '请至少填写一名张贴人').max(10)),
  note: text('备注', 1000).default(''),
});
export type PostingInput = z.input<typeof postingInputSchema>;

/** Recording that the subject performed before enforcement began (stop ground 1). */
export const selfPerformanceInputSchema = z.object({
  occurredOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '请填写自行履行的日期'),
  note: text('情况说明', 1000).min(1, '请写明自行履行的情况（如已搬离、已交付钥匙）'),
  recordedBy: text('记录人', 50).min(1, '请填写记录人'),
});
export type SelfPerformanceInput = z.input<typeof selfPerformanceInputSchema>;

/** Field path → first message, for forms. */
export function fieldErrors(issues: readonly { path: readonly PropertyKey[]; message: string }[]): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const issue of issues) errors[issue.path.map(String).join('.')] ??= issue.message;
  return errors;
}
