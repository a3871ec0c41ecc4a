// Node (vitest, fake-indexeddb). Automatic backups in the data folder (issue 7, point 3):
// a rolling set per operation, only complete files, old ones kept when a write fails, and a
// backup written there restores into an empty database unchanged.
import 'fake-indexeddb/auto';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createAutoBackups } from '../../electron/main/autoBackups';
import { createSaveSessions, type SaveSessions } from '../../electron/main/saveSessions';
import { exportOperationBackup, importOperationBackup } from '../../renderer/src/archive/backupRepository';
import { openConsoleDb } from '../../renderer/src/data/db';
import { loadDemoOperation } from '../../renderer/src/operation/repository';
import { closeStations } from '../../renderer/src/record/projection';
import { configureStation } from '../../renderer/src/stations/local';
import { demoSigner } from '../../shared/stations/signer';

// Loading the demo writes through the station's store (format 2): PouchDB's memory adapter here.
vi.mock('pouchdb-browser/lib/index.es.js', () => import('./pouch-memory'));
beforeEach(() => configureStation({ signer: async () => demoSigner('auto-backups') }));
afterEach(() => closeStations());

const OWNER = 1;
const enc = (s: string) => new TextEncoder().encode(s);

function clock(start = Date.parse('2026-12-08T01:00:00Z')) {
  let t = start;
  return () => new Date((t += 61_000));
}

describe('automatic backups', () => {
  it('writes complete files under backups/<operation>/ and keeps only the newest', async () => {
    const root = mkdtempSync(join(tmpdir(), 'auto-backup-'));
    const backups = createAutoBackups(() => root, createSaveSessions(), clock());
    const written: string[] = [];
    for (let i = 1; i <= 5; i++) written.push((await backups.write(OWNER, 'op-1', enc(`{"n":${i}}`), 3)).location);
    const folder = join(root, 'backups', 'op-1');
    const names = readdirSync(folder).sort();
    expect(names).toHaveLength(3);
    expect(names.every((n) => /^\d{8}-\d{6}-\d{3}\.json$/.test(n))).toBe(true);
    expect(names.map((n) => join(folder, n))).toEqual(written.slice(2));
    expect(readFileSync(written[4]!, 'utf8')).toBe('{"n":5}');
  });

  it('keeps every earlier backup and says what to do when the disk is full', async () => {
    const root = mkdtempSync(join(tmpdir(), 'auto-backup-'));
    const real = createSaveSessions();
    const backups = createAutoBackups(() => root, real, clock());
    await backups.write(OWNER, 'op-1', enc('{"n":1}'), 1);
    const full: SaveSessions = {
      ...real,
      write: async () => {
        throw Object.assign(new Error('no space'), { code: 'ENOSPC' });
      },
    };
    const failing = createAutoBackups(() => root, full, clock(Date.parse('2026-12-09T01:00:00Z')));
    await expect(failing.write(OWNER, 'op-1', enc('{"n":2}'), 1)).rejects.toThrow(/自动备份未能写入.*已有的备份和本机数据不受影响；请清理磁盘空间/);
    const names = readdirSync(join(root, 'backups', 'op-1'));
    expect(names.filter((n) => n.endsWith('.json'))).toHaveLength(1);
    expect(readFileSync(join(root, 'backups', 'op-1', names.find((n) => n.endsWith('.json'))!), 'utf8')).toBe('{"n":1}');
  });

  it('restores: a backup written to the data folder imports into an empty database unchanged', async () => {
    const source = openConsoleDb('auto-backup-source');
    const operationId = await loadDemoOperation(source);
    const text = await exportOperationBackup(source, operationId);
    const root = mkdtempSync(join(tmpdir(), 'auto-backup-'));
    const { location } = await createAutoBackups(() => root, createSaveSessions(), clock()).write(OWNER, operationId, enc(text), 10);

    const target = openConsoleDb('auto-backup-target');
    expect(await importOperationBackup(target, readFileSync(location, 'utf8'))).toBe(operationId);
    const again = JSON.parse(await exportOperationBackup(target, operationId)) as Record<string, unknown>;
    const before = JSON.parse(text) as Record<string, unknown>;
    // Everything but the moment of export is the same, the signed entries too: they were stored
    // first and the records projected from them.
    expect(before['stationEntries']).toEqual(expect.arrayContaining([expect.objectContaining({ op: operationId })]));
    expect({ ...again, exportedAt: '' }).toEqual({ ...before, exportedAt: '' });
  });
});
