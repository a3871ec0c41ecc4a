// Pure. Drafting a document: a new draft with the default wording (or a correction starting
// from the wording it corrects), and saving what the user edited. Typing stays on the station
// (the `drafts` table) until 保存; each save is one act with an entry saying what changed.
import { chinaDate } from '../../calendar/chinaTime';
import type { IsoInstant, Operation, Subject } from '../../operation/types';
import type { Plan } from '../../plan/types';
import { put, type ActOutcome } from '../../record/act';
import { newDraftContent, type DraftContext } from '../drafting';
import { defaultIssuerCode, issuableKindTitles, type DocumentRecord, type ServedDocument } from '../records';

/** The records a draft is written from. */
export interface DraftRecords {
  operation: Operation | undefined;
  subjects: readonly Subject[];
  plans: readonly Plan[];
  /** The operation's documents (a correction names one of them). */
  documents: readonly DocumentRecord[];
}

/** The plan documents are written from: the latest final version, else the working draft. */
export function draftPlan(plans: readonly Plan[]): Plan | undefined {
  return plans.filter((p) => p.status === 'final').sort((a, b) => b.version - a.version)[0] ?? plans.find((p) => p.version === 0);
}

/** What the default wording is written from, on the day of `now`. */
export function draftContext(records: Pick<DraftRecords, 'operation' | 'subjects' | 'plans'>, now: IsoInstant): DraftContext {
  if (!records.operation) throw new Error('找不到该行动');
  const subjects = [...records.subjects].sort((a, b) => a.position - b.position);
  const plan = draftPlan(records.plans);
  return { operation: records.operation, subjects, today: chinaDate(new Date(now)), ...(plan ? { plan } : {}) };
}

/** The document a correction replaces: an issued one of the operation, of the same kind. */
export function correctedDocument(documents: readonly DocumentRecord[], id: string, kind: DocumentRecord['kind']): DocumentRecord {
  const replaces = documents.find((d) => d.id === id);
  if (!replaces) throw new Error('找不到要更正的文书');
  if (replaces.status !== 'issued' || replaces.kind !== kind) throw new Error('只能更正已签发的同类文书');
  return replaces;
}

/**
 * A draft's own fields. A correction keeps the wording it corrects, never its number, date,
 * PDF, hash or head: those are taken again when it is issued.
 */
export function draftRecord<D extends DocumentRecord>(
  fields: Pick<D, 'kind' | 'data'> & Partial<Pick<DocumentRecord, 'replacesId'>> & { selfPerformanceDays?: number },
  base: { id: string; operationId: string; issuerCode: string; now: IsoInstant },
): D {
  return {
    ...fields,
    id: base.id,
    operationId: base.operationId,
    issuerCode: base.issuerCode,
    year: Number(chinaDate(new Date(base.now)).slice(0, 4)),
    status: 'draft',
    createdAt: base.now,
    updatedAt: base.now,
  } as unknown as D;
}

/** The entry of a new draft: 起草…草稿, or 起草…更正稿 naming what it corrects. */
export function draftCreatedText(kind: DocumentRecord['kind'], replaces?: Pick<DocumentRecord, 'number'>): string {
  const title = issuableKindTitles[kind];
  return replaces ? `起草${title}更正稿（更正 ${replaces.number ?? ''}）` : `起草${title}草稿`;
}

/** A new draft of a served document with the default wording, or a correction of an issued one. */
export function createDraftOutcome(
  records: DraftRecords,
  kind: ServedDocument['kind'],
  ctx: { id: string; now: IsoInstant; replacesId?: string },
): ActOutcome<string> {
  const context = draftContext(records, ctx.now);
  const replaces = ctx.replacesId ? (correctedDocument(records.documents, ctx.replacesId, kind) as ServedDocument) : undefined;
  const fields = replaces
    ? {
        kind,
        data: { ...replaces.data, documentNumber: '', issuedOn: context.today },
        replacesId: replaces.id,
        ...(replaces.kind === 'notice' ? { selfPerformanceDays: replaces.selfPerformanceDays } : {}),
      }
    : newDraftContent(kind, context);
  const issuerCode = replaces?.issuerCode ?? defaultIssuerCode(context.operation.basisDocument.number, kind);
  const draft = draftRecord<ServedDocument>(fields as Pick<ServedDocument, 'kind' | 'data'>, { id: ctx.id, operationId: context.operation.id, issuerCode, now: ctx.now });
  return { entry: { category: 'edit', text: draftCreatedText(kind, replaces) }, changes: [put('documents', draft)], result: draft.id };
}

