// Pure. The documents' typefaces by role, as GB/T 9704-2012 names them (§7.2, §7.3.3: title
// 2号小标宋体, body 3号仿宋体, level-1 headings 黑体, level-2 楷体), where each one comes from,
// what the PDF says about them, and the check that every character to print is in them.
//
// No free 仿宋 or 小标宋 can be shipped with the program: the office's own font files are used
// when they are found (a folder chosen in 设置, the Windows font folders, then the machine's
// font folders as a named fallback), and the embedded Noto Serif SC stands in for whatever is
// missing. Every PDF records which was used.

export const fontRoles = ['title', 'body', 'heading1', 'heading2'] as const;
export type FontRole = (typeof fontRoles)[number];

/** What each role prints and the typeface the standard asks for, as 设置 and the PDF name them. */
export const fontRoleLabels: Record<FontRole, { use: string; typeface: string; standard: string }> = {
  title: { use: '标题', typeface: '小标宋体', standard: '2号小标宋体' },
  body: { use: '正文', typeface: '仿宋_GB2312', standard: '3号仿宋体（仿宋_GB2312）' },
  heading1: { use: '一级标题', typeface: '黑体', standard: '“一、”及表头用黑体' },
  heading2: { use: '二级标题', typeface: '楷体_GB2312', standard: '“（一）”用楷体' },
};

/** Where a font file was found; `embedded` is the program's own Noto Serif SC. */
export type FontOrigin = 'office' | 'windows' | 'system' | 'embedded';
export type FoundFontOrigin = Exclude<FontOrigin, 'embedded'>;
export const fontOriginLabels: Record<FontOrigin, string> = {
  office: '单位字体文件夹',
  windows: 'Windows 字体文件夹',
  system: '本机字体文件夹',
  embedded: '程序内置',
};
/** Of two files of the same typeface, the one from the earlier place: the office's folder first. */
const ORIGIN_ORDER: FoundFontOrigin[] = ['office', 'windows', 'system'];

/** A font file the office may have, for one role. */
export interface KnownFont {
  role: FontRole;
  /** The typeface as the office knows it: 仿宋_GB2312. */
  name: string;
  /** File names it comes under (matched without regard to case). */
  files: RegExp;
  /** The face to take from a font collection (.ttc). */
  postscriptName?: string;
  /** Not the typeface the standard names but the nearest the machine has: said so wherever it is named. */
  substitute?: boolean;
}

/**
 * The font files looked for, best first within a role. The names are those of the
 * Windows fonts (simfang.ttf …), of the 方正 fonts offices install, and the Chinese file
 * names these are commonly passed around under. Collections are listed only with the
 * face to take from them: react-pdf cannot print from a whole collection.
 */
export const knownFonts: readonly KnownFont[] = [
  { role: 'title', name: '方正小标宋简体', files: /^(fzxbsjw[-\w]*|方正小标宋(简体?)?)\.(ttf|otf)$/i },
  { role: 'title', name: '方正小标宋_GBK', files: /^(fzxbsk[-\w]*|方正小标宋_?gbk)\.(ttf|otf)$/i },
  { role: 'body', name: '仿宋_GB2312', files: /^(仿宋_?gb2312|fangsong_?gb2312)\.(ttf|otf)$/i },
  { role: 'body', name: '仿宋', files: /^(simfang|仿宋)\.(ttf|otf)$/i },
  { role: 'heading1', name: '黑体', files: /^(simhei|黑体)\.(ttf|otf)$/i },
  { role: 'heading2', name: '楷体_GB2312', files: /^(楷体_?gb2312|kaiti_?gb2312)\.(ttf|otf)$/i },
  { role: 'heading2', name: '楷体', files: /^(simkai|楷体)\.(ttf|otf)$/i },
  // Debian's fonts-noto-cjk: a real sans-serif for 黑体 where Windows' is missing (Linux).
  {
    role: 'heading1',
    name: 'Noto Sans CJK SC Bold',
    files: /^notosanscjk-bold\.ttc$/i,
    postscriptName: 'NotoSansCJKsc-Bold',
    substitute: true,
  },
  { role: 'heading1', name: 'Noto Sans CJK SC Bold', files: /^notosans(cjksc|sc)-bold\.otf$/i, substitute: true },
];

