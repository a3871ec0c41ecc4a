// DOM. The whole local database, in one file. Versions are only ever appended: a
// released version is never edited, because users' databases were created with it.
// tests/unit/db.test.ts opens each version and checks what upgrades keep.
import Dexie, { type EntityTable } from 'dexie';
import type { IsoInstant, Operation, Subject } from '../../../shared/operation/types';

/** Records that belong to one operation (一户一档: everything hangs off the operation). */
interface OperationScoped {
  id: string;
  operationId: string;
}

// The records below are filled in by later capabilities; only their indexed fields are
// fixed here, because the indexes are part of the stored schema.
export interface HouseholdMemberRecord extends OperationScoped { subjectId: string; name: string }
export interface MemberUnitRecord extends OperationScoped { name: string }
export interface PersonRecord extends OperationScoped { memberUnitId: string; name: string }
export interface WorkingGroupRecord extends OperationScoped { code: string; name: string }
export interface PlanRecord extends OperationScoped { version: number }
export interface PreparatoryMeetingRecord extends OperationScoped { date: string }
export interface DocumentRecord extends OperationScoped { kind: string; number: string }
export interface ServiceRecord extends OperationScoped { documentId: string }
export interface PostingRecord extends OperationScoped { documentId: string }
/** Append-only, hash-chained; keyed by operation and sequence so there are no gaps to hide in. */
export interface LogEntryRecord { operationId: string; seq: number; recordedAt: IsoInstant; hash: string }
export interface MediaRecord extends OperationScoped { sha256: string }
export interface InventoryItemRecord extends OperationScoped { tag: string }
export interface TaskRecord extends OperationScoped { groupId: string }
/** Unsaved form input, kept so a reload or crash loses nothing. */
export interface DraftRecord { key: string; value: unknown; savedAt: IsoInstant }

export type ConsoleDb = Dexie & {
  operations: EntityTable<Operation, 'id'>;
  subjects: EntityTable<Subject, 'id'>;
  householdMembers: EntityTable<HouseholdMemberRecord, 'id'>;
  memberUnits: EntityTable<MemberUnitRecord, 'id'>;
  people: EntityTable<PersonRecord, 'id'>;
  workingGroups: EntityTable<WorkingGroupRecord, 'id'>;
  plans: EntityTable<PlanRecord, 'id'>;
  preparatoryMeetings: EntityTable<PreparatoryMeetingRecord, 'id'>;
  documents: EntityTable<DocumentRecord, 'id'>;
  services: EntityTable<ServiceRecord, 'id'>;
  postings: EntityTable<PostingRecord, 'id'>;
  logEntries: Dexie.Table<LogEntryRecord, [string, number]>;
  media: EntityTable<MediaRecord, 'id'>;
  inventoryItems: EntityTable<InventoryItemRecord, 'id'>;
  tasks: EntityTable<TaskRecord, 'id'>;
  drafts: EntityTable<DraftRecord, 'key'>;
};

export const DB_NAME = 'enforcement-console';

/** Version 1: the first released schema. Never edit; append `db.version(2)` below. */
export const schemaV1 = {
  operations: 'id, status, updatedAt',
  subjects: 'id, operationId',
  householdMembers: 'id, operationId, subjectId',
  memberUnits: 'id, operationId',
  people: 'id, operationId, memberUnitId',
  workingGroups: 'id, operationId, [operationId+code]',
  plans: 'id, operationId, &[operationId+version]',
  preparatoryMeetings: 'id, operationId',
  documents: 'id, operationId, kind, &number',
  services: 'id, operationId, documentId',
  postings: 'id, operationId, documentId',
  logEntries: '[operationId+seq], operationId, recordedAt, hash',
  media: 'id, operationId, sha256',
  inventoryItems: 'id, operationId, [operationId+tag]',
  tasks: 'id, operationId, groupId',
  drafts: 'key',
} as const;

export function openConsoleDb(name = DB_NAME): ConsoleDb {
  const db = new Dexie(name) as ConsoleDb;
  db.version(1).stores(schemaV1);
  return db;
}

export const db = openConsoleDb();
