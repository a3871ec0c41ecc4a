// Pure. What archive format 3 holds of the stations' record (issue 15, item 9): each writer's
// signed chain as its own JSON Lines file under stations/, in seq order (a fork's entries
// side by side); the entries the roster does not admit (a revoked station's later entries,
// an unpaired one's) in stations/refused.jsonl with the reason, kept for the record but out
// of the chains; and stations.json: every station's public key and name, its roles as the
// roster entries set them (pairing, role change, revocation, each with the entry's hash), the
// checkpoints with who countersigned them. stations.json is derived: the verifier derives it
// again from the chains it read (stationsRecord, the same function) and refuses a copy that differs.
import { compareHlc } from '../stations/hlc';
import { admission, foldRoster, rosterRecord, stationRoleLabels, type Roster, type StationRole } from '../stations/roster';
import { parseEntry } from '../stations/entry';
import { shortKey } from '../stations/signer';
import type { Head, StationEntry } from '../stations/types';
import { safeSegment, uniqueName } from './zipNames';

export const STATIONS_DIR = 'stations/';
export const STATIONS_NAME = 'stations.json';
export const REFUSED_NAME = `${STATIONS_DIR}refused.jsonl`;

/** A writer's chain in the archive, as the manifest records it. */
export interface ManifestWriter {
  /** The station's Ed25519 public key (base64url): the `writer` of each of its entries. */
  key: string;
  /** Its name in the roster ('' if it has none there). */
  name: string;
  file: string;
  count: number;
  /** Its highest seq (the first by hash, if forked). */
  head: Head;
}

/** The latest checkpoint (by its hybrid logical clock) and the stations that countersigned it. */
export interface ManifestCheckpoint {
  writer: string;
  seq: number;
  hash: string;
  countersigners: string[];
}

export interface ManifestStations {
  file: typeof STATIONS_NAME;
  /** The commander station whose genesis entry anchors the roster. */
  anchor: string | null;
  writers: ManifestWriter[];
  checkpoint: ManifestCheckpoint | null;
  /** Entries in stations/refused.jsonl. */
  refused: number;
}

/** A line of stations/refused.jsonl. */
export interface RefusedLine {
  reason: string;
  entry: StationEntry;
}

/** stations.json. */
export interface StationsRecord {
  anchor: string | null;
  stations: Array<{
    key: string;
    name: string;
    /** Its chain's file, or null when none of its entries is admitted. */
    file: string | null;
    count: number;
    head: Head | null;
    roles: Array<{ fromSeq: number; role: StationRole | null; label: string; group?: string; by: string }>;
  }>;
  checkpoints: Array<{ writer: string; seq: number; hash: string; wall: string; heads: Record<string, string>; countersigners: string[] }>;
  refused: Array<{ writer: string; seq: number; hash: string; reason: string }>;
  /** Roster entries that could not be applied, as foldRoster names them. */
  rosterProblems: string[];
}

/** What stationsRecord needs, which the writer has whole and the verifier gathers as it streams. */
export interface StationsFacts {
  roster: Roster;
  writers: ReadonlyArray<Omit<ManifestWriter, 'name'>>;
  /** Every admitted checkpoint entry. */
  checkpoints: readonly StationEntry[];
  /** Every admitted countersignature: who, and the hash of the checkpoint it agrees with. */
  countersigns: ReadonlyArray<{ writer: string; checkpoint: string }>;
  refused: ReadonlyArray<{ writer: string; seq: number; hash: string; reason: string }>;
}

const byKey = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The commander's station first, then by key: the order of the files and of stations.json. */
export const stationOrder = (anchor: string | null) => (a: string, b: string) => (a === anchor ? -1 : b === anchor ? 1 : byKey(a, b));

function countersignersOf(countersigns: StationsFacts['countersigns']): Map<string, string[]> {
  const by = new Map<string, Set<string>>();
  for (const c of countersigns) {
    let set = by.get(c.checkpoint);
    if (!set) by.set(c.checkpoint, (set = new Set()));
    set.add(c.writer);
  }
  return new Map([...by].map(([hash, set]) => [hash, [...set].sort(byKey)]));
}

/** The latest checkpoint by its clock (ties by writer, then hash), with its countersigners. */
export function latestCheckpoint(facts: Pick<StationsFacts, 'checkpoints' | 'countersigns'>): ManifestCheckpoint | null {
  const latest = [...facts.checkpoints].sort((a, b) => compareHlc(b.hlc, a.hlc) || byKey(b.writer, a.writer) || byKey(b.hash, a.hash))[0];
  if (!latest) return null;
  return { writer: latest.writer, seq: latest.seq, hash: latest.hash, countersigners: countersignersOf(facts.countersigns).get(latest.hash) ?? [] };
}

const headsOf = (entry: StationEntry): Record<string, string> => {
  const heads = entry.data['heads'];
  return heads && typeof heads === 'object' && !Array.isArray(heads) ? Object.fromEntries(Object.entries(heads).filter((h): h is [string, string] => typeof h[1] === 'string')) : {};
};

