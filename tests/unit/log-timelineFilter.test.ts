import { describe, expect, it } from 'vitest';
import { appendEntry, type LogInput } from '../../shared/log/append';
import { correctedView } from '../../shared/log/corrections';
import type { LogEntry } from '../../shared/log/types';
import { emptyFilter, filterItems, shortTime } from '../../renderer/src/log/timeline';

const T0 = Date.parse('2026-03-05T09:00:00.000+08:00');

function build(inputs: Array<Partial<LogInput>>): LogEntry[] {
  const out: LogEntry[] = [];
  inputs.forEach((input, i) =>
    out.push(appendEntry(out[i - 1], { operationId: 'op', operator: '林涛', group: '', category: 'note', text: `记录${i + 1}`, ...input }, new Date(T0 + i * 60_000))),
  );
  return out;
}

describe('timeline filter', () => {
  const items = correctedView(
    build([
      { group: 'security', text: '警戒到位', category: 'phase' },
      { group: 'evidence', text: '张某到岗', category: 'checkIn' },
      { category: 'correction', text: '王某到岗', refs: { corrects: 2 } },
      { group: 'security', text: '围观群众十余人', operator: '赵刚' },
    ]),
  );

  it('no criteria: everything, same array', () => {
    expect(filterItems(items, emptyFilter)).toBe(items);
  });

  it('by group, category, time range, and search over current text, history, operator and seq', () => {
    const seqs = (f: Partial<typeof emptyFilter> & { from?: number; to?: number }) => filterItems(items, { ...emptyFilter, ...f }).map((i) => i.entry.seq);
    expect(seqs({ groups: ['security'] })).toEqual([1, 4]);
    expect(seqs({ categories: ['checkIn'] })).toEqual([2]);
    expect(seqs({ from: T0 + 60_000, to: T0 + 60_000 })).toEqual([2]);
    expect(seqs({ search: '王某' })).toEqual([2]);
    expect(seqs({ search: '张某' })).toEqual([2]);
    expect(seqs({ search: '赵刚' })).toEqual([4]);
    expect(seqs({ search: '4' })).toEqual([4]);
    expect(seqs({ groups: ['security'], search: '警戒' })).toEqual([1]);
  });

  it('times show the date only when it is another day', () => {
    expect(shortTime('2026-03-05T09:30:05.000+08:00', '2026-03-05T20:00:00.000+08:00')).toBe('09:30:05');
    expect(shortTime('2026-03-04T09:30:05.000+08:00', '2026-03-05T20:00:00.000+08:00')).toBe('03-04 09:30:05');
  });
});
