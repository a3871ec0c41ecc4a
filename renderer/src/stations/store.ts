// DOM. This station's copy of an operation's record: every station's entries in one
// PouchDB database (IndexedDB adapter), appended to only through append() — one station's
// appends are serialised across tabs with a Web Lock — and replicated with the hub.
// Ids carry writer, seq and hash (shared/stations/docs.ts): two different entries with the
// same writer and seq are two documents, both kept, and verification flags the fork. A
// document that arrives as a revision other than the one its hash gives (a hub or a copy
// that was edited) is not taken for the entry: the original revision stays in the revision
// tree (no compaction), is read instead, and the arrival is kept as a flag.
// The store keeps a small index in memory (each writer's seqs and hashes, the roster
// entries, the heads and the clock), filled by one pass over the documents at open and kept
// up by the changes feed: appends and arrivals are checked against it without a re-read.
// A store opened with `keep` (the station page) also keeps the entries themselves, so its
// views and its running verification read no document twice (verifyHeld()).
import { verifyStations, type StationsVerdict, type VerifyOptions } from '../../../shared/stations/chains';
import {
  checkEntryDoc,
  entryDoc,
  entryDocId,
  entryRev,
  ENTRY_PREFIX,
  WITHHELD_PREFIX,
  writerRange,
  type EntryDoc,
  type InlineAttachment,
  type WithheldDoc,
} from '../../../shared/stations/docs';
import { fromBase64, toBase64 } from '../../../shared/stations/encoding';
import { createEntry, seenMark, type EntryInput } from '../../../shared/stations/entry';
import { compareHlc, HLC_ZERO, hlcReceive } from '../../../shared/stations/hlc';
import { admission, foldRoster, rosterRecord } from '../../../shared/stations/roster';
import type { Signer } from '../../../shared/stations/signer';
import type { WithheldEntry } from '../../../shared/stations/redaction';
import type { FileRef, Head, Hlc, StationEntry } from '../../../shared/stations/types';
import { entryHashHex, warmEntryHash } from './entryHash';
import { exclusiveLingering } from './locks';
import { signatureValid } from './webVerify';
import { pouchDB, type PouchChange, type PouchChangesFeed, type PouchDatabase, type PouchDoc, type PouchReplication, type PouchStatic } from './pouch';

export interface Flag {
  id: string;
  reason: string;
  at: string;
}

export interface Attachment {
  name: string;
  contentType: string;
  bytes: Uint8Array;
}

/** The PouchDB constructor a store is opened with: the browser's (IndexedDB) by default, another adapter in tests. */
export type PouchFactory = (name: string) => PouchDatabase;

export type HeldVerdict = StationsVerdict & { refused: Array<{ entry: StationEntry; reason: string }> };

export interface StoreOptions {
  /** The PouchDB database's name; `station-<op>` by default. */
  name?: string;
  database?: PouchFactory;
  /**
   * Keep every entry taken in memory (the station page, whose views are rebuilt from the
   * whole record after arrivals): heldEntries() and verifyHeld() then read nothing. Off in the
   * app, whose operations may hold 100 000 entries and whose records are projected to Dexie.
   */
  keep?: boolean;
}

/** Sent with every request to the hub: this station's clock (epoch ms) and last round trip, for the hub's offset log. */
const CLOCK_HEADER = 'X-Station-Clock';
const RTT_HEADER = 'X-Station-Rtt';
/** The http name a remote at a non-http origin (Electron's app://) is given for PouchDB; never fetched. */
const REMOTE_STAND_IN = 'http://app-origin.invalid';
const REVOKED_HEADER = 'X-Station-Revoked';
/**
 * Documents per replication batch (PouchDB's default is 100): a station far behind catches
 * up in a fifth of the round trips, checkpoints and IndexedDB transactions. Live, a batch
 * holds what changed since the last one, usually one entry.
 */
