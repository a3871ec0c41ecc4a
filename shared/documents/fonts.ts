// Pure. The documents' typeface (Noto Serif SC, regular and bold) and the check that
// every character to print is in it: a missing glyph would print as an empty box.

/**
 * Where react-pdf loads the two font files from. It takes a string only: in Node an
 * absolute file path (node_modules/@expo-google-fonts/noto-serif-sc/…), in the app a URL
 * on the app's own origin (a Vite asset). Bytes would have to go in as a base64 data:
 * URL, which for 15 MB fonts we do not want.
 */
export interface DocumentFonts {
  regular: string;
  bold: string;
}

/** The family name every document style uses. */
export const DOCUMENT_FONT_FAMILY = 'NotoSerifSC';

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
