// Pure. The canonical serialisation of a log entry and its SHA-256, written so an
// auditor can recompute any entry's hash by hand (or with `sha256sum`).
//
// The rule (a subset of JSON, in the spirit of RFC 8785):
//   • Hashed: every own field of the entry except `hash` (operationId, seq, recordedAt,
//     occurredAt, operator, group, category, text, refs, data, prevHash — and any other
//     field someone adds, so an added field also breaks the hash).
//   • Objects: keys sorted by UTF-16 code units (JavaScript's default sort), written
//     {"key":value,…}; a key whose value is undefined is left out entirely.
//   • Arrays: in their stored order, [a,b,…]; an undefined element is an error.
//   • Strings: exactly as JSON.stringify writes them (", \ and control characters
//     escaped, everything else literal). Strings are NOT Unicode-normalised here: the
//     hash covers exactly the stored characters, so turning an NFD string into NFC is a
//     detectable change. appendEntry normalises user text to NFC before it is stored.
//   • Numbers: finite only (NaN/Infinity are an error), written as JSON.stringify does
//     (shortest round-trip form; -0 is written 0). Booleans true/false; null.
//   • Anything else (Date, bigint, function, symbol…) is an error.
//   • No whitespace anywhere. The hash is SHA-256 over the UTF-8 bytes of that text,
//     written as 64 lowercase hex digits.
import { sha256 } from '@noble/hashes/sha2.js';
import type { LogEntryFields } from './types';

export class CanonicalError extends Error {}

function write(value: unknown, path: string): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (!Number.isFinite(value)) throw new CanonicalError(`${path} 不是有限数字`);
      return JSON.stringify(value);
    case 'object': {
      if (Array.isArray(value)) {
        return `[${value
          .map((v, i) => {
            if (v === undefined) throw new CanonicalError(`${path}[${i}] 为空`);
            return write(v, `${path}[${i}]`);
          })
          .join(',')}]`;
      }
      const proto = Object.getPrototypeOf(value) as unknown;
      if (proto !== Object.prototype && proto !== null) throw new CanonicalError(`${path} 不是普通对象`);
      const record = value as Record<string, unknown>;
      const keys = Object.keys(record)
        .filter((k) => record[k] !== undefined)
        .sort();
      return `{${keys.map((k) => `${JSON.stringify(k)}:${write(record[k], `${path}.${k}`)}`).join(',')}}`;
    }
    default:
      throw new CanonicalError(`${path} 的类型（${typeof value}）不能序列化`);
  }
}

/** The canonical text of an entry without its hash (see the rule above). Throws CanonicalError on unsupported values. */
export function canonicalSerialise(fields: LogEntryFields | Record<string, unknown>): string {
  return fastSerialise(fields as Record<string, unknown>, false) ?? ruleSerialise(fields);
}

/** The rule applied to any value, without the fast path: what the fast path is tested against. */
export function ruleSerialise(value: unknown): string {
  return write(value, 'entry');
}

// The fast path below writes the same text as `write` for entries of the usual shape, with
// the key order fixed in code; anything else returns undefined and goes through `write`,
// so odd or tampered entries (an added field, a Date, an undefined) are hashed by the rule.
/** LogEntryFields' keys, sorted as the rule sorts them. */
export const ENTRY_KEYS = [
  'category', 'data', 'group', 'occurredAt', 'operationId', 'operator', 'prevHash', 'recordedAt', 'refs', 'seq', 'text',
] as const;
const entryKeys = new Set<string>(ENTRY_KEYS);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? JSON.stringify(v) : undefined);
const num = (v: unknown): string | undefined => (typeof v === 'number' && Number.isFinite(v) ? JSON.stringify(v) : undefined);

