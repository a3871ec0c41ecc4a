// The acts after completion decided by their pure functions: aftercare tasks, the settlement
// agreement and the court report's drafts, each outcome and each refusal with its reason.
import { describe, expect, it } from 'vitest';
import type { OperationBackup } from '../../shared/archive/backup';
import { buildDemoBackup } from '../../shared/archive/demoBackup';
import type { DocumentRecord } from '../../shared/documents/records';
import {
  addAftercareTaskOutcome,
  completeAftercareTaskOutcome,
  courtReportDraftOutcome,
  regeneratedCourtReportText,
  settlementOutcome,
  type CourtReportRecord,
} from '../../shared/report/acts';
import { settlementId, type AftercareTask, type TaskRecord } from '../../shared/report/aftercare';
import type { ActOutcome } from '../../shared/record/act';
import { onSiteLog } from '../fixtures/documents/onSiteLog';

const NOW = '2026-12-09T10:00:00.000+08:00';
const ok = <R>(decided: { ok: true; outcome: ActOutcome<R> } | { ok: false; errors: Record<string, string> }): ActOutcome<R> => {
  if (!decided.ok) throw new Error(JSON.stringify(decided.errors));
  return decided.outcome;
};
const record = (outcome: ActOutcome<unknown>) => (outcome.changes[0]?.op === 'put' ? outcome.changes[0].record : undefined);

describe('aftercare', () => {
  const add = () => ok(addAftercareTaskOutcome({ kind: 'utilities', title: '周转房接通水电', owner: '王强', groupId: 'aftercare', dueOn: '2026-12-12' }, { id: 't1', operationId: 'op', now: NOW }));

  it('a task is registered open, filed under its group, with a note entry marked aftercare', () => {
    const outcome = add();
    expect(outcome.entry).toEqual({ category: 'note', group: 'aftercare', text: '善后事项登记（周转房水电）：周转房接通水电；责任人 王强，期限 2026-12-12', data: { aftercare: true } });
    expect(outcome.changes).toEqual([{ table: 'tasks', op: 'put', record: expect.objectContaining({ id: 't1', record: 'task', status: 'open', createdAt: NOW }) }]);
    expect(addAftercareTaskOutcome({ kind: 'utilities', title: '', owner: '', dueOn: '' }, { id: 't1', operationId: 'op', now: NOW })).toEqual({
      ok: false,
      errors: { title: '请填写事项', owner: '请填写责任人', dueOn: '请选择完成期限' },
    });
  });

  it('a task is completed once, not before it was registered', () => {
    const task = record(add()) as unknown as AftercareTask;
    const done = ok(completeAftercareTaskOutcome([task], 't1', { doneOn: '2026-12-10', note: '水电已通' }, { now: NOW }));
    expect(done.entry.text).toBe('善后事项完成：周转房接通水电（2026-12-10）：水电已通');
    expect(record(done)).toMatchObject({ status: 'done', doneOn: '2026-12-10', note: '水电已通', updatedAt: NOW });
    expect(completeAftercareTaskOutcome([task], 't1', { doneOn: '2026-12-01', note: '已通' }, { now: NOW })).toEqual({ ok: false, errors: { doneOn: '完成日期不能早于事项登记日期' } });
    expect(() => completeAftercareTaskOutcome([{ ...task, status: 'done' }], 't1', { doneOn: '2026-12-10', note: '再次' }, { now: NOW })).toThrow('该善后事项已完成');
    expect(() => completeAftercareTaskOutcome([], 't1', { doneOn: '2026-12-10', note: '已通' }, { now: NOW })).toThrow('找不到该善后事项');
  });

  it('the settlement agreement is one record per operation; a second version says it corrects the first', () => {
    const input = { reachedOn: '2026-12-09', parties: '某区人民政府、张三', summary: '分期搬迁' };
    const first = ok(settlementOutcome([], input, { operationId: 'op', now: NOW }));
    expect(first.entry.text).toBe('记录执行和解协议：2026-12-09 达成，协议各方 某区人民政府、张三；分期搬迁');
    const stored = record(first) as unknown as TaskRecord;
    expect(stored).toMatchObject({ id: settlementId('op'), record: 'settlement', createdAt: NOW });
    const later = '2026-12-10T10:00:00.000+08:00';
    const second = ok(settlementOutcome([stored], { ...input, summary: '三月底前完成' }, { operationId: 'op', now: later }));
    expect(second.entry.text).toMatch(/^更正执行和解协议/);
    expect(record(second)).toMatchObject({ id: settlementId('op'), createdAt: NOW, updatedAt: later });
    expect(settlementOutcome([], { ...input, parties: '' }, { operationId: 'op', now: NOW })).toEqual({ ok: false, errors: { parties: '请填写协议各方' } });
  });
});

