// Node (vitest). log.jsonl checked as it inflates (streamedLog.ts): lines split across any
// chunk boundaries, the chain verified run by run with the links between runs, a line over
// its cap refused before it is whole.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LineSplitter, LogBroken, StreamedLog } from '../../shared/archive/streamedLog';
import { ZipProblem } from '../../shared/archive/zipReader';
import { appendEntry } from '../../shared/log/append';
import type { LogEntry } from '../../shared/log/types';

const OPERATION = 'op-streamed';
const entries: LogEntry[] = [];
for (let i = 0; i < 2500; i++) {
  entries.push(appendEntry(entries.at(-1), { operationId: OPERATION, operator: '张记录', category: 'note', text: `第 ${i + 1} 条` }, new Date(Date.parse('2026-12-08T09:00:00+08:00') + i * 1000)));
}
const jsonl = (list: readonly LogEntry[]) => new TextEncoder().encode(list.map((e) => `${JSON.stringify(e)}\n`).join(''));

/** Pushes `bytes` in pieces cut at `cuts` (offsets, any order). */
function feed(log: { push(chunk: Uint8Array): void }, bytes: Uint8Array, cuts: number[]): void {
  const at = [0, ...[...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b), bytes.length];
  for (let i = 1; i < at.length; i++) log.push(bytes.subarray(at[i - 1]!, at[i]!));
}

describe('StreamedLog', () => {
  it('gives the count, the head and the hashes asked for, however the bytes are cut', () => {
    const bytes = jsonl(entries);
    fc.assert(
      fc.property(fc.array(fc.nat(), { maxLength: 40 }), (cuts) => {
        const seen: number[] = [];
        const log = new StreamedLog(OPERATION, new Set([1, 1000, 1001, 2500]), (e) => seen.push(e.seq));
        feed(log, bytes, cuts);
        const result = log.end();
        expect(result.count).toBe(2500);
        expect(result.head).toEqual({ seq: 2500, hash: entries[2499]!.hash });
        expect([...result.hashes.entries()].sort((a, b) => a[0] - b[0])).toEqual([1, 1000, 1001, 2500].map((s) => [s, entries[s - 1]!.hash]));
        expect(seen).toEqual(entries.map((e) => e.seq));
      }),
      { numRuns: 50 },
    );
  });

  it('an empty log has no head; a last line without its newline still counts', () => {
    expect(new StreamedLog(OPERATION, new Set()).end()).toEqual({ count: 0, head: null, hashes: new Map() });
    const log = new StreamedLog(OPERATION, new Set());
    log.push(jsonl(entries.slice(0, 3)).subarray(0, -1));
    expect(log.end().count).toBe(3);
  });

  it('an entry changed, removed or swapped, also at the link between two runs, is named with its run', () => {
    const changed = entries.map((e) => (e.seq === 1500 ? { ...e, text: '改过' } : e));
    const removed = entries.filter((e) => e.seq !== 1001);
    const swapped = entries.map((e, i) => (i === 999 ? entries[1000]! : i === 1000 ? entries[999]! : e));
    for (const [list, range] of [
      [changed, '第 1000 条至第 2000 条'],
      [removed, '第 1000 条至第 2000 条'],
      [swapped, '第 1 条至第 1000 条'],
    ] as const) {
      const log = new StreamedLog(OPERATION, new Set());
      expect(() => (log.push(jsonl(list)), log.end())).toThrow(range);
    }
    const foreign = new StreamedLog('another-operation', new Set());
    expect(() => (foreign.push(jsonl(entries)), foreign.end())).toThrow(LogBroken);
  });

  it('a line that is not a JSON object is named by its number', () => {
    const log = new StreamedLog(OPERATION, new Set());
    expect(() => log.push(new TextEncoder().encode(`${JSON.stringify(entries[0])}\n[1,2]\n`))).toThrow('第 2 行不是有效的日志记录（JSON），已被改动（违反规则：日志是完整的哈希链）');
  });
});

describe('LineSplitter', () => {
  it('refuses a line over its cap as soon as the cap is passed, before the line ends', () => {
    const lines: number[] = [];
    const splitter = new LineSplitter((line) => lines.push(line.length), 10);
    splitter.push(new TextEncoder().encode('0123456789\nabc'));
    expect(() => splitter.push(new TextEncoder().encode('defghijk'))).toThrow(ZipProblem);
    expect(() => splitter.push(new TextEncoder().encode('x'))).toThrow('第 2 行超过 10 字节');
    expect(lines).toEqual([10]);
  });
});
