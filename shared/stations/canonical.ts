// Pure. The canonical form of a station entry is RFC 8785 (JSON Canonicalization Scheme,
// the `canonicalize` package) of every field except `hash` and `sig`; the hash is SHA-256
// of its UTF-8 bytes and the signature is Ed25519 over the same bytes. Unlike format 1
// (shared/log/canonical.ts, still used for old archives), any tool that implements
// RFC 8785 recomputes a hash: no rule of our own to document.
import canonicalize from 'canonicalize';
import { sha256 } from '@noble/hashes/sha2.js';
import { toHex, utf8 } from './encoding';

export class CanonicalFormError extends Error {}

/** What is hashed and signed: the entry without `hash` and `sig`. */
export function signedFields(entry: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(entry)) if (key !== 'hash' && key !== 'sig') out[key] = entry[key];
  return out;
}

// canonicalize() follows JSON.stringify for values JSON has no form for (it drops undefined
// members, calls toJSON, writes a Date as text); an entry read back from storage never has
// them, so meeting one means a value that would not survive a round trip: refused instead.
function assertJson(value: unknown, path: string): void {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new CanonicalFormError(`${path} 不是有限数字`);
    return;
  }
  if (Array.isArray(value)) {
    value.forEach((v, i) => assertJson(v, `${path}[${i}]`));
    return;
  }
  if (typeof value === 'object') {
    const proto = Object.getPrototypeOf(value) as unknown;
    if (proto !== Object.prototype && proto !== null) throw new CanonicalFormError(`${path} 不是普通对象`);
    for (const [k, v] of Object.entries(value)) assertJson(v, `${path}.${k}`);
    return;
  }
  throw new CanonicalFormError(`${path} 的类型（${typeof value}）不能序列化`);
}

/** The RFC 8785 text of the entry's signed fields. Throws CanonicalFormError on non-JSON values. */
export function canonicalText(entry: Record<string, unknown>): string {
  const fields = signedFields(entry);
  assertJson(fields, 'entry');
  try {
    return canonicalize(fields)!;
  } catch (error) {
    // Lone surrogates: text that is not valid Unicode cannot be hashed as UTF-8 unambiguously.
    throw new CanonicalFormError(error instanceof Error ? error.message : String(error));
  }
}

export const canonicalBytes = (entry: Record<string, unknown>): Uint8Array => utf8(canonicalText(entry));

export const sha256Hex = (bytes: Uint8Array): string => toHex(sha256(bytes));

/** Hex SHA-256 of the canonical form. */
export const entryHash = (entry: Record<string, unknown>): string => sha256Hex(canonicalBytes(entry));
