// The acts on documents decided by their pure functions, as the app and the demo call them:
// each outcome (entry, record changes) and each refusal with its reason.
import { describe, expect, it } from 'vitest';
import {
  createDraftOutcome,
  demandToRecord,
  documentToIssue,
  draftChanges,
  FieldsRefused,
  issueDocumentOutcome,
  IssueRefused,
  numberGapOutcome,
  numberGapsInLog,
  outcomeOf,
  recordPostingOutcome,
  recordProcedureOutcome,
  recordServiceOutcome,
  saveDraftOutcome,
  selfPerformanceOutcome,
  statementToRecord,
  type IssueRecords,
} from '../../shared/documents/acts';
import type { DocumentRecord, ServedDocument, ServiceInput } from '../../shared/documents/records';
import type { LogEntry } from '../../shared/log/types';
import type { Plan } from '../../shared/plan/types';
import { applyChanges, emptyRecordSet, type ActOutcome } from '../../shared/record/act';
import { draftOf, finalPlan, issued, legalFixture, statementInput } from '../fixtures/legalDocuments';

const NOW = '2026-12-01T09:00:00.000+08:00';
const fixture = legalFixture();
const plan = { ...finalPlan(), id: 'plan-1', operationId: 'op', updatedAt: NOW } as Plan;
const records = (documents: DocumentRecord[] = [], over: Partial<IssueRecords> = {}): IssueRecords => ({
  ...fixture,
  plans: [plan],
  documents,
  services: [],
  ...over,
});
const PDF = new Uint8Array([37, 80, 68, 70]);
const frozen = { pdf: PDF, sha256: 'ab'.repeat(32), chainHead: { seq: 4, hash: 'cd'.repeat(32) }, at: NOW, by: ' 陈志远 ' };

/** The record an outcome puts, for a table. */
const putOf = (outcome: ActOutcome<unknown>, table = 'documents') => {
  const change = outcome.changes.find((c) => c.table === table);
  if (change?.op !== 'put') throw new Error(`no put to ${table}`);
  return change.record as unknown as DocumentRecord;
};

