// Node (vitest, PouchDB: memory adapter for the station's own database, the http adapter for
// the remote). The station store replicates with `<own origin>/hub/<db>`: in browser mode an
// http origin, in Electron app://console, which PouchDB would not take for a remote database
// by itself. Every request must reach the real address (the page's own origin, whose Node side
// forwards it), never the stand-in name.
import { afterEach, expect, it, vi } from 'vitest';
import PouchDB from 'pouchdb';
import memory from 'pouchdb-adapter-memory';
import { StationStore } from '../../renderer/src/stations/store';
import type { PouchDatabase } from '../../renderer/src/stations/pouch';
import { demoSigner } from '../../shared/stations/signer';

PouchDB.plugin(memory);
vi.mock('pouchdb-browser/lib/index.es.js', async () => {
  const P = (await import('pouchdb')).default;
  P.plugin((await import('pouchdb-adapter-memory')).default);
  return { default: P };
});

afterEach(() => vi.unstubAllGlobals());

it.each([['app://console/hub/op_op-remote'], ['http://127.0.0.1:47830/hub/op_op-remote']])('replicates with %s: every request goes there', async (dbUrl) => {
  const seen: string[] = [];
  vi.stubGlobal('fetch', async (url: string | Request) => {
    seen.push(typeof url === 'string' ? url : url.url);
    return new Response(JSON.stringify({ error: 'unauthorized', reason: 'test' }), { status: 401, headers: { 'content-type': 'application/json' } });
  });
  const store = await StationStore.open('op-remote', demoSigner('远端测试'), { database: (name) => new PouchDB(`${name}-${dbUrl.length}`, { adapter: 'memory' }) as unknown as PouchDatabase });
  store.startSync(dbUrl, '');
  // PouchDB also asks the server root (`…/hub/`, answered by the proxy itself).
  await vi.waitFor(() => expect(seen.some((u) => u.startsWith(`${dbUrl}/`)), seen.join('\n')).toBe(true), { timeout: 5000 });
  await store.close();
  expect(seen.filter((u) => !u.startsWith('app://console/hub/') && !u.startsWith('http://127.0.0.1:47830/hub/')), seen.join('\n')).toEqual([]);
}, 15_000);
