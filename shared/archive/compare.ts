// Pure. What catches an insider who rewrote the record consistently and re-rendered the PDFs
// too (issue 16, item 1): the heads on paper already handed out, and the other copies.
// - `expectedHeadProblem`: a head read off paper (or a PDF's properties) must be an entry of
//   the verified archive at its place;
// - `compareHoldings`: another station's copy, or an earlier archive of the same operation:
//   every entry both hold must be identical, and so must every issued PDF both hold; what one
//   lacks is listed, and entries an earlier copy held that a later one lacks are refused.
import { PRINTED_HEAD_LABEL } from '../documents/printedHead';
import type { ChainHead } from '../log/types';
import { shortKey } from '../stations/signer';

/** What a verified archive holds: every entry's hash by chain and seq, and its issued PDFs. */
export interface Holdings {
  operationId: string;
  createdAt: string;
  /** The format-1 log: seq → hash. */
  log: Map<number, string>;
  /** Each station's chain: writer → seq → hashes (more than one where forked). */
  stations: Map<string, Map<number, string[]>>;
  /** Station names, for messages. */
  names: Map<string, string>;
  /** 《title》number 第 n 版 → SHA-256 of its PDF. */
  documents: Map<string, string>;
}

export const emptyHoldings = (operationId = '', createdAt = ''): Holdings => ({
  operationId,
  createdAt,
  log: new Map(),
  stations: new Map(),
  names: new Map(),
  documents: new Map(),
});

/** Notes one station entry in the holdings. */
export function holdStationEntry(holdings: Holdings, entry: { writer: string; seq: number; hash: string }): void {
  let chain = holdings.stations.get(entry.writer);
  if (!chain) holdings.stations.set(entry.writer, (chain = new Map()));
  chain.set(entry.seq, [...(chain.get(entry.seq) ?? []), entry.hash]);
}

const KEY = '[A-Za-z0-9_-]{43}';

/**
 * A head as written on paper or given on the command line: `seq:hash`, `writer:seq:hash`, a
 * `log-head:` line, or the line a PDF prints (执行日志链头：第 12 条  SHA-256 3f5a…, with a
 * station's key if it names one; the page breaks the hash into two lines of 32 digits, and
 * spaces or line breaks inside it are ignored). Null when no 64-digit hash and seq are in it.
 */
export function parseHeadText(text: string): ChainHead | null {
  const trimmed = text.trim().replace(new RegExp(`^${PRINTED_HEAD_LABEL}:\\s*`), '');
  const token = new RegExp(`^(?:(${KEY}):)?(\\d{1,15}):([0-9a-fA-F]{64})$`).exec(trimmed);
  if (token) return { ...(token[1] ? { writer: token[1] } : {}), seq: Number(token[2]), hash: token[3]!.toLowerCase() };
  const marked = trimmed.search(/SHA-256/i);
  const digits = marked >= 0 ? trimmed.slice(marked + 'SHA-256'.length) : trimmed;
  const hash = /(?<![0-9a-fA-F])[0-9a-fA-F]{64}(?![0-9a-fA-F])/.exec(digits.replace(/(?<=[0-9a-fA-F])\s+(?=[0-9a-fA-F])/g, ''))?.[0];
  const seq = /第\s*(\d{1,15})\s*条/.exec(trimmed)?.[1];
  if (!hash || !seq) return null;
  const writer = new RegExp(`(?<![A-Za-z0-9_-])${KEY}(?![A-Za-z0-9_-])`).exec(marked >= 0 ? trimmed.slice(0, marked) : trimmed.replace(hash, ''))?.[0];
  return { ...(writer ? { writer } : {}), seq: Number(seq), hash: hash.toLowerCase() };
}

const stationName = (holdings: Holdings, writer: string) => {
  const name = holdings.names.get(writer);
  return name ? `工作站「${name}」（${shortKey(writer)}）` : `工作站 ${shortKey(writer)} `;
};

/**
 * Null when `head` is an entry of the archive at its place: in its writer's chain when it
 * names one, else in the format-1 log or any station's chain (a SHA-256 names one entry). Else why not.
 */