describe('drafting', () => {
  it('a new draft has the default wording from the operation and the final plan, and an edit entry', () => {
    const outcome = createDraftOutcome(records(), 'notice', { id: 'd1', now: NOW });
    expect(outcome.result).toBe('d1');
    expect(outcome.entry).toEqual({ category: 'edit', text: '起草强制执行告知书草稿' });
    const draft = putOf(outcome);
    expect(draft).toMatchObject({ id: 'd1', operationId: 'op', kind: 'notice', status: 'draft', issuerCode: '临江强执告', year: 2026, createdAt: NOW });
    expect(draft.kind === 'notice' && draft.data.text.methodAndTime).toContain('2026年12月15日9时00分至12时00分');
    expect(() => createDraftOutcome(records([], { operation: undefined }), 'notice', { id: 'd1', now: NOW })).toThrow('找不到该行动');
  });

  it('a correction starts from the issued wording, without its number, PDF, hash or head', () => {
    const notice = { ...issued(draftOf('notice', '2026-11-20'), '2026-11-20T10:00:00.000+08:00', '临江强执告〔2026〕1号'), pdf: PDF, sha256: 'ff', chainHead: { seq: 1, hash: 'ee' } };
    const outcome = createDraftOutcome(records([notice]), 'notice', { id: 'd2', now: NOW, replacesId: notice.id });
    expect(outcome.entry.text).toBe('起草强制执行告知书更正稿（更正 临江强执告〔2026〕1号）');
    const draft = putOf(outcome);
    expect(draft).toMatchObject({ replacesId: notice.id, status: 'draft', data: { documentNumber: '', issuedOn: '2026-12-01', text: notice.data.text } });
    for (const frozenField of ['number', 'sequence', 'issuedAt', 'issuedBy', 'pdf', 'sha256', 'chainHead']) expect(draft).not.toHaveProperty(frozenField);
    expect(() => createDraftOutcome(records([notice]), 'notice', { id: 'd2', now: NOW, replacesId: 'nope' })).toThrow('找不到要更正的文书');
    const draftNotice = draftOf('notice', '2026-11-20');
    expect(() => createDraftOutcome(records([draftNotice]), 'notice', { id: 'd2', now: NOW, replacesId: draftNotice.id })).toThrow('只能更正已签发的同类文书');
    expect(() => createDraftOutcome(records([notice]), 'announcement', { id: 'd2', now: NOW, replacesId: notice.id })).toThrow('只能更正已签发的同类文书');
  });

  it('a save names what changed in its entry; nothing changed, or an issued document, is refused', () => {
    const draft = draftOf('notice', '2026-11-30');
    const edit = { issuerCode: draft.issuerCode, data: { ...draft.data, text: { ...draft.data.text, closing: '特此告知，请予配合。' } }, selfPerformanceDays: 15 };
    const outcome = saveDraftOutcome([draft], draft.id, edit, { now: NOW });
    expect(outcome.entry).toEqual({ category: 'edit', text: '修改强制执行告知书草稿：自行履行期限、正文' });
    expect(putOf(outcome)).toMatchObject({ id: draft.id, selfPerformanceDays: 15, updatedAt: NOW, data: { text: { closing: '特此告知，请予配合。' } } });
    expect(() => saveDraftOutcome([draft], draft.id, { issuerCode: draft.issuerCode, data: draft.data }, { now: NOW })).toThrow('草稿没有修改，无需保存');
    expect(() => saveDraftOutcome([], draft.id, edit, { now: NOW })).toThrow('找不到该文书');
    expect(() => saveDraftOutcome([issued(draft, NOW)], draft.id, edit, { now: NOW })).toThrow('文书已签发，不能修改；如需更正，请制作更正文书');
  });

  it('names the parts of every kind as the editors do', () => {
    const letter = draftOf('unitLetter', '2026-11-30');
    expect(draftChanges(letter, { issuerCode: '临江强执函', data: { ...letter.data, recipients: '供电公司', demolitionOn: '2026-12-20' } })).toEqual(['发文机关代字', '主送单位', '拆除日期']);
    const report = { ...letter, kind: 'courtReport', data: { court: '', remarks: [] } } as unknown as DocumentRecord;
    expect(draftChanges(report, { issuerCode: letter.issuerCode, data: { court: '某法院', remarks: ['另'] } as never })).toEqual(['报送法院', '其他需要说明的情况']);
  });
});

describe('issuing', () => {
  const notice = draftOf('notice', '2026-12-01');
  const used = [{ issuerCode: '临江强执告', year: 2026, sequence: 1 }];

  it('numbers the draft next in its series across the station, dates it today, then freezes it with its PDF', () => {
    const toIssue = documentToIssue(records([notice]), notice.id, { now: NOW, used });
    expect(toIssue).toMatchObject({ number: '临江强执告〔2026〕2号', sequence: 2, status: 'draft', data: { documentNumber: '临江强执告〔2026〕2号', issuedOn: '2026-12-01' } });
    const outcome = issueDocumentOutcome(toIssue, frozen);
    expect(outcome.entry).toEqual({ category: 'system', text: `签发强制执行告知书 临江强执告〔2026〕2号（SHA-256 ${'ab'.repeat(32)}）` });
    expect(putOf(outcome)).toMatchObject({ status: 'issued', number: '临江强执告〔2026〕2号', issuedAt: NOW, issuedBy: '陈志远', sha256: 'ab'.repeat(32), chainHead: frozen.chainHead });
    expect(putOf(outcome).pdf).toBe(PDF);
  });

  it('is refused with every reason at once, each with its basis', () => {
    const unfit = { ...notice, data: { ...notice.data, issuer: '强制执行临时指挥部', text: { ...notice.data.text, remedy: '' } } };
    let refusal: unknown;
    try {
      documentToIssue(records([unfit]), unfit.id, { now: NOW, used });
    } catch (e) {
      refusal = e;
    }
    expect(refusal).toBeInstanceOf(IssueRefused);
    const problems = (refusal as IssueRefused).problems.map((p) => p.message).join('\n');
    expect(problems).toContain('临时指挥部不具有法人资格');
    expect(problems).toContain('以下部分为空：救济途径');
    expect((refusal as Error).message).toMatch(/^不能签发，原因如下：（1）/);
  });

  it('is refused with a malformed series code, an unexplained gap, or a document already issued', () => {
    expect(() => documentToIssue(records([{ ...notice, issuerCode: 'LJ' }]), notice.id, { now: NOW, used })).toThrow('发文机关代字应为 2 至 20 个汉字，如“西城强执告”');
    const gap = [{ issuerCode: '临江强执告', year: 2026, sequence: 3 }];
    expect(() => documentToIssue(records([notice]), notice.id, { now: NOW, used: gap })).toThrow(
      '临江强执告〔2026〕缺 1号、2号，尚未记录缺号原因；请先在“文书送达”中记录原因再签发',
    );
    expect(() => documentToIssue(records([issued(notice, NOW)]), notice.id, { now: NOW, used })).toThrow('文书已签发，不能修改');
  });

  it('drafts and saves over records held in memory, as the demo will; issuing there follows the same rules', () => {
    const set = emptyRecordSet();
    set.operations.set('op', fixture.operation as never);
    const read = (): IssueRecords => ({
      ...records(),
      documents: [...set.documents.values()] as unknown as DocumentRecord[],
    });
    const created = createDraftOutcome(read(), 'announcement', { id: 'a1', now: NOW });
    applyChanges(set, created.changes);
    const draft = read().documents[0] as ServedDocument;
    const saved = saveDraftOutcome(read().documents, 'a1', { issuerCode: '临江公告', data: draft.data }, { now: NOW });
    expect(saved.entry.text).toBe('修改强制执行公告草稿：发文机关代字');
    applyChanges(set, saved.changes);
    // The announcement waits for the notice to be served: the refusal says so.
    expect(() => documentToIssue(read(), 'a1', { now: NOW, used: [] })).toThrow(/尚未有效送达告知书/);
    expect(set.documents.get('a1')).toMatchObject({ issuerCode: '临江公告', status: 'draft' });
  });
});

