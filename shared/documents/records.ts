// Pure. Issued documents and the record of serving them: what is stored, and the rules a
// service record must meet before it is accepted.
import { z } from 'zod';
import { computeDeadline, deemedServiceDate, type Deadline } from '../calendar';
import { chinaDate } from '../calendar/chinaTime';
import { parseDocumentNumber } from '../operation/formats';
import type { ChainHead } from '../log/types';
import type { IsoDate, IsoInstant, Subject } from '../operation/types';
import type { CourtReportText } from './courtReport/courtReportData';
import type { DemolitionNoticeData, UnitLetterData } from './demolition/demolitionText';
import type { AnnouncementData, NoticeData } from './notice';
import { serviceMethods, witnessCapacities, type ServiceMethod, type ServiceWitness } from './notice/proofOfService';
import type { DemandData, StatementData } from './procedure/procedureText';

/** Every kind of document record, in the order of the procedure. */
export const issuableKinds = ['demand', 'statement', 'notice', 'announcement', 'demolitionNotice', 'unitLetter', 'courtReport'] as const;
export type IssuableKind = (typeof issuableKinds)[number];

export const issuableKindTitles: Record<IssuableKind, string> = {
  demand: '催告及申请执行情况记录',
  statement: '陈述申辩及答复记录',
  notice: '强制执行告知书',
  announcement: '强制执行公告',
  demolitionNotice: '强制拆除通知书',
  unitLetter: '强制执行函告',
  courtReport: '强制执行情况报告',
};

/**
 * Kinds that record what happened before the operation (the 催告 and the application, the
 * subject's statement and its answer): kept as a frozen PDF with a log entry when recorded,
 * without a number from the console's series.
 */
export const recordedKinds = ['demand', 'statement'] as const satisfies readonly IssuableKind[];
export type RecordedKind = (typeof recordedKinds)[number];
export const isRecordedKind = (kind: IssuableKind): kind is RecordedKind => (recordedKinds as readonly string[]).includes(kind);

/** Kinds the console numbers when issued. */
export type NumberedKind = Exclude<IssuableKind, RecordedKind>;

/** The document number series suffix of each numbered kind: 临江强执告、临江强执公、… */
const seriesSuffix: Record<NumberedKind, string> = {
  notice: '强执告',
  announcement: '强执公',
  demolitionNotice: '强执拆',
  unitLetter: '强执函',
  courtReport: '强执报',
};

