// DOM. The whole local database, in one file. Versions are only ever appended: a
// released version is never edited, because users' databases were created with it.
// tests/unit/db.test.ts opens each version and checks what upgrades keep.
import Dexie, { type EntityTable } from 'dexie';
import type { MemberUnit, Person, WorkingGroup } from '../../../shared/commandPost/types';
import type { DocumentRecord, PostingRecord, ServiceRecord } from '../../../shared/documents/records';
import type { LogEntry } from '../../../shared/log/types';
import type { MediaRecord } from '../../../shared/evidence/types';
import type { InventoryAttendanceRecord, InventoryItemRecord, InventoryRoomRecord } from '../../../shared/inventory/types';
import type { HouseholdMember, IsoInstant, Operation, Subject } from '../../../shared/operation/types';
import type { Plan, PreparatoryMeeting } from '../../../shared/plan/types';
import type { TaskRecord } from '../../../shared/report/aftercare';
import type { AttemptState, PinHash } from '../../../shared/operators/pin';

/** Unsaved form input, kept so a reload or crash loses nothing. */
export interface DraftRecord { key: string; value: unknown; savedAt: IsoInstant }
/** App-wide settings (e.g. official holiday schedules loaded from a file), validated on read. */
export interface SettingRecord { key: string; value: unknown; savedAt: IsoInstant }

/**
 * A person's sign-in for one operation: their PIN only as a salted slow hash, and the wrong
 * tries that lock them out. Never in backups or archives. Who is deputy is on the operation.
 */
export interface OperatorRecord extends AttemptState {
  operationId: string;
  personId: string;
  pin: PinHash;
  createdAt: IsoInstant;
}

/**
 * A format-2 entry as the app shows it (the Dexie mirror of the stations' store, written in
 * the same transaction as the records it projects), with its place in the merged order.
 * The signed entry itself stays in the station's PouchDB store (renderer/src/stations).
 */
export interface MirroredEntry extends LogEntry {
  writer: string;
  hlc: { ms: number; c: number };
  /** shared/log/order.ts orderKey: sorts as the merged timeline. */
  order: string;
}

/** Per projected record: the merged-order key of the entry that wrote it last (later entries win, earlier ones arriving late do not). */
export interface RecordMark {
  table: string;
  id: string;
  operationId: string;
  order: string;
}

/** An entry received and not projected, kept with the reason (shown in the workspace, kept for the record). */
export interface RefusedEntry {
  hash: string;
  operationId: string;
  writer: string;
  seq: number;
  reason: string;
  /** When this station refused it. */
  at: IsoInstant;
}

/** This station's own settings (its display name…), validated on read; never replicated. */
export interface StationSetting { key: string; value: unknown }

/** An operation this station holds a store of entries for, registered before its first entry is stored. */
export interface StationStoreRecord { operationId: string; createdAt: IsoInstant }

export type ConsoleDb = Dexie & {
  operations: EntityTable<Operation, 'id'>;
  subjects: EntityTable<Subject, 'id'>;
  householdMembers: EntityTable<HouseholdMember, 'id'>;
  memberUnits: EntityTable<MemberUnit, 'id'>;
  people: EntityTable<Person, 'id'>;
  workingGroups: EntityTable<WorkingGroup, 'id'>;
  plans: EntityTable<Plan, 'id'>;
  preparatoryMeetings: EntityTable<PreparatoryMeeting, 'id'>;
  documents: EntityTable<DocumentRecord, 'id'>;
  services: EntityTable<ServiceRecord, 'id'>;
  postings: EntityTable<PostingRecord, 'id'>;
  /** Append-only, hash-chained; keyed by operation and sequence so there are no gaps to hide in. */
  logEntries: Dexie.Table<LogEntry, [string, number]>;
  media: EntityTable<MediaRecord, 'id'>;
  inventoryItems: EntityTable<InventoryItemRecord, 'id'>;
  inventoryRooms: EntityTable<InventoryRoomRecord, 'id'>;
  inventoryAttendance: EntityTable<InventoryAttendanceRecord, 'id'>;
  tasks: EntityTable<TaskRecord, 'id'>;
  drafts: EntityTable<DraftRecord, 'key'>;
  settings: EntityTable<SettingRecord, 'key'>;
  operators: Dexie.Table<OperatorRecord, [string, string]>;
  stationEntries: Dexie.Table<MirroredEntry, string>;
  recordMarks: Dexie.Table<RecordMark, [string, string]>;
  refusedEntries: Dexie.Table<RefusedEntry, string>;
  stationSettings: EntityTable<StationSetting, 'key'>;
  stationStores: EntityTable<StationStoreRecord, 'operationId'>;
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

/** Version 2: app-wide settings. */
export const schemaV2 = { settings: 'key' } as const;

/** Version 3: the inventory's rooms and who attended the count (notary, witnesses). */
export const schemaV3 = { inventoryRooms: 'id, operationId', inventoryAttendance: 'id, operationId' } as const;

/** Version 4: operators' PINs and lockouts, per operation and person. Purely additive. */
export const schemaV4 = { operators: '[operationId+personId], operationId' } as const;

/**
 * Version 5: no new table. Operations written before the ruling's scope was recorded get
 * scope 'relocation' (the narrower reading: demolition needs a ruling that says so).
 */
export const schemaV5 = {} as const;

/**
 * Version 6: several stations (issue 15). The signed entries live in each operation's
 * PouchDB store; Dexie keeps what the app reads: the mirror of those entries in merged order
 * (and by writer and seq), each projected record's order mark, the entries refused on
 * arrival, this station's settings, and the operations it holds a store for. Additive.
 */
export const schemaV6 = {
  stationEntries: 'hash, [operationId+order], [operationId+writer+seq], operationId',
  recordMarks: '[table+id], operationId',
  refusedEntries: 'hash, operationId',
  stationSettings: 'key',
  stationStores: 'operationId',
} as const;

export function openConsoleDb(name = DB_NAME): ConsoleDb {
  // 'strict': Chromium flushes each committed transaction to disk before reporting success,
  // so an entry the UI has acknowledged survives power loss, not only a killed process.
  const db = new Dexie(name, { chromeTransactionDurability: 'strict' }) as ConsoleDb;
  db.version(1).stores(schemaV1);
  db.version(2).stores(schemaV2);
  db.version(3).stores(schemaV3);
  db.version(4).stores(schemaV4);
  db.version(5)
    .stores(schemaV5)
    .upgrade((tx) =>
      tx
        .table<Operation, string>('operations')
        .toCollection()
        .modify((operation) => {
          operation.courtRuling.scope ??= 'relocation';
        }),
    );
  db.version(6).stores(schemaV6);
  return db;
}

export const db = openConsoleDb();
