// DOM. The PIN records in browser mode: the page is its own host, so they sit in this browser
// profile's IndexedDB (the `operators` table, local to the station, not a record of the
// operation). The page can read and delete them there; 关于 says so plainly.
import type { PinBackend } from '../../../shared/operators/pinStore';
import type { ConsoleDb } from '../data/db';

/** One read-write transaction per step: IndexedDB runs them one at a time across windows. */
export function dexiePinBackend(db: ConsoleDb): PinBackend {
  return {
    step: (operationId, change) =>
      db.transaction('rw', db.operators, async () => {
        const { write, result } = change(await db.operators.where('operationId').equals(operationId).toArray());
        if (write) await db.operators.put(write);
        return result;
      }),
  };
}
