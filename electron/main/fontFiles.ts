// Node (main process and command-line tools). Where the office's font files are looked for
// on this machine: the folder chosen in 设置, the Windows font folders, and elsewhere the
// usual font folders (fonts-noto-cjk, the user's own), as a fallback 设置 names as such.
// Only files whose names are known document fonts (shared/documents/fonts.ts) are listed.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { isKnownFontFile, type FoundFontOrigin } from '../../shared/documents/fonts';

export interface FontFileOnDisk {
  name: string;
  path: string;
  origin: FoundFontOrigin;
  size: number;
  mtimeMs: number;
}

export interface FontSearchPlaces {
  windows: string[];
  system: string[];
}

/**
 * The machine's font folders. On Windows the system's and the user's own (fonts installed
 * "for me only" since Windows 10 1809); elsewhere Debian's fonts-noto-cjk, the local and
 * the user's font folders, where copies of the Windows fonts are often put.
 */
export function fontSearchPlaces(env: Record<string, string | undefined>, platform: string, home: string): FontSearchPlaces {
  if (platform === 'win32') {
    const windows = path.win32.join(env.WINDIR ?? env.SystemRoot ?? 'C:\\Windows', 'Fonts');
    const user = env.LOCALAPPDATA ? [path.win32.join(env.LOCALAPPDATA, 'Microsoft', 'Windows', 'Fonts')] : [];
    return { windows: [windows, ...user], system: [] };
  }
  const mac = platform === 'darwin' ? ['/Library/Fonts', path.join(home, 'Library', 'Fonts')] : [];
  return {
    windows: [],
    system: ['/usr/share/fonts/opentype/noto', '/usr/local/share/fonts', path.join(home, '.local', 'share', 'fonts'), path.join(home, '.fonts'), ...mac],
  };
}

/** The known font files directly in a folder; an unreadable folder gives none, and says why. */
async function fontsIn(folder: string, origin: FoundFontOrigin): Promise<{ files: FontFileOnDisk[]; problem?: string }> {
  let names: string[];
  try {
    names = await fs.readdir(folder);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return { files: [], problem: code === 'ENOENT' ? '文件夹不存在' : code === 'ENOTDIR' ? '不是文件夹' : '无法读取该文件夹' };
  }
  const files: FontFileOnDisk[] = [];
  for (const name of names.filter(isKnownFontFile).sort()) {
    const file = path.join(folder, name);
    const stat = await fs.stat(file).catch(() => undefined);
    if (stat?.isFile()) files.push({ name, path: file, origin, size: stat.size, mtimeMs: stat.mtimeMs });
  }
  return { files };
}

/**
 * The known font files in the office's folder (if one was chosen) and in the machine's font
 * folders, and what is wrong with the office's folder if it cannot be read. The machine's
 * folders that do not exist are simply not there.
 */
export async function findFontFiles(
  officeFolder: string | null,
  places: FontSearchPlaces,
): Promise<{ files: FontFileOnDisk[]; problem?: string }> {
  const office = officeFolder === null ? { files: [] } : await fontsIn(officeFolder, 'office');
  const others = await Promise.all([
    ...places.windows.map((folder) => fontsIn(folder, 'windows')),
    ...places.system.map((folder) => fontsIn(folder, 'system')),
  ]);
  return { files: [...office.files, ...others.flatMap((o) => o.files)], ...(office.problem ? { problem: office.problem } : {}) };
}