describe('the court report’s drafts', () => {
  const demo = buildDemoBackup({ now: '2026-11-18T10:00:00.000+08:00', appVersion: '1' });
  // The day's log as the console records it: the report's process is read from it.
  const backup = (documents: DocumentRecord[] = []): OperationBackup =>
    ({ ...demo, logEntries: onSiteLog(demo.operation.id), documents }) as unknown as OperationBackup;

  it('a new draft is written from the records and the log, with an edit entry', () => {
    const outcome = courtReportDraftOutcome(backup(), { id: 'r1', now: NOW });
    expect(outcome.entry).toEqual({ category: 'edit', text: '起草强制执行情况报告草稿' });
    const draft = record(outcome) as unknown as CourtReportRecord;
    expect(draft).toMatchObject({ id: 'r1', kind: 'courtReport', status: 'draft', issuerCode: '临江强执报', year: 2026, data: { documentNumber: '', issuedOn: '' } });
    expect(draft.data.court).toBeTruthy();
    expect(draft.data.process.length).toBeGreaterThan(0);
  });

  it('only one draft at a time; a correction starts from the issued wording', () => {
    const draft = record(courtReportDraftOutcome(backup(), { id: 'r1', now: NOW })) as unknown as CourtReportRecord;
    expect(() => courtReportDraftOutcome(backup([draft]), { id: 'r2', now: NOW })).toThrow('已有一份情况报告草稿，请编辑该草稿');
    const issued = { ...draft, status: 'issued', number: '临江强执报〔2026〕1号', data: { ...draft.data, remarks: ['已告知救济途径'], documentNumber: '临江强执报〔2026〕1号', issuedOn: '2026-12-09' } } as CourtReportRecord;
    const correction = courtReportDraftOutcome(backup([issued]), { id: 'r2', now: NOW, replacesId: issued.id });
    expect(correction.entry.text).toBe('起草强制执行情况报告更正稿（更正 临江强执报〔2026〕1号）');
    expect(record(correction)).toMatchObject({ replacesId: issued.id, data: { remarks: ['已告知救济途径'], documentNumber: '', issuedOn: '' } });
    expect(() => courtReportDraftOutcome(backup([draft]), { id: 'r2', now: NOW, replacesId: 'x' })).toThrow('已有一份情况报告草稿');
    expect(() => courtReportDraftOutcome(backup([issued]), { id: 'r2', now: NOW, replacesId: 'x' })).toThrow('找不到要更正的文书');
  });

  it('regenerating keeps what staff wrote under 其他情况', () => {
    const draft = record(courtReportDraftOutcome(backup(), { id: 'r1', now: NOW })) as unknown as CourtReportRecord;
    const edited = { ...draft, data: { ...draft.data, court: '', remarks: ['被执行人对补偿款有异议'] } };
    const text = regeneratedCourtReportText(backup(), edited, NOW);
    expect(text.remarks).toEqual(['被执行人对补偿款有异议']);
    expect(text.court).toBe(draft.data.court);
  });
});
