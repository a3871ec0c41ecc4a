// DOM. Choosing the office's font folder in 设置: remembered by its location where the host
// can look in it again (Electron); otherwise (a browser page) its known font files are kept.
import type { HostApi } from '../../../shared/host/contract';
import type { ConsoleDb } from '../data/db';
import { MAX_FONT_BYTES } from '../documents/officeFonts';
import { readWholeFile } from '../host/fileStream';
import { saveFontFolder, type StoredFontFile } from './settings';

/** Asks for the folder and remembers it; null if the user cancelled. `names` are the font files found in it. */
export async function chooseFontFolder(
  host: Pick<HostApi, 'findDocumentFonts' | 'readFile' | 'closeFile'>,
  db: ConsoleDb,
): Promise<{ location: string; names: string[] } | null> {
  const found = await host.findDocumentFonts({ ask: true });
  if (found.status === 'cancelled' || !found.folder) return null;
  const { location, remembered } = found.folder;
  const office = found.files.filter((f) => f.origin === 'office');
  try {
    if (found.folder.problem) throw new Error(`无法读取字体文件夹“${location}”：${found.folder.problem}`);
    const kept: StoredFontFile[] = [];
    if (!remembered) {
      for (const file of office) {
        kept.push({ name: file.name, size: file.size, lastModified: file.lastModified, bytes: await readWholeFile(host, file, MAX_FONT_BYTES) });
      }
    }
    await saveFontFolder(db, { location, remembered }, kept);
  } finally {
    await Promise.all(found.files.map((f) => host.closeFile({ token: f.token }).catch(() => undefined)));
  }
  return { location, names: office.map((f) => f.name) };
}
