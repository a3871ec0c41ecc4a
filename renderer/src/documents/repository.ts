// DOM. Drafting, issuing and serving documents. Every write is an act through the one write
// path (record/commit.ts), decided by the pure functions of shared/documents/acts: this file
// only reads what they need, renders the PDF where one is frozen, and commits.
import { chinaInstant } from '../../../shared/calendar/chinaTime';
import { parseBackup, type OperationBackup } from '../../../shared/archive/backup';
import {
  createDraftOutcome,
  demandToRecord,
  documentToIssue,
  draftContext,
  FieldsRefused,
  issueDocumentOutcome,
  issueProblemsOf,
  outcomeOf,
  recordPostingOutcome,
  recordProcedureOutcome,
  recordServiceOutcome,
  saveDraftOutcome,
  selfPerformanceOutcome,
  statementToRecord,
  type DraftEdit,
  type IssueRecords,
  type ProcedureRecords,
  type ProcedureToRecord,
} from '../../../shared/documents/acts';
import { applyDraftSettings, regeneratedDraft, type DraftSettings } from '../../../shared/documents/drafting';
import type { IssueProblem } from '../../../shared/documents/issueChecks';
import { renderIssuableDocument } from '../../../shared/documents/registry';
import type { DemandInput, StatementInput } from '../../../shared/documents/procedure';
import type {
  DocumentRecord,
  PostingInput,
  PostingPhoto,
  PostingRecord,
  SelfPerformanceInput,
  ServedDocument,
  ServiceInput,
  ServiceRecord,
} from '../../../shared/documents/records';
import type { PdfBytes } from '../../../shared/documents/render';
import type { ChainHead } from '../../../shared/log/types';
import type { FieldErrors } from '../../../shared/operation/newOperation';
import type { Actor } from '../../../shared/operators/permissions';
import type { ConsoleDb } from '../data/db';
import { chainHead } from '../log/head';
import { exportOperationBackup } from '../archive/backupRepository';
import { commit, type ActRequest } from '../record/commit';
import { readNightHours } from '../settings/settings';
import { holdingNumbers, usedNumbers } from './numbering';
import { documentFonts } from './fonts';

export { IssueRefused } from '../../../shared/documents/acts';

export async function listDocuments(db: ConsoleDb, operationId: string): Promise<DocumentRecord[]> {
  const records = await db.documents.where('operationId').equals(operationId).toArray();
  return records.sort((a, b) => a.createdAt.localeCompare(b.createdAt));
}

/** The operation's records drafting and issuing read, at one moment. */
function operationRecords(db: ConsoleDb, operationId: string): Promise<IssueRecords> {
  return db.transaction('r', [db.operations, db.subjects, db.plans, db.documents, db.services], async () => ({
    operation: await db.operations.get(operationId),
    subjects: await db.subjects.where('operationId').equals(operationId).toArray(),
    plans: await db.plans.where('operationId').equals(operationId).toArray(),
    documents: await db.documents.where('operationId').equals(operationId).toArray(),
    services: await db.services.where('operationId').equals(operationId).toArray(),
  }));
}

const now = () => chinaInstant(new Date());

export type SaveResult = { ok: true; id: string } | { ok: false; errors: FieldErrors };

/** Commits an act whose refusal may be about the form's fields: those come back to the form, which keeps what was typed. */
export async function commitForm(db: ConsoleDb, request: ActRequest<string>): Promise<SaveResult> {
  try {
    return { ok: true, id: (await commit(db, request)).result };
  } catch (e) {
    if (e instanceof FieldsRefused) return { ok: false, errors: e.errors };
    throw e;
  }
}

/** 起草: a new draft with the default wording, built from the operation and its latest plan window; or a correction of an issued one. */
export async function createDraft(db: ConsoleDb, operationId: string, kind: ServedDocument['kind'], actor: Actor | undefined, replaces?: ServedDocument): Promise<string> {
  const { result } = await commit(db, {
    operationId,
    actor,
    action: { kind: 'log', group: '' },
    build: async (db) =>
      createDraftOutcome(await operationRecords(db, operationId), kind, { id: crypto.randomUUID(), now: now(), ...(replaces ? { replacesId: replaces.id } : {}) }),
  });
  return result;
}

