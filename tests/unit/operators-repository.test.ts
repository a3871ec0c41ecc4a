import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { openConsoleDb, schemaV1, schemaV2, schemaV3, type ConsoleDb } from '../../renderer/src/data/db';
import { loadDemoOperation } from '../../renderer/src/operation/repository';
import { exportOperationBackup } from '../../renderer/src/archive/backupRepository';
import { listLog } from '../../renderer/src/log/repository';
import { dexiePinBackend } from '../../renderer/src/operators/dexiePins';
import { checkPermission, enrolPin, requirePermission, signIn } from '../../renderer/src/operators/repository';
import { createPinStore } from '../../shared/operators/pinStore';
import { writeDemoAsStored } from '../fixtures/demoAsStored';

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
  return { operationId, chen: id('陈志远'), liu: id('刘振华'), yang: id('杨帆'), zhao: id('赵刚') };
}

/** The browser twin's PIN store over this database, with small scrypt parameters (the logic is under test, not the cost). */
const fastPins = () => createPinStore(dexiePinBackend(db), { kdf: { N: 2 ** 4, r: 8, p: 1, dkLen: 32 } });

describe('operators in the database', () => {
  it('version 4 adds the operators table to a version 3 database and keeps everything else', async () => {
    const name = `operators-upgrade-${++n}`;
    const v3 = new Dexie(name);
    v3.version(1).stores(schemaV1);
    v3.version(2).stores(schemaV2);
    v3.version(3).stores(schemaV3);
    const id = await writeDemoAsStored(v3);
    const before = await v3.table('people').count();
    v3.close();
    db = openConsoleDb(name);
    expect(db.verno).toBe(6);
    expect(await db.people.count()).toBe(before);
    expect(await db.operators.where('operationId').equals(id).count()).toBe(0);
  });

  it('the commander sets the first PIN; everyone else is enrolled by the commander, each enrolment logged, never the PIN', async () => {
    const { operationId, chen, liu, yang } = await demo();
    const pins = fastPins();
    const asChen = { personId: chen, name: '陈志远' };
    const first = (personId: string, pin = '135790', repeat = pin) => enrolPin(pins, db, { operationId, personId, pin, repeat, authoriser: null });
    expect(await first(chen, '123456')).toEqual({ ok: false, message: 'PIN 不能是连续数字（如 123456、987654）' });
    expect(await first(chen, '135790', '135791')).toEqual({ ok: false, message: '两次输入的 PIN 不一致，请重新输入' });
    // The first person to pick a name no longer takes it: only the commander sets their own first PIN.
    expect(await first(yang)).toMatchObject({ ok: false, message: expect.stringContaining('杨帆尚未在本工作站登记 PIN。PIN 由现场执行指挥登记') });
    expect(await first(chen)).toEqual({ ok: true, actor: asChen });
    expect(await first(liu, '246813')).toMatchObject({ ok: false, message: expect.stringContaining('刘振华尚未在本工作站登记 PIN') });

    const enrol = (personId: string, authoriser: { personId: string; name: string }, confirm: string) =>
      enrolPin(pins, db, { operationId, personId, pin: '246813', repeat: '246813', authoriser: { actor: authoriser, pin: confirm } });
    expect(await enrol(yang, asChen, '000001')).toEqual({ ok: false, message: '确认人的 PIN：PIN 不正确，还可再试 4 次' });
    expect(await enrol(yang, asChen, '135790')).toEqual({ ok: true, actor: { personId: yang, name: '杨帆' } });
    expect(await enrol(liu, { personId: yang, name: '杨帆' }, '246813')).toEqual({ ok: false, message: '只有现场执行指挥可以为人员登记或重置登录 PIN；杨帆不是现场执行指挥' });
    expect(await enrol(yang, asChen, '135790')).toMatchObject({ ok: true });

    const entries = (await listLog(db, operationId)).filter((e) => e.text.includes('PIN'));
    expect(entries.map((e) => [e.operator, e.category, e.text])).toEqual([
      ['陈志远', 'system', '现场执行指挥陈志远在本工作站首次设置本人登录 PIN'],
      ['陈志远', 'system', '陈志远为杨帆登记登录 PIN'],
      ['陈志远', 'system', '陈志远重置杨帆的登录 PIN'],
    ]);
    expect(JSON.stringify(entries)).not.toMatch(/135790|246813|scrypt/);
    expect(await signIn(pins, db, operationId, yang, '246813')).toEqual({ ok: true, actor: { personId: yang, name: '杨帆' } });
    expect(await signIn(pins, db, operationId, yang, '000001')).toEqual({ ok: false, message: 'PIN 不正确，还可再试 4 次' });
    expect(await signIn(pins, db, operationId, liu, '246813')).toMatchObject({ ok: false, message: expect.stringContaining('刘振华尚未在本工作站登记 PIN') });
    expect(await signIn(pins, db, operationId, 'nobody', '135790')).toEqual({ ok: false, message: '此人已不在本行动名单中' });

    // PIN records stay on this station: never in a backup.
    const backup = await exportOperationBackup(db, operationId, { appVersion: 'test' });
    expect(backup).not.toMatch(/scrypt|"operators"|failedAttempts/);
    expect(await db.operators.where('operationId').equals(operationId).count()).toBe(2);
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
