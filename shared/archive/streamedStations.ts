// Pure. Archive format 3's stations' record checked as it inflates, file by file, line by
// line, in flat memory (an archive of 3 × 10 000 entries, or a bomb of a million lines):
// - each writer's chain (stations/NN-….jsonl) in runs of entries through verifyStations
//   (shared/stations/chains.ts): every hash, seq continuity and prev links, forks, and the
//   signatures of each run's tips (a signed tip vouches for everything beneath it), or of
//   every entry with signatures 'all'; each run starts with the last entry (or fork) of the
//   one before, so the links between runs are checked too;
// - in 'heads' mode also every checkpoint's and countersignature's own signature;
// - then, with every file read: what each writer had seen of the others (its `seen` marks and
//   the checkpoints' heads) still there (else a rewrite or a truncation, named), the roster
//   folded from the roster entries and every entry admitted by it (a revoked station's later
//   entries refused), stations/refused.jsonl holding exactly what the roster refuses, and
//   stations.json and the manifest's writers and checkpoint equal to what the chains give.
// Only hashes by (writer, seq), the `seen` marks, roster and checkpoint entries and what the
// roster needs of each entry are kept; problems name the station and seq, in Chinese.
import { claimsOf, stationLabel, verifyStations, type StationProblem } from '../stations/chains';
import { entryFault, parseEntry, type HashHex, type SignatureCheck } from '../stations/entry';
import { admission, foldRoster, rosterRecord } from '../stations/roster';
import { verifySignature } from '../stations/signer';
import type { Act, Head, StationEntry } from '../stations/types';
import { MANIFEST_NAME } from './archive';
import {
  countersigned,
  latestCheckpoint,
  REFUSED_NAME,
  STATIONS_NAME,
  stationsRecord,
  type ManifestCheckpoint,
  type ManifestStations,
  type ManifestWriter,
  type StationsFacts,
} from './stations';
import { LineSplitter, parseJsonLine } from './streamedLog';
import { zipFail } from './zipReader';

/** A baseline entry carries every record as it stood: far more than a log line, still bounded. */
export const MAX_STATION_LINE_BYTES = 16 * 1024 * 1024;
/** Entries in all station files together. */
export const MAX_STATION_ENTRIES = 200_000;
/** Roster and checkpoint entries, kept whole: a few per station and one every few minutes. */
const MAX_KEPT_ENTRIES = 20_000;
const RUN_ENTRIES = 1000;
const RUN_BYTES = 8 * 1024 * 1024;
/** Problems gathered at most: the first is what counts, the rest show how far it goes. */
const MAX_PROBLEMS = 200;

export const STATION_RULES = {
  count: `多站记录不超过 ${MAX_STATION_ENTRIES} 条`,
  kept: `名册和检查点记录不超过 ${MAX_KEPT_ENTRIES} 条`,
} as const;

export interface StationsCheckOptions {
  op: string;
  /** 'heads': each writer's head (and each run's tip), the checkpoints and countersignatures; 'all': every signature. */
  signatures: 'heads' | 'all';
  /** Node's native Ed25519 (electron/hub/nativeVerify.ts) in the command line; @noble/curves otherwise. */
  verify?: SignatureCheck;
  /** The platform's SHA-256 where it is faster than @noble/hashes (Node's crypto, hash-wasm in a worker). */
  hash?: HashHex;
  /** Each admitted-file entry once its run verified, in file order. */
  onEntry?: (entry: StationEntry) => void;
}

/** A problem found in the stations' record: the station and seq it is about ('' and 0 when none). */
export interface ArchiveStationProblem {
  writer: string;
  seq: number;
  message: string;
}

export interface StationsResult {
  problems: ArchiveStationProblem[];
  writers: ReadonlyArray<Omit<ManifestWriter, 'name'> & { name: string }>;
  checkpoint: ManifestCheckpoint | null;
  refused: number;
  /** Signatures verified. */
  signatures: number;
  /** The hashes a writer's chain holds at a seq (more than one if forked); undefined if none. */
  held(writer: string, seq: number): readonly string[] | undefined;
}

