// DOM. Writing an export as the user chose (encrypted or not) and opening a file that may be
// encrypted, asking for the passphrase again until it is right or the user gives up.
import { ENCRYPTED_EXTENSION, isEncrypted } from '../../../shared/archive/encryption';
import { decryptExport, encryptExport } from './crypto';
import type { Protection } from './ExportProtection';

/** The bytes to write and the file name's ending: `x.json` becomes `x.json.age` when encrypted. */
export async function protectExport(
  bytes: Uint8Array<ArrayBuffer>,
  name: string,
  protection: Protection,
): Promise<{ bytes: Uint8Array<ArrayBuffer>; name: string; extensions: string[] }> {
  if (protection.passphrase === null) return { bytes, name, extensions: [name.split('.').pop()!] };
  return { bytes: await encryptExport(bytes, protection.passphrase), name: `${name}.${ENCRYPTED_EXTENSION}`, extensions: [ENCRYPTED_EXTENSION] };
}

/** The plain bytes of a file that may be encrypted, or null when the user cancels the passphrase. */
export async function openProtected(
  bytes: Uint8Array,
  what: string,
  askPassphrase: (what: string, problem?: string) => Promise<string | null>,
): Promise<Uint8Array | null> {
  if (!isEncrypted(bytes)) return bytes;
  let problem: string | undefined;
  for (;;) {
    const passphrase = await askPassphrase(what, problem);
    if (passphrase === null) return null;
    const opened = await decryptExport(bytes, passphrase);
    if (opened.ok) return opened.bytes;
    problem = opened.problem;
  }
}
