// Pure. Making a signed entry, reading one back from storage or the network (strict shape),
// and checking one entry on its own (hash, signature). Chains are checked in chains.ts.
import { z } from 'zod';
import { chinaInstant } from '../calendar/chinaTime';
import { canonicalBytes, CanonicalFormError, sha256Hex } from './canonical';
import { toBase64url } from './encoding';
import { hlcSend } from './hlc';
import { verifySignature, type Signer } from './signer';
import {
  dataClasses,
  ENTRY_FORMAT,
  stationCategories,
  ZERO_HASH,
  type Act,
  type DataClass,
  type FileRef,
  type Head,
  type Hlc,
  type JsonValue,
  type StationCategory,
  type StationEntry,
  type StationEntryFields,
} from './types';

const HEX64 = /^[0-9a-f]{64}$/;
const KEY = /^[A-Za-z0-9_-]{43}$/;
const SIG = /^[A-Za-z0-9_-]{86}$/;
const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;
export const MAX_TEXT_LENGTH = 5000;

const json: z.ZodType<JsonValue> = z.lazy(() =>
  z.union([z.string(), z.number().refine(Number.isFinite), z.boolean(), z.null(), z.array(json), z.record(z.string(), json)]),
);
const count = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);

const actSchema = z
  .object({
    kind: z.string().min(1).max(100),
    changes: z.array(
      z.object({ table: z.string().min(1).max(100), op: z.enum(['put', 'delete']), id: z.string().min(1).max(300), record: json.optional() }).strict(),
    ),
  })
  .strict();

const fileSchema = z
  .object({ name: z.string().min(1).max(200), sha256: z.string().regex(HEX64), contentType: z.string().min(1).max(200), size: count })
  .strict();

/** An entry exactly as format 2 defines it: no missing and no extra field. */
export const stationEntrySchema = z
  .object({
    v: z.literal(ENTRY_FORMAT),
    op: z.string().min(1).max(200),
    writer: z.string().regex(KEY),
    seq: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER),
    prev: z.string().regex(HEX64),
    hlc: z.object({ ms: count, c: count }).strict(),
    wall: z.string().regex(ISO_WITH_OFFSET),
    mono: z.object({ boot: z.string().min(1).max(100), ms: z.number().min(0).refine(Number.isFinite) }).strict(),
    occurredAt: z.string().regex(ISO_WITH_OFFSET),
    operator: z.object({ personId: z.string().max(200), name: z.string().max(100) }).strict(),
    group: z.string().max(50),
    category: z.enum(stationCategories),
    text: z.string().max(MAX_TEXT_LENGTH),
    refs: z.record(z.string(), z.union([z.string().max(300), z.array(z.string().max(300)).max(1000)])),
    data: z.record(z.string(), json),
    act: actSchema.optional(),
    files: z.array(fileSchema).max(100).optional(),
    classes: z.array(z.enum(dataClasses)).optional(),
    seen: z.record(z.string().regex(KEY), z.string().regex(/^[1-9]\d*:[0-9a-f]{64}$/)),
    hash: z.string().regex(HEX64),
    sig: z.string().regex(SIG),
  })
  .strict()
  .refine((e) => (e.seq === 1) === (e.prev === ZERO_HASH), { message: '只有第 1 条记录的“前一条哈希”为 64 个 0' });

export type ParsedEntry = { ok: true; entry: StationEntry } | { ok: false; message: string };

/** A stored or received value as an entry, or why it is not one (Chinese). */
export function parseEntry(value: unknown): ParsedEntry {
  const parsed = stationEntrySchema.safeParse(value);
  if (parsed.success) return { ok: true, entry: value as StationEntry };
  const issue = parsed.error.issues[0];
  return { ok: false, message: `记录格式不符（${issue?.path.join('.') || '整体'}：${issue?.message ?? '无效'}）` };
}

export type EntryFault = 'hash' | 'signature';

/** null when the entry's hash matches its content and (if asked) its signature verifies. */
export type SignatureCheck = (sig: string, bytes: Uint8Array, publicKey: string) => boolean;

/** Hex SHA-256 of bytes: @noble/hashes by default, the platform's own where it is faster (Node's crypto). */
export type HashHex = (bytes: Uint8Array) => string;

