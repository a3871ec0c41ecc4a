// DOM. Exporting one operation to a backup file and importing it back (一户一档):
// the export reads every table in one read transaction, so it is one consistent moment, and
// then the operation's signed entries (format 2) from the station's store;
// the import writes every table in one read-write transaction, so it is all or nothing.
import { APP_NAME } from '../../../shared/app/identity';
import { chinaInstant } from '../../../shared/calendar/chinaTime';
import {
  backupContents,
  backupTableNames,
  buildBackup,
  parseBackup,
  serialiseBackup,
  type BackupContents,
  type OperationBackup,
} from '../../../shared/archive/backup';
import { entryFiles, filesToCarry, recordBytes } from '../../../shared/archive/stationFiles';
import { recordTables } from '../../../shared/record/act';
import type { StationEntry } from '../../../shared/stations/types';
import { ready } from '../record/projection';
import { takeOver } from '../record/commit';
import type { Attachment } from '../stations/store';
import { readBackupForImport } from '../../../shared/archive/backupChecks';
import type { ConsoleDb } from '../data/db';
import { hasStore, openStore } from '../stations/local';

/** A file that cannot be imported, with every reason found (in Chinese, for the user). */
export class BackupImportError extends Error {
  constructor(readonly errors: string[]) {
    super(`无法导入备份：${errors.join('；')}`);
    this.name = 'BackupImportError';
  }
}

/** The operation's tables besides `operations`, in the backup's order. */
const tablesOf = (db: ConsoleDb) => backupTableNames.map((name) => db.table(name));

/** The operation and all its records as a backup file's text, refused when it would not read back. */
export async function exportOperationBackup(db: ConsoleDb, operationId: string, options: { now?: Date; appVersion?: string } = {}): Promise<string> {
  const { text, problems } = await exportKeepingDamage(db, operationId, options);
  // A backup that cannot be read back is worse than none: check it the way an import will.
  if (problems.length > 0) throw new Error(`导出的备份未通过校验，请联系维护人员：${problems.join('；')}`);
  return text;
}

/**
 * The user's own 导出备份 (also from a screen that failed): every record as it is, damaged ones
 * included, since a copy of what is there is the way to rescue it; the problems an import
 * would refuse come back so the user is told.
 */
export async function exportKeepingDamage(
  db: ConsoleDb,
  operationId: string,
  options: { now?: Date; appVersion?: string } = {},
): Promise<{ text: string; problems: string[] }> {
  const contents = await db.transaction('r', [db.operations, ...tablesOf(db)], async () => {
    const operation = await db.operations.get(operationId);
    if (!operation) throw new Error('找不到该行动，可能已被删除');
    const records: Record<string, unknown> = { operation };
    for (const name of backupTableNames) records[name] = await db.table(name).where('operationId').equals(operationId).toArray();
    return records as unknown as BackupContents;
  });
  // The signed entries (format 2), read after the records: every act the records show is among
  // them. Without them a backup would hold the records but not the log of the acts.
  if (await hasStore(db, operationId)) {
    const store = await openStore(db, operationId);
    const entries = await store.entries();
    if (entries.length > 0) {
      contents.stationEntries = entries as unknown as Record<string, unknown>[];
      const carried = new Map<string, Uint8Array>();
      // A file the store cannot give back leaves the backup without it: an import then takes
      // the records only, as from a file made before the entries' files travelled.
      for (const entry of entries) for (const f of entry.files?.length ? await store.files(entry).catch(() => []) : []) carried.set(f.name, f.bytes);
      const stationFiles = filesToCarry(contents.stationEntries, recordBytes(contents), (ref) => carried.get(ref.name));
      if (stationFiles.length > 0) contents.stationFiles = stationFiles;
    }
  }
  const text = serialiseBackup(
    buildBackup(contents, {
      exportedAt: chinaInstant(options.now ?? new Date()),
      app: { name: APP_NAME, version: options.appVersion ?? __APP_VERSION__ },
    }),
  );
  const check = parseBackup(text);
  return { text, problems: check.ok ? [] : check.errors };
}

