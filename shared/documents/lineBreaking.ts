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
 * numbers, dates, codes, ranges and addresses: 0102, 3.5, 2026-05-20, GA-001, 1,000,
 * A001—A006, 3~5.
 */
const ALPHANUMERIC_RUN =
  /[0-9A-Za-z０-９Ａ-Ｚａ-ｚ]+(?:(?:(?:[.,:/\-_@#&+'~～–]|—{1,2})\u00ad?|\u00ad)[0-9A-Za-z０-９Ａ-Ｚａ-ｚ]+)*/y;
/**
 * Counters and units that end a number and may not start a line after its digits: 45号,
 * 2026年, 10项, 6箱.
 */
const NUMBER_SUFFIX = new Set([...'号年月日时分秒条项件份张页室层栋楼户人名次处元箱个台只套把本袋包米']);
const ENDS_IN_DIGIT = /[0-9０-９]$/;
/**
 * Soft hyphen: a break point inside a run that is too long for its table cell (see
 * breakLongRuns). textkit removes it from the text, so it prints nothing, not even a hyphen.
 */
export const SOFT_HYPHEN = '\u00ad';
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
      // A run's soft hyphens (breakLongRuns) end a unit: the line may break after them.
      for (const piece of unit.split(/(?<=\u00ad)/)) {
        for (let k = 0; k < piece.length; k += MAX_UNBROKEN_RUN) result.push(piece.slice(k, k + MAX_UNBROKEN_RUN));
      }
    }
    i += unit.length;
  }
  return result;
}

/**
 * Cuts text into the pieces between which a line may break: every character on its own,
 * except that closing punctuation and spaces stay with what precedes them, opening
 * punctuation with what follows it, a counter like 号 with the digits before it, and
 * digits, Latin words, dashes and ellipses stay whole. The pieces joined give the text
 * back unchanged.
 */
export function segmentForLineBreaking(text: string): string[] {
  const segments: string[] = [];
  for (const unit of units(text)) {
    const previous = segments[segments.length - 1];
    const first = String.fromCodePoint(unit.codePointAt(0)!);
    const last = previous === undefined ? undefined : [...previous].at(-1);
    const staysWithPrevious =
      CLOSING.has(first) ||
      first === SOFT_HYPHEN ||
      /^\s/.test(first) ||
      (NUMBER_SUFFIX.has(first) && previous !== undefined && ENDS_IN_DIGIT.test(previous)) ||
      (last !== undefined && OPENING.has(last));
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

const LONG_RUN = new RegExp(ALPHANUMERIC_RUN.source, 'g');
/** Splits a run after each joiner, the joiner kept at the end of its part. */
const JOINER_AFTER = /(?<=[.,:/\-_@#&+'~～–—])/;

/**
 * A table cell holds only so many characters: an alphanumeric run longer than
 * `maxChars` (a seal number, a plate) would print past the cell's border. Soft hyphens
 * let it break after a joiner (FC-2026-|0012) or, where none fits, every `maxChars`.
 */
export function breakLongRuns(text: string, maxChars: number): string {
  const limit = Math.max(1, Math.floor(maxChars));
  return text.replace(LONG_RUN, (run) => {
    if (run.length <= limit) return run;
    // The run's parts, each ending in its joiner, packed into lines as full as they go.
    const parts = run.split(JOINER_AFTER).filter(Boolean).flatMap((part) => {
      const cut: string[] = [];
      for (let k = 0; k < part.length; k += limit) cut.push(part.slice(k, k + limit));
      return cut;
    });
    const lines: string[] = [];
    for (const part of parts) {
      const last = lines.length - 1;
      if (last >= 0 && lines[last]!.length + part.length <= limit) lines[last] += part;
      else lines.push(part);
    }
    return lines.join(SOFT_HYPHEN);
  });
}
