import { describe, expect, it } from 'vitest';
import { onSiteRecordData } from '../../shared/documents/onSiteRecord';
import { appendEntry, type LogInput } from '../../shared/log/append';
import type { LogEntry } from '../../shared/log/types';
import { onSiteRecordSource } from '../fixtures/documents/onSiteLog';

// The 现场笔录 (and the court report, which reuses its timeline) reads every stop through
// stopGroundText: 停止 on the seed's grounds, 中止 on §39, 终结 on §40.
function day(operationId: string): LogEntry[] {
  const inputs: Omit<LogInput, 'operationId' | 'operator'>[] = [
    { category: 'phase', text: '宣布开始执行', data: { phase: 'start' } },
    { category: 'suspension', text: '楼体出现裂缝', data: { ground: 'art39-3' } },
    { category: 'resumption', text: '已加固' },
    { category: 'suspension', text: '旧日志的停止', data: { ground: 3 } },
    { category: 'termination', text: '（2026）滨0103行审45号裁定已被撤销', data: { ground: 'art40-4' } },
  ];
  const out: LogEntry[] = [];
  const t0 = Date.parse('2026-12-08T09:00:00+08:00');
  inputs.forEach((x, i) => out.push(appendEntry(out[i - 1], { operationId, operator: '陈志远', ...x }, new Date(t0 + i * 60_000))));
  return out;
}

describe('stops in the 现场笔录', () => {
  it('prints each stop with its act and its ground in words, and the termination among them', () => {
    const data = onSiteRecordData(onSiteRecordSource(day));
    expect(data.suspensions).toEqual([
      '2026年12月8日 9时01分，中止执行（《中华人民共和国行政强制法》第三十九条第一款第（三）项（参照适用）：执行可能造成难以弥补的损失，且中止执行不损害公共利益的）。理由：楼体出现裂缝。',
      '2026年12月8日 9时02分，恢复执行：已加固。',
      '2026年12月8日 9时03分，停止执行（情形三：强制执行实施前，出现其他可能对安全和社会稳定产生重大影响的情形）。理由：旧日志的停止。',
      '2026年12月8日 9时04分，终结执行（《中华人民共和国行政强制法》第四十条第（四）项（参照适用）：据以执行的行政决定被撤销的）。理由：（2026）滨0103行审45号裁定已被撤销。',
    ]);
    expect(data.timeline.at(-1)![3]).toMatch(/^终结执行（《中华人民共和国行政强制法》第四十条第（四）项/);
  });
});
