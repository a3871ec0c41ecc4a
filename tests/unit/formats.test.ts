import { describe, expect, it } from 'vitest';
import {
  formatChineseDate,
  isValidPhone,
  isValidResidentId,
  maskIdNumber,
  maskPhone,
  normaliseDocumentNumber,
  parseDocumentNumber,
  parseRulingNumber,
} from '../../shared/operation/formats';

describe('court ruling numbers', () => {
  it('parses the standard form', () => {
    expect(parseRulingNumber('（2026）京0102行审123号')).toEqual({
      year: 2026,
      courtCode: '京0102',
      caseType: '行审',
      sequence: 123,
    });
  });
  it('accepts half-width parentheses and spaces as typed', () => {
    expect(parseRulingNumber(' (2026)京0102 行审123号')?.sequence).toBe(123);
  });
  it.each(['2026京0102行审123号', '（2026）京0102行审123', '（26）京0102行审123号', '（2026）0102行审123号', '（2026）京0102行审0123号', ''])(
    'rejects %s',
    (n) => expect(parseRulingNumber(n)).toBeNull(),
  );
});

describe('government document numbers', () => {
  it('parses 〔〕 numbers and normalises other brackets to them', () => {
    expect(parseDocumentNumber('西城征补决〔2026〕3号')).toEqual({ issuerCode: '西城征补决', year: 2026, sequence: 3 });
    expect(normaliseDocumentNumber('西城征补决[2026]3号')).toBe('西城征补决〔2026〕3号');
    expect(normaliseDocumentNumber('西城征补决【2026】3号')).toBe('西城征补决〔2026〕3号');
  });
  it.each(['西城征补决〔2026〕第3号', '西城征补决〔2026〕03号', '西城征补决〔26〕3号', '〔2026〕3号'])('rejects %s', (n) =>
    expect(parseDocumentNumber(n)).toBeNull(),
  );
});

describe('resident ID numbers', () => {
  it('accepts a valid number including an X check digit', () => {
    expect(isValidResidentId('110101196203154515')).toBe(true);
    expect(isValidResidentId('11010519491231002X')).toBe(true);
    expect(isValidResidentId('11010519491231002x')).toBe(true);
  });
  it('rejects a wrong check digit, an impossible birth date and wrong lengths', () => {
    expect(isValidResidentId('110101196203154516')).toBe(false);
    expect(isValidResidentId('110101196202304515')).toBe(false);
    expect(isValidResidentId('11010119620315451')).toBe(false);
  });
  it('masks ID numbers and phones for screens', () => {
    expect(maskIdNumber('110101196203154515')).toBe('110101********4515');
    expect(maskPhone('13800138000')).toBe('138****8000');
  });
});

describe('phones and dates', () => {
  it('validates mobile and landline numbers', () => {
    expect(isValidPhone('13800138000')).toBe(true);
    expect(isValidPhone('010-66001234')).toBe(true);
    expect(isValidPhone('12345')).toBe(false);
  });
  it('formats dates without zero padding (GB/T 9704-2012)', () => {
    expect(formatChineseDate('2026-03-05')).toBe('2026年3月5日');
  });
});
