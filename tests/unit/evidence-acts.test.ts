// The footage register's acts decided as the demo decides them: pure functions over the record.
import { describe, expect, it } from 'vitest';
import { decideCustodyTransfer, decideRegistration, decideVerification } from '../../shared/evidence/acts';
import type { MediaInput } from '../../shared/evidence/media';
import type { MediaRecord } from '../../shared/evidence/types';
import type { RecordChange } from '../../shared/record/act';
import { acted } from './decision-helpers';

const NOW = new Date('2026-11-20T12:00:00+08:00');
const sha = 'ab'.repeat(32);
const facts = { originalName: 'DSJ0032.mp4', size: 4096, sha256: sha };
const input: MediaInput = {
  kind: 'video',
  deviceNumber: 'DSJ-0032',
  operator: '林涛',
  groupId: 'g-security',
  startedAt: '2026-11-20T09:30:00+08:00',
  endedAt: '2026-11-20T10:45:00+08:00',
  custodian: '林涛',
  registeredBy: '表单上的名字',
  note: '',
};
const groups = [{ id: 'g-security', code: 'security' as const }];

/** The record an act puts (failing the test for anything else). */
function putRecord<T = Record<string, unknown>>(change: RecordChange | undefined): T {
  if (change?.op !== 'put') throw new Error(`expected a put, got ${JSON.stringify(change)}`);
  return change.record as unknown as T;
}

const registered = (): MediaRecord => putRecord<MediaRecord>(acted(decideRegistration({ operationId: 'op', id: 'm1', input, facts, registrar: '王静', groups }, NOW)).changes[0]);

describe('registering a file', () => {
  it('stores the record in the name of the signed-in registrar, the entry under the operator’s group', () => {
    const act = acted(decideRegistration({ operationId: 'op', id: 'm1', input, facts, registrar: '王静', groups }, NOW));
    expect(act.result).toBe('m1');
    expect(act.changes).toEqual([{ table: 'media', op: 'put', record: { id: 'm1', operationId: 'op', ...input, ...facts, registeredBy: '王静', registeredAt: '2026-11-20T12:00:00.000+08:00' } }]);
    expect(act.entry).toMatchObject({ category: 'mediaRegister', group: 'security', refs: { media: ['m1'] }, data: { sha256: sha, size: 4096 } });
    expect(act.entry.text).toMatch(/^登记视频 DSJ-0032「DSJ0032\.mp4」/);
    // No group chosen: recorded under none.
    expect(acted(decideRegistration({ operationId: 'op', id: 'm2', input: { ...input, groupId: '' }, facts, registrar: '王静', groups }, NOW)).entry.group).toBe('');
  });

  it('refuses, field by field, what is missing or in the future', () => {
    expect(decideRegistration({ operationId: 'op', id: 'm1', input: { ...input, operator: '' }, facts: { ...facts, sha256: undefined }, registrar: '王静', groups }, NOW)).toEqual({
      ok: false,
      errors: { operator: '请填写拍摄人', file: '文件尚未算完哈希值' },
    });
    expect(decideRegistration({ operationId: 'op', id: 'm1', input: { ...input, endedAt: '2026-11-20T13:00:00+08:00' }, facts, registrar: '王静', groups }, NOW)).toEqual({
      ok: false,
      errors: { endedAt: '结束时间不能晚于现在' },
    });
  });
});

describe('custody and re-verification', () => {
  it('a transfer changes who holds it; the entry is the transfer, at its stated time', () => {
    const act = acted(decideCustodyTransfer(registered(), { from: '林涛', to: '张敏', at: '2026-11-20T11:00:00+08:00', note: '入库' }, NOW));
    expect(putRecord(act.changes[0])).toMatchObject({ id: 'm1', custodian: '张敏' });
    expect(act.entry).toEqual({
      category: 'custody',
      text: '林涛 将视频 DSJ-0032「DSJ0032.mp4」移交给 张敏：入库',
      occurredAt: '2026-11-20T11:00:00+08:00',
      refs: { media: ['m1'] },
      data: { from: '林涛', to: '张敏' },
    });
  });

  it('refuses a transfer from anyone but the holder, to themselves, or before the recording began', () => {
    const record = registered();
    expect(decideCustodyTransfer(record, { from: '张敏', to: '李娜', at: '2026-11-20T11:00:00+08:00', note: '' }, NOW)).toEqual({ ok: false, errors: { from: '该资料现由 林涛 保管，只能由其移交' } });
    expect(decideCustodyTransfer(record, { from: '林涛', to: '林涛', at: '2026-11-20T11:00:00+08:00', note: '' }, NOW)).toEqual({ ok: false, errors: { to: '接收人不能与移交人相同' } });
    expect(decideCustodyTransfer(record, { from: '林涛', to: '张敏', at: '2026-11-20T09:00:00+08:00', note: '' }, NOW)).toEqual({ ok: false, errors: { at: '移交时间不能早于拍摄开始时间' } });
  });

  it('records the comparison, a mismatch too, and keeps it on the record; refuses without a verifier', () => {
    const match = decideVerification(registered(), ' 张敏 ', sha, NOW);
    expect(match.result).toBe('match');
    expect(putRecord(match.changes[0])).toMatchObject({ lastVerification: { at: '2026-11-20T12:00:00.000+08:00', by: '张敏', result: 'match', sha256: sha } });
    const mismatch = decideVerification(registered(), '张敏', 'cd'.repeat(32), NOW);
    expect(mismatch.entry).toMatchObject({ category: 'mediaVerify', data: { result: 'mismatch', sha256: 'cd'.repeat(32), verifier: '张敏' } });
    expect(mismatch.entry.text).toContain('哈希值不一致！');
    expect(() => decideVerification(registered(), ' ', sha, NOW)).toThrow('请填写复核人');
  });
});
