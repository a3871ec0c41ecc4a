// Pure. Every document the console can print from an operation's records, by kind: the
// one list the command-line renderer (electron/cli/render.ts) and later the app read.
// To add a kind, add an entry to `registry` below; its render gets the whole backup.
import type { OperationBackup } from '../archive/backup';
import { printedHead } from '../log/head';
import type { ChainHead, LogEntry } from '../log/types';
import { mergedLog } from '../log/view';
import type { StationEntry } from '../stations/types';
import { inventoryListData, renderInventoryList } from './inventoryList';
import { renderDemolitionNotice, renderUnitLetter } from './demolition';
import { renderAnnouncement, renderNotice, renderProofOfService } from './notice';
import { renderDemandRecord, renderStatementRecord } from './procedure';
import { subjectPeriods } from './periods';
import { proofOfServiceFor } from './proofOfServiceData';
import { currentIssued, issuableKindTitles, type DocumentRecord, type IssuableKind, type ServiceRecord } from './records';
import { emptyPlanContent } from '../plan/planContent';
import type { Plan } from '../plan/types';
import type { DocumentFonts } from './fonts';
import { renderPlan } from './plan/PlanDocument';
import type { PlanPrintData } from './plan/printData';
import { renderTaskCards } from './plan/TaskCard';
import { onSiteRecordData, renderOnSiteRecord } from './onSiteRecord';
import { courtReportData, renderCourtReport, withCourtReportText } from './courtReport';
import type { PdfBytes } from './render';

export interface RenderOptions {
  /** Printed on the document (ISO with +08:00), so the caller decides and output is reproducible. */
  printedAt: string;
  /** SHA-256 of bytes as lower-case hex; checks an issued document's frozen PDF before it is written out. */
  sha256(bytes: Uint8Array): Promise<string>;
}

export interface RenderedDocument {
  bytes: PdfBytes;
  /** What was printed, in a line for the user, e.g. 依据预案第2版（定稿）. */
  source: string;
}

/**
 * The log's head in a backup: its operation's last entry. Every document rendered from the
 * backup prints it, so the paper pins the log as it stood (issued documents keep their own).
 */
export function backupChainHead(backup: OperationBackup): ChainHead {
  return printedHead(logEntriesOf(backup));
}

/** The operation's log entries as the app stored them, both formats (the backup checks their indexed fields). */
const logEntriesOf = (backup: OperationBackup): LogEntry[] =>
  mergedLog(backup.operation.id, backup.logEntries as unknown as LogEntry[], (backup.stationEntries ?? []) as unknown as StationEntry[]);

interface DocumentKindEntry {
  /** The document's name as printed, e.g. 强制执行预案. */
  title: string;
  render(backup: OperationBackup, fonts: DocumentFonts, options: RenderOptions): Promise<RenderedDocument>;
}

/** Which plan documents print from: the latest finalised version, else the working draft. */
export interface PlanChoice {
  plan: Plan;
  /** One line saying which plan it is. */
  source: string;
}

export function choosePlan(backup: OperationBackup, printedAt: string): PlanChoice {
  const finals = backup.plans.filter((p) => p.status === 'final').sort((a, b) => b.version - a.version);
  const latest = finals[0];
  if (latest) return { plan: latest, source: `依据预案第${latest.version}版（定稿，最新定稿版本）` };
  const draft = backup.plans.find((p) => p.version === 0);
  if (draft) return { plan: draft, source: '依据预案草稿（尚无定稿版本）' };
  // The app creates the draft the first time the plan is opened; an operation exported before then has none.
  const empty: Plan = {
    id: `${backup.operation.id}-draft`,
    operationId: backup.operation.id,
    version: 0,
    status: 'draft',
    content: emptyPlanContent(),
    updatedAt: printedAt,
  };
  return { plan: empty, source: '依据空白预案草稿（该行动尚未编制预案）' };
}

/**
 * What the plan and task cards print from: a finalised version with the command post as
 * frozen in it; a draft with the records as they are in the backup.
 */
export function planPrintData(backup: OperationBackup, options: Pick<RenderOptions, 'printedAt'>): { data: PlanPrintData; source: string } {
  const { plan, source } = choosePlan(backup, options.printedAt);
  const snapshot = plan.status === 'final' ? plan.snapshot : undefined;
  const meeting = backup.preparatoryMeetings[0];
  const data: PlanPrintData = snapshot
    ? { ...snapshot, plan, printedAt: options.printedAt }
    : {
        operation: backup.operation,
        subjects: [...backup.subjects].sort((a, b) => a.position - b.position),
        householdMembers: backup.householdMembers,
        memberUnits: backup.memberUnits,
        people: backup.people,
        groups: [...backup.workingGroups].sort((a, b) => a.position - b.position),
        ...(meeting ? { meeting } : {}),
        plan,
        printedAt: options.printedAt,
      };
  return { data, source };
}