/** What the user may change in a draft before issue. */
export type DraftEdit = Pick<DocumentRecord, 'issuerCode' | 'data'> & { selfPerformanceDays?: number };

/** How the parts of a draft are named when the log says what a save changed. */
const partLabels: Record<string, string> = {
  issuerCode: '发文机关代字',
  selfPerformanceDays: '自行履行期限',
  issuer: '发文机关',
  addressees: '受送达人',
  subjectIds: '受送达人',
  showFullIdNumber: '身份证号码显示',
  text: '正文',
  enforcement: '强制执行时间',
  moveOutDays: '搬离期限',
  moveOutEndsOn: '搬离期限',
  demolitionOn: '拆除日期',
  recipients: '主送单位',
  court: '报送法院',
  subjects: '被执行人',
  basis: '执行依据',
  time: '执行时间',
  place: '执行地点',
  organiser: '组织实施',
  attendance: '公证和监督',
  process: '执行过程',
  escorted: '人员带离',
  demolition: '拆除和移交',
  incidents: '突发情况及处置',
  costs: '执行费用',
  remarks: '其他需要说明的情况',
};

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** The parts an edit changes, named as the editor names them; empty when it changes nothing. */
export function draftChanges(draft: DocumentRecord, edit: DraftEdit): string[] {
  const changed: string[] = [];
  if (draft.issuerCode !== edit.issuerCode) changed.push(partLabels.issuerCode!);
  if (draft.kind === 'notice' && edit.selfPerformanceDays !== undefined && edit.selfPerformanceDays !== draft.selfPerformanceDays) {
    changed.push(partLabels.selfPerformanceDays!);
  }
  const before = draft.data as unknown as Record<string, unknown>;
  const after = edit.data as unknown as Record<string, unknown>;
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    if (!same(before[key], after[key])) changed.push(partLabels[key] ?? '其他内容');
  }
  return [...new Set(changed)];
}

/** The draft with the edit applied, as it is stored by a save. */
export function editedDraft(draft: DocumentRecord, edit: DraftEdit, now: IsoInstant): DocumentRecord {
  return {
    ...draft,
    issuerCode: edit.issuerCode,
    data: edit.data,
    ...(draft.kind === 'notice' && edit.selfPerformanceDays !== undefined ? { selfPerformanceDays: edit.selfPerformanceDays } : {}),
    updatedAt: now,
  } as DocumentRecord;
}

/** The draft a save or an issue acts on; an issued document refuses any change. */
export function draftOf(documents: readonly DocumentRecord[], id: string): DocumentRecord {
  const record = documents.find((d) => d.id === id);
  if (!record) throw new Error('找不到该文书');
  if (record.status !== 'draft') throw new Error('文书已签发，不能修改；如需更正，请制作更正文书');
  return record;
}

/** Saves what the user edited in a draft (保存): one entry naming the parts changed. */
export function saveDraftOutcome(documents: readonly DocumentRecord[], id: string, edit: DraftEdit, ctx: { now: IsoInstant }): ActOutcome<DocumentRecord> {
  const draft = draftOf(documents, id);
  const changed = draftChanges(draft, edit);
  if (changed.length === 0) throw new Error('草稿没有修改，无需保存');
  const saved = editedDraft(draft, edit, ctx.now);
  return {
    entry: { category: 'edit', text: `修改${issuableKindTitles[draft.kind]}草稿：${changed.join('、')}` },
    changes: [put('documents', saved)],
    result: saved,
  };
}