export function entryFault(entry: StationEntry, checkSignature: boolean, verify: SignatureCheck = verifySignature, hash: HashHex = sha256Hex): EntryFault | null {
  let bytes: Uint8Array;
  try {
    bytes = canonicalBytes(entry as unknown as Record<string, unknown>);
  } catch (error) {
    if (error instanceof CanonicalFormError) return 'hash';
    throw error;
  }
  if (hash(bytes) !== entry.hash) return 'hash';
  if (checkSignature && !verify(entry.sig, bytes, entry.writer)) return 'signature';
  return null;
}

/** What the writer knows when it appends: its own head, the clock, what it has seen of the others. */
export interface WriterState {
  op: string;
  head: Head | null;
  /** The clock after everything this station has written or received. */
  hlc: Hlc;
  /** writer → "seq:hash" of the latest entry held of each other writer. */
  seen: Record<string, string>;
  /** Id of this start of the station. */
  boot: string;
}

export interface EntryInput {
  occurredAt?: string;
  operator: { personId: string; name: string };
  group?: string;
  category: StationCategory;
  text: string;
  refs?: Record<string, string | string[]>;
  data?: Record<string, JsonValue>;
  act?: Act;
  files?: FileRef[];
  classes?: DataClass[];
}

export class EntryInputError extends Error {}

/** How far after the system clock a stated occurredAt may lie. */
export const OCCURRED_AT_TOLERANCE_MS = 5 * 60 * 1000;

/**
 * The next entry of this station's chain, hashed and signed. Pure apart from the signer:
 * the wall and monotonic times are passed in by the caller.
 */
export async function createEntry(
  signer: Signer,
  state: WriterState,
  input: EntryInput,
  now: { wallMs: number; monoMs: number },
): Promise<{ entry: StationEntry; hlc: Hlc }> {
  const text = input.text.normalize('NFC');
  if (text.length > MAX_TEXT_LENGTH) throw new EntryInputError(`记录内容不能超过 ${MAX_TEXT_LENGTH} 个字`);
  if (!input.operator.name.trim()) throw new EntryInputError('请填写记录人');
  const wall = chinaInstant(new Date(now.wallMs));
  let occurredAt = wall;
  if (input.occurredAt !== undefined) {
    const at = Date.parse(input.occurredAt);
    if (!ISO_WITH_OFFSET.test(input.occurredAt) || !Number.isFinite(at)) throw new EntryInputError('发生时间格式不正确，应如 2026-03-05T09:30+08:00');
    if (at > now.wallMs + OCCURRED_AT_TOLERANCE_MS) throw new EntryInputError('发生时间不能晚于当前时间（允许误差 5 分钟）');
    occurredAt = chinaInstant(new Date(at));
  }
  const seen = { ...state.seen };
  delete seen[signer.publicKey];
  const hlc = hlcSend(state.hlc, now.wallMs);
  const fields: StationEntryFields = {
    v: ENTRY_FORMAT,
    op: state.op,
    writer: signer.publicKey,
    seq: (state.head?.seq ?? 0) + 1,
    prev: state.head?.hash ?? ZERO_HASH,
    hlc,
    wall,
    mono: { boot: state.boot, ms: now.monoMs },
    occurredAt,
    operator: { personId: input.operator.personId, name: input.operator.name.trim().normalize('NFC') },
    group: input.group ?? '',
    category: input.category,
    text,
    refs: input.refs ?? {},
    data: input.data ?? {},
    ...(input.act ? { act: input.act } : {}),
    ...(input.files?.length ? { files: input.files } : {}),
    ...(input.classes?.length ? { classes: input.classes } : {}),
    seen,
  };
  let bytes: Uint8Array;
  try {
    bytes = canonicalBytes(fields as unknown as Record<string, unknown>);
  } catch (error) {
    if (error instanceof CanonicalFormError) throw new EntryInputError(`记录含有不能保存的值：${error.message}`);
    throw error;
  }
  const entry: StationEntry = { ...fields, hash: sha256Hex(bytes), sig: toBase64url(await signer.sign(bytes)) };
  const parsed = parseEntry(entry);
  if (!parsed.ok) throw new EntryInputError(parsed.message);
  return { entry, hlc };
}

/** "seq:hash", as `seen` holds it. */
export const seenMark = (head: Head): string => `${head.seq}:${head.hash}`;

export function parseSeenMark(mark: string): Head {
  const i = mark.indexOf(':');
  return { seq: Number(mark.slice(0, i)), hash: mark.slice(i + 1) };
}
