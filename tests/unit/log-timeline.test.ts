import { describe, expect, it } from 'vitest';
import { appendEntry, type LogInput } from '../../shared/log/append';
import { correctedView } from '../../shared/log/corrections';
import type { LogEntry } from '../../shared/log/types';
import { clockFlags, verifyChain } from '../../shared/log/verify';

const OP = 'op-1';
const HOUR = 3_600_000;
const START = Date.parse('2026-03-05T09:00:00.000+08:00');

function build(steps: Array<{ at: number; input?: Partial<LogInput> }>): LogEntry[] {
  const out: LogEntry[] = [];
  steps.forEach((step, i) => {
    const input: LogInput = { operationId: OP, operator: '李四', group: '', category: 'note', text: `记录${i + 1}`, ...step.input };
    out.push(appendEntry(out[i - 1], input, new Date(step.at)));
  });
  return out;
}

describe('clock check', () => {
  it('flags a clock going backwards and a forward jump over 12 h, and still accepts the entries', () => {
    const entries = build([
      { at: START },
      { at: START + 60_000 },
      { at: START - 30 * 60_000 },
      { at: START },
      { at: START + 13 * HOUR },
      { at: START + 13 * HOUR + 1000 },
    ]);
    expect(verifyChain(entries, OP).ok).toBe(true);
    const flags = clockFlags(entries);
    expect(flags.map((f) => [f.seq, f.kind])).toEqual([
      [3, 'backwards'],
      [5, 'forwardJump'],
    ]);
    expect(flags[0]!.message).toContain('第 3 条');
    expect(flags[0]!.message).toContain('31 分钟');
    expect(flags[1]!.message).toContain('13 小时');
  });

  it('no flags for an ordinary day, equal timestamps, or exactly the threshold; threshold is configurable', () => {
    const entries = build([{ at: START }, { at: START }, { at: START + 12 * HOUR }, { at: START + 12 * HOUR + 2 * HOUR }]);
    expect(clockFlags(entries)).toEqual([]);
    expect(clockFlags(entries, HOUR).map((f) => f.seq)).toEqual([3, 4]);
    expect(clockFlags([])).toEqual([]);
  });
});

describe('corrections', () => {
  const entries = build([
    { at: START, input: { text: '拆除开始', category: 'phase' } },
    { at: START + 1000, input: { text: '张某到岗' } },
    { at: START + 2000, input: { category: 'correction', text: '王某到岗', refs: { corrects: 2 } } },
    { at: START + 3000, input: { category: 'correction', text: '王某某到岗', refs: { corrects: 3 } } },
    { at: START + 4000, input: { text: '清登开始' } },
    { at: START + 5000, input: { category: 'correction', text: '清登于 09:30 开始', refs: { corrects: 5 } } },
  ]);

  it('a correction is a new entry; the original stays in the chain unchanged', () => {
    expect(entries).toHaveLength(6);
    expect(entries[1]!.text).toBe('张某到岗');
    expect(verifyChain(entries, OP).ok).toBe(true);
  });

  it('the corrected view shows the latest correction as current and keeps the history', () => {
    const view = correctedView(entries);
    expect(view.map((v) => v.entry.seq)).toEqual([1, 2, 5]);
    expect(view[0]).toMatchObject({ currentText: '拆除开始', corrected: false, corrections: [] });
    expect(view[1]!.currentText).toBe('王某某到岗');
    expect(view[1]!.corrected).toBe(true);
    expect(view[1]!.entry.text).toBe('张某到岗');
    expect(view[1]!.corrections.map((c) => c.seq)).toEqual([3, 4]);
    expect(view[2]!.currentText).toBe('清登于 09:30 开始');
  });

  it('a correction whose target is missing is shown on its own, not hidden', () => {
    const view = correctedView(entries.filter((e) => e.seq !== 2));
    expect(view.map((v) => v.entry.seq)).toEqual([1, 3, 4, 5]);
    expect(view[1]!.entry.category).toBe('correction');
  });

  it('the order of the input does not matter', () => {
    expect(correctedView([...entries].reverse())).toEqual(correctedView(entries));
  });
});
