// Pure. The building blocks of an official document in the GB/T 9704-2012 layout:
// page with page numbers, title, headings, paragraphs, tables, key-value lines and the
// signature block. Documents are composed from these only, so they all look alike, and
// the typefaces of GB/T 9704 (title 小标宋, body 仿宋, headings 黑体 and 楷体) apply to all.
import { Children, createContext, useContext, type ReactElement, type ReactNode } from 'react';
import { chainHeadLine } from '../log/head';
import type { ChainHead } from '../log/types';
import { Document, Page, StyleSheet, Text as PdfText, View, type DocumentProps, type TextProps } from '@react-pdf/renderer';
import { describeFontSet, fontStacks, type DocumentFontSet } from './fonts';
import { breakLongRuns, withNoBreakSpaces } from './lineBreaking';
import { bodyLetterSpacing, charPitch, linePitch, mm, page, pageNumberOffset, typeSize } from './metrics';
import { headingMark, type HeadingLevel } from './numbering';
import { printedHeadLines } from './printedHead';

const RULE = 0.75;
const CELL_PADDING = 3;
/** Height of one row of a signature strip: a line of 小4号 and room to sign above it. */
const STRIP_ROW = 26;

/**
 * What every part of a document being rendered shares: its fonts (named in the PDF's
 * properties) and how close its lines are set (1 is the standard's 22-line grid; less to
 * fit a 公告 on one sheet). render.ts provides it.
 */
export interface PrintSettings {
  fonts?: DocumentFontSet;
  lineScale: number;
  /** Where the pages note the log heads they print, as react-pdf lays them out. */
  heads?: ChainHead[];
  /** The heads the pages print, once known: the PDF's properties carry them too (printedHead.ts). */
  printedHeads?: readonly ChainHead[];
}
export const PrintContext = createContext<PrintSettings>({ lineScale: 1 });
const useLinePitch = () => linePitch * useContext(PrintContext).lineScale;

const body = {
  fontSize: typeSize.san,
  lineHeight: linePitch / typeSize.san,
  letterSpacing: bodyLetterSpacing,
  textAlign: 'justify',
} as const;

/** Small print (tables, forms, signature strips): 小4号 without the body's letter spacing. */
const small = { fontSize: typeSize.xiaoSi, lineHeight: 1.45, letterSpacing: 0, textAlign: 'left' } as const;

const styles = StyleSheet.create({
  page: {
    fontFamily: fontStacks.body,
    paddingTop: page.marginTop,
    paddingLeft: page.marginLeft,
    paddingRight: page.marginRight,
    paddingBottom: page.marginBottom,
    ...body,
  },
  // Under the header mark's box, above the text block, the whole width of the text.
  runningHead: {
    position: 'absolute',
    top: mm(25),
    left: page.marginLeft,
    right: page.marginRight,
    fontSize: typeSize.xiaoSi,
    lineHeight: 1.3,
    letterSpacing: 0,
    textAlign: 'left',
  },
  headerMark: {
    position: 'absolute',
    top: mm(15),
    right: page.marginRight,
    fontFamily: fontStacks.heading1,
    fontSize: typeSize.xiaoSi,
    // Its own line height, not the body's: the box then ends above the running head.
    lineHeight: 1.2,
    letterSpacing: 0,
    borderWidth: 1,
    paddingVertical: 2,
    paddingHorizontal: 6,
  },
  // §7.5: 4号 digits between 一字线, 7 mm below the text block; odd pages right, even
  // pages left, one character in from the edge of the text block.
  pageNumber: {
    position: 'absolute',
    top: page.height - page.marginBottom + pageNumberOffset - typeSize.si / 2,
    left: page.marginLeft + typeSize.si,
    right: page.marginRight + typeSize.si,
    fontSize: typeSize.si,
    lineHeight: 1,
    letterSpacing: 0,
  },
  footerNote: {
    position: 'absolute',
    bottom: mm(10),
    left: page.marginLeft,
    right: page.marginRight,
    fontSize: typeSize.xiaoWu,
    lineHeight: 1.4,
    letterSpacing: 0,
    textAlign: 'center',
    color: '#333333',
  },
  // §7.2: 2号小标宋体, centred; the 小标宋 (or its bold stand-in) is heavy of itself.
  title: {
    fontFamily: fontStacks.title,
    fontSize: typeSize.er,
    lineHeight: 1.5,
    letterSpacing: 0,
    textAlign: 'center',
  },
  subtitle: { textAlign: 'center' },
  // §7.3.3: 一、 in 黑体, （一） in 楷体, 1. and （1） in the body's 仿宋.
  heading: { textIndent: 2 * charPitch },
  heading1: { fontFamily: fontStacks.heading1 },
  heading2: { fontFamily: fontStacks.heading2 },
  paragraph: { textIndent: 2 * charPitch },
  // Rules on the cells, not the table: a table split over pages would draw its outer
  // border down to the foot of the page.
  table: { marginVertical: linePitch / 4 },
  tableRow: { flexDirection: 'row' },
  tableHeaderRow: { flexDirection: 'row', borderTopWidth: RULE },
  tableCell: {
    borderRightWidth: RULE,
    borderBottomWidth: RULE,
    paddingVertical: 2,
    paddingHorizontal: CELL_PADDING,
    ...small,
  },
  // Column heads in 黑体, as in the standard's tables.
  tableHeaderCell: { fontFamily: fontStacks.heading1, textAlign: 'center' },
  tableFirstCell: { borderLeftWidth: RULE },
  keyValueRow: { flexDirection: 'row' },
  // Left-aligned: values often end in a long number that cannot break, and justifying
  // the line before it would spread its characters apart.
  keyValueValue: { flex: 1, textAlign: 'left' },
  signatureLine: { textAlign: 'left', letterSpacing: bodyLetterSpacing },
  // The signature strip at the foot of every page of a form.
  strip: { position: 'absolute', left: page.marginLeft, right: page.marginRight, borderTopWidth: RULE, paddingTop: 4 },
  stripRow: { flexDirection: 'row' },
  stripCell: { width: '50%', flexDirection: 'row', alignItems: 'flex-end', paddingRight: typeSize.xiaoSi, height: STRIP_ROW },
  stripLabel: small,
  stripLine: { flex: 1, borderBottomWidth: RULE, marginBottom: 3 },
  stripNote: { ...small, marginTop: 2 },
});

