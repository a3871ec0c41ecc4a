// Pure. Where an operation stands along the procedure, for the operations overview, and
// its next deadline: derived from a few facts (plan, documents, the on-site log), never stored.
import type { OnSiteStatus } from '../onSite/state';

export const stageLabels = {
  commandPost: '组建指挥部',
  planFinal: '预案已定稿',
  documentsServed: '文书已送达',
  inProgress: '执行中',
  suspended: '已停止',
  completed: '已完毕',
  terminated: '已终结',
  archived: '已归档',
} as const;

export type OperationStage = keyof typeof stageLabels;

export interface StageFacts {
  archived: boolean;
  /** A finalised plan version exists. */
  planFinal: boolean;
  /** Issued documents with a service record. */
  documentsServed: number;
  /** From onSiteState over the phase, suspension and resumption entries. */
  onSite: OnSiteStatus['kind'];
}

/** The furthest point reached: the day on site outranks the paperwork, archiving outranks all. */
export function operationStage(f: StageFacts): OperationStage {
  if (f.archived) return 'archived';
  if (f.onSite !== 'notStarted') return f.onSite;
  if (f.documentsServed > 0) return 'documentsServed';
  return f.planFinal ? 'planFinal' : 'commandPost';
}

export interface DeadlineCandidate {
  label: string;
  /** YYYY-MM-DD, the last day in time. */
  date: string;
}

/** The earliest deadline on or after today (China date), or null when none is still ahead. */
export function nextDeadline(candidates: readonly DeadlineCandidate[], today: string): DeadlineCandidate | null {
  let best: DeadlineCandidate | null = null;
  for (const c of candidates) if (c.date >= today && (!best || c.date < best.date)) best = c;
  return best;
}
