// Pure. The files of the signed entries (format 2) in a backup. An entry names each file by its
// SHA-256 (shared/stations/acts.ts externaliseAct); the bytes are those of a record (a frozen
// PDF, a photo) or, when no record holds them any more, a `stationFiles` item. With both, an
// import can store every entry complete, as replication would have delivered it.
import { sha256Hex } from '../stations/canonical';
import type { BackupContents, StationFile } from './backup';

interface FileRef {
  name: string;
  sha256: string;
  contentType: string;
}

const refsOf = (entry: Record<string, unknown>): FileRef[] => (Array.isArray(entry['files']) ? (entry['files'] as FileRef[]) : []);

function collectBytes(value: unknown, into: Map<string, Uint8Array>): void {
  if (value instanceof Uint8Array) into.set(sha256Hex(value), value);
  else if (Array.isArray(value)) for (const v of value) collectBytes(v, into);
  else if (value && typeof value === 'object') for (const v of Object.values(value)) collectBytes(v, into);
}

/** Every byte array the records hold, by SHA-256. */
export function recordBytes(contents: Omit<BackupContents, 'stationEntries' | 'stationFiles'>): Map<string, Uint8Array> {
  const out = new Map<string, Uint8Array>();
  collectBytes(contents, out);
  return out;
}

/** The entries' files the records do not hold, to travel as `stationFiles`. */
export function filesToCarry(entries: readonly Record<string, unknown>[], inRecords: ReadonlyMap<string, Uint8Array>, bytesOf: (ref: FileRef) => Uint8Array | undefined): StationFile[] {
  const out = new Map<string, StationFile>();
  for (const entry of entries) {
    for (const ref of refsOf(entry)) {
      if (inRecords.has(ref.sha256) || out.has(ref.sha256)) continue;
      const bytes = bytesOf(ref);
      if (bytes) out.set(ref.sha256, { name: ref.sha256, contentType: ref.contentType, bytes });
    }
  }
  return [...out.values()];
}

export interface EntryFiles {
  /** Each entry's attachments, in the entry's order. */
  files: Array<Array<{ name: string; contentType: string; bytes: Uint8Array }>>;
  /** Files named by an entry and found nowhere in the backup, in Chinese. */
  missing: string[];
}

/** The attachments of each entry, from the records' bytes and the `stationFiles`. */
export function entryFiles(backup: Pick<BackupContents, 'stationEntries' | 'stationFiles'> & Omit<BackupContents, 'stationEntries' | 'stationFiles'>): EntryFiles {
  const { stationEntries = [], stationFiles = [], ...records } = backup;
  const sources = recordBytes(records);
  for (const f of stationFiles) sources.set(sha256Hex(f.bytes), f.bytes);
  const missing: string[] = [];
  const files = stationEntries.map((entry) =>
    refsOf(entry).flatMap((ref) => {
      const bytes = sources.get(ref.sha256);
      if (!bytes) {
        missing.push(`工作站 ${String(entry['writer']).slice(0, 8)} 第 ${String(entry['seq'])} 条记录的附件 ${ref.sha256.slice(0, 16)}… 不在备份中`);
        return [];
      }
      return [{ name: ref.name, contentType: ref.contentType, bytes }];
    }),
  );
  return { files, missing };
}
