// Node (vitest, fake-indexeddb). The documents' acts as the app runs them: read → pure decide →
// commit, the PDF rendered once inside the act, one entry per act in a chain that verifies.
import 'fake-indexeddb/auto';
import { createHash } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { openConsoleDb, type ConsoleDb } from '../../renderer/src/data/db';
import {
  createDraft,
  issueDocument,
  recordSelfPerformance,
  recordService,
  saveDocumentDraft,
} from '../../renderer/src/documents/repository';
import { listLog, verifyLog } from '../../renderer/src/log/repository';
import { loadDemoOperation } from '../../renderer/src/operation/repository';
import { commit } from '../../renderer/src/record/commit';
import { closeStations } from '../../renderer/src/record/projection';
import { put } from '../../shared/record/act';
import type { ServedDocument } from '../../shared/documents/records';
import { finalPlanRecord } from '../fixtures/plan';

// The app's fonts are page URLs; in Node the same embedded files are read from node_modules.
vi.mock('../../renderer/src/documents/fonts', async () => ({ documentFonts: (await import('../fixtures/documents/pdf')).nodeFonts }));

let db: ConsoleDb;
let n = 0;
beforeAll(() => {
  // Only the date is fixed (the law's checks read the day); IndexedDB's timers run as usual.
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date('2026-12-02T09:00:00+08:00'));
});
afterAll(() => vi.useRealTimers());
afterEach(async () => {
  await closeStations();
  await db?.delete();
});

async function demo(fresh = true) {
  if (fresh) db = openConsoleDb(`documents-repository-${++n}`);
  const operationId = await loadDemoOperation(db);
  const operation = (await db.operations.get(operationId))!;
  const commander = (await db.people.get(operation.onSiteCommanderId!))!;
  // The final plan the documents read, committed as an act like every record (a record no
  // entry supports would be removed by the station's record check).
  const actor = { personId: commander.id, name: commander.name };
  await commit(db, {
    operationId,
    actor,
    action: { kind: 'finalisePlan' },
    build: async () => ({ entry: { category: 'system', text: '《强制执行预案》定稿为第 1 版', data: { planVersion: 1 } }, changes: [put('plans', finalPlanRecord(operationId, commander.name))], result: undefined }),
  });
  return { operationId, commander: actor };
}

describe('the documents’ acts through the one write path', () => {
  it('drafts, saves, issues with the PDF frozen inside the act, and serves: one entry each', async () => {
    const { operationId, commander } = await demo();
    await expect(createDraft(db, operationId, 'notice', undefined)).rejects.toThrow('请先登录');
    const id = await createDraft(db, operationId, 'notice', commander);
    const draft = (await db.documents.get(id)) as ServedDocument & { kind: 'notice' };
    expect(draft).toMatchObject({ status: 'draft', kind: 'notice', selfPerformanceDays: 10 });

    await saveDocumentDraft(db, { ...draft, selfPerformanceDays: 9 }, commander);
    await expect(saveDocumentDraft(db, { ...draft, selfPerformanceDays: 9 }, commander)).rejects.toThrow('草稿没有修改，无需保存');

    const issued = await issueDocument(db, id, commander);
    expect(issued).toMatchObject({ status: 'issued', number: '临江强执告〔2026〕1号', issuedBy: commander.name, selfPerformanceDays: 9 });
    const stored = (await db.documents.get(id))!;
    expect(stored.sha256).toBe(createHash('sha256').update(stored.pdf!).digest('hex'));
    // The frozen PDF prints the log as it stood before the issue's own entry.
    // (Format 2: the head is this station's latest entry, the draft's save, on its own chain.)
    const beforeIssue = (await listLog(db, operationId)).at(-2)!;
    expect(beforeIssue.text).toMatch(/^修改强制执行告知书草稿/);
    expect(stored.chainHead).toEqual({ seq: beforeIssue.seq, hash: beforeIssue.hash, writer: beforeIssue.writer });
    await expect(issueDocument(db, id, commander)).rejects.toThrow('文书已签发，不能修改');

    const subject = (await db.subjects.where('operationId').equals(operationId).first())!;
    const service = { subjectId: subject.id, method: 'direct' as const, servedAt: '2026-12-02T09:00:00.000+08:00', recipient: subject.name, servers: ['林涛'] };
    expect(await recordService(db, id, { ...service, servers: [] }, commander)).toEqual({ ok: false, errors: { servers: '请至少填写一名送达人' } });
    expect(await recordService(db, id, service, commander)).toMatchObject({ ok: true });

    const entries = await listLog(db, operationId);
    // Format 2: the station's record opens with its genesis (roster) entry, then the demo's load.
    expect(entries.map((e) => [e.category, e.operator, e.text.slice(0, 12)])).toEqual([
      ['roster', '本工作站', '指挥工作站「指挥台」建立'],
      ['system', '本工作站', '载入示例行动（培训用虚构'],
      ['system', commander.name, '《强制执行预案》定稿为第'],
      ['edit', commander.name, '起草强制执行告知书草稿'],
      ['edit', commander.name, '修改强制执行告知书草稿：'],
      ['system', commander.name, '签发强制执行告知书 临江'],
      ['system', commander.name, '临江强执告〔2026〕1'],
    ]);
    expect(entries[5]!.text).toContain(`SHA-256 ${stored.sha256}`);
    expect((await verifyLog(db, operationId)).verdict.ok).toBe(true);
  }, 60_000);

  it('only the command issues and records self-performance; the refusal writes nothing', async () => {
    const { operationId, commander } = await demo();
    const id = await createDraft(db, operationId, 'notice', commander);
    const clerk = { personId: 'not-on-the-roster', name: '李文书' };
    const before = await listLog(db, operationId);
    await expect(issueDocument(db, id, clerk)).rejects.toThrow('只有现场执行指挥或其指定的副指挥可以签发文书');
    await expect(recordSelfPerformance(db, operationId, { occurredOn: '2026-12-02', note: '已搬离' }, clerk)).rejects.toThrow(/只有现场执行指挥/);
    expect(await listLog(db, operationId)).toEqual(before);

    expect(await recordSelfPerformance(db, operationId, { occurredOn: '2026-12-02', note: '已搬离并交付钥匙' }, commander)).toMatchObject({ ok: true });
    expect((await db.operations.get(operationId))?.termination).toMatchObject({ occurredOn: '2026-12-02', recordedBy: commander.name });
    expect((await listLog(db, operationId)).at(-1)).toMatchObject({ category: 'suspension', data: { ground: 1 } });
  });

  it('two operations issuing in one series at once take consecutive numbers (numbers run per station)', async () => {
    const first = await demo();
    const second = await demo(false);
    const a = await createDraft(db, first.operationId, 'notice', first.commander);
    const b = await createDraft(db, second.operationId, 'notice', second.commander);
    const issued = await Promise.all([issueDocument(db, a, first.commander), issueDocument(db, b, second.commander)]);
    expect(issued.map((d) => d.number).sort()).toEqual(['临江强执告〔2026〕1号', '临江强执告〔2026〕2号']);
  }, 60_000);
});
