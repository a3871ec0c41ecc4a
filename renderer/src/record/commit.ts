// DOM. The one write path: every act of the console goes through commit(). It checks the
// signed-in person's permission, holds the operation's writes (one act at a time across every
// window of this station), lets the capability read and decide the act with its pure function,
// then stores the act's log entry and applies its record changes together. No other code
// writes the records of an operation.
import type { Actor, Action } from '../../../shared/operators/permissions';
import type { LogEntry } from '../../../shared/log/types';
import type { ActOutcome, RecordChange } from '../../../shared/record/act';
import type { ConsoleDb } from '../data/db';
import { appendLog } from '../log/repository';
import { requirePermission } from '../operators/repository';

export interface ActRequest<R> {
  operationId: string;
  /** The signed-in person who acts. */
  actor: Actor | undefined;
  /**
   * The permission the act needs. 'bootstrap' is only for acts that come before the operation
   * has a roster to sign in from (creating or importing it).
   */
  action: Action | 'bootstrap';
  /**
   * Reads what the act needs and decides it (with the capability's pure function), while the
   * operation's writes are held: what it reads cannot change before the outcome is stored.
   * Throws an Error with the Chinese reason to refuse. It must not call commit() itself.
   */
  build: (db: ConsoleDb) => Promise<ActOutcome<R>>;
}

export interface Committed<R> {
  entry: LogEntry;
  result: R;
}

/** Who is named on an entry made before anyone can sign in. */
export const BOOTSTRAP_OPERATOR = '本工作站';

export async function commit<R>(db: ConsoleDb, request: ActRequest<R>): Promise<Committed<R>> {
  const { operationId, actor, action } = request;
  if (action !== 'bootstrap') await requirePermission(db, operationId, actor, action);
  return exclusive(`enforcement-console.acts.${db.name}.${operationId}`, async () => {
    const outcome = await request.build(db);
    const tables = [...new Set(outcome.changes.map((c) => c.table))].map((name) => db.table(name));
    const entry = await db.transaction('rw', [db.logEntries, ...tables], async () => {
      await applyChanges(db, outcome.changes);
      return appendLog(db, {
        operationId,
        operator: actor?.name ?? BOOTSTRAP_OPERATOR,
        group: outcome.entry.group ?? '',
        category: outcome.entry.category,
        text: outcome.entry.text,
        ...(outcome.entry.refs ? { refs: outcome.entry.refs } : {}),
        ...(outcome.entry.data ? { data: outcome.entry.data } : {}),
        ...(outcome.entry.occurredAt ? { occurredAt: outcome.entry.occurredAt } : {}),
      });
    });
    return { entry, result: outcome.result };
  });
}

async function applyChanges(db: ConsoleDb, changes: readonly RecordChange[]): Promise<void> {
  for (const change of changes) {
    const table = db.table(change.table);
    if (change.op === 'put') await table.put(change.record);
    else await table.delete(change.id);
  }
}

// Web Locks hold the operation across every tab and window of this browser profile (one
// station); where they are missing (unit tests in Node), a queue holds it within this page.
const queues = new Map<string, Promise<unknown>>();

export function exclusive<T>(name: string, run: () => Promise<T>): Promise<T> {
  if (typeof navigator !== 'undefined' && navigator.locks) return navigator.locks.request(name, { mode: 'exclusive' }, run) as Promise<T>;
  const before = queues.get(name) ?? Promise.resolve();
  const next = before.catch(() => undefined).then(run);
  queues.set(name, next);
  return next;
}
