// DOM. Encrypt and decrypt exports in a worker, one worker per call (they are rare and slow).
import type { Decrypted } from '../../../shared/archive/encryption';
import type { CryptoReply, CryptoRequest } from './cryptoWorker';

function run(request: CryptoRequest): Promise<CryptoReply> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./cryptoWorker.ts', import.meta.url), { type: 'module', name: '加密' });
    worker.onmessage = ({ data }: MessageEvent<CryptoReply>) => {
      worker.terminate();
      resolve(data);
    };
    worker.onerror = (event) => {
      worker.terminate();
      reject(new Error(`加密处理失败：${event.message}`));
    };
    worker.postMessage(request);
  });
}

export async function encryptExport(bytes: Uint8Array, passphrase: string): Promise<Uint8Array<ArrayBuffer>> {
  const reply = await run({ kind: 'encrypt', bytes, passphrase });
  if (reply.kind === 'encrypted') return reply.bytes;
  throw new Error(reply.kind === 'failed' ? reply.message : '加密处理返回了意外的结果');
}

export async function decryptExport(bytes: Uint8Array, passphrase: string): Promise<Decrypted> {
  const reply = await run({ kind: 'decrypt', bytes, passphrase });
  if (reply.kind === 'decrypted') return reply.result;
  throw new Error(reply.kind === 'failed' ? reply.message : '解密处理返回了意外的结果');
}