// —— issued documents ——
// The backup keeps the app's document and service records as they are stored (checked
// only for their indexed fields), so they are read here as the app wrote them.

const documentsOf = (backup: OperationBackup): DocumentRecord[] => backup.documents as unknown as DocumentRecord[];
const servicesOf = (backup: OperationBackup): ServiceRecord[] => backup.services as unknown as ServiceRecord[];

const later = (a: string | undefined, b: string | undefined) => ((a ?? '') < (b ?? '') ? 1 : (a ?? '') > (b ?? '') ? -1 : 0);

/** The latest issued document of a kind (by issue time, then number), else the latest draft. */
export function chooseIssuable<K extends IssuableKind>(
  backup: OperationBackup,
  kind: K,
): { issued?: Extract<DocumentRecord, { kind: K }>; draft?: Extract<DocumentRecord, { kind: K }> } {
  const ofKind = documentsOf(backup).filter(
    (d): d is Extract<DocumentRecord, { kind: K }> => d.kind === kind && typeof d.data === 'object' && d.data !== null,
  );
  const issued = ofKind
    .filter((d) => d.status === 'issued')
    .sort((a, b) => later(a.issuedAt, b.issuedAt) || (b.sequence ?? 0) - (a.sequence ?? 0) || later(a.id, b.id))[0];
  const draft = ofKind.filter((d) => d.status === 'draft').sort((a, b) => later(a.updatedAt, b.updatedAt) || later(a.id, b.id))[0];
  return { ...(issued ? { issued } : {}), ...(draft ? { draft } : {}) };
}

/** 《强制执行告知书》临江强执告〔2026〕3号 */
const named = (doc: DocumentRecord) => `《${issuableKindTitles[doc.kind]}》${doc.number ?? ''}`;

/**
 * The frozen PDF of an issued document, exactly as issued; refused when the bytes no longer
 * match their stored SHA-256 (the file was altered after export).
 */
async function frozenPdf(doc: DocumentRecord, options: RenderOptions): Promise<PdfBytes> {
  if (!(doc.pdf instanceof Uint8Array) || typeof doc.sha256 !== 'string' || !doc.sha256) {
    throw new Error(`备份中已签发的${named(doc)}缺少签发时固定的 PDF 或其 SHA-256，无法输出`);
  }
  const actual = await options.sha256(doc.pdf);
  if (actual !== doc.sha256.toLowerCase()) {
    throw new Error(
      `备份中${named(doc)}的 PDF 与签发时记录的 SHA-256 不符（记录 ${doc.sha256}，实际 ${actual}）：备份文件已被改动，不予输出`,
    );
  }
  return doc.pdf as PdfBytes;
}

async function renderIssuable(backup: OperationBackup, kind: IssuableKind, fonts: DocumentFonts, options: RenderOptions): Promise<RenderedDocument> {
  const { issued, draft } = chooseIssuable(backup, kind);
  if (issued) {
    const bytes = await frozenPdf(issued, options);
    return {
      bytes,
      source: `已签发的${named(issued)}（${issued.issuedAt ?? '签发时间未记录'}签发，签发时固定的 PDF，SHA-256 ${issued.sha256} 核对一致）`,
    };
  }
  if (draft) {
    const bytes = await renderIssuableDocument(draft, backup, backupChainHead(backup), options.printedAt, fonts);
    return { bytes, source: `依据尚未签发的草稿（无文号，${draft.updatedAt}修改），不能作为正式文书${kind === 'courtReport' ? '报送' : '送达'}` };
  }
  if (kind === 'courtReport') {
    const head = backupChainHead(backup);
    return {
      bytes: await renderCourtReport(courtReportData(backup, head, options.printedAt), fonts),
      source: `尚未起草，依据执行日志（至第${head.seq}条）和执行记录生成`,
    };
  }
  const incomplete = documentsOf(backup).filter((d) => d.kind === kind).length;
  throw new Error(
    `备份中没有${issuableKindTitles[kind]}（已签发的和草稿都没有${incomplete ? `；另有 ${incomplete} 条记录缺少内容或签发状态，无法使用` : ''}）`,
  );
}

/**
 * The PDF of a draft or of a document about to be issued, printing `head`. The report reads
 * its tables, attachments and log from the backup; the notices need only their own wording.
 */
export async function renderIssuableDocument(
  record: DocumentRecord,
  backup: OperationBackup | (() => Promise<OperationBackup>),
  head: ChainHead,
  printedAt: string,
  fonts: DocumentFonts,
): Promise<PdfBytes> {
  switch (record.kind) {
    case 'notice':
      return renderNotice(record.data, fonts, head);
    case 'announcement':
      return renderAnnouncement(record.data, fonts, head);
    case 'demolitionNotice':
      return renderDemolitionNotice(record.data, fonts, head);
    case 'unitLetter':
      return renderUnitLetter(record.data, fonts, head);
    case 'demand':
      return renderDemandRecord(record.data, fonts, head);
    case 'statement':
      return renderStatementRecord(record.data, fonts, head);
    case 'courtReport': {
      const source = typeof backup === 'function' ? await backup() : backup;
      return renderCourtReport(withCourtReportText(courtReportData(source, head, printedAt), record.data), fonts);
    }
  }
}