const SYNC_BATCH = 500;
/**
 * The push's checkpoint is kept on the hub only: live, every append was followed by a
 * checkpoint read and write in this database, queued with the next append's write. Safe: the
 * replication's id names this database's own id, so a database made afresh starts from 0, and
 * a checkpoint the hub lost only makes the push offer every entry again (the hub keeps none
 * twice). The pull keeps its checkpoint on both sides (PouchDB's default): one kept here only
 * would skip a recreated hub's first entries.
 */
const PUSH_CHECKPOINT = { checkpoint: 'target' };
/** How long this page keeps the append lock after an append: the next of a burst does not ask the browser for it again. */
const APPEND_LOCK_LINGER_MS = 100;
/** Documents per request when a station catches up before replicating live (catchUp()). */
const CATCH_UP_PAGE = 1000;
/** Where the catch-up keeps the hub's sequence it has taken up to (a local document: never replicated). */
const CATCH_UP_ID = '_local/station-catch-up';
/** Documents read per request when the store opens. */
const OPEN_CHUNK = 2000;

const bootId = crypto.randomUUID();

const headName = (head: Head | null) => (head ? `${head.seq}:${head.hash}` : '0');
/** A value every tab of this profile reads at once; null where there is no localStorage (workers, Node tests): the head is then always read. */
const sharedValue = (key: string): string | null => (typeof localStorage === 'undefined' ? null : localStorage.getItem(key));
function nameShared(key: string, value: string): void {
  if (typeof localStorage === 'undefined') return;
  try {
    localStorage.setItem(key, value);
  } catch {
    localStorage.removeItem(key); // storage full: the next append reads the head
  }
}
const originalRev = (id: string) => `1-${id.slice(-64, -32)}`;

export class StationStore {
  readonly db: PouchDatabase;
  private hlc: Hlc = HLC_ZERO;
  private heads = new Map<string, Head>();
  /** writer → seq → hashes held (more than one: a fork). */
  private readonly chains = new Map<string, Map<number, string[]>>();
  private readonly rosterEntries = new Map<string, StationEntry>();
  private count = 0;
  private readonly flags: Flag[] = [];
  private feed?: PouchChangesFeed;
  private sync?: PouchReplication;
  private readonly listeners = new Set<() => void>();
  private readonly entryListeners = new Set<(entries: StationEntry[]) => void>();
  private lastRtt = 0;
  /** hash → entry, with `keep`: every sound entry held. */
  private readonly kept: Map<string, StationEntry> | undefined;
  /** Hashes of entries whose signature verifyHeld() has checked (their bytes never change: the hash names them). */
  private readonly signed = new Set<string>();
  /** Counts startSync/stopSync calls: a catch-up that ends after a stop (or a wipe) starts nothing. */
  private syncRun = 0;

  private constructor(
    readonly op: string,
    readonly signer: Signer,
    private readonly PouchDB: PouchStatic,
    options: StoreOptions,
  ) {
    const name = options.name ?? `station-${op}`;
    this.db = options.database ? options.database(name) : new PouchDB(name, { auto_compaction: false });
    this.kept = options.keep ? new Map() : undefined;
  }

  /**
   * Opens the station's store for an operation: one pass over the documents held (the
   * index), then the changes feed for own appends and replicated entries.
   */
  static async open(op: string, signer: Signer, options: StoreOptions = {}): Promise<StationStore> {
    const [PouchDB] = await Promise.all([pouchDB(), warmEntryHash()]);
    const store = new StationStore(op, signer, PouchDB, options);
    const info = await store.db.info();
    let startkey = ENTRY_PREFIX;
    for (;;) {
      const page = await store.db.allDocs({ include_docs: true, conflicts: true, startkey, endkey: `${ENTRY_PREFIX}\uffff`, limit: OPEN_CHUNK + 1 });
      const rows = page.rows.slice(0, OPEN_CHUNK);
      for (const row of rows) {
        const doc = row.doc as unknown as Record<string, unknown> & { _rev: string; _conflicts?: string[] };
        await store.take(row.id, doc, [doc._rev, ...(doc._conflicts ?? [])]);
      }
      if (page.rows.length <= OPEN_CHUNK) break;
      startkey = page.rows[OPEN_CHUNK]!.id;
    }
    store.feed = store.db
      .changes({ live: true, since: info.update_seq, include_docs: true, style: 'all_docs' })
      .on('change', (change) => void store.onChange(change));
    return store;
  }