/**
 * The children of a Text with neighbouring strings joined into one. textkit gives each
 * string its own run, and when the fallback font prints the end of one string and the start
 * of the next, the next one's start is set in the role's own font again: a character that
 * font lacks (堃 in 仿宋_GB2312) would print as an empty box.
 */
function joinedStrings(children: ReactNode): ReactNode[] {
  const out: ReactNode[] = [];
  for (const child of Children.toArray(children)) {
    const text = typeof child === 'string' || typeof child === 'number' ? String(child) : undefined;
    if (text !== undefined && typeof out.at(-1) === 'string') out[out.length - 1] += text;
    else out.push(text ?? child);
  }
  return out;
}

/**
 * react-pdf's Text, with the spaces of its strings made no-break spaces so that the line
 * breaker treats them like any other character (lineBreaking.ts says why), and neighbouring
 * strings joined (joinedStrings says why). Documents use this Text only.
 */
export function Text({ children, ...props }: TextProps & { children?: ReactNode }) {
  return <PdfText {...props}>{joinedStrings(children).map((child) => (typeof child === 'string' ? withNoBreakSpaces(child) : child))}</PdfText>;
}

export interface OfficialDocumentProps {
  /** The document's title in the PDF metadata. */
  title: string;
  /** Fixed creation date in the metadata, so the same data gives the same file. */
  createdAt: Date;
  children: ReactNode;
}

/**
 * The PDF document: metadata and one or more OfficialPage. Its Keywords name the fonts it
 * was printed with, role by role (describeFontSet), for anyone checking it against GB/T 9704,
 * and on the next lines the log heads its pages print, for the archive verifier.
 */
export function OfficialDocument({ title, createdAt, children }: OfficialDocumentProps): ReactElement<DocumentProps> {
  const { fonts, printedHeads = [] } = useContext(PrintContext);
  const keywords = [fonts ? describeFontSet(fonts) : '', printedHeadLines(printedHeads)].filter(Boolean).join('\n');
  return (
    <Document
      title={title}
      creator="强制执行指挥台"
      producer="强制执行指挥台"
      language="zh-CN"
      {...(keywords ? { keywords } : {})}
      creationDate={createdAt}
      modificationDate={createdAt}
    >
      {children}
    </Document>
  );
}

export interface SignatureStripProps {
  /** Who signs each page: 现场负责人, 记录人, … two to a row. */
  signers: string[];
  /** Printed under the lines, e.g. how a refusal is recorded. */
  note?: string;
}

