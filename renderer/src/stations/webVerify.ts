// DOM (page or worker). Ed25519 verification of an entry's signature: WebCrypto where the
// platform has it (native, an order of magnitude faster than @noble/curves), @noble/curves
// otherwise. Both are strict RFC 8032 verifiers: they give the same answer.
import { canonicalBytes } from '../../../shared/stations/canonical';
import { fromBase64url } from '../../../shared/stations/encoding';
import { verifySignature } from '../../../shared/stations/signer';
import type { StationEntry } from '../../../shared/stations/types';

export async function signatureValid(entry: StationEntry): Promise<boolean> {
  const bytes = canonicalBytes(entry as unknown as Record<string, unknown>);
  try {
    const key = await crypto.subtle.importKey('raw', fromBase64url(entry.writer) as BufferSource, { name: 'Ed25519' }, false, ['verify']);
    return await crypto.subtle.verify({ name: 'Ed25519' }, key, fromBase64url(entry.sig) as BufferSource, bytes as BufferSource);
  } catch {
    return verifySignature(entry.sig, bytes, entry.writer);
  }
}
