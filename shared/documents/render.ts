// Pure. Turns a document element into PDF bytes, the same way in the app and in Node.
import { createElement, type ReactElement } from 'react';
import { Font, pdf, type DocumentProps } from '@react-pdf/renderer';
import {
  MissingGlyphsError,
  everyRoleHas,
  fontFamilyNames,
  fontRoles,
  missingCharacters,
  roleChains,
  type DocumentFontSet,
  type DocumentFonts,
  type FontFace,
} from './fonts';
import type { ReadableBlob } from './blob';
import { breakablePieces } from './lineBreaking';
import { PrintContext, type PrintSettings } from './components';
import type { ChainHead } from '../log/types';

/** A rendered PDF file: bytes over a plain ArrayBuffer, as the host's saveFile takes them. */
export type PdfBytes = Uint8Array<ArrayBuffer>;

export interface RenderOptions {
  /**
   * Print on one page if the text fits with the lines set closer, down to MIN_LINE_SCALE
   * of the standard's 22-line grid (a posted 公告 is one sheet); else as it is.
   */
  fitOnePage?: boolean;
}

/** The closest lines may be set to fit one page: 3号 on a pitch of about 1.3. */
export const MIN_LINE_SCALE = 0.72;
const LINE_SCALES = [0.96, 0.92, 0.88, 0.84, 0.8, 0.76, MIN_LINE_SCALE];

const uniqueFaces = (set: DocumentFontSet): FontFace[] => {
  const all = [...fontRoles.map((role) => set.faces[role]), set.fallback.regular, set.fallback.bold];
  return all.filter((face, i) => all.findIndex((f) => f.id === face.id) === i);
};

/** The family a face is registered under (each face once, however many roles it serves). */
const faceFamily = (index: number) => `DocFace${index}`;

/** What is registered now: the faces' ids and where they load from. */
let registered: string | undefined;

/**
 * react-pdf's font store is global. Each distinct file is registered once, and the role
 * families are made the same family object, so that a file serving several roles is loaded
 * and embedded once. 'Helvetica' is made the fallback too: react-pdf puts it under every
 * font stack for characters no font has (a line break inside a string), and the standard
 * Helvetica is never embedded in the PDF.
 */
function registerFonts(set: DocumentFontSet): FontFace[] {
  const faces = uniqueFaces(set);
  const key = faces.map((f) => `${f.id}=${f.postscriptName ?? ''}=${f.src.startsWith('data:') ? f.src.length : f.src}`).join('\n');
  if (key === registered) return faces;
  Font.clear();
  faces.forEach((face, i) =>
    Font.register({ family: faceFamily(i), src: face.src, ...(face.postscriptName ? { postscriptName: face.postscriptName } : {}) }),
  );
  const families = Font.getRegisteredFonts();
  const alias = (name: string, face: FontFace) => {
    families[name] = families[faceFamily(faces.findIndex((f) => f.id === face.id))]!;
  };
  for (const role of fontRoles) alias(fontFamilyNames[role], set.faces[role]);
  alias(fontFamilyNames.regular, set.fallback.regular);
  alias(fontFamilyNames.bold, set.fallback.bold);
  alias('Helvetica', set.fallback.regular);
  registered = key;
  return faces;
}

/** Loads every face, naming the one that fails; answers whether each role can print a code point. */
async function loadFonts(set: DocumentFontSet): Promise<(codePoint: number) => boolean> {
  const faces = registerFonts(set);
  for (const [i, face] of faces.entries()) {
    try {
      await Font.load({ fontFamily: faceFamily(i) });
    } catch (error) {
      registered = undefined;
      const where = face.origin === 'embedded' ? '程序内置' : face.file;
      throw new Error(`无法加载文书字体 ${face.name}（${where}）：${error instanceof Error ? error.message : String(error)}`);
    }
  }
  const data = new Map(faces.map((face, i) => [face.id, Font.getFont({ fontFamily: faceFamily(i) }).data]));
  return everyRoleHas(roleChains(set), (face, codePoint) => data.get(face.id)?.hasGlyphForCodePoint(codePoint) === true);
}

