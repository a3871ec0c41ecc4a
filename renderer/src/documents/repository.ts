// DOM. Drafting, issuing and serving documents. An issued document is frozen: its PDF
// bytes, SHA-256, data, issuer and time are stored once and never changed; a correction
// is a new document that refers to the one it replaces.
import { chinaDate, chinaInstant } from '../../../shared/calendar/chinaTime';
import { nextDocumentNumber, nextSequence, numberingGaps } from '../../../shared/documents/documentNumber';
import { parseBackup, type OperationBackup } from '../../../shared/archive/backup';
import { applyDraftSettings, newDraftContent, regeneratedDraft, type DraftContext, type DraftSettings } from '../../../shared/documents/drafting';
import { issueProblems, type IssueProblem } from '../../../shared/documents/issueChecks';
import { subjectPeriods } from '../../../shared/documents/periods';
import { renderIssuableDocument } from '../../../shared/documents/registry';
import { serviceMethodLabels } from '../../../shared/documents/notice/proofOfService';
import {
  demandFindings,
  parseDemand,
  parseStatement,
  type DemandInput,
  type StatementInput,
} from '../../../shared/documents/procedure';
import {
  defaultIssuerCode,
  issuableKindTitles,
  fieldErrors,
  postingInputSchema,
  selfPerformanceInputSchema,
  serviceInputSchema,
  serviceProblems,
  type DocumentRecord,
  type PostingInput,
  type PostingPhoto,
  type PostingRecord,
  type RecordedKind,
  type SelfPerformanceInput,
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
import { readNightHours } from '../settings/settings';
import { usedNumbers } from './numbering';
import { documentFonts } from './fonts';

export async function listDocuments(db: ConsoleDb, operationId: string): Promise<DocumentRecord[]> {
  const records = await db.documents.where('operationId').equals(operationId).toArray();
  return records.sort((a, b) => a.createdAt.localeCompare(b.createdAt));
}

/** The operation, its subjects and its latest plan (final, else the draft): what drafts are written from. */
async function draftContext(db: ConsoleDb, operationId: string, now: Date): Promise<DraftContext> {
  return db.transaction('r', [db.operations, db.subjects, db.plans], async () => {
    const operation = await db.operations.get(operationId);
    if (!operation) throw new Error('找不到该行动');
    const subjects = await db.subjects.where('operationId').equals(operationId).sortBy('position');
    const plans = await db.plans.where('operationId').equals(operationId).toArray();
    const plan = plans.filter((p) => p.status === 'final').sort((a, b) => b.version - a.version)[0] ?? plans.find((p) => p.version === 0);
    return { operation, subjects, today: chinaDate(now), ...(plan ? { plan } : {}) };
  });
}

/** A new draft with the default wording, built from the operation and its latest plan window; or a correction of an issued one. */
export async function createDraft(db: ConsoleDb, operationId: string, kind: ServedDocument['kind'], replaces?: ServedDocument): Promise<string> {
  const now = new Date();
  const ctx = await draftContext(db, operationId, now);
  const issuedOn = ctx.today;
  const base = {
    id: crypto.randomUUID(),
    operationId,
    issuerCode: replaces?.issuerCode ?? defaultIssuerCode(ctx.operation.basisDocument.number, kind),
    year: Number(issuedOn.slice(0, 4)),
    status: 'draft' as const,
    createdAt: chinaInstant(now),
    updatedAt: chinaInstant(now),
  };
  // A correction starts from the wording it corrects; its number and date are taken at issue.
  const record = (
    replaces
      ? { ...replaces, ...base, replacesId: replaces.id, data: { ...replaces.data, documentNumber: '', issuedOn } }
      : { ...base, ...newDraftContent(kind, ctx) }
  ) as ServedDocument;
  const { number: _n, sequence: _s, issuedAt: _a, issuedBy: _b, pdf: _p, sha256: _h, chainHead: _c, ...draft } = record;
  await db.documents.add(draft as ServedDocument);
  return draft.id;
}

/** The draft with changed settings (period, time, demolition day) and the paragraphs stating them rewritten; saved. */
export async function changeDraftSettings(db: ConsoleDb, draft: ServedDocument, settings: DraftSettings): Promise<ServedDocument> {
  const next = applyDraftSettings(draft, settings, await draftContext(db, draft.operationId, new Date()));
  await updateDraft(db, draft.id, next);
  return next;
}

/** All the wording generated again from the operation as it stands (告知事项, ruling scope…), keeping the draft's settings; saved. */
export async function regenerateDraft(db: ConsoleDb, draft: ServedDocument): Promise<ServedDocument> {
  const next = regeneratedDraft(draft, await draftContext(db, draft.operationId, new Date()));
  await updateDraft(db, draft.id, next);
  return next;
}

async function getDraft(db: ConsoleDb, id: string): Promise<DocumentRecord> {
  const record = await db.documents.get(id);
  if (!record) throw new Error('找不到该文书');
  if (record.status !== 'draft') throw new Error('文书已签发，不能修改；如需更正，请制作更正文书');
  return record;
}

/** Saves edits to a draft (its series, its data, a notice's period); an issued document refuses any change. */
export async function updateDraft(
  db: ConsoleDb,
  id: string,
  changes: Partial<Pick<DocumentRecord, 'issuerCode' | 'data'>> & { selfPerformanceDays?: number },
): Promise<void> {
  const { issuerCode, data, selfPerformanceDays } = changes;
  await db.transaction('rw', db.documents, async () => {
    const draft = await getDraft(db, id);
    await db.documents.put({
      ...draft,
      ...(issuerCode !== undefined ? { issuerCode } : {}),
      ...(data !== undefined ? { data } : {}),
      ...(selfPerformanceDays !== undefined && draft.kind === 'notice' ? { selfPerformanceDays } : {}),
      updatedAt: chinaInstant(new Date()),
    } as DocumentRecord);
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

/** Issuing refused: every reason, each with its legal basis (shared/documents/issueChecks.ts). */
export class IssueRefused extends Error {
  constructor(readonly problems: IssueProblem[]) {
    super(`不能签发，原因如下：${problems.map((p, i) => `（${i + 1}）${p.message}`).join('；')}`);
    this.name = 'IssueRefused';
  }
}

/** Every reason a draft may not be issued today, read from the records as they stand. */
export async function draftIssueProblems(db: ConsoleDb, draft: DocumentRecord, now = new Date()): Promise<IssueProblem[]> {
  const [operation, subjects, plans, documents, services, night] = await Promise.all([
    db.operations.get(draft.operationId),
    db.subjects.where('operationId').equals(draft.operationId).sortBy('position'),
    db.plans.where('operationId').equals(draft.operationId).toArray(),
    db.documents.where('operationId').equals(draft.operationId).toArray(),
    db.services.where('operationId').equals(draft.operationId).toArray(),
    readNightHours(db),
  ]);
  if (!operation) throw new Error('找不到该行动');
  const finalPlan = plans.filter((p) => p.status === 'final').sort((a, b) => b.version - a.version)[0];
  return issueProblems({
    document: draft,
    operation,
    subjects,
    periods: subjectPeriods({ subjects, documents, services }),
    today: chinaDate(now),
    night,
    ...(finalPlan ? { finalPlan } : {}),
  });
}

/**
 * Issues a draft: refuses with every reason while any stands, then takes the next number of
 * its series, renders the PDF once, and stores bytes, hash, issuer and time. If two issues
 * ever raced for one number, the unique index on `number` refuses the second write.
 */
export async function issueDocument(db: ConsoleDb, id: string, issuer: Actor | undefined): Promise<DocumentRecord> {
  const draft = await getDraft(db, id);
  // Only the commander or the deputy issues; the signed-in person is the 签发人.
  await requirePermission(db, draft.operationId, issuer, { kind: 'issueDocument' });
  const issuedBy = issuer!.name;
  const problems = await draftIssueProblems(db, draft);
  if (problems.length > 0) throw new IssueRefused(problems);
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

/**
 * Records how an issued document was served on one subject (or a unit), or an attempt that
 * failed; refuses what the law requires and is missing (民事诉讼法第八十五条至第九十五条).
 */
export async function recordService(
  db: ConsoleDb,
  documentId: string,
  input: ServiceInput,
  actor: Actor | undefined,
): Promise<SaveResult> {
  if (!actor) throw new Error(NOT_SIGNED_IN);
  const parsed = serviceInputSchema.safeParse(input);
  if (!parsed.success) return { ok: false, errors: fieldErrors(parsed.error.issues) };
  const v = parsed.data;
  const document = await db.documents.get(documentId);
  if (!document || document.status !== 'issued') throw new Error('只能记录已签发文书的送达');
  const [subjects, earlier] = await Promise.all([
    db.subjects.where('operationId').equals(document.operationId).toArray(),
    db.services.where('documentId').equals(documentId).toArray(),
  ]);
  const problems = serviceProblems(v, { document, subjects, earlier, now: chinaInstant(new Date()) });
  if (Object.keys(problems).length > 0) return { ok: false, errors: problems };
  const record: ServiceRecord = {
    id: crypto.randomUUID(),
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
    recordedAt: chinaInstant(new Date()),
    recordedBy: actor.name,
  };
  const when = record.servedAt.slice(0, 16).replace('T', ' ');
  const text =
    record.outcome === 'failed'
      ? `${document.number ?? ''} 向 ${record.recipient} ${serviceMethodLabels[record.method]}未成功（${when}，原因：${record.failureReason}）`
      : `${document.number ?? ''} ${serviceMethodLabels[record.method]}给 ${record.recipient}（送达时间 ${when}，送达人 ${record.servers.join('、')}）`;
  await db.transaction('rw', db.services, db.logEntries, async () => {
    await db.services.add(record);
    await appendLog(db, { operationId: record.operationId, operator: actor.name, group: '', category: 'system', text });
  });
  return { ok: true, id: record.id };
}

/**
 * Records what happened before the ruling (the 催告 and the application; a 陈述申辩 and its
 * answer) as a document: its PDF frozen with its SHA-256, and a log entry, in one go.
 */
async function recordProcedureDocument(
  db: ConsoleDb,
  operationId: string,
  actor: Actor | undefined,
  kind: RecordedKind,
  build: (ctx: { subjects: { id: string; name: string }[]; isDemo: boolean; basisDate: string; rulingDate: string; today: string }) =>
    | { ok: true; data: Extract<DocumentRecord, { kind: RecordedKind }>['data']; number?: string; logText: string }
    | { ok: false; errors: FieldErrors },
): Promise<SaveResult> {
  // A recorded document joins the file like an issued one: the command records it.
  await requirePermission(db, operationId, actor, { kind: 'issueDocument' });
  const operation = await db.operations.get(operationId);
  if (!operation) throw new Error('找不到该行动');
  const subjects = await db.subjects.where('operationId').equals(operationId).sortBy('position');
  const now = new Date();
  const built = build({
    subjects,
    isDemo: operation.isDemo,
    basisDate: operation.basisDocument.date,
    rulingDate: operation.courtRuling.date,
    today: chinaDate(now),
  });
  if (!built.ok) return built;
  if (built.number && (await db.documents.where('number').equals(built.number).count()) > 0) {
    return { ok: false, errors: { documentNumber: `文号 ${built.number} 已记录过` } };
  }
  const head = await chainHead(db, operationId);
  const base = {
    id: crypto.randomUUID(),
    operationId,
    issuerCode: '',
    year: Number(chinaDate(now).slice(0, 4)),
    status: 'issued' as const,
    createdAt: chinaInstant(now),
    updatedAt: chinaInstant(now),
    issuedAt: chinaInstant(now),
    issuedBy: actor!.name,
    ...(built.number ? { number: built.number } : {}),
  };
  const unsigned = { ...base, kind, data: built.data } as DocumentRecord;
  const pdf = await renderDocument(db, unsigned, head);
  const sha256 = await sha256Hex(pdf);
  await db.transaction('rw', db.documents, db.logEntries, async () => {
    await db.documents.add({ ...unsigned, pdf, sha256, chainHead: head });
    await appendLog(db, { operationId, operator: actor!.name, group: '', category: 'system', text: `${built.logText}（SHA-256 ${sha256}）` });
  });
  return { ok: true, id: base.id };
}

/** 记录催告及申请执行: the 催告 (who, when, what, how served) and the application date, checked (行政强制法第五十三、五十四、六十九条). */
export function recordDemand(db: ConsoleDb, operationId: string, input: DemandInput, actor: Actor | undefined): Promise<SaveResult> {
  return recordProcedureDocument(db, operationId, actor, 'demand', (ctx) => {
    const parsed = parseDemand(input, ctx);
    if (!parsed.ok) return parsed;
    const data = { ...parsed.value, isDemo: ctx.isDemo };
    const failed = demandFindings(data).filter((f) => !f.ok);
    return {
      ok: true,
      data,
      number: data.documentNumber,
      logText: `记录催告：${data.issuer} ${data.documentNumber}，${data.services.length} 名被执行人已送达；${data.appliedOn}申请法院强制执行${failed.length > 0 ? `（期限核对不符合 ${failed.length} 项，请法制部门核查）` : '（期限核对符合）'}`,
    };
  });
}

/** 记录陈述申辩及答复 (行政强制法第八条). */
export function recordStatement(db: ConsoleDb, operationId: string, input: StatementInput, actor: Actor | undefined): Promise<SaveResult> {
  return recordProcedureDocument(db, operationId, actor, 'statement', (ctx) => {
    const parsed = parseStatement(input, ctx.subjects, ctx.today);
    if (!parsed.ok) return parsed;
    const data = { ...parsed.value, isDemo: ctx.isDemo };
    return { ok: true, data, logText: `记录陈述申辩：被执行人${data.name}于${data.statedOn}陈述申辩，${data.repliedOn}答复` };
  });
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
