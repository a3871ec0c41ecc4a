// Pure. The built-in 示例行动 as a backup file's records, built with the same function the
// app's 载入示例行动 uses (demoOperationRecords) but with ids and time from the caller, so the
// same arguments always give the same file.
import { APP_NAME } from '../app/identity';
import { demoOperationRecords } from '../operation/acts';
import type { IsoInstant } from '../operation/types';
import { buildBackup, type OperationBackup } from './backup';

export interface DemoBackupOptions {
  /** When the demo is created and exported, ISO with +08:00; its date is "today" for validation. */
  now: IsoInstant;
  appVersion: string;
  /** Prefix of every id: `${prefix}-operation`, `${prefix}-subject-1`, `${prefix}-0001`, … */
  idPrefix?: string;
}

export function buildDemoBackup({ now, appVersion, idPrefix = 'demo' }: DemoBackupOptions): OperationBackup {
  let n = 0;
  const newId = () => `${idPrefix}-${String(++n).padStart(4, '0')}`;
  const records = demoOperationRecords(`${idPrefix}-operation`, newId, now, (i) => `${idPrefix}-subject-${i + 1}`);

  return buildBackup(
    {
      ...records,
      preparatoryMeetings: [],
      plans: [],
      documents: [],
      services: [],
      postings: [],
      logEntries: [],
      media: [],
      inventoryItems: [],
      inventoryRooms: [],
      inventoryAttendance: [],
      tasks: [],
    },
    { exportedAt: now, app: { name: APP_NAME, version: appVersion } },
  );
}
