import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { openConsoleDb, type ConsoleDb } from '../../renderer/src/data/db';
import { recordNumberGap, unexplainedGaps, usedNumbers } from '../../renderer/src/documents/numbering';
import { listLog } from '../../renderer/src/log/repository';
import { issuedNotice } from '../fixtures/issuedDocument';

let db: ConsoleDb;
let n = 0;
afterEach(async () => db?.delete());

const clerk = { personId: 'p9', name: '陈志远' };

describe('number register', () => {
  it('finds a gap left by an imported number and needs a reason, recorded as an act, before the series goes on', async () => {
    db = openConsoleDb(`numbering-${++n}`);
    await db.documents.add({ ...issuedNotice('a', 'op', '临江强执告〔2026〕1号'), issuerCode: '临江强执告', sequence: 1 });
    // A document numbered 3 arrives from another computer's backup.
    await db.documents.add({ ...issuedNotice('b', 'op2', '临江强执告〔2026〕3号'), issuerCode: '临江强执告', sequence: 3 });
    await db.operations.bulkAdd([{ id: 'op' }, { id: 'op2' }] as never);
    expect(await unexplainedGaps(db, 'op')).toEqual([{ issuerCode: '临江强执告', year: 2026, gaps: [2] }]);

    const gap = { issuerCode: '临江强执告', year: 2026, sequence: 2 };
    await expect(recordNumberGap(db, 'op', gap, '作废', undefined)).rejects.toThrow('请先登录');
    await expect(recordNumberGap(db, 'op', gap, ' ', clerk)).rejects.toThrow('请写明缺号原因');
    await expect(recordNumberGap(db, 'op', { ...gap, sequence: 1 }, '作废', clerk)).rejects.toThrow('不是缺号');
    expect(await listLog(db, 'op')).toEqual([]);
    await recordNumberGap(db, 'op', gap, '该号已用于纸质文书', clerk);
    expect(await unexplainedGaps(db, 'op')).toEqual([]);
    // The series is station-wide: the other operation sees the reason recorded in this one.
    expect(await unexplainedGaps(db, 'op2')).toEqual([]);
    expect((await usedNumbers(db)).map((u) => u.sequence).sort()).toEqual([1, 2, 3]);
    // Format 2: the operation's first act opens its station record with the genesis (roster) entry.
    const [genesis, entry, ...more] = await listLog(db, 'op');
    expect(genesis?.category).toBe('roster');
    expect(more).toEqual([]);
    expect(entry).toMatchObject({ category: 'edit', operator: '陈志远', text: '记录缺号原因：临江强执告〔2026〕2号未由本系统签发，原因：该号已用于纸质文书' });
  });

  it('still honours reasons this station kept in its settings before they were acts', async () => {
    db = openConsoleDb(`numbering-${++n}`);
    await db.documents.add({ ...issuedNotice('b', 'op', '临江强执告〔2026〕2号'), issuerCode: '临江强执告', sequence: 2 });
    await db.settings.put({
      key: 'numberGapReasons',
      value: [{ issuerCode: '临江强执告', year: 2026, sequence: 1, voidReason: '打印错误作废', recordedBy: '陈志远', recordedAt: '2026-11-20T09:00:00.000+08:00' }],
      savedAt: '2026-11-20T09:00:00.000+08:00',
    });
    expect(await unexplainedGaps(db, 'op')).toEqual([]);
  });
});
