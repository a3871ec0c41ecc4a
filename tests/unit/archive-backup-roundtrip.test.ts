// Node (vitest, fake-indexeddb, PouchDB in memory). The import checks (issue 16, point 7) never
// refuse what the app itself wrote: the 示例行动 loaded in the app, a 告知书 drafted, issued
// (PDF frozen with its SHA-256 and printed head) and served, a recording registered, all
// through the one write path, exported and imported into an empty database unchanged.
import 'fake-indexeddb/auto';
import { afterAll, afterEach, beforeAll, beforeEach, expect, it, vi } from 'vitest';
import { readBackupForImport } from '../../shared/archive/backupChecks';
import { exportOperationBackup, importOperationBackup } from '../../renderer/src/archive/backupRepository';
import { openConsoleDb, type ConsoleDb } from '../../renderer/src/data/db';
import { createDraft, issueDocument, recordService } from '../../renderer/src/documents/repository';
import { registerMedia } from '../../renderer/src/evidence/repository';
import { loadDemoOperation } from '../../renderer/src/operation/repository';
import { closeStations } from '../../renderer/src/record/projection';
import { configureStation } from '../../renderer/src/stations/local';
import { demoSigner } from '../../shared/stations/signer';
import { finalPlanRecord } from '../fixtures/plan';

vi.mock('pouchdb-browser/lib/index.es.js', () => import('./pouch-memory'));
// The app's fonts are page URLs; in Node the same embedded files are read from node_modules.
vi.mock('../../renderer/src/documents/fonts', async () => ({ documentFonts: (await import('../fixtures/documents/pdf')).nodeFonts }));

const opened: ConsoleDb[] = [];
beforeAll(() => {
  // Only the date is fixed (the law's checks read the day); IndexedDB's timers run as usual.
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date('2026-12-02T09:00:00+08:00'));
});
afterAll(() => vi.useRealTimers());
beforeEach(() => configureStation({ signer: async () => demoSigner('backup-roundtrip') }));
afterEach(async () => {
  await closeStations();
  await Promise.all(opened.splice(0).map((db) => db.delete()));
});

it('an operation the app recorded passes every import check and imports unchanged', async () => {
  const source = openConsoleDb('backup-roundtrip-source');
  opened.push(source);
  const operationId = await loadDemoOperation(source);
  const operation = (await source.operations.get(operationId))!;
  const person = (await source.people.get(operation.onSiteCommanderId!))!;
  const commander = { personId: person.id, name: person.name };
  await source.plans.add(finalPlanRecord(operationId, person.name));
  const id = await createDraft(source, operationId, 'notice', commander);
  await issueDocument(source, id, commander);
  const subject = (await source.subjects.where('operationId').equals(operationId).first())!;
  const served = await recordService(
    source,
    id,
    { subjectId: subject.id, method: 'direct', servedAt: '2026-12-02T09:00:00.000+08:00', recipient: subject.name, servers: ['林涛'] },
    commander,
  );
  expect(served).toMatchObject({ ok: true });
  const registered = await registerMedia(
    source,
    operationId,
    { kind: 'photo', deviceNumber: 'DSJ-01', operator: person.name, startedAt: '2026-12-02T08:30:00.000+08:00', custodian: person.name, registeredBy: person.name, note: '' },
    { originalName: 'IMG_0001.jpg', size: 1024, sha256: 'a'.repeat(64) },
    commander,
  );
  expect(registered).toMatchObject({ ok: true });

  const text = await exportOperationBackup(source, operationId);
  const checked = readBackupForImport(text);
  expect(checked.ok ? [] : checked.errors).toEqual([]);
  if (!checked.ok) return;
  const issued = checked.backup.documents.find((d) => d.id === id)!;
  expect(issued).toMatchObject({ status: 'issued', sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
  expect(issued.pdf).toBeInstanceOf(Uint8Array);
  expect(checked.backup.services).toHaveLength(1);
  expect(checked.backup.media).toHaveLength(1);

  const target = openConsoleDb('backup-roundtrip-target');
  opened.push(target);
  expect(await importOperationBackup(target, text)).toBe(operationId);
  // The clock is fixed: the imported copy, its signed entries stored and its records projected
  // from them, exports the same file.
  expect((JSON.parse(text) as { stationEntries: unknown[] }).stationEntries).toEqual(expect.arrayContaining([expect.objectContaining({ op: operationId })]));
  expect(await exportOperationBackup(target, operationId)).toBe(text);
}, 60_000);
