// Node (vitest, fake-indexeddb). Schema upgrades (issue 7, point 7): a database written by
// the first released schema (version 1) with realistic data — the frozen dump in
// tests/fixtures/schema/v1-database.json — opened by the current ConsoleDb reads back
// record for record, its indexes answer, and the app's own reads and export accept it.
import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { decodeBase64 } from '../../shared/archive/base64';
import { parseBackup } from '../../shared/archive/backup';
import { verifyChain } from '../../shared/log/verify';
import type { LogEntry } from '../../shared/log/types';
import { exportOperationBackup } from '../../renderer/src/archive/backupRepository';
import { loadRoster } from '../../renderer/src/commandPost/roster/importRoster';
import { openConsoleDb, schemaV1, type ConsoleDb } from '../../renderer/src/data/db';
import { readDraft } from '../../renderer/src/data/drafts';
import { getOperation } from '../../renderer/src/operation/repository';

type Row = Record<string, unknown>;

/** { "$bytes": base64 } back into bytes, everywhere in the dump. */
function revive(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(revive);
  if (value === null || typeof value !== 'object') return value;
  const record = value as Row;
  if (Object.keys(record).length === 1 && typeof record.$bytes === 'string') return decodeBase64(record.$bytes);
  return Object.fromEntries(Object.entries(record).map(([k, v]) => [k, revive(v)]));
}

const dump = JSON.parse(readFileSync(join(__dirname, '../fixtures/schema/v1-database.json'), 'utf8')) as {
  schemaVersion: number;
  tables: Record<string, unknown[]>;
};
const v1Tables = revive(dump.tables) as Record<keyof typeof schemaV1, Row[]>;
const operationId = v1Tables.operations[0]!.id as string;

