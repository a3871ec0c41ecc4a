import { describe, expect, it } from 'vitest';
import {
  formatDocumentNumber,
  nextDocumentNumber,
  nextSequence,
  numberingGaps,
  parseDocumentNumber,
  type UsedDocumentNumber,
} from '../../shared/documents/documentNumber';

const used = (issuerCode: string, year: number, ...sequences: number[]): UsedDocumentNumber[] =>
  sequences.map((sequence) => ({ issuerCode, year, sequence }));

describe('document numbers', () => {
  it('formats with the full year in 〔〕, no 第 and no zero padding', () => {
    expect(formatDocumentNumber({ issuerCode: '西城强执告', year: 2026, sequence: 3 })).toBe('西城强执告〔2026〕3号');
    expect(formatDocumentNumber({ issuerCode: ' 临江强执告 ', year: 2026, sequence: 120 })).toBe('临江强执告〔2026〕120号');
    expect(formatDocumentNumber({ issuerCode: '西城强执告', year: 2026, sequence: 3 })).toMatch(/\u3014\d{4}\u3015/);
  });

  it('refuses parts that would not make a number', () => {
    for (const parts of [
      { issuerCode: '西城强执告', year: 26, sequence: 3 },
      { issuerCode: '西城强执告', year: 2026, sequence: 0 },
      { issuerCode: '西城强执告', year: 2026, sequence: 1.5 },
      { issuerCode: '', year: 2026, sequence: 1 },
      { issuerCode: 'XC', year: 2026, sequence: 1 },
    ]) {
      expect(() => formatDocumentNumber(parts), JSON.stringify(parts)).toThrow(RangeError);
    }
  });

  it('parses back what it formats, and what people type with other brackets', () => {
    for (const parts of [
      { issuerCode: '西城强执告', year: 2026, sequence: 3 },
      { issuerCode: '临江征执公', year: 2025, sequence: 1 },
      { issuerCode: '临江强执告', year: 2027, sequence: 999 },
    ]) {
      expect(parseDocumentNumber(formatDocumentNumber(parts))).toEqual(parts);
    }
    expect(parseDocumentNumber('西城强执告[2026]3号')).toEqual({ issuerCode: '西城强执告', year: 2026, sequence: 3 });
    expect(parseDocumentNumber('西城强执告〔2026〕03号')).toBeNull();
    expect(parseDocumentNumber('西城强执告〔2026〕第3号')).toBeNull();
  });

  it('gives the next sequence after the highest taken, voided numbers included', () => {
    expect(nextSequence([], '西城强执告', 2026)).toBe(1);
    expect(nextSequence(used('西城强执告', 2026, 1, 2, 3), '西城强执告', 2026)).toBe(4);
    expect(nextSequence([...used('西城强执告', 2026, 1), { issuerCode: '西城强执告', year: 2026, sequence: 2, voidReason: '打印错误作废' }], '西城强执告', 2026)).toBe(3);
    expect(nextDocumentNumber(used('西城强执告', 2026, 1, 2), '西城强执告', 2026)).toBe('西城强执告〔2026〕3号');
  });

  it('never hands out a number already taken', () => {
    const register: UsedDocumentNumber[] = [];
    for (let i = 0; i < 50; i++) register.push({ issuerCode: '临江强执告', year: 2026, sequence: nextSequence(register, '临江强执告', 2026) });
    expect(new Set(register.map((n) => n.sequence)).size).toBe(50);
  });

  it('keeps a separate sequence per issuer and per year', () => {
    const register = [...used('西城强执告', 2026, 1, 2, 3), ...used('西城强执公', 2026, 1), ...used('西城强执告', 2025, 1, 2, 3, 4, 5, 6, 7)];
    expect(nextSequence(register, '西城强执告', 2026)).toBe(4);
    expect(nextSequence(register, '西城强执公', 2026)).toBe(2);
    expect(nextSequence(register, '西城强执告', 2025)).toBe(8);
    expect(nextSequence(register, '西城强执告', 2027)).toBe(1);
    expect(numberingGaps(register, '西城强执公', 2026)).toEqual([]);
  });

  it('lists the missing sequences, each of which needs a recorded reason', () => {
    const register = used('西城强执告', 2026, 1, 4, 7);
    expect(numberingGaps(register, '西城强执告', 2026)).toEqual([2, 3, 5, 6]);
    const explained = [...register, { issuerCode: '西城强执告', year: 2026, sequence: 2, voidReason: '文书内容有误，未发出' }];
    expect(numberingGaps(explained, '西城强执告', 2026)).toEqual([3, 5, 6]);
    expect(numberingGaps(register, '西城强执告', 2025)).toEqual([]);
  });
});
