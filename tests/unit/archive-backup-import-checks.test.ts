// Node (vitest, fake-indexeddb). Safe backup import (issue 16, point 7): a file whose records
// lack a required field, carry an unsafe id or a 50 MB string, name records that are not
// there, break the format-1 chain, carry a tampered format-2 entry or a PDF that is not the
// one recorded is refused with the table, the record and the field named, and nothing is
// written; the app's own backups still import.
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { serialiseBackup, type OperationBackup } from '../../shared/archive/backup';
import { backupIntegrityProblems, readBackupForImport } from '../../shared/archive/backupChecks';
import { buildDemoBackup } from '../../shared/archive/demoBackup';
import { BackupImportError, importOperationBackup } from '../../renderer/src/archive/backupRepository';
import { openConsoleDb, type ConsoleDb } from '../../renderer/src/data/db';
import { archivableBackup } from '../fixtures/archive/archivable';
import { serviceOf } from '../fixtures/legalDocuments';
import { stationsOperation } from '../fixtures/archive/stationsOperation';

type Raw = Record<string, unknown> & Record<string, Record<string, unknown>[]>;
/** The committed backup with a 5-entry chain and an issued 告知书 (PDF, SHA-256, printed head), as JSON. */
const raw = (backup: OperationBackup = archivableBackup()) => JSON.parse(serialiseBackup(backup)) as Raw;
const refusal = (file: Raw): string[] => {
  const result = readBackupForImport(JSON.stringify(file));
  if (result.ok) throw new Error('expected the file to be refused');
  return result.errors;
};
const notice = (file: Raw) => file.documents!.find((d) => d.id === 'notice-3')!;

const opened: ConsoleDb[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((db) => db.delete()));
});

describe('a backup the app wrote passes every import check', () => {
  it('the committed backup with its chain and issued PDF, and the 示例行动 backup', () => {
    expect(readBackupForImport(serialiseBackup(archivableBackup())).ok).toBe(true);
    const demo = buildDemoBackup({ now: '2026-11-23T10:00:00.000+08:00', appVersion: '1.0.0' });
    expect(backupIntegrityProblems(demo)).toEqual([]);
  });

  it('a document frozen before the log’s first entry prints head 0', () => {
    const file = raw();
    notice(file).chainHead = { seq: 0, hash: '0'.repeat(64) };
    expect(readBackupForImport(JSON.stringify(file)).ok).toBe(true);
  });

  it('a backup carrying several stations’ signed entries', async () => {
    const { backup } = await stationsOperation({ rounds: 2 });
    expect(backup.stationEntries!.length).toBeGreaterThan(10);
    expect(readBackupForImport(serialiseBackup(backup)).ok).toBe(true);
  });
});

