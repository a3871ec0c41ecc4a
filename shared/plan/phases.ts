// Pure. Which phases of the day a plan plans: every phase but 拆除, and 拆除 too when the plan
// gives the demolition group (房屋拆除组) a task. The start gate checks them against the ruling.
import type { WorkingGroup } from '../commandPost/types';
import { demolitionPhases, phases, type PhaseCode } from '../onSite/phases';
import type { PlanContent } from './types';

export function plansDemolition(content: Pick<PlanContent, 'assignments'>, groups: readonly Pick<WorkingGroup, 'id' | 'code'>[]): boolean {
  const demolitionGroups = new Set(groups.filter((g) => g.code === 'demolition').map((g) => g.id));
  return content.assignments.some((a) => demolitionGroups.has(a.groupId) && a.task.trim() !== '');
}

export function plannedPhases(content: Pick<PlanContent, 'assignments'>, groups: readonly Pick<WorkingGroup, 'id' | 'code'>[]): PhaseCode[] {
  const demolition = plansDemolition(content, groups);
  return phases.map((p) => p.code).filter((code) => demolition || !demolitionPhases.includes(code));
}