/**
 * Validates a backup file (every record, id, reference, the log chains and the PDFs'
 * hashes) and writes it into the database; returns the operation's id.
 *
 * A file that carries the operation's signed entries with their files is imported as entries:
 * they are stored in this station's store first (the truth, as replication would deliver them),
 * the records are projected from them, and this station takes the operation over with a
 * genesis of its own unless it is on their roster (record/commit.ts takeOver). Only what the
 * entries do not hold (the format-1 log) is written straight. An older file, without the
 * entries' files, is imported as records; the first act then founds a new record with them
 * as its baseline.
 */
export async function importOperationBackup(db: ConsoleDb, text: string): Promise<string> {
  const parsed = readBackupForImport(text);
  if (!parsed.ok) throw new BackupImportError(parsed.errors);
  const contents = backupContents(parsed.backup);
  const { operation } = contents;
  const signed = signedEntries(parsed.backup);

  /** Writes the records but those of `skip` in one transaction; a dry run rolls them back. */
  const write = async (skip: ReadonlySet<string>, dryRun: boolean) => {
    try {
      await db.transaction('rw', [db.operations, ...tablesOf(db)], async () => {
        await refuseExisting(db, operation.id);
        if (!skip.has('operations')) await db.operations.add(operation);
        for (const name of backupTableNames) {
          const records = contents[name] as object[];
          if (records.length > 0 && !skip.has(name)) await db.table(name).bulkAdd(records);
        }
        if (dryRun) throw DRY_RUN;
      });
    } catch (error) {
      if (error === DRY_RUN) return;
      if (error instanceof BackupImportError) throw error;
      // Dexie rolled everything back; say so in words the user can act on.
      const name = error instanceof Error ? error.name : '';
      if (name === 'ConstraintError' || name === 'BulkError') {
        throw new BackupImportError([
          '备份中的记录与本机已有记录的编号或文书文号重复（可能是从本机其他行动复制而来），未导入任何内容',
        ]);
      }
      throw error;
    }
  };

  if (!signed) {
    await write(new Set(), false);
    return operation.id;
  }
  // Every record must fit (a document number taken here would stop the projection half-way):
  // tried first and rolled back, before anything is stored.
  await write(new Set(), true);
  if (await hasStore(db, operation.id)) throw new BackupImportError([`本机已有该行动的签名记录（${operation.id}），不能重复导入，本机数据未作任何改动`]);
  const store = await openStore(db, operation.id, true);
  const problems = await store.put(signed);
  if (problems.length > 0) {
    // Unregistered, the store is never opened: nothing of the file reaches the records.
    await db.stationStores.delete(operation.id);
    throw new BackupImportError(problems);
  }
  await write(new Set(recordTables), false);
  await ready(db, operation.id);
  if (!(await db.operations.get(operation.id))) {
    const refused = await db.refusedEntries.where('operationId').equals(operation.id).toArray();
    throw new BackupImportError([`签名记录已保存，但未能据以恢复行动资料：${refused.map((r) => r.reason).join('；') || '缺少行动记录'}`]);
  }
  await takeOver(db, operation.id);
  return operation.id;
}

async function refuseExisting(db: ConsoleDb, id: string): Promise<void> {
  const existing = await db.operations.get(id);
  if (existing) {
    throw new BackupImportError([`本机已有该行动（${existing.courtRuling.number || existing.propertyAddress || existing.id}），不能重复导入，本机数据未作任何改动`]);
  }
}

const DRY_RUN = new Error('dry run');

/** The file's signed entries with their attachments, when it carries them complete. */
function signedEntries(backup: OperationBackup): Array<{ entry: StationEntry; files: Attachment[] }> | null {
  const entries = backup.stationEntries ?? [];
  if (entries.length === 0) return null;
  const { files, missing } = entryFiles(backup);
  if (missing.length > 0) return null;
  return entries.map((entry, i) => ({ entry: entry as unknown as StationEntry, files: files[i]! }));
}
