// Pure. The log a backup holds, as its documents read it (现场笔录, 情况报告, the printed head):
// the format-1 entries, then each station's signed format-2 entries seen as LogEntries (named
// by the roster), in the merged order the app shows. An operation recorded by stations alone
// has no format-1 log, and its documents must still show its day.
import type { OperationBackup } from '../archive/backup';
import { parseEntry } from '../stations/entry';
import type { StationEntry } from '../stations/types';
import type { LogEntry } from './types';
import { mergedLog } from './view';

export function backupLog(backup: Pick<OperationBackup, 'operation' | 'logEntries' | 'stationEntries'>): LogEntry[] {
  const op = backup.operation.id;
  const held = (backup.logEntries as unknown as LogEntry[]).filter((e) => e.operationId === op);
  const known = new Set(held.map((e) => e.hash));
  const signed = (backup.stationEntries ?? []).flatMap((value): StationEntry[] => {
    const parsed = parseEntry(value);
    return parsed.ok && parsed.entry.op === op && !known.has(parsed.entry.hash) ? [parsed.entry] : [];
  });
  return mergedLog(op, held, signed);
}
