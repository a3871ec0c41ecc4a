// Pure. An act's record changes as a signed entry carries them, and the records as the
// entries give them. Bytes in a record (a PDF, a photo, a sketch) are not put in the entry's
// text: each becomes a file (its SHA-256 listed in the entry's `files`, so the signature
// covers it; the bytes travel as the entry document's attachment) and the record holds
// { $file: sha256 } in its place. Folding the entries in merged order, last writer wins per
// record, gives the records back: the projection the app keeps in Dexie must equal it.
import canonicalize from 'canonicalize';
import { sha256Hex } from './canonical';
import { compareEntries } from './chains';
import { tableClasses } from './redaction';
import type { Act, ActChange, DataClass, FileRef, JsonValue, StationEntry } from './types';

/** How a record holds bytes that travel as a file of its entry. */
export interface FileMark {
  $file: string;
}

export interface RecordChangeInput {
  table: string;
  op: 'put' | 'delete';
  id?: string;
  record?: { id: string; [field: string]: unknown };
}

export interface ExternalisedAct {
  act: Act;
  files: FileRef[];
  /** sha256 → bytes, each once. */
  bytes: Map<string, Uint8Array>;
}

/** The content type a file is stored with, from its first bytes (enough for what records hold). */
export function sniffContentType(bytes: Uint8Array): string {
  const starts = (...sig: number[]) => sig.every((b, i) => bytes[i] === b);
  if (starts(0x25, 0x50, 0x44, 0x46)) return 'application/pdf';
  if (starts(0x89, 0x50, 0x4e, 0x47)) return 'image/png';
  if (starts(0xff, 0xd8, 0xff)) return 'image/jpeg';
  return 'application/octet-stream';
}

const isPlainObject = (v: unknown): v is Record<string, unknown> => {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v) as unknown;
  return proto === Object.prototype || proto === null;
};

export class ActValueError extends Error {}

/**
 * A record as JSON the entry can carry: bytes replaced by file marks (collected in `bytes`),
 * fields holding undefined left out (as JSON leaves them). Throws ActValueError, naming the
 * field, on a value JSON has no form for (a Date, a function, NaN).
 */
export function externaliseValue(value: unknown, path: string, bytes: Map<string, Uint8Array>): JsonValue {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new ActValueError(`${path} 不是有限数字`);
    return value;
  }
  if (value instanceof Uint8Array) {
    const sha256 = sha256Hex(value);
    bytes.set(sha256, value);
    return { $file: sha256 };
  }
  if (Array.isArray(value)) return value.map((v, i) => externaliseValue(v === undefined ? null : v, `${path}[${i}]`, bytes));
  if (isPlainObject(value)) {
    const out: Record<string, JsonValue> = {};
    for (const [key, v] of Object.entries(value)) if (v !== undefined) out[key] = externaliseValue(v, `${path}.${key}`, bytes);
    return out;
  }
  throw new ActValueError(`${path} 的值（${typeof value === 'object' ? (value.constructor?.name ?? 'object') : typeof value}）不能写入记录`);
}

/** The act an entry carries for these changes, its files, and their bytes. */
export function externaliseAct(kind: string, changes: readonly RecordChangeInput[]): ExternalisedAct {
  const bytes = new Map<string, Uint8Array>();
  const out: ActChange[] = changes.map((c, i) => {
    if (c.op === 'delete') return { table: c.table, op: 'delete', id: String(c.id) };
    const record = c.record!;
    return { table: c.table, op: 'put', id: record.id, record: externaliseValue(record, `changes[${i}].${c.table}`, bytes) };
  });
  const files: FileRef[] = [...bytes].map(([sha256, b]) => ({ name: sha256, sha256, contentType: sniffContentType(b), size: b.length }));
  return { act: { kind, changes: out }, files, bytes };
}

/** The personal data an act carries, declared on its entry from the tables it touches (redaction.ts). */
export function declaredClasses(changes: readonly Pick<RecordChangeInput, 'table'>[]): DataClass[] {
  const out = new Set<DataClass>();
  for (const c of changes) for (const k of tableClasses[c.table] ?? []) out.add(k);
  return [...out].sort();
}

const isFileMark = (v: unknown): v is FileMark =>
  isPlainObject(v) && Object.keys(v).length === 1 && typeof v['$file'] === 'string' && /^[0-9a-f]{64}$/.test(v['$file']);

/** Every file mark in a value. */
export function fileMarks(value: unknown, into = new Set<string>()): Set<string> {
  if (isFileMark(value)) into.add(value.$file);
  else if (Array.isArray(value)) for (const v of value) fileMarks(v, into);
  else if (isPlainObject(value)) for (const v of Object.values(value)) fileMarks(v, into);
  return into;
}

