// Pure. Document numbers (发文字号) like 西城强执告〔2026〕3号 — issuer code, full year in
// 〔〕 (U+3014/U+3015), sequence without 第 and without zero padding (GB/T 9704-2012 §7.2.4)
// — and their allocation: one sequence per issuing authority and year, never reused.
import { parseDocumentNumber } from '../operation/formats';

export { normaliseDocumentNumber, parseDocumentNumber } from '../operation/formats';

export interface DocumentNumberParts {
  /** 机关代字 and 类别, e.g. 西城强执告 */
  issuerCode: string;
  year: number;
  /** 1, 2, 3 … */
  sequence: number;
}

/** A number already taken, whether issued or voided; a voided one keeps its reason. */
export interface UsedDocumentNumber extends DocumentNumberParts {
  /** Why the number was not issued (作废): printed in the register, the number stays taken. */
  voidReason?: string;
}

/** 西城强执告〔2026〕3号; throws RangeError on parts that would not parse back. */
export function formatDocumentNumber({ issuerCode, year, sequence }: DocumentNumberParts): string {
  const text = `${issuerCode.trim()}〔${year}〕${sequence}号`;
  const parsed = parseDocumentNumber(text);
  if (!Number.isInteger(year) || !Number.isInteger(sequence) || !parsed || parsed.sequence !== sequence || parsed.year !== year) {
    throw new RangeError(`文号无效：${text}（机关代字为2至20个汉字，年份为四位数，序号为正整数）`);
  }
  return text;
}

const sameSeries = (issuerCode: string, year: number) => (n: DocumentNumberParts) =>
  n.issuerCode.trim() === issuerCode.trim() && n.year === year;

/** Sequences taken in this issuer's series for the year, voided ones included. */
function takenSequences(used: readonly UsedDocumentNumber[], issuerCode: string, year: number): Set<number> {
  return new Set(used.filter(sameSeries(issuerCode, year)).map((n) => n.sequence));
}

/**
 * The next sequence for this issuer and year: one after the highest taken (issued or
 * voided). Gaps below it are not filled: a number once skipped is explained, not reissued.
 */
export function nextSequence(used: readonly UsedDocumentNumber[], issuerCode: string, year: number): number {
  let max = 0;
  for (const sequence of takenSequences(used, issuerCode, year)) max = Math.max(max, sequence);
  return max + 1;
}

/** The next number as printed, e.g. 西城强执告〔2026〕4号. */
export const nextDocumentNumber = (used: readonly UsedDocumentNumber[], issuerCode: string, year: number): string =>
  formatDocumentNumber({ issuerCode, year, sequence: nextSequence(used, issuerCode, year) });

/**
 * Sequences between 1 and the highest taken that appear nowhere in the register, in
 * order: each needs a recorded reason (an entry with voidReason) before the series is
 * complete.
 */
export function numberingGaps(used: readonly UsedDocumentNumber[], issuerCode: string, year: number): number[] {
  const taken = takenSequences(used, issuerCode, year);
  const gaps: number[] = [];
  const last = nextSequence(used, issuerCode, year) - 1;
  for (let sequence = 1; sequence <= last; sequence++) if (!taken.has(sequence)) gaps.push(sequence);
  return gaps;
}
