// Pure. What the 《强制执行情况报告》 to the court prints, read from an operation's backup: the
// 《现场笔录》's reading of the log (persons present, corrected timeline, stop grounds) is
// reused, and only the key entries of the day are kept, not every note.
import type { OperationBackup } from '../../archive/backup';
import { commandChanges } from '../../commandPost/commandChanges';
import { mediaLabel } from '../../evidence/media';
import type { MediaRecord } from '../../evidence/types';
import { destinationText, listsByDestination, totalsText } from '../../inventory/inventory';
import type { ChainHead, LogEntry } from '../../log/types';
import { mergedLog } from '../../log/view';
import type { StationEntry } from '../../stations/types';
import { formatChineseDate } from '../../operation/formats';
import { formatYuan } from '../../operation/particulars';
import { issuingBodyName, type Operation } from '../../operation/types';
import type { Plan } from '../../plan/types';
import { serviceMethodLabels } from '../notice/proofOfService';
import { announcementPeriod, subjectPeriods } from '../periods';
import { issuableKindTitles, type DocumentRecord, type PostingRecord, type ServiceRecord } from '../records';
import { onSiteRecordData } from '../onSiteRecord';
import { chinaDateOf, formatChineseDateTime, orUnset, rosterLine } from '../plan/printData';

export interface CourtReportData {
  isDemo: boolean;
  /** Set when issued, e.g. 临江强执报〔2026〕1号; '' on a draft. */
  documentNumber: string;
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
  /** 其他需要说明的情况: only what the staff write, one paragraph each. */
  remarks: string[];
  /** 被执行人, 送达方式, 送达日期, 自行履行期限届满: the 告知书's service per subject. */
  service: string[][];
  /** The 公告's posting and period, one line. */
  posting: string[];
  /** Every 情况紧急 override of the night/rest-day rule, with its reason (read from the log, not editable). */
  overrides: string[];
  /** Every 指挥调整 (commander, deputy, leaders, members), read from the log, not editable. */
  commandChanges: string[];
  /** 执行费用 and who bears it (行政强制法第六十条). */
  costs: string[];
  /** The organising body named on the operation: the report is signed in its name, never the 临时指挥部's. */
  issuer: string;
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

/**
 * The wording staff may edit before issue. The tables (units, groups, inventory), the
 * attachments and the log head are always read from the records when the PDF is made,
 * so an edit can never make them disagree with the log.
 */
export const courtReportTextKeys = [
  'court',
  'subjects',
  'basis',
  'time',
  'place',
  'organiser',
  'attendance',
  'process',
  'escorted',
  'demolition',
  'incidents',
  'costs',
  'remarks',
] as const satisfies readonly (keyof CourtReportData)[];

export type CourtReportText = Pick<CourtReportData, (typeof courtReportTextKeys)[number]> & {
  documentNumber: string;
  /** YYYY-MM-DD, set when issued. */
  issuedOn: string;
};

/** The editable wording of freshly generated report data, as a new draft stores it. */
export function courtReportText(data: CourtReportData): CourtReportText {
  const text = Object.fromEntries(courtReportTextKeys.map((key) => [key, data[key]])) as Pick<CourtReportData, (typeof courtReportTextKeys)[number]>;
  return { ...text, documentNumber: '', issuedOn: '' };
}

/** Generated data with a draft's wording laid over it; the date is the issue date once there is one. */
export function withCourtReportText(data: CourtReportData, text: CourtReportText): CourtReportData {
  // A draft stored before a key existed keeps the generated value for it.
  const edited = Object.fromEntries(courtReportTextKeys.flatMap((key) => (text[key] === undefined ? [] : [[key, text[key]]])));
  return { ...data, ...edited, documentNumber: text.documentNumber, date: text.issuedOn || data.date };
}

/** One line per entry of the process table in the editor: 时间｜经过. */
export const processLine = (row: readonly string[]): string => `${row[0] ?? ''}｜${row[1] ?? ''}`;

/** Lines as the editor holds them back to rows; a line without ｜ (or |) is all 经过. Blank lines drop. */
export function parseProcessLines(text: string): string[][] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => {
      const at = line.search(/[｜|]/);
      return at < 0 ? ['', line] : [line.slice(0, at).trim(), line.slice(at + 1).trim()];
    });
}

/** Paragraph lines from a text area: one per line, blank lines dropped. */
export const parseLines = (text: string): string[] =>
  text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);

/** What must be filled in before the report can be issued, in words for the user. */
export function courtReportProblems(text: CourtReportText): string[] {
  const problems: string[] = [];
  const unset = (v: string) => !v.trim() || v.includes('未填写');
  if (unset(text.court)) problems.push('请填写报送的人民法院');
  if (unset(text.subjects)) problems.push('请填写被执行人');
  if (unset(text.basis)) problems.push('请填写执行依据（裁定书文号和征收补偿决定文号）');
  if (unset(text.place)) problems.push('请填写执行地点');
  if (text.process.length === 0) problems.push('执行过程为空：请先在现场指挥记录执行经过，或在报告中填写');
  if (!text.costs || text.costs.length === 0 || text.costs.some((line) => line.includes('未记录'))) {
    problems.push('请记录执行费用的金额和承担人（《中华人民共和国行政强制法》第六十条）');
  }
  return problems;
}

