// Pure. The page of GB/T 9704-2012 《党政机关公文格式》 in PDF points, and the type sizes
// (号) it names. Every document is laid out from these numbers and nothing else.

const MM = 72 / 25.4;
export const mm = (millimetres: number): number => millimetres * MM;

/** Chinese type sizes in points. */
export const typeSize = {
  /** 2号: the title */
  er: 22,
  /** 3号: the body */
  san: 16,
  /** 4号: page numbers */
  si: 14,
  /** 小4号: tables, where 3号 would leave too few characters per cell */
  xiaoSi: 12,
  /** 小5号: the footer note */
  xiaoWu: 9,
} as const;

/** A4 with the margins of GB/T 9704 §5.2.1: top 37 mm, left 28 mm, text block 156 × 225 mm. */
export const page = {
  size: 'A4',
  width: mm(210),
  height: mm(297),
  marginTop: mm(37),
  marginLeft: mm(28),
  marginRight: mm(210 - 28 - 156),
  marginBottom: mm(297 - 37 - 225),
  textWidth: mm(156),
  textHeight: mm(225),
} as const;

/** §5.2.2: 22 lines of 28 characters of 3号 in the text block. */
export const grid = { lines: 22, charsPerLine: 28 } as const;

/**
 * 156 mm holds 27.6 characters of 16 pt, so the standard's 28 per line means a pitch a
 * little under the size (Word's document grid does the same). Rounded down so that 28
 * never add up to more than the line.
 */
export const charPitch = Math.floor((page.textWidth / grid.charsPerLine) * 1000) / 1000;
export const bodyLetterSpacing = charPitch - typeSize.san;

/** 225 mm / 22 lines, rounded down so that 22 lines always fit. */
export const linePitch = Math.floor((page.textHeight / grid.lines) * 10) / 10;

/** §7.5: the page number's 一字线 sits 7 mm below the text block. */
export const pageNumberOffset = mm(7);
