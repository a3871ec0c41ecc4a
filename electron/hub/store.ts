// Node main. One operation's databases on the hub (PouchDB over LevelDB in the data folder):
// `main` holds every accepted entry, `field` what field devices (group leaders, observers)
// may hold, `refused` every refused document with its reason. All writes of one operation
// pass through one queue, so checking and storing an entry is one step: two pushes of
// conflicting documents cannot both pass the check.
/// <reference path="./pouchdb.d.ts" />
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import PouchDB from 'pouchdb';
import { checkEntryDoc, entryDoc, ENTRY_PREFIX, operationDbName, withheldDoc, writerRange, type EntryDoc } from '../../shared/stations/docs';
import { admission, foldRoster, type Roster } from '../../shared/stations/roster';
import { fieldMayHold, withhold } from '../../shared/stations/redaction';
import { headsOf } from '../../shared/stations/chains';
import { nativeHashHex, nativeVerify } from './nativeVerify';
import type { Head, StationEntry } from '../../shared/stations/types';

export type Db = PouchDB.Database;

export type WriteResult = { ok: true; id: string; rev: string } | { id: string; error: 'forbidden'; reason: string };

export interface OperationStoreOptions {
  op: string;
  /** The commander station's key: the genesis writer this hub trusts. */
  anchor: string;
  dir: string;
  /** Called after a roster entry was accepted (credentials follow the roster). */
  onRoster?: (roster: Roster) => void;
}

export class OperationStore {
  readonly op: string;
  readonly anchor: string;
  readonly name: string;
  readonly main: Db;
  readonly field: Db;
  readonly refused: Db;
  roster: Roster;
  /** writer → seq → hashes held: fork detection without reading the database. */
  private readonly index = new Map<string, Map<number, string[]>>();
  private queue: Promise<unknown> = Promise.resolve();
  private readonly onRoster: ((roster: Roster) => void) | undefined;

  private constructor(options: OperationStoreOptions) {
    this.op = options.op;
    this.anchor = options.anchor;
    this.name = operationDbName(options.op);
    this.main = new PouchDB(path.join(options.dir, this.name));
    this.field = new PouchDB(path.join(options.dir, `${this.name}--field`));
    this.refused = new PouchDB(path.join(options.dir, `${this.name}--refused`));
    this.roster = foldRoster([], options.anchor);
    this.onRoster = options.onRoster;
  }

  static async open(options: OperationStoreOptions): Promise<OperationStore> {
    const store = new OperationStore(options);
    const entries = await store.entries();
    for (const e of entries) store.remember(e);
    store.roster = foldRoster(entries, store.anchor);
    // A crash between writing `main` and `field` leaves field behind: refill it idempotently.
    await store.fillField(entries);
    return store;
  }

  async entries(): Promise<StationEntry[]> {
    const all = await this.main.allDocs({ include_docs: true, startkey: ENTRY_PREFIX, endkey: `${ENTRY_PREFIX}\uffff` });
    return all.rows.map((r) => (r.doc as unknown as EntryDoc).entry);
  }

  async writerHead(writer: string): Promise<Head | null> {
    const r = await this.main.allDocs({ ...writerRange(writer), descending: true, startkey: writerRange(writer).endkey, endkey: writerRange(writer).startkey, limit: 1, include_docs: true });
    const e = (r.rows[0]?.doc as unknown as EntryDoc | undefined)?.entry;
    return e ? { seq: e.seq, hash: e.hash } : null;
  }

  heads(entries: StationEntry[]): Map<string, Head> {
    return headsOf(entries);
  }

  private remember(e: StationEntry): void {
    let chain = this.index.get(e.writer);
    if (!chain) this.index.set(e.writer, (chain = new Map()));
    const at = chain.get(e.seq) ?? [];
    if (!at.includes(e.hash)) at.push(e.hash);
    chain.set(e.seq, at);
  }

  private async fillField(entries: StationEntry[]): Promise<void> {
    const docs = entries.map((e) => (fieldMayHold(e) ? entryDoc(e) : withheldDoc(withhold(e))));
    const have = await this.field.allDocs({ keys: docs.map((d) => d._id) });
    const missing = docs.filter((_, i) => { const row = have.rows[i] as { error?: string }; return row?.error !== undefined; });
    if (missing.length) await this.field.bulkDocs(missing as never[], { new_edits: false });
  }

