// DOM. Drafting, issuing and serving documents. An issued document is frozen: its PDF
// bytes, SHA-256, data, issuer and time are stored once and never changed; a correction
// is a new document that refers to the one it replaces.
import { chinaDate, chinaInstant } from '../../../shared/calendar/chinaTime';
import {
  nextDocumentNumber,
  nextSequence,
  numberingGaps,
} from '../../../shared/documents/documentNumber';
import { parseBackup, type OperationBackup } from '../../../shared/archive/backup';
import { courtReportProblems } from '../../../shared/documents/courtReport';
import { announcementFromOperation, noticeFromOperation } from '../../../shared/documents/notice';
import { renderIssuableDocument } from '../../../shared/documents/registry';
import { serviceMethodLabels } from '../../../shared/documents/notice/proofOfService';
import {
  defaultIssuerCode,
  issuableKindTitles,
  fieldErrors,
  postingInputSchema,
  selfPerformanceInputSchema,
  type PostingInput,
  type PostingPhoto,
  type PostingRecord,
  type SelfPerformanceInput,
  selfPerformanceWording,
  serviceInputSchema,
  type DocumentRecord,
  type ServedDocument,
  type ServiceInput,
  type ServiceRecord,
} from '../../../shared/documents/records';
import type { PdfBytes } from '../../../shared/documents/render';
import type { ChainHead } from '../../../shared/log/types';
import type { FieldErrors } from '../../../shared/operation/newOperation';
import type { ConsoleDb } from '../data/db';
import { chainHead } from '../log/head';
import { exportOperationBackup } from '../archive/backupRepository';
import { NOT_SIGNED_IN, requirePermission } from '../operators/repository';
import type { Actor } from '../../../shared/operators/permissions';
import { appendLog } from '../log/repository';
import { usedNumbers } from './numbering';
import { documentFonts } from './fonts';

const DEFAULT_SELF_PERFORMANCE_DAYS = 10;

export async function listDocuments(db: ConsoleDb, operationId: string): Promise<DocumentRecord[]> {
  const records = await db.documents.where('operationId').equals(operationId).toArray();
  return records.sort((a, b) => a.createdAt.localeCompare(b.createdAt));
}

/** A new draft with the default wording, built from the operation and its latest plan window. */
export async function createDraft(db: ConsoleDb, operationId: string, kind: ServedDocument['kind'], replaces?: ServedDocument): Promise<string> {
  const now = new Date();
  const record = await db.transaction('r', [db.operations, db.subjects, db.plans], async () => {
    const operation = await db.operations.get(operationId);
    if (!operation) throw new Error('找不到该行动');
    const subjects = await db.subjects.where('operationId').equals(operationId).sortBy('position');
    const plans = await db.plans.where('operationId').equals(operationId).toArray();
    const plan = plans.filter((p) => p.status === 'final').sort((a, b) => b.version - a.version)[0] ?? plans[0];
    const start = plan?.content.start || chinaInstant(now);
    const end = plan?.content.end || undefined;
    const issuedOn = chinaDate(now);
    const base = {
      id: crypto.randomUUID(),
      operationId,
      issuerCode: replaces?.issuerCode ?? defaultIssuerCode(operation.basisDocument.number, kind),
      year: Number(issuedOn.slice(0, 4)),
      status: 'draft' as const,
      createdAt: chinaInstant(now),
      updatedAt: chinaInstant(now),
      ...(replaces ? { replacesId: replaces.id } : {}),
    };
    if (kind === 'notice') {
      const data =
        replaces?.kind === 'notice'
          ? { ...replaces.data, documentNumber: '', issuedOn }
          : noticeFromOperation(operation, subjects, { start, end, selfPerformanceDeadline: issuedOn, documentNumber: '', issuedOn });
      if (!replaces) data.text.selfPerformance = selfPerformanceWording(DEFAULT_SELF_PERFORMANCE_DAYS, operation.leadUnit);
      const days = replaces?.kind === 'notice' ? replaces.selfPerformanceDays : DEFAULT_SELF_PERFORMANCE_DAYS;
      return { ...base, kind, data, selfPerformanceDays: days } satisfies DocumentRecord;
    }
    const data =
      replaces?.kind === 'announcement'
        ? { ...replaces.data, documentNumber: '', issuedOn }
        : announcementFromOperation(operation, subjects, { start, end, moveOutDeadline: issuedOn, documentNumber: '', issuedOn });
    return { ...base, kind, data } satisfies DocumentRecord;
  });
  await db.documents.add(record);
  return record.id;
}

async function getDraft(db: ConsoleDb, id: string): Promise<DocumentRecord> {
  const record = await db.documents.get(id);
  if (!record) throw new Error('找不到该文书');
  if (record.status !== 'draft') throw new Error('文书已签发，不能修改；如需更正，请制作更正文书');
  return record;
}