const KEY_CATEGORIES = new Set(['phase', 'suspension', 'resumption', 'termination', 'incident']);
const phaseOf = (e: LogEntry) => (e.category === 'phase' ? String(e.data?.['phase'] ?? '') : '');
/** The note after 带离现场：, 拆除完成： etc. */
const noteOf = (e: LogEntry) => e.text.split('：').slice(1).join('：').trim() || e.text;

/** What the QR code holds, in ASCII so any reader decodes it: the log's length and head. */
export const courtReportQrText = (head: ChainHead, count: number): string => `log entries=${count} head seq=${head.seq} sha256=${head.hash}`;

/** The window rules an override set aside, by their codes (shared/calendar WindowProblemCode). */
const overriddenLabels: Record<string, string> = {
  night: '夜间',
  statutoryHoliday: '法定节假日',
  holidayBreak: '节假日放假期间',
  weekend: '星期六、星期日',
};

/**
 * Every use of the 情况紧急 exception (行政强制法第四十三条): the start entries the commander
 * logged with data.emergency, their reason and the rules set aside, and the reason the final
 * plan recorded for its window.
 */
export function emergencyOverrides(entries: readonly LogEntry[], finalPlan: Pick<Plan, 'version' | 'content'> | undefined): string[] {
  const lines: string[] = [];
  const reason = finalPlan?.content.emergencyReason.trim();
  if (finalPlan && reason) lines.push(`定稿预案第${finalPlan.version}版载明的紧急情况：${reason}`);
  for (const e of entries) {
    if (e.category !== 'phase' || e.data?.['phase'] !== 'start' || e.data?.['emergency'] !== true) continue;
    const codes = String(e.data['overridden'] ?? '')
      .split(',')
      .map((c) => c.trim())
      .filter(Boolean);
    const what = codes.length > 0 ? `，越过：${codes.map((c) => overriddenLabels[c] ?? c).join('、')}` : '';
    lines.push(`${formatChineseDateTime(e.occurredAt)} 宣布开始执行时援引情况紧急例外（${e.operator}）${what}；理由：${String(e.data['emergencyReason'] ?? '未记录')}（执行日志第${e.seq}条）`);
  }
  return lines;
}

/** The costs as the report states them. */
export function costsLines(operation: Pick<Operation, 'costs'>): string[] {
  const c = operation.costs;
  if (!c) return ['执行费用未记录。'];
  return [`本次强制执行费用共计人民币${formatYuan(c.amount)}，由${c.bearer}承担（《中华人民共和国行政强制法》第六十条）。`, ...(c.note.trim() ? [c.note.trim()] : [])];
}

export function courtReportData(backup: OperationBackup, head: ChainHead, printedAt: string): CourtReportData {
  const { operation } = backup;
  const entries = mergedLog(operation.id, backup.logEntries as unknown as LogEntry[], (backup.stationEntries ?? []) as unknown as StationEntry[]);
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
  // An earlier report is not an attachment of its own correction.
  const documents = (backup.documents as unknown as DocumentRecord[]).filter((d) => d.status === 'issued' && d.sha256 && d.kind !== 'courtReport');
  const media = backup.media as unknown as MediaRecord[];
  const ruling = operation.courtRuling;
  const allDocuments = backup.documents as unknown as DocumentRecord[];
  const services = backup.services as unknown as ServiceRecord[];
  const subjects = [...backup.subjects].sort((a, b) => a.position - b.position);
  const periods = subjectPeriods({ subjects, documents: allDocuments, services });
  const posting = announcementPeriod({ documents: allDocuments, postings: backup.postings as unknown as PostingRecord[] });
  const finalPlan = backup.plans.filter((p) => p.status === 'final').sort((a, b) => b.version - a.version)[0];
  return {
    isDemo: operation.isDemo,
    documentNumber: '',
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
    remarks: [],
    service: periods.map((p) => [
      p.name,
      p.method ? serviceMethodLabels[p.method] : '未送达',
      p.servedOn ? formatChineseDate(p.servedOn) : '—',
      p.periodEndsOn ? formatChineseDate(p.periodEndsOn) : '—',
    ]),
    posting: posting.postedOn
      ? [`强制执行公告于${formatChineseDate(posting.postedOn)}张贴${posting.endsOn ? `，搬离期限至${formatChineseDate(posting.endsOn)}届满` : ''}。`]
      : ['强制执行公告未记录张贴。'],
    overrides: emergencyOverrides(entries, finalPlan),
    commandChanges: commandChanges(entries).map((c) => `${formatChineseDateTime(c.occurredAt)} ${c.text}（${c.operator}，执行日志第${c.seq}条）`),
    costs: costsLines(operation),
    issuer: orUnset(issuingBodyName(operation)),
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
