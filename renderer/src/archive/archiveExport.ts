// DOM. Exporting the archive (一户一档) from the app: plan it, match the picked footage to
// the register, render the index PDF, then let the worker write the ZIP while the page
// reads footage through the host and takes the ZIP's bytes.
import { matchMediaFiles, planArchive, registeredMedia, type ArchiveManifest, type MediaMatch } from '../../../shared/archive/archive';
import type { OperationBackup } from '../../../shared/archive/backup';
import { chinaInstant } from '../../../shared/calendar/chinaTime';
import { archiveIndexData, renderArchiveIndex } from '../../../shared/documents/archiveIndex';
import { ENCRYPTED_EXTENSION } from '../../../shared/archive/encryption';
import type { HostApi, OpenedFile } from '../../../shared/host/contract';
import { saveStreamed } from '../host/saveStreamed';
import { documentFonts } from '../documents/fonts';
import { HASH_STEP_BYTES } from '../evidence/useFileHashing';
import type { ArchiveWorkerReply, ArchiveWorkerRequest, ExportProgress } from './archiveWorker';

type Host = Pick<HostApi, 'hashFile' | 'readFile' | 'closeFile' | 'beginSave' | 'writeSave' | 'finishSave' | 'abortSave'>;

export type ExportStage =
  | { stage: 'matching'; file: string; hashed: number; total: number }
  | { stage: 'index' }
  | ({ stage: 'writing' } & ExportProgress);

type Settled = Extract<ArchiveWorkerReply, { kind: 'exported' | 'verified' }>;

interface WorkerHandlers {
  onProgress?: (progress: ExportProgress) => void;
  /** A piece of a footage file (by mediaId) or of the archive to check ('archive') the worker needs. */
  onRead?: (source: string, offset: number, length: number) => Promise<Uint8Array>;
  onChecking?: (done: number, total: number) => void;
  /** The next bytes of the ZIP; the worker waits until the returned promise settles. */
  onZip?: (bytes: Uint8Array, final: boolean) => Promise<void>;
}

/** Runs one request in a fresh worker, answering its reads and taking its ZIP bytes; the last reply resolves. */
export function runInWorker(request: ArchiveWorkerRequest, handlers: WorkerHandlers = {}): Promise<Settled> {
  return new Promise<Settled>((resolve, reject) => {
    const worker = new Worker(new URL('./archiveWorker.ts', import.meta.url), { type: 'module', name: '档案' });
    const stop = (outcome: () => void) => {
      worker.terminate();
      outcome();
    };
    const answer = (id: number, work: Promise<Uint8Array | undefined>) =>
      work.then(
        (bytes) => worker.postMessage({ kind: 'answer', id, ...(bytes ? { bytes } : {}) } satisfies ArchiveWorkerRequest, bytes ? [bytes.buffer] : []),
        (error: unknown) => worker.postMessage({ kind: 'answer', id, error: error instanceof Error ? error.message : String(error) } satisfies ArchiveWorkerRequest),
      );
    worker.onmessage = ({ data }: MessageEvent<ArchiveWorkerReply>) => {
      if (data.kind === 'progress') handlers.onProgress?.(data);
      else if (data.kind === 'checking') handlers.onChecking?.(data.done, data.total);
      else if (data.kind === 'read') void answer(data.id, handlers.onRead?.(data.source, data.offset, data.length) ?? Promise.reject(new Error('没有可读的文件')));
      else if (data.kind === 'zip') void answer(data.id, (handlers.onZip?.(data.bytes, data.final) ?? Promise.resolve()).then(() => undefined));
      else if (data.kind === 'failed') stop(() => reject(new Error(data.message)));
      else stop(() => resolve(data));
    };
    worker.onerror = (event) => stop(() => reject(new Error(event.message || '档案处理意外中止')));
    worker.postMessage(request);
  });
}