function isPlain(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

function stringList(value: unknown): string | undefined {
  if (!Array.isArray(value)) return undefined;
  let out = '[';
  for (let i = 0; i < value.length; i++) {
    const item = str(value[i]);
    if (item === undefined) return undefined;
    out += i === 0 ? item : `,${item}`;
  }
  return `${out}]`;
}

/** refs: only corrects (number) and string lists, written in sorted key order. */
function fastRefs(refs: unknown): string | undefined {
  if (!isPlain(refs)) return undefined;
  let out = '';
  let used = 0;
  const add = (key: string, text: string | undefined): boolean => {
    if (text === undefined) return false;
    out += `${used++ === 0 ? '' : ','}"${key}":${text}`;
    return true;
  };
  if (Object.hasOwn(refs, 'corrects') && !add('corrects', num(refs.corrects))) return undefined;
  if (Object.hasOwn(refs, 'inventoryItems') && !add('inventoryItems', stringList(refs.inventoryItems))) return undefined;
  if (Object.hasOwn(refs, 'media') && !add('media', stringList(refs.media))) return undefined;
  if (Object.hasOwn(refs, 'people') && !add('people', stringList(refs.people))) return undefined;
  return Object.keys(refs).length === used ? `{${out}}` : undefined;
}

/** data: a record of strings, finite numbers, booleans and null. */
function fastData(data: unknown): string | undefined {
  if (!isPlain(data)) return undefined;
  const keys = Object.keys(data).sort();
  let out = '{';
  for (let i = 0; i < keys.length; i++) {
    const v = data[keys[i]!];
    const text = v === null ? 'null' : typeof v === 'boolean' ? String(v) : typeof v === 'number' ? num(v) : str(v);
    if (text === undefined) return undefined;
    out += `${i === 0 ? '' : ','}${JSON.stringify(keys[i])}:${text}`;
  }
  return `${out}}`;
}

/**
 * The canonical text of an entry of the usual shape (exactly LogEntryFields' keys, `data`
 * optional, plus `hash` when `skipHash`), or undefined when anything is unusual.
 */
export function fastSerialise(entry: Record<string, unknown>, skipHash: boolean): string | undefined {
  if (!isPlain(entry)) return undefined;
  let known = 0;
  for (const key of Object.keys(entry)) {
    if (entryKeys.has(key)) known++;
    else if (!(skipHash && key === 'hash')) return undefined;
  }
  const hasData = Object.hasOwn(entry, 'data');
  if (known !== (hasData ? 11 : 10)) return undefined;
  const parts = [
    str(entry.category),
    hasData ? fastData(entry.data) : '',
    str(entry.group),
    str(entry.occurredAt),
    str(entry.operationId),
    str(entry.operator),
    str(entry.prevHash),
    str(entry.recordedAt),
    fastRefs(entry.refs),
    num(entry.seq),
    str(entry.text),
  ];
  for (const part of parts) if (part === undefined) return undefined;
  return (
    `{"category":${parts[0]}${hasData ? `,"data":${parts[1]}` : ''},"group":${parts[2]},"occurredAt":${parts[3]}` +
    `,"operationId":${parts[4]},"operator":${parts[5]},"prevHash":${parts[6]},"recordedAt":${parts[7]}` +
    `,"refs":${parts[8]},"seq":${parts[9]},"text":${parts[10]}}`
  );
}

// TextEncoder is global in browsers, workers and Node alike; shared/ compiles without the DOM lib.
declare const TextEncoder: new () => { encodeInto(text: string, into: Uint8Array): { written: number } };
// One encoder and one growing buffer, reused: hashing 100 000 entries allocates no byte arrays.
const encoder = new TextEncoder();
let buffer = new Uint8Array(4096);

function utf8(text: string): Uint8Array {
  // At most 3 UTF-8 bytes per UTF-16 code unit.
  if (text.length * 3 > buffer.length) buffer = new Uint8Array(Math.max(text.length * 3, buffer.length * 2));
  return buffer.subarray(0, encoder.encodeInto(text, buffer).written);
}

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

function hex(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i++) out += HEX[bytes[i]!]!;
  return out;
}

/** Lowercase hex SHA-256 of the canonical serialisation; a `hash` field, if passed, is left out. */
export function hashEntry(fields: LogEntryFields | Record<string, unknown>): string {
  let text = fastSerialise(fields as Record<string, unknown>, true);
  if (text === undefined) {
    const withoutHash: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(fields)) if (key !== 'hash') withoutHash[key] = value;
    text = ruleSerialise(withoutHash);
  }
  return hex(sha256(utf8(text)));
}
