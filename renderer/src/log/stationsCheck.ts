// DOM. Verifying an operation's format-2 entries as its station store holds them (the
// truth): every hash, each writer's seq and links, the signature of each writer's head,
// forks, rewrites named from what other writers had seen (shared/stations/chains.ts). Runs in
// a worker (stationsWorker.ts) off the page's thread; where workers are missing (unit tests)
// on the calling thread. A checker remembers what it has verified: the next check reads only
// what the store's changes feed says arrived since, unless a full check is asked for (on
// opening the operation, on 校验) — a full check rereads every document, so a change made
// behind PouchDB's back (straight in IndexedDB) is found then.
import { verifyStations, type StationProblem } from '../../../shared/stations/chains';
import { ENTRY_PREFIX, type EntryDoc } from '../../../shared/stations/docs';
import { parseSeenMark } from '../../../shared/stations/entry';
import { stationNames } from '../../../shared/log/view';
import type { ChainHead } from '../../../shared/log/types';
import type { StationEntry } from '../../../shared/stations/types';
import type { PouchDatabase } from '../stations/pouch';

/** What the page needs of a verification: small and structured-cloneable. */
export interface StationsSummary {
  count: number;
  ok: boolean;
  /** The first problem (by station, then seq), or null. */
  first: Pick<StationProblem, 'writer' | 'seq' | 'kind' | 'message'> | null;
  /** Up to 50 problems, forks included. */
  problems: Array<Pick<StationProblem, 'writer' | 'seq' | 'kind' | 'message'>>;
  forks: Array<{ writer: string; seq: number; hashes: string[] }>;
  writers: Array<{ writer: string; label: string; count: number; head: ChainHead | null; forked: boolean }>;
  /** The format-1 head each genesis anchored (data.format1Head): the old chain must still reach it. */
  format1Anchors: ChainHead[];
}

const CHUNK = 2000;
const originalRev = (id: string) => `1-${id.slice(-64, -32)}`;

export class StationsChecker {
  private entries = new Map<string, unknown>();
  private hashed = new Set<string>();
  private signed = new Set<string>();
  private since: number | string = 0;
  private read = false;

  constructor(
    private readonly db: PouchDatabase,
    readonly op: string,
  ) {}

  /** The entry of a document, at the revision its hash gives (a later revision is not the entry). */
  private async entryOf(id: string, doc: unknown): Promise<unknown> {
    const d = doc as Partial<EntryDoc> | undefined;
    if (d?._rev === originalRev(id)) return d.entry;
    const original = (await this.db.get(id, { rev: originalRev(id) }).catch(() => undefined)) as Partial<EntryDoc> | undefined;
    return original?.entry ?? d?.entry;
  }

  private async readAll(): Promise<void> {
    this.entries.clear();
    this.hashed.clear();
    this.signed.clear();
    this.since = (await this.db.info()).update_seq;
    let startkey = ENTRY_PREFIX;
    for (;;) {
      const page = await this.db.allDocs({ include_docs: true, startkey, endkey: `${ENTRY_PREFIX}\uffff`, limit: CHUNK + 1 });
      for (const row of page.rows.slice(0, CHUNK)) this.entries.set(row.id, await this.entryOf(row.id, row.doc));
      if (page.rows.length <= CHUNK) break;
      startkey = page.rows[CHUNK]!.id;
    }
    this.read = true;
  }

  private async readNew(): Promise<void> {
    for (;;) {
      const page = await this.db.changes({ since: this.since, include_docs: true, limit: CHUNK });
      for (const change of page.results) {
        if (!change.id.startsWith(ENTRY_PREFIX)) continue;
        const before = this.entries.get(change.id) as Partial<StationEntry> | undefined;
        if (before?.hash) {
          this.hashed.delete(before.hash);
          this.signed.delete(before.hash);
        }
        if (change.deleted) this.entries.delete(change.id);
        else this.entries.set(change.id, await this.entryOf(change.id, change.doc));
      }
      this.since = page.last_seq;
      if (page.results.length < CHUNK) break;
    }
  }

  async check(full: boolean): Promise<StationsSummary> {
    if (full || !this.read) await this.readAll();
    else await this.readNew();
    const values = [...this.entries.values()];
    const wellFormed = values.filter((v): v is StationEntry => typeof (v as Partial<StationEntry> | null)?.hash === 'string');
    const names = stationNames(wellFormed.filter((e) => e.category === 'roster' && typeof e.data === 'object' && e.hlc !== undefined));
    const verdict = verifyStations(values, { op: this.op, signatures: 'heads', name: (w) => names.get(w), hashed: this.hashed, signed: this.signed });
    const faulty = new Set(verdict.problems.filter((p) => p.kind === 'hash' || p.kind === 'signature' || p.kind === 'shape').map((p) => `${p.writer}|${p.seq}`));
    const hasChild = new Set(verdict.entries.filter((e) => e.seq > 1).map((e) => `${e.writer}|${e.prev}`));
    for (const e of verdict.entries) {
      if (faulty.has(`${e.writer}|${e.seq}`)) continue;
      this.hashed.add(e.hash);
      if (!hasChild.has(`${e.writer}|${e.hash}`)) this.signed.add(e.hash);
    }
    const slim = (p: StationProblem) => ({ writer: p.writer, seq: p.seq, kind: p.kind, message: p.message });
    const format1Anchors = verdict.entries
      .filter((e) => e.category === 'roster' && e.data['action'] === 'genesis' && typeof e.data['format1Head'] === 'string' && /^[1-9]\d*:[0-9a-f]{64}$/.test(e.data['format1Head']))
      .map((e) => parseSeenMark(e.data['format1Head'] as string));
    return {
      count: verdict.entries.length,
      ok: verdict.ok,
      first: verdict.first ? slim(verdict.first) : null,
      problems: verdict.problems.slice(0, 50).map(slim),
      forks: verdict.problems.filter((p) => p.kind === 'fork').map((p) => ({ writer: p.writer, seq: p.seq, hashes: p.hashes ?? [] })),
      writers: verdict.writers.map((w) => ({ writer: w.writer, label: w.label, count: w.count, head: w.head ? { ...w.head, writer: w.writer } : null, forked: w.forked })),
      format1Anchors,
    };
  }
}
