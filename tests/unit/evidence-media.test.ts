import { describe, expect, it } from 'vitest';
import {
  checkCustodyTransfer,
  checkMediaRegistration,
  custodyLogText,
  guessMediaKind,
  registrationLogText,
  verificationLogText,
  verificationResult,
  type MediaInput,
} from '../../shared/evidence/media';

const now = new Date('2026-11-20T12:00:00+08:00');
const sha = 'ab'.repeat(32);
const facts = { originalName: 'DSJ0032_20261120093000.mp4', size: 3 * 1024 ** 3, sha256: sha };
const ids = { id: 'm1', operationId: 'op1' };
const input: MediaInput = {
  kind: 'video',
  deviceNumber: 'DSJ-0032',
  operator: '林涛',
  groupId: 'g-security',
  startedAt: '2026-11-20T09:30:00+08:00',
  endedAt: '2026-11-20T10:45:00+08:00',
  custodian: '林涛',
  registeredBy: '王静',
  note: '',
};
const register = (over: Partial<MediaInput>, f: object = facts) =>
  checkMediaRegistration({ ...input, ...over }, f, ids, now, '2026-11-20T12:00:00.000+08:00');

describe('registering footage', () => {
  it('builds the record from the form and the hashed file', () => {
    const result = register({});
    expect(result).toEqual({
      ok: true,
      value: { ...ids, ...input, ...facts, registeredAt: '2026-11-20T12:00:00.000+08:00' },
    });
    if (!result.ok) return;
    expect(registrationLogText(result.value)).toBe(
      `登记视频 DSJ-0032「DSJ0032_20261120093000.mp4」，3.0 GB，拍摄人 林涛，2026-11-20 09:30 至 2026-11-20 10:45，SHA-256 ${sha}，交 林涛 保管`,
    );
  });

  it('refuses what is missing or inconsistent, with a Chinese message per field', () => {
    const bad = register({ deviceNumber: ' ', operator: '', startedAt: '', custodian: '', registeredBy: '' });
    expect(bad).toEqual({
      ok: false,
      errors: expect.objectContaining({
        deviceNumber: '请填写设备或执法记录仪编号',
        operator: '请填写拍摄人',
        startedAt: '请填写开始时间',
        custodian: '请填写保管人',
        registeredBy: '请填写登记人',
      }),
    });
    expect(register({ endedAt: '2026-11-20T09:00:00+08:00' })).toEqual({ ok: false, errors: { endedAt: '结束时间不能早于开始时间' } });
    expect(register({ endedAt: '' })).toEqual({ ok: false, errors: { endedAt: '视频须填写结束时间' } });
    expect(register({ kind: 'audio', endedAt: '' })).toEqual({ ok: false, errors: { endedAt: '录音须填写结束时间' } });
    expect(register({ startedAt: '2026-11-21T09:00:00+08:00', endedAt: '2026-11-21T10:00:00+08:00' })).toEqual({
      ok: false,
      errors: { startedAt: '开始时间不能晚于现在', endedAt: '结束时间不能晚于现在' },
    });
    expect(register({}, { ...facts, sha256: undefined })).toEqual({ ok: false, errors: { file: '文件尚未算完哈希值' } });
  });

  it('lets a photo have no end time', () => {
    const result = register({ kind: 'photo', endedAt: '' });
    expect(result.ok && 'endedAt' in result.value).toBe(false);
  });
});

describe('custody and re-verification', () => {
  const record = (() => {
    const r = register({});
    if (!r.ok) throw new Error('fixture');
    return r.value;
  })();

  it('transfers only from the current holder, after the recording began, not in the future', () => {
    const transfer = { from: '林涛', to: '张敏', at: '2026-11-20T11:00:00+08:00', note: '装入证据袋 E-03' };
    const ok = checkCustodyTransfer(record, transfer, now);
    expect(ok).toEqual({ ok: true, value: transfer });
    if (ok.ok) expect(custodyLogText(record, ok.value)).toBe('林涛 将视频 DSJ-0032「DSJ0032_20261120093000.mp4」移交给 张敏：装入证据袋 E-03');
    expect(checkCustodyTransfer(record, { ...transfer, from: '王静' }, now)).toEqual({ ok: false, errors: { from: '该资料现由 林涛 保管，只能由其移交' } });
    expect(checkCustodyTransfer(record, { ...transfer, to: '林涛' }, now)).toEqual({ ok: false, errors: { to: '接收人不能与移交人相同' } });
    expect(checkCustodyTransfer(record, { ...transfer, at: '2026-11-20T13:00:00+08:00' }, now)).toEqual({ ok: false, errors: { at: '移交时间不能晚于现在' } });
    expect(checkCustodyTransfer(record, { ...transfer, at: '2026-11-20T09:00:00+08:00' }, now)).toEqual({ ok: false, errors: { at: '移交时间不能早于拍摄开始时间' } });
    expect(checkCustodyTransfer(record, { ...transfer, at: '' }, now)).toEqual({ ok: false, errors: { at: '请填写移交时间' } });
  });

  it('compares a re-picked file with the registered hash', () => {
    expect(verificationResult(record, sha)).toBe('match');
    expect(verificationResult(record, sha.toUpperCase())).toBe('match');
    expect(verificationResult(record, 'cd'.repeat(32))).toBe('mismatch');
    expect(verificationLogText(record, 'mismatch', 'cd'.repeat(32))).toContain(`哈希值不一致！登记值 ${sha}，复核文件 ${'cd'.repeat(32)}`);
  });
});

describe('guessMediaKind', () => {
  it('guesses from the extension, whatever its case', () => {
    expect(guessMediaKind('DSJ0032_20261120.MP4')).toBe('video');
    expect(guessMediaKind('现场照片.jpeg')).toBe('photo');
    expect(guessMediaKind('谈话.amr')).toBe('audio');
    expect(guessMediaKind('清单')).toBe('other');
  });
});
