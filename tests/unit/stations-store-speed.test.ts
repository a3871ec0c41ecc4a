// Node (vitest, PouchDB: memory adapter for the station's database; a stock CouchDB-protocol
// server, tests/soak/county-server.cjs, as the remote). What the station store does to be
// fast must not cost the record anything: an append that takes its head from its own index
// never forks when another tab (store) of the profile appended meanwhile; a station far
// behind takes the remote's entries in pages before replicating live, each checked on
// arrival as a replicated one, and its live replication then fetches none again; the append
// lock kept for a burst of appends is still one holder at a time.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import PouchDB from 'pouchdb';
import memory from 'pouchdb-adapter-memory';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { exclusiveLingering } from '../../renderer/src/stations/locks';
import { StationStore } from '../../renderer/src/stations/store';
import type { PouchDatabase } from '../../renderer/src/stations/pouch';
import { entryDoc } from '../../shared/stations/docs';
import { createEntry } from '../../shared/stations/entry';
import { HLC_ZERO } from '../../shared/stations/hlc';
import { demoSigner } from '../../shared/stations/signer';
import type { StationEntry } from '../../shared/stations/types';

PouchDB.plugin(memory);
vi.mock('pouchdb-browser/lib/index.es.js', async () => {
  const P = (await import('pouchdb')).default;
  P.plugin((await import('pouchdb-adapter-memory')).default);
  return { default: P };
});

const OP = 'op-store-speed';
const PORT = 47757;
const operator = { personId: 'p1', name: '张三' };
const memoryDb = (name: string) => new PouchDB(name, { adapter: 'memory' }) as unknown as PouchDatabase;

/** localStorage as the tabs of one browser profile share it. */
function stubSharedStorage(): void {
  const values = new Map<string, string>();
  vi.stubGlobal('localStorage', {
    getItem: (k: string) => values.get(k) ?? null,
    setItem: (k: string, v: string) => void values.set(k, v),
    removeItem: (k: string) => void values.delete(k),
  });
}

afterEach(() => vi.unstubAllGlobals());

