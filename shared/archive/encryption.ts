// Pure. Passphrase encryption of exported backups and archives, in the age format
// (age-encryption.org/v1): scrypt derives the key (work factor 2^18 by default, slow on
// purpose), ChaCha20-Poly1305 in 64 KiB chunks authenticates every byte and the end, so a
// cut or altered file fails to open. Anyone holding the passphrase can also open the file
// with the standard `age -d` tool, without this app.
import { Decrypter, Encrypter } from 'age-encryption';
import { strFromU8, strToU8 } from 'fflate';

/** What an encrypted file's name ends with. */
export const ENCRYPTED_EXTENSION = 'age';

/** log2 of scrypt's N: about a second on an office PC, per try for an attacker too. */
export const DEFAULT_WORK_FACTOR = 18;
/** Refused when opening: a file asking for more would hang the app (age's own limit is similar). */
const MAX_WORK_FACTOR = 22;

const MAGIC = strToU8('age-encryption.org/v1\n');

/** True when the bytes start like an age file (the binary form the app writes). */
export function isEncrypted(bytes: Uint8Array): boolean {
  return bytes.length >= MAGIC.length && MAGIC.every((b, i) => bytes[i] === b);
}

/** Why a passphrase is too weak to protect personal data, in words for the user, or []. */
export function passphraseProblems(passphrase: string): string[] {
  const problems: string[] = [];
  const chars = [...passphrase];
  if (chars.length < 10) problems.push('口令至少 10 个字符');
  if (new Set(chars).size < 5) problems.push('口令过于简单（不同字符少于 5 个）');
  if (passphrase.trim() !== passphrase) problems.push('口令首尾不能有空格');
  return problems;
}

export interface EncryptOptions {
  /** log2 of scrypt's N; tests lower it, the app keeps the default. */
  workFactor?: number;
}

/** The configured encrypter; its encrypt() also takes a web ReadableStream (used where the DOM types are). */
export function encrypter(passphrase: string, options: EncryptOptions = {}): Encrypter {
  const problems = passphraseProblems(passphrase);
  if (problems.length > 0) throw new Error(`口令不符合要求：${problems.join('；')}`);
  const e = new Encrypter();
  e.setPassphrase(passphrase);
  e.setScryptWorkFactor(options.workFactor ?? DEFAULT_WORK_FACTOR);
  return e;
}

export const encryptBytes = (bytes: Uint8Array, passphrase: string, options: EncryptOptions = {}): Promise<Uint8Array> =>
  encrypter(passphrase, options).encrypt(bytes);

/** The work factor an age passphrase file asks for, or null when the header has none. */
function requestedWorkFactor(bytes: Uint8Array): number | null {
  const head = strFromU8(bytes.subarray(0, 512), true);
  const match = /\n-> scrypt \S+ (\d+)\n/.exec(head);
  return match ? Number(match[1]) : null;
}

export type Decrypted = { ok: true; bytes: Uint8Array } | { ok: false; problem: string };

/** Opens an encrypted file; a wrong passphrase and a damaged file both fail with a clear message. */
export async function decryptBytes(bytes: Uint8Array, passphrase: string): Promise<Decrypted> {
  if (!isEncrypted(bytes)) return { ok: false, problem: '文件不是本程序加密导出的文件（缺少 age 加密文件头）' };
  const factor = requestedWorkFactor(bytes);
  if (factor === null) return { ok: false, problem: '文件不是用口令加密的，无法用口令打开' };
  if (factor > MAX_WORK_FACTOR) return { ok: false, problem: `文件要求的密钥派生强度（2^${factor}）过高，拒绝打开` };
  const d = new Decrypter();
  d.addPassphrase(passphrase);
  try {
    return { ok: true, bytes: await d.decrypt(bytes) };
  } catch {
    // age does not say which: the passphrase is wrong, or the file was cut or altered.
    return { ok: false, problem: '无法解密：口令不正确，或文件已损坏、被截短或被改动' };
  }
}
