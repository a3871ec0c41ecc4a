// DOM (dedicated worker). Encrypting and opening exports off the page's thread: scrypt at
// 2^18 takes seconds in JavaScript, and the page must keep responding meanwhile.
import { decryptBytes, encryptBytes, type Decrypted } from '../../../shared/archive/encryption';

/** Page → worker. */
export type CryptoRequest = { kind: 'encrypt'; bytes: Uint8Array; passphrase: string } | { kind: 'decrypt'; bytes: Uint8Array; passphrase: string };

/** Worker → page. */
export type CryptoReply = { kind: 'encrypted'; bytes: Uint8Array<ArrayBuffer> } | { kind: 'decrypted'; result: Decrypted } | { kind: 'failed'; message: string };

const scope = self as unknown as {
  onmessage: ((event: MessageEvent<CryptoRequest>) => void) | null;
  postMessage(reply: CryptoReply, transfer?: Transferable[]): void;
};

scope.onmessage = async ({ data }) => {
  try {
    if (data.kind === 'encrypt') {
      const bytes = (await encryptBytes(data.bytes, data.passphrase)) as Uint8Array<ArrayBuffer>;
      scope.postMessage({ kind: 'encrypted', bytes }, [bytes.buffer]);
    } else {
      scope.postMessage({ kind: 'decrypted', result: await decryptBytes(data.bytes, data.passphrase) });
    }
  } catch (e) {
    scope.postMessage({ kind: 'failed', message: e instanceof Error ? e.message : String(e) });
  }
};