/** An issued or drafted document of a kind, as the kinds below print it. */
const issuableEntry = (kind: IssuableKind): DocumentKindEntry => ({
  title: issuableKindTitles[kind],
  render: (backup, fonts, options) => renderIssuable(backup, kind, fonts, options),
});

const registry = {
  plan: {
    title: '强制执行预案',
    async render(backup, fonts, options) {
      const { data, source } = planPrintData(backup, options);
      return { bytes: await renderPlan(data, fonts, backupChainHead(backup)), source };
    },
  },
  taskCards: {
    title: '任务卡（全部工作小组）',
    async render(backup, fonts, options) {
      const { data, source } = planPrintData(backup, options);
      return { bytes: await renderTaskCards(data, fonts, backupChainHead(backup)), source: `${source}，共 ${data.groups.length} 个工作小组` };
    },
  },
  demand: issuableEntry('demand'),
  statement: issuableEntry('statement'),
  notice: issuableEntry('notice'),
  announcement: issuableEntry('announcement'),
  proofOfService: {
    title: '送达回证（现行强制执行告知书，每名被执行人一页）',
    async render(backup, fonts) {
      const documents = documentsOf(backup);
      const issued = currentIssued(documents, 'notice');
      if (issued?.kind !== 'notice') {
        throw new Error(
          chooseIssuable(backup, 'notice').draft
            ? '备份中的强制执行告知书尚未签发（只有草稿），签发后才能制作送达回证'
            : '备份中没有强制执行告知书，无法制作送达回证',
        );
      }
      const subjects = [...backup.subjects].sort((a, b) => a.position - b.position);
      const services = servicesOf(backup);
      const pages = proofOfServiceFor(backup.operation, subjects, issued, services);
      const bytes = await renderProofOfService(pages, fonts, backupChainHead(backup));
      const periods = subjectPeriods({ subjects, documents, services });
      const served = periods.filter((p) => p.servedOn).map((p) => p.name);
      return {
        bytes,
        source: `${named(issued)}的送达回证 ${pages.length} 页（每名被执行人一页）；已有送达记录：${served.length > 0 ? served.join('、') : '无'}，其余为空白供手填`,
      };
    },
  },
  demolitionNotice: issuableEntry('demolitionNotice'),
  unitLetter: issuableEntry('unitLetter'),
  onSiteRecord: {
    title: '现场笔录',
    async render(backup, fonts, options) {
      const head = backupChainHead(backup);
      const data = onSiteRecordData({
        operation: backup.operation,
        subjects: backup.subjects,
        memberUnits: backup.memberUnits,
        people: backup.people,
        groups: backup.workingGroups,
        entries: logEntriesOf(backup),
        inventoryAttendance: backup.inventoryAttendance.find((a) => a.operationId === backup.operation.id),
        printedAt: options.printedAt,
      });
      return { bytes: await renderOnSiteRecord(data, fonts, head), source: `依据执行日志（至第${head.seq}条）生成` };
    },
  },
  courtReport: issuableEntry('courtReport'),
  inventoryList: {
    title: '物品清单（每个去向一份，一式二份）',
    async render(backup, fonts, options) {
      const result = inventoryListData(
        {
          operation: backup.operation,
          subjects: backup.subjects,
          rooms: backup.inventoryRooms,
          items: backup.inventoryItems,
          attendance: backup.inventoryAttendance[0],
          lastLogEntry: backupChainHead(backup),
        },
        options.printedAt,
      );
      if (!result.ok) throw new Error(`无法制作物品清单：${result.problems.join('；')}`);
      const { sections } = result.data;
      return {
        bytes: await renderInventoryList(result.data, fonts),
        source: `物品清单 ${sections.length} 份（${sections.map((s) => s.destination).join('、')}），每份一式二份`,
      };
    },
  },
} satisfies Record<string, DocumentKindEntry>;

export type DocumentKind = keyof typeof registry;
export const documentKinds = Object.keys(registry) as DocumentKind[];

export const isDocumentKind = (kind: string): kind is DocumentKind => Object.hasOwn(registry, kind);

/** The printed name of a kind, e.g. for usage texts. */
export const documentKindTitle = (kind: DocumentKind): string => registry[kind].title;

/** Renders one kind of document from a backup's records. */
export function renderDocumentKind(
  kind: DocumentKind,
  backup: OperationBackup,
  fonts: DocumentFonts,
  options: RenderOptions,
): Promise<RenderedDocument> {
  return registry[kind].render(backup, fonts, options);
}
