// Pure. What one act of the console is, whoever makes it: the log entry that records it and
// the record changes it describes. Every capability decides an act with a pure function that
// returns an ActOutcome; the one write path (renderer/src/record/commit.ts) signs and stores
// the entry and applies the changes, and nothing else writes the records. Because the records
// are derived from the entries, they can be rebuilt from the log and checked against it.
import type { LogCategory, LogDataValue, LogRefs } from '../log/types';

/** The tables whose records are a projection of the log: every change to them comes from an entry. */
export const recordTables = [
  'operations',
  'subjects',
  'householdMembers',
  'memberUnits',
  'people',
  'workingGroups',
  'preparatoryMeetings',
  'plans',
  'documents',
  'services',
  'postings',
  'media',
  'inventoryItems',
  'inventoryRooms',
  'inventoryAttendance',
  'tasks',
] as const;
export type RecordTable = (typeof recordTables)[number];

/** A record as stored: every projected record has a string id. */
export interface StoredRecord {
  id: string;
  [field: string]: unknown;
}

/** One change an act makes to the records. A put carries the whole record as it is afterwards. */
export type RecordChange =
  | { table: RecordTable; op: 'put'; record: StoredRecord }
  | { table: RecordTable; op: 'delete'; id: string };

/** The log entry that records the act (who and when are added by the write path). */
export interface EntryContent {
  category: LogCategory;
  text: string;
  /** Working group code, or '' when not recorded by a group. */
  group?: string;
  refs?: LogRefs;
  data?: Record<string, LogDataValue>;
  /** When the user says it happened (ISO with offset); defaults to the time of writing. */
  occurredAt?: string;
}

/** What deciding an act yields: its entry, its record changes, and what the caller gets back. */
export interface ActOutcome<R = undefined> {
  entry: EntryContent;
  changes: RecordChange[];
  result: R;
}

export const put = <T extends object & { id: string }>(table: RecordTable, record: T): RecordChange => ({
  table,
  op: 'put',
  record: record as unknown as StoredRecord,
});

export const remove = (table: RecordTable, id: string): RecordChange => ({ table, op: 'delete', id });

/** The records of one operation held in memory, table by table, keyed by id. */
export type RecordSet = { [T in RecordTable]: Map<string, StoredRecord> };

export const emptyRecordSet = (): RecordSet =>
  Object.fromEntries(recordTables.map((table) => [table, new Map<string, StoredRecord>()])) as RecordSet;

/** Applies changes to records held in memory, in order (the demo and tests use this; the app applies them to its database). */
export function applyChanges(records: RecordSet, changes: readonly RecordChange[]): RecordSet {
  for (const change of changes) {
    if (change.op === 'put') records[change.table].set(change.record.id, change.record);
    else records[change.table].delete(change.id);
  }
  return records;
}
