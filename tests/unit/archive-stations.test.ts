// Node (vitest). Archive format 3 with the stations' record (issue 15, item 9): every writer's
// signed chain, the roster and the checkpoints go in; the verifier checks every chain and
// fork, the heads' and checkpoints' signatures (every signature when asked), the roster (a
// revoked station's later entries refused) and what each station had seen of the others,
// naming the station and seq of the first problem; and it refuses a stations.json or a
// manifest that says other than the chains.
import { createHash } from 'node:crypto';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ArchiveManifest } from '../../shared/archive/archive';
import type { OperationBackup } from '../../shared/archive/backup';
import type { StationsRecord } from '../../shared/archive/stations';
import type { ArchiveVerdict } from '../../shared/archive/verifyArchive';
import { verifyArchiveZip } from '../../shared/archive/verifyStream';
import { createEntry } from '../../shared/stations/entry';
import { rosterInput } from '../../shared/stations/roster';
import { demoSigner } from '../../shared/stations/signer';
import type { StationEntry } from '../../shared/stations/types';
import { buildArchive } from '../fixtures/archive/archivable';
import { rewrite, stationsOperation, type StationsOperation } from '../fixtures/archive/stationsOperation';
import { operator } from './stations-helpers';

const CREATED_AT = '2026-12-10T10:00:00.000+08:00';
const problem = (verdict: ArchiveVerdict) => (verdict.ok ? '' : verdict.problem);
const problems = (verdict: ArchiveVerdict) => (verdict.ok ? [] : (verdict.problems ?? [verdict.problem]));
const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);
const manifestOf = (files: Record<string, Uint8Array>) => JSON.parse(text(files['manifest.json']!)) as ArchiveManifest;
const linesOf = (bytes: Uint8Array) => text(bytes).trimEnd().split('\n');
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** The files with some replaced, and the manifest's hashes and sizes made to agree (an insider's re-pack). */
function repack(files: Record<string, Uint8Array>, replaced: Record<string, Uint8Array>, edit: (m: ArchiveManifest) => ArchiveManifest = (m) => m): Uint8Array {
  const next = { ...files, ...replaced };
  const manifest = edit(manifestOf(files));
  const listed = { ...manifest, files: manifest.files.map((f) => (next[f.name] ? { ...f, sha256: sha256(next[f.name]!), size: next[f.name]!.length } : f)) };
  return zipSync({ ...next, 'manifest.json': strToU8(JSON.stringify(listed)) });
}

let operation: StationsOperation;
let files: Record<string, Uint8Array>;
let manifest: ArchiveManifest;
const archive = async (backup: OperationBackup) => (await buildArchive(backup, CREATED_AT)).zip;
const fileOf = (name: string) => manifest.stations!.writers.find((w) => w.name === name)!.file;

beforeAll(async () => {
  operation = await stationsOperation({ rounds: 6, perRound: 2, checkpointEvery: 2 });
  files = unzipSync(await archive(operation.backup));
  manifest = manifestOf(files);
});

