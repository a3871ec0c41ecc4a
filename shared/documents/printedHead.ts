// Pure. The log head a PDF prints, also carried machine-readably in the PDF's document
// properties (issue 16, item 1), so the archive verifier can check every issued PDF against
// the chain: one line per head printed, in the Keywords under the line naming the fonts,
//   log-head: <seq>:<hash>            (format 1: the operation's single chain)
//   log-head: <writer>:<seq>:<hash>   (format 2: the station's public key, base64url)
// Any PDF tool shows it (pdfinfo, a reader's document properties).
import type { ChainHead } from '../log/types';

export const PRINTED_HEAD_LABEL = 'log-head';

const LINE = /^log-head: (?:([A-Za-z0-9_-]{43}):)?(\d{1,15}):([0-9a-f]{64})$/gm;

/** `12:3f5a…` or `<writer>:12:3f5a…`, as the property and `npm run verify -- --expect-head` write it. */
export const headToken = (head: ChainHead): string => `${head.writer ? `${head.writer}:` : ''}${head.seq}:${head.hash}`;

/** The property's lines for the heads a document prints (each once, in the order printed). */
export function printedHeadLines(heads: readonly ChainHead[]): string {
  return [...new Set(heads.map(headToken))].map((token) => `${PRINTED_HEAD_LABEL}: ${token}`).join('\n');
}

/** The heads a PDF's Keywords carry; none for a PDF made before they were carried there. */
export function printedHeadsOf(keywords: string): ChainHead[] {
  return [...keywords.matchAll(LINE)].map(([, writer, seq, hash]) => ({ ...(writer ? { writer } : {}), seq: Number(seq), hash: hash! }));
}