/** The known font a file name is, if any. */
export const knownFontOf = (fileName: string): KnownFont | undefined => knownFonts.find((font) => font.files.test(fileName));

/** Whether the host may hand out a file of this name as a document font. */
export const isKnownFontFile = (fileName: string): boolean => knownFontOf(fileName) !== undefined;

/** The file names (as patterns are hard to read) that 设置 lists for each role. */
export const knownFontFileNames: Record<FontRole, string[]> = {
  title: ['FZXBSJW.TTF', '方正小标宋简体.ttf', 'FZXBSK.TTF', '方正小标宋_GBK.ttf'],
  body: ['仿宋_GB2312.ttf', 'simfang.ttf', '仿宋.ttf'],
  heading1: ['simhei.ttf', '黑体.ttf'],
  heading2: ['楷体_GB2312.ttf', 'simkai.ttf', '楷体.ttf'],
};

/** A font file a host found; `T` carries whatever the host needs to read it. */
export interface FoundFontFile {
  /** The file's name: simfang.ttf. */
  name: string;
  origin: FoundFontOrigin;
}

export interface ChosenFont<T extends FoundFontFile> {
  file: T;
  font: KnownFont;
}

/**
 * The best file for each role among those found: the standard's typeface before a stand-in,
 * then by the order of `knownFonts` (仿宋_GB2312 before 仿宋, wherever each is), then the
 * office's folder before the Windows fonts before the machine's. A role nothing was found
 * for is left out.
 */
export function chooseFontFiles<T extends FoundFontFile>(files: readonly T[]): Partial<Record<FontRole, ChosenFont<T>>> {
  const candidates = files.flatMap((file) => {
    const font = knownFontOf(file.name);
    return font ? [{ file, font }] : [];
  });
  const rank = ({ file, font }: ChosenFont<T>) => [font.substitute ? 1 : 0, knownFonts.indexOf(font), ORIGIN_ORDER.indexOf(file.origin)];
  const better = (a: ChosenFont<T>, b: ChosenFont<T>) => {
    const [ra, rb] = [rank(a), rank(b)];
    const i = ra.findIndex((v, k) => v !== rb[k]);
    return i >= 0 && ra[i]! < rb[i]!;
  };
  const chosen: Partial<Record<FontRole, ChosenFont<T>>> = {};
  for (const candidate of candidates) {
    const current = chosen[candidate.font.role];
    if (!current || better(candidate, current)) chosen[candidate.font.role] = candidate;
  }
  return chosen;
}

/**
 * One font file as react-pdf loads it. react-pdf takes a string only: in Node an absolute
 * file path, in the app a URL on the app's own origin (the embedded fonts) or a data: URL
 * (the office's files, read through the host).
 */
export interface FontFace {
  /** The same id means the same bytes: loaded fonts are kept between documents by it. */
  id: string;
  src: string;
  /** The face to take from a collection (.ttc). */
  postscriptName?: string;
  /** The typeface: 仿宋_GB2312, Noto Serif SC Bold. */
  name: string;
  /** The file it came from: simfang.ttf. */
  file: string;
  origin: FontOrigin;
  /** Stands in for the typeface the standard names for its role. */
  substitute: boolean;
}

/** The fonts one document is printed with. */
export interface DocumentFontSet {
  faces: Record<FontRole, FontFace>;
  /**
   * Noto Serif SC, regular and bold: prints the characters a role's font lacks (a GB2312
   * font has no 堃 or 喆), and anything react-pdf would otherwise leave to a non-embedded
   * standard font.
   */
  fallback: { regular: FontFace; bold: FontFace };
}

