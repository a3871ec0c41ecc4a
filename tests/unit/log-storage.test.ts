import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { openConsoleDb, type ConsoleDb } from '../../renderer/src/data/db';
import { appendLog, verifyLog } from '../../renderer/src/log/repository';
import { appendEntry } from '../../shared/log/append';
import type { LogEntry } from '../../shared/log/types';
import { verifyChain } from '../../shared/log/verify';

let db: ConsoleDb;
let n = 0;
const START = Date.parse('2026-03-05T09:00:00.000+08:00');
afterEach(async () => db?.delete());

const note = (operationId: string, text: string) => ({ operationId, operator: '林涛', group: 'security', category: 'note' as const, text });

describe('stored log', () => {
  it('chains entries per operation and detects an entry changed directly in the database', async () => {
    db = openConsoleDb(`log-${++n}`);
    for (const text of ['警戒到位', '向被执行人宣告', '清登开始']) await appendLog(db, note('op', text));
    await appendLog(db, note('other', '另一行动'));
    let status = await verifyLog(db, 'op');
    expect(status.count).toBe(3);
    expect(status.verdict).toMatchObject({ ok: true, head: { seq: 3 } });

    // Someone edits entry 2 behind the app's back.
    await db.logEntries.update(['op', 2], { text: '（改写）' });
    status = await verifyLog(db, 'op');
    expect(status.verdict).toMatchObject({ ok: false, seq: 2, reason: 'changed' });
  });

  it('detects a deleted entry', async () => {
    db = openConsoleDb(`log-${++n}`);
    for (const text of ['一', '二', '三']) await appendLog(db, note('op', text));
    await db.logEntries.delete(['op', 2]);
    expect((await verifyLog(db, 'op')).verdict).toMatchObject({ ok: false, seq: 2, reason: 'missing' });
  });

  it('numbers concurrent appends one after the other, never twice', async () => {
    db = openConsoleDb(`log-${++n}`);
    await Promise.all(Array.from({ length: 20 }, (_, i) => appendLog(db, note('op', `第${i}条`))));
    const status = await verifyLog(db, 'op');
    expect(status.count).toBe(20);
    expect(status.verdict.ok).toBe(true);
  });

  it('verifies a long log (the size handed to workers in the browser) and reports a tampered entry as verifyChain does', async () => {
    db = openConsoleDb(`log-${++n}`);
    const entries: LogEntry[] = [];
    for (let i = 0; i < 6000; i++) entries.push(appendEntry(entries[i - 1], note('op', `第${i + 1}条`), new Date(START + i * 1000)));
    await db.logEntries.bulkAdd(entries);
    expect(await verifyLog(db, 'op')).toEqual({ count: 6000, verdict: verifyChain(entries, 'op'), flags: [] });

    await db.logEntries.update(['op', 5500], { text: '（改写）' });
    const stored = await db.logEntries.toArray();
    const status = await verifyLog(db, 'op');
    expect(status.verdict).toEqual(verifyChain(stored, 'op'));
    expect(status.verdict).toMatchObject({ ok: false, seq: 5500, reason: 'changed' });
  });
});