  /** Checks a document read or arrived and, if it is a sound entry, indexes it. Returns the entry taken. */
  private async take(id: string, doc: Record<string, unknown> | undefined, revs: string[]): Promise<StationEntry | null> {
    if (!id.startsWith(ENTRY_PREFIX) || !doc) return null;
    const expected = originalRev(id);
    const check = checkEntryDoc(doc, this.op, 'deferred', true, entryHashHex);
    const sound = check.ok && doc['_rev'] === expected;
    if (!sound || revs.some((r) => r !== expected)) {
      this.flag(id, check.ok ? `收到记录的其他版本（${revs.join('、')}），保留原始版本并标记` : check.reason);
    }
    let entry = sound && check.ok ? check.entry : null;
    if (!entry && doc['_rev'] !== expected) {
      const kept = (await this.db.get(id, { rev: expected }).catch(() => undefined)) as Record<string, unknown> | undefined;
      const again = kept ? checkEntryDoc(kept, this.op, 'deferred', true, entryHashHex) : undefined;
      if (again?.ok) entry = again.entry;
    }
    if (!entry) return null;
    // Signatures are checked by verification (each head's covers its chain) and on receiving; here: shape, ids, hash, attachments.
    this.index(entry);
    return entry;
  }

  private index(entry: StationEntry): void {
    this.kept?.set(entry.hash, entry);
    let chain = this.chains.get(entry.writer);
    if (!chain) this.chains.set(entry.writer, (chain = new Map()));
    const at = chain.get(entry.seq) ?? [];
    if (at.includes(entry.hash)) return;
    at.push(entry.hash);
    chain.set(entry.seq, at);
    this.count++;
    if (entry.category === 'roster') this.rosterEntries.set(entry.hash, entry);
    const head = this.heads.get(entry.writer);
    if (!head || entry.seq > head.seq) this.heads.set(entry.writer, { seq: entry.seq, hash: entry.hash });
    this.hlc =
      entry.writer === this.signer.publicKey ? (compareHlc(entry.hlc, this.hlc) > 0 ? entry.hlc : this.hlc) : hlcReceive(this.hlc, entry.hlc, Date.now());
  }

  private async onChange(change: PouchChange): Promise<void> {
    const entry = await this.take(change.id, change.doc as unknown as Record<string, unknown> | undefined, change.changes.map((c) => c.rev));
    for (const l of this.listeners) l();
    if (entry) for (const l of this.entryListeners) l([entry]);
  }

  private flag(id: string, reason: string): void {
    if (this.flags.some((f) => f.id === id && f.reason === reason)) return;
    this.flags.push({ id, reason, at: new Date().toISOString() });
    for (const l of this.listeners) l();
  }

  /** Called on every change: own appends, replicated entries, flags. */
  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Called with each entry that reaches the store after it opened (own appends from any tab, replicated entries). */
  onEntries(listener: (entries: StationEntry[]) => void): () => void {
    this.entryListeners.add(listener);
    return () => this.entryListeners.delete(listener);
  }

  flagged(): readonly Flag[] {
    return this.flags;
  }

  /** How many entries the store holds (forks counted). */
  size(): number {
    return this.count;
  }

  /** The hashes held of `writer`'s entry number `seq` (two or more: a fork). */
  held(writer: string, seq: number): readonly string[] {
    return this.chains.get(writer)?.get(seq) ?? [];
  }

  /** Every entry held, as writer, seq and hash (from the index: no read). */
  list(): Array<{ writer: string; seq: number; hash: string }> {
    const out: Array<{ writer: string; seq: number; hash: string }> = [];
    for (const [writer, chain] of this.chains) for (const [seq, hashes] of chain) for (const hash of hashes) out.push({ writer, seq, hash });
    return out;
  }

