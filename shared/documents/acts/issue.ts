// Pure. Issuing a draft and recording a procedure document (催告, 陈述申辩). An issued document
// is frozen: its PDF bytes, SHA-256, number, issuer, time and the log head it prints are stored
// once and never changed; a correction is a new document that refers to the one it replaces.
// Issuing is decided in two steps because the PDF prints the number: documentToIssue numbers
// and dates the draft (or refuses with every reason), the caller renders that record once with
// the log head as it stands, and issueDocumentOutcome freezes it with those bytes and their hash.
import { chinaDate } from '../../calendar/chinaTime';
import type { ChainHead } from '../../log/types';
import type { FieldErrors } from '../../operation/newOperation';
import type { IsoDate, IsoInstant, Operation, Subject } from '../../operation/types';
import type { Plan } from '../../plan/types';
import { put, type ActOutcome } from '../../record/act';
import { nextDocumentNumber, nextSequence, numberingGaps, type UsedDocumentNumber } from '../documentNumber';
import { issueProblems, type IssueProblem } from '../issueChecks';
import { subjectPeriods } from '../periods';
import { demandFindings, parseDemand, parseStatement, type DemandInput, type StatementInput } from '../procedure';
import { issuableKindTitles, type DocumentRecord, type RecordedKind, type ServiceRecord } from '../records';
import { draftOf } from './drafts';

/** Issuing refused: every reason, each with its legal basis (issueChecks.ts). */
export class IssueRefused extends Error {
  constructor(readonly problems: IssueProblem[]) {
    super(`不能签发，原因如下：${problems.map((p, i) => `（${i + 1}）${p.message}`).join('；')}`);
    this.name = 'IssueRefused';
  }
}

/** The operation's records the issuing checks read. */
export interface IssueRecords {
  operation: Operation | undefined;
  subjects: readonly Subject[];
  plans: readonly Plan[];
  documents: readonly DocumentRecord[];
  services: readonly ServiceRecord[];
}

export interface IssueClock {
  now: IsoInstant;
  /** Night hours from the settings (default 22:00–06:00). */
  night?: { from: string; to: string };
}

/** Every reason `draft` (as stored, or as on screen) may not be issued on the day of `now`. */
export function issueProblemsOf(records: IssueRecords, draft: DocumentRecord, clock: IssueClock): IssueProblem[] {
  if (!records.operation) throw new Error('找不到该行动');
  const subjects = [...records.subjects].sort((a, b) => a.position - b.position);
  const finalPlan = records.plans.filter((p) => p.status === 'final').sort((a, b) => b.version - a.version)[0];
  return issueProblems({
    document: draft,
    operation: records.operation,
    subjects,
    periods: subjectPeriods({ subjects, documents: records.documents, services: records.services }),
    today: chinaDate(new Date(clock.now)),
    ...(clock.night ? { night: clock.night } : {}),
    ...(finalPlan ? { finalPlan } : {}),
  });
}

/** A draft numbered and dated for issue, not yet frozen: what its PDF is rendered from. */
export type DocumentToIssue = DocumentRecord & { number: string; sequence: number };

/**
 * The draft with the next number of its series and today's date, or the refusal: every
 * issuing problem at once, then the series' code and its unexplained gaps. `used` is every
 * number taken on this station, all operations together (numbers run per issuer and year).
 */
export function documentToIssue(records: IssueRecords, id: string, ctx: IssueClock & { used: readonly UsedDocumentNumber[] }): DocumentToIssue {
  const draft = draftOf(records.documents, id);
  const problems = issueProblemsOf(records, draft, ctx);
  if (problems.length > 0) throw new IssueRefused(problems);
  if (!/^[\u3400-\u9fff]{2,20}$/.test(draft.issuerCode)) throw new Error('发文机关代字应为 2 至 20 个汉字，如“西城强执告”');
  // A gap in the series (from an imported backup, or a number used on paper) is explained first.
  const gaps = numberingGaps(ctx.used, draft.issuerCode, draft.year);
  if (gaps.length > 0) {
    throw new Error(
      `${draft.issuerCode}〔${draft.year}〕缺 ${gaps.map((g) => `${g}号`).join('、')}，尚未记录缺号原因；请先在“文书送达”中记录原因再签发`,
    );
  }
  const number = nextDocumentNumber(ctx.used, draft.issuerCode, draft.year);
  const issuedOn: IsoDate = chinaDate(new Date(ctx.now));
  return {
    ...draft,
    data: { ...draft.data, documentNumber: number, issuedOn },
    number,
    sequence: nextSequence(ctx.used, draft.issuerCode, draft.year),
  } as DocumentToIssue;
}

/** The rendered PDF of a document, once, and what it was made from. */
export interface Frozen {
  pdf: Uint8Array;
  /** Hex SHA-256 of `pdf`. */
  sha256: string;
  /** The log head the PDF prints. */
  chainHead: ChainHead;
  /** When it was issued or recorded (the time the act was decided). */
  at: IsoInstant;
  /** The signed-in person who issues (签发人) or records. */
  by: string;
}

