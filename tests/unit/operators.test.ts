import { describe, expect, it } from 'vitest';
import {
  afterFailure,
  constantTimeEqual,
  failureMessage,
  hashPin,
  LOCKOUT_MS,
  lockoutMessage,
  PIN_KDF,
  pinHashOutdated,
  pinProblem,
  verifyPin,
  type AttemptState,
} from '../../shared/operators/pin';
import { permission, type Action, type Actor, type RoleContext } from '../../shared/operators/permissions';
import { decidePinEnrolment, pinStep } from '../../shared/operators/enrolment';
import { createPinStore, FIRST_PIN_TAKEN, memoryPinBackend } from '../../shared/operators/pinStore';

// Small parameters where only the logic is under test; one test uses the real ones.
const fast = { N: 2 ** 4, r: 8, p: 1, dkLen: 32 };

describe('PIN rules', () => {
  it.each([
    ['', '请输入 PIN'],
    ['12a456', 'PIN 只能由数字组成'],
    ['１２３４５７', 'PIN 只能由数字组成'],
    ['13579', 'PIN 应为 6 至 12 位数字'],
    ['1357913579135', 'PIN 应为 6 至 12 位数字'],
    ['000000', 'PIN 不能全是同一个数字'],
    ['123456', 'PIN 不能是连续数字（如 123456、987654）'],
    ['3456789', 'PIN 不能是连续数字（如 123456、987654）'],
    ['987654', 'PIN 不能是连续数字（如 123456、987654）'],
  ])('refuses %j: %s', (pin, message) => expect(pinProblem(pin)).toBe(message));

  it.each(['135790', '202611', '123457', '111112', '246813579024'])('accepts %j', (pin) => expect(pinProblem(pin)).toBeNull());
});

describe('PIN hashing', () => {
  it('stores algorithm, parameters and a salt; the real parameters verify the right PIN only', async () => {
    const stored = await hashPin('135790');
    expect(stored).toMatchObject({ algorithm: 'scrypt', N: PIN_KDF.N, r: PIN_KDF.r, p: PIN_KDF.p, dkLen: 32 });
    expect(stored.salt).toMatch(/^[0-9a-f]{32}$/);
    expect(stored.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(stored)).not.toContain('135790');
    expect(await verifyPin('135790', stored)).toBe(true);
    expect(await verifyPin('135791', stored)).toBe(false);
    expect(pinHashOutdated(stored)).toBe(false);
  }, 20_000);

  it('salts: the same PIN never hashes the same twice', async () => {
    const [a, b] = await Promise.all([hashPin('135790', fast), hashPin('135790', fast)]);
    expect(a.salt).not.toBe(b.salt);
    expect(a.hash).not.toBe(b.hash);
  });

  it('verifies with the parameters stored in the record, so older records still work and are flagged', async () => {
    const old = await hashPin('246802', fast);
    expect(await verifyPin('246802', old)).toBe(true);
    expect(pinHashOutdated(old)).toBe(true);
    expect(await verifyPin('246802', { ...old, hash: old.hash.replace(/^./, (c) => (c === '0' ? '1' : '0')) })).toBe(false);
    expect(await verifyPin('246802', { ...old, algorithm: 'md5' as 'scrypt' })).toBe(false);
  });

  it('compares in constant time over the whole length', () => {
    expect(constantTimeEqual(new Uint8Array([1, 2, 3]), new Uint8Array([1, 2, 3]))).toBe(true);
    expect(constantTimeEqual(new Uint8Array([1, 2, 3]), new Uint8Array([1, 2, 4]))).toBe(false);
    expect(constantTimeEqual(new Uint8Array([1, 2]), new Uint8Array([1, 2, 3]))).toBe(false);
  });
});

