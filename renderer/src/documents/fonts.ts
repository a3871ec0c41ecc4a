// DOM. The fonts the app prints documents with: the office's (the folder chosen in 设置, the
// Windows font folders, found by the host) where they are found, else the embedded Noto
// Serif SC. Vite copies the two embedded TTFs into the build's assets, so they are served by
// the app itself (app://console/… in Electron, the local server in browser mode): never a
// download from the internet. The office's files are read through the host and handed to
// react-pdf as data: URLs, read once per session.
import regularUrl from '@expo-google-fonts/noto-serif-sc/400Regular/NotoSerifSC_400Regular.ttf?url';
import boldUrl from '@expo-google-fonts/noto-serif-sc/700Bold/NotoSerifSC_700Bold.ttf?url';
import {
  chooseFontFiles,
  embeddedFontSet,
  foundFontFace,
  withOfficeFonts,
  type ChosenFont,
  type DocumentFontSet,
  type DocumentFonts,
  type FontFace,
  type FontRole,
  type FoundFontFile,
} from '../../../shared/documents/fonts';
import type { HostApi } from '../../../shared/host/contract';
import { db as appDb, type ConsoleDb } from '../data/db';
import { host as appHost } from '../host';
import { readWholeFile } from '../host/fileStream';
import { readFontFolder, readStoredFontFiles, type FontFolder } from '../settings/settings';

/** Font files are a few MB (simhei.ttf about 10 MB, a Noto CJK collection about 20 MB). */
export const MAX_FONT_BYTES = 64 * 1024 * 1024;

// Absolute, so react-pdf's loader treats them as URLs whatever the page's path.
export const embeddedFonts = (): DocumentFontSet =>
  embeddedFontSet({ regular: new URL(regularUrl, document.baseURI).href, bold: new URL(boldUrl, document.baseURI).href });

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

function dataUrl(bytes: Uint8Array): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(reader.result as string);
    reader.onerror = () => reject(reader.error ?? new Error('无法读取字体文件'));
    reader.readAsDataURL(new Blob([bytes as Uint8Array<ArrayBuffer>], { type: 'font/ttf' }));
  });
}

async function faceOf(chosen: ChosenFont<OfficeFontFile>): Promise<FontFace> {
  let src = loaded.get(chosen.file.id);
  if (src === undefined) {
    try {
      src = await dataUrl(await chosen.file.read());
    } catch (error) {
      throw new Error(`无法读取字体文件 ${chosen.file.location}：${error instanceof Error ? error.message : String(error)}`);
    }
    loaded.set(chosen.file.id, src);
  }
  return foundFontFace(chosen, src);
}

/** The fonts to print with now, as 设置 shows them. */
export async function loadDocumentFonts(host: Host, db: ConsoleDb): Promise<DocumentFontSet> {
  const { files } = await findOfficeFonts(host, db);
  try {
    const chosen = Object.entries(chooseFontFiles(files)) as [FontRole, ChosenFont<OfficeFontFile>][];
    const faces = Object.fromEntries(await Promise.all(chosen.map(async ([role, choice]) => [role, await faceOf(choice)] as const)));
    return withOfficeFonts(embeddedFonts(), faces);
  } finally {
    await closeAll(files);
  }
}

/** What the app's documents are printed with: looked up at each printing, as 设置 may have changed. */
export const documentFonts: DocumentFonts = () => loadDocumentFonts(appHost, appDb);
