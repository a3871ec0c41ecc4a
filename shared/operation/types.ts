// Pure. The records of one enforcement operation (强制执行行动), named after the brief's glossary.

/** Calendar date as YYYY-MM-DD in China time. */
export type IsoDate = string;
/** Instant as ISO 8601 with offset, e.g. 2026-03-05T09:30:00.000+08:00. */
export type IsoInstant = string;

export type OperationStatus = 'active' | 'archived';

/** The three kinds of enforceable basis in seed 000 §一. */
export type BasisDocumentKind =
  | 'compensationDecision'
  | 'demolitionDisputeRuling'
  | 'agreementPerformanceDecision';

export const basisDocumentKindLabels: Record<BasisDocumentKind, string> = {
  compensationDecision: '房屋征收补偿决定书',
  demolitionDisputeRuling: '房屋拆迁纠纷裁决书',
  agreementPerformanceDecision: '履行房屋征收补偿协议决定书',
};

/** 行政裁定书: the court's ruling that allows execution. */
export interface CourtRuling {
  court: string;
  /** e.g. （2026）京0102行审123号 */
  number: string;
  date: IsoDate;
  scope?: 'relocation' | 'relocationAndDemolition';
  scopeLimit?: string;
}

export interface BasisDocument {
  kind: BasisDocumentKind;
  /** e.g. 西城征补决〔2026〕3号 */
  number: string;
  date: IsoDate;
}

export interface Operation {
  id: string;
  status: OperationStatus;
  /** Training data, shown with a 示例 mark everywhere. */
  isDemo: boolean;
  courtRuling: CourtRuling;
  basisDocument: BasisDocument;
  /** 组织实施的市、县级人民政府 */
  organisingGovernment: string;
  /** 牵头单位, e.g. the housing expropriation department */
  leadUnit: string;
  propertyAddress: string;
  createdAt: IsoInstant;
  updatedAt: IsoInstant;
  archivedAt?: IsoInstant;
  /** 现场执行指挥 and deputy (Person ids), set on the command post screen. */
  onSiteCommanderId?: string;
  deputyCommanderId?: string;
  /**
   * Set when the operation ends without enforcement: the subject performed the obligation
   * before enforcement began (stop ground 1, seed 000 §四(五)); there is no resumption.
   */
  termination?: OperationTermination;
}

export interface OperationTermination {
  ground: 'selfPerformed';
  /** The day the subject moved out and handed over, as stated. */
  occurredOn: IsoDate;
  note: string;
  recordedBy: string;
  recordedAt: IsoInstant;
}

export type IdType = 'residentId' | 'other';

/** 被执行人 */
export interface Subject {
  id: string;
  operationId: string;
  /** Order in which subjects are listed on documents. */
  position: number;
  name: string;
  idType: IdType;
  idNumber: string;
  phone: string;
  address: string;
  /** Analysis for the preparatory meeting (seed 000 §四(三)). */
  assessment?: SubjectAssessment;
}

export type RiskLevel = 'low' | 'medium' | 'high';
export const riskLevelLabels: Record<RiskLevel, string> = { low: '低', medium: '中', high: '高' };

export interface SubjectAssessment {
  health: string;
  psychological: string;
  behavioural: string;
  riskLevel: RiskLevel;
}

export const vulnerabilities = ['elderly', 'minor', 'pregnant', 'disabled', 'seriouslyIll'] as const;
export type Vulnerability = (typeof vulnerabilities)[number];
export const vulnerabilityLabels: Record<Vulnerability, string> = {
  elderly: '老年人',
  minor: '未成年人',
  pregnant: '孕妇',
  disabled: '残疾人',
  seriouslyIll: '重病患者',
};

/** A family member living in the property (not a subject), with what needs care on the day. */
export interface HouseholdMember {
  id: string;
  operationId: string;
  /** The subject they belong to. */
  subjectId: string;
  name: string;
  /** 与被执行人关系 */
  relation: string;
  birthYear?: number;
  phone: string;
  vulnerabilities: Vulnerability[];
  note: string;
}