/** The strip's height in points, note included; the page's text block ends above it. */
export const signatureStripHeight = ({ signers, note }: SignatureStripProps): number =>
  4 + Math.ceil(signers.length / 2) * STRIP_ROW + (note ? typeSize.xiaoSi * 1.45 + 2 : 0) + linePitch / 4;

/** Signature lines at the foot of the text block, on every page (a form signed page by page). */
function SignatureStrip({ signers, note }: SignatureStripProps) {
  const rows = Array.from({ length: Math.ceil(signers.length / 2) }, (_, i) => signers.slice(2 * i, 2 * i + 2));
  const height = signatureStripHeight({ signers, ...(note ? { note } : {}) });
  return (
    <View fixed style={[styles.strip, { top: page.height - page.marginBottom - height + linePitch / 4 }]}>
      {rows.map((row, r) => (
        <View key={r} style={styles.stripRow}>
          {row.map((signer) => (
            <View key={signer} style={styles.stripCell}>
              <Text style={styles.stripLabel}>{`${signer}（签名）：`}</Text>
              <View style={styles.stripLine} />
            </View>
          ))}
        </View>
      ))}
      {note ? <Text style={styles.stripNote}>{note}</Text> : null}
    </View>
  );
}

export interface OfficialPageProps {
  /** Small print at the foot of every page (a draft marking, which plan version…). */
  footerNote?: string;
  /**
   * The on-site log's head when the PDF was generated, printed on every page so a paper
   * copy pins the log (issue 5): any later change to an earlier entry no longer matches it.
   */
  chainHead?: ChainHead;
  /** A boxed mark at the top right of every page, e.g. 草稿 or 示例. */
  headerMark?: string;
  /**
   * A line at the top left of every page saying which document the page belongs to, so
   * that a sheet separated from the others (the signature page above all) is still known.
   */
  runningHead?: string;
  /**
   * Number the pages across the whole file instead of from 1: for one long document split
   * into several OfficialPage (react-pdf lays out each one's remaining content again for
   * every page, so thousands of table rows in one flow takes minutes).
   */
  continuousNumbers?: boolean;
  /**
   * `official`: "— 1 —", odd pages right and even pages left (GB/T 9704 §7.5).
   * `ofTotal`: "第 1 页 共 3 页", centred: a form whose every sheet is signed, so that a
   * missing or added sheet shows.
   */
  pageNumbers?: 'official' | 'ofTotal';
  /** Signature lines at the foot of every page, the text block ending above them. */
  signEveryPage?: SignatureStripProps;
  children: ReactNode;
}

/**
 * Pages in the GB/T 9704 layout; content flows over as many pages as it needs. Page
 * numbers count from 1 within each OfficialPage, so several task cards can share a file.
 */
export function OfficialPage({
  footerNote,
  chainHead,
  headerMark,
  runningHead,
  continuousNumbers,
  pageNumbers = 'official',
  signEveryPage,
  children,
}: OfficialPageProps) {
  const pitch = useLinePitch();
  const { heads } = useContext(PrintContext);
  if (chainHead) heads?.push(chainHead);
  const nth = (p: { pageNumber: number; subPageNumber: number }) => (continuousNumbers ? p.pageNumber : p.subPageNumber);
  const total = (p: { totalPages: number; subPageTotalPages: number }) => (continuousNumbers ? p.totalPages : p.subPageTotalPages);
  const official = (n: number) => `— ${n} —`;
  const foot = [footerNote, chainHead ? chainHeadLine(chainHead) : undefined].filter((line): line is string => Boolean(line));
  const strip = signEveryPage ? signatureStripHeight(signEveryPage) : 0;
  return (
    <Page
      size={page.size}
      style={[styles.page, { lineHeight: pitch / typeSize.san, paddingBottom: page.marginBottom + strip }]}
      wrap
    >
      {runningHead ? (
        <Text fixed style={styles.runningHead}>
          {runningHead}
        </Text>
      ) : null}
      {headerMark ? (
        <Text fixed style={styles.headerMark}>
          {headerMark}
        </Text>
      ) : null}
      {children}
      {signEveryPage ? <SignatureStrip {...signEveryPage} /> : null}
      {pageNumbers === 'ofTotal' ? (
        <Text fixed style={[styles.pageNumber, { textAlign: 'center' }]} render={(p) => `第 ${nth(p)} 页　共 ${total(p)} 页`} />
      ) : (
        <>
          <Text fixed style={[styles.pageNumber, { textAlign: 'right' }]} render={(p) => (nth(p) % 2 === 1 ? official(nth(p)) : '')} />
          <Text fixed style={[styles.pageNumber, { textAlign: 'left' }]} render={(p) => (nth(p) % 2 === 0 ? official(nth(p)) : '')} />
        </>
      )}
      {foot.length > 0 ? (
        // One Text per line: a line break inside a string would be typeset with a font of its own.
        <View fixed style={styles.footerNote}>
          {foot.map((line, i) => (
            <Text key={i}>{line}</Text>
          ))}
        </View>
      ) : null}
    </Page>
  );
}

