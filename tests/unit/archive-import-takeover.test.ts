// DOM (vitest, fake IndexedDB, PouchDB in memory). Importing a backup that carries the
// operation's signed entries on a station that is not on their roster: the entries are stored as
// signed, the records projected from them, and the station takes the operation over with a
// genesis of its own that names every head it carries on from. Its acts then stand; a later
// entry of a station it took over from does not; a third station can take over again; and the
// archive of the taken-over record verifies.
import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { parseBackup, type OperationBackup } from '../../shared/archive/backup';
import { verifyArchiveZip } from '../../shared/archive/verifyStream';
import { DEMO_STATIONS } from '../../shared/demo/sequence';
import { createEntry } from '../../shared/stations/entry';
import { foldRoster } from '../../shared/stations/roster';
import { demoSigner } from '../../shared/stations/signer';
import { exportOperationBackup, importOperationBackup } from '../../renderer/src/archive/backupRepository';
import { openConsoleDb, type ConsoleDb } from '../../renderer/src/data/db';
import { commit } from '../../renderer/src/record/commit';
import { catchUp, closeStations } from '../../renderer/src/record/projection';
import { configureStation, openStore } from '../../renderer/src/stations/local';
import { buildArchive } from '../fixtures/archive/archivable';
import { servedBackup } from '../fixtures/servedBackup';

vi.mock('pouchdb-browser/lib/index.es.js', () => import('./pouch-memory'));

const importer = demoSigner('takeover-importer');
const third = demoSigner('takeover-third');
const tablet = demoSigner(`示例行动:${DEMO_STATIONS.evidence}`);
const demoCommander = demoSigner(`示例行动:${DEMO_STATIONS.commander}`);

let backup: OperationBackup;
let text: string;
let db: ConsoleDb;
const opened: ConsoleDb[] = [];
const station = async (signer: typeof importer, name: string) => {
  await closeStations();
  await configureStation({ signer: async () => signer });
  const fresh = openConsoleDb(name);
  opened.push(fresh);
  return fresh;
};

beforeAll(async () => {
  backup = await servedBackup();
  const { serialiseBackup } = await import('../../shared/archive/backup');
  text = serialiseBackup(backup);
  db = await station(importer, 'takeover-1');
  await importOperationBackup(db, text);
}, 120_000);
afterAll(async () => {
  await closeStations();
  await Promise.all(opened.map((d) => d.delete()));
});

const op = () => backup.operation.id;

describe('a backup with signed entries imported on a station not on their roster', () => {
  it('stores every entry as signed and projects the records from them', async () => {
    const store = await openStore(db, op());
    const entries = await store.entries();
    expect(entries.filter((e) => e.writer !== importer.publicKey).map((e) => e.hash).sort()).toEqual(backup.stationEntries!.map((e) => e['hash']).sort());
    expect(await db.documents.where('operationId').equals(op()).count()).toBe(backup.documents.length);
    expect(await db.inventoryItems.where('operationId').equals(op()).count()).toBe(backup.inventoryItems.length);
    expect((await db.documents.get(backup.documents[0]!.id))?.sha256).toBe(backup.documents[0]!.sha256);
    expect(await db.refusedEntries.count()).toBe(0);
  });

  it('takes the operation over with a genesis naming the commander station and every head it carries on from', async () => {
    const store = await openStore(db, op());
    const genesis = (await store.entries()).find((e) => e.writer === importer.publicKey && e.seq === 1)!;
    expect(genesis.data).toMatchObject({ action: 'genesis', predecessor: demoCommander.publicKey });
    const heads = new Map<string, number>();
    for (const e of backup.stationEntries!) heads.set(String(e['writer']), Math.max(heads.get(String(e['writer'])) ?? 0, Number(e['seq'])));
    expect(Object.keys(genesis.data['succeeds'] as object).sort()).toEqual([...heads.keys()].sort());
    expect(genesis.text).toContain('导入备份，承接本行动的多站记录');
    const roster = foldRoster(await store.entries());
    expect(roster.anchor).toBe(importer.publicKey);
    expect(roster.carried?.roster.anchor).toBe(demoCommander.publicKey);
  });

  it('lets this station act; every entry, taken over or its own, verifies and stands', async () => {
    const commander = (await db.people.where('operationId').equals(op()).toArray()).find((p) => p.name === '陈志远')!;
    await commit(db, {
      operationId: op(),
      actor: { personId: commander.id, name: commander.name },
      action: { kind: 'log', group: '' },
      build: async () => ({ entry: { category: 'note', text: '承接后的第一条现场记录' }, changes: [], result: undefined }),
    });
    const store = await openStore(db, op());
    const verdict = await store.verify('all');
    expect(verdict.problems).toEqual([]);
    expect(verdict.refused).toEqual([]);
  });

  it('refuses a later entry of a station it took over from, saying the operation was taken over', async () => {
    const store = await openStore(db, op());
    const own = (await store.entries()).filter((e) => e.writer === tablet.publicKey).sort((a, b) => b.seq - a.seq)[0]!;
    const wallMs = Date.parse('2026-12-10T09:00:00+08:00');
    const { entry } = await createEntry(tablet, { op: op(), head: { seq: own.seq, hash: own.hash }, hlc: own.hlc, seen: {}, boot: 'late' }, { operator: { personId: '', name: '杨帆' }, category: 'note', text: '承接之后仍在旧平板上记录' }, { wallMs, monoMs: 1 });
    expect(await store.put([{ entry }])).toEqual([]);
    await catchUp(db, store);
    const refused = await db.refusedEntries.get(entry.hash);
    expect(refused?.reason).toMatch(new RegExp(`第 ${own.seq + 1} 条记录不予接受：本行动已由工作站「.+」承接（导入备份），只承接该工作站至第 ${own.seq} 条的记录`));
    expect((await store.verify('heads')).refused.map((r) => r.entry.hash)).toEqual([entry.hash]);
  });

  it('exports a file a third station imports and takes over again; its archive verifies', async () => {
    const again = await exportOperationBackup(db, op());
    const parsed = parseBackup(again);
    if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
    const next = await station(third, 'takeover-2');
    await importOperationBackup(next, again);
    const store = await openStore(next, op());
    const roster = foldRoster(await store.entries());
    expect(roster.anchor).toBe(third.publicKey);
    expect(roster.carried?.roster.anchor).toBe(importer.publicKey);
    expect(roster.carried?.roster.carried?.roster.anchor).toBe(demoCommander.publicKey);
    // The old tablet's late entry travelled in the file and stays refused, with its reason.
    expect((await next.refusedEntries.toArray()).map((r) => r.writer)).toEqual([tablet.publicKey]);

    const archived = parseBackup(await exportOperationBackup(next, op()));
    if (!archived.ok) throw new Error(archived.errors.join('\n'));
    const { zip } = await buildArchive(archived.backup, '2026-12-11T10:00:00.000+08:00');
    const verdict = await verifyArchiveZip(zip, { signatures: 'all' });
    expect(verdict.ok ? '' : verdict.problem).toBe('');
  }, 60_000);
});

