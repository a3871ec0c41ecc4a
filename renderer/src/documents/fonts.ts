// DOM. The fonts the app prints documents with: the office's (officeFonts.ts) where found,
// else the embedded Noto Serif SC. Vite copies the two embedded TTFs into the build's assets,
// so they are served by the app itself (app://console/… in Electron, the local server in
// browser mode) and fetched under the CSP's connect-src 'self': never a download from the
// internet, never a 15 MB data: URL.
import regularUrl from '@expo-google-fonts/noto-serif-sc/400Regular/NotoSerifSC_400Regular.ttf?url';
import boldUrl from '@expo-google-fonts/noto-serif-sc/700Bold/NotoSerifSC_700Bold.ttf?url';
import { embeddedFontSet, type DocumentFontSet, type DocumentFonts } from '../../../shared/documents/fonts';
import { db } from '../data/db';
import { host } from '../host';
import { loadDocumentFonts } from './officeFonts';

// Absolute, so react-pdf's loader treats them as URLs whatever the page's path.
export const embeddedFonts = (): DocumentFontSet =>
  embeddedFontSet({ regular: new URL(regularUrl, document.baseURI).href, bold: new URL(boldUrl, document.baseURI).href });

/** What the app's documents are printed with: looked up at each printing, as 设置 may have changed. */
export const documentFonts: DocumentFonts = () => loadDocumentFonts(host, db, embeddedFonts());