/** 2号小标宋, centred, with the blank line the standard puts under it. */
export function Title({ children, subtitle }: { children: string; subtitle?: string }) {
  const pitch = useLinePitch();
  return (
    <View style={{ marginBottom: pitch }} wrap={false}>
      <Text style={styles.title}>{children}</Text>
      {subtitle ? <Text style={styles.subtitle}>{subtitle}</Text> : null}
    </View>
  );
}

/**
 * A heading with its sequence mark: 一、 in 黑体, （一） in 楷体, 1. and （1） in the body's
 * 仿宋 (§7.3.3). It moves to the next page unless `keepWithNext` points of what follows
 * fit under it (two lines by default; more before something that cannot split, like a
 * figure). react-pdf only looks at the siblings that follow, so headings must not be the
 * first child of a wrapper View: group a section with a Fragment.
 */
export function Heading({
  level,
  n,
  keepWithNext = 2 * linePitch,
  children,
}: {
  level: HeadingLevel;
  n: number;
  keepWithNext?: number;
  children: string;
}) {
  const face = level === 1 ? styles.heading1 : level === 2 ? styles.heading2 : {};
  return (
    <Text style={[styles.heading, face]} minPresenceAhead={keepWithNext}>
      {headingMark(level, n)}
      {children}
    </Text>
  );
}

/** Body text, first line indented two characters, justified. */
export function Paragraph({ children, indent = true }: { children: ReactNode; indent?: boolean }) {
  return <Text style={indent ? styles.paragraph : undefined}>{children}</Text>;
}

export interface TableColumn {
  title: string;
  /** Relative width; the columns share the text block in proportion. */
  weight: number;
  align?: 'left' | 'center' | 'right';
}

/** The header and a two-line row: a table starts on the next page unless this much fits. */
const TABLE_START = 3 * (typeSize.xiaoSi * 1.45 + 4);
/** A digit or Latin letter is at most this wide, in ems, in the document fonts. */
const LATIN_EM = 0.6;

/**
 * How many digits or Latin letters fit on one line of a cell, one full-width closing
 * mark (）。) kept free: a longer run must be allowed to break (lineBreaking.ts).
 */
export function cellRunLimit(column: TableColumn, columns: TableColumn[]): number {
  const total = columns.reduce((sum, c) => sum + c.weight, 0);
  const inner = (page.textWidth * column.weight) / total - 2 * CELL_PADDING - RULE;
  return Math.floor((inner - typeSize.xiaoSi) / (LATIN_EM * typeSize.xiaoSi));
}

export interface TableProps {
  columns: TableColumn[];
  rows: string[][];
  /**
   * What closes the table (a total, the signatures): kept on one page with the last
   * `closingRows` rows, so that it never stands alone on a sheet that could be swapped.
   */
  closing?: ReactNode;
  closingRows?: number;
}

/**
 * A bordered table in 小4号; rows never split over two pages, the header repeats. The
 * empty View before it carries the start condition: react-pdf would otherwise leave the
 * repeating header alone at the foot of a page.
 */
