// Node main. A county that runs many operations keeps them in an Apache CouchDB cluster
// (one database per operation). The hub pushes its operation's entries there with
// PouchDB's replicator, and pulls back through its own checks: what comes from the county
// is stored only if it passes the same rules as a station's push (a county copy edited
// into a revision 2 is refused and kept with the reason, like any other).
/// <reference path="./pouchdb.d.ts" />
import PouchDB from 'pouchdb';
import type { OperationStore } from './store';

export interface CountyTarget {
  /** https://couchdb.county.example/op_… — the operation's database on the county server. */
  url: string;
  /** Extra fetch options (credentials header, TLS agent) for the county server. */
  fetch?: (url: string, options: Record<string, unknown>) => Promise<Response>;
}

const remote = (target: CountyTarget) => new PouchDB(target.url, target.fetch ? { fetch: target.fetch } : {});

/** Pushes every accepted entry to the county database; returns how many documents were written. */
export async function pushToCounty(store: OperationStore, target: CountyTarget): Promise<number> {
  const result = await PouchDB.replicate(store.main, remote(target), { filter: (doc: { _id: string }) => doc._id.startsWith('e.') });
  return result.docs_written;
}

/**
 * Pulls the county's entries through the hub's checks, from the last pulled change on
 * (kept as a _local document, so a restart resumes). Returns accepted and refused counts.
 */
export async function pullFromCounty(store: OperationStore, target: CountyTarget): Promise<{ accepted: number; refused: number }> {
  const db = remote(target);
  const checkpointId = `_local/county-pull-${Buffer.from(target.url).toString('base64url')}`;
  const checkpoint = (await store.refused.get(checkpointId).catch(() => ({ _id: checkpointId, since: 0 }))) as { _id: string; _rev?: string; since: number | string };
  let since = checkpoint.since;
  let accepted = 0;
  let refused = 0;
  for (;;) {
    const batch = await db.changes({ since, limit: 100, include_docs: true, attachments: true, style: 'all_docs' });
    if (batch.results.length === 0) break;
    const docs = batch.results.filter((c) => c.id.startsWith('e.') || c.deleted).map((c) => c.doc ?? { _id: c.id, _deleted: true });
    const results = await store.write(docs, `county:${target.url}`);
    accepted += results.filter((r) => 'ok' in r).length;
    refused += results.filter((r) => 'error' in r).length;
    since = batch.last_seq;
  }
  await store.refused.put({ ...checkpoint, since });
  return { accepted, refused };
}
