import 'fake-indexeddb/auto';
import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { parseBackup } from '../../shared/archive/backup';
import { BackupImportError, exportOperationBackup, importOperationBackup } from '../../renderer/src/archive/backupRepository';
import { backupTableNames } from '../../shared/archive/backup';
import { openConsoleDb, type ConsoleDb } from '../../renderer/src/data/db';
import { loadDemoOperation } from '../../renderer/src/operation/repository';
import { editSketch, finalisePlan, saveDraftContent, saveMeeting } from '../../renderer/src/plan/repository';
import { sketchPng } from '../fixtures/documents/plan';
import { issuedNotice } from '../fixtures/issuedDocument';
import { appendLog } from '../../renderer/src/log/repository';
import { lawfulPlanContent } from '../fixtures/plan';
import { commit } from '../../renderer/src/record/commit';
import { closeStations } from '../../renderer/src/record/projection';
import { configureStation } from '../../renderer/src/stations/local';
import { demoSigner } from '../../shared/stations/signer';

// The station's store (format 2) runs on PouchDB's memory adapter here.
vi.mock('pouchdb-browser/lib/index.es.js', () => import('./pouch-memory'));
beforeEach(() => configureStation({ signer: async () => demoSigner('archive-repository') }));

const opened: ConsoleDb[] = [];
let n = 0;
const fresh = () => {
  const db = openConsoleDb(`archive-${++n}`);
  opened.push(db);
  return db;
};
afterEach(async () => {
  await closeStations();
  await Promise.all(opened.splice(0).map((db) => db.delete()));
});

const operationTables = ['operations', ...backupTableNames] as const;

/** Every record of every operation table, sorted, so two databases can be compared. */
async function dump(db: ConsoleDb): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const name of operationTables) {
    const records = (await db.table(name).toArray()) as Record<string, unknown>[];
    out[name] = records.sort((a, b) => String(a.id ?? a.seq).localeCompare(String(b.id ?? b.seq)));
  }
  return out;
}

const count = async (db: ConsoleDb) => {
  let total = 0;
  for (const name of operationTables) total += await db.table(name).count();
  return total;
};

/** The demo operation with a meeting, a finalised plan with a sketch, and a draft after it. */
async function demoWithFinalPlan(db: ConsoleDb): Promise<{ id: string; image: Uint8Array }> {
  const id = await loadDemoOperation(db, new Date('2026-11-23T02:00:00Z'));
  const groups = await db.workingGroups.where('operationId').equals(id).sortBy('position');
  const image = sketchPng(40, 30);
  const commanderId = (await db.operations.get(id))!.onSiteCommanderId!;
  const commander = { personId: commanderId, name: '陈志远' };
  await saveDraftContent(db, id, lawfulPlanContent(), commander);
  await editSketch(db, id, { kind: 'image', image, mimeType: 'image/png', width: 40, height: 30 }, commander);
  await editSketch(db, id, { kind: 'addMarker', marker: { id: 'm1', kind: 'group', label: '警戒', groupId: groups[0]!.id, x: 0.5, y: 0.25 } }, commander);
  await saveMeeting(
    db,
    id,
    {
      date: '2026-12-05',
      time: '14:30',
      place: '河西街道办事处会议室',
      attendeeIds: [],
      otherAttendees: '公证员',
      familySituation: '',
      psychologicalState: '',
      behaviouralState: '',
      decisions: '按预案执行',
    },
    commander,
  );
  await finalisePlan(db, id, commander);
  // An issued document with its PDF, put by an act of its own (the one write path).
  const pdf = new Uint8Array([37, 80, 68, 70]);
  const notice = { ...issuedNotice('doc-1', id, '临江执告〔2026〕1号'), pdf, sha256: createHash('sha256').update(pdf).digest('hex') };
  await commit(db, {
    operationId: id,
    actor: commander,
    action: { kind: 'issueDocument' },
    build: async () => ({ entry: { category: 'system', text: '签发告知书' }, changes: [{ table: 'documents', op: 'put', record: notice }], result: undefined }),
  });
  await appendLog(db, { operationId: id, operator: '陈志远', group: '', category: 'phase', text: '宣布开始执行' });
  return { id, image };
}

