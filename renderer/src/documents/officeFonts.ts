// DOM. The office's font files as the app uses them: found by the host (the folder chosen
// in 设置, the machine's font folders) or kept in the database (a folder a browser page cannot
// read again), chosen role by role, and read once per session into data: URLs for react-pdf.
import {
  chooseFontFiles,
  foundFontFace,
  withOfficeFonts,
  type ChosenFont,
  type DocumentFontSet,
  type FontFace,
  type FontRole,
  type FoundFontFile,
} from '../../../shared/documents/fonts';
import type { HostApi } from '../../../shared/host/contract';
import type { ConsoleDb } from '../data/db';
import { readWholeFile } from '../host/fileStream';
import { readFontFolder, readStoredFontFiles, type FontFolder } from '../settings/settings';

/** Font files are a few MB (simhei.ttf about 10 MB, a Noto CJK collection about 20 MB). */
export const MAX_FONT_BYTES = 64 * 1024 * 1024;

/** An office font file the app can use: found by the host now, or kept in the database. */
export interface OfficeFontFile extends FoundFontFile {
  /** Changes when the file does: which bytes a loaded font is. */
  id: string;
  location: string;
  size: number;
  read(): Promise<Uint8Array>;
  /** Lets the host forget the file (its token); a kept file has nothing to close. */
  close(): Promise<void>;
}

export interface OfficeFonts {
  folder: FontFolder | null;
  /** Why the folder could not be read, if it could not. */
  problem?: string;
  files: OfficeFontFile[];
}

type Host = Pick<HostApi, 'findDocumentFonts' | 'readFile' | 'closeFile'>;

/** The office's font files: those the host finds (its folder, the machine's) and those kept in the database. */
export async function findOfficeFonts(host: Host, db: ConsoleDb): Promise<OfficeFonts> {
  const folder = await readFontFolder(db);
  const found = await host.findDocumentFonts({ folder: folder?.remembered ? folder.location : null });
  const hostFiles: OfficeFontFile[] =
    found.status === 'found'
      ? found.files.map((file) => ({
          id: `${file.origin}:${file.location}:${file.size}:${file.lastModified}`,
          name: file.name,
          origin: file.origin,
          location: file.location,
          size: file.size,
          read: () => readWholeFile(host, file, MAX_FONT_BYTES),
          close: async () => void (await host.closeFile({ token: file.token })),
        }))
      : [];
  const kept: OfficeFontFile[] =
    folder && !folder.remembered
      ? (await readStoredFontFiles(db)).map((file) => ({
          id: `kept:${file.name}:${file.size}:${file.lastModified}`,
          name: file.name,
          origin: 'office',
          location: `${folder.location}/${file.name}`,
          size: file.size,
          read: async () => file.bytes,
          close: async () => undefined,
        }))
      : [];
  const problem = found.status === 'found' ? found.folder?.problem : undefined;
  return { folder, ...(problem ? { problem } : {}), files: [...kept, ...hostFiles] };
}

/** Closes every file: whatever was not read stays with the host no longer. */
export const closeAll = (files: OfficeFontFile[]) => Promise.all(files.map((file) => file.close().catch(() => undefined)));

/** data: URLs of the office's fonts already read, by file id: a font is read once per session. */
const loaded = new Map<string, string>();

/** The bytes as a base64 data: URL, the one form of bytes react-pdf's font loader takes. */
export function fontDataUrl(bytes: Uint8Array): string {
  let binary = '';
  // In slices: String.fromCharCode takes its arguments on the stack.
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return `data:font/ttf;base64,${btoa(binary)}`;
}

async function faceOf(chosen: ChosenFont<OfficeFontFile>): Promise<FontFace> {
  let src = loaded.get(chosen.file.id);
  if (src === undefined) {
    try {
      src = fontDataUrl(await chosen.file.read());
    } catch (error) {
      throw new Error(`无法读取字体文件 ${chosen.file.location}：${error instanceof Error ? error.message : String(error)}`);
    }
    loaded.set(chosen.file.id, src);
  }
  return foundFontFace(chosen, src);
}

/** The fonts to print with now, as 设置 shows them: the office's where found, else `embedded`. */
export async function loadDocumentFonts(host: Host, db: ConsoleDb, embedded: DocumentFontSet): Promise<DocumentFontSet> {
  const { files } = await findOfficeFonts(host, db);
  try {
    const chosen = Object.entries(chooseFontFiles(files)) as [FontRole, ChosenFont<OfficeFontFile>][];
    const faces = Object.fromEntries(await Promise.all(chosen.map(async ([role, choice]) => [role, await faceOf(choice)] as const)));
    return withOfficeFonts(embedded, faces);
  } finally {
    await closeAll(files);
  }
}

