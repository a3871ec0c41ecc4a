// Node (vitest, fake-indexeddb, PouchDB on the memory adapter, the host faked). The commander
// station's roster acts behind 工作站与同步: opening the operation on this computer's hub (genesis
// first, the hub's key paired once), admitting a station with the short code compared, revoking
// one from the entry after the last one held of it — each a signed entry of this station's
// chain through commit(), handed to the hub at once.
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { openConsoleDb, type ConsoleDb } from '../../renderer/src/data/db';
import { catchUp, closeStations, ready } from '../../renderer/src/record/projection';
import { configureStation } from '../../renderer/src/stations/local';
import { admitStation, openOnHub, revokeStation } from '../../renderer/src/stations/syncRoster';
import { legalFixture } from '../fixtures/legalDocuments';
import { demoSigner } from '../../shared/stations/signer';
import { createEntry } from '../../shared/stations/entry';
import { HLC_ZERO } from '../../shared/stations/hlc';
import type { StationEntry } from '../../shared/stations/types';

vi.mock('pouchdb-browser/lib/index.es.js', () => import('./pouch-memory'));
const calls = vi.hoisted(() => ({ list: [] as Array<{ method: string; request: Record<string, unknown> }>, refuse: '' }));
vi.mock('../../renderer/src/stations/sync', () => ({ refreshSync: async () => undefined }));
vi.mock('../../renderer/src/host', () => {
  const record = (method: string, answer: (request: Record<string, unknown>) => unknown) => async (request: Record<string, unknown>) => {
    calls.list.push({ method, request });
    return answer(request);
  };
  return {
    host: {
      hubStatus: record('hubStatus', () => ({ state: 'running', hubKey: HUB_KEY, lanOpen: false, addresses: [], unnamedAddresses: [], caPages: [], operations: [] })),
      hubOpenOperation: record('hubOpenOperation', () => ({ op: OP, db: `op_${OP}` })),
      hubSubmit: record('hubSubmit', (r) => ({ results: (r['entries'] as StationEntry[]).map((e) => (calls.refuse ? { id: e.hash, reason: calls.refuse } : { id: e.hash, ok: true })) })),
      hubAdmit: record('hubAdmit', () => ({})),
    },
  };
});

const OP = 'op-sync';
const HUB_KEY = 'hubKeyhubKeyhubKeyhubKeyhubKeyhubKeyhubKey0';
const here = demoSigner('指挥台');
const clerk = demoSigner('证据组电脑');
const commander = { personId: 'p1', name: '王指挥' };
const member = { personId: 'p2', name: '李组员' };
let db: ConsoleDb;
let n = 0;

beforeEach(async () => {
  calls.list.length = 0;
  calls.refuse = '';
  await configureStation({ signer: async () => here });
  db = openConsoleDb(`sync-roster-${++n}`);
  await db.operations.add(legalFixture({ id: OP, onSiteCommanderId: 'p1' }).operation);
  await db.people.bulkAdd([
    { id: 'p1', operationId: OP, name: '王指挥' },
    { id: 'p2', operationId: OP, name: '李组员' },
  ] as never[]);
});
afterEach(async () => {
  await closeStations();
  await db.delete();
});

const called = (method: string) => calls.list.filter((c) => c.method === method).map((c) => c.request);

describe('the commander station on its own hub', () => {
  it('opens the operation with its genesis and pairs the hub key once, as signed roster entries of this station', async () => {
    await openOnHub(db, OP, commander);
    const [open] = called('hubOpenOperation');
    const genesis = open!['genesis'] as StationEntry;
    expect(genesis).toMatchObject({ writer: here.publicKey, seq: 1, category: 'roster', data: { action: 'genesis', station: here.publicKey } });
    const [submitted] = called('hubSubmit');
    expect(submitted!['entries']).toEqual([expect.objectContaining({ writer: here.publicKey, seq: 2, category: 'roster', data: expect.objectContaining({ action: 'pair', station: HUB_KEY, role: 'hub', fromSeq: 1 }) })]);

    await openOnHub(db, OP, commander);
    expect(called('hubOpenOperation')).toHaveLength(2); // the hub reopens it: idempotent
    expect(called('hubSubmit')).toHaveLength(1); // the hub's key is not paired twice
    expect((await ready(db, OP))!.ownHead()?.seq).toBe(2);
  });

  it('admits a station with the role chosen and the short code compared; someone who does not command is refused', async () => {
    await openOnHub(db, OP, commander);
    const pairing = { pairingId: 'p'.repeat(22), publicKey: clerk.publicKey, name: '证据组电脑', sas: '123 456' };
    await expect(admitStation(db, OP, member, pairing, { role: 'evidenceClerk' })).rejects.toThrow('只有现场执行指挥或其指定的副指挥可以配对或撤销工作站；李组员不是');
    expect(called('hubAdmit')).toHaveLength(0);
    await admitStation(db, OP, commander, pairing, { role: 'groupLeader', group: 'security' });
    const [admit] = called('hubAdmit');
    expect(admit).toMatchObject({ pairingId: pairing.pairingId, entry: { writer: here.publicKey, category: 'roster', operator: { name: '王指挥' } } });
    expect((admit!['entry'] as StationEntry).data).toEqual({ action: 'pair', station: clerk.publicKey, name: '证据组电脑', fromSeq: 1, role: 'groupLeader', group: 'security', sas: '123 456' });
    // The pairing is in this station's log like any act.
    expect((await db.stationEntries.where('operationId').equals(OP).toArray()).some((e) => e.text === '配对工作站「证据组电脑」，角色：工作组组长（security）')).toBe(true);
  });

  it('revokes from the entry after the last one held of the station, and says when the hub does not accept it', async () => {
    await openOnHub(db, OP, commander);
    await admitStation(db, OP, commander, { pairingId: 'q'.repeat(22), publicKey: clerk.publicKey, name: '证据组电脑', sas: '654 321' }, { role: 'evidenceClerk' });
    const store = (await ready(db, OP))!;
    // Two of the clerk's entries have reached this station.
    let head: { seq: number; hash: string } | null = null;
    const arrived: StationEntry[] = [];
    for (const text of ['开始全程录像', '1 号记录仪更换电池']) {
      const { entry } = await createEntry(clerk, { op: OP, head, hlc: HLC_ZERO, seen: {}, boot: 'b' }, { operator: { personId: '', name: '钱磊' }, group: 'evidence', category: 'note', text, refs: {}, files: [] }, { wallMs: Date.now(), monoMs: 1 });
      head = { seq: entry.seq, hash: entry.hash };
      arrived.push(entry);
    }
    expect(await store.put(arrived.map((entry) => ({ entry })))).toEqual([]);
    expect(await catchUp(db, store)).toEqual({ projected: 2, refused: 0, pending: 0 });

    expect(await revokeStation(db, OP, commander, { key: clerk.publicKey, name: '证据组电脑' })).toBe(3);
    const revoke = (called('hubSubmit').at(-1)!['entries'] as StationEntry[])[0]!;
    expect(revoke.data).toEqual({ action: 'revoke', station: clerk.publicKey, name: '证据组电脑', fromSeq: 3 });

    calls.refuse = '记录已存在且版本不同';
    await expect(revokeStation(db, OP, commander, { key: clerk.publicKey, name: '证据组电脑' })).rejects.toThrow('同步中心未接受：记录已存在且版本不同');
  });
});
