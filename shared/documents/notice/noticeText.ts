// Pure. What 《强制执行告知书》 and 《强制执行公告》 print, and the default wording the user
// starts from: the data carries the final text of every paragraph, so every word can be
// edited before printing; kept apart from the layout so it can be tested without rendering.
//
// Every sentence of the default wording has its legal basis in the comment beside it. The
// enforcement is the organisation of a court ruling (裁执分离: 法释〔2012〕4号第九条), not the
// agency's own enforcement: 行政强制法第三十五条至第三十七条 (its own 催告 and decision, with
// 复议/诉讼 routes) do not apply and are never cited.
import {
  basisDocumentKindLabels,
  demolitionAllowed,
  housingKindLabels,
  issuingBodyName,
  type BasisDocumentKind,
  type IdType,
  type IsoDate,
  type IsoInstant,
  type NoticeParticulars,
  type Operation,
  type Subject,
} from '../../operation/types';
import { formatChineseDate, maskIdNumber } from '../../operation/formats';
import { formatArea, formatYuan } from '../../operation/particulars';
import { chineseNumeral } from '../numbering';
import { formatWindow, orUnset } from '../plan/printData';

/** 2026年12月8日9时00分至12时00分: the window in running text, where Chinese takes no spaces. */
export const windowText = (start: IsoInstant, end?: IsoInstant): string => formatWindow(start, end ?? '').replace(/\s+/g, '');

/** The laws the default wording cites, spelled once. */
export const LAW = {
  coercion: '《中华人民共和国行政强制法》',
  regulation: '《国有土地上房屋征收与补偿条例》',
  interpretation:
    '《最高人民法院关于办理申请人民法院强制执行国有土地上房屋征收补偿决定案件若干问题的规定》（法释〔2012〕4号）',
  litigation: '《最高人民法院关于适用〈中华人民共和国行政诉讼法〉的解释》（法释〔2018〕1号）',
  agreements: '《最高人民法院关于审理行政协议案件若干问题的规定》（法释〔2019〕17号）',
  demolitionRules: '《城市房屋拆迁管理条例》',
  civilProcedure: '《中华人民共和国民事诉讼法》',
  compensation: '《中华人民共和国国家赔偿法》',
  security: '《中华人民共和国治安管理处罚法》',
} as const;
/** The boxed mark on every page of a document of the 示例行动. */
export const documentMark = (isDemo: boolean): string | undefined => (isDemo ? '示例' : undefined);

/** Midnight in China on the day of issue: the PDF's fixed creation date. */
export function issuedDate(issuedOn: IsoDate): Date {
  const date = new Date(`${issuedOn.slice(0, 10)}T00:00:00+08:00`);
  return Number.isNaN(date.getTime()) ? new Date(0) : date;
}

/** 张建国、李秀兰 */
export const subjectNames = (subjects: readonly Pick<Subject, 'name' | 'position'>[]): string =>
  [...subjects]
    .sort((a, b) => a.position - b.position)
    .map((s) => s.name)
    .join('、') || orUnset('');

/** 行政裁定: 滨江市临江区人民法院2026年9月15日作出的（2026）滨0103行审45号《行政裁定书》 */
export const rulingText = ({ courtRuling }: Pick<Operation, 'courtRuling'>): string =>
  `${orUnset(courtRuling.court)}${formatChineseDate(courtRuling.date)}作出的${orUnset(courtRuling.number)}《行政裁定书》`;

/** What the ruling allows, in the words of a ruling, with any limit it states. */
export function rulingScopeText({ courtRuling }: Pick<Operation, 'courtRuling'>): string {
  const scope = demolitionAllowed(courtRuling) ? '准予强制执行，强制搬迁并拆除被执行房屋' : '准予强制执行，强制搬迁（不含拆除房屋）';
  const limit = courtRuling.scopeLimit?.trim();
  return limit ? `${scope}（裁定载明：${limit}）` : scope;
}

/** 2026年5月20日作出的临江征补决〔2026〕12号《房屋征收补偿决定书》 */
export const basisText = ({ basisDocument }: Pick<Operation, 'basisDocument'>): string =>
  `${formatChineseDate(basisDocument.date)}作出的${orUnset(basisDocument.number)}《${basisDocumentKindLabels[basisDocument.kind]}》`;

// ——— the legal basis, per kind of enforceable decision ———

