// Pure. The built-in 示例行动 as a backup file's records, built with the same functions
// the app uses (validateNewOperation, buildOperation, buildDemoCommandPost) but with
// ids and time from the caller, so the same arguments always give the same file.
import { APP_NAME } from '../app/identity';
import { buildDemoCommandPost } from '../commandPost/demo';
import { demoOperationInput, demoParticularsInput } from '../operation/demo';
import { buildOperation, validateNewOperation } from '../operation/newOperation';
import { parseParticulars } from '../operation/particulars';
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
  const result = validateNewOperation(demoOperationInput, now.slice(0, 10));
  if (!result.ok) throw new Error(`示例数据无效：${Object.values(result.errors).join('；')}`);
  const operationId = `${idPrefix}-operation`;
  const subjectIds = result.values.subjects.map((_, i) => `${idPrefix}-subject-${i + 1}`);
  const { operation, subjects } = buildOperation(result.values, { operationId, subjectIds }, now, true);
  const particulars = parseParticulars(demoParticularsInput);
  if (!particulars.ok) throw new Error(`示例告知事项无效：${Object.values(particulars.errors).join('；')}`);

  let n = 0;
  const newId = () => `${idPrefix}-${String(++n).padStart(4, '0')}`;
  const demo = buildDemoCommandPost(operationId, subjectIds, newId);

  return buildBackup(
    {
      operation: { ...operation, ...demo.command, particulars: particulars.value },
      subjects: subjects.map((s) => ({ ...s, assessment: demo.assessments[s.id] ?? s.assessment })),
      householdMembers: demo.householdMembers,
      memberUnits: demo.memberUnits,
      people: demo.people,
      workingGroups: demo.workingGroups,
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