describe('lockout', () => {
  it('locks after the fifth wrong PIN for five minutes, then counts afresh', () => {
    const now = 1_000_000;
    let s: AttemptState = { failedAttempts: 0 };
    for (let i = 1; i <= 4; i++) {
      s = afterFailure(s, now);
      expect(failureMessage(s, now)).toBe(`PIN 不正确，还可再试 ${5 - i} 次`);
    }
    s = afterFailure(s, now);
    expect(s.lockedUntil).toBe(now + LOCKOUT_MS);
    expect(lockoutMessage(s, now)).toBe('PIN 连续输错 5 次，已锁定，请 5 分钟后再试');
    expect(lockoutMessage(s, now + LOCKOUT_MS - 61_000)).toBe('PIN 连续输错 5 次，已锁定，请 2 分钟后再试');
    expect(lockoutMessage(s, now + LOCKOUT_MS)).toBeNull();
    expect(afterFailure(s, now + LOCKOUT_MS)).toEqual({ failedAttempts: 1 });
  });
});

describe('permissions', () => {
  const person = (personId: string, name: string): Actor => ({ personId, name });
  const chen = person('chen', '陈志远');
  const liu = person('liu', '刘振华');
  const han = person('han', '韩冰');
  const yang = person('yang', '杨帆');
  const zhao = person('zhao', '赵刚');
  const ctx: RoleContext = {
    onSiteCommanderId: 'chen',
    deputyCommanderId: 'liu',
    groups: [
      { code: 'evidence', name: '证据保全组', leaderId: 'han', memberIds: ['yang'] },
      { code: 'security', name: '安全保卫和应急处置组', leaderId: 'zhao', memberIds: [] },
      { code: 'custom', name: '后勤保障组', leaderId: 'zhao', memberIds: [] },
    ],
  };
  const commandActs: Action[] = [
    { kind: 'finalisePlan' },
    { kind: 'declare', what: 'start' },
    { kind: 'declare', what: 'complete' },
    { kind: 'suspend' },
    { kind: 'resume' },
    { kind: 'issueDocument' },
  ];

  it('only the commander and the deputy finalise, declare, stop, resume and issue', () => {
    for (const a of commandActs) {
      expect(permission(chen, a, ctx)).toEqual({ ok: true });
      expect(permission(liu, a, ctx)).toEqual({ ok: true });
      for (const other of [han, yang, zhao]) {
        const p = permission(other, a, ctx);
        expect(p.ok).toBe(false);
        if (!p.ok) expect(p.reason).toMatch(new RegExp(`^只有现场执行指挥或其指定的副指挥可以.+；${other.name}不是$`));
      }
    }
    expect(permission(han, { kind: 'declare', what: 'start' }, ctx)).toEqual({ ok: false, reason: '只有现场执行指挥或其指定的副指挥可以宣布开始或完毕；韩冰不是' });
  });

  it('the evidence group (and the command) registers media and inventory; others are told why not', () => {
    for (const kind of ['registerMedia', 'registerInventory'] as const) {
      for (const who of [han, yang, chen, liu]) expect(permission(who, { kind }, ctx).ok).toBe(true);
      const p = permission(zhao, { kind }, ctx);
      expect(p.ok).toBe(false);
      if (!p.ok) expect(p.reason).toContain('赵刚不在证据保全组');
    }
  });

  it('only the commander designates the deputy', () => {
    expect(permission(chen, { kind: 'designateDeputy' }, ctx).ok).toBe(true);
    expect(permission(liu, { kind: 'designateDeputy' }, ctx)).toEqual({ ok: false, reason: '只有现场执行指挥本人可以指定副指挥；刘振华不是现场执行指挥' });
  });

  it('log entries: own group, none, or any group for the command', () => {
    expect(permission(yang, { kind: 'log', group: 'evidence' }, ctx).ok).toBe(true);
    expect(permission(yang, { kind: 'log', group: '' }, ctx).ok).toBe(true);
    expect(permission(zhao, { kind: 'log', group: '后勤保障组' }, ctx).ok).toBe(true);
    expect(permission(yang, { kind: 'log', group: 'security' }, ctx)).toEqual({
      ok: false,
      reason: '杨帆不是“安全保卫和应急处置组”的成员，只能为本组记录；现场执行指挥可为任何组记录',
    });
    expect(permission(chen, { kind: 'log', group: 'security' }, ctx).ok).toBe(true);
    expect(permission(liu, { kind: 'log', group: 'evidence' }, ctx).ok).toBe(true);
  });

  it('without a commander nothing but log entries is allowed, and the reason says what to do', () => {
    const none = { ...ctx, onSiteCommanderId: undefined, deputyCommanderId: undefined };
    expect(permission(chen, { kind: 'issueDocument' }, none)).toEqual({ ok: false, reason: '尚未指定现场执行指挥，请先在“指挥部”中指定，再办理此事项' });
    expect(permission(yang, { kind: 'log', group: 'evidence' }, none).ok).toBe(true);
  });

  it('only the commander and the deputy edit, assign groups, delete and archive; others are told why', () => {
    const acts: [Action, string][] = [
      [{ kind: 'editRecords' }, '修改行动和指挥部资料'],
      [{ kind: 'assignGroups' }, '调整工作小组及其组长、组员'],
      [{ kind: 'deleteRecord' }, '删除记录'],
      [{ kind: 'archiveOperation' }, '归档或恢复行动'],
      [{ kind: 'manageStations' }, '配对或撤销工作站'],
    ];
    for (const [a, label] of acts) {
      expect(permission(chen, a, ctx).ok).toBe(true);
      expect(permission(liu, a, ctx).ok).toBe(true);
      expect(permission(yang, a, ctx)).toEqual({ ok: false, reason: `只有现场执行指挥或其指定的副指挥可以${label}；杨帆不是` });
    }
  });

  it('only the commander hands command over and enrols PINs: not the deputy, and nobody makes themselves commander', () => {
    expect(permission(chen, { kind: 'designateCommander' }, ctx).ok).toBe(true);
    expect(permission(liu, { kind: 'designateCommander' }, ctx)).toEqual({ ok: false, reason: '只有现场执行指挥本人可以移交指挥；刘振华不是现场执行指挥' });
    expect(permission(yang, { kind: 'designateCommander' }, ctx)).toEqual({ ok: false, reason: '只有现场执行指挥本人可以移交指挥；杨帆不是现场执行指挥' });
    expect(permission(chen, { kind: 'enrolPin' }, ctx).ok).toBe(true);
    expect(permission(liu, { kind: 'enrolPin' }, ctx)).toEqual({ ok: false, reason: '只有现场执行指挥可以为人员登记或重置登录 PIN；刘振华不是现场执行指挥' });
    // Without a commander, no one signed in designates one (the station setting up does, see commandPost-acts).
    expect(permission(yang, { kind: 'designateCommander' }, { ...ctx, onSiteCommanderId: undefined }).ok).toBe(false);
  });
});