/**
 * The provisions each kind of basis is enforced under, cited in the 告知书 and the 公告.
 * 补偿决定: 条例第二十八条 (application to the court), 法释〔2012〕4号第九条 (the government
 * organises), 行政强制法第五章 (申请人民法院强制执行). 拆迁裁决: the old 拆迁条例第十七条 by
 * the transition rule of 条例第三十五条 (the government may not order demolition itself, so
 * the court is applied to). 履行协议决定: 法释〔2019〕17号第二十四条 (a written decision to
 * perform the agreement, enforced by application). The court's 2012 rules are applied to the
 * other two by reference. Wording stays editable: a 法制科 may cite local rules too.
 */
export function basisLaws(kind: BasisDocumentKind): string {
  const chapterV = `${LAW.coercion}第五章`;
  switch (kind) {
    case 'compensationDecision':
      return `${LAW.regulation}第二十八条、${LAW.interpretation}第九条和${chapterV}`;
    case 'demolitionDisputeRuling':
      return `${LAW.regulation}第三十五条、${LAW.demolitionRules}第十七条、${chapterV}，参照${LAW.interpretation}`;
    case 'agreementPerformanceDecision':
      return `${LAW.agreements}第二十四条、${chapterV}，参照${LAW.interpretation}`;
  }
}

/** The opening that every document addressed to the subject shares: decision, ruling and scope, the laws. */
function basisSentence(operation: Operation, subjects: readonly Subject[]): string {
  const gov = orUnset(operation.organisingGovernment);
  return (
    // 条例第二十八条第一款 / 行政强制法第五十三条: no review or suit sought, obligation not performed, so the court was applied to.
    `依据${basisText(operation)}，被执行人${subjectNames(subjects)}应当在规定期限内搬迁，但至今未搬迁。` +
    // 法释〔2012〕4号第九条: the court rules on the application and names who organises the enforcement.
    `经依法申请，${rulingText(operation)}，${rulingScopeText(operation)}，由${gov}组织实施。` +
    `根据${basisLaws(operation.basisDocument.kind)}的规定，`
  );
}

/** 补偿款 and housing: 条例第二十七条 (先补偿、后搬迁) and what 第二十八条第二款 makes the application carry. */
export function compensationText(particulars: NoticeParticulars | undefined, leadUnit: string): string {
  if (!particulars) return '补偿安置：（未填写补偿款存放及安置房屋情况）';
  const c = particulars.compensation;
  const money =
    c.arrangement === 'account'
      ? // 条例第二十八条第二款: 补偿金额和专户存储账号.
        `补偿安置：依照上述决定，你（们）的补偿款人民币${formatYuan(c.amount)}已专户存储，开户银行${orUnset(c.bank)}，户名${orUnset(c.accountName)}，账号${orUnset(c.accountNumber)}，可凭身份证件向${orUnset(leadUnit)}申请领取。`
      : // Seed 001 §四(一): the money a subject refused is lodged with a notary (提存), and they are told where.
        `补偿安置：你（们）拒绝领取补偿款，补偿款人民币${formatYuan(c.amount)}已依法提存于${orUnset(c.notaryOffice)}，提存公证书编号${orUnset(c.certificateNumber)}，可向该公证机构领取。`;
  const h = particulars.housing;
  // 条例第二十八条第二款: 产权调换房屋和周转用房的地点和面积.
  const housing = h.kind === 'none' ? '' : `${housingKindLabels[h.kind]}位于${orUnset(h.address)}，建筑面积${formatArea(h.area)}。`;
  return money + housing;
}

/** Where removed belongings go and how they are collected (seed 000 §四(九); 民事诉讼法第二百六十一条 applied by analogy). */
export function storageText(particulars: NoticeParticulars | undefined): string {
  if (!particulars) return '搬出物品的存放和领取：（未填写物品存放地点和领取方式）';
  return (
    `搬出物品的存放和领取：屋内物品在公证机构现场公证下逐件清点登记、拍照录像，封存后运至${orUnset(particulars.storagePlace)}存放；` +
    `${orUnset(particulars.collection)}。`
  );
}

/** 联系人及电话: whom the subject calls, in the issuing body's name. */
export function contactText(particulars: NoticeParticulars | undefined, issuer: string): string {
  if (!particulars) return '联系人及电话：（未填写）';
  return `联系人及电话：${issuer}，${orUnset(particulars.contactPerson)}，${orUnset(particulars.contactPhone)}。`;
}