  private serial<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task, task);
    this.queue = run.catch(() => undefined);
    return run;
  }

  /**
   * Checks and stores documents pushed by `from` (a station key, or 'hub'). Entries of one
   * batch are checked in order, so a commander's genesis and pairings can come together.
   * A document already held identically is acknowledged again (replication resends).
   */
  write(docs: readonly unknown[], from: string): Promise<WriteResult[]> {
    return this.serial(async () => {
      const results: WriteResult[] = [];
      const accepted: Array<{ doc: Record<string, unknown>; entry: StationEntry }> = [];
      const refusedDocs: Array<{ doc: unknown; reason: string }> = [];
      const ids = docs.map((d) => (d && typeof d === 'object' && typeof (d as { _id?: unknown })._id === 'string' ? (d as { _id: string })._id : ''));
      const existing = await this.main.allDocs({ keys: ids.filter(Boolean) });
      const held = new Map(existing.rows.filter((r) => 'value' in r && r.value && !(r.value as { deleted?: boolean }).deleted).map((r) => [r.key, (r as { value: { rev: string } }).value.rev]));
      const batch = new Set<string>();
      let rosterChanged = false;
      for (const [i, raw] of docs.entries()) {
        const id = ids[i] || '(无编号)';
        const refuse = (reason: string) => {
          results.push({ id, error: 'forbidden', reason });
          refusedDocs.push({ doc: raw, reason });
        };
        if (!raw || typeof raw !== 'object') {
          refuse('不是文档');
          continue;
        }
        const doc = raw as Record<string, unknown>;
        const check = checkEntryDoc(doc, this.op, nativeVerify, false, nativeHashHex);
        if (!check.ok) {
          refuse(check.reason);
          continue;
        }
        const entry = check.entry;
        const rev = doc['_rev'] as string;
        if (held.has(id) || batch.has(id)) {
          // Same id means same hash, hence the same content and rev (checked above).
          if (held.has(id) && held.get(id) !== rev) refuse(`记录已存在且版本不同：拒绝覆盖（${id}）`);
          else results.push({ ok: true, id, rev });
          continue;
        }
        const refusedByRoster = admission(this.roster, entry);
        if (refusedByRoster) {
          refuse(refusedByRoster);
          continue;
        }
        const forkedWith = this.index.get(entry.writer)?.get(entry.seq)?.filter((h) => h !== entry.hash) ?? [];
        if (forkedWith.length) refusedDocs.push({ doc: { flag: 'fork', id, with: forkedWith }, reason: `分叉：同一工作站第 ${entry.seq} 条已有另一条记录，两条均保留并标记` });
        accepted.push({ doc, entry });
        batch.add(id);
        this.remember(entry);
        if (entry.writer === this.anchor && entry.category === 'roster') {
          this.roster = foldRoster([...(await this.entries()), ...accepted.map((a) => a.entry)], this.anchor);
          rosterChanged = true;
        }
        results.push({ ok: true, id, rev });
      }
      if (accepted.length) {
        const stored = accepted.map(({ doc }) => {
          const { _revisions: _r, ...rest } = doc;
          return { ...rest, _revisions: { start: 1, ids: [(doc['_rev'] as string).slice(2)] } };
        });
        // Both written before anyone is answered; side by side, the pushing station waits for one
        // LevelDB write, not two. After a crash between them fillField refills `field` from `main`
        // at open; an entry only `field` got was checked, and its station, unanswered, pushes it again.
        await Promise.all([
          this.main.bulkDocs(stored as never[], { new_edits: false }),
          this.field.bulkDocs(
            accepted.map(({ doc, entry }) => (fieldMayHold(entry) ? { ...doc, _revisions: { start: 1, ids: [(doc['_rev'] as string).slice(2)] } } : withheldDoc(withhold(entry)))) as never[],
            { new_edits: false },
          ),
        ]);
      }
      await this.keepRefused(refusedDocs, from);
      if (rosterChanged) this.onRoster?.(this.roster);
      return results;
    });
  }

  /** Keeps refused documents (and fork flags) with the reason, for the record. */
  async keepRefused(items: ReadonlyArray<{ doc: unknown; reason: string }>, from: string): Promise<void> {
    if (!items.length) return;
    const at = new Date().toISOString();
    await this.refused.bulkDocs(items.map((r, i) => ({ _id: `r.${at}.${String(i).padStart(4, '0')}.${randomUUID()}`, at, from, reason: r.reason, doc: r.doc as never })));
  }

  /** What the hub refused or flagged, oldest first. */
  async refusals(): Promise<Array<{ at: string; from: string; reason: string; doc: unknown }>> {
    const all = await this.refused.allDocs({ include_docs: true });
    return all.rows.map((r) => r.doc as unknown as { at: string; from: string; reason: string; doc: unknown });
  }

  async close(): Promise<void> {
    await Promise.all([this.main.close(), this.field.close(), this.refused.close()]);
  }
}
