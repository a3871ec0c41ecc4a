// Pure. What the 《强制执行情况报告》 to the court prints, read from an operation's backup: the
// 《现场笔录》's reading of the log (persons present, corrected timeline, stop grounds) is
// reused, and only the key entries of the day are kept, not every note.
import type { OperationBackup } from '../../archive/backup';
import { mediaLabel } from '../../evidence/media';
import type { MediaRecord } from '../../evidence/types';
import { destinationText, listsByDestination, totalsText } from '../../inventory/inventory';
import type { ChainHead, LogEntry } from '../../log/types';
import { issuableKindTitles, type DocumentRecord } from '../records';
import { onSiteRecordData } from '../onSiteRecord';
import { chinaDateOf, orUnset, rosterLine } from '../plan/printData';

export interface CourtReportData {
  isDemo: boolean;
  /** The ruling's court, to which the report is addressed. */
  court: string;
  subjects: string;
  basis: string;
  time: string;
  place: string;
  organiser: string;
  /** 单位, 职责. */
  units: string[][];
  /** 工作组, 组长. */
  groups: string[][];
  /** Notary and supervision present, one line each. */
  attendance: string[];
  /** 时间, 经过: phases, stops and resumptions with their ground, incidents. */
  process: string[][];
  escorted: string[];
  /** 去向, 物品. */
  inventory: string[][];
  demolition: string[];
  incidents: string[];
  /** 名称, SHA-256. */
  attachments: string[][];
  head: ChainHead;
  entryCount: number;
  /** What the QR code holds: the log's head hash and entry count. */
  qrText: string;
  /** Phases on a time axis: label and minutes since the first. */
  chart: { label: string; at: string; minutes: number }[];
  date: string;
  printedAt: string;
}

const KEY_CATEGORIES = new Set(['phase', 'suspension', 'resumption', 'incident']);
const phaseOf = (e: LogEntry) => (e.category === 'phase' ? String(e.data?.['phase'] ?? '') : '');
/** The note after 带离现场：, 拆除完成： etc. */
const noteOf = (e: LogEntry) => e.text.split('：').slice(1).join('：').trim() || e.text;

/** What the QR code holds, in ASCII so any reader decodes it: the log's length and head. */
export const courtReportQrText = (head: ChainHead, count: number): string => `log entries=${count} head seq=${head.seq} sha256=${head.hash}`;

export function courtReportData(backup: OperationBackup, head: ChainHead, printedAt: string): CourtReportData {
  const { operation } = backup;
  const entries = (backup.logEntries as unknown as LogEntry[]).filter((e) => e.operationId === operation.id).sort((a, b) => a.seq - b.seq);
  const attendanceRecord = backup.inventoryAttendance.find((a) => a.operationId === operation.id);
  const record = onSiteRecordData({
    operation,
    subjects: backup.subjects,
    memberUnits: backup.memberUnits,
    people: backup.people,
    groups: backup.workingGroups,
    entries,
    inventoryAttendance: attendanceRecord,
    printedAt,
  });
  const bySeq = new Map(entries.map((e) => [e.seq, e]));
  // The record's timeline already carries the corrections and the stop grounds in words.
  const process = record.timeline
    .filter((row) => KEY_CATEGORIES.has(bySeq.get(Number(row[0]))?.category ?? ''))
    .map((row) => [row[1]!, row[3]!]);
  const inWindow = new Set(record.timeline.map((row) => Number(row[0])));
  const key = entries.filter((e) => inWindow.has(e.seq));
  const roster = { people: backup.people, memberUnits: backup.memberUnits };

  const attendance: string[] = [];
  if (attendanceRecord) {
    if (attendanceRecord.notaryNames.length > 0) attendance.push(`公证：${attendanceRecord.notaryInstitution}公证员${attendanceRecord.notaryNames.join('、')}到场`);
    for (const w of attendanceRecord.witnesses) attendance.push(`见证：${w.name}（${w.unit}）`);
  }

  const textRow = (e: LogEntry) => `${e.occurredAt.slice(11, 16)} ${e.text}`;
  const first = key.find((e) => e.category === 'phase');
  const documents = (backup.documents as unknown as DocumentRecord[]).filter((d) => d.status === 'issued' && d.sha256);
  const media = backup.media as unknown as MediaRecord[];
  const ruling = operation.courtRuling;
  return {
    isDemo: operation.isDemo,
    court: orUnset(ruling.court),
    subjects: record.subjects,
    basis: record.basis,
    time: record.time,
    place: record.place,
    organiser: record.organiser,
    units: backup.memberUnits.map((u) => [u.name, u.role]),
    groups: [...backup.workingGroups]
      .sort((a, b) => a.position - b.position)
      .map((g) => {
        const leader = g.leaderId ? rosterLine(roster, g.leaderId) : undefined;
        return [g.name, leader ? `${leader.name}（${leader.unit}${leader.post}）` : '未指定'];
      }),
    attendance,
    process,
    escorted: key.filter((e) => phaseOf(e) === 'escort').map(noteOf),
    inventory: listsByDestination(backup.inventoryItems, backup.inventoryRooms).map((list) => [destinationText(list.destination), totalsText(list)]),
    demolition: key.filter((e) => ['demolitionStart', 'demolitionDone', 'complete'].includes(phaseOf(e))).map(textRow),
    incidents: key.filter((e) => e.category === 'incident').map(textRow),
    attachments: [
      ...documents.map((d) => [`《${issuableKindTitles[d.kind]}》${d.number ?? ''}`, d.sha256!]),
      ...media.map((m) => [mediaLabel(m), m.sha256]),
    ],
    head,
    entryCount: entries.length,
    qrText: courtReportQrText(head, entries.length),
    chart: key
      .filter((e) => e.category === 'phase')
      .map((e) => ({
        label: e.text.split('：')[0]!,
        at: e.occurredAt.slice(11, 16),
        minutes: (Date.parse(e.occurredAt) - Date.parse(first!.occurredAt)) / 60000,
      })),
    date: chinaDateOf(printedAt),
    printedAt,
  };
}
