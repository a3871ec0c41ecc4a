// Pure. The five-day written report to the court (brief §4, step 13): its deadline and countdown,
// running from the day 宣布执行完毕 was logged.
import { chinaDate } from '../calendar/chinaTime';
import { computeDeadline, COURT_REPORT_DAYS, deadlineStatus, type DeadlineMode } from '../calendar/deadlines';
import type { LogEntry } from '../log/types';
import { onSiteState } from '../onSite/state';

export interface CourtReportStatus {
  /** China-time day of the 宣布执行完毕 entry. */
  completedOn: string;
  deadline: string;
  /** Calendar days from today to the deadline: 0 on the last day, negative when overdue. */
  daysLeft: number;
  level: 'ok' | 'lastDay' | 'overdue';
  message: string;
  basis: string;
}

const levels = { running: 'ok', lastDay: 'lastDay', passed: 'overdue' } as const;

/**
 * null until completion is logged (or when the operation ended otherwise). `entries` may be the
 * whole log or only its phase entries: completion is read the way the console reads it.
 */
export function courtReportStatus(entries: readonly LogEntry[], nowIso: string, mode: DeadlineMode = 'calendar'): CourtReportStatus | null {
  const status = onSiteState(entries).status;
  if (status.kind !== 'completed') return null;
  const completedOn = chinaDate(new Date(status.at));
  const { deadline, basis } = computeDeadline(completedOn, COURT_REPORT_DAYS, mode);
  const countdown = deadlineStatus(deadline, nowIso, '书面报告法院期限');
  return { completedOn, deadline, daysLeft: countdown.daysLeft, level: levels[countdown.state], message: countdown.message, basis };
}
