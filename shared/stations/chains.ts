// Pure. Verifying the stations' chains as one store holds them: every entry's hash; each
// writer's seq continuity and prev links; signatures (all of them, or only each writer's
// heads: a head's signature covers its prev hash, which covers the entry before it, and so
// on down, so a signed head vouches for its whole chain); forks (two entries, one writer,
// one seq: both kept, flagged); and rewrites named from what other writers had seen.
import { entryFault, parseEntry, parseSeenMark, type HashHex, type SignatureCheck } from './entry';
import { compareHlc } from './hlc';
import { shortKey } from './signer';
import { ZERO_HASH, type Head, type StationEntry } from './types';

export type ProblemKind = 'shape' | 'foreign' | 'hash' | 'signature' | 'gap' | 'link' | 'fork' | 'rewrite' | 'missing';

export interface StationProblem {
  kind: ProblemKind;
  /** The station whose chain has the problem ('' when an unreadable value names none). */
  writer: string;
  seq: number;
  message: string;
  /** For a fork: the entries' hashes; for a rewrite: [hash others saw, hash held now]. */
  hashes?: string[];
  /** For a rewrite or missing entries: the station whose entry had seen the original. */
  seenBy?: string;
}

export interface WriterSummary {
  writer: string;
  label: string;
  count: number;
  /** The highest seq held (the first by hash if forked). */
  head: Head | null;
  forked: boolean;
}

export interface StationsVerdict {
  ok: boolean;
  /** Every well-formed entry of this operation, duplicates removed (forks kept). */
  entries: StationEntry[];
  writers: WriterSummary[];
  /** Sorted by station, then seq. */
  problems: StationProblem[];
  first: StationProblem | null;
}

export interface VerifyOptions {
  op: string;
  /** 'heads': each writer's tips only (fast); 'all': every entry's signature. */
  signatures: 'heads' | 'all';
  /** A station's name for messages, e.g. from the roster. */
  name?: (writer: string) => string | undefined;
  /**
   * Entries a field device holds only as withheld stubs (redaction.ts): they fill their place
   * in the chain (links, seen marks) but their content and signature are the hub's word.
   */
  withheld?: ReadonlyArray<Pick<StationEntry, 'writer' | 'seq' | 'hash' | 'prev' | 'op'>>;
  /** A faster verifier where the platform has one (Node's native Ed25519: electron/hub/nativeVerify.ts). */
  verify?: SignatureCheck;
  /**
   * Entries already checked from the same stored bytes by an earlier pass over a store that
   * only grew since (a worker keeping what it verified): `hashed`, shape and hash; `signed`,
   * the signature too. They are not checked again.
   */
  hashed?: ReadonlySet<string>;
  signed?: ReadonlySet<string>;
  /** A faster SHA-256 where the platform has one (Node's crypto; the archive verifier passes it). */
  hash?: HashHex;
}

/** 工作站「证据组平板」（Ab3xYz9Q） — how messages name a station. */
export function stationLabel(writer: string, name?: (writer: string) => string | undefined): string {
  const known = name?.(writer);
  return known ? `工作站「${known}」（${shortKey(writer)}）` : `工作站 ${shortKey(writer)} `;
}

const short = (hash: string) => `${hash.slice(0, 12)}…`;

/** What an entry says it has seen of other writers: its `seen` marks and, for a checkpoint, its heads. */
export function claimsOf(entry: StationEntry): Array<[string, Head]> {
  const claims: Array<[string, Head]> = Object.entries(entry.seen).map(([w, m]) => [w, parseSeenMark(m)]);
  const heads = entry.category === 'checkpoint' ? entry.data['heads'] : undefined;
  if (heads && typeof heads === 'object' && !Array.isArray(heads)) {
    for (const [w, m] of Object.entries(heads)) if (typeof m === 'string' && /^[1-9]\d*:[0-9a-f]{64}$/.test(m)) claims.push([w, parseSeenMark(m)]);
  }
  return claims;
}