/**
 * Remedies. 法释〔2018〕1号第一条第二款第七项 takes acts done under an effective ruling out of
 * 行政诉讼 except where the scope is exceeded or unlawful means are used: so no blanket
 * "六十日内复议、六个月内诉讼" promise, and not 执行异议 (a civil-procedure remedy against
 * the court's own enforcement). Opinions go to the organising body or to the ruling court.
 */
export function remedyText(operation: Operation): string {
  const issuer = orUnset(issuingBodyName(operation));
  return (
    // 法释〔2018〕1号第一条第二款第七项 (the exception), 国家赔偿法第四条 (compensation).
    `本次强制执行依照人民法院已经生效的裁定实施。实施中扩大裁定确定的执行范围或者采取违法方式实施的，你（们）可以依法向人民法院提起行政诉讼，并可以依照${LAW.compensation}请求赔偿。` +
    // Opinions: to the organising body (its contact follows) or to the ruling court.
    `对本次强制执行有意见的，可以向${issuer}反映，也可以向${orUnset(operation.courtRuling.court)}反映。`
  );
}

// ——— 《强制执行告知书》 ———

/** To whom the notice is served. */
export interface NoticeAddressee {
  name: string;
  idType: IdType;
  idNumber: string;
  address: string;
}

/** The notice's paragraphs in print order, each as the user last edited it. */
export interface NoticeText {
  /** 事实、理由和依据: the decision, the ruling and its scope, the laws (seed 000 §四(二)). */
  basis: string;
  /** 强制执行的内容 */
  content: string;
  /** 补偿款（专户或提存）、产权调换房屋或周转用房; absent on drafts made before it was asked. */
  compensation?: string;
  /** 强制执行的方式和时间 (seed 002 §四(二十二)4) */
  methodAndTime: string;
  /** 自行履行的期限 */
  selfPerformance: string;
  /** 搬出物品的存放和领取 */
  storage?: string;
  /** 不履行的法律后果 */
  consequences: string;
  /** 救济途径和意见反映渠道 */
  remedy: string;
  /** 联系人及电话 */
  contact?: string;
  /** 特此告知。 */
  closing: string;
}

/** The planned enforcement window a document states; '' until entered. */
export interface EnforcementWindow {
  start: IsoInstant | '';
  end: IsoInstant | '';
}

export interface NoticeData {
  /** 临江强执告〔2026〕3号 */
  documentNumber: string;
  addressees: NoticeAddressee[];
  /**
   * Print identity numbers in full. Off by default: a notice identifies the person by
   * name and address, and a copy is often posted at the door (留置送达); turn it on only
   * where the document legally needs the number.
   */
  showFullIdNumber?: boolean;
  text: NoticeText;
  /** 作出告知的机关 (the government or its designated lead unit), printed above the date; the seal is stamped there on paper. */
  issuer: string;
  issuedOn: IsoDate;
  /** The enforcement time the text states, checked at issue against the final plan and the law; absent on old drafts. */
  enforcement?: EnforcementWindow;
  isDemo: boolean;
}

export interface NoticeTextOptions {
  /** Planned start and end of the enforcement. */
  start: IsoInstant | '';
  end?: IsoInstant | '';
  /** 自行履行期限 in days, counted from service. */
  selfPerformanceDays: number;
}

/** 被执行人 line: the name and, masked unless asked for, the identity number. */
export function addresseeIdNumber(addressee: NoticeAddressee, showFull = false): string {
  const id = addressee.idNumber.trim();
  if (!id) return '';
  return showFull ? id : maskIdNumber(id);
}

export const idLabel = (idType: IdType): string => (idType === 'residentId' ? '公民身份号码' : '身份证件号码');

export const addresseesOf = (subjects: readonly Subject[]): NoticeAddressee[] =>
  [...subjects]
    .sort((a, b) => a.position - b.position)
    .map(({ name, idType, idNumber, address }) => ({ name, idType, idNumber, address }));

/** Periods in Chinese numerals as official documents write them (十、十五、三十); beyond 99 in digits. */
export const periodNumber = (days: number): string => (Number.isInteger(days) && days >= 1 && days <= 99 ? chineseNumeral(days) : String(days));

