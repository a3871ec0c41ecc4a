// DOM. A Web Worker of verifyLog for format-2 entries: opens the operation's station store
// (PouchDB, the same IndexedDB database the page writes) and verifies it with
// StationsChecker, so hashing and signature checks never hold up the page or an append.
import { pouchDB } from '../stations/pouch';
import { StationsChecker, type StationsSummary } from './stationsCheck';

export interface StationsRequest {
  id: number;
  /** The PouchDB database's name (renderer/src/stations/local.ts storeName). */
  name: string;
  op: string;
  full: boolean;
}

export type StationsResponse = { id: number; summary: StationsSummary } | { id: number; error: string };

const checkers = new Map<string, StationsChecker>();

addEventListener('message', (event: MessageEvent<StationsRequest>) => {
  const { id, name, op, full } = event.data;
  const checked = (async () => {
    let checker = checkers.get(name);
    if (!checker) checkers.set(name, (checker = new StationsChecker(new (await pouchDB())(name, { auto_compaction: false }), op)));
    return checker.check(full);
  })();
  checked.then(
    (summary) => postMessage({ id, summary } satisfies StationsResponse),
    (error: unknown) => postMessage({ id, error: error instanceof Error ? error.message : String(error) } satisfies StationsResponse),
  );
});