export function Table({ columns, rows, closing, closingRows = 2 }: TableProps) {
  const total = columns.reduce((sum, column) => sum + column.weight, 0);
  const width = (column: TableColumn) => `${(column.weight / total) * 100}%`;
  const limits = columns.map((column) => cellRunLimit(column, columns));
  const row = (cells: string[], r: number) => (
    <View key={r} style={styles.tableRow} wrap={false}>
      {columns.map((column, c) => (
        <Text
          key={column.title}
          style={[styles.tableCell, c === 0 ? styles.tableFirstCell : {}, { width: width(column), textAlign: column.align ?? 'left' }]}
        >
          {breakLongRuns(cells[c] ?? '', limits[c]!)}
        </Text>
      ))}
    </View>
  );
  // Inside the table's View, so that the header repeats above the kept rows on a new page.
  const split = closing === undefined ? rows.length : Math.max(0, rows.length - closingRows);
  const header = (
    <View style={styles.tableHeaderRow} fixed>
      {columns.map((column, c) => (
        <Text key={column.title} style={[styles.tableCell, styles.tableHeaderCell, c === 0 ? styles.tableFirstCell : {}, { width: width(column) }]}>
          {column.title}
        </Text>
      ))}
    </View>
  );
  // All rows kept with the closing: the header goes with them, never alone at the foot of a page.
  if (split === 0 && closing !== undefined) {
    return (
      <View style={styles.table} wrap={false}>
        {header}
        {rows.map(row)}
        {closing}
      </View>
    );
  }
  return (
    <>
      <View minPresenceAhead={TABLE_START} />
      <View style={styles.table}>
        {header}
        {rows.slice(0, split).map(row)}
        {closing === undefined ? null : (
          <View wrap={false}>
            {rows.slice(split).map((cells, r) => row(cells, split + r))}
            {closing}
          </View>
        )}
      </View>
    </>
  );
}

export interface KeyValue {
  label: string;
  value: string;
}

/** A value up to this long stays on one page with its label; a longer one may split. */
const UNSPLIT_VALUE = 200;

/** Label：value lines, the values aligned in a column after labels of `labelChars` characters. */
export function KeyValueBlock({ items, labelChars = 6 }: { items: KeyValue[]; labelChars?: number }) {
  return (
    <View>
      {items.map((item) => (
        <View key={item.label} style={styles.keyValueRow} wrap={item.value.length > UNSPLIT_VALUE}>
          <Text style={{ width: (labelChars + 1) * charPitch, textAlign: 'left' }}>{item.label}：</Text>
          <Text style={styles.keyValueValue}>{item.value}</Text>
        </View>
      ))}
    </View>
  );
}

/** Half-width characters (digits, Latin letters) are about this wide, in ems, in the document fonts. */
const HALF_WIDTH_EM = 0.55;

/** About how wide a line of body text is, in points: full-width characters one pitch, others about half. */
export function bodyTextWidth(text: string): number {
  return [...text].reduce((sum, char) => sum + (char.codePointAt(0)! < 0x2e80 ? HALF_WIDTH_EM * typeSize.san + bodyLetterSpacing : charPitch), 0);
}

/** Where the issuer and the date go, in points from the left of the text block (§7.3.5.1). */
export function signaturePlacement(issuer: string, date: string): { issuerLeft: number; issuerWidth: number; dateRight: number } {
  const dateRight = 4 * charPitch;
  const centre = page.textWidth - dateRight - bodyTextWidth(date) / 2;
  // A box around the issuer centred on the date, as wide as the space right of the centre allows…
  const room = 2 * (page.textWidth - centre);
  const needed = bodyTextWidth(issuer) + charPitch;
  // …or, for an issuer too long for that, the whole line, the name ending at the right margin.
  return needed <= room ? { issuerLeft: centre - room / 2, issuerWidth: room, dateRight } : { issuerLeft: 0, issuerWidth: page.textWidth, dateRight };
}

/**
 * The issuer (发文机关署名) above the date (成文日期), GB/T 9704 §7.3.5.1: the date four
 * characters in from the right, the issuer centred over it, with room above for the seal,
 * which is stamped on paper: nothing is drawn there. `children` are the closing lines of
 * the body, kept on the same page so that issuer and date never stand alone.
 */
export function SignatureBlock({ issuer, date, children }: { issuer: string; date: string; children?: ReactNode }) {
  const pitch = useLinePitch();
  const { issuerLeft, issuerWidth, dateRight } = signaturePlacement(issuer, date);
  const centred = issuerWidth < page.textWidth;
  return (
    <View wrap={false}>
      {children}
      <View style={{ marginTop: 2 * pitch }}>
        <Text style={[styles.signatureLine, { marginLeft: issuerLeft, width: issuerWidth, textAlign: centred ? 'center' : 'right' }]}>
          {issuer}
        </Text>
        <Text style={[styles.signatureLine, { textAlign: 'right', paddingRight: dateRight }]}>{date}</Text>
      </View>
    </View>
  );
}
