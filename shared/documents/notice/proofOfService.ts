// Pure. What 《送达回证》 records (民事诉讼法 2023 第八十七条至第九十五条, applied to the
// service of enforcement documents) and the wording of its cells; a blank form for filling
// in by hand is the same data with the service facts left empty.
import { formatChineseDate } from '../../operation/formats';
import type { IsoDate, IsoInstant } from '../../operation/types';
import { formatChineseDateTime } from '../plan/printData';

export const serviceMethods = ['direct', 'left', 'post', 'publication', 'electronic'] as const;
export type ServiceMethod = (typeof serviceMethods)[number];
export const serviceMethodLabels: Record<ServiceMethod, string> = {
  direct: '直接送达',
  left: '留置送达',
  post: '邮寄送达',
  publication: '公告送达',
  electronic: '电子送达',
};

/** One document served, with its number and how many copies. */
export interface ServedDocument {
  /** 强制执行告知书 (without 《》) */
  name: string;
  number: string;
  copies: number;
}

/** Whom a 留置送达 witness represents (民诉法解释第一百三十条). */
export const witnessCapacities = ['grassroots', 'employer'] as const;
export type WitnessCapacity = (typeof witnessCapacities)[number];
export const witnessCapacityLabels: Record<WitnessCapacity, string> = {
  grassroots: '基层组织代表',
  employer: '所在单位代表',
};

/** 见证人: a representative of the grassroots organisation or the unit (第八十九条). */
export interface ServiceWitness {
  name: string;
  unit: string;
  /** Absent on records made before it was asked. */
  capacity?: WitnessCapacity;
}

export interface ProofOfServiceData {
  /** 送达机关 */
  issuer: string;
  documents: ServedDocument[];
  /** 受送达人 */
  recipient: string;
  /** 送达地址 */
  address: string;
  /** Empty on a blank form. */
  method?: ServiceMethod;
  /** 送达时间; empty on a blank form. */
  servedAt?: IsoInstant;
  /** 代收人 and why (同住成年家属、代理人…, 第八十八条). */
  agent?: { name: string; reason: string };
  /** What the method required, recorded (邮件单号 and 回执日期, 送达地址确认书, 公告的原因和经过), printed under 备注. */
  details?: string[];
  /** 留置送达 with witnesses: who, from which unit, why refused, on which day. */
  witnesses: ServiceWitness[];
  refusal?: { reason: string; date: IsoDate };
  /** 留置送达 recorded instead by photo or video: the recording's reference (file, hash). */
  recording?: string;
  /** 送达人: names printed, each signs beside the name. */
  servers: string[];
  remarks: string;
  isDemo: boolean;
}

/** A form to fill in by hand: the documents, recipient and address printed, the rest blank. */
export function blankProofOfService(
  base: Pick<ProofOfServiceData, 'issuer' | 'documents' | 'isDemo'> & Partial<Pick<ProofOfServiceData, 'recipient' | 'address'>>,
): ProofOfServiceData {
  return { recipient: '', address: '', witnesses: [], servers: [], remarks: '', ...base };
}

/** 《强制执行告知书》临江强执告〔2026〕3号 1份 — one line per document. */
export const servedDocumentLines = (data: ProofOfServiceData): string[] =>
  data.documents.map((d) => `《${d.name.trim()}》${d.number.trim() ? ` ${d.number.trim()}` : ''}，${d.copies}份`);

/** 共2份 */
export const totalCopies = (data: ProofOfServiceData): number => data.documents.reduce((n, d) => n + d.copies, 0);

/** ■直接送达 □留置送达 …: every method printed, the one used filled in. */
export const methodChoices = (method: ServiceMethod | undefined): string =>
  serviceMethods.map((m) => `${m === method ? '■' : '□'}${serviceMethodLabels[m]}`).join(' ');

/** Blank date and time to write in by hand. */
export const BLANK_DATE_TIME = '\u3000\u3000\u3000年\u3000\u3000月\u3000\u3000日\u3000\u3000时\u3000\u3000分';
export const BLANK_DATE = '\u3000\u3000\u3000年\u3000\u3000月\u3000\u3000日';

