// DOM (dedicated worker). Writes and checks archives (一户一档) off the page's thread, so the
// progress bar keeps moving while fflate deflates and SHA-256 runs. Footage is read through
// the page (only it can call the host), one piece per request, and the ZIP goes back to the
// page in batches, each acknowledged before the writer goes on: neither side piles up bytes.
import { strFromU8 } from 'fflate';
import { createSHA256 } from 'hash-wasm';
import { encrypter } from '../../../shared/archive/encryption';
import { newSha256, warmSha256 } from '../host/fastSha256';
import { MANIFEST_NAME, writeArchiveZip, type ArchiveManifest, type ArchivePlan, type MediaSource } from '../../../shared/archive/archive';
import type { ArchiveVerdict } from '../../../shared/archive/verifyArchive';
import { verifyArchiveReader } from '../../../shared/archive/verifyStream';
import type { LogEntry } from '../../../shared/log/types';
import { logView } from '../../../shared/log/view';

/** Page → worker. */
export type ArchiveWorkerRequest =
  | {
      kind: 'export';
      plan: ArchivePlan;
      index: Uint8Array;
      modifiedAt: number;
      media: { mediaId: string; size: number }[];
      /** Encrypt the ZIP on its way out (age), or null for a plain ZIP. */
      passphrase: string | null;
    }
  /** Check the archive the page reads for the worker (source 'archive'), `size` bytes long; the stations' signatures of the heads only, or all. */
  | { kind: 'verify'; size: number; signatures: 'heads' | 'all' }
  /** The answer to a `read` or a `zip` message of the worker. */
  | { kind: 'answer'; id: number; bytes?: Uint8Array; error?: string };

/** What the browser shows of a verified archive's log: the count and both ends. */
export interface LogExcerpt {
  first: LogEntry[];
  last: LogEntry[];
}

export interface ExportProgress {
  entry: number;
  entries: number;
  name: string;
  /** ZIP bytes handed to the page so far. */
  bytes: number;
}

/** Worker → page. */
export type ArchiveWorkerReply =
  | ({ kind: 'progress' } & ExportProgress)
  /** Read `length` bytes at `offset` of a footage file (its mediaId) or the archive to check; answer with the same id. */
  | { kind: 'read'; id: number; source: string; offset: number; length: number }
  | { kind: 'checking'; done: number; total: number }
  /** The next bytes of the ZIP; answer (without bytes) once they are taken. */
  | { kind: 'zip'; id: number; bytes: Uint8Array; final: boolean }
  | { kind: 'exported'; manifest: ArchiveManifest }
  | { kind: 'verified'; verdict: ArchiveVerdict; manifest?: ArchiveManifest; log?: LogExcerpt }
  | { kind: 'failed'; message: string };

const EXCERPT_ENTRIES = 5;
/** ZIP bytes gathered before they go to the page: fflate emits many small chunks. */
const BATCH_BYTES = 4 * 1024 * 1024;

const scope = self as unknown as {
  onmessage: ((event: MessageEvent<ArchiveWorkerRequest>) => void) | null;
  postMessage(reply: ArchiveWorkerReply, transfer?: Transferable[]): void;
};

const waiting = new Map<number, { resolve: (bytes: Uint8Array | undefined) => void; reject: (error: Error) => void }>();
let nextId = 1;

/** Posts a message the page answers, and waits for the answer. */
function ask(message: (id: number) => ArchiveWorkerReply, transfer: Transferable[] = []): Promise<Uint8Array | undefined> {
  const id = nextId++;
  return new Promise((resolve, reject) => {
    waiting.set(id, { resolve, reject });
    scope.postMessage(message(id), transfer);
  });
}

const readThroughPage = async (source: string, offset: number, length: number) =>
  (await ask((id) => ({ kind: 'read', id, source, offset, length }))) ?? new Uint8Array(0);

/** Where the ZIP's bytes go, in order; `close` once the last is written. */
interface Sink {
  write(chunk: Uint8Array): Promise<void>;
  close(): Promise<void>;
}

/** Batches fflate's many small chunks and posts each batch to the page, acknowledged before the next. */
function toPage(onPosted: (bytes: number) => void): Sink {
  let batch: Uint8Array[] = [];
  let batched = 0;
  const flush = async (final: boolean) => {
    const joined = new Uint8Array(batched);
    batch.reduce((at, c) => (joined.set(c, at), at + c.length), 0);
    const length = batched;
    batch = [];
    batched = 0;
    // The buffer is transferred: `joined` is empty once posted.
    await ask((id) => ({ kind: 'zip', id, bytes: joined, final }), [joined.buffer]);
    onPosted(length);
  };
  return {
    write: async (chunk) => {
      batch.push(chunk);
      batched += chunk.length;
      if (batched >= BATCH_BYTES) await flush(false);
    },
    close: () => flush(true),
  };
}