describe('PIN enrolment', () => {
  const chen = { personId: 'chen', name: '陈志远' };
  const yang = { personId: 'yang', name: '杨帆' };
  const ctx: RoleContext = { onSiteCommanderId: 'chen', deputyCommanderId: 'liu', groups: [] };

  it('the sign-in screen offers the first PIN to the commander alone, and only before anyone has one', () => {
    expect(pinStep('chen', ctx, [])).toBe('firstPin');
    expect(pinStep('yang', ctx, [])).toBe('askCommander');
    expect(pinStep('chen', ctx, ['yang'])).toBe('askCommander');
    expect(pinStep('yang', ctx, ['yang'])).toBe('enter');
  });

  it('is logged by who did it for whom, never the PIN; the first PIN needs no one, the rest the commander', () => {
    const first = decidePinEnrolment(ctx, [], chen, null);
    expect(first).toEqual({
      entry: { category: 'system', text: '现场执行指挥陈志远在本工作站首次设置本人登录 PIN', refs: { people: ['chen'] }, data: { before: '未登记 PIN', after: '已登记新 PIN' } },
      changes: [],
      result: undefined,
    });
    expect(decidePinEnrolment(ctx, ['chen'], yang, chen).entry.text).toBe('陈志远为杨帆登记登录 PIN');
    expect(decidePinEnrolment(ctx, ['chen', 'yang'], yang, chen).entry).toMatchObject({ text: '陈志远重置杨帆的登录 PIN', data: { before: '已登记 PIN' } });
    expect(decidePinEnrolment(ctx, ['chen'], chen, chen).entry.text).toBe('陈志远更改本人登录 PIN');
    expect(() => decidePinEnrolment(ctx, [], yang, null)).toThrow('杨帆尚未在本工作站登记 PIN。PIN 由现场执行指挥登记');
    expect(() => decidePinEnrolment(ctx, ['yang'], chen, null)).toThrow('现场执行指挥的 PIN 也须输入原 PIN 才能更改');
    expect(() => decidePinEnrolment(ctx, ['chen', 'yang'], chen, yang)).toThrow('只有现场执行指挥可以为人员登记或重置登录 PIN；杨帆不是现场执行指挥');
  });
});

