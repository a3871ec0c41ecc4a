// Pure. The preparatory meeting (执行预备会) and the plan (强制执行预案).
import type { MemberUnit, Person, WorkingGroup } from '../commandPost/types';
import type { HouseholdMember, IsoDate, IsoInstant, Operation, Subject } from '../operation/types';

export interface PreparatoryMeeting {
  id: string;
  operationId: string;
  date: IsoDate;
  /** HH:mm */
  time: string;
  place: string;
  /** Person ids present. */
  attendeeIds: string[];
  /** Attendees not on the roster (e.g. a notary), free text. */
  otherAttendees: string;
  familySituation: string;
  psychologicalState: string;
  behaviouralState: string;
  decisions: string;
}

export const contingencyKinds = [
  'selfHarm',
  'gasCylinders',
  'crowdGathering',
  'mediaFilming',
  'suddenIllness',
  'fire',
  'relativesObstruction',
] as const;
export type ContingencyKind = (typeof contingencyKinds)[number] | 'other';

export const contingencyLabels: Record<ContingencyKind, string> = {
  selfHarm: '以自伤自残相威胁',
  gasCylinders: '存放煤气罐等易燃易爆物品',
  crowdGathering: '人员聚集',
  mediaFilming: '媒体采访、围观人员拍摄',
  suddenIllness: '突发疾病',
  fire: '火灾',
  relativesObstruction: '亲属阻挠',
  other: '其他情形',
};

export interface Contingency {
  kind: ContingencyKind;
  /** Title for 'other'; the label for standard kinds. */
  title: string;
  measures: string;
  /** Working group ids responsible. */
  groupIds: string[];
}

export interface GroupAssignment {
  groupId: string;
  task: string;
  /** Where the group stands on site. */
  position: string;
  /** HH:mm the group must be in place (按时到岗到位). */
  reportTime: string;
}

export type SketchMarkerKind = 'assembly' | 'dispersal' | 'cordon' | 'property' | 'group' | 'other';

export interface SketchMarker {
  id: string;
  kind: SketchMarkerKind;
  label: string;
  groupId?: string;
  /** Position on the image as fractions 0..1 of its width and height. */
  x: number;
  y: number;
}

export interface DeploymentSketch {
  /** The imported site plan or photo; bytes rather than a Blob so it clones everywhere. */
  image: Uint8Array;
  mimeType: 'image/png' | 'image/jpeg';
  width: number;
  height: number;
  markers: SketchMarker[];
}

export interface PlanContent {
  /** Planned start and expected end, ISO with +08:00. */
  start: IsoInstant | '';
  end: IsoInstant | '';
  /** Recorded when the window falls on a weekend (情况紧急). */
  emergencyReason: string;
  assemblyPoint: string;
  dispersalPoint: string;
  cordon: string;
  route: string;
  housingKind: 'interim' | 'resettlement';
  housingAddress: string;
  vehicles: string;
  equipment: string;
  assignments: GroupAssignment[];
  contingencies: Contingency[];
  /** 社会稳定风险评估结论 */
  riskAssessment: string;
  /** 先补偿后搬迁: compensation deposited in a dedicated account. */
  compensationDeposited: boolean;
  compensationAccount: string;
  housingArranged: boolean;
  /** The commander confirms no water, power, heat, gas or road access is cut. */
  noUtilityCutoff: boolean;
  sketch?: DeploymentSketch;
}

/**
 * Version 0 is the working draft; versions 1, 2, … are finalised and never change.
 * A finalised version also freezes the command post as it was, so the printed plan can
 * be reproduced even after people or groups change.
 */
export interface Plan {
  id: string;
  operationId: string;
  version: number;
  status: 'draft' | 'final';
  content: PlanContent;
  updatedAt: IsoInstant;
  finalisedAt?: IsoInstant;
  /** Who finalised it (a Person id, or free text until operators exist). */
  finalisedBy?: string;
  /** The checks as they stood when finalised. */
  legality?: LegalityCheck[];
  /** The command post and household as they stood when finalised, so the version prints the same later. */
  snapshot?: PlanSnapshot;
}

export interface PlanSnapshot {
  operation: Operation;
  subjects: Subject[];
  householdMembers: HouseholdMember[];
  memberUnits: MemberUnit[];
  people: Person[];
  groups: WorkingGroup[];
  meeting?: PreparatoryMeeting;
}

/** One legality check before finalising (shared/plan/legality.ts), printed with the plan. */
export interface LegalityCheck {
  code: string;
  title: string;
  status: 'pass' | 'fail' | 'warn';
  /** A failed blocking check prevents finalising. */
  blocking: boolean;
  message: string;
  /** The legal basis, quoted or cited. */
  basis: string;
}