describe('recording the 催告 and the 陈述申辩', () => {
  const two = { ...fixture, subjects: fixture.subjects.slice(0, 2), numbersTaken: new Set<string>() };
  const demand = {
    issuer: '滨江市临江区人民政府',
    documentNumber: '临江征催〔2026〕7号',
    issuedOn: '2026-06-30',
    demanded: '请于本催告书送达之日起十日内搬离，腾空房屋。',
    services: [
      { subjectId: 's1', name: '张建国', method: 'direct' as const, servedOn: '2026-07-01', recipient: '张建国' },
      { subjectId: 's2', name: '李秀兰', method: 'left' as const, servedOn: '2026-07-02', recipient: '李秀兰' },
    ],
    decisionServedOn: '2026-05-22',
    appliedOn: '2026-07-20',
  };

  it('a 催告 is checked, recorded with its own number, frozen with its PDF and an entry naming the hash', () => {
    const prepared = demandToRecord(two, demand, { id: 'r1', now: NOW });
    if (!prepared.ok) throw new Error(JSON.stringify(prepared.errors));
    expect(prepared.value.document).toMatchObject({ id: 'r1', kind: 'demand', status: 'issued', number: '临江征催〔2026〕7号', issuerCode: '', data: { isDemo: true } });
    expect(prepared.value.text).toBe('记录催告：滨江市临江区人民政府 临江征催〔2026〕7号，2 名被执行人已送达；2026-07-20申请法院强制执行（期限核对不符合 1 项，请法制部门核查）');
    const outcome = recordProcedureOutcome(prepared.value, frozen);
    expect(outcome.entry).toEqual({ category: 'system', text: `${prepared.value.text}（SHA-256 ${frozen.sha256}）` });
    expect(putOf(outcome)).toMatchObject({ issuedBy: ' 陈志远 ', sha256: frozen.sha256, chainHead: frozen.chainHead });
  });

  it('a 催告 number already recorded, or one missing a subject, is refused on its field', () => {
    expect(demandToRecord({ ...two, numbersTaken: new Set(['临江征催〔2026〕7号']) }, demand, { id: 'r1', now: NOW })).toEqual({
      ok: false,
      errors: { documentNumber: '文号 临江征催〔2026〕7号 已记录过' },
    });
    expect(demandToRecord(two, { ...demand, services: [demand.services[0]!] }, { id: 'r1', now: NOW })).toMatchObject({
      ok: false,
      errors: { services: '催告书须向每名被执行人送达：缺少李秀兰' },
    });
    expect(() => demandToRecord({ ...two, operation: undefined }, demand, { id: 'r1', now: NOW })).toThrow('找不到该行动');
  });

  it('a 陈述申辩 needs its answer (行政强制法第八条)', () => {
    const statement = statementInput;
    const prepared = statementToRecord(two, statement, { id: 'r2', now: NOW });
    expect(prepared).toMatchObject({ ok: true, value: { text: '记录陈述申辩：被执行人张建国于2026-07-05陈述申辩，2026-07-08答复', document: { kind: 'statement' } } });
    expect(prepared.ok && 'number' in prepared.value.document).toBe(false);
    expect(statementToRecord(two, { ...statement, reply: '' }, { id: 'r2', now: NOW })).toMatchObject({ ok: false, errors: { reply: expect.stringContaining('行政强制法第八条') } });
  });
});

