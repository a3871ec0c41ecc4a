// Node (vitest, fake-indexeddb, PouchDB on the memory adapter). The storage beneath commit():
// the signed entry stored first, then projected; a crash between the two stores; format-1
// operations carried over; entries from other stations checked before they are projected;
// last writer wins per record in merged order; the records checked against the entries.
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { openConsoleDb, type ConsoleDb } from '../../renderer/src/data/db';
import { appendLog, listLog, verifyLog } from '../../renderer/src/log/repository';
import { chainHead } from '../../renderer/src/log/head';
import { recordCorrection } from '../../renderer/src/log/correction';
import { commit } from '../../renderer/src/record/commit';
import { catchUp, checkRecords, closeStations, ready, recordCheckKey, recordChecksDone } from '../../renderer/src/record/projection';
import { configureStation, openStore, storeName } from '../../renderer/src/stations/local';
import { StationStore } from '../../renderer/src/stations/store';
import { correctedView } from '../../shared/log/corrections';
import { put, remove, type RecordChange } from '../../shared/record/act';
import { externaliseAct } from '../../shared/stations/acts';
import { genesisInput, rosterInput, type RoleGrant } from '../../shared/stations/roster';
import { demoSigner } from '../../shared/stations/signer';
import type { StationEntry } from '../../shared/stations/types';
import Pouch from './pouch-memory';
import { minimalOperation } from './records-helpers';

vi.mock('pouchdb-browser/lib/index.es.js', () => import('./pouch-memory'));

const OP = 'op-1';
const here = demoSigner('本站');
const commander = { personId: 'p1', name: '王指挥' };
const at = '2026-03-05T09:00:00.000+08:00';
let db: ConsoleDb;
let n = 0;

beforeEach(async () => {
  await configureStation({ signer: async () => here });
  db = openConsoleDb(`projection-${++n}`);
  await db.operations.add(minimalOperation(OP, at));
});
afterEach(async () => {
  await closeStations();
  await db.delete();
});

const act = (text: string, changes: RecordChange[] = [], group = '') =>
  commit(db, { operationId: OP, actor: commander, action: { kind: 'log', group }, build: async () => ({ entry: { category: 'note', text, group }, changes, result: undefined }) });
const task = (id: string, title: string) => put('tasks', { id, operationId: OP, groupId: 'g', title });

/** A restart: every store closed, the database reopened (hooks gone), the operation's store opened and caught up again. */
async function restart(): Promise<void> {
  await closeStations();
  db.close();
  db = openConsoleDb(db.name);
  await ready(db, OP);
}

/** Another station writing its own chain into a store of its own (tests put its entries into ours, or sync the stores). */
async function otherStation(seed: string): Promise<StationStore> {
  return StationStore.open(OP, demoSigner(seed), { name: `${db.name}--other-${seed}`, database: (name) => new Pouch(name) as never });
}

async function carry(from: StationStore, entries: StationEntry[]): Promise<void> {
  const ours = await openStore(db, OP);
  const problems = await ours.put(await Promise.all(entries.map(async (entry) => ({ entry, files: await from.files(entry) }))));
  expect(problems).toEqual([]);
  await catchUp(db, ours);
}

/** Pairs a station on this (the commander's) chain, as the pairing screen will. */
async function pair(station: StationStore, name: string, grant: RoleGrant): Promise<void> {
  const ours = await openStore(db, OP);
  await ours.append(rosterInput('pair', { key: station.signer.publicKey, name, grant, fromSeq: 1 }, commander));
  await catchUp(db, ours);
}