/**
 * The fonts to print with, given as they are or as a function that finds them when a
 * document is printed (the app looks at the office's fonts each time, as 设置 may change).
 */
export type DocumentFonts = DocumentFontSet | (() => Promise<DocumentFontSet>);

/** The two embedded Noto Serif SC files, wherever the runtime loads them from. */
export interface EmbeddedFontFiles {
  regular: string;
  bold: string;
}

const embeddedFace = (src: string, bold: boolean): FontFace => ({
  id: `embedded:${bold ? 'bold' : 'regular'}`,
  src,
  name: bold ? 'Noto Serif SC Bold' : 'Noto Serif SC',
  file: bold ? 'NotoSerifSC_700Bold.ttf' : 'NotoSerifSC_400Regular.ttf',
  origin: 'embedded',
  substitute: true,
});

/**
 * The embedded fonts only: Noto Serif SC Bold for the title and both heading levels (a
 * serif bold is the nearest it has to 小标宋, and keeps headings apart from the body),
 * regular for the body.
 */
export function embeddedFontSet(files: EmbeddedFontFiles): DocumentFontSet {
  const regular = embeddedFace(files.regular, false);
  const bold = embeddedFace(files.bold, true);
  return { faces: { title: bold, body: regular, heading1: bold, heading2: bold }, fallback: { regular, bold } };
}

/** The face for an office font file the host found, read from `src`. */
export function foundFontFace(chosen: ChosenFont<FoundFontFile & { id: string }>, src: string): FontFace {
  return {
    id: chosen.file.id,
    src,
    ...(chosen.font.postscriptName ? { postscriptName: chosen.font.postscriptName } : {}),
    name: chosen.font.name,
    file: chosen.file.name,
    origin: chosen.file.origin,
    substitute: chosen.font.substitute === true,
  };
}

/** The embedded set with the office's fonts put in for the roles they were found for. */
export function withOfficeFonts(embedded: DocumentFontSet, found: Partial<Record<FontRole, FontFace>>): DocumentFontSet {
  return { ...embedded, faces: { ...embedded.faces, ...found } };
}

/** 仿宋_GB2312（仿宋_GB2312.ttf，单位字体文件夹）, Noto Serif SC Bold（程序内置，代替小标宋体）. */
export function describeFace(face: FontFace, role: FontRole): string {
  const where = face.origin === 'embedded' ? fontOriginLabels.embedded : `${face.file}，${fontOriginLabels[face.origin]}`;
  return `${face.name}（${where}${face.substitute ? `，代替${fontRoleLabels[role].typeface}` : ''}）`;
}

/** What 设置 says about one role: which font prints it, from where, and whether the standard's typeface was found. */
export interface FontRoleReport {
  role: FontRole;
  font: string;
  /** The file and where it is, or that the program's own font stands in. */
  where: string;
  status: 'found' | 'substitute' | 'missing';
  /** For a role without the standard's typeface: the file names that would be used. */
  wanted?: string;
}

/** The report 设置 shows, role by role, from the files found and the embedded set. */
export function fontReport<T extends FoundFontFile & { location: string }>(
  chosen: Partial<Record<FontRole, ChosenFont<T>>>,
  embedded: DocumentFontSet,
): FontRoleReport[] {
  return fontRoles.map((role) => {
    const choice = chosen[role];
    const wanted = `${fontRoleLabels[role].typeface}：${knownFontFileNames[role].join('、')}`;
    if (!choice) return { role, font: embedded.faces[role].name, where: `${fontOriginLabels.embedded}（代替）`, status: 'missing', wanted };
    return {
      role,
      font: choice.font.name,
      where: `${fontOriginLabels[choice.file.origin]}：${choice.file.location}`,
      status: choice.font.substitute ? 'substitute' : 'found',
      ...(choice.font.substitute ? { wanted } : {}),
    };
  });
}

/**
 * What the PDF's properties (Keywords) say about its fonts, read with pdfinfo or a PDF
 * reader's document properties: which font printed each role, from where, and what prints
 * the characters those fonts lack.
 */