describe('each kind of problem is refused with the record and field named', () => {
  it('documents without createdAt (the blank-window file of the issue)', () => {
    const file = raw();
    for (const d of file.documents!) delete d.createdAt;
    expect(refusal(file)).toEqual(['文书第 1 条「demo-doc-1」（createdAt）：缺少此项', '文书第 2 条「notice-3」（createdAt）：缺少此项']);
  });

  it('an id that walks out of a folder, in a record and as the operation’s id', () => {
    const file = raw();
    file.documents![0]!.id = '../../../tmp/evil';
    expect(refusal(file)).toEqual([
      '文书第 1 条「../../../tmp/evil」（id）：编号 "../../../tmp/evil" 不可用（记录编号只能由字母、数字、连字符、下划线和冒号组成，以字母或数字开头，不超过 128 个字符）',
    ]);
    const renamed = JSON.parse(JSON.stringify(raw()).replaceAll('"demo-operation"', '"..\\\\evil"')) as Raw;
    expect(refusal(renamed)).toContain('行动（id）：编号 "..\\\\evil" 不可用（行动编号只能由字母、数字和连字符组成，不超过 64 个字符）');
  });

  it('a 50 MB string', () => {
    const file = raw();
    notice(file).issuerCode = '长'.repeat(50 * 1024 * 1024);
    expect(refusal(file)).toEqual([
      `文书第 2 条「notice-3」（issuerCode）：文字长 ${50 * 1024 * 1024} 字，超过上限 1000000 字（违反规则：备份中一段文字不超过 100 万字）`,
    ]);
  });

  it('references to records that are not in the file', () => {
    const file = raw();
    const service = { ...serviceOf({ id: 'notice-3', operationId: 'demo-operation' }, 'demo-subject-1', { id: 'service-1' }) };
    file.services = [service];
    expect(readBackupForImport(JSON.stringify(file)).ok).toBe(true);
    file.services = [{ ...service, documentId: 'no-such-document', subjectId: 'nobody' }];
    file.householdMembers![0]!.subjectId = 'nobody';
    expect(refusal(file)).toEqual([
      `家庭成员第 1 条「${file.householdMembers![0]!.id as string}」（subjectId）：所指的被执行人 "nobody" 在备份中不存在`,
      '送达记录第 1 条「service-1」（documentId）：所指的文书 "no-such-document" 在备份中不存在',
      '送达记录第 1 条「service-1」（subjectId）：所指的被执行人 "nobody" 在备份中不存在',
    ]);
  });

  it('a broken format-1 chain: an entry edited after it was hashed', () => {
    const file = raw();
    file.logEntries![1]!.text = '改过的内容';
    expect(refusal(file)).toEqual(['执行日志第 2 条「序号 2」（hash）：日志链校验未通过：第 2 条记录的内容与其哈希值不符，记录已被改动']);
  });

  it('a format-1 chain cut before the head an issued document prints', () => {
    const file = raw();
    file.logEntries = file.logEntries!.slice(0, 2);
    expect(refusal(file)).toEqual(['文书第 2 条「notice-3」（chainHead）：文书所印日志链头（第 3 条）不在备份的执行日志中该位置']);
  });

  it('a tampered format-2 station entry', async () => {
    const { backup } = await stationsOperation({ rounds: 2 });
    const file = raw(backup);
    const entries = file.stationEntries!;
    const note = entries.find((e) => e.category === 'note')!;
    note.text = '事后改写的记录';
    const errors = refusal(file);
    expect(errors).toEqual([expect.stringMatching(new RegExp(`^多站执行日志（stationEntries）：工作站.*第 ${note.seq as number} 条记录的内容与其哈希值不符，记录已被改动$`))]);
  });

  it('a PDF that is not the one whose SHA-256 was recorded', () => {
    const file = raw();
    notice(file).pdf = { $bytes: Buffer.from('%PDF-1.4\n% 另一份告知书\n%%EOF\n').toString('base64') };
    expect(refusal(file)).toEqual(['文书第 2 条「notice-3」（pdf）：PDF 与记载的 SHA-256 不符，文件已被改动']);
    delete notice(file).sha256;
    expect(refusal(file)).toEqual(['文书第 2 条「notice-3」（sha256）：保存了 PDF 却没有记载其 SHA-256，无法核对']);
  });

  it('lists at most 20 lines, the last saying how many problems there are', () => {
    const file = raw();
    for (const p of file.people!) p.memberUnitId = 'gone';
    const errors = refusal(file);
    expect(errors).toHaveLength(20);
    expect(errors[0]).toMatch(/^人员第 1 条「[^」]+」（memberUnitId）：所指的成员单位 "gone" 在备份中不存在$/);
    expect(errors[19]).toBe(`……等共 ${file.people!.length} 处问题（只列出前 19 处）`);
  });
});

describe('importing a refused backup writes nothing', () => {
  it('the two documents without createdAt: refused with both named, the database unchanged; the intact file then imports', async () => {
    const db = openConsoleDb('import-checks');
    opened.push(db);
    const file = raw();
    for (const d of file.documents!) delete d.createdAt;
    const error = await importOperationBackup(db, JSON.stringify(file)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BackupImportError);
    expect((error as BackupImportError).errors).toEqual(['文书第 1 条「demo-doc-1」（createdAt）：缺少此项', '文书第 2 条「notice-3」（createdAt）：缺少此项']);
    for (const table of db.tables) expect(await table.count(), table.name).toBe(0);

    expect(await importOperationBackup(db, serialiseBackup(archivableBackup()))).toBe('demo-operation');
    expect(await db.documents.count()).toBe(2);
    expect(await db.logEntries.count()).toBe(5);
  });
});
