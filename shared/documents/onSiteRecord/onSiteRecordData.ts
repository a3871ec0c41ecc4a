// Pure. What the 《现场笔录》 prints, read from the operation's log the way shared/onSite/phases.ts
// records it: kept apart from the layout so it can be tested without rendering.
import { standardGroups } from '../../commandPost/defaultGroups';
import type { MemberUnit, Person, WorkingGroup } from '../../commandPost/types';
import { correctedView, type CorrectedItem } from '../../log/corrections';
import type { LogEntry } from '../../log/types';
import type { InventoryAttendanceRecord } from '../../inventory/types';
import { stopActLabel, stopGroundText } from '../../onSite/phases';
import { basisDocumentKindLabels, type IsoInstant, type Operation, type Subject } from '../../operation/types';
import { chinaDateOf, formatChineseDateTime, formatWindow, orUnset, rosterLine } from '../plan/printData';

/** Everything the record is generated from, gathered by the caller (app or backup). */
export interface OnSiteRecordSource {
  operation: Operation;
  subjects: Subject[];
  memberUnits: MemberUnit[];
  people: Person[];
  groups: WorkingGroup[];
  /** The operation's log, any order. */
  entries: LogEntry[];
  /** The notary and witnesses of the inventory, when recorded: they were present too. */
  inventoryAttendance?: InventoryAttendanceRecord | undefined;
  /** When the record is generated (ISO with +08:00): the end of the time while execution is still under way. */
  printedAt: IsoInstant;
}

export interface OnSiteRecordData {
  isDemo: boolean;
  /** 执行时间, e.g. 2026年12月8日 9时02分 至 11时47分. */
  time: string;
  place: string;
  basis: string;
  organiser: string;
  subjects: string;
  /** One signature line each. */
  subjectNames: string[];
  commander: string;
  /** 姓名, 单位, 职务, 到岗时间. */
  present: string[][];
  /** One line per stop or resumption, in order. */
  suspensions: string[];
  /** 序号, 时间, 工作组, 内容. */
  timeline: string[][];
  /** Which log entries the record covers, for the closing paragraph. */
  coverage: string;
  printedAt: IsoInstant;
}

/** Seconds after the system clock at which a stated time is printed as recorded later (补记). */
const LATE_ENTRY_MS = 5 * 60 * 1000;

const isPhase = (entry: LogEntry, code: string) => entry.category === 'phase' && entry.data?.['phase'] === code;

/** HH:mm, with the date in front when the entry is not on the day execution began. */
function clock(instant: IsoInstant, day: string): string {
  const date = chinaDateOf(instant);
  const hhmm = instant.slice(11, 16);
  return date === day ? hhmm : `${date.replace(/^\d+年/, '')} ${hhmm}`;
}

const groupName = (groups: WorkingGroup[], code: string): string => {
  if (!code) return '指挥部';
  const group = groups.find((g) => g.code === code);
  if (group) return group.name;
  return code in standardGroups ? standardGroups[code as keyof typeof standardGroups].name : code;
};

/** 停止执行（情形三：…）。理由：… — the act and its ground in words, so the paper stands on its own. */
const suspensionText = (entry: LogEntry, text: string): string => `${stopActLabel(entry)}（${stopGroundText(entry)}）。理由：${text}`;

/** A paragraph of the record ends with a full stop, whatever the log's text ended with. */
const withFullStop = (text: string): string => (/[。！？]$/.test(text) ? text : `${text}。`);

/** The printed text of one item: what was first recorded, then every correction, never replaced. */
function itemText(item: CorrectedItem): string {
  const { entry } = item;
  const own =
    entry.category === 'suspension' || entry.category === 'termination'
      ? suspensionText(entry, entry.text)
      : entry.category === 'resumption'
        ? `恢复执行：${entry.text}`
        : entry.category === 'correction'
          ? `更正第${entry.refs.corrects ?? '？'}条：${entry.text}`
          : entry.text;
  const late = Date.parse(entry.recordedAt) - Date.parse(entry.occurredAt) > LATE_ENTRY_MS;
  const note = late ? `（补记，${formatChineseDateTime(entry.recordedAt)}记录）` : '';
  return own + note + item.corrections.map((c) => `（第${c.seq}条更正：${c.text}）`).join('');
}

/**
 * The part of the log the record covers: from the first check-in or the declared start
 * (whichever comes first) to the declared completion, or to the last entry while the
 * execution is still under way. Entries before it are the preparation (plan, documents).
 */
function window(entries: LogEntry[]): { from: number; to: number; start?: LogEntry; complete?: LogEntry } | undefined {
  const first = entries.find((e) => e.category === 'checkIn' || isPhase(e, 'start'));
  if (!first) return undefined;
  const start = entries.find((e) => isPhase(e, 'start'));
  const complete = [...entries].reverse().find((e) => isPhase(e, 'complete'));
  const last = entries[entries.length - 1]!;
  return {
    from: first.seq,
    to: complete && complete.seq >= first.seq ? complete.seq : last.seq,
    ...(start ? { start } : {}),
    ...(complete ? { complete } : {}),
  };
}