/** Where a file's bytes go as they inflate; end() once the last is pushed. */
export interface LineSink {
  push(chunk: Uint8Array): void;
  end(): void;
}

/** What admission() reads of an entry: kept for each entry until the roster is known. */
type AdmissionFacts = Pick<StationEntry, 'writer' | 'seq' | 'hash' | 'category' | 'group'> & { act?: Act };

const short = (hash: string) => `${hash.slice(0, 12)}…`;
const byKey = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** An act without its records: admission() reads only which tables it changes. */
const actTables = (act: Act | undefined): Act | undefined => act && { kind: act.kind, changes: act.changes.map(({ table, op, id }) => ({ table, op, id })) };

export class StreamedStations {
  private readonly held = new Map<string, Map<number, string[]>>();
  private readonly refusedHashes = new Set<string>();
  private readonly chainProblems: ArchiveStationProblem[] = [];
  private readonly otherProblems: ArchiveStationProblem[] = [];
  private readonly reported = new Set<string>();
  /** writer|seq|hash → who claimed it first. */
  private readonly claims = new Map<string, { writer: string; seq: number; hash: string; by: string; bySeq: number }>();
  private readonly kept: StationEntry[] = [];
  private readonly countersigns: Array<{ writer: string; checkpoint: string }> = [];
  private readonly admissions: AdmissionFacts[] = [];
  private readonly refusedLines: Array<{ entry: StationEntry; reason: string }> = [];
  private readonly files = new Map<string, ManifestWriter>();
  private readonly streamed = new Map<string, { count: number; head: Head | null }>();
  private entries = 0;
  private signatures = 0;
  private readonly verify: SignatureCheck;
  private readonly label: (writer: string) => string;

  constructor(
    private readonly manifest: ManifestStations,
    private readonly options: StationsCheckOptions,
  ) {
    const check = options.verify ?? verifySignature;
    this.verify = (sig, bytes, key) => (this.signatures++, check(sig, bytes, key));
    const names = new Map(manifest.writers.map((w) => [w.key, w.name]));
    this.label = (writer) => stationLabel(writer, (w) => names.get(w) || undefined);
    for (const w of manifest.writers) this.files.set(w.file, w);
  }

  /** The sink for a file of the archive: a writer's chain or the refused entries; null for any other file. */
  sink(name: string): LineSink | null {
    if (name === REFUSED_NAME) return this.refusedSink();
    const writer = this.files.get(name);
    return writer ? this.chainSink(writer) : null;
  }

  private add(list: ArchiveStationProblem[], problem: ArchiveStationProblem): void {
    const key = `${problem.writer}|${problem.seq}|${problem.message}`;
    if (this.reported.has(key) || this.chainProblems.length + this.otherProblems.length >= MAX_PROBLEMS) return;
    this.reported.add(key);
    list.push(problem);
  }

  private counted(): void {
    if (++this.entries > MAX_STATION_ENTRIES) zipFail(STATION_RULES.count, `归档中的多站记录超过 ${MAX_STATION_ENTRIES} 条，拒绝处理`);
  }

  private keep(entry: StationEntry): void {
    if (this.kept.length >= MAX_KEPT_ENTRIES) zipFail(STATION_RULES.kept, `归档中的名册和检查点记录超过 ${MAX_KEPT_ENTRIES} 条，拒绝处理`);
    this.kept.push(entry);
  }

