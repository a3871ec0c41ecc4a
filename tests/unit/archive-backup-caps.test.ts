// Node (vitest). The size caps of a backup file (issue 16, point 5): a 50 MB string, a photo
// over 64 MB, a list of a million items inside a record, nesting beyond 32 levels. Each is
// refused at import with its place and rule named, before anything is written.
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { BACKUP_SIZE_LIMITS, backupSizeProblems, parseBackup, serialiseBackup } from '../../shared/archive/backup';
import { BackupImportError, importOperationBackup } from '../../renderer/src/archive/backupRepository';
import { openConsoleDb, type ConsoleDb } from '../../renderer/src/data/db';
import { archivableBackup } from '../fixtures/archive/archivable';

const valid = serialiseBackup(archivableBackup());
const parsed = () => JSON.parse(valid) as Record<string, unknown> & { subjects: Record<string, unknown>[]; inventoryItems: unknown[]; operation: Record<string, unknown> };
const errorsOf = (raw: unknown) => {
  const result = parseBackup(JSON.stringify(raw));
  return result.ok ? [] : result.errors;
};

const opened: ConsoleDb[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((db) => db.delete()));
});

describe('backup size caps', () => {
  it('the untouched backup passes them', () => {
    expect(backupSizeProblems(JSON.parse(valid))).toEqual([]);
    expect(parseBackup(valid).ok).toBe(true);
  });

  it('a 50 MB string in a record is refused, naming the record, the field and the rule', () => {
    const raw = parsed();
    raw.subjects[0]!.name = 'A'.repeat(50 * 1024 * 1024);
    expect(errorsOf(raw)).toEqual([`被执行人第 1 条「demo-subject-1」（name）：文字长 ${50 * 1024 * 1024} 字，超过上限 1000000 字（违反规则：备份中一段文字不超过 100 万字）`]);
  });

  it('a key of 2 MB, bytes over 64 MB, a list of 20 000 items and 40 levels of nesting are each named', () => {
    const raw = parsed();
    raw.operation['B'.repeat(2_000_000)] = 1;
    raw.subjects[0]!.address = { $bytes: 'A'.repeat(BACKUP_SIZE_LIMITS.base64Chars + 4) };
    raw.subjects[0]!.phone = Array.from({ length: 20_000 }, () => 1);
    let deep: unknown = 'x';
    for (let i = 0; i < 40; i++) deep = [deep];
    raw.subjects[0]!.idNumber = deep;
    expect(errorsOf(raw)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^行动：字段名长 2000000 字，超过上限 1000000 字（违反规则：备份中一段文字不超过 100 万字）$/),
        expect.stringMatching(/^被执行人第 1 条「demo-subject-1」（address）：字节数据约 64 MB，超过上限（违反规则：备份中一份文件（照片、PDF）不超过 64 MB）$/),
        '被执行人第 1 条「demo-subject-1」（phone）：列表有 20000 项，超过上限 10000 项（违反规则：记录中的一个列表不超过 10000 项）',
        '被执行人第 1 条「demo-subject-1」：嵌套超过 32 层（违反规则：嵌套不超过 32 层）',
      ]),
    );
  });

  it('the tables themselves are bounded by the record count, not by the list cap', () => {
    const raw = parsed();
    raw.inventoryItems = Array.from({ length: 10_001 }, () => ({}));
    expect(backupSizeProblems(raw)).toEqual([]);
  });

  it('importing a backup with a 50 MB string says why and writes nothing', async () => {
    const db = openConsoleDb('backup-caps');
    opened.push(db);
    const raw = parsed();
    raw.subjects[0]!.name = 'A'.repeat(50 * 1024 * 1024);
    const attempt = importOperationBackup(db, JSON.stringify(raw));
    await expect(attempt).rejects.toBeInstanceOf(BackupImportError);
    await expect(attempt).rejects.toThrow('违反规则：备份中一段文字不超过 100 万字');
    expect(await db.operations.count()).toBe(0);
    expect(await db.subjects.count()).toBe(0);
  });
});
