// DOM. This station's copy of an operation's record: every station's entries in one
// PouchDB database (IndexedDB adapter), appended to only through append() — one station's
// appends are serialised across tabs with a Web Lock — and replicated with the hub.
// Ids carry writer, seq and hash (shared/stations/docs.ts): two different entries with the
// same writer and seq are two documents, both kept, and verification flags the fork. A
// document that arrives as a revision other than the one its hash gives (a hub or a copy
// that was edited) is not taken for the entry: the original revision stays in the revision
// tree (no compaction), is read instead, and the arrival is kept as a flag.
import PouchDB from 'pouchdb-browser';
import { sha256Hex } from '../../../shared/stations/canonical';
import { verifyStations, type StationsVerdict } from '../../../shared/stations/chains';
import { checkEntryDoc, entryDoc, entryRev, ENTRY_PREFIX, WITHHELD_PREFIX, writerRange, type EntryDoc, type InlineAttachment, type WithheldDoc } from '../../../shared/stations/docs';
import { toBase64 } from '../../../shared/stations/encoding';
import { createEntry, seenMark, type EntryInput } from '../../../shared/stations/entry';
import { HLC_ZERO, hlcReceive } from '../../../shared/stations/hlc';
import { admission, foldRoster } from '../../../shared/stations/roster';
import type { Signer } from '../../../shared/stations/signer';
import type { WithheldEntry } from '../../../shared/stations/redaction';
import type { FileRef, Head, Hlc, StationEntry } from '../../../shared/stations/types';

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

/** Sent with every request to the hub: this station's clock (epoch ms) and last round trip, for the hub's offset log. */
const CLOCK_HEADER = 'X-Station-Clock';
const RTT_HEADER = 'X-Station-Rtt';
const REVOKED_HEADER = 'X-Station-Revoked';

const bootId = crypto.randomUUID();

export class StationStore {
  readonly db: PouchDB.Database;
  private hlc: Hlc = HLC_ZERO;
  private heads = new Map<string, Head>();
  private readonly flags: Flag[] = [];
  private feed?: PouchDB.Core.Changes<object>;
  private sync?: PouchDB.Replication.Sync<object>;
  private readonly listeners = new Set<() => void>();
  private lastRtt = 0;

  private constructor(readonly op: string, readonly signer: Signer) {
    this.db = new PouchDB(`station-${op}`, { auto_compaction: false });
  }

  /** Opens the station's store for an operation and follows its changes feed (own and replicated entries). */
  static async open(op: string, signer: Signer): Promise<StationStore> {
    const store = new StationStore(op, signer);
    await new Promise<void>((resolve, reject) => {
      store.feed = store.db
        .changes({ live: true, since: 0, include_docs: true, style: 'all_docs' })
        .on('change', (change) => store.onChange(change as PouchDB.Core.ChangesResponseChange<object>))
        .on('error', reject);
      // The first pass over existing documents is done when the live feed is up to date.
      void store.db.info().then((info) => {
        const wait = () => (Number(store.seenSeq) >= Number(info.update_seq) ? resolve() : setTimeout(wait, 10));
        wait();
      });
    });
    return store;
  }

  private seenSeq: number | string = 0;