describe('serving, posting and the subject’s own performance', () => {
  const notice = issued(draftOf('notice', '2026-12-01'), '2026-12-01T09:00:00.000+08:00', '临江强执告〔2026〕1号');
  const ctx = { id: 'sv1', now: '2026-12-02T18:00:00.000+08:00', recordedBy: '林涛' };
  const service: ServiceInput = { subjectId: 's1', method: 'direct', servedAt: '2026-12-02T15:00:00.000+08:00', recipient: '张建国', servers: ['林涛'] };
  const serving = { documents: [notice], subjects: fixture.subjects, services: [] };

  it('a service is recorded per subject with its entry', () => {
    const decided = recordServiceOutcome(serving, notice.id, service, ctx);
    const outcome = outcomeOf(decided);
    expect(outcome.entry).toEqual({ category: 'system', text: '临江强执告〔2026〕1号 直接送达给 张建国（送达时间 2026-12-02 15:00，送达人 林涛）' });
    expect(outcome.changes).toEqual([{ table: 'services', op: 'put', record: expect.objectContaining({ id: 'sv1', subjectId: 's1', recordedBy: '林涛', recordedAt: ctx.now }) }]);
    const failed = outcomeOf(recordServiceOutcome(serving, notice.id, { ...service, outcome: 'failed', failureReason: '上门无人' }, ctx));
    expect(failed.entry.text).toBe('临江强执告〔2026〕1号 向 张建国 直接送达未成功（2026-12-02 15:00，原因：上门无人）');
  });

  it('a service before the issue, without a server, or of a draft is refused', () => {
    expect(recordServiceOutcome(serving, notice.id, { ...service, servedAt: '2026-11-30T15:00:00.000+08:00' }, ctx)).toMatchObject({
      ok: false,
      errors: { servedAt: expect.stringContaining('送达时间早于文书签发时间') },
    });
    expect(recordServiceOutcome(serving, notice.id, { ...service, servers: [] }, ctx)).toMatchObject({ ok: false, errors: { servers: '请至少填写一名送达人' } });
    const draft = draftOf('notice', '2026-12-01');
    expect(() => recordServiceOutcome({ ...serving, documents: [draft] }, draft.id, service, ctx)).toThrow('只能记录已签发文书的送达');
    // Thrown out of an act's build, the field refusal carries its fields back to the form.
    expect(() => outcomeOf(recordServiceOutcome(serving, notice.id, { ...service, servers: [] }, ctx))).toThrow(FieldsRefused);
  });

  it('a posting of an issued 公告 is recorded with its photos; of anything else it is refused', () => {
    const announcement = issued(draftOf('announcement', '2026-12-01'), NOW, '临江强执公〔2026〕1号');
    const photo = { name: '张贴.jpg', mimeType: 'image/jpeg' as const, bytes: new Uint8Array([1, 2]) };
    const input = { place: '房屋正门', postedAt: '2026-12-02T09:30:00.000+08:00', postedBy: ['黄敏'] };
    const outcome = outcomeOf(recordPostingOutcome([announcement], announcement.id, input, [photo], ctx));
    expect(outcome.entry.text).toBe('临江强执公〔2026〕1号 张贴于房屋正门（张贴人 黄敏，照片 1 张）');
    expect(putOf(outcome, 'postings')).toMatchObject({ photos: [photo], recordedBy: '林涛' });
    expect(recordPostingOutcome([announcement], announcement.id, { ...input, place: '' }, [], ctx)).toMatchObject({ ok: false, errors: { place: '请填写张贴地点' } });
    expect(() => recordPostingOutcome([notice], notice.id, input, [], ctx)).toThrow('只能记录已签发公告的张贴');
  });

  it('self-performance ends the operation on stop ground 1, in one outcome with its entry (selfPerformanceOutcome)', () => {
    const outcome = outcomeOf(selfPerformanceOutcome(fixture.operation, { occurredOn: '2026-12-01', note: '已搬离并交付钥匙' }, { now: NOW, recordedBy: '陈志远' }));
    expect(outcome.entry).toEqual({ category: 'suspension', text: '被执行人已于2026-12-01自行履行，停止强制执行（情形一，不再恢复）：已搬离并交付钥匙', data: { ground: 1 } });
    const ended = outcome.changes[0]!;
    expect(ended).toMatchObject({ table: 'operations', op: 'put', record: { id: 'op', updatedAt: NOW, termination: { ground: 'selfPerformed', occurredOn: '2026-12-01', recordedBy: '陈志远', recordedAt: NOW } } });
    expect(selfPerformanceOutcome(fixture.operation, { occurredOn: '2026-12-02', note: '已搬离' }, { now: NOW, recordedBy: '陈志远' })).toEqual({
      ok: false,
      errors: { occurredOn: '日期不能晚于今天' },
    });
    expect(selfPerformanceOutcome(fixture.operation, { occurredOn: '2026-12-01', note: '' }, { now: NOW, recordedBy: '陈志远' })).toMatchObject({
      ok: false,
      errors: { note: '请写明自行履行的情况（如已搬离、已交付钥匙）' },
    });
    const ended2 = { ...fixture.operation, termination: { ground: 'selfPerformed' as const, occurredOn: '2026-11-30', note: 'x', recordedBy: 'y', recordedAt: NOW } };
    expect(() => selfPerformanceOutcome(ended2, { occurredOn: '2026-12-01', note: '已搬离' }, { now: NOW, recordedBy: '陈志远' })).toThrow('该行动已记录为自行履行终止');
    expect(() => selfPerformanceOutcome(undefined, { occurredOn: '2026-12-01', note: '已搬离' }, { now: NOW, recordedBy: '陈志远' })).toThrow('找不到该行动');
  });
});