  private chainSink(writer: ManifestWriter): LineSink {
    const { file, key } = writer;
    const chain = new Map<number, string[]>();
    this.held.set(key, chain);
    let run: unknown[] = [];
    let runBytes = 0;
    /** The last seq's entries of the run before: where this run's links start. */
    let carried: StationEntry[] = [];
    let lastSeq = 0;
    let count = 0;
    let head: Head | null = null;

    const check = () => {
      if (run.length === 0) return;
      const fresh = run;
      run = [];
      runBytes = 0;
      const verdict = verifyStations([...carried, ...fresh], {
        op: this.options.op,
        signatures: this.options.signatures,
        verify: this.verify,
        name: () => undefined,
        ...(this.options.hash ? { hash: this.options.hash } : {}),
      });
      // Problems before this run's first seq were reported with the run before; those between writers wait for the end.
      const from = carried.length > 0 ? Math.min(...fresh.map((v) => seqOf(v) ?? Infinity)) : 0;
      const hashBroken = new Set<number>();
      for (const p of verdict.problems) {
        if (p.kind === 'hash') hashBroken.add(p.seq);
        if (p.kind === 'rewrite' || p.kind === 'missing' || p.seq < from) continue;
        this.add(this.chainProblems, { writer: p.writer || key, seq: p.seq, message: `${file}：${this.relabel(p)}` });
      }
      const old = new Set(carried.map((e) => e.hash));
      const entries = verdict.entries.filter((e) => !old.has(e.hash)).sort((a, b) => a.seq - b.seq || byKey(a.hash, b.hash));
      for (const e of entries) {
        if (e.writer !== key) continue; // named as it was read
        const at = chain.get(e.seq);
        if (at) at.push(e.hash);
        else chain.set(e.seq, [e.hash]);
        count++;
        if (!head || e.seq > head.seq || (e.seq === head.seq && e.hash < head.hash)) head = { seq: e.seq, hash: e.hash };
        if (!hashBroken.has(e.seq)) this.collect(e);
        this.options.onEntry?.(e);
      }
      const top = entries.filter((e) => e.writer === key).at(-1)?.seq;
      if (top !== undefined) carried = entries.filter((e) => e.writer === key && e.seq === top);
    };

    const lines = new LineSplitter(
      (bytes, number) => {
        this.counted();
        const value = parseJsonLine(bytes);
        if (!value) {
          this.add(this.chainProblems, { writer: key, seq: lastSeq + 1, message: `${file} 第 ${number} 行不是有效的记录（JSON），已被改动` });
          return;
        }
        const seq = seqOf(value);
        if (value['writer'] !== key) {
          this.add(this.chainProblems, {
            writer: key,
            seq: seq ?? lastSeq + 1,
            message: `${file} 第 ${number} 行不是${this.label(key)}的记录（写入者为 ${typeof value['writer'] === 'string' ? this.label(value['writer']) : '空'}），被混入该工作站的记录链`,
          });
          return;
        }
        if (seq !== undefined && seq < lastSeq) {
          this.add(this.chainProblems, { writer: key, seq, message: `${file} 第 ${number} 行（${this.label(key)}第 ${seq} 条）排在第 ${lastSeq} 条之后：记录的顺序被打乱` });
        }
        if (seq !== undefined) lastSeq = Math.max(lastSeq, seq);
        run.push(value);
        runBytes += bytes.length;
        if (run.length >= RUN_ENTRIES || runBytes >= RUN_BYTES) check();
      },
      MAX_STATION_LINE_BYTES,
      file,
    );
    return {
      push: (chunk) => lines.push(chunk),
      end: () => {
        lines.end();
        check();
        this.streamed.set(key, { count, head });
      },
    };
  }

  /** A problem of verifyStations, with the station named as the manifest names it. */
  private relabel(p: StationProblem): string {
    const bare = stationLabel(p.writer);
    return p.writer && p.message.startsWith(bare) ? `${this.label(p.writer)}${p.message.slice(bare.length)}` : p.message;
  }

  /** What the checks at the end need of an entry whose hash holds. */
  private collect(e: StationEntry): void {
    for (const [writer, mark] of claimsOf(e)) {
      if (writer === e.writer) continue;
      const key = `${writer}|${mark.seq}|${mark.hash}`;
      if (!this.claims.has(key)) this.claims.set(key, { writer, seq: mark.seq, hash: mark.hash, by: e.writer, bySeq: e.seq });
    }
    this.admissions.push({ writer: e.writer, seq: e.seq, hash: e.hash, category: e.category, group: e.group, ...(e.act ? { act: actTables(e.act) } : {}) });
    if (e.category === 'roster' || e.category === 'checkpoint') this.keep(e);
    const checkpoint = countersigned(e);
    if (checkpoint) this.countersigns.push({ writer: e.writer, checkpoint });
    // A head's signature vouches for its chain; a checkpoint or countersignature is also read on its own.
    if (this.options.signatures === 'heads' && (e.category === 'checkpoint' || checkpoint) && entryFault(e, true, this.verify, this.options.hash) === 'signature') {
      this.add(this.chainProblems, { writer: e.writer, seq: e.seq, message: `${this.label(e.writer)}第 ${e.seq} 条${e.category === 'checkpoint' ? '检查点' : '会签'}记录的签名无效，不是该工作站签署的` });
    }
  }

