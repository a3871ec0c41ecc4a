// The court report lists the command changes (issue 16 item 2): every 指挥调整 entry of the
// log, with its time, who made it and its place in the log; the report says so when there were none.
import { describe, expect, it } from 'vitest';
import type { OperationBackup } from '../../shared/archive/backup';
import { courtReportData } from '../../shared/documents/courtReport';
import { backupChainHead } from '../../shared/documents/registry';
import { appendEntry } from '../../shared/log/append';
import type { LogEntry } from '../../shared/log/types';
import { archivableBackup } from '../fixtures/archive/archivable';
import { onSiteLog } from '../fixtures/documents/onSiteLog';

const AT = '2026-12-08T14:00:00.000+08:00';

describe('command changes in the court report', () => {
  it('lists each 指挥调整 entry in the log’s order, and only those', () => {
    const archived = archivableBackup(0);
    const op = archived.operation.id;
    const entries = onSiteLog(op);
    const base = { ...archived, logEntries: [...entries] } as unknown as OperationBackup;
    const add = (category: LogEntry['category'], text: string, at: string, operator = '陈志远') =>
      entries.push(appendEntry(entries.at(-1), { operationId: op, operator, group: '', category, text, data: { before: '甲', after: '乙' } }, new Date(at)));
    add('command', '副指挥由刘振华改为韩冰', '2026-12-08T16:00:00.000+08:00');
    add('edit', '修改人员马晓东的资料：职务', '2026-12-08T16:05:00.000+08:00');
    add('command', '现场执行指挥由陈志远移交韩冰', '2026-12-08T16:10:00.000+08:00');
    const backup = { ...base, logEntries: entries } as unknown as OperationBackup;
    const data = courtReportData(backup, backupChainHead(backup), AT);
    expect(data.commandChanges).toEqual([
      `2026年12月8日 16时00分 副指挥由刘振华改为韩冰（陈志远，执行日志第${entries.length - 2}条）`,
      `2026年12月8日 16时10分 现场执行指挥由陈志远移交韩冰（陈志远，执行日志第${entries.length}条）`,
    ]);
    expect(courtReportData(base, backupChainHead(base), AT).commandChanges).toEqual([]);
  });
});
