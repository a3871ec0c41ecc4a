// Pure. Which file names an archive (一户一档) may hold, shared by the writer (archive.ts) and the
// verifier (verifyStream.ts): a name the verifier accepts is extracted as that same file on
// Windows, macOS and Linux alike. Windows folds case, drops trailing dots and spaces, maps
// CON or NUL.txt to devices and reads `a:b` as stream b of a; macOS folds case and Unicode
// normalisation. Two names that one of them would make the same file, or one name it would
// make another file, let an extracted archive differ from the verified one.

/** Device names Windows reserves in every folder, with any extension (CON, nul.txt, COM1.pdf). */
const RESERVED = /^(con|prn|aux|nul|conin\$|conout\$|com[0-9¹²³]|lpt[0-9¹²³])$/i;
/** Characters no Windows file name may hold; `:` would name an NTFS alternate data stream. */
const WINDOWS_FORBIDDEN = /[<>:"|?*\u0000-\u001f\u007f]/;

/** Why one path segment is not a plain file or folder name on every system, or null. */
function segmentProblem(segment: string): string | null {
  if (segment === '') return '含空的路径段（或是目录条目）';
  if (segment === '.' || segment === '..') return '含“..”或“.”路径段';
  const forbidden = WINDOWS_FORBIDDEN.exec(segment);
  if (forbidden) return /[\u0000-\u001f\u007f]/.test(forbidden[0]) ? '含控制字符' : `含 Windows 文件名不允许的字符 ${JSON.stringify(forbidden[0])}`;
  if (/[. ]$/.test(segment)) return '以点或空格结尾（Windows 会去掉它们，成为另一个文件名）';
  if (RESERVED.test(segment.split('.')[0]!.trimEnd())) return `是 Windows 保留的设备名（${segment}）`;
  // PROGRA~1: on a volume with 8.3 names this is another, longer name of the same file.
  if (/~[0-9]/.test(segment)) return '含“~数字”（Windows 短文件名的写法，可能指向另一个文件）';
  return null;
}

/** Why a name could land outside the target folder or on another file than it says, or null. */
export function nameProblem(name: string): string | null {
  if (name === '') return '文件名为空';
  if (name.includes('\\')) return '含反斜杠';
  if (name.startsWith('/')) return '是绝对路径';
  if (/^[A-Za-z]:/.test(name)) return '含盘符';
  for (const segment of name.split('/')) {
    const problem = segmentProblem(segment);
    if (problem) return problem;
  }
  return null;
}

/** The file a name becomes on a system that folds case and Unicode normalisation. */
export const collisionKey = (name: string): string => name.normalize('NFC').toLowerCase();

/**
 * The first two names that would be the same file, or a file and a folder of the same name
 * (`a` beside `a/b`), once extracted where case and normalisation are folded; null if none.
 */
export function findCollision(names: Iterable<string>): [string, string] | null {
  const files = new Map<string, string>();
  const folders = new Map<string, string>();
  for (const name of names) {
    const key = collisionKey(name);
    const same = files.get(key) ?? folders.get(key);
    if (same !== undefined) return [same, name];
    files.set(key, name);
    const segments = key.split('/');
    for (let i = 1; i < segments.length; i++) {
      const folder = segments.slice(0, i).join('/');
      const file = files.get(folder);
      if (file !== undefined) return [file, name];
      if (!folders.has(folder)) folders.set(folder, name);
    }
  }
  return null;
}

/** Text made into one path segment every system keeps as written (at most 120 characters). */
export function safeSegment(text: string): string {
  const segment = text
    .replace(/[\\/<>:"|?*~\u0000-\u001f\u007f]/g, '_')
    .replace(/^\.+/, '_')
    .slice(0, 120)
    .replace(/[. ]+$/, '_');
  if (segment === '') return '_';
  return RESERVED.test(segment.split('.')[0]!.trimEnd()) ? `_${segment}` : segment;
}

/** `name`, or name-2, name-3… before the extension: the first that collides with nothing in `taken`. */
export function uniqueName(name: string, taken: Set<string>): string {
  const dot = name.lastIndexOf('.');
  const [stem, extension] = dot > name.lastIndexOf('/') + 1 ? [name.slice(0, dot), name.slice(dot)] : [name, ''];
  let candidate = name;
  for (let n = 2; taken.has(collisionKey(candidate)); n++) candidate = `${stem}-${n}${extension}`;
  taken.add(collisionKey(candidate));
  return candidate;
}
