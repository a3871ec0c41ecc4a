// Pure. The command changes the court report lists (issue 16 item 2): every 指挥调整 entry of
// the log — commander designated or handed over, deputy, group leaders and members — in the
// log's order, with who made it and what it was before and after.
import type { LogEntry } from '../log/types';

export interface CommandChange {
  seq: number;
  occurredAt: string;
  operator: string;
  text: string;
  before: string;
  after: string;
}

/** `entries` in the order the log gives them (listLog's merged order); the report keeps it. */
export function commandChanges(entries: readonly LogEntry[]): CommandChange[] {
  return entries
    .filter((e) => e.category === 'command')
    .map((e) => ({
      seq: e.seq,
      occurredAt: e.occurredAt,
      operator: e.operator,
      text: e.text,
      before: String(e.data?.['before'] ?? ''),
      after: String(e.data?.['after'] ?? ''),
    }));
}