export function expectedHeadProblem(head: ChainHead, holdings: Holdings): string | null {
  const shown = `${head.writer ? stationName(holdings, head.writer) : ''}第 ${head.seq} 条 SHA-256 ${head.hash}`;
  const chains = head.writer ? [[head.writer, holdings.stations.get(head.writer)] as const] : [...holdings.stations];
  if (!head.writer && holdings.log.get(head.seq) === head.hash) return null;
  if (chains.some(([, chain]) => chain?.get(head.seq)?.includes(head.hash))) return null;
  const there = head.writer ? holdings.stations.get(head.writer)?.get(head.seq) : undefined;
  const logThere = head.writer ? undefined : holdings.log.get(head.seq);
  const held = there ? `，归档中该工作站第 ${head.seq} 条为 ${there[0]}` : logThere ? `，归档日志第 ${head.seq} 条为 ${logThere}` : '';
  return `纸面或文书所印的链头（${shown}）不在本归档的记录链中${held}：该位置的记录在印发后被改写，或本归档不是该行动的完整记录`;
}

export interface Comparison {
  /** Entries or PDFs both hold that differ: each one refuses the archive. */
  differences: string[];
  /** What this archive holds that the other lacks. */
  onlyHere: string[];
  /** What the other holds that this archive lacks. */
  onlyThere: string[];
  /** Entries that an earlier copy held and this later archive lacks: removed, refused. */
  removed: string[];
}

/** seqs as ranges: 3–7、9 */
function ranges(seqs: number[]): string {
  const sorted = [...seqs].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < sorted.length; i++) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j]! + 1) j++;
    parts.push(i === j ? `${sorted[i]}` : `${sorted[i]}–${sorted[j]}`);
    i = j;
  }
  return parts.join('、');
}

/** One chain against the other's copy of it: differences named by seq, what only one holds as ranges. */
function compareChain(label: string, here: ReadonlyMap<number, readonly string[]>, there: ReadonlyMap<number, readonly string[]>, out: Comparison, thisIsLater: boolean): void {
  const onlyHere: number[] = [];
  const onlyThere: number[] = [];
  for (const [seq, hashes] of here) {
    const other = there.get(seq);
    if (!other) onlyHere.push(seq);
    else if ([...hashes].sort().join() !== [...other].sort().join()) {
      out.differences.push(`${label}第 ${seq} 条：本归档为 ${hashes.map((h) => h.slice(0, 16)).join('、')}…，对照副本为 ${other.map((h) => h.slice(0, 16)).join('、')}…`);
    }
  }
  for (const seq of there.keys()) if (!here.has(seq)) onlyThere.push(seq);
  if (onlyHere.length > 0) out.onlyHere.push(`${label}第 ${ranges(onlyHere)} 条`);
  if (onlyThere.length > 0) {
    out.onlyThere.push(`${label}第 ${ranges(onlyThere)} 条`);
    if (thisIsLater) out.removed.push(`${label}第 ${ranges(onlyThere)} 条（较早的对照副本已有，本归档却没有）`);
  }
}

const asChain = (log: ReadonlyMap<number, string>) => new Map([...log].map(([seq, hash]) => [seq, [hash]]));

/** This archive against another copy of the same operation. */
export function compareHoldings(here: Holdings, there: Holdings): Comparison {
  const out: Comparison = { differences: [], onlyHere: [], onlyThere: [], removed: [] };
  const thisIsLater = Date.parse(here.createdAt) > Date.parse(there.createdAt);
  compareChain('执行日志', asChain(here.log), asChain(there.log), out, thisIsLater);
  const names = { ...here, names: new Map([...there.names, ...here.names]) };
  for (const writer of new Set([...here.stations.keys(), ...there.stations.keys()])) {
    compareChain(stationName(names, writer), here.stations.get(writer) ?? new Map(), there.stations.get(writer) ?? new Map(), out, thisIsLater);
  }
  for (const [document, digest] of here.documents) {
    const other = there.documents.get(document);
    if (other && other !== digest) out.differences.push(`文书${document}：本归档的 PDF（SHA-256 ${digest.slice(0, 16)}…）与对照副本的（${other.slice(0, 16)}…）不同`);
  }
  return out;
}