/** Encrypts the ZIP as it is written (age, passphrase through scrypt) and passes it on to `next`. */
async function encrypting(passphrase: string, next: Sink): Promise<Sink> {
  const bridge = new TransformStream<Uint8Array, Uint8Array>();
  const writer = bridge.writable.getWriter();
  const sealed = (await encrypter(passphrase).encrypt(bridge.readable)).getReader();
  const pump = (async () => {
    for (;;) {
      const { done, value } = await sealed.read();
      if (done) break;
      await next.write(value);
    }
    await next.close();
  })();
  // If the page stops taking bytes (save cancelled, disk full), the writer must not wait forever.
  pump.catch((error: unknown) => writer.abort(error).catch(() => undefined));
  return {
    write: async (chunk) => {
      await writer.ready;
      await writer.write(chunk);
    },
    close: async () => {
      await writer.close();
      await pump;
    },
  };
}

async function exportArchive(request: Extract<ArchiveWorkerRequest, { kind: 'export' }>): Promise<void> {
  const media: MediaSource[] = request.media.map(({ mediaId, size }) => ({
    mediaId,
    size,
    read: (offset, length) => readThroughPage(mediaId, offset, length),
  }));
  let bytes = 0;
  let last: Omit<ExportProgress, 'bytes'> = { entry: 0, entries: 1, name: '' };
  const page = toPage((posted) => {
    bytes += posted;
    scope.postMessage({ kind: 'progress', ...last, bytes });
  });
  const sink = request.passphrase === null ? page : await encrypting(request.passphrase, page);
  await warmSha256();
  const manifest = await writeArchiveZip(request.plan, request.index, {
    modifiedAt: new Date(request.modifiedAt),
    createSha256: newSha256,
    media,
    onProgress: ({ entry, entries, name }) => {
      last = { entry, entries, name };
      scope.postMessage({ kind: 'progress', ...last, bytes });
    },
    onChunk: (chunk) => sink.write(chunk),
  });
  await sink.close();
  scope.postMessage({ kind: 'progress', ...last, entry: last.entries, bytes });
  scope.postMessage({ kind: 'exported', manifest });
}

async function verify(size: number, signatures: 'heads' | 'all'): Promise<void> {
  let manifest: Uint8Array | undefined;
  const log: LogExcerpt = { first: [], last: [] };
  // Both ends of the log, however long: the first entries, and the last ones seen so far.
  const keep = (entry: LogEntry) => {
    if (log.first.length < EXCERPT_ENTRIES) log.first.push(entry);
    else {
      log.last.push(entry);
      if (log.last.length > EXCERPT_ENTRIES) log.last.shift();
    }
  };
  let shown = 0;
  await warmSha256();
  // One WebAssembly hasher reused for every station entry: each is hashed alone, synchronously.
  const entryHasher = await createSHA256();
  const verdict = await verifyArchiveReader(
    { size, read: (offset, length) => readThroughPage('archive', offset, length) },
    {
      createSha256: newSha256,
      hashHex: (bytes) => (entryHasher.init(), entryHasher.update(bytes), entryHasher.digest('hex')),
      signatures,
      onParsed: (name, bytes) => {
        if (name === MANIFEST_NAME) manifest = bytes;
      },
      onLogEntry: keep,
      // Format 2: each station's chain, shown as the app shows an entry.
      onStationEntry: (entry) => keep(logView(entry)),
      onProgress: (done, total) => {
        // A message per 4 MiB piece would be many for a large archive: every 1 % is enough.
        if (done - shown < total / 100 && done < total) return;
        shown = done;
        scope.postMessage({ kind: 'checking', done, total });
      },
    },
  );
  if (!verdict.ok) {
    scope.postMessage({ kind: 'verified', verdict });
    return;
  }
  // Only now, with every hash checked, is the manifest worth showing.
  scope.postMessage({ kind: 'verified', verdict, manifest: JSON.parse(strFromU8(manifest!)) as ArchiveManifest, log });
}

const fail = (e: unknown) => scope.postMessage({ kind: 'failed', message: e instanceof Error ? e.message : String(e) });

scope.onmessage = ({ data }) => {
  if (data.kind === 'answer') {
    const pending = waiting.get(data.id);
    waiting.delete(data.id);
    if (data.error !== undefined) pending?.reject(new Error(data.error));
    else pending?.resolve(data.bytes);
    return;
  }
  (data.kind === 'export' ? exportArchive(data) : verify(data.size, data.signatures)).catch(fail);
};