  private onChange(change: PouchDB.Core.ChangesResponseChange<object>): void {
    this.seenSeq = change.seq;
    const doc = change.doc as unknown as Record<string, unknown> | undefined;
    if (!change.id.startsWith(ENTRY_PREFIX) || !doc) return;
    const expectedRev = `1-${change.id.slice(-64, -32)}`;
    // Signatures are checked by verify() (each head's covers its chain); here: shape, ids, hash, attachments.
    const check = checkEntryDoc(doc, this.op, 'deferred');
    if (!check.ok || change.changes.some((c) => c.rev !== expectedRev)) {
      this.flag(change.id, check.ok ? `收到记录的其他版本（${change.changes.map((c) => c.rev).join('、')}），保留原始版本并标记` : check.reason);
      return;
    }
    const entry = check.entry;
    const head = this.heads.get(entry.writer);
    if (!head || entry.seq > head.seq) this.heads.set(entry.writer, { seq: entry.seq, hash: entry.hash });
    this.hlc = entry.writer === this.signer.publicKey ? (entry.hlc.ms > this.hlc.ms || (entry.hlc.ms === this.hlc.ms && entry.hlc.c > this.hlc.c) ? entry.hlc : this.hlc) : hlcReceive(this.hlc, entry.hlc, Date.now());
    for (const l of this.listeners) l();
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

  flagged(): readonly Flag[] {
    return this.flags;
  }

  /**
   * Signs and stores the next entry of this station's chain. Appends of this station are
   * serialised across tabs and windows (Web Locks); the head is read from the database
   * inside the lock, so two tabs never write the same seq.
   */
  async append(input: Omit<EntryInput, 'files'>, attachments: Attachment[] = []): Promise<StationEntry> {
    const files: FileRef[] = attachments.map((a) => ({ name: a.name, sha256: sha256Hex(a.bytes), contentType: a.contentType, size: a.bytes.length }));
    const inline: Record<string, InlineAttachment> = Object.fromEntries(attachments.map((a) => [a.name, { content_type: a.contentType, data: toBase64(a.bytes) }]));
    return navigator.locks.request(`station-append:${this.op}:${this.signer.publicKey}`, async () => {
      const range = writerRange(this.signer.publicKey);
      const last = await this.db.allDocs({ startkey: range.endkey, endkey: range.startkey, descending: true, limit: 1 });
      const id = last.rows[0]?.id;
      const head: Head | null = id ? { seq: Number(id.split('.')[2]), hash: id.slice(-64) } : null;
      const seen: Record<string, string> = {};
      for (const [w, h] of this.heads) if (w !== this.signer.publicKey) seen[w] = seenMark(h);
      const { entry, hlc } = await createEntry(this.signer, { op: this.op, head, hlc: this.hlc, seen, boot: bootId }, { ...input, files }, { wallMs: Date.now(), monoMs: performance.now() });
      const [result] = await this.db.bulkDocs([entryDoc(entry, inline) as never], { new_edits: false });
      if (result && 'error' in result && result.error) throw new Error(`记录未能保存：${String((result as { reason?: string }).reason ?? result.error)}`);
      this.hlc = hlc;
      return entry;
    });
  }

  /** Every entry held, each read at the revision its hash gives (never a later one). */
  async entries(): Promise<StationEntry[]> {
    const all = await this.db.allDocs({ include_docs: true, startkey: ENTRY_PREFIX, endkey: `${ENTRY_PREFIX}\uffff`, conflicts: true });
    const out: StationEntry[] = [];
    for (const row of all.rows) {
      const doc = row.doc as unknown as EntryDoc & { _conflicts?: string[] };
      const original = `1-${row.id.slice(-64, -32)}`;
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

  /** Verification of everything held (chains, forks, rewrites), and the entries the roster refuses, with reasons. */
  async verify(signatures: 'heads' | 'all' = 'heads', anchor?: string): Promise<StationsVerdict & { refused: Array<{ entry: StationEntry; reason: string }> }> {
    const entries = await this.entries();
    const roster = foldRoster(entries, anchor);
    const verdict = verifyStations(entries, { op: this.op, signatures, name: (w) => roster.stations.get(w)?.name, withheld: await this.withheld() });
    const refused = verdict.entries.flatMap((entry) => {
      const reason = roster.anchor ? admission(roster, entry) : null;
      return reason ? [{ entry, reason }] : [];
    });
    return { ...verdict, refused };
  }

  /** This station's own head, as the changes feed has seen it. */
  ownHead(): Head | null {
    return this.heads.get(this.signer.publicKey) ?? null;
  }

  /**
   * Replicates both ways with the hub, live, retrying while offline. A 401 that says the
   * station was revoked wipes the store and the key (see wipe()).
   */
  startSync(dbUrl: string, credential: string, events: { onRevoked?: () => void; onState?: (state: string) => void } = {}): void {
    const remote = new PouchDB(dbUrl, {
      skip_setup: true,
      fetch: async (url: string | Request, opts?: RequestInit) => {
        const headers = new Headers(opts?.headers);
        headers.set('Authorization', `Bearer ${credential}`);
        headers.set(CLOCK_HEADER, String(Date.now()));
        headers.set(RTT_HEADER, String(Math.round(this.lastRtt)));
        const started = performance.now();
        const res = await fetch(url, { ...opts, headers });
        this.lastRtt = performance.now() - started;
        if (res.status === 401 && res.headers.get(REVOKED_HEADER) === '1') {
          events.onRevoked?.();
          void this.wipe();
        }
        return res;
      },
    });
    this.sync = this.db
      .sync(remote, { live: true, retry: true, back_off_function: (delay) => Math.min(Math.max(delay * 2, 500), 5000) })
      .on('active', () => events.onState?.('active'))
      .on('paused', (error) => events.onState?.(error ? 'offline' : 'idle'))
      .on('error', () => events.onState?.('error'));
  }

  stopSync(): void {
    this.sync?.cancel();
    this.sync = undefined;
  }

  /**
   * A revoked station's wipe, at its next contact with the hub: replication stops, the
   * database is destroyed. The caller forgets the key (identity.ts). Only an honest device
   * does this; a device kept offline keeps what its role allowed it to hold.
   */
  async wipe(): Promise<void> {
    this.stopSync();
    this.feed?.cancel();
    await this.db.destroy();
  }

  async close(): Promise<void> {
    this.stopSync();
    this.feed?.cancel();
    await this.db.close();
  }
}

