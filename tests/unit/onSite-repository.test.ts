import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openConsoleDb, type ConsoleDb } from '../../renderer/src/data/db';
import { listLog, verifyLog } from '../../renderer/src/log/repository';
import { recordCorrection } from '../../renderer/src/log/correction';
import {
  recordCheckIn,
  recordIncident,
  recordNote,
  recordPhase,
  recordResumption,
  recordSuspension,
  type Recorder,
} from '../../renderer/src/onSite/repository';

// The documents repository (reused for ground 1) loads PDF fonts from the page; not needed here.
vi.mock('../../renderer/src/documents/fonts', () => ({ documentFonts: { regular: '', bold: '' } }));

let db: ConsoleDb;
let n = 0;
afterEach(async () => db?.delete());

async function setup(): Promise<Recorder> {
  db = openConsoleDb(`onsite-${++n}`);
  const now = '2026-03-05T09:00:00.000+08:00';
  await db.operations.add({
    id: 'op',
    status: 'active',
    isDemo: false,
    courtRuling: { court: '某法院', number: '（2026）某行审1号', date: '2026-02-01', scope: 'relocation' },
    basisDocument: { kind: 'compensationDecision', number: '某征补决〔2026〕1号', date: '2026-01-01' },
    organisingGovernment: '某区人民政府',
    leadUnit: '某征收中心',
    propertyAddress: '某路1号',
    onSiteCommanderId: 'p1',
    createdAt: now,
    updatedAt: now,
  });
  // The commander, signed in: only the command declares the start, stops and resumes.
  return { operationId: 'op', personId: 'p1', operator: '陈志远' };
}

describe('on-site acts in the database', () => {
  it('refuses the start, a stop and a resumption to anyone but the command, with the reason, and writes nothing', async () => {
    const commander = await setup();
    await db.workingGroups.add({ id: 'g', operationId: 'op', code: 'evidence', name: '证据保全组', duties: '', memberIds: ['p2'], channel: '', position: 0 });
    const member = { operationId: 'op', personId: 'p2', operator: '杨帆' };
    await expect(recordPhase(db, member, 'start')).rejects.toThrow('只有现场执行指挥或其指定的副指挥可以宣布开始或完毕；杨帆不是');
    await expect(recordPhase(db, { ...commander, personId: '' }, 'start')).rejects.toThrow(/请先登录/);
    await recordPhase(db, commander, 'start');
    await expect(recordSuspension(db, member, 3, '围观')).rejects.toThrow('只有现场执行指挥或其指定的副指挥可以停止执行；杨帆不是');
    await expect(recordNote(db, { ...member, group: 'security' }, '外围')).rejects.toThrow(/杨帆不是“security”的成员/);
    await recordNote(db, { ...member, group: 'evidence' }, '开始全程录像');
    expect((await listLog(db, 'op')).map((e) => [e.operator, e.text])).toEqual([
      ['陈志远', '宣布开始执行'],
      ['杨帆', '开始全程录像'],
    ]);
  });

  it('start, a second start refused, stop on ground 3 and resume, each one chained entry', async () => {
    const who = await setup();
    await recordPhase(db, who, 'start', '各组到位');
    await expect(recordPhase(db, who, 'start')).rejects.toThrow(/不能重复记录/);
    await recordSuspension(db, who, 3, '围观群众聚集');
    await expect(recordPhase(db, who, 'cordon')).rejects.toThrow(/停止期间不能记录执行环节/);
    await expect(recordResumption(db, who, ' ')).rejects.toThrow(/恢复执行的理由/);
    await recordResumption(db, who, '群众已疏散');
    await expect(recordSuspension(db, who, 1, '已搬离')).rejects.toThrow(/强制执行实施前/);
    const entries = await listLog(db, 'op');
    expect(entries.map((e) => [e.category, e.text, e.data])).toEqual([
      ['phase', '宣布开始执行：各组到位', { phase: 'start' }],
      ['suspension', '围观群众聚集', { ground: 3 }],
      ['resumption', '群众已疏散', undefined],
    ]);
    expect((await verifyLog(db, 'op')).verdict.ok).toBe(true);
    expect((await db.operations.get('op'))?.termination).toBeUndefined();
  });

  it('ground 1 before the start terminates the operation through the self-performance record', async () => {
    const who = await setup();
    await recordSuspension(db, who, 1, '被执行人已搬离并交付钥匙');
    const op = await db.operations.get('op');
    expect(op?.termination).toMatchObject({ ground: 'selfPerformed', note: '被执行人已搬离并交付钥匙', recordedBy: '陈志远' });
    const [entry] = await listLog(db, 'op');
    expect(entry).toMatchObject({ category: 'suspension', data: { ground: 1 } });
    await expect(recordPhase(db, who, 'start')).rejects.toThrow(/不再恢复/);
  });

  it('a person checks in once; again only with a note', async () => {
    const who = await setup();
    const person = { id: 'p1', name: '林涛', unit: '征收中心' };
    await recordCheckIn(db, who, person);
    await expect(recordCheckIn(db, who, person)).rejects.toThrow(/林涛已于 \d\d:\d\d 到岗，再次登记请填写说明/);
    await recordCheckIn(db, who, person, '离岗取证件后返回');
    expect((await listLog(db, 'op')).map((e) => e.text)).toEqual(['林涛（征收中心）到岗', '林涛（征收中心）到岗：离岗取证件后返回']);
  });

  it('an invalid incident writes nothing; a correction is a new entry with its reason', async () => {
    const who = await setup();
    expect(await recordIncident(db, who, { severity: 'general', summary: '', handling: '' })).toMatchObject({ ok: false });
    expect(await listLog(db, 'op')).toEqual([]);
    const saved = await recordIncident(db, who, { severity: 'general', summary: '有人拍摄', handling: '劝离' });
    expect(saved.ok).toBe(true);
    await expect(recordCorrection(db, who, 1, '有人拍摄并上传', '')).rejects.toThrow(/更正理由/);
    await recordCorrection(db, who, 1, '有人拍摄并上传', '补充');
    const entries = await listLog(db, 'op');
    expect(entries[1]).toMatchObject({ category: 'correction', refs: { corrects: 1 }, data: { reason: '补充' } });
    expect(entries[0]!.text).toBe('【一般事件】有人拍摄；处置：劝离');
  });
});
