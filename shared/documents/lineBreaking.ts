// Pure. Where a line of Chinese may break, for react-pdf's text layout.
//
// react-pdf only breaks at spaces, so a run of Chinese is one long "word", and whatever
// the hyphenation callback cuts it into is joined again with an inserted "-" at a break.
// The callback below cuts a word into the pieces that may start a line and puts an empty
// piece after each: textkit turns an empty piece into zero-width glue, a break point that
// adds no hyphen (textkit 7 breaks at a penalty, with "-", only between two non-empty pieces).

/** May not start a line (GB/T 15834 and common 禁则): closing marks and trailing signs. */
const CLOSING = new Set([...'，。、；：！？）」』》〉〕】〗〙〛｝］’”…‥·・．％‰℃°,.;:!?)]}%']);
/** May not end a line: opening brackets and quotes. */
const OPENING = new Set([...'（「『《〈〔【〖〘〚｛［‘“([{']);

/**
 * Digits and Latin letters (half and full width) stay together, with the joiners inside
 * numbers, dates, codes and addresses: 0102, 3.5, 2026-05-20, GA-001, 1,000.
 */
const ALPHANUMERIC_RUN = /[0-9A-Za-z０-９Ａ-Ｚａ-ｚ]+(?:[.,:/\-_@#&+'][0-9A-Za-z０-９Ａ-Ｚａ-ｚ]+)*/y;
/** A dash (——) or an ellipsis (……) is never split over two lines. */
const REPEATED_MARK = /(—+|…+)/y;
/**
 * Longer runs (hashes, long codes) are cut into pieces of this many characters: one
 * such run could otherwise not fit the line at all. Identity and bank account numbers
 * (18–21 digits) stay whole.
 */
export const MAX_UNBROKEN_RUN = 32;

const NO_BREAK_SPACE = '\u00a0';

/** The indivisible units of the text: a character (code point) or one of the runs above. */
function units(text: string): string[] {
  const result: string[] = [];
  let i = 0;
  while (i < text.length) {
    let unit: string | undefined;
    for (const pattern of [ALPHANUMERIC_RUN, REPEATED_MARK]) {
      pattern.lastIndex = i;
      const m = pattern.exec(text);
      if (m) {
        unit = m[0];
        break;
      }
    }
    if (unit === undefined) {
      unit = String.fromCodePoint(text.codePointAt(i)!);
      result.push(unit);
    } else {
      for (let k = 0; k < unit.length; k += MAX_UNBROKEN_RUN) result.push(unit.slice(k, k + MAX_UNBROKEN_RUN));
    }
    i += unit.length;
  }
  return result;
}

/**
 * Cuts text into the pieces between which a line may break: every character on its own,
 * except that closing punctuation and spaces stay with what precedes them, opening
 * punctuation with what follows it, and digits, Latin words, dashes and ellipses stay
 * whole. The pieces joined give the text back unchanged.
 */
export function segmentForLineBreaking(text: string): string[] {
  const segments: string[] = [];
  for (const unit of units(text)) {
    const previous = segments[segments.length - 1];
    const first = String.fromCodePoint(unit.codePointAt(0)!);
    const last = previous === undefined ? undefined : [...previous].at(-1);
    const staysWithPrevious = CLOSING.has(first) || /^\s/.test(first) || (last !== undefined && OPENING.has(last));
    if (previous !== undefined && staysWithPrevious) {
      segments[segments.length - 1] = previous + unit;
    } else {
      segments.push(unit);
    }
  }
  return segments;
}

/**
 * The hyphenation callback's answer for one word: the segments, each followed by an empty
 * piece so that textkit may break after it without inserting a hyphen (see the top).
 */
export function breakablePieces(word: string): string[] {
  return segmentForLineBreaking(word).flatMap((segment) => [segment, '']);
}

/**
 * textkit cuts the text at ASCII spaces before the callback sees it and makes each space
 * stretchable glue; its line breaker then prefers those over the empty pieces, and
 * justification widens them into gaps in the middle of a Chinese line. As no-break spaces
 * they stay inside the word, where the segmentation keeps them with what precedes them.
 */
export const withNoBreakSpaces = (text: string): string => text.replaceAll(' ', NO_BREAK_SPACE);