/** Saves edits to a draft; an issued document refuses any change. */
export async function updateDraft(db: ConsoleDb, id: string, changes: Partial<Pick<DocumentRecord, 'issuerCode' | 'data'>> & { selfPerformanceDays?: number }): Promise<void> {
  await db.transaction('rw', db.documents, async () => {
    const draft = await getDraft(db, id);
    await db.documents.put({ ...draft, ...changes, updatedAt: chinaInstant(new Date()) } as DocumentRecord);
  });
}

/**
 * The PDF of a document as it would be issued with the given number (or as a draft without
 * one), printing the operation's log head as it stands now.
 */
export async function renderDocument(db: ConsoleDb, record: DocumentRecord, pinned?: ChainHead): Promise<PdfBytes> {
  const head = pinned ?? (await chainHead(db, record.operationId));
  return renderIssuableDocument(record, () => loadOperationBackup(db, record.operationId), head, chinaInstant(new Date()), documentFonts);
}

/**
 * The operation's records as one backup, read in one transaction: a report made from it
 * shows the records and the log at one consistent moment.
 */
export async function loadOperationBackup(db: ConsoleDb, operationId: string): Promise<OperationBackup> {
  const parsed = parseBackup(await exportOperationBackup(db, operationId));
  if (!parsed.ok) throw new Error(`读取行动记录失败：${parsed.errors.join('；')}`);
  return parsed.backup;
}

export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * Issues a draft: takes the next number of its series, renders the PDF once, and stores
 * bytes, hash, issuer and time. If two issues ever raced for one number, the unique index
 * on `number` refuses the second write.
 */
export async function issueDocument(db: ConsoleDb, id: string, issuer: Actor | undefined): Promise<DocumentRecord> {
  const draft = await getDraft(db, id);
  // Only the commander or the deputy issues; the signed-in person is the 签发人.
  await requirePermission(db, draft.operationId, issuer, { kind: 'issueDocument' });
  const issuedBy = issuer!.name;
  if (draft.kind === 'courtReport') {
    const problems = courtReportProblems(draft.data);
    if (problems.length > 0) throw new Error(`情况报告尚不能签发：${problems.join('；')}`);
  }
  if (!/^[\u3400-\u9fff]{2,20}$/.test(draft.issuerCode)) throw new Error('发文机关代字应为 2 至 20 个汉字，如“西城强执告”');
  // Numbers run per authority and year across every operation on this machine; a gap in
  // the series (from an imported backup, or a number used on paper) must be explained first.
  const used = await usedNumbers(db);
  const gaps = numberingGaps(used, draft.issuerCode, draft.year);
  if (gaps.length > 0) {
    throw new Error(
      `${draft.issuerCode}〔${draft.year}〕缺 ${gaps.map((g) => `${g}号`).join('、')}，尚未记录缺号原因；请先在“文书送达”中记录原因再签发`,
    );
  }
  const sequence = nextSequence(used, draft.issuerCode, draft.year);
  const number = nextDocumentNumber(used, draft.issuerCode, draft.year);
  const issuedOn = chinaDate(new Date());
  const final = { ...draft, data: { ...draft.data, documentNumber: number, issuedOn } } as DocumentRecord;
  // The frozen PDF pins the log as it stood before this issue's own entry.
  const head = await chainHead(db, draft.operationId);
  const pdf = await renderDocument(db, final, head);
  const sha256 = await sha256Hex(pdf);
  const issued: DocumentRecord = {
    ...final,
    status: 'issued',
    number,
    sequence,
    issuedAt: chinaInstant(new Date()),
    issuedBy: issuedBy.trim(),
    pdf,
    sha256,
    chainHead: head,
    updatedAt: chinaInstant(new Date()),
  };
  await db.transaction('rw', db.documents, db.logEntries, async () => {
    const current = await getDraft(db, id);
    if (current.updatedAt !== draft.updatedAt) throw new Error('文书在签发过程中被修改，请重新签发');
    await db.documents.put(issued);
    await appendLog(db, {
      operationId: issued.operationId,
      operator: issued.issuedBy ?? '',
      group: '',
      category: 'system',
      text: `签发${issuableKindTitles[issued.kind]} ${number}（SHA-256 ${sha256}）`,
    });
  });
  return issued;
}

export type SaveResult = { ok: true; id: string } | { ok: false; errors: FieldErrors };

