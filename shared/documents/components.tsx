// Pure. The building blocks of an official document in the GB/T 9704-2012 layout:
// page with page numbers, title, headings, paragraphs, tables, key-value lines and the
// signature block. Documents are composed from these only, so they all look alike.
import { Children, type ReactElement, type ReactNode } from 'react';
import { chainHeadLine } from '../log/head';
import type { ChainHead } from '../log/types';
import { Document, Page, StyleSheet, Text as PdfText, View, type DocumentProps, type TextProps } from '@react-pdf/renderer';
import { DOCUMENT_FONT_FAMILY } from './fonts';
import { breakLongRuns, withNoBreakSpaces } from './lineBreaking';
import { bodyLetterSpacing, charPitch, linePitch, mm, page, pageNumberOffset, typeSize } from './metrics';
import { headingMark, type HeadingLevel } from './numbering';

const RULE = 0.75;
const CELL_PADDING = 3;

const body = {
  fontSize: typeSize.san,
  lineHeight: linePitch / typeSize.san,
  letterSpacing: bodyLetterSpacing,
  textAlign: 'justify',
} as const;

const styles = StyleSheet.create({
  page: {
    fontFamily: DOCUMENT_FONT_FAMILY,
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
    fontSize: typeSize.xiaoSi,
    fontWeight: 700,
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
  title: {
    fontSize: typeSize.er,
    fontWeight: 700,
    lineHeight: 1.5,
    letterSpacing: 0,
    textAlign: 'center',
  },
  subtitle: { textAlign: 'center' },
  heading: { textIndent: 2 * charPitch },
  headingBold: { fontWeight: 700 },
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
    fontSize: typeSize.xiaoSi,
    lineHeight: 1.45,
    letterSpacing: 0,
    textAlign: 'left',
  },
  tableHeaderCell: { fontWeight: 700, textAlign: 'center' },
  tableFirstCell: { borderLeftWidth: RULE },
  keyValueRow: { flexDirection: 'row' },
  // Left-aligned: values often end in a long number that cannot break, and justifying
  // the line before it would spread its characters apart.
  keyValueValue: { flex: 1, textAlign: 'left' },
  // §7.3.5.1: the seal's top within a line of the body, issuer and date in its lower half.
  signature: { alignItems: 'flex-end', paddingRight: 4 * charPitch, marginTop: 2 * linePitch },
  signatureLines: { alignItems: 'center' },
});

/**
 * react-pdf's Text, with the spaces of its strings made no-break spaces so that the line
 * breaker treats them like any other character (lineBreaking.ts says why). Documents use
 * this Text only.
 */
export function Text({ children, ...props }: TextProps & { children?: ReactNode }) {
  return (
    <PdfText {...props}>
      {Children.map(children, (child) => (typeof child === 'string' ? withNoBreakSpaces(child) : child))}
    </PdfText>
  );
}

export interface OfficialDocumentProps {
  /** The document's title in the PDF metadata. */
  title: string;
  /** Fixed creation date in the metadata, so the same data gives the same file. */
  createdAt: Date;
  children: ReactNode;
}

/** The PDF document: metadata and one or more OfficialPage. */
export function OfficialDocument({ title, createdAt, children }: OfficialDocumentProps): ReactElement<DocumentProps> {
  return (
    <Document
      title={title}
      creator="强制执行指挥台"
      producer="强制执行指挥台"
      language="zh-CN"
      creationDate={createdAt}
      modificationDate={createdAt}
    >
      {children}
    </Document>
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
   * every page, so thousands of table rows in one flow take minutes).
   */
  continuousNumbers?: boolean;
  children: ReactNode;
}

/**
 * Pages in the GB/T 9704 layout; content flows over as many pages as it needs. Page
 * numbers count from 1 within each OfficialPage, so several task cards can share a file.
 */
export function OfficialPage({ footerNote, chainHead, headerMark, runningHead, continuousNumbers, children }: OfficialPageProps) {
  const number = (n: number) => `— ${n} —`;
  const nth = (p: { pageNumber: number; subPageNumber: number }) => (continuousNumbers ? p.pageNumber : p.subPageNumber);
  const foot = [footerNote, chainHead ? chainHeadLine(chainHead) : undefined].filter(Boolean).join('\n');
  return (
    <Page size={page.size} style={styles.page} wrap>
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
      <Text
        fixed
        style={[styles.pageNumber, { textAlign: 'right' }]}
        render={(p) => (nth(p) % 2 === 1 ? number(nth(p)) : '')}
      />
      <Text
        fixed
        style={[styles.pageNumber, { textAlign: 'left' }]}
        render={(p) => (nth(p) % 2 === 0 ? number(nth(p)) : '')}
      />
      {foot ? (
        <Text fixed style={styles.footerNote}>
          {foot}
        </Text>
      ) : null}
    </Page>
  );
}

/** 2号 bold, centred, with the blank line the standard puts under it. */
export function Title({ children, subtitle }: { children: string; subtitle?: string }) {
  return (
    <View style={{ marginBottom: linePitch }} wrap={false}>
      <Text style={styles.title}>{children}</Text>
      {subtitle ? <Text style={styles.subtitle}>{subtitle}</Text> : null}
    </View>
  );
}

/**
 * A heading with its sequence mark; 一、 and （一） in bold, 1. and （1） in body type. It
 * moves to the next page unless `keepWithNext` points of what follows fit under it (two
 * lines by default; more before something that cannot split, like a figure). react-pdf
 * only looks at the siblings that follow, so headings must not be the first child of a
 * wrapper View: group a section with a Fragment.
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
  return (
    <Text style={level <= 2 ? [styles.heading, styles.headingBold] : styles.heading} minPresenceAhead={keepWithNext}>
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
  return (
    <>
      <View minPresenceAhead={TABLE_START} />
      <View style={styles.table}>
        <View style={styles.tableHeaderRow} fixed>
          {columns.map((column, c) => (
            <Text
              key={column.title}
              style={[styles.tableCell, styles.tableHeaderCell, c === 0 ? styles.tableFirstCell : {}, { width: width(column) }]}
            >
              {column.title}
            </Text>
          ))}
        </View>
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

/**
 * Issuer and date, right-aligned four characters in (§7.3.5), with room above for the
 * seal. The seal is stamped on paper: nothing is drawn there. `children` are the closing
 * lines of the body, kept on the same page so that issuer and date never stand alone.
 */
export function SignatureBlock({ issuer, date, children }: { issuer: string; date: string; children?: ReactNode }) {
  return (
    <View wrap={false}>
      {children}
      <View style={styles.signature}>
        <View style={styles.signatureLines}>
          <Text>{issuer}</Text>
          <Text>{date}</Text>
        </View>
      </View>
    </View>
  );
}