describe('an append', () => {
  it('in two tabs of one station, each on its own store of the same database: one chain, no fork, whoever appends', async () => {
    stubSharedStorage();
    const signer = demoSigner('两个标签页');
    // Two PouchDB objects on one database, as two tabs have.
    const [a, b] = await Promise.all([StationStore.open(OP, signer, { database: memoryDb, name: 'speed-two-tabs' }), StationStore.open(OP, signer, { database: memoryDb, name: 'speed-two-tabs' })]);
    const written: StationEntry[] = [];
    for (const s of [a, a, b, a, b, b, a]) written.push(await s.append({ operator, category: 'note', text: `第 ${written.length + 1} 条`, group: '' }));
    expect(written.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    written.slice(1).forEach((e, i) => expect(e.prev).toBe(written[i]!.hash));
    const verdict = await a.verify('all');
    expect(verdict.ok, JSON.stringify(verdict.problems)).toBe(true);
    // Both objects share one database underneath: the first close closes it for both.
    await Promise.allSettled([a.close(), b.close()]);
  });

  it('after this store’s own append reads no head from the database; after another tab’s, it does', async () => {
    stubSharedStorage();
    const signer = demoSigner('读取链头');
    const [a, b] = await Promise.all([StationStore.open(OP, signer, { database: memoryDb, name: 'speed-head-read' }), StationStore.open(OP, signer, { database: memoryDb, name: 'speed-head-read' })]);
    await a.append({ operator, category: 'note', text: '第一条', group: '' });
    const [readsA, readsB] = [vi.spyOn(a.db, 'allDocs'), vi.spyOn(b.db, 'allDocs')];
    await a.append({ operator, category: 'note', text: '第二条', group: '' });
    expect(readsA).not.toHaveBeenCalled();
    const third = await b.append({ operator, category: 'note', text: '第三条', group: '' });
    expect(readsB).toHaveBeenCalledTimes(1);
    expect(third.seq).toBe(3);
    // Both objects share one database underneath: the first close closes it for both.
    await Promise.allSettled([a.close(), b.close()]);
  });
});

describe('a station far behind', () => {
  let server: ChildProcess;
  const remoteUrl = `http://127.0.0.1:${PORT}/speed-behind`;
  const entries: StationEntry[] = [];

  beforeAll(async () => {
    server = spawn(process.execPath, [path.join(__dirname, '../soak/county-server.cjs'), String(PORT)], { stdio: ['ignore', 'pipe', 'inherit'] });
    await new Promise<void>((resolve) => server.stdout!.on('data', (d: Buffer) => d.toString().includes('listening') && resolve()));
    const writer = demoSigner('远端的工作站');
    let head: { seq: number; hash: string } | null = null;
    let hlc = HLC_ZERO;
    for (let i = 0; i < 1500; i++) {
      const made = await createEntry(writer, { op: OP, head, hlc, seen: {}, boot: 'test' }, { operator, category: 'note', text: `现场记录 ${i}`, group: '' }, { wallMs: Date.now(), monoMs: i });
      entries.push(made.entry);
      head = { seq: made.entry.seq, hash: made.entry.hash };
      hlc = made.hlc;
    }
    const remote = new PouchDB(remoteUrl);
    await remote.bulkDocs(entries.map((e) => entryDoc(e)) as never[], { new_edits: false });
  }, 60_000);

  afterAll(() => void server?.kill());

  it('takes the remote’s entries in pages of 1 000 with their documents, checks each, and its live replication fetches none again', async () => {
    const urls: string[] = [];
    const realFetch = globalThis.fetch;
    vi.stubGlobal('fetch', (url: string | Request, init?: RequestInit) => {
      urls.push(typeof url === 'string' ? url : url.url);
      return realFetch(url, init);
    });
    const store = await StationStore.open(OP, demoSigner('迟到的工作站'), { database: () => memoryDb('speed-behind-local'), keep: true });
    const states: string[] = [];
    store.startSync(remoteUrl, '', { onState: (s) => states.push(s) });
    await vi.waitFor(() => expect(store.size()).toBe(entries.length), { timeout: 30_000, interval: 50 });
    await vi.waitFor(() => expect(states.at(-1)).toBe('idle'), { timeout: 30_000, interval: 50 });
    const pages = urls.filter((u) => u.includes('/_changes?') && u.includes('include_docs=true'));
    expect(pages).toHaveLength(2);
    expect(pages.every((u) => u.includes('limit=1000'))).toBe(true);
    // The live replication reads the feed and finds every entry held: it asks for no document.
    expect(urls.filter((u) => u.includes('/_bulk_get') || u.includes('/_all_docs'))).toEqual([]);
    const held = await store.heldEntries();
    expect(held.map((e) => e.hash).sort()).toEqual(entries.map((e) => e.hash).sort());
    const verdict = await store.verifyHeld();
    expect(verdict.ok, JSON.stringify(verdict.problems)).toBe(true);
    await store.close();
  }, 60_000);

  it('a document changed on the remote is not taken for the entry: flagged, the others held', async () => {
    const remote = new PouchDB(`${remoteUrl}-changed`);
    const [first, second] = entries;
    const changed = { ...entryDoc(second!), entry: { ...second!, text: '被改动的内容' } };
    await remote.bulkDocs([entryDoc(first!), changed] as never[], { new_edits: false });
    const store = await StationStore.open(OP, demoSigner('迟到的工作站'), { database: () => memoryDb('speed-changed-local'), keep: true });
    store.startSync(`${remoteUrl}-changed`, '');
    await vi.waitFor(() => expect(store.flagged().map((f) => f.reason)).toContain('记录内容与其哈希值不符（第 2 条）'), { timeout: 30_000, interval: 50 });
    expect(store.size()).toBe(1);
    await store.close();
  }, 60_000);
});

describe('the append lock', () => {
  /** A Web Locks manager as the browser process keeps it: one holder per name, requests counted. */
  function stubLocks(): { requests: () => number } {
    let requests = 0;
    const queues = new Map<string, Promise<unknown>>();
    vi.stubGlobal('navigator', {
      locks: {
        request: (name: string, _options: unknown, run: () => Promise<unknown>) => {
          requests++;
          const next = (queues.get(name) ?? Promise.resolve()).then(run);
          queues.set(name, next.catch(() => undefined));
          return next;
        },
      },
    });
    return { requests: () => requests };
  }

  it('is asked of the browser once for a burst of this page’s runs, kept in order; another page waits for the linger to pass', async () => {
    const locks = stubLocks();
    const order: number[] = [];
    for (let i = 0; i < 5; i++) await exclusiveLingering('burst', async () => void order.push(i), 50);
    expect(order).toEqual([0, 1, 2, 3, 4]);
    expect(locks.requests()).toBe(1);
    const askedAt = performance.now();
    await navigator.locks.request('burst', { mode: 'exclusive' }, async () => undefined); // another page
    expect(performance.now() - askedAt).toBeGreaterThanOrEqual(40);
    await exclusiveLingering('burst', async () => void order.push(5), 50);
    expect(locks.requests()).toBe(3);
  });

  it('passes on a run’s failure without holding up the next', async () => {
    stubLocks();
    await expect(exclusiveLingering('fails', () => Promise.reject(new Error('写入失败')), 20)).rejects.toThrow('写入失败');
    await expect(exclusiveLingering('fails', async () => 7, 20)).resolves.toBe(7);
  });
});
