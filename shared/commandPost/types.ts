// Pure. The temporary command post (临时指挥部): member units, people, working groups.
import type { IsoDate } from '../operation/types';

/** 成员单位 */
export interface MemberUnit {
  id: string;
  operationId: string;
  name: string;
  /** What the unit does in this operation (seed 001 lists typical roles). */
  role: string;
}

/** A person on the roster, from a member unit. */
export interface Person {
  id: string;
  operationId: string;
  memberUnitId: string;
  name: string;
  /** 职务 */
  post: string;
  phone: string;
  /** 工作证件号 / 标识编号: what they wear on site. */
  badgeNumber: string;
  /** The training that qualifies them (seed 004 §一(三): no untrained staff); absent when none is on record. */
  training?: Training;
}

/** 培训: the course attended and the day it was completed. */
export interface Training {
  course: string;
  date: IsoDate;
}

export const standardGroupCodes = [
  'security',
  'negotiation',
  'personnel',
  'inventory',
  'demolition',
  'fireMedical',
  'publicOpinion',
  'evidence',
  'aftercare',
] as const;
export type StandardGroupCode = (typeof standardGroupCodes)[number];
/** Standard groups carry their code from the brief; groups the commander adds are 'custom'. */
export type WorkingGroupCode = StandardGroupCode | 'custom';

/** 工作小组 */
export interface WorkingGroup {
  id: string;
  operationId: string;
  code: WorkingGroupCode;
  name: string;
  duties: string;
  /** A Person id; the leader comes from a member unit (seed 000 §四(一)). */
  leaderId?: string;
  memberIds: string[];
  /** Phone number or radio channel the group is reached on. */
  channel: string;
  /** Display and print order. */
  position: number;
}

/** Who commands on site; stored on the operation. */
export interface CommandAssignment {
  /** 现场执行指挥 (a Person id) */
  onSiteCommanderId?: string;
  /** Deputy designated by the commander. */
  deputyCommanderId?: string;
}
