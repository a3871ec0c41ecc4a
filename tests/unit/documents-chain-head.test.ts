import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { openConsoleDb } from '../../renderer/src/data/db';
import { chainHead } from '../../renderer/src/log/head';
import { appendLog } from '../../renderer/src/log/repository';

describe('the chain head a document prints', () => {
  it('is the operation’s last entry, other operations aside, and seq 0 before any entry', async () => {
    const db = openConsoleDb('chain-head');
    expect(await chainHead(db, 'op-a')).toEqual({ seq: 0, hash: '0'.repeat(64) });
    const note = (operationId: string, text: string) => appendLog(db, { operationId, operator: '杨帆', category: 'note', text });
    await note('op-a', '第一条');
    const second = await note('op-a', '第二条');
    await note('op-b', '另一行动');
    expect(await chainHead(db, 'op-a')).toEqual({ seq: 2, hash: second.hash });
    expect((await chainHead(db, 'op-b')).seq).toBe(1);
    db.close();
  });
});