/** What the time written in 送达时间 is, where it is not the day of service itself. */
const servedAtMeaning: Partial<Record<ServiceMethod, string>> = {
  post: '（交邮时间；送达日期以回执为准）',
  electronic: '（到达受送达人特定系统的时间）',
  publication: '（最后一次公告时间）',
};

export const servedAtText = (data: ProofOfServiceData): string =>
  data.servedAt ? `${formatChineseDateTime(data.servedAt)}${(data.method && servedAtMeaning[data.method]) ?? ''}` : BLANK_DATE_TIME;

export const agentText = (data: ProofOfServiceData): string =>
  data.agent && data.agent.name.trim() ? `${data.agent.name.trim()}（代收理由：${data.agent.reason.trim() || '未填写'}）` : '';

/**
 * 留置送达 as 第八十九条 asks it to be recorded: the witnesses with their units, the reason
 * and date of refusal, or the photo/video record. A blank form gets the prompts to fill in.
 */
export function refusalLines(data: ProofOfServiceData): string[] {
  if (!data.method) return ['见证人姓名及单位：', '拒收事由：', `拒收日期：${BLANK_DATE}`, '拍照、录像记录：'];
  const lines = data.witnesses
    .filter((w) => w.name.trim())
    .map((w) => `见证人：${w.name.trim()}（${[w.unit.trim() || '单位未填写', w.capacity ? witnessCapacityLabels[w.capacity] : ''].filter(Boolean).join('，')}）`);
  if (data.refusal) {
    lines.push(`拒收事由：${data.refusal.reason.trim() || '未填写'}`);
    lines.push(`拒收日期：${formatChineseDate(data.refusal.date)}`);
  }
  if (data.recording?.trim()) lines.push(`拍照、录像记录：${data.recording.trim()}`);
  return lines;
}

/** What the law deems for the method used, printed under 备注. */
export function serviceNote(method: ServiceMethod | undefined): string {
  switch (method) {
    case 'left':
      return '受送达人拒绝签收，文书已留置于其住所，视为送达（《中华人民共和国民事诉讼法》第八十九条）。';
    case 'publication':
      return '自最后一次公告之日起经过三十日，即视为送达（《中华人民共和国民事诉讼法》第九十五条，解释第一百三十八条）。';
    case 'post':
      return '以回执上注明的收件日期为送达日期（《中华人民共和国民事诉讼法》第九十一条）。';
    case 'electronic':
      return '经受送达人同意（送达地址确认书）电子送达，以送达信息到达受送达人特定系统的日期为送达日期（《中华人民共和国民事诉讼法》第九十条）。';
    case 'direct':
      return '受送达人本人签收；本人不在的，由其同住成年家属签收（《中华人民共和国民事诉讼法》第八十八条）。';
    default:
      return '';
  }
}

/**
 * What a filled-in proof of service still lacks before it can prove service; empty for
 * a complete one. 留置送达 needs either witnesses with the reason and date of refusal, or
 * a photo/video record.
 */
export function proofOfServiceProblems(data: ProofOfServiceData): string[] {
  const problems: string[] = [];
  if (data.documents.length === 0) problems.push('未填写送达文书');
  if (!data.recipient.trim()) problems.push('未填写受送达人');
  if (!data.method) problems.push('未选择送达方式');
  if (!data.servedAt) problems.push('未填写送达时间');
  if (data.servers.filter((s) => s.trim()).length === 0) problems.push('未填写送达人');
  if (data.method === 'left') {
    const witnessed = data.witnesses.some((w) => w.name.trim()) && data.refusal !== undefined && data.refusal.reason.trim() !== '';
    if (!witnessed && !data.recording?.trim()) problems.push('留置送达须有见证人签名并记明拒收事由和日期，或者以拍照、录像方式记录送达过程');
  }
  return problems;
}
