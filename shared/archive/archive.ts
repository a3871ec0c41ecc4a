// Pure. The verifiable archive (一户一档) of one operation as a ZIP: every issued PDF, the
// log as JSON Lines, the registers as JSON, and manifest.json with the SHA-256 of every
// other file and the log's head, so anyone can check it without the app.
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { strToU8, Zip, ZipDeflate, ZipPassThrough } from 'fflate';
import type { ChainHead } from '../log/types';
import type { OperationBackup } from './backup';

export const ARCHIVE_FORMAT = 'enforcement-console.archive';
export const ARCHIVE_FORMAT_VERSION = 1;
export const MANIFEST_NAME = 'manifest.json';
export const LOG_NAME = 'log.jsonl';

export interface ArchiveFile {
  name: string;
  bytes: Uint8Array;
  /** Already compressed (PDF, JPEG, PNG): stored as is. */
  stored: boolean;
}

export interface ManifestFile {
  name: string;
  sha256: string;
  size: number;
}

export interface ArchiveManifest {
  format: typeof ARCHIVE_FORMAT;
  formatVersion: typeof ARCHIVE_FORMAT_VERSION;
  operationId: string;
  createdAt: string;
  files: ManifestFile[];
  log: { count: number; head: ChainHead | null };
}

const hex = (bytes: Uint8Array): string => bytesToHex(sha256(bytes));
const json = (value: unknown): Uint8Array => strToU8(`${JSON.stringify(value, bytesAsDigest, 2)}\n`);

/** Bytes inside a register are named by their digest: the archive holds records, not blobs. */
function bytesAsDigest(_key: string, value: unknown): unknown {
  return value instanceof Uint8Array ? { sha256: hex(value), size: value.length } : value;
}

/** A number like 临江强执告〔2026〕3号 kept readable, minus what a file name cannot hold. */
const safeName = (text: string): string => text.replace(/[\\/:*?"<>|\u0000-\u001f]/g, '_').replace(/^\.+/, '_') || '_';

type Document = OperationBackup['documents'][number];

/** 1 for an original, n+1 for the document replacing version n (a correction never overwrites). */
function documentVersions(documents: readonly Document[]): Map<string, number> {
  const byId = new Map(documents.map((d) => [d.id, d]));
  const versions = new Map<string, number>();
  const version = (d: Document, depth: number): number => {
    const known = versions.get(d.id);
    if (known !== undefined) return known;
    const previous = typeof d.replacesId === 'string' ? byId.get(d.replacesId) : undefined;
    // depth bounds a replacesId cycle in a hand-edited backup.
    const v = previous && depth < documents.length ? version(previous, depth + 1) + 1 : 1;
    versions.set(d.id, v);
    return v;
  };
  for (const d of documents) version(d, 0);
  return versions;
}

const photoExtension = (mimeType: string): string => (mimeType === 'image/png' ? 'png' : 'jpg');

/** The archive's files, manifest.json last, in a fixed order so the same backup gives the same archive. */
export function archiveFiles(backup: OperationBackup, createdAt: string): ArchiveFile[] {
  const files: ArchiveFile[] = [];
  const versions = documentVersions(backup.documents);
  for (const d of backup.documents) {
    if (d.status !== 'issued' || !(d.pdf instanceof Uint8Array)) continue;
    const name = `documents/${safeName(d.kind)}/${safeName(d.number ?? d.id)}-v${versions.get(d.id) ?? 1}.pdf`;
    files.push({ name, bytes: d.pdf, stored: true });
  }
  files.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));

  const entries = [...backup.logEntries].sort((a, b) => a.seq - b.seq);
  files.push({ name: LOG_NAME, bytes: strToU8(entries.map((e) => `${JSON.stringify(e)}\n`).join('')), stored: false });
  files.push({ name: 'media.json', bytes: json(backup.media), stored: false });

  const photos: ArchiveFile[] = [];
  const items = backup.inventoryItems.map((item) => ({
    ...item,
    photos: item.photos.map((photo, i) => {
      const name = `inventory/photos/${safeName(item.tag || item.id)}-${i + 1}.${photoExtension(photo.mimeType)}`;
      photos.push({ name, bytes: photo.bytes, stored: true });
      return { name: photo.name, mimeType: photo.mimeType, file: name, sha256: hex(photo.bytes), size: photo.bytes.length };
    }),
  }));
  files.push({
    name: 'inventory.json',
    bytes: json({ rooms: backup.inventoryRooms, items, attendance: backup.inventoryAttendance }),
    stored: false,
  });
  files.push(...photos);
  files.push({ name: 'service.json', bytes: json({ services: backup.services, postings: backup.postings }), stored: false });

  const last = entries.at(-1);
  const manifest: ArchiveManifest = {
    format: ARCHIVE_FORMAT,
    formatVersion: ARCHIVE_FORMAT_VERSION,
    operationId: backup.operation.id,
    createdAt,
    files: files.map((f) => ({ name: f.name, sha256: hex(f.bytes), size: f.bytes.length })),
    log: { count: entries.length, head: last ? { seq: last.seq, hash: last.hash } : null },
  };
  files.push({ name: MANIFEST_NAME, bytes: json(manifest), stored: false });
  return files;
}

/**
 * Writes the files as one ZIP, chunk by chunk to `onChunk` (the last call has final =
 * true), so the caller can stream it to disk. Entry times are `modifiedAt`, not the clock,
 * so the same archive gives the same bytes.
 */
export function writeArchiveZip(
  files: readonly ArchiveFile[],
  modifiedAt: Date,
  onChunk: (chunk: Uint8Array, final: boolean) => void,
): void {
  let failure: Error | null = null;
  const zip = new Zip((error, chunk, final) => {
    if (error) failure = error;
    else onChunk(chunk, final);
  });
  for (const file of files) {
    const entry = file.stored ? new ZipPassThrough(file.name) : new ZipDeflate(file.name, { level: 6 });
    entry.mtime = modifiedAt;
    zip.add(entry);
    entry.push(file.bytes, true);
    if (failure) throw failure;
  }
  zip.end();
  if (failure) throw failure;
}