/** 保存: what the user edited in a draft (kept on this station until then), with an entry naming what changed. */
export async function saveDocumentDraft(db: ConsoleDb, draft: DocumentRecord, actor: Actor | undefined): Promise<DocumentRecord> {
  const edit: DraftEdit = {
    issuerCode: draft.issuerCode,
    data: draft.data,
    ...(draft.kind === 'notice' ? { selfPerformanceDays: draft.selfPerformanceDays } : {}),
  };
  const { result } = await commit(db, {
    operationId: draft.operationId,
    actor,
    action: { kind: 'log', group: '' },
    build: async (db) => saveDraftOutcome(await listDocuments(db, draft.operationId), draft.id, edit, { now: now() }),
  });
  return result;
}

/** The draft with changed settings (period, time, demolition day) and the paragraphs stating them rewritten; not yet saved. */
export async function draftWithSettings(db: ConsoleDb, draft: ServedDocument, settings: DraftSettings): Promise<ServedDocument> {
  return applyDraftSettings(draft, settings, draftContext(await operationRecords(db, draft.operationId), now()));
}

/** All the wording generated again from the operation as it stands (告知事项, ruling scope…), keeping the draft's settings; not yet saved. */
export async function regenerateDraft(db: ConsoleDb, draft: ServedDocument): Promise<ServedDocument> {
  return regeneratedDraft(draft, draftContext(await operationRecords(db, draft.operationId), now()));
}

/**
 * The PDF of a document as it would be issued with the given number (or as a draft without
 * one), printing the operation's log head as it stands now.
 */
