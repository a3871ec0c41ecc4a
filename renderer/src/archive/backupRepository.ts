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
} from '../../../shared/archive/backup';
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
    const entries = await (await openStore(db, operationId)).entries();
    if (entries.length > 0) contents.stationEntries = entries as unknown as Record<string, unknown>[];
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
 */
export async function importOperationBackup(db: ConsoleDb, text: string): Promise<string> {
  const parsed = readBackupForImport(text);
  if (!parsed.ok) throw new BackupImportError(parsed.errors);
  const contents = backupContents(parsed.backup);
  const { operation } = contents;

  try {
    await db.transaction('rw', [db.operations, ...tablesOf(db)], async () => {
      const existing = await db.operations.get(operation.id);
      if (existing) {
        throw new BackupImportError([
          `本机已有该行动（${existing.courtRuling.number || existing.propertyAddress || existing.id}），不能重复导入，本机数据未作任何改动`,
        ]);
      }
      await db.operations.add(operation);
      for (const name of backupTableNames) {
        const records = contents[name] as object[];
        if (records.length > 0) await db.table(name).bulkAdd(records);
      }
    });
  } catch (error) {
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
  return operation.id;
}