describe('gaps in a number series', () => {
  const used = [
    { issuerCode: '临江强执告', year: 2026, sequence: 1 },
    { issuerCode: '临江强执告', year: 2026, sequence: 3 },
  ];
  const gap = { issuerCode: '临江强执告', year: 2026, sequence: 2 };

  it('a reason is an entry carrying the number, read back as a taken number', () => {
    const outcome = numberGapOutcome(used, gap, ' 该号已用于纸质文书 ', { recordedBy: '陈志远' });
    expect(outcome.changes).toEqual([]);
    expect(outcome.entry.text).toBe('记录缺号原因：临江强执告〔2026〕2号未由本系统签发，原因：该号已用于纸质文书');
    const entry = { ...outcome.entry, operationId: 'op', seq: 1 } as unknown as LogEntry;
    expect(numberGapsInLog([entry])).toEqual([{ ...gap, voidReason: '该号已用于纸质文书' }]);
    // Other entries, even with similar data, are not reasons.
    expect(numberGapsInLog([{ ...entry, category: 'note' }])).toEqual([]);
  });

  it('is refused without a reason, a recorder, or for a number that is not missing', () => {
    expect(() => numberGapOutcome(used, gap, ' ', { recordedBy: '陈志远' })).toThrow('请写明缺号原因（如：该号已用于纸质文书、已作废）');
    expect(() => numberGapOutcome(used, gap, '作废', { recordedBy: ' ' })).toThrow('请填写记录人');
    expect(() => numberGapOutcome(used, { ...gap, sequence: 3 }, '作废', { recordedBy: '陈志远' })).toThrow('该号不是缺号，无需记录');
  });
});