interface DocumentBase {
  id: string;
  operationId: string;
  /** Number series, e.g. 临江强执告 for notices of the 临江 government; '' for recorded kinds. */
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
  | (DocumentBase & { kind: 'demolitionNotice'; data: DemolitionNoticeData })
  | (DocumentBase & { kind: 'unitLetter'; data: UnitLetterData })
  | (DocumentBase & { kind: 'demand'; data: DemandData })
  | (DocumentBase & { kind: 'statement'; data: StatementData })
  /** The report to the court: only its wording is stored; tables, attachments and the log head are read at render. */
  | (DocumentBase & { kind: 'courtReport'; data: CourtReportText });

/** The documents served on the subjects or sent to units (the report goes to the court; recorded kinds carry their own service). */
export type ServedDocument = Extract<DocumentRecord, { kind: 'notice' | 'announcement' | 'demolitionNotice' | 'unitLetter' }>;
export const servedKinds = ['notice', 'announcement', 'demolitionNotice', 'unitLetter'] as const satisfies readonly ServedDocument['kind'][];
export const isServedDocument = (doc: DocumentRecord): doc is ServedDocument => (servedKinds as readonly string[]).includes(doc.kind);

/** Documents served on each subject (one 送达回证 and one service each); a 函告 goes to units instead. */
export type SubjectDocument = Extract<DocumentRecord, { kind: 'notice' | 'announcement' | 'demolitionNotice' }>;
export const isSubjectDocument = (doc: DocumentRecord): doc is SubjectDocument =>
  doc.kind === 'notice' || doc.kind === 'announcement' || doc.kind === 'demolitionNotice';

/** An issued document no later issued document corrects: the one that counts. */
export function currentIssued<D extends DocumentRecord>(documents: readonly D[], kind: D['kind']): D | undefined {
  const replaced = new Set(documents.filter((d) => d.status === 'issued' && d.replacesId).map((d) => d.replacesId));
  return documents
    .filter((d) => d.kind === kind && d.status === 'issued' && !replaced.has(d.id))
    .sort((a, b) => (b.issuedAt ?? '').localeCompare(a.issuedAt ?? '') || (b.sequence ?? 0) - (a.sequence ?? 0))[0];
}

/** 公告送达 only where the whereabouts are unknown or the other methods failed (民诉法第九十五条). */
export const publicationGrounds = ['whereaboutsUnknown', 'otherMethodsFailed'] as const;
export type PublicationGround = (typeof publicationGrounds)[number];
export const publicationGroundLabels: Record<PublicationGround, string> = {
  whereaboutsUnknown: '受送达人下落不明',
  otherMethodsFailed: '用其他方式无法送达',
};

/** Photos taken when the 公告 was posted, kept with the record. */
export interface PostingPhoto {
  name: string;
  mimeType: 'image/png' | 'image/jpeg';
  bytes: Uint8Array;
}

/**
 * The record of serving one issued document on one subject (民事诉讼法 第八十七条至第九十五条,
 * applied by 行政强制法第三十八条), or of an attempt that failed.
 */
export interface ServiceRecord {
  id: string;
  operationId: string;
  documentId: string;
  /**
   * The subject served. Records made before service was recorded per subject have none:
   * they cover the subjects their recipient names (servedSubjectIds). A 函告 has none: it goes to a unit.
   */
  subjectId?: string;
  /** 'failed': an attempt that did not serve, recorded so that 公告送达 may follow. Absent = served. */
  outcome?: 'served' | 'failed';
  method: ServiceMethod;
  /**
   * 直接、留置: when handed over or left; 邮寄: when posted (the receipt's date counts);
   * 电子: when it reached the subject's system; 公告: the last posting or publication.
   */
  servedAt: IsoInstant;
  recipient: string;
  /** Someone else received it: who, and their relation to the subject (同住成年家属). */
  agent?: { name: string; reason: string };
  /** 直接送达 to a family member: confirmed to be an adult living with the subject (第八十八条). */
  agentAdultResident?: boolean;
  servers: string[];
  witnesses: ServiceWitness[];
  refusalReason: string;
  /** Photo or video reference for 留置送达 without witnesses. */
  recording: string;
  trackingNumber: string;
  /** 邮寄送达: the date on the receipt, which is the service date (第九十一条). */
  receiptDate: IsoDate | '';
  /** 电子送达: the 送达地址确认书 in which the subject consented (第九十条). */
  consent?: { signedOn: IsoDate; address: string };
  /** 公告送达: why, how it was published, and photos of the posting (第九十五条; 解释第一百三十八条). */
  publication?: { ground: PublicationGround; reason: string; place: string; photos: PostingPhoto[] };
  /** A failed attempt: why it did not serve. */
  failureReason?: string;
  remarks: string;
  recordedAt: IsoInstant;
  /** The signed-in person who recorded it (absent on records made before sign-in existed). */
  recordedBy?: string;
}

const text = (label: string, max: number) => z.string().trim().max(max, `${label}不能超过 ${max} 个字`);
const instant = (message: string) => z.string().refine((v) => !Number.isNaN(Date.parse(v)) && /[+-]\d{2}:\d{2}$|Z$/.test(v), message);
const optionalDate = (label: string) => z.string().regex(/^$|^\d{4}-\d{2}-\d{2}$/, `${label}格式应为 年-月-日`).default('');
const photo = z.custom<PostingPhoto>((v) => typeof v === 'object' && v !== null && (v as PostingPhoto).bytes instanceof Uint8Array);

/** What the user enters for a service record; what each method requires is checked below. */
export const serviceInputSchema = z
  .object({
    subjectId: z.string().default(''),
    outcome: z.enum(['served', 'failed']).default('served'),
    method: z.enum(serviceMethods, { error: '请选择送达方式' }),
    servedAt: instant('请填写送达时间'),
    recipient: text('受送达人', 100).min(1, '请填写受送达人'),
    agentName: text('代收人', 50).default(''),
    agentReason: text('代收人与受送达人的关系', 200).default(''),
    agentAdultResident: z.boolean().default(false),
    servers: z.array(text('送达人', 50)).transform((s) => s.filter(Boolean)).pipe(z.array(z.string()).min(1, '请至少填写一名送达人').max(10)),
    witnesses: z
      .array(z.object({ name: text('见证人姓名', 50), unit: text('见证人单位', 100), capacity: z.enum(witnessCapacities).optional() }))
      .transform((w) => w.filter((x) => x.name || x.unit))
      .default([]),
    refusalReason: text('拒收理由', 500).default(''),
    recording: text('拍照录像记录', 500).default(''),
    trackingNumber: text('邮件单号', 50).default(''),
    receiptDate: optionalDate('回执签收日期'),
    consentSignedOn: optionalDate('送达地址确认书签署日期'),
    consentAddress: text('电子送达地址', 200).default(''),
    publicationGround: z.enum(publicationGrounds).optional(),
    publicationReason: text('公告送达的原因和经过', 1000).default(''),
    publicationPlace: text('公告张贴或刊登处', 200).default(''),
    publicationPhotos: z.array(photo).default([]),
    failureReason: text('未能送达的原因', 500).default(''),
    remarks: text('备注', 1000).default(''),
  })
  .superRefine((v, ctx) => {
    const need = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
    if (v.outcome === 'failed') {
      if (!v.failureReason) need('failureReason', '请写明未能送达的原因（如：多次上门无人、拒不开门、地址查无此人）');
      if (v.method === 'left' || v.method === 'publication') need('method', '留置送达、公告送达本身即为送达，不能记为未能送达；请选择所尝试的送达方式');
      return;
    }
    if (v.agentName && !v.agentReason) need('agentReason', '由他人代收的，须写明代收人与受送达人的关系');
    if (v.method === 'direct' && v.agentName && !v.agentAdultResident) {
      need('agentAdultResident', '受送达人不在时，只能交与其同住的成年家属签收（民诉法第八十八条），请核实并确认');
    }
    if (v.method === 'left') {
      if (!v.refusalReason) need('refusalReason', '留置送达须写明拒收理由');
      const witnessed = v.witnesses.some((w) => w.name && w.unit && w.capacity);
      if (!witnessed && !v.recording) {
        need(
          'witnesses',
          '留置送达须有基层组织或所在单位的代表到场见证并签名（民诉法第八十九条，解释第一百三十条），或以拍照、录像记录送达过程',
        );
      }
      if (v.witnesses.some((w) => !w.name || !w.unit || !w.capacity)) need('witnesses', '每位见证人须写明姓名、单位和所代表的组织（基层组织或所在单位）');
    }
    if (v.method === 'post') {
      if (!v.trackingNumber) need('trackingNumber', '邮寄送达须填写邮件单号');
      if (!v.receiptDate) need('receiptDate', '邮寄送达以回执上注明的收件日期为送达日期（民诉法第九十一条）：请在回执退回后填写签收日期');
    }
    if (v.method === 'electronic') {
      if (!v.consentSignedOn) need('consentSignedOn', '电子送达须经受送达人同意（民诉法第九十条）：请填写其签署送达地址确认书的日期');
      if (!v.consentAddress) need('consentAddress', '请填写送达地址确认书中确认的电子送达地址（手机号码、电子邮箱等）');
    }
    if (v.method === 'publication') {
      if (!v.publicationGround) need('publicationGround', '公告送达只适用于受送达人下落不明或用其他方式无法送达的情形（民诉法第九十五条）：请选择');
      if (!v.publicationReason) need('publicationReason', '请写明公告送达的原因和经过（解释第一百三十八条）');
      if (!v.publicationPlace) need('publicationPlace', '请填写公告张贴或刊登之处');
      if (v.publicationPhotos.length === 0) need('publicationPhotos', '公告张贴的，须拍照记录张贴过程（解释第一百三十八条）：请添加照片');
    }
  });

export type ServiceInput = z.input<typeof serviceInputSchema>;
export type ServiceValues = z.output<typeof serviceInputSchema>;

/** What a service must agree with, beyond its own fields. */
export interface ServiceContext {
  document: Pick<DocumentRecord, 'kind' | 'issuedAt' | 'number'>;
  subjects: readonly Pick<Subject, 'id' | 'name'>[];
  /** The services already recorded for this document. */
  earlier: readonly ServiceRecord[];
  /** Now, ISO with offset. */
  now: IsoInstant;
}

const day = (instantText: string) => chinaDate(new Date(Date.parse(instantText)));

/** Field → message for what a service contradicts in the records; empty when it agrees. */
export function serviceProblems(v: ServiceValues, ctx: ServiceContext): Record<string, string> {
  const problems: Record<string, string> = {};
  const servedMs = Date.parse(v.servedAt);
  if (ctx.document.issuedAt && servedMs < Date.parse(ctx.document.issuedAt)) {
    problems.servedAt = `送达时间早于文书签发时间（${ctx.document.issuedAt.slice(0, 16).replace('T', ' ')}）：文书签发后才能送达`;
  } else if (servedMs > Date.parse(ctx.now)) {
    problems.servedAt = '送达时间不能晚于现在';
  }
  if (ctx.document.kind !== 'unitLetter') {
    if (!ctx.subjects.some((s) => s.id === v.subjectId)) problems.subjectId = '请选择受送达的被执行人（每名被执行人分别送达、分别制作送达回证）';
  }
  if (v.method === 'post' && v.receiptDate) {
    if (v.receiptDate < day(v.servedAt)) problems.receiptDate = '回执签收日期不能早于交邮日期';
    else if (v.receiptDate > day(ctx.now)) problems.receiptDate = '回执签收日期不能晚于今天';
  }
  if (v.method === 'electronic' && v.consentSignedOn && v.consentSignedOn > day(v.servedAt)) {
    problems.consentSignedOn = '送达地址确认书须在电子送达之前签署（民诉法第九十条：经受送达人同意）';
  }
  if (v.outcome === 'served' && v.method === 'publication' && v.publicationGround === 'otherMethodsFailed') {
    const failed = ctx.earlier.some(
      (s) => s.outcome === 'failed' && (s.subjectId ?? '') === v.subjectId && Date.parse(s.servedAt) < servedMs,
    );
    if (!failed) {
      problems.publicationGround = '以“其他方式无法送达”为由公告送达的，须先记录未能送达的尝试（时间、方式、原因）';
    }
  }
  return problems;
}

/** The subjects a service covers: its own, or for a record made before per-subject service, those its recipient names. */
export function servedSubjectIds(service: Pick<ServiceRecord, 'subjectId' | 'recipient'>, subjects: readonly Pick<Subject, 'id' | 'name'>[]): string[] {
  if (service.subjectId) return [service.subjectId];
  const named = new Set(service.recipient.split(/[、，,；;\s]+/).filter(Boolean));
  return subjects.filter((s) => named.has(s.name)).map((s) => s.id);
}

/**
 * The date a service takes effect, or none yet: a failed attempt never serves; 邮寄 counts
 * from the date on the receipt (第九十一条), none until it is back; 电子 from reaching the
 * system (第九十条); 公告送达 30 days after the last posting (第九十五条).
 */
export function effectiveServiceDate(
  service: Pick<ServiceRecord, 'method' | 'servedAt' | 'receiptDate'> & Partial<Pick<ServiceRecord, 'outcome'>>,
): IsoDate | undefined {
  if (service.outcome === 'failed') return undefined;
  const date = day(service.servedAt);
  if (service.method === 'publication') return deemedServiceDate(date);
  if (service.method === 'post') return service.receiptDate || undefined;
  return date;
}

/** The self-performance deadline of a notice served on `servedOn` (民诉法第八十五条, rest-day extension). */
export function selfPerformanceDeadline(notice: { selfPerformanceDays: number }, servedOn: IsoDate): Deadline {
  return computeDeadline(servedOn, notice.selfPerformanceDays, 'calendar');
}

/** 临江征补决 → 临江强执告: the series follows the issuing government's short name. */
export function defaultIssuerCode(basisNumber: string, kind: NumberedKind): string {
  const issuer = parseDocumentNumber(basisNumber)?.issuerCode ?? '';
  const short = /^(.+?)(征|拆|房|补)/.exec(issuer)?.[1] ?? issuer.slice(0, 2);
  return `${short}${seriesSuffix[kind]}`;
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
export { fieldErrorsOf as fieldErrors } from '../operation/newOperation';