  private refusedSink(): LineSink {
    const lines = new LineSplitter(
      (bytes, number) => {
        this.counted();
        const value = parseJsonLine(bytes);
        const parsed = parseEntry(value?.['entry']);
        const reason = value?.['reason'];
        if (!parsed.ok || typeof reason !== 'string' || Object.keys(value!).length !== 2) {
          this.add(this.otherProblems, { writer: '', seq: 0, message: `${REFUSED_NAME} 第 ${number} 行不是一条不予接受的记录（reason 和 entry）${parsed.ok ? '' : `：${parsed.message}`}` });
          return;
        }
        const entry = parsed.entry;
        const fault = entry.op === this.options.op ? entryFault(entry, true, this.verify, this.options.hash) : 'foreign';
        if (fault) {
          const what = fault === 'hash' ? '内容与其哈希值不符' : fault === 'signature' ? '签名无效' : `属于另一次执行行动（${entry.op}）`;
          this.add(this.otherProblems, { writer: entry.writer, seq: entry.seq, message: `${REFUSED_NAME} 第 ${number} 行：${this.label(entry.writer)}第 ${entry.seq} 条记录${what}` });
          return;
        }
        this.refusedHashes.add(entry.hash);
        this.refusedLines.push({ entry, reason });
        if (entry.category === 'roster') this.keep(entry);
      },
      MAX_STATION_LINE_BYTES,
      REFUSED_NAME,
    );
    return { push: (chunk) => lines.push(chunk), end: () => lines.end() };
  }

  /**
   * The checks that need every file: what others saw, the roster, the refused entries, and the
   * manifest and stations.json against what the chains give. `record` is stations.json as read.
   */
  end(record: unknown): StationsResult {
    const roster = foldRoster(this.kept.filter((e) => e.category === 'roster'));
    const anchor = roster.anchor;
    for (const problem of roster.problems) this.add(this.otherProblems, { writer: anchor ?? '', seq: 0, message: `名册：${problem}` });
    for (const facts of this.admissions) {
      const reason = admission(roster, facts as StationEntry);
      if (reason) this.add(this.chainProblems, { writer: facts.writer, seq: facts.seq, message: `${reason}（名册不允许，却在其记录链中）` });
    }
    const refused = this.refusedLines.map(({ entry, reason }) => {
      const actual = admission(roster, entry);
      if (actual !== reason) {
        this.add(this.otherProblems, {
          writer: entry.writer,
          seq: entry.seq,
          message: actual
            ? `${REFUSED_NAME} 所记${this.label(entry.writer)}第 ${entry.seq} 条不予接受的原因与名册不符（名册：${actual}）`
            : `${REFUSED_NAME} 把${this.label(entry.writer)}第 ${entry.seq} 条列为不予接受，但名册允许该记录：它应在该工作站的记录链中`,
        });
      }
      return { writer: entry.writer, seq: entry.seq, hash: entry.hash, reason };
    });
    this.checkClaims();

    const writers = this.manifest.writers.map((w) => ({ key: w.key, file: w.file, ...(this.streamed.get(w.key) ?? { count: 0, head: null }) }));
    const facts: StationsFacts = {
      roster,
      writers: writers.flatMap((w) => (w.head ? [{ key: w.key, file: w.file, count: w.count, head: w.head }] : [])),
      checkpoints: this.kept.filter((e) => e.category === 'checkpoint' && this.held.get(e.writer)?.get(e.seq)?.includes(e.hash)),
      countersigns: this.countersigns,
      refused,
    };
    const checkpoint = latestCheckpoint(facts);
    this.checkManifest(writers, roster.anchor, checkpoint, refused.length);
    if (!sameJson(record, stationsRecord(facts))) {
      this.add(this.otherProblems, { writer: '', seq: 0, message: `${STATIONS_NAME} 与各工作站记录链中的名册和检查点不符（它由记录链推导，已被改动）` });
    }
    const sorted = [...this.chainProblems].sort((a, b) => byKey(a.writer, b.writer) || a.seq - b.seq);
    return {
      problems: [...sorted, ...this.otherProblems],
      writers: writers.map((w) => ({ key: w.key, file: w.file, count: w.count, head: w.head ?? { seq: 0, hash: '' }, name: rosterRecord(roster, w.key)?.name ?? '' })),
      checkpoint,
      refused: refused.length,
      signatures: this.signatures,
      held: (writer, seq) => this.held.get(writer)?.get(seq),
    };
  }

