// DOM. Where the app loads the documents' fonts from: Vite copies the two TTFs into the
// build's assets, so they are served by the app itself (app://console/… in Electron, the
// local server in browser mode) and fetched under the CSP's connect-src 'self'. Never a
// download from the internet, never a 15 MB data: URL.
import regularUrl from '@expo-google-fonts/noto-serif-sc/400Regular/NotoSerifSC_400Regular.ttf?url';
import boldUrl from '@expo-google-fonts/noto-serif-sc/700Bold/NotoSerifSC_700Bold.ttf?url';
import type { DocumentFonts } from '../../../shared/documents/fonts';

// Absolute, so react-pdf's loader treats them as URLs whatever the page's path.
export const documentFonts: DocumentFonts = {
  regular: new URL(regularUrl, document.baseURI).href,
  bold: new URL(boldUrl, document.baseURI).href,
};