describe('the PIN store', () => {
  const store = (now = () => 1_000_000) => {
    const backend = memoryPinBackend();
    return { backend, pins: createPinStore(backend, { kdf: fast, now, instant: () => '2026-09-20T10:00:00.000+08:00' }) };
  };

  it('the first PIN of an operation needs no one; every later one a confirming PIN, checked here', async () => {
    const { backend, pins } = store();
    expect(await pins.enrol({ operationId: 'op', personId: 'chen', pin: '123456', authoriser: null })).toEqual({ status: 'refused', message: 'PIN 不能是连续数字（如 123456、987654）' });
    expect(await pins.enrol({ operationId: 'op', personId: 'chen', pin: '135790', authoriser: null })).toEqual({ status: 'enrolled', replaced: false });
    expect(await pins.enrol({ operationId: 'op', personId: 'yang', pin: '246813', authoriser: null })).toEqual({ status: 'refused', message: FIRST_PIN_TAKEN });
    expect(await pins.enrol({ operationId: 'op', personId: 'yang', pin: '246813', authoriser: { personId: 'chen', pin: '000001' } })).toEqual({
      status: 'refused',
      message: '确认人的 PIN：PIN 不正确，还可再试 4 次',
    });
    expect(await pins.enrol({ operationId: 'op', personId: 'yang', pin: '246813', authoriser: { personId: 'chen', pin: '135790' } })).toEqual({ status: 'enrolled', replaced: false });
    expect(await pins.enrol({ operationId: 'op', personId: 'yang', pin: '246814', authoriser: { personId: 'chen', pin: '135790' } })).toEqual({ status: 'enrolled', replaced: true });
    expect((await pins.enrolled('op')).sort()).toEqual(['chen', 'yang']);
    // Another operation starts afresh; the store keeps hashes only.
    expect(await pins.enrolled('other')).toEqual([]);
    expect(JSON.stringify(backend.records)).not.toMatch(/135790|246814/);
    expect(await pins.verify({ operationId: 'op', personId: 'yang', pin: '246814' })).toEqual({ ok: true });
    expect(await pins.verify({ operationId: 'op', personId: 'yang', pin: '246813' })).toEqual({ ok: false, message: 'PIN 不正确，还可再试 4 次' });
  });

  it('counts wrong PINs, locks out after five even for the right PIN, and lets in after the lockout', async () => {
    let now = 1_000_000;
    const { pins } = store(() => now);
    await pins.enrol({ operationId: 'op', personId: 'chen', pin: '135790', authoriser: null });
    for (let i = 0; i < 4; i++) await pins.verify({ operationId: 'op', personId: 'chen', pin: '000001' });
    expect(await pins.verify({ operationId: 'op', personId: 'chen', pin: '000001' })).toEqual({ ok: false, message: 'PIN 连续输错 5 次，已锁定，请 5 分钟后再试' });
    expect(await pins.verify({ operationId: 'op', personId: 'chen', pin: '135790' })).toEqual({ ok: false, message: 'PIN 连续输错 5 次，已锁定，请 5 分钟后再试' });
    now += LOCKOUT_MS;
    expect(await pins.verify({ operationId: 'op', personId: 'chen', pin: '135790' })).toEqual({ ok: true });
    expect(await pins.verify({ operationId: 'op', personId: 'nobody', pin: '135790' })).toEqual({ ok: false, message: '尚未在本工作站登记 PIN' });
  });

  it('two windows cannot both take the first PIN', async () => {
    const { pins } = store();
    const results = await Promise.all([
      pins.enrol({ operationId: 'op', personId: 'chen', pin: '135790', authoriser: null }),
      pins.enrol({ operationId: 'op', personId: 'yang', pin: '246813', authoriser: null }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual(['enrolled', 'refused']);
    expect(await pins.enrolled('op')).toHaveLength(1);
  });
});

