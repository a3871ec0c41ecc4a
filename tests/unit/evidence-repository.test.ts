// The register stored: each act and its log entry in one transaction, chain intact.
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { chinaInstant } from '../../shared/calendar/chinaTime';
import type { MediaInput } from '../../shared/evidence/media';
import { openConsoleDb, type ConsoleDb } from '../../renderer/src/data/db';
import type { Operation } from '../../shared/operation/types';
import { findSameContent, listMedia, recordVerification, registerMedia, transferCustody } from '../../renderer/src/evidence/repository';
import { listLog, verifyLog } from '../../renderer/src/log/repository';
import { closeStations } from '../../renderer/src/record/projection';
import type { LogEntry } from '../../shared/log/types';

let db: ConsoleDb;
let n = 0;
afterEach(async () => {
  await closeStations();
  await db?.delete();
});

const hoursAgo = (h: number) => chinaInstant(new Date(Date.now() - h * 3600_000));
const sha = 'ab'.repeat(32);
const facts = { originalName: 'DSJ0032.mp4', size: 4096, sha256: sha };
const input: MediaInput = {
  kind: 'video',
  deviceNumber: 'DSJ-0032',
  operator: '钱磊',
  groupId: '',
  startedAt: hoursAgo(3),
  endedAt: hoursAgo(2),
  custodian: '钱磊',
  registeredBy: '王静',
  note: '',
};

/** The operation's acts in log order, after the genesis (roster) entry its first act opens its station record with. */
async function entries(): Promise<LogEntry[]> {
  const [genesis, ...acts] = await listLog(db, 'op');
  if (genesis) expect(genesis.category).toBe('roster');
  return acts;
}

const commander = { personId: 'p1', name: '陈志远' };

/** An operation with its commander, and 杨帆 in the evidence group. */
async function setup() {
  db = openConsoleDb(`evidence-${++n}`);
  await db.operations.put({ id: 'op', onSiteCommanderId: 'p1' } as Operation);
  await db.workingGroups.add({ id: 'g', operationId: 'op', code: 'evidence', name: '证据保全组', duties: '', memberIds: ['p2'], channel: '', position: 0 });
}

describe('footage register storage', () => {
  it('registers in the name of the signed-in person, only for the evidence group and the command', async () => {
    await setup();
    const saved = await registerMedia(db, 'op', input, facts, { personId: 'p2', name: '杨帆' });
    if (!saved.ok) throw new Error(JSON.stringify(saved.errors));
    expect((await db.media.get(saved.id))?.registeredBy).toBe('杨帆');
    expect((await entries())[0]?.operator).toBe('杨帆');
    await expect(registerMedia(db, 'op', input, facts, { personId: 'p3', name: '赵刚' })).rejects.toThrow(
      '只有证据保全组成员（或现场执行指挥、副指挥）可以登记音像资料；赵刚不在证据保全组',
    );
    await expect(registerMedia(db, 'op', input, facts, undefined)).rejects.toThrow(/请先登录/);
  });

  it('registers, transfers and re-verifies, each with its log entry, chain intact', async () => {
    await setup();
    const saved = await registerMedia(db, 'op', input, facts, commander);
    if (!saved.ok) throw new Error(JSON.stringify(saved.errors));
    expect(await findSameContent(db, sha)).toHaveLength(1);

    expect(await transferCustody(db, saved.id, { from: '钱磊', to: '张敏', at: hoursAgo(1), note: '' }, commander)).toEqual({ ok: true, id: saved.id });
    // Only the current holder can hand it on: nothing is written when refused.
    expect(await transferCustody(db, saved.id, { from: '钱磊', to: '李娜', at: hoursAgo(1), note: '' }, commander)).toEqual({
      ok: false,
      errors: { from: '该资料现由 张敏 保管，只能由其移交' },
    });

    expect(await recordVerification(db, saved.id, '张敏', sha, commander)).toBe('match');
    expect(await recordVerification(db, saved.id, '张敏', 'cd'.repeat(32), commander)).toBe('mismatch');
    await expect(recordVerification(db, saved.id, ' ', sha, commander)).rejects.toThrow('请填写复核人');

    const [record] = await listMedia(db, 'op');
    expect(record).toMatchObject({ custodian: '张敏', lastVerification: { by: '张敏', result: 'mismatch', sha256: 'cd'.repeat(32) } });
    const log = await entries();
    expect(log.map((e) => e.category)).toEqual(['mediaRegister', 'custody', 'mediaVerify', 'mediaVerify']);
    expect(log.every((e) => e.refs.media?.[0] === saved.id)).toBe(true);
    // Every entry names the signed-in person; who handed over or re-verified is in the entry.
    expect(log.every((e) => e.operator === commander.name)).toBe(true);
    await expect(transferCustody(db, saved.id, { from: '张敏', to: '李娜', at: hoursAgo(1), note: '' }, undefined)).rejects.toThrow(/请先登录/);
    expect(log[1]).toMatchObject({ operator: commander.name, data: { from: '钱磊', to: '张敏' } });
    expect(log[3]?.data).toEqual({ result: 'mismatch', sha256: 'cd'.repeat(32), verifier: '张敏' });
    // The head is this station's latest entry: the last re-verification.
    expect((await verifyLog(db, 'op')).verdict).toMatchObject({ ok: true, head: { seq: log[3]!.seq, hash: log[3]!.hash, writer: log[3]!.writer } });
  });

  it('stores nothing and logs nothing when the input is refused', async () => {
    await setup();
    const refused = await registerMedia(db, 'op', { ...input, operator: '' }, facts, commander);
    expect(refused).toEqual({ ok: false, errors: { operator: '请填写拍摄人' } });
    expect(await registerMedia(db, 'op', input, { ...facts, sha256: undefined }, commander)).toEqual({ ok: false, errors: { file: '文件尚未算完哈希值' } });
    expect(await db.media.count()).toBe(0);
    expect(await entries()).toEqual([]);
  });
});