const PAGE_TYPE = [...'/Type /Page'].map((c) => c.charCodeAt(0));
const isLetter = (byte: number | undefined) => byte !== undefined && ((byte >= 0x41 && byte <= 0x5a) || (byte >= 0x61 && byte <= 0x7a));

/** Pages in a PDF made by react-pdf: pdfkit writes each page's dictionary uncompressed, "/Type /Page". */
export function pdfPageCount(bytes: Uint8Array): number {
  let count = 0;
  for (let i = bytes.indexOf(PAGE_TYPE[0]!); i >= 0; i = bytes.indexOf(PAGE_TYPE[0]!, i + 1)) {
    if (PAGE_TYPE.every((b, k) => bytes[i + k] === b) && !isLetter(bytes[i + PAGE_TYPE.length])) count++;
  }
  return count;
}

async function render(element: ReactElement<DocumentProps>, fonts: DocumentFonts, options: RenderOptions): Promise<PdfBytes> {
  const set = typeof fonts === 'function' ? await fonts() : fonts;
  const hasGlyph = await loadFonts(set);
  // The hyphenation callback sees every word react-pdf lays out, page numbers included:
  // the one place to both place the line breaks and notice characters the fonts lack.
  const missing = new Set<string>();
  Font.registerHyphenationCallback((word) => {
    for (const char of missingCharacters(word, hasGlyph)) missing.add(char);
    return breakablePieces(word);
  });
  const once = async (lineScale: number): Promise<PdfBytes> => {
    const wrapped = (settings: PrintSettings) => createElement(PrintContext.Provider, { value: settings }, element) as unknown as ReactElement<DocumentProps>;
    const heads: ChainHead[] = [];
    // pdf() builds the element tree at once, layout waits for toBlob(): the pages have said
    // which heads they print before the properties are written, so these can carry them.
    const document = pdf(wrapped({ fonts: set, lineScale, heads }));
    if (heads.length > 0) document.updateContainer(wrapped({ fonts: set, lineScale, printedHeads: heads }));
    // toBlob works in both runtimes; toBuffer returns a Node stream and fails in the browser.
    const blob = (await document.toBlob()) as ReadableBlob;
    return new Uint8Array(await blob.arrayBuffer());
  };
  let bytes = await once(1);
  if (options.fitOnePage && pdfPageCount(bytes) > 1) bytes = await closerToOnePage(once, bytes);
  if (missing.size > 0) throw new MissingGlyphsError([...missing]);
  return bytes;
}

/** The loosest line scale that fits one page (fewer pages as lines close up), or `standard` if none does. */
async function closerToOnePage(once: (lineScale: number) => Promise<PdfBytes>, standard: PdfBytes): Promise<PdfBytes> {
  const closest = await once(MIN_LINE_SCALE);
  if (pdfPageCount(closest) > 1) return standard;
  let [low, high, best] = [0, LINE_SCALES.length - 1, closest];
  while (low < high) {
    const middle = Math.floor((low + high) / 2);
    const bytes = await once(LINE_SCALES[middle]!);
    if (pdfPageCount(bytes) === 1) [high, best] = [middle, bytes];
    else low = middle + 1;
  }
  return best;
}

/** One render at a time: the font store and the hyphenation callback are global. */
let queue: Promise<unknown> = Promise.resolve();

/**
 * Renders a react-pdf <Document> to PDF bytes with the documents' fonts, Chinese line
 * breaking and the missing-glyph check. Throws MissingGlyphsError rather than print boxes.
 */
export function renderToPdfBytes(element: ReactElement<DocumentProps>, fonts: DocumentFonts, options: RenderOptions = {}): Promise<PdfBytes> {
  const result = queue.then(() => render(element, fonts, options));
  queue = result.catch(() => undefined);
  return result;
}
