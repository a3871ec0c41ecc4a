import { describe, expect, it } from 'vitest';
import { appendEntry, type LogInput } from '../../shared/log/append';
import type { LogEntry } from '../../shared/log/types';
import { phaseText, type PhaseCode } from '../../shared/onSite/phases';
import { courtReportStatus } from '../../shared/report/deadline';

type Step = Omit<LogInput, 'operationId' | 'operator'>;
const phase = (p: PhaseCode): Step => ({ category: 'phase', text: phaseText(p), data: { phase: p } });

/** Entries at the given China-time instants. */
function log(...steps: [string, Step][]): LogEntry[] {
  const out: LogEntry[] = [];
  for (const [at, step] of steps) out.push(appendEntry(out.at(-1), { operationId: 'op', operator: '陈志远', ...step, occurredAt: at }, new Date(at)));
  return out;
}

// 2026-03-05 is a Thursday: day 5 is Tuesday 03-10, a working day.
const completedThursday = log(['2026-03-05T08:00:00.000+08:00', phase('start')], ['2026-03-05T23:30:00.000+08:00', phase('complete')]);

describe('courtReportStatus', () => {
  it('null before completion, and when the operation ended on ground 1 instead', () => {
    expect(courtReportStatus([], '2026-03-05T10:00:00+08:00')).toBeNull();
    expect(courtReportStatus(completedThursday.slice(0, 1), '2026-03-05T10:00:00+08:00')).toBeNull();
    const terminated = log(['2026-03-05T08:00:00.000+08:00', { category: 'suspension', text: '已自行搬离', data: { ground: 1 } }]);
    expect(courtReportStatus(terminated, '2026-03-05T10:00:00+08:00')).toBeNull();
  });

  it('counts from the China-time day of 宣布执行完毕 (a late-evening completion is that day), not counting it', () => {
    const s = courtReportStatus(completedThursday, '2026-03-06T09:00:00+08:00')!;
    expect(s).toMatchObject({ completedOn: '2026-03-05', deadline: '2026-03-10', daysLeft: 4, level: 'ok' });
    expect(s.message).toBe('距书面报告法院期限届满还有 4 天（2026年3月10日）');
    expect(s.basis).toContain('第八十五条');
  });

  it('warns on the last day and is overdue from 00:00 Beijing time the day after', () => {
    expect(courtReportStatus(completedThursday, '2026-03-10T23:59:00+08:00')).toMatchObject({ level: 'lastDay', daysLeft: 0 });
    expect(courtReportStatus(completedThursday, '2026-03-10T16:00:00Z')).toMatchObject({ level: 'overdue', daysLeft: -1 });
  });

  it('a day 5 on a Saturday moves to Monday; workingDays counts working days', () => {
    const monday = log(['2026-03-02T09:00:00.000+08:00', phase('start')], ['2026-03-02T15:00:00.000+08:00', phase('complete')]);
    expect(courtReportStatus(monday, '2026-03-02T16:00:00+08:00')!.deadline).toBe('2026-03-09');
    expect(courtReportStatus(completedThursday, '2026-03-06T09:00:00+08:00', 'workingDays')!.deadline).toBe('2026-03-12');
  });

  it('the completion entry alone (what the operations list reads) gives the same answer as the whole log', () => {
    const now = '2026-03-07T12:00:00+08:00';
    expect(courtReportStatus(completedThursday.slice(-1), now)).toEqual(courtReportStatus(completedThursday, now));
  });

  it('rejects a now without a time zone, in Chinese', () => {
    expect(() => courtReportStatus(completedThursday, '2026-03-06T09:00')).toThrow(/当前时间/);
  });
});