  /** The entries named, each read at the revision its hash gives; those not held are left out. */
  async read(refs: ReadonlyArray<{ writer: string; seq: number; hash: string }>): Promise<StationEntry[]> {
    const out: StationEntry[] = [];
    for (let i = 0; i < refs.length; i += OPEN_CHUNK) {
      const ids = refs.slice(i, i + OPEN_CHUNK).map((r) => entryDocId(r));
      const rows = (await this.db.allDocs({ keys: ids, include_docs: true })).rows;
      for (const row of rows) {
        if (!('doc' in row) || !row.doc) continue;
        const doc = row.doc as unknown as EntryDoc;
        const original = originalRev(row.id);
        const kept = doc._rev === original ? doc : ((await this.db.get(row.id, { rev: original }).catch(() => undefined)) as EntryDoc | undefined);
        if (kept && entryRev(kept.entry) === original && entryDocId(kept.entry) === row.id) out.push(kept.entry);
      }
    }
    return out;
  }

  /** The roster entries held (genesis, pairings, role changes, revocations), for the roster fold. */
  roster(): StationEntry[] {
    return [...this.rosterEntries.values()];
  }

  /** This station's head as the database holds it: its last entry by seq. */
  private async storedHead(): Promise<Head | null> {
    const range = writerRange(this.signer.publicKey);
    const last = await this.db.allDocs({ startkey: range.endkey, endkey: range.startkey, descending: true, limit: 1 });
    const id = last.rows[0]?.id;
    return id ? { seq: Number(id.split('.')[2]), hash: id.slice(-64) } : null;
  }

  /**
   * Signs and stores the next entry of this station's chain. Appends of this station are
   * serialised across tabs and windows (Web Locks; a page keeps the lock a moment after an
   * append, so a burst asks the browser once: exclusiveLingering), and each names, before it writes, the
   * head it is about to write where every tab of the profile reads it at once (localStorage,
   * synchronous and shared). Inside the lock the head is this store's own index's when that
   * is the head last named: no tab has appended since this store saw its last append (an
   * append under way or cut short by a crash has named a head this store has not indexed).
   * Otherwise it is read from the database. Two tabs never write the same seq, and an append
   * does not wait for a read queued behind replication's writes. Resolves once PouchDB has
   * written the entry: it is then the record, whatever happens to the projection.
   */
  async append(input: Omit<EntryInput, 'files'>, attachments: Attachment[] = []): Promise<StationEntry> {
    const files: FileRef[] = attachments.map((a) => ({ name: a.name, sha256: entryHashHex(a.bytes), contentType: a.contentType, size: a.bytes.length }));
    const inline: Record<string, InlineAttachment> = Object.fromEntries(attachments.map((a) => [a.name, { content_type: a.contentType, data: toBase64(a.bytes) }]));
    const named = `enforcement-console.station-head.${this.db.name}.${this.signer.publicKey}`;
    return exclusiveLingering(`station-append:${this.db.name}:${this.signer.publicKey}`, async () => {
      const indexed = this.ownHead();
      const head = sharedValue(named) === headName(indexed) ? indexed : await this.storedHead();
      const seen: Record<string, string> = {};
      for (const [w, h] of this.heads) if (w !== this.signer.publicKey) seen[w] = seenMark(h);
      const { entry, hlc } = await createEntry(this.signer, { op: this.op, head, hlc: this.hlc, seen, boot: bootId }, { ...input, files }, { wallMs: Date.now(), monoMs: performance.now() });
      nameShared(named, headName(entry));
      const [result] = await this.db.bulkDocs([entryDoc(entry, inline) as never], { new_edits: false });
      if (result && 'error' in result && result.error) throw new Error(`记录未能保存：${String((result as { reason?: string }).reason ?? result.error)}`);
      this.index(entry);
      this.hlc = hlc;
      return entry;
    }, APPEND_LOCK_LINGER_MS);
  }