  /** What each entry had seen of another writer must still be in that writer's chain (or among the refused). */
  private checkClaims(): void {
    for (const c of this.claims.values()) {
      if (this.refusedHashes.has(c.hash)) continue;
      const chain = this.held.get(c.writer);
      const at = chain?.get(c.seq);
      if (at?.includes(c.hash)) continue;
      const by = `${this.label(c.by)}第 ${c.bySeq} 条记录`;
      if (at) {
        this.add(this.chainProblems, {
          writer: c.writer,
          seq: c.seq,
          message: `${this.label(c.writer)}第 ${c.seq} 条记录已被改写：${by}当时持有的副本哈希为 ${short(c.hash)}，归档中的为 ${short(at[0]!)}`,
        });
        continue;
      }
      const top = chain && chain.size > 0 ? Math.max(...chain.keys()) : 0;
      if (top > c.seq) continue; // a gap, named with the chain
      this.add(this.chainProblems, {
        writer: c.writer,
        seq: c.seq,
        message: `${this.label(c.writer)}的记录在归档中只到第 ${top} 条，但${by}已见到其第 ${c.seq} 条：之后的记录缺失或被删除`,
      });
    }
  }

  private checkManifest(writers: ReadonlyArray<{ key: string; count: number; head: Head | null }>, anchor: string | null, checkpoint: ManifestCheckpoint | null, refused: number): void {
    const say = (message: string) => this.add(this.otherProblems, { writer: '', seq: 0, message: `清单文件 ${MANIFEST_NAME} ${message}` });
    if (this.manifest.anchor !== anchor) say(`记载的指挥工作站与名册的创始记录不符`);
    for (const w of writers) {
      const listed = this.manifest.writers.find((m) => m.key === w.key)!;
      if (!w.head || listed.count !== w.count || listed.head.seq !== w.head.seq || listed.head.hash !== w.head.hash) {
        say(`记载的${this.label(w.key)}记录链（${listed.count} 条，链头第 ${listed.head.seq} 条）与其文件 ${listed.file}（${w.count} 条${w.head ? `，链头第 ${w.head.seq} 条` : ''}）不符`);
      }
    }
    if (new Set(this.manifest.writers.map((w) => w.key)).size !== this.manifest.writers.length) say('中同一工作站的记录链列出了不止一次');
    if (!sameJson(this.manifest.checkpoint, checkpoint)) {
      say(`记载的最新检查点与记录链不符（记录链中最新的是${checkpoint ? `${this.label(checkpoint.writer)}第 ${checkpoint.seq} 条，${checkpoint.countersigners.length} 个工作站会签` : '：没有检查点'}）`);
    }
    if (this.manifest.refused !== refused) say(`记载不予接受的记录 ${this.manifest.refused} 条，${REFUSED_NAME} 中实有 ${refused} 条`);
  }
}

const seqOf = (value: unknown): number | undefined => {
  const seq = (value as { seq?: unknown } | null)?.seq;
  return typeof seq === 'number' ? seq : undefined;
};

/** The same JSON value (key order aside). */
function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null || Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a).filter((k) => (a as Record<string, unknown>)[k] !== undefined);
  const kb = Object.keys(b).filter((k) => (b as Record<string, unknown>)[k] !== undefined);
  return ka.length === kb.length && ka.every((k) => sameJson((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}