/** stations.json from the facts: the same facts give the same record, wherever they were gathered. */
export function stationsRecord(facts: StationsFacts): StationsRecord {
  const { roster } = facts;
  const files = new Map(facts.writers.map((w) => [w.key, w]));
  const keys = [...new Set([...roster.stations.keys(), ...files.keys()])].sort(stationOrder(roster.anchor));
  const signers = countersignersOf(facts.countersigns);
  return {
    anchor: roster.anchor,
    stations: keys.map((key) => {
      const w = files.get(key);
      return {
        key,
        name: rosterRecord(roster, key)?.name ?? '',
        file: w?.file ?? null,
        count: w?.count ?? 0,
        head: w ? { seq: w.head.seq, hash: w.head.hash } : null,
        roles: (rosterRecord(roster, key)?.periods ?? []).map((p) => ({
          fromSeq: p.fromSeq,
          role: p.grant?.role ?? null,
          label: p.grant ? stationRoleLabels[p.grant.role] : '已撤销',
          ...(p.grant?.group ? { group: p.grant.group } : {}),
          by: p.by,
        })),
      };
    }),
    checkpoints: [...facts.checkpoints]
      .sort((a, b) => compareHlc(a.hlc, b.hlc) || byKey(a.writer, b.writer) || byKey(a.hash, b.hash))
      .map((c) => ({ writer: c.writer, seq: c.seq, hash: c.hash, wall: c.wall, heads: headsOf(c), countersigners: signers.get(c.hash) ?? [] })),
    refused: [...facts.refused].sort((a, b) => byKey(a.writer, b.writer) || a.seq - b.seq || byKey(a.hash, b.hash)),
    rosterProblems: roster.problems,
  };
}

/** The hash of the checkpoint a countersignature agrees with, if it is one. */
export const countersigned = (entry: Pick<StationEntry, 'category' | 'refs'>): string | null => {
  const ref = entry.category === 'countersign' ? entry.refs['checkpoint'] : undefined;
  return typeof ref === 'string' ? ref : null;
};

/** A writer's chain as the archive lays it out: by seq, a fork's entries by hash. */
const chainOrder = (a: StationEntry, b: StationEntry) => a.seq - b.seq || byKey(a.hash, b.hash);

export interface PlannedStations {
  /** One per writer with admitted entries, in file order. */
  chains: Array<{ writer: ManifestWriter; entries: StationEntry[] }>;
  refused: RefusedLine[];
  record: StationsRecord;
  manifest: ManifestStations;
}

/**
 * The stations' part of an archive from the backup's format-2 entries, exactly as signed.
 * Throws (in Chinese) on a value that is not an entry of this operation: the backup's own
 * import refuses those, so one here means the backup was altered.
 */
export function planStations(values: readonly unknown[], operationId: string, taken: Set<string>): PlannedStations {
  const unique = new Map<string, StationEntry>();
  values.forEach((value, i) => {
    const parsed = parseEntry(value);
    if (!parsed.ok) throw new Error(`备份中的多站记录第 ${i + 1} 条不可读：${parsed.message}`);
    if (parsed.entry.op !== operationId) throw new Error(`备份中的多站记录第 ${i + 1} 条属于另一次执行行动（${parsed.entry.op}）`);
    unique.set(parsed.entry.hash, parsed.entry);
  });
  const entries = [...unique.values()].sort((a, b) => byKey(a.writer, b.writer) || chainOrder(a, b));
  const roster = foldRoster(entries);
  const admitted = new Map<string, StationEntry[]>();
  const refused: RefusedLine[] = [];
  for (const entry of entries) {
    const reason = admission(roster, entry);
    if (reason) refused.push({ reason, entry });
    else {
      const chain = admitted.get(entry.writer);
      if (chain) chain.push(entry);
      else admitted.set(entry.writer, [entry]);
    }
  }
  const chains = [...admitted.keys()].sort(stationOrder(roster.anchor)).map((key, i) => {
    const chain = admitted.get(key)!;
    const name = rosterRecord(roster, key)?.name ?? '';
    const top = chain.at(-1)!.seq;
    const head = chain.find((e) => e.seq === top)!;
    const file = uniqueName(`${STATIONS_DIR}${String(i + 1).padStart(2, '0')}-${safeSegment(name || shortKey(key))}.jsonl`, taken);
    return { writer: { key, name, file, count: chain.length, head: { seq: head.seq, hash: head.hash } }, entries: chain };
  });
  const all = chains.flatMap((c) => c.entries);
  const facts: StationsFacts = {
    roster,
    writers: chains.map((c) => c.writer),
    checkpoints: all.filter((e) => e.category === 'checkpoint'),
    countersigns: all.flatMap((e) => {
      const checkpoint = countersigned(e);
      return checkpoint ? [{ writer: e.writer, checkpoint }] : [];
    }),
    refused: refused.map(({ reason, entry }) => ({ writer: entry.writer, seq: entry.seq, hash: entry.hash, reason })),
  };
  return {
    chains,
    refused,
    record: stationsRecord(facts),
    manifest: { file: STATIONS_NAME, anchor: roster.anchor, writers: chains.map((c) => c.writer), checkpoint: latestCheckpoint(facts), refused: refused.length },
  };
}
