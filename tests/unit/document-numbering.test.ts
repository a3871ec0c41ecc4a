import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { openConsoleDb, type ConsoleDb } from '../../renderer/src/data/db';
import { recordNumberGap, unexplainedGaps, usedNumbers } from '../../renderer/src/documents/numbering';
import { issuedNotice } from '../fixtures/issuedDocument';

let db: ConsoleDb;
let n = 0;
afterEach(async () => db?.delete());

describe('number register', () => {
  it('finds a gap left by an imported number and needs a reason before the series goes on', async () => {
    db = openConsoleDb(`numbering-${++n}`);
    await db.documents.add({ ...issuedNotice('a', 'op', '临江强执告〔2026〕1号'), issuerCode: '临江强执告', sequence: 1 });
    // A document numbered 3 arrives from another computer's backup.
    await db.documents.add({ ...issuedNotice('b', 'op2', '临江强执告〔2026〕3号'), issuerCode: '临江强执告', sequence: 3 });
    expect(await unexplainedGaps(db, 'op')).toEqual([{ issuerCode: '临江强执告', year: 2026, gaps: [2] }]);

    await expect(recordNumberGap(db, { issuerCode: '临江强执告', year: 2026, sequence: 2 }, ' ', '陈志远')).rejects.toThrow('请写明缺号原因');
    await expect(recordNumberGap(db, { issuerCode: '临江强执告', year: 2026, sequence: 1 }, '作废', '陈志远')).rejects.toThrow('不是缺号');
    await recordNumberGap(db, { issuerCode: '临江强执告', year: 2026, sequence: 2 }, '该号已用于纸质文书', '陈志远');
    expect(await unexplainedGaps(db, 'op')).toEqual([]);
    expect((await usedNumbers(db)).map((u) => u.sequence).sort()).toEqual([1, 2, 3]);
  });
});
