// DOM (dedicated worker). Hashes picked files for the browser twin off the page's thread.
import { createBlobHashing, type HashWorkerReply, type HashWorkerRequest } from './blobHashing';
import { warmSha256 } from './fastSha256';

const scope = self as unknown as {
  onmessage: ((event: MessageEvent<HashWorkerRequest>) => void) | null;
  postMessage(reply: HashWorkerReply): void;
};
const hashing = createBlobHashing();

// The first step waits for the WebAssembly hashers to be ready.
const ready = warmSha256().catch(() => undefined);

scope.onmessage = ({ data }) => {
  const work =
    data.kind === 'step'
      ? ready.then(() => hashing.step(data.token, data.file, data.maxBytes))
      : hashing.drop(data.token).then(() => ({ hashedBytes: 0, size: 0 }));
  work.then(
    (progress) => scope.postMessage({ id: data.id, ok: true, progress }),
    (e: unknown) => scope.postMessage({ id: data.id, ok: false, message: e instanceof Error ? e.message : String(e) }),
  );
};