  /**
   * Stores entries made elsewhere (a backup's, or in tests another station's), exactly as
   * signed, with their attachments: each document must pass the rules replication applies
   * (shared/stations/docs.ts). Returns the reasons of those refused.
   */
  async put(entries: ReadonlyArray<{ entry: StationEntry; files?: Attachment[] }>): Promise<string[]> {
    const problems: string[] = [];
    const docs: EntryDoc[] = [];
    for (const { entry, files = [] } of entries) {
      const doc = entryDoc(entry, Object.fromEntries(files.map((f) => [f.name, { content_type: f.contentType, data: toBase64(f.bytes) }])));
      const check = checkEntryDoc(doc as unknown as Record<string, unknown>, this.op, 'deferred', false, entryHashHex);
      if (check.ok) docs.push(doc);
      else problems.push(check.reason);
    }
    for (let i = 0; i < docs.length; i += 500) {
      const results = await this.db.bulkDocs(docs.slice(i, i + 500) as never[], { new_edits: false });
      for (const r of results) if ('error' in r && r.error) problems.push(`记录未能保存：${String((r as { reason?: string }).reason ?? r.error)}`);
    }
    for (const doc of docs) this.index(doc.entry);
    return problems;
  }

  /**
   * The bytes of an entry's files, as stored with it, each checked against the SHA-256 and
   * size its entry lists. Throws, naming the file, when one is missing or differs.
   */
  async files(entry: StationEntry): Promise<Attachment[]> {
    if (!entry.files?.length) return [];
    const doc = (await this.db.get(entryDocId(entry), { rev: entryRev(entry), attachments: true })) as unknown as EntryDoc;
    return entry.files.map((f) => {
      const data = doc._attachments?.[f.name]?.data;
      const bytes = typeof data === 'string' ? fromBase64(data) : undefined;
      if (!bytes) throw new Error(`缺少附件「${f.name}」`);
      if (bytes.length !== f.size || entryHashHex(bytes) !== f.sha256) throw new Error(`附件「${f.name}」与记录登记的 SHA-256 不符`);
      return { name: f.name, contentType: f.contentType, bytes };
    });
  }

  /** Every entry held, each read at the revision its hash gives (never a later one). */
  async entries(): Promise<StationEntry[]> {
    const all = await this.db.allDocs({ include_docs: true, startkey: ENTRY_PREFIX, endkey: `${ENTRY_PREFIX}\uffff`, conflicts: true });
    const out: StationEntry[] = [];
    for (const row of all.rows) {
      const doc = row.doc as unknown as EntryDoc & { _conflicts?: string[] };
      const original = originalRev(row.id);
      if (doc._rev === original && !doc._conflicts?.length) out.push(doc.entry);
      else {
        this.flag(row.id, `该记录有其他版本（${[doc._rev, ...(doc._conflicts ?? [])].join('、')}），按原始版本读取并标记`);
        const kept = (await this.db.get(row.id, { rev: original }).catch(() => undefined)) as EntryDoc | undefined;
        if (kept && entryRev(kept.entry) === original) out.push(kept.entry);
      }
    }
    return out;
  }

  /** Entries this (field) station holds only as stubs: the hub withheld their content from its role. */
  async withheld(): Promise<WithheldEntry[]> {
    const all = await this.db.allDocs({ include_docs: true, startkey: WITHHELD_PREFIX, endkey: `${WITHHELD_PREFIX}\uffff` });
    return all.rows.map((r) => (r.doc as unknown as WithheldDoc).withheld);
  }

  /** The entries held: those kept in memory (`keep`), else read as entries() reads them. */
  async heldEntries(): Promise<StationEntry[]> {
    return this.kept ? [...this.kept.values()] : this.entries();
  }

  /** Verification of everything held (chains, forks, rewrites), reread from storage, and the entries the roster refuses, with reasons. */
  verify(signatures: 'heads' | 'all' = 'heads', anchor?: string): Promise<HeldVerdict> {
    return this.entries().then((entries) => this.verdictOf(entries, signatures, anchor));
  }

