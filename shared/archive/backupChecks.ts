// Pure. What a backup's records must agree on before an import writes any of them (issue 16,
// point 7): parseBackup has already read every record against its table's schema and the
// size caps; here, each id against the safe pattern, each reference against the records it
// names, the format-1 log chain, the format-2 stations' entries, and each frozen PDF against
// its recorded SHA-256. A file that fails any of them is refused with every problem named
// (table, record, field), so a hand-made or tampered file cannot leave a half-valid
// operation behind: the app's own export of its own data always passes.
import { verifyChain } from '../log/verify';
import { ZERO_HASH, type ChainHead, type LogEntry } from '../log/types';
import { entryFiles } from './stationFiles';
import { verifyStations } from '../stations/chains';
import { sha256Hex } from '../stations/canonical';
import { backupTableLabels, backupTableNames, cappedErrors, parseBackup, recordName, type BackupTable, type OperationBackup, type ParseResult } from './backup';
import { OPERATION_ID, OPERATION_ID_RULE, RECORD_ID, RECORD_ID_RULE } from './ids';

type Rec = Record<string, unknown>;
/** The records of one table as plain objects, with how messages name each one. */
const recordsOf = (backup: OperationBackup, table: BackupTable) => backup[table] as readonly Rec[];
const where = (table: BackupTable, index: number, record: Rec, field?: string) =>
  `${recordName(backupTableLabels[table], index, record)}${field ? `（${field}）` : ''}`;
const shown = (v: unknown) => JSON.stringify(typeof v === 'string' && v.length > 40 ? `${v.slice(0, 40)}…` : v);

/** Every id against OPERATION_ID / RECORD_ID. Log entries are keyed by seq and have none. */
function idProblems(backup: OperationBackup): string[] {
  const problems: string[] = [];
  if (!OPERATION_ID.test(backup.operation.id)) problems.push(`行动（id）：编号 ${shown(backup.operation.id)} 不可用（${OPERATION_ID_RULE}）`);
  for (const table of backupTableNames) {
    recordsOf(backup, table).forEach((r, i) => {
      if (typeof r.id === 'string' && !RECORD_ID.test(r.id)) problems.push(`${where(table, i, r, 'id')}：编号 ${shown(r.id)} 不可用（${RECORD_ID_RULE}）`);
    });
  }
  return problems;
}

/**
 * A field that names a record of another table. Only references the app keeps whole are
 * checked: deleting a subject, a unit, a person or a document is refused or cleans them up.
 * (Log entries keep naming what was later deleted: the log is never rewritten.)
 */
interface Reference {
  table: BackupTable | 'operation';
  field: string;
  target: BackupTable;
  /** The ids the field names; '' and absent name none. */
  ids: (record: Rec) => unknown[];
}
const one = (field: string) => (r: Rec) => [r[field]];
const references: Reference[] = [
  { table: 'operation', field: 'onSiteCommanderId', target: 'people', ids: one('onSiteCommanderId') },
  { table: 'operation', field: 'deputyCommanderId', target: 'people', ids: one('deputyCommanderId') },
  { table: 'householdMembers', field: 'subjectId', target: 'subjects', ids: one('subjectId') },
  { table: 'people', field: 'memberUnitId', target: 'memberUnits', ids: one('memberUnitId') },
  { table: 'workingGroups', field: 'leaderId', target: 'people', ids: one('leaderId') },
  { table: 'workingGroups', field: 'memberIds', target: 'people', ids: (r) => (Array.isArray(r.memberIds) ? r.memberIds : []) },
  { table: 'documents', field: 'replacesId', target: 'documents', ids: one('replacesId') },
  { table: 'services', field: 'documentId', target: 'documents', ids: one('documentId') },
  { table: 'services', field: 'subjectId', target: 'subjects', ids: one('subjectId') },
  { table: 'postings', field: 'documentId', target: 'documents', ids: one('documentId') },
  { table: 'inventoryItems', field: 'roomId', target: 'inventoryRooms', ids: one('roomId') },
];

function referenceProblems(backup: OperationBackup): string[] {
  const problems: string[] = [];
  const ids = new Map<BackupTable, Set<unknown>>();
  const idsOf = (table: BackupTable) => ids.get(table) ?? ids.set(table, new Set(recordsOf(backup, table).map((r) => r.id))).get(table)!;
  for (const ref of references) {
    const records = ref.table === 'operation' ? [backup.operation as unknown as Rec] : recordsOf(backup, ref.table);
    records.forEach((record, i) => {
      for (const id of ref.ids(record)) {
        if (id === undefined || id === '' || idsOf(ref.target).has(id)) continue;
        const place = ref.table === 'operation' ? `行动（${ref.field}）` : where(ref.table, i, record, ref.field);
        problems.push(`${place}：所指的${backupTableLabels[ref.target]} ${shown(id)} 在备份中不存在`);
      }
    });
  }
  return problems;
}

