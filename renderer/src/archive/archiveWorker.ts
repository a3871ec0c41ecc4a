// DOM (dedicated worker). Builds and checks archives (一户一档) off the page's thread, so the
// progress bar keeps moving while fflate deflates and SHA-256 runs.
import { strFromU8, unzipSync } from 'fflate';
import { archiveFiles, LOG_NAME, MANIFEST_NAME, writeArchiveZip, type ArchiveFile, type ArchiveManifest } from '../../../shared/archive/archive';
import type { OperationBackup } from '../../../shared/archive/backup';
import { verifyArchiveZip, type ArchiveVerdict } from '../../../shared/archive/verifyArchive';
import type { LogEntry } from '../../../shared/log/types';

/** Page → worker. */
export type ArchiveWorkerRequest =
  | { kind: 'export'; backup: OperationBackup; createdAt: string; modifiedAt: number }
  | { kind: 'verify'; zip: Uint8Array };

/** What the browser shows of a verified archive's log: the count and both ends. */
export interface LogExcerpt {
  first: LogEntry[];
  last: LogEntry[];
}

/** Worker → page. */
export type ArchiveWorkerReply =
  | { kind: 'progress'; filesDone: number; files: number; bytes: number }
  | { kind: 'exported'; zip: Blob; manifest: ArchiveManifest }
  | { kind: 'verified'; verdict: ArchiveVerdict; manifest?: ArchiveManifest; log?: LogExcerpt }
  | { kind: 'failed'; message: string };

const EXCERPT_ENTRIES = 5;

const scope = self as unknown as {
  onmessage: ((event: MessageEvent<ArchiveWorkerRequest>) => void) | null;
  postMessage(reply: ArchiveWorkerReply): void;
};

function exportArchive(backup: OperationBackup, createdAt: string, modifiedAt: Date): void {
  const files = archiveFiles(backup, createdAt);
  let current = 0;
  // The writer reads each file's name just before pushing it: that tells which file the chunks belong to.
  const observed: ArchiveFile[] = files.map((file, i) => ({
    get name() {
      current = i;
      return file.name;
    },
    bytes: file.bytes,
    stored: file.stored,
  }));
  const parts: Uint8Array[] = [];
  let bytes = 0;
  writeArchiveZip(observed, modifiedAt, (chunk, final) => {
    parts.push(chunk);
    bytes += chunk.length;
    scope.postMessage({ kind: 'progress', filesDone: final ? files.length : current, files: files.length, bytes });
  });
  const manifest = JSON.parse(strFromU8(files.at(-1)!.bytes)) as ArchiveManifest;
  scope.postMessage({ kind: 'exported', zip: new Blob(parts as BlobPart[], { type: 'application/zip' }), manifest });
}

function verify(zip: Uint8Array): void {
  const verdict = verifyArchiveZip(zip);
  if (!verdict.ok) {
    scope.postMessage({ kind: 'verified', verdict });
    return;
  }
  // Only now, with every hash checked, are the manifest and the log worth reading.
  const wanted = unzipSync(zip, { filter: (f) => f.name === MANIFEST_NAME || f.name === LOG_NAME });
  const manifest = JSON.parse(strFromU8(wanted[MANIFEST_NAME]!)) as ArchiveManifest;
  const lines = strFromU8(wanted[LOG_NAME]!).split('\n').filter((l) => l !== '');
  const parse = (ls: string[]) => ls.map((l) => JSON.parse(l) as LogEntry);
  const log = {
    first: parse(lines.slice(0, EXCERPT_ENTRIES)),
    last: parse(lines.length > EXCERPT_ENTRIES ? lines.slice(Math.max(EXCERPT_ENTRIES, lines.length - EXCERPT_ENTRIES)) : []),
  };
  scope.postMessage({ kind: 'verified', verdict, manifest, log });
}

scope.onmessage = ({ data }) => {
  try {
    if (data.kind === 'export') exportArchive(data.backup, data.createdAt, new Date(data.modifiedAt));
    else verify(data.zip);
  } catch (e) {
    scope.postMessage({ kind: 'failed', message: e instanceof Error ? e.message : String(e) });
  }
};