describe('operation backup in the database', () => {
  it('round-trips the demo operation with a finalised plan and its sketch, byte for byte', async () => {
    const source = fresh();
    const { id, image } = await demoWithFinalPlan(source);
    const text = await exportOperationBackup(source, id, { now: new Date('2026-12-01T07:30:00Z'), appVersion: '9.9.9' });

    const parsed = parseBackup(text);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.backup.exportedAt).toBe('2026-12-01T15:30:00.000+08:00');
    expect(parsed.backup.app).toEqual({ name: '强制执行指挥台', version: '9.9.9' });
    expect(parsed.backup.plans.map((p) => [p.version, p.status])).toEqual([
      [0, 'draft'],
      [1, 'final'],
    ]);
    expect(text).toContain('"$bytes"');

    const target = fresh();
    expect(await importOperationBackup(target, text)).toBe(id);
    expect(await dump(target)).toEqual(await dump(source));
    const final = await target.plans.where('[operationId+version]').equals([id, 1]).first();
    const stored = final!.content.sketch!.image;
    expect(stored).toBeInstanceOf(Uint8Array);
    expect([...stored]).toEqual([...image]);
    expect(final!.snapshot!.groups).toHaveLength(9);

    // The signed entries came in first and the records were projected from them: exporting the
    // imported copy (this station is on their roster: no take-over) gives the same file.
    expect(parsed.backup.stationEntries?.length).toBeGreaterThan(0);
    expect(await exportOperationBackup(target, id, { now: new Date('2026-12-01T07:30:00Z'), appVersion: '9.9.9' })).toBe(text);
  });

  it('exports only the chosen operation', async () => {
    const db = fresh();
    const { id } = await demoWithFinalPlan(db);
    const other = await loadDemoOperation(db, new Date('2026-11-23T02:00:00Z'));
    const parsed = parseBackup(await exportOperationBackup(db, id));
    expect(parsed.ok && parsed.backup.people.every((p) => p.operationId === id)).toBe(true);
    expect(parsed.ok && parsed.backup.people).toHaveLength(28);
    expect(other).not.toBe(id);
    await expect(exportOperationBackup(db, 'missing')).rejects.toThrow('找不到该行动');
  });

  it('refuses a malformed file and writes nothing', async () => {
    const db = fresh();
    await expect(importOperationBackup(db, '{"format": "enforcement-console.operation-backup", ')).rejects.toThrow(
      /无法按 JSON 读取/,
    );
    await expect(importOperationBackup(db, JSON.stringify({ format: 'something-else' }))).rejects.toThrow(
      '这不是强制执行指挥台的行动备份文件',
    );
    expect(await count(db)).toBe(0);
  });

  it('refuses a file with a record of another operation and writes nothing', async () => {
    const source = fresh();
    const { id } = await demoWithFinalPlan(source);
    const backup = JSON.parse(await exportOperationBackup(source, id)) as { people: { id: string; operationId: string }[] };
    backup.people[3]!.operationId = 'someone-else';
    const target = fresh();
    const error = await importOperationBackup(target, JSON.stringify(backup)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BackupImportError);
    expect((error as BackupImportError).errors).toEqual([
      `人员第 4 条「${backup.people[3]!.id}」属于另一行动（someone-else），不属于本备份的行动（${id}）`,
    ]);
    expect(await count(target)).toBe(0);
  });

  it('refuses an operation that is already here, and leaves it as it was', async () => {
    const db = fresh();
    const { id } = await demoWithFinalPlan(db);
    const text = await exportOperationBackup(db, id);
    const before = await dump(db);
    await expect(importOperationBackup(db, text)).rejects.toThrow('本机已有该行动（（2026）滨0103行审45号），不能重复导入');
    expect(await dump(db)).toEqual(before);
  });

  it('writes nothing at all when the database refuses a record half-way', async () => {
    const source = fresh();
    const { id } = await demoWithFinalPlan(source);
    const text = await exportOperationBackup(source, id);
    // Another operation here already has the same document number (a unique index).
    const target = fresh();
    await target.documents.add(issuedNotice('doc-x', 'op-x', '临江执告〔2026〕1号'));
    const error = await importOperationBackup(target, text).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BackupImportError);
    expect((error as Error).message).toContain('未导入任何内容');
    expect(await count(target)).toBe(1);
    expect(await target.operations.get(id)).toBeUndefined();
  });
});
