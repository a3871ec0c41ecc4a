// Pure. Turns a document element into PDF bytes, the same way in the app and in Node.
import type { ReactElement } from 'react';
import { Font, pdf, type DocumentProps } from '@react-pdf/renderer';
import { DOCUMENT_FONT_FAMILY, MissingGlyphsError, missingCharacters, type DocumentFonts } from './fonts';
import type { ReadableBlob } from './blob';
import { breakablePieces } from './lineBreaking';

const WEIGHTS = [400, 700] as const;

/** A rendered PDF file: bytes over a plain ArrayBuffer, as the host's saveFile takes them. */
export type PdfBytes = Uint8Array<ArrayBuffer>;

/** react-pdf's font store is global: register our family once, from one place only. */
function registerFonts(fonts: DocumentFonts): void {
  const family = Font.getRegisteredFonts()[DOCUMENT_FONT_FAMILY];
  if (!family) {
    Font.register({
      family: DOCUMENT_FONT_FAMILY,
      fonts: [
        { src: fonts.regular, fontWeight: 400 },
        { src: fonts.bold, fontWeight: 700 },
      ],
    });
    return;
  }
  const registered = family.sources.map((source) => source.src);
  if (registered[0] !== fonts.regular || registered[1] !== fonts.bold) {
    throw new Error('文书字体已从另一位置加载，请重新启动程序后再试');
  }
}

/** Loads both faces and answers whether both have a glyph for a code point. */
async function loadFonts(): Promise<(codePoint: number) => boolean> {
  const descriptors = WEIGHTS.map((fontWeight) => ({ fontFamily: DOCUMENT_FONT_FAMILY, fontWeight }));
  try {
    await Promise.all(descriptors.map((descriptor) => Font.load(descriptor)));
  } catch (error) {
    throw new Error(`无法加载文书字体：${error instanceof Error ? error.message : String(error)}`);
  }
  const faces = descriptors.map((descriptor) => Font.getFont(descriptor).data);
  return (codePoint) => faces.every((face) => face?.hasGlyphForCodePoint(codePoint) === true);
}

async function render(element: ReactElement<DocumentProps>, fonts: DocumentFonts): Promise<PdfBytes> {
  registerFonts(fonts);
  const hasGlyph = await loadFonts();
  // The hyphenation callback sees every word react-pdf lays out, page numbers included:
  // the one place to both place the line breaks and notice characters the font lacks.
  const missing = new Set<string>();
  Font.registerHyphenationCallback((word) => {
    for (const char of missingCharacters(word, hasGlyph)) missing.add(char);
    return breakablePieces(word);
  });
  // toBlob works in both runtimes; toBuffer returns a Node stream and fails in the browser.
  const blob = (await pdf(element).toBlob()) as ReadableBlob;
  if (missing.size > 0) throw new MissingGlyphsError([...missing]);
  return new Uint8Array(await blob.arrayBuffer());
}

/** One render at a time: the font store and the hyphenation callback are global. */
let queue: Promise<unknown> = Promise.resolve();

/**
 * Renders a react-pdf <Document> to PDF bytes with the documents' fonts, Chinese line
 * breaking and the missing-glyph check. Throws MissingGlyphsError rather than print boxes.
 */
export function renderToPdfBytes(element: ReactElement<DocumentProps>, fonts: DocumentFonts): Promise<PdfBytes> {
  const result = queue.then(() => render(element, fonts));
  queue = result.catch(() => undefined);
  return result;
}
