// Pure. Formats of Chinese official numbers and identifiers, with normalisation of
// what people actually type (half-width brackets, stray spaces).

const CJK = '\\u3400-\\u9fff';

/**
 * Court case numbers: （2026）京0102行审123号 — year in full-width parentheses,
 * court code (province abbreviation + digits), case-type characters, sequence, 号.
 */
const RULING_NUMBER = new RegExp(`^（(\\d{4})）([${CJK}]\\d{2,6})([${CJK}]{1,5})(\\d{1,6})号$`);

export function normaliseRulingNumber(input: string): string {
  return input.replace(/\s+/g, '').replace(/^\(/, '（').replace(/^（(\d{4})\)/, '（$1）');
}

export interface RulingNumberParts {
  year: number;
  courtCode: string;
  caseType: string;
  sequence: number;
}

export function parseRulingNumber(input: string): RulingNumberParts | null {
  const m = RULING_NUMBER.exec(normaliseRulingNumber(input));
  if (!m) return null;
  const [, year, courtCode, caseType, sequence] = m;
  if (!year || !courtCode || !caseType || !sequence || sequence.startsWith('0')) return null;
  return { year: Number(year), courtCode, caseType, sequence: Number(sequence) };
}

/**
 * Government document numbers: 西城征补决〔2026〕3号 — issuer code, full year in
 * 〔〕 (U+3014/U+3015), sequence without zero padding and without 第 (GB/T 9704-2012 7.2.4).
 */
const DOCUMENT_NUMBER = new RegExp(`^([${CJK}]{2,20})〔(\\d{4})〕([1-9]\\d{0,5})号$`);

export function normaliseDocumentNumber(input: string): string {
  return input
    .replace(/\s+/g, '')
    .replace(/[[［【(（]/, '〔')
    .replace(/[\]］】)）]/, '〕');
}

export function parseDocumentNumber(input: string): { issuerCode: string; year: number; sequence: number } | null {
  const m = DOCUMENT_NUMBER.exec(normaliseDocumentNumber(input));
  if (!m) return null;
  const [, issuerCode, year, sequence] = m;
  if (!issuerCode || !year || !sequence) return null;
  return { issuerCode, year: Number(year), sequence: Number(sequence) };
}

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

/** 18-digit 居民身份证号码 (GB 11643-1999): format, birth date and ISO 7064 check digit. */
export function isValidResidentId(input: string): boolean {
  const id = input.trim().toUpperCase();
  if (!/^\d{17}[\dX]$/.test(id)) return false;
  const birth = id.slice(6, 14);
  const y = Number(birth.slice(0, 4));
  const mo = Number(birth.slice(4, 6));
  const d = Number(birth.slice(6, 8));
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (y < 1900 || date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) {
    return false;
  }
  const sum = ID_WEIGHTS.reduce((acc, w, i) => acc + w * Number(id[i]), 0);
  return ID_CHECK[sum % 11] === id[17];
}

/** Mainland mobile (1xxxxxxxxxx) or landline with area code (010-12345678, 0571-1234567). */
export function isValidPhone(input: string): boolean {
  const s = input.replace(/[\s-]/g, '');
  return /^1[3-9]\d{9}$/.test(s) || /^0\d{2,3}\d{7,8}$/.test(s);
}

/** 2026年3月5日: the date style of GB/T 9704-2012, no zero padding. */
export function formatChineseDate(isoDate: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(isoDate);
  if (!m) return isoDate;
  return `${Number(m[1])}年${Number(m[2])}月${Number(m[3])}日`;
}

/** 110101********4515: enough to tell people apart on screen, not enough to misuse. */
export function maskIdNumber(id: string): string {
  if (id.length <= 8) return '*'.repeat(id.length);
  return `${id.slice(0, 6)}${'*'.repeat(id.length - 10)}${id.slice(-4)}`;
}

/** 138****8000 */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/[\s-]/g, '');
  if (digits.length < 7) return '*'.repeat(digits.length);
  return `${digits.slice(0, 3)}${'*'.repeat(digits.length - 7)}${digits.slice(-4)}`;
}