/** The record's content; throws a Chinese message when the log has nothing from the day yet. */
export function onSiteRecordData(source: OnSiteRecordSource): OnSiteRecordData {
  const { operation } = source;
  const entries = [...source.entries].filter((e) => e.operationId === operation.id).sort((a, b) => a.seq - b.seq);
  const span = window(entries);
  if (!span) throw new Error('执行日志中还没有人员到岗或“宣布开始执行”的记录，无法生成现场笔录');

  const inSpan = (e: LogEntry) => e.seq >= span.from && e.seq <= span.to;
  // Changes to the records (a draft saved, a task edited) are not the day's process: the log keeps them.
  const isRecordEdit = (e: LogEntry) => e.category === 'edit';
  const items = correctedView(entries).filter((item) => inSpan(item.entry) && !isRecordEdit(item.entry));
  const edits = entries.filter((e) => isRecordEdit(e) && inSpan(e)).length;
  const began = span.start?.occurredAt ?? items[0]!.entry.occurredAt;
  const day = chinaDateOf(began);
  const roster = { people: source.people, memberUnits: source.memberUnits };

  const present: string[][] = [];
  const seen = new Set<string>();
  const commander = rosterLine(roster, operation.onSiteCommanderId);
  if (commander && operation.onSiteCommanderId) {
    seen.add(operation.onSiteCommanderId);
    const arrived = items.find((i) => i.entry.category === 'checkIn' && i.entry.refs.people?.includes(operation.onSiteCommanderId!));
    present.push([commander.name, commander.unit, `现场执行指挥${commander.post ? `（${commander.post}）` : ''}`, arrived ? clock(arrived.entry.occurredAt, day) : '']);
  }
  for (const item of items) {
    if (item.entry.category !== 'checkIn') continue;
    const ids = item.entry.refs.people ?? [];
    if (ids.length === 0) present.push([item.currentText, '', '', clock(item.entry.occurredAt, day)]);
    for (const id of ids) {
      if (seen.has(id)) continue;
      seen.add(id);
      const line = rosterLine(roster, id);
      present.push(line ? [line.name, line.unit, line.post, clock(item.entry.occurredAt, day)] : [item.currentText, '', '', clock(item.entry.occurredAt, day)]);
    }
  }

  const subjectNames = [...source.subjects].sort((a, b) => a.position - b.position).map((s) => s.name);
  // Not checked in, but present all the same: the subjects, the inventory's notary and
  // witnesses, and whoever recorded the log. A person already listed keeps one row; a
  // notary's or witness's role, which the law asks for, is added to it.
  const addPresent = (name: string, unit: string, role: string, addRole = true) => {
    const row = present.find((p) => p[0] === name);
    if (!row) present.push([name, unit, role, '']);
    else if (addRole && !row[2]!.includes(role)) row[2] = row[2] ? `${row[2]}；${role}` : role;
  };
  for (const name of subjectNames) addPresent(name, '', '被执行人');
  const attendance = source.inventoryAttendance;
  if (attendance) {
    for (const name of attendance.notaryNames) addPresent(name, attendance.notaryInstitution, '公证员');
    for (const witness of attendance.witnesses) addPresent(witness.name, witness.unit, '见证人');
  }
  for (const item of items) {
    const name = item.entry.operator.trim();
    if (!name) continue;
    const person = source.people.find((p) => p.name === name);
    const line = person ? rosterLine(roster, person.id) : undefined;
    addPresent(name, line?.unit ?? '', '记录人', false);
  }

  const suspensions = items
    .filter((i) => ['suspension', 'resumption', 'termination'].includes(i.entry.category))
    .map((i) => withFullStop(`${formatChineseDateTime(i.entry.occurredAt)}，${itemText(i)}`));

  const timeline = items.map((item) => [
    String(item.entry.seq),
    clock(item.entry.occurredAt, day),
    groupName(source.groups, item.entry.group),
    itemText(item),
  ]);

  const corrections = entries.filter((e) => e.category === 'correction' && inSpan(e)).length;
  const ruling = operation.courtRuling;
  const basis = operation.basisDocument;
  return {
    isDemo: operation.isDemo,
    time: span.complete
      ? formatWindow(began, span.complete.occurredAt)
      : `${formatWindow(began, '')}，至本笔录生成时（${formatChineseDateTime(source.printedAt)}）尚未宣布执行完毕`,
    place: orUnset(operation.propertyAddress),
    basis: `${orUnset(ruling.court)}${orUnset(ruling.number)}《行政裁定书》；${orUnset(basis.number)}《${basisDocumentKindLabels[basis.kind]}》`,
    organiser: orUnset(operation.organisingGovernment),
    subjects: subjectNames.length > 0 ? subjectNames.join('、') : '未填写',
    subjectNames,
    commander: commander ? `${commander.name}（${commander.unit}${commander.post}）` : '未指定',
    present,
    suspensions,
    timeline,
    coverage: `本笔录依据执行日志第${span.from}条至第${span.to}条生成，共${span.to - span.from + 1}条${corrections ? `（其中更正${corrections}条，更正内容附于原记录之后，原记录不删改）` : ''}${edits ? `；其中资料变更${edits}条（文书草稿等记录的修改）不列入本笔录，见执行日志` : ''}。`,
    printedAt: source.printedAt,
  };
}
