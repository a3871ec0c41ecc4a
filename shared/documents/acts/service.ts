// Pure. Serving issued documents, posting the 公告, and the subject's own performance before
// enforcement began (stop ground 1): each decided from the records and the input, with what
// the law requires and is missing refused field by field.
import { chinaDate } from '../../calendar/chinaTime';
import type { IsoInstant, Operation, Subject } from '../../operation/types';
import { put } from '../../record/act';
import { serviceMethodLabels } from '../notice/proofOfService';
import {
  fieldErrors,
  postingInputSchema,
  selfPerformanceInputSchema,
  serviceInputSchema,
  serviceProblems,
  type DocumentRecord,
  type PostingInput,
  type PostingPhoto,
  type PostingRecord,
  type SelfPerformanceInput,
  type ServiceInput,
  type ServiceRecord,
} from '../records';
import type { Decided } from './decided';

/** Who records, when, and the new record's id. */
export interface RecordingContext {
  id: string;
  now: IsoInstant;
  /** The signed-in person. */
  recordedBy: string;
}

const minute = (instant: string) => instant.slice(0, 16).replace('T', ' ');

/**
 * How an issued document was served on one subject (or a unit), or an attempt that failed;
 * refuses what the law requires and is missing (民事诉讼法第八十五条至第九十五条).
 */
export function recordServiceOutcome(
  records: { documents: readonly DocumentRecord[]; subjects: readonly Subject[]; services: readonly ServiceRecord[] },
  documentId: string,
  input: ServiceInput,
  ctx: RecordingContext,
): Decided<string> {
  const parsed = serviceInputSchema.safeParse(input);
  if (!parsed.success) return { ok: false, errors: fieldErrors(parsed.error.issues) };
  const v = parsed.data;
  const document = records.documents.find((d) => d.id === documentId);
  if (!document || document.status !== 'issued') throw new Error('只能记录已签发文书的送达');
  const earlier = records.services.filter((s) => s.documentId === documentId);
  const problems = serviceProblems(v, { document, subjects: records.subjects, earlier, now: ctx.now });
  if (Object.keys(problems).length > 0) return { ok: false, errors: problems };
  const record: ServiceRecord = {
    id: ctx.id,
    operationId: document.operationId,
    documentId,
    ...(v.subjectId ? { subjectId: v.subjectId } : {}),
    outcome: v.outcome,
    method: v.method,
    servedAt: v.servedAt,
    recipient: v.recipient,
    ...(v.agentName ? { agent: { name: v.agentName, reason: v.agentReason }, agentAdultResident: v.agentAdultResident } : {}),
    servers: v.servers,
    witnesses: v.method === 'left' ? v.witnesses : [],
    refusalReason: v.method === 'left' ? v.refusalReason : '',
    recording: v.method === 'left' ? v.recording : '',
    trackingNumber: v.method === 'post' ? v.trackingNumber : '',
    receiptDate: v.method === 'post' ? v.receiptDate : '',
    ...(v.method === 'electronic' && v.outcome === 'served' ? { consent: { signedOn: v.consentSignedOn, address: v.consentAddress } } : {}),
    ...(v.method === 'publication' && v.publicationGround
      ? { publication: { ground: v.publicationGround, reason: v.publicationReason, place: v.publicationPlace, photos: v.publicationPhotos } }
      : {}),
    ...(v.outcome === 'failed' ? { failureReason: v.failureReason } : {}),
    remarks: v.remarks,
    recordedAt: ctx.now,
    recordedBy: ctx.recordedBy,
  };
  const when = minute(record.servedAt);
  const text =
    record.outcome === 'failed'
      ? `${document.number ?? ''} 向 ${record.recipient} ${serviceMethodLabels[record.method]}未成功（${when}，原因：${record.failureReason}）`
      : `${document.number ?? ''} ${serviceMethodLabels[record.method]}给 ${record.recipient}（送达时间 ${when}，送达人 ${record.servers.join('、')}）`;
  return { ok: true, outcome: { entry: { category: 'system', text }, changes: [put('services', record)], result: record.id } };
}

/** Where and when an issued 公告 was posted, by whom, with its photos. */
export function recordPostingOutcome(
  documents: readonly DocumentRecord[],
  documentId: string,
  input: PostingInput,
  photos: PostingPhoto[],
  ctx: RecordingContext,
): Decided<string> {
  const parsed = postingInputSchema.safeParse(input);
  if (!parsed.success) return { ok: false, errors: fieldErrors(parsed.error.issues) };
  const document = documents.find((d) => d.id === documentId);
  if (!document || document.status !== 'issued' || document.kind !== 'announcement') throw new Error('只能记录已签发公告的张贴');
  const record: PostingRecord = {
    id: ctx.id,
    operationId: document.operationId,
    documentId,
    ...parsed.data,
    photos,
    recordedAt: ctx.now,
    recordedBy: ctx.recordedBy,
  };
  const text = `${document.number ?? ''} 张贴于${record.place}（张贴人 ${record.postedBy.join('、')}，照片 ${record.photos.length} 张）`;
  return { ok: true, outcome: { entry: { category: 'system', text }, changes: [put('postings', record)], result: record.id } };
}

/**
 * The subject performed before enforcement began: the operation ends on stop ground 1 and
 * is not resumed (the operation's termination and the ground-1 stop entry, in one act).
 * Recorded once. The on-site console's stop on ground 1 returns this outcome from its act,
 * after checking the state its log shows.
 */
export function selfPerformanceOutcome(
  operation: Operation | undefined,
  input: Omit<SelfPerformanceInput, 'recordedBy'>,
  ctx: { now: IsoInstant; recordedBy: string },
): Decided<string> {
  const parsed = selfPerformanceInputSchema.safeParse({ ...input, recordedBy: ctx.recordedBy });
  if (!parsed.success) return { ok: false, errors: fieldErrors(parsed.error.issues) };
  if (parsed.data.occurredOn > chinaDate(new Date(ctx.now))) return { ok: false, errors: { occurredOn: '日期不能晚于今天' } };
  if (!operation) throw new Error('找不到该行动');
  if (operation.termination) throw new Error('该行动已记录为自行履行终止');
  const ended: Operation = { ...operation, termination: { ground: 'selfPerformed', ...parsed.data, recordedAt: ctx.now }, updatedAt: ctx.now };
  return {
    ok: true,
    outcome: {
      entry: {
        category: 'suspension',
        text: `被执行人已于${parsed.data.occurredOn}自行履行，停止强制执行（情形一，不再恢复）：${parsed.data.note}`,
        data: { ground: 1 },
      },
      changes: [put('operations', ended)],
      result: operation.id,
    },
  };
}
