import 'fake-indexeddb/auto';
import { writeDemoAsStored } from '../fixtures/demoAsStored';
import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { demoOperationInput } from '../../shared/operation/demo';
import { validateNewOperation } from '../../shared/operation/newOperation';
import { openConsoleDb, schemaV1, schemaV2, schemaV3, schemaV4, schemaV5, schemaV6, type ConsoleDb } from '../../renderer/src/data/db';
import { clearDraft, readDraft, saveDraft } from '../../renderer/src/data/drafts';
import { issuedNotice } from '../fixtures/issuedDocument';
import { appendEntry } from '../../shared/log/append';
import {
  createOperation,
  getOperation,
  listOperations,
  loadDemoOperation,
  setArchived,
} from '../../renderer/src/operation/repository';

let db: ConsoleDb;
let n = 0;
const fresh = () => (db = openConsoleDb(`test-${++n}`));
afterEach(async () => db?.delete());

describe('schema', () => {
  it('has a table for every part of the domain', () => {
    fresh();
    expect(Object.keys(schemaV1).sort()).toEqual(
      [
        'documents',
        'drafts',
        'householdMembers',
        'inventoryItems',
        'logEntries',
        'media',
        'memberUnits',
        'operations',
        'people',
        'plans',
        'postings',
        'preparatoryMeetings',
        'services',
        'subjects',
        'tasks',
        'workingGroups',
      ].sort(),
    );
    expect(db.tables.map((t) => t.name).sort()).toEqual(
      [...Object.keys(schemaV1), 'settings', 'inventoryRooms', 'inventoryAttendance', 'operators', ...Object.keys(schemaV6)].sort(),
    );
  });

  it('upgrades a database written by version 1 without losing its data', async () => {
    const name = `test-upgrade-${++n}`;
    const v1 = new Dexie(name);
    v1.version(1).stores(schemaV1);
    const id = await writeDemoAsStored(v1);
    await v1.table('drafts').put({ key: 'newOperation', value: { leadUnit: '某单位' }, savedAt: 'x' });
    v1.close();

    db = openConsoleDb(name);
    expect((await getOperation(db, id))?.subjects).toHaveLength(2);
    expect(await readDraft(db, 'newOperation')).toEqual({ leadUnit: '某单位' });
    await db.settings.put({ key: 'k', value: 1, savedAt: 'x' });
    expect(db.verno).toBe(6);
  });

  it('version 5 reads an operation stored before the ruling’s scope was recorded as relocation only', async () => {
    const name = `test-upgrade-v4-${++n}`;
    const v4 = new Dexie(name);
    v4.version(1).stores(schemaV1);
    v4.version(2).stores(schemaV2);
    v4.version(3).stores(schemaV3);
    v4.version(4).stores(schemaV4);
    const id = await writeDemoAsStored(v4);
    const stored = await v4.table('operations').get(id);
    const { scope: _scope, ...oldRuling } = stored.courtRuling;
    await v4.table('operations').put({ ...stored, courtRuling: oldRuling });
    await v4.table('operations').put({ ...stored, id: 'demolishing', courtRuling: { ...oldRuling, scope: 'relocationAndDemolition' } });
    v4.close();

    db = openConsoleDb(name);
    expect((await db.operations.get(id))?.courtRuling).toEqual({ ...oldRuling, scope: 'relocation' });
    expect((await db.operations.get('demolishing'))?.courtRuling.scope).toBe('relocationAndDemolition');
    expect((await getOperation(db, id))?.subjects).toHaveLength(2);
  });

  it('upgrades a version 2 database to version 3: data kept, inventory rooms and attendance stored', async () => {
    const name = `test-upgrade-v2-${++n}`;
    const v2 = new Dexie(name);
    v2.version(1).stores(schemaV1);
    v2.version(2).stores(schemaV2);
    const id = await writeDemoAsStored(v2);
    await v2.table('settings').put({ key: 'k', value: 1, savedAt: 'x' });
    await v2.table('inventoryItems').put({ id: 'i1', operationId: id, tag: '1-001' });
    v2.close();

    db = openConsoleDb(name);
    expect(db.verno).toBe(6);
    expect(Object.keys(schemaV3).sort()).toEqual(['inventoryAttendance', 'inventoryRooms']);
    expect((await getOperation(db, id))?.subjects).toHaveLength(2);
    expect((await db.settings.get('k'))?.value).toBe(1);
    expect(await db.inventoryItems.get('i1')).toEqual({ id: 'i1', operationId: id, tag: '1-001' });
    const at = '2026-12-08T09:00:00.000+08:00';
    await db.inventoryRooms.add({ id: 'r1', operationId: id, name: '客厅', position: 0, createdAt: at, updatedAt: at });
    await db.inventoryAttendance.put({ id, operationId: id, notaryInstitution: '滨江市公证处', notaryNames: ['王明'], witnesses: [], groupLeader: '', updatedAt: at });
    expect(await db.inventoryRooms.where('operationId').equals(id).count()).toBe(1);
    expect((await db.inventoryAttendance.where('operationId').equals(id).first())?.notaryNames).toEqual(['王明']);
  });

  it('upgrades a version 5 database to version 6: data and the format-1 log kept, the stations tables empty and indexed', async () => {
    const name = `test-upgrade-v5-${++n}`;
    const v5 = new Dexie(name);
    v5.version(1).stores(schemaV1);
    v5.version(2).stores(schemaV2);
    v5.version(3).stores(schemaV3);
    v5.version(4).stores(schemaV4);
    v5.version(5).stores(schemaV5);
    const id = await writeDemoAsStored(v5);
    const entry = appendEntry(undefined, { operationId: id, operator: '林涛', group: '', category: 'note', text: '警戒到位' }, new Date());
    await v5.table('logEntries').add(entry);
    v5.close();

    db = openConsoleDb(name);
    expect(db.verno).toBe(6);
    expect((await getOperation(db, id))?.subjects).toHaveLength(2);
    expect(await db.logEntries.get([id, 1])).toEqual(entry);
    for (const table of Object.keys(schemaV6)) expect(await db.table(table).count(), table).toBe(0);
    const mirrored = { ...entry, seq: 1, writer: 'w', hlc: { ms: 2, c: 0 }, order: 'b', hash: 'h2' };
    await db.stationEntries.bulkAdd([mirrored, { ...mirrored, hash: 'h1', order: 'a' }]);
    expect((await db.stationEntries.where('[operationId+order]').between([id, ''], [id, '\uffff']).toArray()).map((e) => e.hash)).toEqual(['h1', 'h2']);
    await db.recordMarks.put({ table: 'tasks', id: 't1', operationId: id, order: 'a' });
    expect(await db.recordMarks.get(['tasks', 't1'])).toMatchObject({ order: 'a' });
  });

  it('keys the log by operation and sequence, so an entry cannot be silently replaced by add()', async () => {
    fresh();
    const entry = appendEntry(undefined, { operationId: 'op', operator: '林涛', group: '', category: 'note', text: '警戒到位' }, new Date());
    await db.logEntries.add(entry);
    await expect(db.logEntries.add({ ...entry, text: '改写' })).rejects.toThrow();
  });

  it('refuses two documents with the same number', async () => {
    fresh();
    await db.documents.add(issuedNotice('1', 'op', '西城强执告〔2026〕3号'));
    await expect(db.documents.add(issuedNotice('2', 'op', '西城强执告〔2026〕3号'))).rejects.toThrow();
  });

  it('keeps data across a close and reopen of the same database', async () => {
    fresh();
    const id = await loadDemoOperation(db, new Date('2026-11-23T02:00:00Z'));
    db.close();
    const again = openConsoleDb(db.name);
    expect((await getOperation(again, id))?.subjects.map((s) => s.name)).toEqual(['张建国', '李秀兰']);
    again.close();
  });
});