/** 2026年12月8日9时00分至12时00分, or 未确定. */
const windowOrUnset = (start: IsoInstant | '', end?: IsoInstant | '') => (start ? windowText(start, end || undefined) : '（未确定）');

/**
 * 自本告知书送达之日起十日内: the period runs from each subject's own service (行政强制法第三十八条
 * → 民事诉讼法第八十五条: the first day is not counted, a last day that is a rest day moves on).
 */
export function selfPerformanceWording(days: number, lead: string): string {
  return `自行履行期限：请你（们）自本告知书送达之日起${periodNumber(days)}日内自行搬离上述房屋，腾空后交付${orUnset(lead)}（期间开始的日不计算在内，期间届满的最后一日是法定休假日的，以法定休假日后的第一日为期间届满的日期）。`;
}

/** What the enforcement covers: the scope the ruling allows and nothing more (法释〔2012〕4号第九条). */
function contentText(operation: Operation): string {
  const property = orUnset(operation.propertyAddress);
  const lead = orUnset(operation.leadUnit);
  return demolitionAllowed(operation.courtRuling)
    ? `强制执行的内容：对位于${property}的房屋实施强制搬迁，迁出屋内人员和物品，腾空后交由${lead}接收；房屋腾空后依照裁定予以拆除，拆除前另行送达强制拆除通知书。`
    : `强制执行的内容：对位于${property}的房屋实施强制搬迁，迁出屋内人员和物品，腾空后交由${lead}接收。裁定未准予拆除，本次强制执行不拆除房屋。`;
}

/** The default paragraphs of the notice, for the user to edit. */
export function defaultNoticeText(operation: Operation, subjects: readonly Subject[], options: NoticeTextOptions): NoticeText {
  const p = operation.particulars;
  const issuer = orUnset(issuingBodyName(operation));
  return {
    basis: `${basisSentence(operation, subjects)}现将有关事项告知如下：`,
    content: contentText(operation),
    compensation: compensationText(p, operation.leadUnit),
    // Seed 002 §四(二十二)4: the notice states the time and the manner.
    methodAndTime: `强制执行的方式和时间：${p ? orUnset(p.method) : '（未填写强制执行的方式）'}；执行时间为${windowOrUnset(options.start, options.end)}。`,
    selfPerformance: selfPerformanceWording(options.selfPerformanceDays, operation.leadUnit),
    storage: storageText(p),
    consequences:
      // 行政强制法第六十条第一款: 强制执行的费用由被执行人承担.
      `逾期不履行的：期限届满仍未搬离的，${issuer}将依照上述裁定组织强制执行，强制执行所需费用由被执行人承担（${LAW.coercion}第六十条）；` +
      // 民事诉讼法第二百六十一条 (by analogy): loss from refusing to take the belongings falls on the subject.
      `因拒绝接收搬出物品造成的损失，由被执行人承担。` +
      `阻碍执行的，由公安机关依照${LAW.security}处理；构成犯罪的，依法追究刑事责任。`,
    remedy: remedyText(operation),
    contact: contactText(p, issuer),
    closing: '特此告知。',
  };
}

/** A notice with the default wording, addressed to all subjects, ready to edit. */
export function noticeFromOperation(
  operation: Operation,
  subjects: readonly Subject[],
  options: NoticeTextOptions & { documentNumber: string; issuedOn: IsoDate },
): NoticeData {
  return {
    documentNumber: options.documentNumber,
    addressees: addresseesOf(subjects),
    showFullIdNumber: false,
    text: defaultNoticeText(operation, subjects, options),
    issuer: orUnset(issuingBodyName(operation)),
    issuedOn: options.issuedOn,
    enforcement: { start: options.start, end: options.end ?? '' },
    isDemo: operation.isDemo,
  };
}

/** The notice's paragraphs as they are printed, in order; parts left empty are not printed. */
export const noticeParagraphKeys = [
  'basis',
  'content',
  'compensation',
  'methodAndTime',
  'selfPerformance',
  'storage',
  'consequences',
  'remedy',
  'contact',
] as const satisfies readonly (keyof NoticeText)[];

/** The paragraphs in print order. */
export const noticeParagraphs = (text: NoticeText): string[] =>
  noticeParagraphKeys.map((key) => text[key] ?? '').filter((p) => p.trim() !== '');