describe('the signed entry first, then the projection', () => {
  it('a crash between the two stores loses nothing: the entry stored, the projection failing, then a restart', async () => {
    await act('第一条');
    // The projection dies after the entry is in the store (as a killed page would stop there).
    db.stationEntries.hook('creating', () => {
      throw new Error('断电');
    });
    await expect(act('断电前已签名', [task('t1', '搬离物品')])).rejects.toThrow(/已记录（签名记录已保存为本站第 3 条），但本机资料未能随之更新/);
    expect(await db.tasks.get('t1')).toBeUndefined();

    await restart();
    expect(await db.tasks.get('t1')).toMatchObject({ title: '搬离物品' });
    expect((await listLog(db, OP)).map((e) => e.text).slice(1)).toEqual(['第一条', '断电前已签名']);
    const status = await verifyLog(db, OP, { full: true });
    expect(status.verdict).toMatchObject({ ok: true, head: { seq: 3, writer: here.publicKey } });
    expect(status.count).toBe(3);
    // Projecting again changes nothing: idempotent.
    expect(await catchUp(db, await openStore(db, OP))).toEqual({ projected: 0, refused: 0, pending: 0 });
  });

  it('a new operation starts with the genesis; bytes travel as files of the entry and come back in the record', async () => {
    const pdf = new TextEncoder().encode('%PDF-1.7 …');
    await act('签发', [put('documents', { id: 'd1', operationId: OP, kind: 'notice', number: '某强执告〔2026〕1号', pdf })]);
    const store = await openStore(db, OP);
    const entries = (await store.entries()).sort((a, b) => a.seq - b.seq);
    expect(entries.map((e) => [e.seq, e.category])).toEqual([
      [1, 'roster'],
      [2, 'note'],
    ]);
    expect(entries[0]!.data).toMatchObject({ action: 'genesis', station: here.publicKey, name: '指挥台', baseline: 1 });
    const [file] = entries[1]!.files!;
    expect(file).toMatchObject({ contentType: 'application/pdf', size: pdf.length });
    expect(entries[1]!.act!.changes[0]!.record).toMatchObject({ pdf: { $file: file!.sha256 } });
    expect((await store.files(entries[1]!))[0]!.bytes).toEqual(pdf);
    expect((await db.documents.get('d1'))?.pdf).toEqual(pdf);
    // Personal data is declared from the tables an act touches.
    await act('被执行人', [put('subjects', { id: 's1', operationId: OP, position: 0, name: '张三', idType: 'residentId', idNumber: '110101199001011234', phone: '', address: '' })]);
    expect((await store.entries()).find((e) => e.seq === 3)?.classes).toEqual(['identity', 'vulnerability']);
  });

  it('an operation with a format-1 log keeps it: the genesis anchors its head and carries the records; the merged order puts it first', async () => {
    for (const text of ['旧一', '旧二', '旧三']) await appendLog(db, { operationId: OP, operator: '王指挥', group: '', category: 'note', text });
    await db.tasks.put({ id: 't0', operationId: OP, groupId: 'g', title: '旧任务' } as never);
    await act('新一', [task('t1', '新任务')]);
    const log = await listLog(db, OP);
    expect(log.map((e) => [e.writer ? 'f2' : 'f1', e.seq, e.text.slice(0, 8)])).toEqual([
      ['f1', 1, '旧一'],
      ['f1', 2, '旧二'],
      ['f1', 3, '旧三'],
      ['f2', 1, '指挥工作站「指挥'],
      ['f2', 2, '新一'],
    ]);
    expect(log[3]!.text).toContain(`承接本行动此前的执行日志（格式 1）至第 3 条（SHA-256 ${log[2]!.hash}），现有资料 2 项作为基线`);
    expect((await verifyLog(db, OP, { full: true })).verdict.ok).toBe(true);

    // The records can be rebuilt from the entries alone: the format-1 record is in the baseline.
    await recordChecksDone();
    await db.tasks.delete('t0');
    expect((await checkRecords(db, await openStore(db, OP))).differences).toEqual(['「tasks」记录 t0 缺失，已按签名记录恢复']);
    expect(await db.tasks.get('t0')).toMatchObject({ title: '旧任务' });

    // A format-1 entry added after the anchor carries no signature: verification refuses it.
    await appendLog(db, { operationId: OP, operator: '某人', group: '', category: 'note', text: '事后补写' });
    expect((await verifyLog(db, OP)).verdict).toMatchObject({ ok: false, seq: 4, message: '第 4 条记录写在多站签名记录开始之后，却不是签名记录：不属于本行动的记录' });
    await db.logEntries.delete([OP, 4]);
    // The anchored format-1 entry rewritten (and re-hashed) no longer matches the anchor.
    const third = (await db.logEntries.get([OP, 3]))!;
    const { hashEntry } = await import('../../shared/log/canonical');
    const { hash: _h, ...fields } = { ...third, text: '旧三（改）' };
    await db.logEntries.put({ ...fields, hash: hashEntry(fields) });
    expect((await verifyLog(db, OP)).verdict).toMatchObject({ ok: false, seq: 3, message: '第 3 条记录的哈希值与多站记录创始时固定的不符，日志在此之前已被改写' });
  });

  it('corrections name a format-2 entry by hash and a format-1 entry by seq', async () => {
    await appendLog(db, { operationId: OP, operator: '王指挥', group: '', category: 'note', text: '旧的' });
    const fresh = (await act('新的')).entry;
    const old = (await listLog(db, OP))[0]!;
    await recordCorrection(db, { operationId: OP, actor: commander }, old, '旧的（已更正）', '笔误');
    await recordCorrection(db, { operationId: OP, actor: commander }, fresh, '新的（已更正）', '补记');
    const log = await listLog(db, OP);
    expect(log.filter((e) => e.category === 'correction').map((e) => e.refs)).toEqual([{ corrects: 1 }, { correctsHash: fresh.hash }]);
    const items = correctedView(log);
    expect(items.filter((i) => i.corrected).map((i) => [i.entry.text, i.currentText])).toEqual([
      ['旧的', '旧的（已更正）'],
      ['新的', '新的（已更正）'],
    ]);
    await expect(recordCorrection(db, { operationId: OP, actor: commander }, { ...fresh, hash: 'f'.repeat(64) }, 'x', 'y')).rejects.toThrow('不在本行动的日志中');
  });

  it('the records are checked against a rebuild from the entries at start, and repaired from them', async () => {
    await act('任务', [task('t1', '原标题'), task('t2', '第二项')]);
    await act('删除', [remove('tasks', 't2')]);
    // Behind the app's back: a record changed, a deleted one put back, one added that no entry wrote.
    await db.tasks.put({ id: 't1', operationId: OP, groupId: 'g', title: '改过的标题' } as never);
    await db.tasks.put({ id: 't2', operationId: OP, groupId: 'g', title: '第二项' } as never);
    await db.tasks.put({ id: 't9', operationId: OP, groupId: 'g', title: '凭空出现' } as never);
    await restart();
    await recordChecksDone();
    const check = (await db.stationSettings.get(recordCheckKey(OP)))?.value as { differences: string[] };
    expect(check.differences).toEqual([
      '「tasks」记录 t1 与签名记录不符，已按签名记录恢复',
      '「tasks」记录 t2 没有签名记录支持，已移除',
      '「tasks」记录 t9 没有签名记录支持，已移除',
    ]);
    expect((await db.tasks.toArray()).map((t) => [t.id, (t as unknown as { title: string }).title])).toEqual([['t1', '原标题']]);
  });
});