describe('operations', () => {
  it('creates an operation with its subjects, lists it, archives and restores it', async () => {
    fresh();
    const result = validateNewOperation(demoOperationInput, '2026-11-23');
    if (!result.ok) throw new Error('demo invalid');
    const id = await createOperation(db, result.values);
    let [listed] = await listOperations(db);
    expect(listed?.id).toBe(id);
    expect(listed?.isDemo).toBe(false);
    expect(listed?.subjects).toHaveLength(2);

    await setArchived(db, id, true, undefined);
    [listed] = await listOperations(db);
    expect(listed?.status).toBe('archived');
    expect(listed?.archivedAt).toMatch(/\+08:00$/);

    await setArchived(db, id, false, undefined);
    [listed] = await listOperations(db);
    expect(listed?.status).toBe('active');
    expect(listed?.archivedAt).toBeUndefined();
  });

  it('explains archiving an operation that does not exist', async () => {
    fresh();
    await expect(setArchived(db, 'missing', true, undefined)).rejects.toThrow('找不到该行动');
  });

  it('marks the demo operation as demo data', async () => {
    fresh();
    const id = await loadDemoOperation(db);
    expect((await getOperation(db, id))?.isDemo).toBe(true);
  });

  it('stores nothing when the subjects cannot be written', async () => {
    fresh();
    const result = validateNewOperation(demoOperationInput, '2026-11-23');
    if (!result.ok) throw new Error('demo invalid');
    // Pre-occupy a subject id: the transaction must roll the operation back too.
    const original = crypto.randomUUID;
    const ids = ['op-1', 'dup', 'dup'];
    crypto.randomUUID = (() => ids.shift()) as typeof crypto.randomUUID;
    try {
      await expect(createOperation(db, result.values)).rejects.toThrow();
    } finally {
      crypto.randomUUID = original;
    }
    expect(await db.operations.count()).toBe(0);
    expect(await db.subjects.count()).toBe(0);
  });
});

describe('drafts', () => {
  it('saves, reads back and clears a draft', async () => {
    fresh();
    await saveDraft(db, 'newOperation', { propertyAddress: '某地' });
    expect(await readDraft(db, 'newOperation')).toEqual({ propertyAddress: '某地' });
    await clearDraft(db, 'newOperation');
    expect(await readDraft(db, 'newOperation')).toBeUndefined();
  });
});