/** The format-1 chain as verifyChain checks it, and each issued document's printed head in it. */
function chainProblems(backup: OperationBackup): string[] {
  const entries = [...(backup.logEntries as LogEntry[])].sort((a, b) => a.seq - b.seq);
  const verdict = verifyChain(entries, backup.operation.id);
  const problems: string[] = [];
  if (!verdict.ok) {
    const index = backup.logEntries.findIndex((e) => e.seq === verdict.seq);
    const place = index >= 0 ? where('logEntries', index, backup.logEntries[index] as Rec) : `执行日志第 ${verdict.seq} 条`;
    const field = verdict.reason === 'wrongLink' ? 'prevHash' : verdict.reason === 'changed' ? 'hash' : 'seq';
    problems.push(`${place}（${field}）：日志链校验未通过：${verdict.message}`);
  }
  const bySeq = new Map(entries.map((e) => [e.seq, e.hash]));
  recordsOf(backup, 'documents').forEach((d, i) => {
    const head = d.chainHead as ChainHead | undefined;
    if (!head || head.writer !== undefined || (head.seq === 0 && head.hash === ZERO_HASH)) return;
    if (bySeq.get(head.seq) !== head.hash) {
      problems.push(`${where('documents', i, d, 'chainHead')}：文书所印日志链头（第 ${head.seq} 条）不在备份的执行日志中该位置`);
    }
  });
  return problems;
}

/** The format-2 entries as verifyStations checks them (each writer's signed head vouches for its chain). */
function stationProblems(backup: OperationBackup): string[] {
  // The app's own export does not carry them yet (they stay in the station's store): a
  // document's station head is checked only against entries the file holds.
  const values = backup.stationEntries ?? [];
  if (values.length === 0) return [];
  const verdict = verifyStations(values, { op: backup.operation.id, signatures: 'heads' });
  const problems = verdict.problems.map((p) => `多站执行日志（stationEntries）：${p.message}`);
  (backup.stationFiles ?? []).forEach((f, i) => {
    if (sha256Hex(f.bytes) !== f.name) problems.push(`多站执行日志的附件（stationFiles 第 ${i + 1} 项）与其 SHA-256 名称不符，文件已被改动`);
  });
  // A file made before the entries' files travelled (no stationFiles) is imported without its
  // entries (renderer/src/archive/backupRepository.ts); one that carries them must be complete.
  if (backup.stationFiles?.length) problems.push(...entryFiles(backup).missing.map((m) => `多站执行日志（stationEntries）：${m}`));
  const held = new Set(verdict.entries.map((e) => `${e.writer}|${e.seq}|${e.hash}`));
  recordsOf(backup, 'documents').forEach((d, i) => {
    const head = d.chainHead as ChainHead | undefined;
    if (head?.writer && !held.has(`${head.writer}|${head.seq}|${head.hash}`)) {
      problems.push(`${where('documents', i, d, 'chainHead')}：文书所印日志链头（工作站 ${head.writer.slice(0, 8)} 第 ${head.seq} 条）不在备份的多站执行日志中`);
    }
  });
  return problems;
}

/** Each frozen PDF against the SHA-256 recorded when it was issued. */
function pdfProblems(backup: OperationBackup): string[] {
  const problems: string[] = [];
  recordsOf(backup, 'documents').forEach((d, i) => {
    if (!(d.pdf instanceof Uint8Array)) return;
    if (typeof d.sha256 !== 'string') problems.push(`${where('documents', i, d, 'sha256')}：保存了 PDF 却没有记载其 SHA-256，无法核对`);
    else if (sha256Hex(d.pdf) !== d.sha256) problems.push(`${where('documents', i, d, 'pdf')}：PDF 与记载的 SHA-256 不符，文件已被改动`);
  });
  return problems;
}

/** Every problem of a parsed backup's records among themselves; empty when it may be imported. */
export function backupIntegrityProblems(backup: OperationBackup): string[] {
  return [...idProblems(backup), ...referenceProblems(backup), ...chainProblems(backup), ...stationProblems(backup), ...pdfProblems(backup)];
}

/** Reads a backup file as an import must: parseBackup, then backupIntegrityProblems. */
export function readBackupForImport(text: string, limits?: Parameters<typeof parseBackup>[1]): ParseResult {
  const parsed = parseBackup(text, limits);
  if (!parsed.ok) return parsed;
  const problems = backupIntegrityProblems(parsed.backup);
  return problems.length > 0 ? { ok: false, errors: cappedErrors(problems) } : parsed;
}
