import 'fake-indexeddb/auto';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { openConsoleDb, type ConsoleDb } from '../../renderer/src/data/db';
import { listLog, verifyLog } from '../../renderer/src/log/repository';
import { recordCorrection } from '../../renderer/src/log/correction';
import { closeStations } from '../../renderer/src/record/projection';
import { configureStation } from '../../renderer/src/stations/local';
import { demoSigner } from '../../shared/stations/signer';
import {
  recordCheckIn,
  recordIncident,
  recordNote,
  recordPhase,
  recordResumption,
  recordSafetyCheck,
  recordSuspension,
  recordTermination,
  type Recorder,
} from '../../renderer/src/onSite/repository';
import type { LogEntry } from '../../shared/log/types';
import type { Operation, Subject } from '../../shared/operation/types';
import { START_TIME, type StartRecordOptions } from '../fixtures/startRecords';
import { atStartTime, seedStart as seed } from './onSite-helpers';
import { minimalOperation } from './records-helpers';

// The documents repository (reused for ground 1) loads PDF fonts from the page; not needed here.
vi.mock('../../renderer/src/documents/fonts', () => ({ documentFonts: { regular: '', bold: '' } }));
// Corrections go through commit(): the station's store on PouchDB's memory adapter.

let db: ConsoleDb;
let n = 0;
beforeAll(() => configureStation({ signer: async () => demoSigner('onSite') }));
atStartTime(async () => {
  await closeStations();
  await db?.delete();
});

const subjects: Subject[] = [
  { id: 's1', operationId: 'op', position: 0, name: '张建国', idType: 'residentId', idNumber: '', phone: '', address: '某路1号' },
  { id: 's2', operationId: 'op', position: 1, name: '李秀兰', idType: 'residentId', idNumber: '', phone: '', address: '某路1号' },
];

/** The operation's acts in log order, after the genesis (roster) entry its first act opens its station record with. */
async function acts(): Promise<LogEntry[]> {
  const [genesis, ...rest] = await listLog(db, 'op');
  if (genesis) expect(genesis.category).toBe('roster');
  return rest;
}

/** Adds everything a lawful start on 8 December needs (see tests/fixtures/startRecords.ts). */
async function seedStart(opts: StartRecordOptions = {}): Promise<void> {
  await seed(db, (await db.operations.get('op')) as Operation, subjects, opts);
}

async function ready(opts: StartRecordOptions = {}): Promise<Recorder> {
  const who = await setup();
  await seedStart(opts);
  return who;
}

async function setup(): Promise<Recorder> {
  db = openConsoleDb(`onsite-${++n}`);
  const now = '2026-03-05T09:00:00.000+08:00';
  await db.subjects.bulkAdd(subjects);
  await db.operations.add(minimalOperation('op', now));
  // The commander, signed in: only the command declares the start, stops and resumes.
  return { operationId: 'op', personId: 'p1', operator: '陈志远' };
}