describe('entries from other stations', () => {
  it('are projected in merged order: a late-arriving earlier entry does not overwrite a newer one', async () => {
    await act('开始');
    const b = await otherStation('证据组');
    await pair(b, '证据组平板', { role: 'deputy' });
    // B wrote the task first (earlier clock), but its entry reaches this station after ours.
    const early = externaliseAct('log', [task('t1', 'B 的版本')]);
    const fromB = await b.append({ operator: commander, category: 'note', text: 'B 记录任务', act: early.act });
    await act('本站更新任务', [task('t1', '本站的版本')]);
    await carry(b, [fromB]);
    expect(await db.tasks.get('t1')).toMatchObject({ title: '本站的版本' });
    // Its entry is shown where the merged order puts it (before ours), named by its station.
    const log = await listLog(db, OP);
    expect(log.map((e) => e.text).slice(-2)).toEqual(['B 记录任务', '本站更新任务']);
    expect(log.at(-2)).toMatchObject({ writer: b.signer.publicKey, writerName: '证据组平板' });
    // A newer entry of B wins.
    const late = await b.append({ operator: commander, category: 'note', text: 'B 再改', act: externaliseAct('log', [task('t1', 'B 的新版本')]).act });
    await carry(b, [late]);
    expect(await db.tasks.get('t1')).toMatchObject({ title: 'B 的新版本' });
    expect((await verifyLog(db, OP, { full: true })).verdict.ok).toBe(true);
    await b.close();
  });

  it('are refused, with the reason kept, when unpaired, not allowed by their role, revoked, or badly signed', async () => {
    await act('开始');
    const stranger = await otherStation('陌生');
    await carry(stranger, [await stranger.append({ operator: commander, category: 'note', text: '未配对' })]);
    const leader = await otherStation('组长');
    await pair(leader, '安保组手机', { role: 'groupLeader', group: 'security' });
    const phase = await leader.append({ operator: commander, category: 'phase', group: 'security', text: '宣布开始执行' });
    const own = await leader.append({ operator: commander, category: 'note', group: 'security', text: '警戒到位' });
    await carry(leader, [phase, own]);
    const ours = await openStore(db, OP);
    await ours.append(rosterInput('revoke', { key: leader.signer.publicKey, name: '安保组手机', fromSeq: 3 }, commander));
    await carry(leader, [await leader.append({ operator: commander, category: 'note', group: 'security', text: '撤销后' })]);

    const refused = await db.refusedEntries.where('operationId').equals(OP).toArray();
    expect(refused.map((r) => r.reason).sort()).toEqual(
      [
        `工作站 ${stranger.signer.publicKey.slice(0, 8)} 未经指挥工作站配对，其记录不予接受`,
        `工作站「安保组手机」（${leader.signer.publicKey.slice(0, 8)}）第 1 条记录不予接受：只有现场执行指挥或副指挥可以宣布执行环节、停止、恢复或终结执行（工作组组长不能）`,
        `工作站「安保组手机」（${leader.signer.publicKey.slice(0, 8)}）已于其第 3 条记录起被撤销，第 3 条记录不予接受`,
      ].sort(),
    );
    expect((await listLog(db, OP)).map((e) => e.text)).toContain('警戒到位');
    expect((await listLog(db, OP)).map((e) => e.text)).not.toContain('撤销后');
    const status = await verifyLog(db, OP, { full: true });
    expect(status.stations?.refused).toHaveLength(3);

    // A signature that is not the writer's: refused, named.
    const forged = { ...(await leader.append({ operator: commander, category: 'note', group: 'security', text: '伪造' })) };
    const stored = (await ours.put([{ entry: { ...forged, sig: stranger.signer.publicKey.padEnd(86, 'A') } }]));
    expect(stored).toEqual([]);
    await catchUp(db, ours);
    expect((await db.refusedEntries.get(forged.hash))?.reason).toMatch(/第 4 条记录的签名无效，不是该工作站签署的/);
    for (const s of [stranger, leader]) await s.close();
  });

  it('a fork (same station and seq, other content) is kept, projected, and flagged by verification', async () => {
    await act('开始');
    const b = await otherStation('分叉');
    await pair(b, '被复制的平板', { role: 'deputy' });
    const first = await b.append({ operator: commander, category: 'note', text: '原件' });
    // The same station cloned from a backup writes its own seq 1 again.
    const clone = await StationStore.open(OP, demoSigner('分叉'), { name: `${db.name}--clone`, database: (name) => new Pouch(name) as never });
    const second = await clone.append({ operator: commander, category: 'note', text: '副本' });
    expect(second.seq).toBe(first.seq);
    await carry(b, [first]);
    await carry(clone, [second]);
    expect((await listLog(db, OP)).map((e) => e.text)).toEqual(expect.arrayContaining(['原件', '副本']));
    const status = await verifyLog(db, OP, { full: true });
    expect(status.verdict).toMatchObject({ ok: false, writer: b.signer.publicKey, seq: 1 });
    expect(status.stations?.forks).toEqual([{ writer: b.signer.publicKey, seq: 1, hashes: [first.hash, second.hash].sort() }]);
    for (const s of [b, clone]) await s.close();
  });

  it('two stores replicated in memory converge: both timelines the same, every entry verified', async () => {
    await act('指挥部成立', [task('t1', '指挥部任务')]);
    const b = await otherStation('同步');
    await pair(b, '证据组', { role: 'evidenceClerk' });
    const ours = await openStore(db, OP);
    // B's store replicated from ours (its pairing included), B writes, and ours replicates back.
    await ours.db.replicate.to(b.db);
    const bEntry = await b.append({ operator: commander, category: 'mediaRegister', text: '登记执法记录仪视频 3 段' });
    await b.db.replicate.to(ours.db);
    await new Promise((r) => setTimeout(r, 250)); // the feed hands the arrival to the projection
    await catchUp(db, ours);
    expect((await listLog(db, OP)).map((e) => e.hash)).toContain(bEntry.hash);
    expect((await verifyLog(db, OP, { full: true })).verdict.ok).toBe(true);
    const theirs = (await b.entries()).map((e) => e.hash).sort();
    expect((await ours.entries()).map((e) => e.hash).sort()).toEqual(theirs);
    // The printed head is this station's latest entry, whose seen marks pin B's chain.
    const head = await chainHead(db, OP);
    expect(head.writer).toBe(here.publicKey);
    await b.close();
  });
});

describe('the store name', () => {
  it('is per database and operation', () => {
    expect(storeName(db, 'x')).toBe(`${db.name}--station-x`);
    expect(genesisInput(here.publicKey, '指挥台', commander).data).toMatchObject({ action: 'genesis', role: 'commander' });
  });
});