/** Records how an issued document was served; refuses what the law requires and is missing. */
export async function recordService(db: ConsoleDb, documentId: string, input: ServiceInput, actor: Actor | undefined): Promise<SaveResult> {
  if (!actor) throw new Error(NOT_SIGNED_IN);
  const parsed = serviceInputSchema.safeParse(input);
  if (!parsed.success) return { ok: false, errors: fieldErrors(parsed.error.issues) };
  const v = parsed.data;
  const document = await db.documents.get(documentId);
  if (!document || document.status !== 'issued') throw new Error('只能记录已签发文书的送达');
  const record: ServiceRecord = {
    id: crypto.randomUUID(),
    operationId: document.operationId,
    documentId,
    method: v.method,
    servedAt: v.servedAt,
    recipient: v.recipient,
    ...(v.agentName ? { agent: { name: v.agentName, reason: v.agentReason } } : {}),
    servers: v.servers,
    witnesses: v.witnesses,
    refusalReason: v.refusalReason,
    recording: v.recording,
    trackingNumber: v.trackingNumber,
    receiptDate: v.receiptDate,
    remarks: v.remarks,
    recordedAt: chinaInstant(new Date()),
    recordedBy: actor.name,
  };
  await db.transaction('rw', db.services, db.logEntries, async () => {
    await db.services.add(record);
    await appendLog(db, {
      operationId: record.operationId,
      operator: actor.name,
      group: '',
      category: 'system',
      text: `${document.number ?? ''} ${serviceMethodLabels[record.method]}给 ${record.recipient}（送达时间 ${record.servedAt.slice(0, 16).replace('T', ' ')}，送达人 ${record.servers.join('、')}）`,
    });
  });
  return { ok: true, id: record.id };
}

export async function listServices(db: ConsoleDb, operationId: string): Promise<ServiceRecord[]> {
  const services = await db.services.where('operationId').equals(operationId).toArray();
  return services.sort((a, b) => a.servedAt.localeCompare(b.servedAt));
}

/** Records where and when an issued 公告 was posted, with its photos. */
export async function recordPosting(db: ConsoleDb, documentId: string, input: PostingInput, photos: PostingPhoto[], actor: Actor | undefined): Promise<SaveResult> {
  if (!actor) throw new Error(NOT_SIGNED_IN);
  const parsed = postingInputSchema.safeParse(input);
  if (!parsed.success) return { ok: false, errors: fieldErrors(parsed.error.issues) };
  const document = await db.documents.get(documentId);
  if (!document || document.status !== 'issued' || document.kind !== 'announcement') throw new Error('只能记录已签发公告的张贴');
  const record: PostingRecord = {
    id: crypto.randomUUID(),
    operationId: document.operationId,
    documentId,
    ...parsed.data,
    photos,
    recordedAt: chinaInstant(new Date()),
    recordedBy: actor.name,
  };
  await db.transaction('rw', db.postings, db.logEntries, async () => {
    await db.postings.add(record);
    await appendLog(db, {
      operationId: record.operationId,
      operator: actor.name,
      group: '',
      category: 'system',
      text: `${document.number ?? ''} 张贴于${record.place}（张贴人 ${record.postedBy.join('、')}，照片 ${record.photos.length} 张）`,
    });
  });
  return { ok: true, id: record.id };
}

export async function listPostings(db: ConsoleDb, operationId: string): Promise<PostingRecord[]> {
  return db.postings.where('operationId').equals(operationId).sortBy('postedAt');
}

/**
 * The subject performed before enforcement began: the operation ends on stop ground 1 and
 * is not resumed. Recorded once; a later correction is a matter for the log (issue 5).
 */
export async function recordSelfPerformance(db: ConsoleDb, operationId: string, input: SelfPerformanceInput, actor: Actor | undefined): Promise<SaveResult> {
  // Ending the operation is the command's decision (stop ground 1).
  await requirePermission(db, operationId, actor, { kind: 'suspend' });
  return writeSelfPerformance(db, operationId, { ...input, recordedBy: actor!.name });
}

/** The write itself, for callers that have checked the permission (the console's stop on ground 1). */
export async function writeSelfPerformance(db: ConsoleDb, operationId: string, input: SelfPerformanceInput): Promise<SaveResult> {
  const parsed = selfPerformanceInputSchema.safeParse(input);
  if (!parsed.success) return { ok: false, errors: fieldErrors(parsed.error.issues) };
  if (parsed.data.occurredOn > chinaDate(new Date())) return { ok: false, errors: { occurredOn: '日期不能晚于今天' } };
  const now = chinaInstant(new Date());
  await db.transaction('rw', db.operations, db.logEntries, async () => {
    const operation = await db.operations.get(operationId);
    if (!operation) throw new Error('找不到该行动');
    if (operation.termination) throw new Error('该行动已记录为自行履行终止');
    await db.operations.update(operationId, { termination: { ground: 'selfPerformed', ...parsed.data, recordedAt: now }, updatedAt: now });
    await appendLog(db, {
      operationId,
      operator: parsed.data.recordedBy,
      group: '',
      category: 'suspension',
      text: `被执行人已于${parsed.data.occurredOn}自行履行，停止强制执行（情形一，不再恢复）：${parsed.data.note}`,
      data: { ground: 1 },
    });
  });
  return { ok: true, id: operationId };
}