const MB = 1024 * 1024;
export const sizeText = (bytes: number) =>
  bytes < 1024 ? `${bytes} 字节` : bytes < MB ? `${(bytes / 1024).toFixed(1)} KB` : `${(bytes / MB).toFixed(1)} MB`;

/** SHA-256 of an opened file, hashed by the host step by step. */
async function hashThroughHost(host: Host, file: OpenedFile, onStep: (hashed: number) => void): Promise<string> {
  for (;;) {
    const step = await host.hashFile({ token: file.token, maxBytes: HASH_STEP_BYTES });
    onStep(step.hashedBytes);
    if (step.sha256) return step.sha256;
  }
}

/** The picked files that are registered recordings; the others are closed at once. */
export async function matchPickedFootage(
  host: Host,
  backup: OperationBackup,
  files: readonly OpenedFile[],
  onStage: (stage: ExportStage) => void,
): Promise<MediaMatch<OpenedFile>> {
  const register = registeredMedia(backup);
  const sizes = new Set(register.map((r) => r.size));
  const total = files.filter((f) => sizes.has(f.size)).reduce((n, f) => n + f.size, 0);
  let before = 0;
  const close = (list: readonly OpenedFile[]) => Promise.all(list.map((f) => host.closeFile({ token: f.token }).catch(() => undefined)));
  const match = await matchMediaFiles(register, files, async (file) => {
    const digest = await hashThroughHost(host, file, (hashed) => onStage({ stage: 'matching', file: file.name, hashed: before + hashed, total }));
    before += file.size;
    return digest;
  }).catch(async (error: unknown) => {
    await close(files);
    throw error;
  });
  await close(match.unmatchedFiles);
  return match;
}

export interface ExportResult {
  manifest: ArchiveManifest;
  size: number;
  location: string;
  encrypted: boolean;
}

/**
 * Asks where to save, then writes the archive with the matched footage straight into that
 * file as it is made (encrypted on the way when a passphrase is given): the ZIP is never
 * whole in memory. Null when the user cancels the save dialog. Closes the footage files.
 */
export async function exportArchive(
  host: Host,
  backup: OperationBackup,
  footage: MediaMatch<OpenedFile>['matched'],
  suggestedName: string,
  passphrase: string | null,
  onStage: (stage: ExportStage) => void,
): Promise<ExportResult | null> {
  const files = new Map(footage.map((m) => [m.mediaId, m.file]));
  try {
    const now = new Date();
    const plan = planArchive(backup, chinaInstant(now), [...files.keys()]);
    onStage({ stage: 'index' });
    const index = await renderArchiveIndex(archiveIndexData(plan), documentFonts);
    const name = passphrase === null ? suggestedName : `${suggestedName}.${ENCRYPTED_EXTENSION}`;
    const filters = [passphrase === null ? { name: '档案（ZIP）', extensions: ['zip'] } : { name: '加密档案（age）', extensions: [ENCRYPTED_EXTENSION] }];
    let manifest: ArchiveManifest | undefined;
    const saved = await saveStreamed(host, { suggestedName: name, filters }, async (write) => {
      const reply = await runInWorker(
        { kind: 'export', plan, index, modifiedAt: now.getTime(), media: plan.media.map(({ mediaId, size }) => ({ mediaId, size })), passphrase },
        {
          onProgress: (progress) => onStage({ stage: 'writing', ...progress }),
          onRead: (mediaId, offset, length) => host.readFile({ token: files.get(mediaId)!.token, offset, length }),
          onZip: (bytes) => write(bytes),
        },
      );
      if (reply.kind !== 'exported') throw new Error('档案处理返回了意外的结果');
      manifest = reply.manifest;
    });
    return saved === 'cancelled' ? null : { manifest: manifest!, size: saved.size, location: saved.location, encrypted: passphrase !== null };
  } finally {
    await Promise.all([...files.values()].map((f) => host.closeFile({ token: f.token }).catch(() => undefined)));
  }
}