// ——— 《强制执行公告》 ———

export interface AnnouncementText {
  /** The opening: basis (decision and ruling numbers), ending 现公告如下： */
  preamble: string;
  /** Numbered 一、二、… on print: matters, period, time, compensation, belongings, costs, order, opinions. */
  items: string[];
  /** 特此公告。 */
  closing: string;
}

export interface AnnouncementData {
  documentNumber: string;
  text: AnnouncementText;
  issuer: string;
  issuedOn: IsoDate;
  /** 搬离期限 in days from the announcement, set by the user; absent on old drafts. */
  moveOutDays?: number;
  /** Its last day (民诉法第八十五条), printed in the text. */
  moveOutEndsOn?: IsoDate;
  enforcement?: EnforcementWindow;
  isDemo: boolean;
}

export interface AnnouncementTextOptions {
  start: IsoInstant | '';
  end?: IsoInstant | '';
  /** 搬离期限 in days and its last day, computed by the caller with shared/calendar. */
  moveOutDays: number;
  moveOutEndsOn: IsoDate;
  /** Who bears the costs (行政强制法第六十条): 被执行人 by default. */
  costBearer?: string;
}

/** 被执行人应当自本公告发布之日起十五日内，即于2026年12月21日前自行搬离 (民诉法第八十五条 counting). */
export const moveOutWording = (names: string, days: number, endsOn: IsoDate): string =>
  `被执行人${names}应当自本公告发布之日起${periodNumber(days)}日内，即于${formatChineseDate(endsOn)}前自行搬离上述房屋，腾空后交付；逾期未搬离的，依法强制执行。`;

/** 强制执行时间：…: the announcement states when (seed 000 §四(四)). */
export const announcementTimeWording = (particulars: NoticeParticulars | undefined, start: IsoInstant | '', end?: IsoInstant | ''): string =>
  `强制执行时间：${windowOrUnset(start, end)}；强制执行方式：${particulars ? orUnset(particulars.method) : '（未填写）'}。`;

export function defaultAnnouncementText(
  operation: Operation,
  subjects: readonly Subject[],
  options: AnnouncementTextOptions,
): AnnouncementText {
  const p = operation.particulars;
  const issuer = orUnset(issuingBodyName(operation));
  const property = orUnset(operation.propertyAddress);
  // Demolition is announced only when the ruling allows it (法释〔2012〕4号第九条; seed 001 §四(四)).
  const matters = demolitionAllowed(operation.courtRuling)
    ? `${issuer}将依照上述裁定对位于${property}的房屋实施强制搬迁，迁出屋内人员和物品；房屋腾空后依法拆除，拆除十五日前另行送达强制拆除通知书并函告有关单位。`
    : `${issuer}将依照上述裁定对位于${property}的房屋实施强制搬迁，迁出屋内人员和物品，腾空房屋（裁定未准予拆除）。`;
  return {
    preamble: `${basisSentence(operation, subjects)}现公告如下：`,
    items: [
      matters,
      moveOutWording(subjectNames(subjects), options.moveOutDays, options.moveOutEndsOn),
      announcementTimeWording(p, options.start, options.end),
      compensationText(p, operation.leadUnit),
      storageText(p),
      // 行政强制法第六十条.
      `强制执行所需费用由${options.costBearer?.trim() || '被执行人'}承担（${LAW.coercion}第六十条）。`,
      `强制执行期间，现场周边实行临时警戒，无关人员不得进入。任何单位和个人不得阻碍执行；阻碍执行的，由公安机关依照${LAW.security}处理；构成犯罪的，依法追究刑事责任。`,
      remedyText(operation),
    ],
    closing: '特此公告。',
  };
}

export function announcementFromOperation(
  operation: Operation,
  subjects: readonly Subject[],
  options: AnnouncementTextOptions & { documentNumber: string; issuedOn: IsoDate },
): AnnouncementData {
  return {
    documentNumber: options.documentNumber,
    text: defaultAnnouncementText(operation, subjects, options),
    issuer: orUnset(issuingBodyName(operation)),
    issuedOn: options.issuedOn,
    moveOutDays: options.moveOutDays,
    moveOutEndsOn: options.moveOutEndsOn,
    enforcement: { start: options.start, end: options.end ?? '' },
    isDemo: operation.isDemo,
  };
}