/** A record with its file marks replaced by the bytes; undefined when a file is not at hand. */
export function internaliseValue(value: JsonValue, files: (sha256: string) => Uint8Array | undefined): unknown {
  if (isFileMark(value)) return files(value.$file);
  if (Array.isArray(value)) return value.map((v) => internaliseValue(v, files));
  if (isPlainObject(value)) {
    const out: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(value)) out[key] = internaliseValue(v as JsonValue, files);
    return out;
  }
  return value;
}

/** Where a record stands once the entries are folded: its content (null: deleted) and the entry that wrote it last. */
export interface FoldedRecord {
  table: string;
  id: string;
  record: JsonValue | null;
  /** Hash of the entry that wrote it last. */
  by: string;
}

export const recordKey = (table: string, id: string): string => `${table}\u0000${id}`;

/**
 * The records the entries give: every change applied in merged order (compareEntries: HLC,
 * then writer), so for each record the last writer wins. `tables` limits it to the tables
 * the app projects (a roster entry's 'stations' change is the roster's, not a table's).
 */
export function foldActs(entries: readonly StationEntry[], tables?: ReadonlySet<string>): Map<string, FoldedRecord> {
  const out = new Map<string, FoldedRecord>();
  for (const entry of [...entries].sort(compareEntries)) {
    for (const c of entry.act?.changes ?? []) {
      if (tables && !tables.has(c.table)) continue;
      out.set(recordKey(c.table, c.id), { table: c.table, id: c.id, record: c.op === 'put' ? (c.record ?? null) : null, by: entry.hash });
    }
  }
  return out;
}

/** The canonical text of a record (bytes as file marks), for comparing two copies. */
export function recordText(record: unknown): string {
  return canonicalize(externaliseValue(record, 'record', new Map())) ?? 'null';
}

export interface RecordDifference {
  table: string;
  id: string;
  kind: 'missing' | 'extra' | 'changed';
  /** The record as the entries give it (null: the entries delete it or never wrote it). */
  expected: JsonValue | null;
  /** Hash of the entry that wrote the expected state, if any. */
  by?: string;
}

/**
 * Where the stored records differ from the entries' fold: a record the entries put that is
 * missing or different, or a record the entries never wrote or deleted that is there.
 * `actual` maps recordKey → the stored record (of the tables folded).
 */
export function recordDifferences(folded: ReadonlyMap<string, FoldedRecord>, actual: ReadonlyMap<string, { table: string; id: string; record: unknown }>): RecordDifference[] {
  const out: RecordDifference[] = [];
  for (const [key, f] of folded) {
    const held = actual.get(key);
    if (f.record === null) {
      if (held) out.push({ table: f.table, id: f.id, kind: 'extra', expected: null, by: f.by });
    } else if (!held) out.push({ table: f.table, id: f.id, kind: 'missing', expected: f.record, by: f.by });
    else if (recordText(held.record) !== canonicalize(f.record)) out.push({ table: f.table, id: f.id, kind: 'changed', expected: f.record, by: f.by });
  }
  for (const [key, held] of actual) if (!folded.has(key)) out.push({ table: held.table, id: held.id, kind: 'extra', expected: null });
  return out.sort((a, b) => (a.table === b.table ? (a.id < b.id ? -1 : 1) : a.table < b.table ? -1 : 1));
}

/**
 * Why an entry's act may not change the records of this operation, or null: every record it
 * puts belongs to the entry's operation and carries the id the change names (an entry of one
 * operation must never write another's records). Deletions are checked against the stored
 * record where it is applied.
 */
export function actProblem(entry: Pick<StationEntry, 'op' | 'act' | 'files'>, tables: ReadonlySet<string>): string | null {
  const listed = new Set((entry.files ?? []).map((f) => f.sha256));
  for (const c of entry.act?.changes ?? []) {
    if (!tables.has(c.table)) continue;
    if (c.op === 'delete') continue;
    const r = c.record;
    if (!isPlainObject(r) || r['id'] !== c.id) return `记录「${c.table}」${c.id} 的内容与其编号不符`;
    const owner = c.table === 'operations' ? r['id'] : r['operationId'];
    if (owner !== entry.op) return `记录「${c.table}」${c.id} 属于另一行动（${String(owner)}），不能由本行动的记录写入`;
    for (const sha of fileMarks(r)) if (!listed.has(sha)) return `记录「${c.table}」${c.id} 引用了记录未登记的文件 ${sha.slice(0, 12)}…`;
  }
  return null;
}
