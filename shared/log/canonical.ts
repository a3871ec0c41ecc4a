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
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
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
  return write(fields, 'entry');
}

/** Lowercase hex SHA-256 of the canonical serialisation; a `hash` field, if passed, is left out. */
export function hashEntry(fields: LogEntryFields | Record<string, unknown>): string {
  const withoutHash: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(fields)) if (key !== 'hash') withoutHash[key] = value;
  return bytesToHex(sha256(utf8ToBytes(canonicalSerialise(withoutHash))));
}