  /**
   * The running verification a station page shows after arrivals, over the entries kept in
   * memory (`keep`; without it, as verify()). Each was checked for shape and hash when it
   * arrived (take()), from the same immutable bytes: those checks are not repeated. What is
   * new work is each writer's newest entries' signatures (a head's signature covers the chain
   * beneath it), checked with the platform's Ed25519 and remembered by hash. A change made to
   * storage behind PouchDB's back is found by verify(), and by take() when the store opens.
   */
  async verifyHeld(anchor?: string): Promise<HeldVerdict> {
    if (!this.kept) return this.verify('heads', anchor);
    const entries = [...this.kept.values()];
    const parents = new Set(entries.map((e) => `${e.writer}|${e.prev}`));
    const tips = entries.filter((e) => !this.signed.has(e.hash) && !parents.has(`${e.writer}|${e.hash}`));
    const valid = await Promise.all(tips.map(signatureValid));
    tips.forEach((e, i) => valid[i] && this.signed.add(e.hash));
    return this.verdictOf(entries, 'heads', anchor, { hashed: new Set(this.kept.keys()), signed: this.signed });
  }

  private async verdictOf(entries: StationEntry[], signatures: 'heads' | 'all', anchor: string | undefined, known: Pick<VerifyOptions, 'hashed' | 'signed'> = {}): Promise<HeldVerdict> {
    const roster = foldRoster(entries, anchor);
    const verdict = verifyStations(entries, { op: this.op, signatures, name: (w) => rosterRecord(roster, w)?.name, withheld: await this.withheld(), ...known });
    const refused = verdict.entries.flatMap((entry) => {
      const reason = roster.anchor ? admission(roster, entry) : null;
      return reason ? [{ entry, reason }] : [];
    });
    return { ...verdict, refused };
  }

  /** This station's own head, as the store has seen it. */
  ownHead(): Head | null {
    return this.heads.get(this.signer.publicKey) ?? null;
  }

  /** Each writer's highest entry held. */
  writerHeads(): ReadonlyMap<string, Head> {
    return this.heads;
  }

  /**
   * Replicates both ways with the hub, live, retrying while offline. A 401 that says the
   * station was revoked wipes the store and the key (see wipe()), or, with `keepOnRevoke`
   * (the app's laptops, whose records are also in Dexie), only stops replicating.
   */
  startSync(
    dbUrl: string,
    credential: string,
    events: { onRevoked?: () => void; onState?: (state: string) => void; onPushed?: (ids: string[]) => void; keepOnRevoke?: boolean } = {},
  ): void {
    // PouchDB takes only an http(s) name for a remote database; Electron's page lives at
    // app://console, whose /hub/ the main process forwards. Such a remote gets a stand-in
    // http name, and each request goes to its real address.
    const origin = /^https?:\/\//.test(dbUrl) ? undefined : /^[a-z][a-z0-9+.-]*:\/\/[^/]+/i.exec(dbUrl)?.[0];
    const remote = new this.PouchDB(origin ? REMOTE_STAND_IN + dbUrl.slice(origin.length) : dbUrl, {
      skip_setup: true,
      fetch: async (requested: string | Request, opts?: RequestInit) => {
        const url = origin && typeof requested === 'string' && requested.startsWith(REMOTE_STAND_IN) ? origin + requested.slice(REMOTE_STAND_IN.length) : requested;
        const headers = new Headers(opts?.headers);
        headers.set('Authorization', `Bearer ${credential}`);
        headers.set(CLOCK_HEADER, String(Date.now()));
        headers.set(RTT_HEADER, String(Math.round(this.lastRtt)));
        const started = performance.now();
        const res = await fetch(url, { ...opts, headers });
        this.lastRtt = performance.now() - started;
        if (res.status === 401 && res.headers.get(REVOKED_HEADER) === '1') {
          events.onRevoked?.();
          if (events.keepOnRevoke) this.stopSync();
          else void this.wipe();
        }
        return res;
      },
    });
    const run = ++this.syncRun;
    events.onState?.('active');
    void this.catchUp(remote, dbUrl)
      .catch(() => undefined) // offline, refused or revoked: the live replication retries, or the wipe has stopped it
      .then(() => {
        if (run !== this.syncRun) return;
        this.sync = this.db
          .sync(remote, { live: true, retry: true, batch_size: SYNC_BATCH, back_off_function: (delay: number) => Math.min(Math.max(delay * 2, 500), 5000), push: PUSH_CHECKPOINT })
          .on('active', () => events.onState?.('active'))
          .on('change', (info) => {
            const { direction, change } = info as { direction?: string; change?: { docs?: Array<{ _id?: string }> } };
            if (direction === 'push') events.onPushed?.((change?.docs ?? []).flatMap((d) => (d._id ? [d._id] : [])));
          })
          .on('paused', (error) => events.onState?.(error ? 'offline' : 'idle'))
          .on('error', () => events.onState?.('error'));
      });
  }

