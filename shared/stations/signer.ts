// Pure. Who signs: a station holds a Signer; WebCrypto's non-extractable key in the
// renderer (renderer/src/stations/identity.ts), @noble/curves in Node, tests and demos.
// Everyone verifies with @noble/curves, so the browser, Node and the verifier agree.
import { ed25519 } from '@noble/curves/ed25519.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { fromBase64url, toBase64url, utf8 } from './encoding';

export interface Signer {
  /** Ed25519 public key, 32 bytes, base64url. */
  readonly publicKey: string;
  sign(bytes: Uint8Array): Promise<Uint8Array>;
}

/** A signer over a 32-byte Ed25519 secret key held in memory. */
export function nobleSigner(secretKey: Uint8Array): Signer {
  const publicKey = toBase64url(ed25519.getPublicKey(secretKey));
  return { publicKey, sign: async (bytes) => ed25519.sign(bytes, secretKey) };
}

/** A deterministic demo or test key: the same seed text gives the same station everywhere. */
export const demoSigner = (seed: string): Signer => nobleSigner(sha256(utf8(`enforcement-console station demo key:${seed}`)));

export const randomSecretKey = (): Uint8Array => ed25519.utils.randomSecretKey();

/**
 * Strict RFC 8032 verification (no ZIP-215 leniency), as WebCrypto verifies: a signature
 * one verifier accepts, the other accepts too. False on malformed keys or signatures.
 */
export function verifySignature(sig: string, bytes: Uint8Array, publicKey: string): boolean {
  try {
    const key = fromBase64url(publicKey);
    const signature = fromBase64url(sig);
    if (key.length !== 32 || signature.length !== 64) return false;
    return ed25519.verify(signature, bytes, key, { zip215: false });
  } catch {
    return false;
  }
}

/** A public key as people compare it: the first 8 characters. */
export const shortKey = (publicKey: string): string => publicKey.slice(0, 8);