export function verifyStations(values: readonly unknown[], options: VerifyOptions): StationsVerdict {
  const label = (w: string) => stationLabel(w, options.name);
  const problems: StationProblem[] = [];
  const add = (p: StationProblem) => problems.push(p);

  const byHash = new Map<string, StationEntry>();
  for (const value of values) {
    const known = options.hashed?.has((value as Partial<StationEntry> | null)?.hash ?? '');
    const parsed = known ? { ok: true as const, entry: value as StationEntry } : parseEntry(value);
    if (!parsed.ok) {
      const v = (value ?? {}) as Partial<StationEntry>;
      const writer = typeof v.writer === 'string' ? v.writer : '';
      const seq = typeof v.seq === 'number' ? v.seq : 0;
      add({ kind: 'shape', writer, seq, message: `${writer ? label(writer) : '某工作站'}第 ${seq || '？'} 条记录不可读：${parsed.message}` });
      continue;
    }
    const entry = parsed.entry;
    if (entry.op !== options.op) {
      add({ kind: 'foreign', writer: entry.writer, seq: entry.seq, message: `${label(entry.writer)}第 ${entry.seq} 条记录属于另一次执行行动（${entry.op}），被混入本行动` });
      continue;
    }
    byHash.set(entry.hash, entry);
  }
  const entries = [...byHash.values()];
  const stubs = new Set<string>();
  for (const w of options.withheld ?? []) {
    if (w.op !== options.op || byHash.has(w.hash)) continue;
    stubs.add(w.hash);
    byHash.set(w.hash, w as StationEntry);
  }
  const all = [...byHash.values()];

  const chains = new Map<string, Map<number, StationEntry[]>>();
  for (const e of all) {
    let chain = chains.get(e.writer);
    if (!chain) chains.set(e.writer, (chain = new Map()));
    const at = chain.get(e.seq);
    if (at) at.push(e);
    else chain.set(e.seq, [e]);
  }

  // Hashes (all), then links, forks and which entries are tips.
  const hashOk = new Set<string>();
  const hasChild = new Set<string>();
  for (const e of all) {
    if (e.seq > 1) hasChild.add(`${e.writer}|${e.prev}`);
  }
  const writers: WriterSummary[] = [];
  for (const [writer, chain] of chains) {
    const seqs = [...chain.keys()].sort((a, b) => a - b);
    let forked = false;
    for (const seq of seqs) {
      const here = chain.get(seq)!.sort((a, b) => (a.hash < b.hash ? -1 : 1));
      if (here.length > 1) {
        forked = true;
        add({
          kind: 'fork',
          writer,
          seq,
          hashes: here.map((e) => e.hash),
          message: `${label(writer)}第 ${seq} 条有 ${here.length} 条不同的记录（分叉：该工作站可能由备份复制或被篡改），均已保留`,
        });
      }
      for (const e of here) {
        const sigNeeded = (options.signatures === 'all' || !hasChild.has(`${writer}|${e.hash}`)) && !options.signed?.has(e.hash);
        const fault = stubs.has(e.hash) || (options.hashed?.has(e.hash) && !sigNeeded) ? null : entryFault(e, sigNeeded, options.verify, options.hash);
        if (fault === 'hash') add({ kind: 'hash', writer, seq, message: `${label(writer)}第 ${seq} 条记录的内容与其哈希值不符，记录已被改动` });
        else if (fault === 'signature') add({ kind: 'signature', writer, seq, message: `${label(writer)}第 ${seq} 条记录的签名无效，不是该工作站签署的` });
        if (fault !== 'hash') hashOk.add(e.hash);
        if (seq === 1) continue;
        const before = chain.get(seq - 1);
        if (!before) {
          if (here[0] === e) {
            const previousHeld = seqs.filter((s) => s < seq).pop() ?? 0;
            add({ kind: 'gap', writer, seq: previousHeld + 1, message: `${label(writer)}第 ${previousHeld + 1}${previousHeld + 1 < seq - 1 ? `–${seq - 1}` : ''} 条记录缺失（其后有第 ${seq} 条）` });
          }
        } else if (!before.some((b) => b.hash === e.prev)) {
          add({ kind: 'link', writer, seq, message: `${label(writer)}第 ${seq} 条记录与第 ${seq - 1} 条的链接不符：前一条已被改动或替换` });
        }
      }
      if (seq === 1 && here.some((e) => e.prev !== ZERO_HASH)) {
        add({ kind: 'link', writer, seq, message: `${label(writer)}第 1 条记录的“前一条哈希”应为 64 个 0` });
      }
    }
    const last = seqs[seqs.length - 1]!;
    const top = chain.get(last)![0]!;
    writers.push({ writer, label: label(writer), count: [...chain.values()].reduce((n, l) => n + l.length, 0), head: { seq: last, hash: top.hash }, forked });
  }

  // What others had seen of a writer must still be there: otherwise the chain was rewritten
  // (something else stands at that seq) or cut short, after others had copies.
  const reported = new Set<string>();
  for (const e of entries) {
    if (!hashOk.has(e.hash)) continue;
    for (const [writer, mark] of claimsOf(e)) {
      if (writer === e.writer || byHash.get(mark.hash)?.writer === writer) continue;
      const key = `${writer}|${mark.seq}|${mark.hash}`;
      if (reported.has(key)) continue;
      reported.add(key);
      const chain = chains.get(writer);
      const held = chain?.get(mark.seq);
      const by = `${label(e.writer)}第 ${e.seq} 条记录`;
      if (held) {
        add({
          kind: 'rewrite',
          writer,
          seq: mark.seq,
          seenBy: e.writer,
          hashes: [mark.hash, held[0]!.hash],
          message: `${label(writer)}第 ${mark.seq} 条记录已被改写：${by}当时持有的副本哈希为 ${short(mark.hash)}，现存的为 ${short(held[0]!.hash)}`,
        });
      } else {
        const top = chain ? Math.max(...chain.keys()) : 0;
        if (top > mark.seq) continue; // a gap, reported above
        add({
          kind: 'missing',
          writer,
          seq: mark.seq,
          seenBy: e.writer,
          hashes: [mark.hash],
          message: `${label(writer)}的记录只到第 ${top} 条，但${by}已见到其第 ${mark.seq} 条：之后的记录缺失或被删除`,
        });
      }
    }
  }

  problems.sort((a, b) => (a.writer === b.writer ? a.seq - b.seq : a.writer < b.writer ? -1 : 1));
  writers.sort((a, b) => (a.writer < b.writer ? -1 : 1));
  return { ok: problems.length === 0, entries, writers, problems, first: problems[0] ?? null };
}

/** The merged timeline: by hybrid logical clock, ties by writer, then seq, then hash (forks). */
export function compareEntries(a: StationEntry, b: StationEntry): number {
  return compareHlc(a.hlc, b.hlc) || (a.writer < b.writer ? -1 : a.writer > b.writer ? 1 : a.seq - b.seq || (a.hash < b.hash ? -1 : a.hash > b.hash ? 1 : 0));
}

export const timeline = (entries: readonly StationEntry[]): StationEntry[] => [...entries].sort(compareEntries);

/** Each writer's highest entry: what a new entry's `seen` and a checkpoint's heads record. */
export function headsOf(entries: readonly StationEntry[]): Map<string, Head> {
  const heads = new Map<string, Head>();
  for (const e of entries) {
    const h = heads.get(e.writer);
    if (!h || e.seq > h.seq || (e.seq === h.seq && e.hash < h.hash)) heads.set(e.writer, { seq: e.seq, hash: e.hash });
  }
  return heads;
}
