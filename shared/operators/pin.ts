// Pure. Operator PINs: what a PIN may be, and how it is stored — only as a salted slow
// hash whose algorithm and parameters travel with it, so they can be raised later and old
// records still verify.
import { scryptAsync } from '@noble/hashes/scrypt.js';
import { bytesToHex, hexToBytes, randomBytes } from '@noble/hashes/utils.js';

export const PIN_MIN_LENGTH = 6;
export const PIN_MAX_LENGTH = 12;

/** Why a PIN is not acceptable as a new PIN, or null when it is. */
export function pinProblem(pin: string): string | null {
  if (pin === '') return '请输入 PIN';
  if (!/^\d+$/.test(pin)) return 'PIN 只能由数字组成';
  if (pin.length < PIN_MIN_LENGTH || pin.length > PIN_MAX_LENGTH) return `PIN 应为 ${PIN_MIN_LENGTH} 至 ${PIN_MAX_LENGTH} 位数字`;
  if (/^(\d)\1+$/.test(pin)) return 'PIN 不能全是同一个数字';
  const steps = [...pin].slice(1).map((d, i) => Number(d) - Number(pin[i]));
  if (steps.every((s) => s === 1) || steps.every((s) => s === -1)) return 'PIN 不能是连续数字（如 123456、987654）';
  return null;
}

/**
 * scrypt with N = 2^15, r = 8, p = 3 (32 MiB; about 1 s per try on a laptop): one of the
 * equivalent settings OWASP's password storage cheat sheet lists for scrypt. A 6-digit PIN
 * has little entropy, so the slow hash is what makes guessing a copied database costly;
 * on the console itself the lockout after 5 wrong tries stops guessing. The record names
 * algorithm and parameters, so a later version can raise them (see pinHashOutdated).
 */
export const PIN_KDF = { algorithm: 'scrypt', N: 2 ** 15, r: 8, p: 3, dkLen: 32 } as const;

export interface PinHash {
  algorithm: 'scrypt';
  N: number;
  r: number;
  p: number;
  dkLen: number;
  /** Hex, 16 random bytes. */
  salt: string;
  /** Hex, dkLen bytes. */
  hash: string;
}

type KdfParams = Pick<PinHash, 'N' | 'r' | 'p' | 'dkLen'>;

const derive = (pin: string, salt: Uint8Array, k: KdfParams) => scryptAsync(pin, salt, { N: k.N, r: k.r, p: k.p, dkLen: k.dkLen });

/** Hashes a PIN with a fresh salt. `params` only for tests that need speed. */
export async function hashPin(pin: string, params: KdfParams = PIN_KDF): Promise<PinHash> {
  const salt = randomBytes(16);
  const hash = await derive(pin, salt, params);
  return { algorithm: 'scrypt', N: params.N, r: params.r, p: params.p, dkLen: params.dkLen, salt: bytesToHex(salt), hash: bytesToHex(hash) };
}

/** Same length and every byte compared, so timing says nothing about how much matched. */
export function constantTimeEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i]! ^ b[i]!;
  return diff === 0;
}

export async function verifyPin(pin: string, stored: PinHash): Promise<boolean> {
  if (stored.algorithm !== 'scrypt') return false;
  const hash = await derive(pin, hexToBytes(stored.salt), stored);
  return constantTimeEqual(hash, hexToBytes(stored.hash));
}

/** True when a record was made with weaker parameters than today's, so it should be rehashed. */
export const pinHashOutdated = (stored: PinHash) => stored.algorithm !== PIN_KDF.algorithm || stored.N < PIN_KDF.N || stored.r < PIN_KDF.r || stored.p < PIN_KDF.p;

/** Wrong PINs allowed before the person is locked out, and for how long. */
export const MAX_FAILED_ATTEMPTS = 5;
export const LOCKOUT_MS = 5 * 60_000;

export interface AttemptState {
  failedAttempts: number;
  /** Epoch ms until which no PIN is accepted; absent when not locked out. */
  lockedUntil?: number;
}

/** Why no PIN may be tried right now, or null. */
export function lockoutMessage(state: AttemptState, now: number): string | null {
  if (state.lockedUntil === undefined || state.lockedUntil <= now) return null;
  const minutes = Math.ceil((state.lockedUntil - now) / 60_000);
  return `PIN 连续输错 ${MAX_FAILED_ATTEMPTS} 次，已锁定，请 ${minutes} 分钟后再试`;
}

/** The state after one wrong PIN: the fifth in a row locks the person out. */
export function afterFailure(state: AttemptState, now: number): AttemptState {
  const lockExpired = state.lockedUntil !== undefined && state.lockedUntil <= now;
  const failedAttempts = (lockExpired ? 0 : state.failedAttempts) + 1;
  return failedAttempts >= MAX_FAILED_ATTEMPTS ? { failedAttempts: 0, lockedUntil: now + LOCKOUT_MS } : { failedAttempts };
}

/** What the person is told after a wrong PIN. */
export function failureMessage(state: AttemptState, now: number): string {
  return lockoutMessage(state, now) ?? `PIN 不正确，还可再试 ${MAX_FAILED_ATTEMPTS - state.failedAttempts} 次`;
}