/** Freezes the numbered draft with its PDF: stored once, never changed. */
export function issueDocumentOutcome(toIssue: DocumentToIssue, frozen: Frozen): ActOutcome<DocumentRecord> {
  const issued = {
    ...toIssue,
    status: 'issued',
    issuedAt: frozen.at,
    issuedBy: frozen.by.trim(),
    pdf: frozen.pdf,
    sha256: frozen.sha256,
    chainHead: frozen.chainHead,
    updatedAt: frozen.at,
  } as DocumentRecord;
  return {
    entry: { category: 'system', text: `签发${issuableKindTitles[issued.kind]} ${toIssue.number}（SHA-256 ${frozen.sha256}）` },
    changes: [put('documents', issued)],
    result: issued,
  };
}

// —— 催告 and 陈述申辩: what happened before the ruling, recorded as documents ——

/** What a procedure record is checked against. */
export interface ProcedureRecords {
  operation: Operation | undefined;
  subjects: readonly Subject[];
  /** Every document number recorded on this station: a recorded number is not recorded twice. */
  numbersTaken: ReadonlySet<string>;
}

/** A procedure record checked and built, not yet frozen: what its PDF is rendered from. */
export interface ProcedureToRecord {
  document: Extract<DocumentRecord, { kind: RecordedKind }>;
  /** The entry's text, before the hash is added. */
  text: string;
}

const procedureContext = (records: ProcedureRecords, now: IsoInstant) => {
  const { operation } = records;
  if (!operation) throw new Error('找不到该行动');
  const subjects = [...records.subjects].sort((a, b) => a.position - b.position);
  return { operation, subjects, today: chinaDate(new Date(now)) };
};

function procedureDocument(
  operation: Operation,
  kind: RecordedKind,
  data: ProcedureToRecord['document']['data'],
  ctx: { id: string; now: IsoInstant; number?: string },
): ProcedureToRecord['document'] {
  return {
    id: ctx.id,
    operationId: operation.id,
    kind,
    data,
    issuerCode: '',
    year: Number(chinaDate(new Date(ctx.now)).slice(0, 4)),
    status: 'issued',
    createdAt: ctx.now,
    updatedAt: ctx.now,
    issuedAt: ctx.now,
    ...(ctx.number ? { number: ctx.number } : {}),
  } as ProcedureToRecord['document'];
}

type Prepared = { ok: true; value: ProcedureToRecord } | { ok: false; errors: FieldErrors };

/** 记录催告及申请执行: the 催告 (who, when, what, how served) and the application date, checked (行政强制法第五十三、五十四、六十九条). */
export function demandToRecord(records: ProcedureRecords, input: DemandInput, ctx: { id: string; now: IsoInstant }): Prepared {
  const { operation, subjects, today } = procedureContext(records, ctx.now);
  const parsed = parseDemand(input, { subjects, basisDate: operation.basisDocument.date, rulingDate: operation.courtRuling.date, today });
  if (!parsed.ok) return parsed;
  const data = { ...parsed.value, isDemo: operation.isDemo };
  if (records.numbersTaken.has(data.documentNumber)) return { ok: false, errors: { documentNumber: `文号 ${data.documentNumber} 已记录过` } };
  const failed = demandFindings(data).filter((f) => !f.ok);
  return {
    ok: true,
    value: {
      document: procedureDocument(operation, 'demand', data, { ...ctx, number: data.documentNumber }),
      text: `记录催告：${data.issuer} ${data.documentNumber}，${data.services.length} 名被执行人已送达；${data.appliedOn}申请法院强制执行${failed.length > 0 ? `（期限核对不符合 ${failed.length} 项，请法制部门核查）` : '（期限核对符合）'}`,
    },
  };
}

/** 记录陈述申辩及答复 (行政强制法第八条). */
export function statementToRecord(records: ProcedureRecords, input: StatementInput, ctx: { id: string; now: IsoInstant }): Prepared {
  const { operation, subjects, today } = procedureContext(records, ctx.now);
  const parsed = parseStatement(input, subjects, today);
  if (!parsed.ok) return parsed;
  const data = { ...parsed.value, isDemo: operation.isDemo };
  return {
    ok: true,
    value: {
      document: procedureDocument(operation, 'statement', data, ctx),
      text: `记录陈述申辩：被执行人${data.name}于${data.statedOn}陈述申辩，${data.repliedOn}答复`,
    },
  };
}

/** The procedure record frozen with its PDF, and its entry naming the hash. */
export function recordProcedureOutcome(prepared: ProcedureToRecord, frozen: Frozen): ActOutcome<string> {
  const document = { ...prepared.document, issuedAt: frozen.at, issuedBy: frozen.by, pdf: frozen.pdf, sha256: frozen.sha256, chainHead: frozen.chainHead };
  return { entry: { category: 'system', text: `${prepared.text}（SHA-256 ${frozen.sha256}）` }, changes: [put('documents', document)], result: document.id };
}