describe('on-site acts in the database', () => {
  it('refuses the start, a stop and a resumption to anyone but the command, with the reason, and writes nothing', async () => {
    const commander = await ready();
    await db.workingGroups.add({ id: 'g', operationId: 'op', code: 'evidence', name: '证据保全组', duties: '', memberIds: ['p2'], channel: '', position: 0 });
    const member = { operationId: 'op', personId: 'p2', operator: '杨帆' };
    await expect(recordPhase(db, member, 'start')).rejects.toThrow('只有现场执行指挥或其指定的副指挥可以宣布开始或完毕；杨帆不是');
    await expect(recordPhase(db, { ...commander, personId: '' }, 'start')).rejects.toThrow(/请先登录/);
    await recordPhase(db, commander, 'start');
    await expect(recordSuspension(db, member, 'art39-4', '围观')).rejects.toThrow('只有现场执行指挥或其指定的副指挥可以停止执行；杨帆不是');
    await expect(recordTermination(db, member, 'art40-4', '裁定撤销')).rejects.toThrow('只有现场执行指挥或其指定的副指挥可以停止执行；杨帆不是');
    await expect(recordNote(db, { ...member, group: 'security' }, '外围')).rejects.toThrow(/杨帆不是“security”的成员/);
    await recordNote(db, { ...member, group: 'evidence' }, '开始全程录像');
    expect((await acts()).map((e) => [e.operator, e.text])).toEqual([
      ['陈志远', '宣布开始执行'],
      ['杨帆', '开始全程录像'],
    ]);
  });

  it('start, a second start refused, 中止 on §39 and resume, each one chained entry; the “实施前” grounds refused after the start', async () => {
    const who = await ready();
    await recordPhase(db, who, 'start', '各组到位');
    await expect(recordPhase(db, who, 'start')).rejects.toThrow(/不能重复记录/);
    await expect(recordSuspension(db, who, 3, '围观群众聚集')).rejects.toThrow(/情形三仅适用于“强制执行实施前”/);
    await recordSuspension(db, who, 'art39-4', '围观群众聚集');
    await expect(recordPhase(db, who, 'cordon')).rejects.toThrow(/停止期间不能记录执行环节/);
    await expect(recordResumption(db, who, ' ')).rejects.toThrow(/恢复执行的理由/);
    await recordResumption(db, who, '群众已疏散');
    await expect(recordSuspension(db, who, 1, '已搬离')).rejects.toThrow(/强制执行实施前/);
    const entries = await acts();
    expect(entries.map((e) => [e.category, e.text, e.data])).toEqual([
      ['phase', '宣布开始执行：各组到位', { phase: 'start', planVersion: 1 }],
      ['suspension', '围观群众聚集', { ground: 'art39-4' }],
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
    const [entry] = await acts();
    expect(entry).toMatchObject({ category: 'suspension', data: { ground: 1 } });
    await expect(recordPhase(db, who, 'start')).rejects.toThrow(/不再恢复/);
  });

  it('the start is refused, listing every unmet condition with its basis, and nothing is written; then allowed', async () => {
    const who = await setup();
    const refusal = recordPhase(db, who, 'start');
    await expect(refusal).rejects.toThrow(/^不能宣布开始执行：\n1\. 尚无定稿的《强制执行预案》（依据：《西城区人民政府组织实施房屋征收拆迁强制执行工作细则（征求意见稿）》四（三）/);
    const message = await refusal.catch((e: Error) => e.message);
    expect(message).toContain('《强制执行告知书》尚未送达张建国（依据：《中华人民共和国行政强制法》第三十八条');
    expect(message).toContain('《强制执行告知书》尚未送达李秀兰');
    expect(message).toContain('《强制执行公告》尚未在执行现场张贴');
    expect(await listLog(db, 'op')).toEqual([]);

    await seedStart({ unserved: '李秀兰' });
    await expect(recordPhase(db, who, 'start')).rejects.toThrow(/^不能宣布开始执行：\n1\. 《强制执行告知书》尚未送达李秀兰（依据/);
    await db.services.add({ ...(await db.services.toArray())[0]!, id: 'late', recipient: '李秀兰', servedAt: '2026-12-01T10:00:00.000+08:00' });
    await expect(recordPhase(db, who, 'start')).rejects.toThrow('李秀兰的自行履行期限至 2026-12-11 届满（2026-12-01 送达），届满后方可开始执行');
    await db.services.delete('late');
    await db.services.add({ ...(await db.services.toArray())[0]!, id: 'timely', recipient: '李秀兰' });
    await recordPhase(db, who, 'start');
    expect((await acts()).map((e) => e.text)).toEqual(['宣布开始执行']);
  });

  it('outside the plan’s window, or at night, the start is refused; 情况紧急 overrides the night only with a reason, which the entry carries', async () => {
    const who = await ready({ from: '09:00', to: '23:00' });
    vi.setSystemTime(new Date('2026-12-08T08:50:00+08:00'));
    await expect(recordPhase(db, who, 'start')).rejects.toThrow(/现在不在预案（第 1 版）确定的执行时段/);
    vi.setSystemTime(START_TIME);
    await expect(recordPhase(db, who, 'start')).rejects.toThrow(/涉及夜间.*依据：《中华人民共和国行政强制法》第四十三条.*情况紧急的，写明紧急情况后方可依法执行/s);
    await expect(recordPhase(db, who, 'start', '', { emergencyReason: '紧急' })).rejects.toThrow(/紧急情况说明过短/);
    const reason = '被执行人屋内存放液化气罐并扬言引爆，须连夜处置以保周边安全';
    const entry = await recordPhase(db, who, 'start', '各组到位', { emergencyReason: reason });
    expect(entry.data).toEqual({ phase: 'start', planVersion: 1, emergency: true, emergencyReason: reason, overridden: 'time.night' });
    expect(entry.text).toBe(`宣布开始执行：各组到位（情况紧急，依《中华人民共和国行政强制法》第四十三条“情况紧急的除外”于夜间执行：${reason}）`);
  });

  it('the supplies are isolated only once the house is cleared, and 拆除开始 is refused without the checks or beyond the ruling', async () => {
    const who = await ready();
    await recordPhase(db, who, 'start');
    for (const p of ['inventoryStart', 'inventoryDone'] as const) await recordPhase(db, who, p);
    await expect(recordSafetyCheck(db, who, { check: 'utilitiesIsolated', utilities: ['power'], units: '临江供电公司' })).rejects.toThrow(
      /房屋腾空前不得断开供水、供电、供气、供热（《中华人民共和国行政强制法》第四十三条第二款/,
    );
    const refusal = await recordPhase(db, who, 'demolitionStart').catch((e: Error) => e.message);
    expect(refusal).toMatch(/^不能开始拆除：/);
    for (const text of ['未准予拆除', '未记录《强制拆除通知书》的送达', '尚未记录“房屋已腾空”', '尚未记录“水电气已安全隔离”', '尚未记录“拆除前清点人员”']) {
      expect(refusal).toContain(text);
    }
    expect(await recordSafetyCheck(db, who, { check: 'houseCleared', note: '' })).toMatchObject({ ok: false });
    expect(await recordSafetyCheck(db, who, { check: 'houseCleared', note: '经逐间查看，屋内已无人员、无物品' })).toMatchObject({ ok: true });
    expect(await recordSafetyCheck(db, who, { check: 'utilitiesIsolated', utilities: ['power', 'water'], units: '临江供电公司、临江自来水公司' })).toMatchObject({ ok: true });
    const still = await recordPhase(db, who, 'demolitionStart').catch((e: Error) => e.message);
    expect(still).not.toContain('房屋已腾空');
    expect(still).toContain('尚未记录“拆除前清点人员”');
    const checks = (await acts()).filter((e) => e.category === 'safetyCheck');
    expect(checks.map((e) => [e.group, e.data?.['check']])).toEqual([
      ['demolition', 'houseCleared'],
      ['demolition', 'utilitiesIsolated'],
    ]);
  });

  it('宣布执行完毕 needs the phases never recorded confirmed, and lists them in the entry', async () => {
    const who = await ready();
    await recordPhase(db, who, 'start');
    await expect(recordPhase(db, who, 'complete')).rejects.toThrow('以下环节未记录：警戒到位、向被执行人宣告、带离现场、清登开始、清登完成、拆除开始、拆除完成。请核实并确认后再宣布执行完毕');
    // A screen that listed fewer (stale) is refused too.
    await expect(recordPhase(db, who, 'complete', '', { confirmedMissing: ['cordon'] })).rejects.toThrow(/以下环节未记录/);
    const missing = ['cordon', 'announce', 'escort', 'inventoryStart', 'inventoryDone', 'demolitionStart', 'demolitionDone'] as const;
    const entry = await recordPhase(db, who, 'complete', '房屋已交付', { confirmedMissing: missing });
    expect(entry.data).toEqual({ phase: 'complete', missingPhases: missing.join(',') });
  });

  it('终结执行 on §40 ends the operation, before or after the start', async () => {
    const who = await ready();
    await recordPhase(db, who, 'start');
    await expect(recordTermination(db, who, 'art40-4', ' ')).rejects.toThrow(/终结执行的具体理由/);
    await recordTermination(db, who, 'art40-4', '（2026）滨0103行审45号裁定已被撤销');
    await expect(recordResumption(db, who, '恢复')).rejects.toThrow(/终结执行，不再恢复/);
    await expect(recordPhase(db, who, 'complete')).rejects.toThrow(/终结执行/);
    expect((await acts()).at(-1)).toMatchObject({ category: 'termination', data: { ground: 'art40-4' } });
  });

  it('a person checks in once; again only with a note', async () => {
    const who = await setup();
    const person = { id: 'p1', name: '林涛', unit: '征收中心' };
    await db.people.add({ id: 'p1', operationId: 'op', memberUnitId: 'u', name: '林涛', post: '', phone: '', badgeNumber: '', training: { course: '岗前培训', date: '2026-09-18' } });
    await recordCheckIn(db, who, person);
    await expect(recordCheckIn(db, who, person)).rejects.toThrow(/林涛已于 \d\d:\d\d 到岗，再次登记请填写说明/);
    await recordCheckIn(db, who, person, '离岗取证件后返回');
    expect((await acts()).map((e) => e.text)).toEqual(['林涛（征收中心）到岗', '林涛（征收中心）到岗：离岗取证件后返回']);
  });

  it('check-in flags someone assigned without training on record, and not someone merely on the roster', async () => {
    const who = await setup();
    await db.people.bulkAdd([
      { id: 'p2', operationId: 'op', memberUnitId: 'u', name: '马晓东', post: '', phone: '', badgeNumber: '' },
      { id: 'p3', operationId: 'op', memberUnitId: 'u', name: '宋雅琴', post: '公证员', phone: '', badgeNumber: '' },
    ]);
    await db.workingGroups.add({ id: 'g', operationId: 'op', code: 'inventory', name: '清登搬家组', duties: '', memberIds: ['p2'], channel: '', position: 0 });
    const flagged = await recordCheckIn(db, who, { id: 'p2', name: '马晓东', unit: '征收中心' });
    expect(flagged).toMatchObject({ text: '马晓东（征收中心）到岗（无培训记录）', data: { untrained: true } });
    const notary = await recordCheckIn(db, who, { id: 'p3', name: '宋雅琴', unit: '公证处' });
    expect(notary.text).toBe('宋雅琴（公证处）到岗');
    expect(notary.data).toBeUndefined();
  });

  it('an invalid incident writes nothing; a correction is a new entry with its reason', async () => {
    const who = await setup();
    expect(await recordIncident(db, who, { severity: 'general', summary: '', handling: '' })).toMatchObject({ ok: false });
    expect(await listLog(db, 'op')).toEqual([]);
    const saved = await recordIncident(db, who, { severity: 'general', summary: '有人拍摄', handling: '劝离' });
    expect(saved.ok).toBe(true);
    const corrector = { operationId: 'op', actor: { personId: who.personId, name: who.operator } };
    const incident = (await acts())[0]!;
    await expect(recordCorrection(db, corrector, incident, '有人拍摄并上传', '')).rejects.toThrow(/更正理由/);
    await recordCorrection(db, corrector, incident, '有人拍摄并上传', '补充');
    const entries = await acts();
    expect(entries[1]).toMatchObject({ category: 'correction', refs: { correctsHash: incident.hash }, data: { reason: '补充' } });
    expect(entries[0]!.text).toBe('【一般事件】有人拍摄；处置：劝离');
  });
});
