// Pure. Every document the console can print from an operation's records, by kind: the
// one list the command-line renderer (electron/cli/render.ts) and later the app read.
// To add a kind, add an entry to `registry` below; its render gets the whole backup.
import type { OperationBackup } from '../archive/backup';
import { emptyPlanContent } from '../plan/planContent';
import type { Plan } from '../plan/types';
import type { DocumentFonts } from './fonts';
import { renderPlan } from './plan/PlanDocument';
import type { PlanPrintData } from './plan/printData';
import { renderTaskCards } from './plan/TaskCard';
import type { PdfBytes } from './render';

export interface RenderOptions {
  /** Printed on the document (ISO with +08:00), so the caller decides and output is reproducible. */
  printedAt: string;
}

export interface RenderedDocument {
  bytes: PdfBytes;
  /** What was printed, in a line for the user, e.g. 依据预案第2版（定稿）. */
  source: string;
}

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
export function planPrintData(backup: OperationBackup, options: RenderOptions): { data: PlanPrintData; source: string } {
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

const registry = {
  plan: {
    title: '强制执行预案',
    async render(backup, fonts, options) {
      const { data, source } = planPrintData(backup, options);
      return { bytes: await renderPlan(data, fonts), source };
    },
  },
  taskCards: {
    title: '任务卡（全部工作小组）',
    async render(backup, fonts, options) {
      const { data, source } = planPrintData(backup, options);
      return { bytes: await renderTaskCards(data, fonts), source: `${source}，共 ${data.groups.length} 个工作小组` };
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
