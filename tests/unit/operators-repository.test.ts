import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { openConsoleDb, schemaV1, schemaV2, schemaV3, type ConsoleDb } from '../../renderer/src/data/db';
import { loadDemoOperation } from '../../renderer/src/operation/repository';
import { checkPermission, getOperatorRecord, requirePermission, setPin, signIn } from '../../renderer/src/operators/repository';
import { LOCKOUT_MS } from '../../shared/operators/pin';

let db: ConsoleDb;
let n = 0;
afterEach(async () => {
  await db?.delete();
});

async function demo() {
  db = openConsoleDb(`operators-${++n}`);
  const operationId = await loadDemoOperation(db, new Date('2026-11-23T02:00:00Z'));
  const people = await db.people.where('operationId').equals(operationId).toArray();
  const id = (name: string) => people.find((p) => p.name === name)!.id;
  return { operationId, chen: id('陈志远'), yang: id('杨帆'), zhao: id('赵刚') };
}

describe('operators in the database', () => {
  it('version 4 adds the operators table to a version 3 database and keeps everything else', async () => {
    const name = `operators-upgrade-${++n}`;
    const v3 = new Dexie(name);
    v3.version(1).stores(schemaV1);
    v3.version(2).stores(schemaV2);
    v3.version(3).stores(schemaV3);
    const id = await loadDemoOperation(v3 as ConsoleDb, new Date('2026-11-23T02:00:00Z'));
    const before = await v3.table('people').count();
    v3.close();
    db = openConsoleDb(name);
    expect(db.verno).toBe(5);
    expect(await db.people.count()).toBe(before);
    expect(await db.operators.where('operationId').equals(id).count()).toBe(0);
  });

  it('sets a PIN once (twice typed, rules applied), stores only its hash, then signs in with it', async () => {
    const { operationId, chen } = await demo();
    expect(await setPin(db, operationId, chen, '123456', '123456')).toEqual({ ok: false, message: 'PIN 不能是连续数字（如 123456、987654）' });
    expect(await setPin(db, operationId, chen, '135790', '135791')).toEqual({ ok: false, message: '两次输入的 PIN 不一致，请重新输入' });
    expect(await setPin(db, operationId, chen, '135790', '135790')).toEqual({ ok: true, actor: { personId: chen, name: '陈志远' } });
    expect(await setPin(db, operationId, chen, '246802', '246802')).toEqual({ ok: false, message: '陈志远已设置过 PIN，请直接输入 PIN 登录' });
    const stored = await getOperatorRecord(db, operationId, chen);
    expect(JSON.stringify(stored)).not.toContain('135790');
    expect(stored?.pin.algorithm).toBe('scrypt');
    expect(await signIn(db, operationId, chen, '135790')).toEqual({ ok: true, actor: { personId: chen, name: '陈志远' } });
    expect(await signIn(db, operationId, 'nobody', '135790')).toEqual({ ok: false, message: '此人已不在本行动名单中' });
  }, 30_000);

  it('counts wrong PINs, locks out after five even for the right PIN, and lets in after the lockout', async () => {
    const { operationId, yang } = await demo();
    await setPin(db, operationId, yang, '246802', '246802');
    const now = Date.now();
    for (let left = 4; left >= 1; left--) {
      expect(await signIn(db, operationId, yang, '000001', now)).toEqual({ ok: false, message: `PIN 不正确，还可再试 ${left} 次` });
    }
    expect(await signIn(db, operationId, yang, '000001', now)).toEqual({ ok: false, message: 'PIN 连续输错 5 次，已锁定，请 5 分钟后再试' });
    expect(await signIn(db, operationId, yang, '246802', now + 1000)).toEqual({ ok: false, message: 'PIN 连续输错 5 次，已锁定，请 5 分钟后再试' });
    expect((await signIn(db, operationId, yang, '246802', now + LOCKOUT_MS)).ok).toBe(true);
    expect((await getOperatorRecord(db, operationId, yang))?.failedAttempts).toBe(0);
  }, 60_000);

  it('reads roles from the operation: the evidence group may not declare the start, the commander may', async () => {
    const { operationId, chen, yang } = await demo();
    const yangActor = { personId: yang, name: '杨帆' };
    await expect(requirePermission(db, operationId, yangActor, { kind: 'declare', what: 'start' })).rejects.toThrow('只有现场执行指挥或其指定的副指挥可以宣布开始或完毕；杨帆不是');
    expect(await checkPermission(db, operationId, yangActor, { kind: 'registerInventory' })).toEqual({ ok: true });
    expect(await checkPermission(db, operationId, { personId: chen, name: '陈志远' }, { kind: 'declare', what: 'start' })).toEqual({ ok: true });
    expect(await checkPermission(db, operationId, undefined, { kind: 'log', group: '' })).toEqual({ ok: false, reason: '请先登录：在本行动名单中选择本人并输入 PIN' });
  });
});