export async function renderDocument(db: ConsoleDb, record: DocumentRecord, pinned?: ChainHead): Promise<PdfBytes> {
  const head = pinned ?? (await chainHead(db, record.operationId));
  return renderIssuableDocument(record, () => loadOperationBackup(db, record.operationId), head, now(), documentFonts);
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

/** Every reason a draft (as on screen) may not be issued today, read from the records as they stand. */
export async function draftIssueProblems(db: ConsoleDb, draft: DocumentRecord): Promise<IssueProblem[]> {
  const [records, night] = await Promise.all([operationRecords(db, draft.operationId), readNightHours(db)]);
  return issueProblemsOf(records, draft, { now: now(), night });
}

/** The PDF of `record`, rendered once with the log head as it stands, and what freezes it. */
async function freeze(db: ConsoleDb, record: DocumentRecord, at: string, by: string) {
  const head = await chainHead(db, record.operationId);
  const pdf = await renderDocument(db, record, head);
  return { pdf, sha256: await sha256Hex(pdf), chainHead: head, at, by };
}

/**
 * 签发: refused with every reason while any stands; else the next number of its series, the
 * PDF rendered once with the log head before this act's own entry, bytes and hash frozen.
 * Only the commander or the deputy issues; the signed-in person is the 签发人.
 */
export async function issueDocument(db: ConsoleDb, id: string, issuer: Actor | undefined): Promise<DocumentRecord> {
  const draft = await db.documents.get(id);
  if (!draft) throw new Error('找不到该文书');
  const { result } = await holdingNumbers(db, () =>
    commit(db, {
      operationId: draft.operationId,
      actor: issuer,
      action: { kind: 'issueDocument' },
      build: async (db) => {
        const at = now();
        const [records, night, used] = await Promise.all([operationRecords(db, draft.operationId), readNightHours(db), usedNumbers(db)]);
        const toIssue = documentToIssue(records, id, { now: at, night, used });
        return issueDocumentOutcome(toIssue, await freeze(db, toIssue, at, issuer?.name ?? ''));
      },
    }),
  );
  return result;
}

/**
 * Records how an issued document was served on one subject (or a unit), or an attempt that
 * failed; refuses what the law requires and is missing (民事诉讼法第八十五条至第九十五条).
 */
export async function recordService(db: ConsoleDb, documentId: string, input: ServiceInput, actor: Actor | undefined): Promise<SaveResult> {
  const document = await db.documents.get(documentId);
  if (!document) throw new Error('只能记录已签发文书的送达');
  return commitForm(db, {
    operationId: document.operationId,
    actor,
    action: { kind: 'log', group: '' },
    build: async (db) => {
      const { documents, subjects, services } = await operationRecords(db, document.operationId);
      return outcomeOf(recordServiceOutcome({ documents, subjects, services }, documentId, input, { id: crypto.randomUUID(), now: now(), recordedBy: actor?.name ?? '' }));
    },
  });
}

/**
 * Records what happened before the ruling (the 催告 and the application; a 陈述申辩 and its
 * answer) as a document: its PDF frozen with its SHA-256, and a log entry, in one act. A
 * recorded document joins the file like an issued one: the command records it.
 */
function recordProcedureDocument(
  db: ConsoleDb,
  operationId: string,
  actor: Actor | undefined,
  prepare: (records: ProcedureRecords, ctx: { id: string; now: string }) => { ok: true; value: ProcedureToRecord } | { ok: false; errors: FieldErrors },
): Promise<SaveResult> {
  return holdingNumbers(db, () =>
    commitForm(db, {
      operationId,
      actor,
      action: { kind: 'issueDocument' },
      build: async (db) => {
        const at = now();
        const { operation, subjects } = await operationRecords(db, operationId);
        const numbersTaken = new Set((await db.documents.orderBy('number').uniqueKeys()) as string[]);
        const prepared = prepare({ operation, subjects, numbersTaken }, { id: crypto.randomUUID(), now: at });
        if (!prepared.ok) throw new FieldsRefused(prepared.errors);
        return recordProcedureOutcome(prepared.value, await freeze(db, prepared.value.document, at, actor?.name ?? ''));
      },
    }),
  );
}

/** 记录催告及申请执行 (行政强制法第五十三、五十四、六十九条). */
export function recordDemand(db: ConsoleDb, operationId: string, input: DemandInput, actor: Actor | undefined): Promise<SaveResult> {
  return recordProcedureDocument(db, operationId, actor, (records, ctx) => demandToRecord(records, input, ctx));
}

/** 记录陈述申辩及答复 (行政强制法第八条). */
export function recordStatement(db: ConsoleDb, operationId: string, input: StatementInput, actor: Actor | undefined): Promise<SaveResult> {
  return recordProcedureDocument(db, operationId, actor, (records, ctx) => statementToRecord(records, input, ctx));
}

export async function listServices(db: ConsoleDb, operationId: string): Promise<ServiceRecord[]> {
  const services = await db.services.where('operationId').equals(operationId).toArray();
  return services.sort((a, b) => a.servedAt.localeCompare(b.servedAt));
}

/** Records where and when an issued 公告 was posted, with its photos. */
export async function recordPosting(db: ConsoleDb, documentId: string, input: PostingInput, photos: PostingPhoto[], actor: Actor | undefined): Promise<SaveResult> {
  const document = await db.documents.get(documentId);
  if (!document) throw new Error('只能记录已签发公告的张贴');
  return commitForm(db, {
    operationId: document.operationId,
    actor,
    action: { kind: 'log', group: '' },
    build: async (db) =>
      outcomeOf(recordPostingOutcome(await listDocuments(db, document.operationId), documentId, input, photos, { id: crypto.randomUUID(), now: now(), recordedBy: actor?.name ?? '' })),
  });
}

export async function listPostings(db: ConsoleDb, operationId: string): Promise<PostingRecord[]> {
  return db.postings.where('operationId').equals(operationId).sortBy('postedAt');
}

/**
 * The subject performed before enforcement began: the operation ends on stop ground 1 and
 * is not resumed. Ending the operation is the command's decision.
 */
export function recordSelfPerformance(db: ConsoleDb, operationId: string, input: Omit<SelfPerformanceInput, 'recordedBy'>, actor: Actor | undefined): Promise<SaveResult> {
  return commitForm(db, {
    operationId,
    actor,
    action: { kind: 'suspend' },
    build: async (db) => outcomeOf(selfPerformanceOutcome(await db.operations.get(operationId), input, { now: now(), recordedBy: actor?.name ?? '' })),
  });
}