export function describeFontSet(set: DocumentFontSet): string {
  const roles = fontRoles.map((role) => `${fontRoleLabels[role].use} ${describeFace(set.faces[role], role)}`);
  return `文书字体：${roles.join('；')}；以上字体缺少的字 Noto Serif SC（程序内置）`;
}

/** Under the title and the headings the bold fallback, so that they stay heavy. */
const FALLBACK_WEIGHT: Record<FontRole, 'regular' | 'bold'> = { title: 'bold', body: 'regular', heading1: 'bold', heading2: 'bold' };

/** react-pdf's family names: one per role, and the fallback's two weights. */
export const fontFamilyNames = {
  title: 'DocTitle',
  body: 'DocBody',
  heading1: 'DocHeading1',
  heading2: 'DocHeading2',
  regular: 'DocFallback',
  bold: 'DocFallbackBold',
} as const;

/**
 * The font stack (style fontFamily) of each role: its own font, then the fallback for the
 * characters it lacks. Documents use these and no other family.
 */
export const fontStacks: Record<FontRole, string[]> = {
  title: [fontFamilyNames.title, fontFamilyNames[FALLBACK_WEIGHT.title]],
  body: [fontFamilyNames.body, fontFamilyNames[FALLBACK_WEIGHT.body]],
  heading1: [fontFamilyNames.heading1, fontFamilyNames[FALLBACK_WEIGHT.heading1]],
  heading2: [fontFamilyNames.heading2, fontFamilyNames[FALLBACK_WEIGHT.heading2]],
};

/** The body's stack, for text drawn outside the shared components (figure labels). */
export const DOCUMENT_FONT_FAMILY = fontStacks.body;

/** The faces each role's stack prints with, in order, as fontStacks names them. */
export function roleChains(set: DocumentFontSet): Record<FontRole, FontFace[]> {
  const chain = (role: FontRole) => {
    const fallback = set.fallback[FALLBACK_WEIGHT[role]];
    return set.faces[role].id === fallback.id ? [fallback] : [set.faces[role], fallback];
  };
  return { title: chain('title'), body: chain('body'), heading1: chain('heading1'), heading2: chain('heading2') };
}

/** Code points that are layout controls, not glyphs to draw. */
function isControl(codePoint: number): boolean {
  return (
    codePoint < 0x20 ||
    (codePoint >= 0x7f && codePoint < 0xa0) ||
    codePoint === 0xad ||
    (codePoint >= 0x200b && codePoint <= 0x200f) ||
    (codePoint >= 0xfe00 && codePoint <= 0xfe0f) ||
    codePoint === 0xfeff
  );
}

/** The characters of `text` (each once, in order of appearance) that `hasGlyph` lacks. */
export function missingCharacters(text: string, hasGlyph: (codePoint: number) => boolean): string[] {
  const missing = new Set<string>();
  for (const char of text) {
    const codePoint = char.codePointAt(0)!;
    if (!isControl(codePoint) && !hasGlyph(codePoint)) missing.add(char);
  }
  return [...missing];
}

/**
 * Whether every role can print a code point: with its own font or its fallback. Text does
 * not say which role it is in when it is checked, so each role must have it.
 */
export function everyRoleHas<F>(chains: Record<FontRole, F[]>, has: (face: F, codePoint: number) => boolean) {
  return (codePoint: number): boolean => fontRoles.every((role) => chains[role].some((face) => has(face, codePoint)));
}

/** 𠮷（U+20BB7） */
export const describeCharacter = (char: string): string =>
  `${char}（U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}）`;

/** Thrown instead of printing a document in which some characters would be blank boxes. */
export class MissingGlyphsError extends Error {
  constructor(readonly characters: string[]) {
    super(`字体中缺少以下字符，无法生成文书：${characters.map(describeCharacter).join('、')}`);
    this.name = 'MissingGlyphsError';
  }
}