  /**
   * Before replicating live, takes what the hub holds since the last catch-up, CATCH_UP_PAGE
   * documents per request from its changes feed (documents and attachments included), the
   * next page fetched while this one is written. PouchDB's replicator takes a batch in turn —
   * changes, a local revs_diff, a bulk_get, the write, checkpoints read and written on both
   * sides — and a station thousands of entries behind spent most of its wait on those steps
   * one after the other. Documents are stored as the replicator stores them (as sent, with
   * their revision) and pass the same check on arrival (take(), through the changes feed).
   * The live replication that follows still reads the hub's whole changes feed from its own
   * checkpoint and finds these held (it fetches none again): it alone vouches that nothing
   * was missed. The sequence kept is the hub's, so another hub's starts again from 0.
   */
  private async catchUp(remote: PouchDatabase, from: string): Promise<void> {
    const mark = (await this.db.get(CATCH_UP_ID).catch(() => undefined)) as (PouchDoc & { from?: string; since?: number | string }) | undefined;
    let rev = mark?._rev;
    // The mark follows each page's write without holding up the next page's (one write at a time, in order).
    let marked: Promise<unknown> = Promise.resolve();
    const page = (since: number | string) =>
      remote.changes({ since, limit: CATCH_UP_PAGE, batch_size: CATCH_UP_PAGE, include_docs: true, attachments: true, style: 'all_docs' });
    let next = page(mark?.from === from ? (mark.since ?? 0) : 0);
    for (;;) {
      const got = await next;
      const more = got.results.length >= CATCH_UP_PAGE;
      if (more) {
        next = page(got.last_seq);
        next.then(undefined, () => undefined); // a failed write below must not leave it unhandled
      }
      const docs = got.results.flatMap((r) => (r.doc && !r.deleted && !r.id.startsWith('_') ? [r.doc] : []));
      if (docs.length) await this.db.bulkDocs(docs, { new_edits: false });
      marked = marked.then(async () => {
        rev = (await this.db.bulkDocs([{ _id: CATCH_UP_ID, ...(rev ? { _rev: rev } : {}), from, since: got.last_seq }]))[0]?.rev ?? rev;
      });
      if (!more) return void (await marked);
    }
  }

  stopSync(): void {
    this.syncRun++;
    this.sync?.cancel();
    this.sync = undefined;
  }

  /**
   * A revoked station's wipe, at its next contact with the hub: replication stops, the
   * database is destroyed. The caller forgets the key (identity.ts). Only an honest device
   * does this; a device kept offline keeps what its role allowed it to hold.
   */
  /** Destroys the store once: several 401 answers of one revoked contact arrive together. */
  wipe(): Promise<void> {
    this.stopSync();
    this.feed?.cancel();
    this.wiping ??= this.db.destroy().then(() => undefined);
    return this.wiping;
  }

  private wiping: Promise<void> | undefined;

  async close(): Promise<void> {
    this.stopSync();
    this.feed?.cancel();
    await this.db.close();
  }
}