/** Records in primary-key order, as Dexie's toArray() returns them. */
function byKey(table: string, rows: Row[]): Row[] {
  const key = (r: Row) => (table === 'logEntries' ? `${String(r.operationId)}\u0000${String(r.seq).padStart(10, '0')}` : String(r.id ?? r.key));
  return [...rows].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

let n = 0;
let db: ConsoleDb | undefined;
afterEach(async () => {
  await db?.delete();
  db = undefined;
});

/** Writes the dump with Dexie at version 1 and the version 1 stores only, then closes it. */
async function writeV1Database(): Promise<string> {
  const name = `upgrade-from-v1-${++n}`;
  const v1 = new Dexie(name);
  v1.version(1).stores(schemaV1);
  await v1.transaction('rw', v1.tables, async () => {
    for (const [table, rows] of Object.entries(v1Tables)) await v1.table(table).bulkAdd(rows);
  });
  expect(v1.verno).toBe(1);
  v1.close();
  return name;
}

describe('a version 1 database opened by the current schema', () => {
  it('the fixture holds a realistic operation in every table version 1 knows', () => {
    expect(dump.schemaVersion).toBe(1);
    expect(Object.keys(dump.tables).sort()).toEqual(Object.keys(schemaV1).sort());
    const filled = Object.entries(v1Tables).filter(([, rows]) => rows.length > 0).map(([t]) => t);
    // inventoryItems: the inventory was built with schema version 3, so a version 1 database holds none.
    expect(filled.sort()).toEqual(Object.keys(schemaV1).filter((t) => t !== 'inventoryItems').sort());
    const issued = v1Tables.documents.filter((d) => d.status === 'issued');
    expect(issued.map((d) => d.kind).sort()).toEqual(['announcement', 'notice']);
    for (const d of issued) expect(d.pdf).toBeInstanceOf(Uint8Array);
  });

  it('reads back every record of every table intact, bytes included', async () => {
    const name = await writeV1Database();
    db = openConsoleDb(name);
    await db.open();
    expect(db.verno).toBe(6);
    for (const [table, rows] of Object.entries(v1Tables)) {
      // Version 5 gives operations recorded before the ruling's scope existed the narrower reading.
      const expected = table === 'operations' ? rows.map((r) => ({ ...r, courtRuling: { ...(r.courtRuling as object), scope: 'relocation' } })) : rows;
      expect(await db.table(table).toArray(), table).toEqual(byKey(table, expected));
    }
    // What versions 2, 3, 4 and 6 add starts empty and takes records.
    expect(await db.operators.count()).toBe(0);
    for (const table of ['stationEntries', 'recordMarks', 'refusedEntries', 'stationSettings', 'stationStores']) expect(await db.table(table).count(), table).toBe(0);
    expect(await db.settings.count()).toBe(0);
    expect(await db.inventoryRooms.count()).toBe(0);
    expect(await db.inventoryAttendance.count()).toBe(0);
    await db.settings.put({ key: 'k', value: 1, savedAt: '2026-12-01T09:00:00.000+08:00' });
    await db.inventoryRooms.add({ id: 'room-1', operationId, name: '客厅', position: 0, createdAt: 'x', updatedAt: 'x' });
    expect(await db.inventoryRooms.where('operationId').equals(operationId).count()).toBe(1);
  });

  it('the indexes of version 1 still answer: by operation, the unique document number, the log key, the plan version', async () => {
    db = openConsoleDb(await writeV1Database());
    for (const table of Object.keys(schemaV1).filter((t) => t !== 'drafts' && t !== 'operations')) {
      const rows = v1Tables[table as keyof typeof schemaV1];
      expect(await db.table(table).where('operationId').equals(operationId).count(), table).toBe(rows.length);
    }
    const notice = v1Tables.documents.find((d) => d.kind === 'notice')!;
    expect((await db.documents.where('number').equals(notice.number as string).first())?.id).toBe(notice.id);
    await expect(db.table('documents').add({ ...notice, id: 'copy' })).rejects.toMatchObject({ name: 'ConstraintError' });
    const last = v1Tables.logEntries.at(-1)!;
    expect((await db.logEntries.get([operationId, last.seq as number]))?.hash).toBe(last.hash);
    expect((await db.plans.where('[operationId+version]').equals([operationId, 1]).first())?.status).toBe('final');
    const group = v1Tables.workingGroups[0]!;
    expect((await db.workingGroups.where('[operationId+code]').equals([operationId, group.code as string]).first())?.id).toBe(group.id);
    expect(await db.media.where('sha256').equals(v1Tables.media[0]!.sha256 as string).count()).toBe(1);
  });

  it('the log chain verifies and each issued PDF still hashes to its recorded SHA-256', async () => {
    db = openConsoleDb(await writeV1Database());
    const entries = await db.logEntries.where('operationId').equals(operationId).sortBy('seq');
    expect(entries).toHaveLength(v1Tables.logEntries.length);
    const verdict = verifyChain(entries as LogEntry[], operationId);
    expect(verdict.ok).toBe(true);
    const issued = (await db.documents.toArray()).filter((d) => d.status === 'issued');
    expect(issued).toHaveLength(2);
    for (const d of issued) expect(bytesToHex(sha256(d.pdf!))).toBe(d.sha256);
    const sketch = (await db.plans.where('[operationId+version]').equals([operationId, 1]).first())!.content.sketch!;
    expect(sketch.image).toBeInstanceOf(Uint8Array);
    expect(sketch.image.length).toBeGreaterThan(0);
  });

  it("the app's own reads and the strict backup export accept the upgraded data", async () => {
    db = openConsoleDb(await writeV1Database());
    const summary = await getOperation(db, operationId);
    expect(summary?.subjects).toHaveLength(v1Tables.subjects.length);
    const roster = await loadRoster(db, operationId);
    expect([roster.memberUnits.length, roster.people.length]).toEqual([v1Tables.memberUnits.length, v1Tables.people.length]);
    expect(await readDraft(db, v1Tables.drafts[0]!.key as string)).toEqual(v1Tables.drafts[0]!.value);
    // The export checks every record against today's strict schemas: all of version 1 must pass.
    const parsed = parseBackup(await exportOperationBackup(db, operationId, { now: new Date('2026-12-20T02:00:00Z') }));
    expect(parsed.ok ? [] : parsed.errors).toEqual([]);
    if (parsed.ok) expect(parsed.backup.logEntries).toHaveLength(v1Tables.logEntries.length);
  });
});
