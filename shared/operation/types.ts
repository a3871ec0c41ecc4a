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

/**
 * What the ruling allows (裁定的执行范围): moving the occupants and belongings out only, or
 * demolishing the house as well. Demolition phases, the 强制拆除通知书 and any mention of
 * demolition in the 公告 depend on it.
 */
export const rulingScopes = ['relocation', 'relocationAndDemolition'] as const;
export type RulingScope = (typeof rulingScopes)[number];

export const rulingScopeLabels: Record<RulingScope, string> = {
  relocation: '准予强制搬迁（不含拆除）',
  relocationAndDemolition: '准予强制搬迁并拆除',
};

/** 行政裁定书: the court's ruling that allows execution. */
export interface CourtRuling {
  court: string;
  /** e.g. （2026）京0102行审123号 */
  number: string;
  date: IsoDate;
  /** Records made before the scope was recorded read as 'relocation' (the narrower reading). */
  scope: RulingScope;
  /** Any limit the ruling states (e.g. 不含附属建筑物), as written in it. */
  scopeLimit?: string;
}

/** The scope of a ruling as stored, old records (no scope) read as relocation only. */
export const rulingScopeOf = (ruling: Pick<CourtRuling, 'scope'> | { scope?: RulingScope }): RulingScope =>
  ruling.scope ?? 'relocation';

/** Whether the ruling allows demolition (法释〔2012〕4号第九条: the government enforces what the court allowed). */
export const demolitionAllowed = (ruling: { scope?: RulingScope }): boolean => rulingScopeOf(ruling) === 'relocationAndDemolition';

/**
 * In whose name the 告知书, 公告 and the report are issued, with that body's seal: the
 * organising 市、县级人民政府, or the lead unit it designated (seed 000 §三). Never the
 * 临时指挥部: it has no legal personality and no seal.
 */
export type IssuingBody = 'organisingGovernment' | 'leadUnit';

export const issuingBodyLabels: Record<IssuingBody, string> = {
  organisingGovernment: '由组织实施的政府发文',
  leadUnit: '由政府指定的实施单位发文',
};

/** The name documents are issued and signed in; old records (no choice) use the government. */
export const issuingBodyName = (operation: Pick<Operation, 'issuingBody' | 'organisingGovernment' | 'leadUnit'>): string =>
  operation.issuingBody === 'leadUnit' ? operation.leadUnit : operation.organisingGovernment;

/** How the compensation awaits the subject: in the dedicated account, or lodged with a notary (提存) after a refusal. */
export type CompensationArrangement = 'account' | 'escrow';

/** 补偿款 (条例第二十七条 先补偿、后搬迁; 第二十八条第二款). */
export interface CompensationParticulars {
  /** 补偿金额, yuan with at most two decimals. */
  amount: number;
  arrangement: CompensationArrangement;
  /** 专户: bank, account name and number ('' for 提存). */
  bank: string;
  accountName: string;
  /** Digits only (spaces are removed when entered). */
  accountNumber: string;
  /** 提存: the notary office and its certificate number ('' for 专户). */
  notaryOffice: string;
  certificateNumber: string;
}

export type HousingKind = 'propertyExchange' | 'interimHousing' | 'none';

export const housingKindLabels: Record<HousingKind, string> = {
  propertyExchange: '产权调换房屋',
  interimHousing: '周转用房',
  none: '不提供（货币补偿）',
};

/** 产权调换房屋 or 周转用房 (条例第二十八条第二款), or none when compensation is monetary only. */
export interface HousingParticulars {
  kind: HousingKind;
  address: string;
  /** 建筑面积, square metres. */
  area: number;
}

/**
 * What the 告知书 and 公告 tell the subject besides the basis (issue 14 item 2; seed 002
 * §四(二十二)4 时间、方式): recorded once on the operation, validated in particulars.ts.
 */
export interface NoticeParticulars {
  compensation: CompensationParticulars;
  housing: HousingParticulars;
  /** 强制执行的方式, e.g. 强制搬迁，屋内物品登记造册、公证后运至存放地点. */
  method: string;
  /** Where removed belongings are stored. */
  storagePlace: string;
  /** How and when the subject may collect them. */
  collection: string;
  contactPerson: string;
  contactPhone: string;
}

/** 执行费用 (行政强制法第六十条): the amount and who bears it, recorded for the report. */
export interface EnforcementCosts {
  /** Yuan, at most two decimals. */
  amount: number;
  /** e.g. 被执行人, or 项目实施单位 where the rules put costs on the project (seed 000 §五). */
  bearer: string;
  /** What the costs are (搬运、仓储、公证…) and the basis of who bears them. */
  note: string;
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
  /** In whose name documents are issued; absent on old records (= organisingGovernment). */
  issuingBody?: IssuingBody;
  /** What the notice and announcement tell the subject; absent until entered. */
  particulars?: NoticeParticulars;
  /** 执行费用, recorded for the court report. */
  costs?: EnforcementCosts;
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