describe('archive format 3: the stations', () => {
  it('holds each writer’s chain in seq order, stations.json and the heads and latest checkpoint in the manifest', () => {
    const { commander, clerk, leader, hub } = operation;
    const writers = manifest.stations!.writers;
    expect(manifest.formatVersion).toBe(3);
    expect(manifest.stations!.anchor).toBe(commander.key);
    expect(writers.map((w) => w.name)).toEqual(['指挥', ...['同步中心', '证据组', '第一组'].sort((a, b) => (keyOf(a) < keyOf(b) ? -1 : 1))]);
    for (const station of [commander, clerk, leader, hub]) {
      const listed = writers.find((w) => w.key === station.key)!;
      const chain = station.entries().filter((e) => e.writer === station.key).sort((a, b) => a.seq - b.seq);
      expect(listed.file).toMatch(/^stations\/0[1-4]-/);
      expect(linesOf(files[listed.file]!).map((l) => JSON.parse(l))).toEqual(chain);
      expect(listed).toMatchObject({ count: chain.length, head: { seq: chain.at(-1)!.seq, hash: chain.at(-1)!.hash } });
    }
    const checkpoints = hub.entries().filter((e) => e.writer === hub.key && e.category === 'checkpoint');
    expect(checkpoints).toHaveLength(3);
    const last = checkpoints.at(-1)!;
    expect(manifest.stations!.checkpoint).toEqual({ writer: hub.key, seq: last.seq, hash: last.hash, countersigners: [commander.key, clerk.key, leader.key].sort() });
    const record = JSON.parse(text(files['stations.json']!)) as StationsRecord;
    expect(record.stations.map((s) => [s.name, s.roles.map((r) => r.label)])).toEqual(writers.map((w) => [w.name, [roleOf(w.name)]]));
    expect(record.checkpoints.map((c) => c.hash)).toEqual(checkpoints.map((c) => c.hash));
    expect(record.refused).toEqual([]);
    function keyOf(name: string) {
      return [commander, clerk, leader, hub].find((s) => s.name === name)!.key;
    }
  });

  it('verifies: each station named with its count and head, the checkpoint, the signatures checked', async () => {
    const heads = await verifyArchiveZip(zipSync(files));
    expect(problem(heads)).toBe('');
    const summary = heads.ok ? heads.summary : undefined;
    const total = operation.entries().length;
    expect(summary?.stations?.writers.map((w) => w.name).sort()).toEqual(['同步中心', '指挥', '第一组', '证据组'].sort());
    expect(summary?.stations?.writers.reduce((n, w) => n + w.count, 0)).toBe(total);
    expect(summary?.stations?.checkpoint?.countersigners).toHaveLength(3);
    // Heads only: one per run's tip (each chain is one run here) and every checkpoint and countersignature.
    expect(summary?.stations?.signaturesChecked).toBe(4 + 3 + 9);
    const all = await verifyArchiveZip(zipSync(files), { signatures: 'all' });
    expect(all.ok && all.summary.stations).toMatchObject({ signatures: 'all', signaturesChecked: total });
  });

  it('one entry changed names the station, the seq and the file', async () => {
    const file = fileOf('证据组');
    const lines = linesOf(files[file]!);
    const at = lines.findIndex((l) => l.includes('证据组：第 3 轮第 1 条'));
    lines[at] = lines[at]!.replace('证据组：', '证据组:');
    const verdict = await verifyArchiveZip(repack(files, { [file]: strToU8(`${lines.join('\n')}\n`) }));
    expect(problem(verdict)).toBe(`${file}：工作站「证据组」（${operation.clerk.key.slice(0, 8)}）第 ${at + 1} 条记录的内容与其哈希值不符，记录已被改动`);
  });

  it('an entry removed, or two swapped, names the station and the seq', async () => {
    const file = fileOf('第一组');
    const lines = linesOf(files[file]!);
    const removed = [...lines.slice(0, 3), ...lines.slice(4)];
    expect(problem(await verifyArchiveZip(repack(files, { [file]: strToU8(`${removed.join('\n')}\n`) })))).toContain('工作站「第一组」（');
    expect(problem(await verifyArchiveZip(repack(files, { [file]: strToU8(`${removed.join('\n')}\n`) })))).toContain('第 4 条记录缺失');
    const swapped = [lines[0], lines[2], lines[1], ...lines.slice(3)];
    expect(problem(await verifyArchiveZip(repack(files, { [file]: strToU8(`${swapped.join('\n')}\n`) })))).toContain('排在第 3 条之后：记录的顺序被打乱');
  });

  it('a chain rewritten and re-signed with its own key after others had copies is named from what they saw', async () => {
    const { clerk } = operation;
    const rewritten = await rewrite(operation.entries(), clerk.key, 5, (e) => ({ text: `${e.text}（改）` }));
    const verdict = await verifyArchiveZip(await archive({ ...operation.backup, stationEntries: rewritten } as unknown as OperationBackup));
    // The first entry someone else had seen after the 5th (each saw the clerk's head as it stood at a sync).
    expect(problem(verdict)).toMatch(new RegExp(`^工作站「证据组」（${clerk.key.slice(0, 8)}）第 [67] 条记录已被改写：工作站「[^」]+」（[^）]+）第 \\d+ 条记录当时持有的副本哈希为`));
  });

  it('heads only: a signature changed inside a chain passes (the head vouches for it); every signature: named', async () => {
    const file = fileOf('证据组');
    const lines = linesOf(files[file]!);
    const entry = JSON.parse(lines[2]!) as StationEntry;
    const other = JSON.parse(lines[3]!) as StationEntry;
    lines[2] = JSON.stringify({ ...entry, sig: other.sig });
    const forged = repack(files, { [file]: strToU8(`${lines.join('\n')}\n`) });
    expect(problem(await verifyArchiveZip(forged))).toBe('');
    expect(problem(await verifyArchiveZip(forged, { signatures: 'all' }))).toBe(`${file}：工作站「证据组」（${operation.clerk.key.slice(0, 8)}）第 3 条记录的签名无效，不是该工作站签署的`);
  });

  it('a head signed by another key is named even heads only', async () => {
    const file = fileOf('证据组');
    const lines = linesOf(files[file]!);
    const head = JSON.parse(lines.at(-1)!) as StationEntry;
    const { entry: forged } = await createEntry(demoSigner('冒充'), { op: head.op, head: null, hlc: head.hlc, seen: {}, boot: 'x' }, { operator, category: 'note', text: 'x' }, { wallMs: 0, monoMs: 0 });
    lines[lines.length - 1] = JSON.stringify({ ...head, sig: forged.sig });
    expect(problem(await verifyArchiveZip(repack(files, { [file]: strToU8(`${lines.join('\n')}\n`) })))).toContain(`第 ${head.seq} 条记录的签名无效`);
  });

  it('a revoked station’s later entries go to refused.jsonl with the reason; moved into its chain they are refused', async () => {
    const { commander, leader } = operation;
    const revokedFrom = leader.entries().filter((e) => e.writer === leader.key).length + 1;
    await commander.write(rosterInput('revoke', { key: leader.key, name: '第一组', fromSeq: revokedFrom }, operator));
    const late = await leader.note('撤销之后仍写入', undefined, 'security');
    const entries = [...operation.entries(), ...commander.entries()];
    const zipped = unzipSync(await archive({ ...operation.backup, stationEntries: [...new Map(entries.map((e) => [e.hash, e])).values()] } as unknown as OperationBackup));
    const refused = linesOf(zipped['stations/refused.jsonl']!).map((l) => JSON.parse(l) as { reason: string; entry: StationEntry });
    expect(refused).toEqual([{ reason: `工作站「第一组」（${leader.key.slice(0, 8)}）已于其第 ${revokedFrom} 条记录起被撤销，第 ${late.seq} 条记录不予接受`, entry: late }]);
    const verified = await verifyArchiveZip(zipSync(zipped));
    expect(verified.ok && verified.summary.stations?.refused).toBe(1);
    const record = JSON.parse(text(zipped['stations.json']!)) as StationsRecord;
    expect(record.stations.find((s) => s.key === leader.key)!.roles.map((r) => r.label)).toEqual(['工作组组长', '已撤销']);

    // The same entry moved into the leader's chain, the manifest made to agree.
    const leaderFile = manifestOf(zipped).stations!.writers.find((w) => w.key === leader.key)!;
    const { 'stations/refused.jsonl': _gone, ...rest } = zipped;
    const moved = repack(rest, { [leaderFile.file]: strToU8(`${text(zipped[leaderFile.file]!)}${JSON.stringify(late)}\n`) }, (m) => ({
      ...m,
      files: m.files.filter((f) => f.name !== 'stations/refused.jsonl'),
      stations: { ...m.stations!, refused: 0, writers: m.stations!.writers.map((w) => (w.key === leader.key ? { ...w, count: w.count + 1, head: { seq: late.seq, hash: late.hash } } : w)) },
    }));
    expect(problems(await verifyArchiveZip(moved))).toContain(`工作站「第一组」（${leader.key.slice(0, 8)}）已于其第 ${revokedFrom} 条记录起被撤销，第 ${late.seq} 条记录不予接受（名册不允许，却在其记录链中）`);
  });

  it('a fork (two entries of one station at one seq) is kept and named', async () => {
    const { clerk } = operation;
    const chain = clerk.entries().filter((e) => e.writer === clerk.key).sort((a, b) => a.seq - b.seq);
    const before = chain[chain.length - 2]!;
    const { entry: twin } = await createEntry(clerk.signer, { op: before.op, head: { seq: before.seq, hash: before.hash }, hlc: before.hlc, seen: {}, boot: 'clone' }, { operator, category: 'note', text: '由备份复制的工作站写入' }, { wallMs: Date.parse('2026-12-08T12:00:00+08:00'), monoMs: 1 });
    const zipped = unzipSync(await archive({ ...operation.backup, stationEntries: [...operation.entries(), twin] } as unknown as OperationBackup));
    expect(problem(await verifyArchiveZip(zipSync(zipped)))).toContain(`工作站「证据组」（${clerk.key.slice(0, 8)}）第 ${twin.seq} 条有 2 条不同的记录（分叉`);
  });

  it('stations.json, the manifest’s heads and its checkpoint must be what the chains give', async () => {
    const record = JSON.parse(text(files['stations.json']!)) as StationsRecord;
    const promoted = { ...record, stations: record.stations.map((s) => ({ ...s, roles: s.roles.map((r) => ({ ...r, label: '现场执行指挥', role: 'commander' })) })) };
    expect(problem(await verifyArchiveZip(repack(files, { 'stations.json': strToU8(JSON.stringify(promoted)) })))).toBe('stations.json 与各工作站记录链中的名册和检查点不符（它由记录链推导，已被改动）');
    const noCheckpoint = repack(files, {}, (m) => ({ ...m, stations: { ...m.stations!, checkpoint: null } }));
    expect(problem(await verifyArchiveZip(noCheckpoint))).toContain('清单文件 manifest.json 记载的最新检查点与记录链不符');
    const shorter = repack(files, {}, (m) => ({ ...m, stations: { ...m.stations!, writers: m.stations!.writers.map((w, i) => (i === 1 ? { ...w, count: w.count - 1 } : w)) } }));
    expect(problem(await verifyArchiveZip(shorter))).toContain('记录链（');
  });

  it('an entry of one station slipped into another’s file is named', async () => {
    const into = fileOf('第一组');
    const from = linesOf(files[fileOf('证据组')]!)[2]!;
    expect(problem(await verifyArchiveZip(repack(files, { [into]: strToU8(`${text(files[into]!)}${from}\n`) })))).toContain('被混入该工作站的记录链');
  });
});

function roleOf(name: string): string {
  return { 指挥: '现场执行指挥', 同步中心: '同步中心', 证据组: '证据保全组', 第一组: '工作组组长' }[name]!;
}
