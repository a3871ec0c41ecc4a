// Pure. What 《强制执行告知书》 and 《强制执行公告》 print, and the default wording the user
// starts from: the data carries the final text of every paragraph, so every word can be
// edited before printing; kept apart from the layout so it can be tested without rendering.
import { basisDocumentKindLabels, type IdType, type IsoDate, type IsoInstant, type Operation, type Subject } from '../../operation/types';
import { formatChineseDate, maskIdNumber } from '../../operation/formats';
import { formatWindow, orUnset } from '../plan/printData';

/** 2026年12月8日9时00分至12时00分: the window in running text, where Chinese takes no spaces. */
export const windowText = (start: IsoInstant, end?: IsoInstant): string => formatWindow(start, end ?? '').replace(/\s+/g, '');

/** The laws the default wording cites, spelled once. */
export const LAW = {
  coercion: '《中华人民共和国行政强制法》',
  regulation: '《国有土地上房屋征收与补偿条例》',
  interpretation:
    '《最高人民法院关于办理申请人民法院强制执行国有土地上房屋征收补偿决定案件若干问题的规定》（法释〔2012〕4号）',
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
export const rulingText = ({ courtRuling }: Operation): string =>
  `${orUnset(courtRuling.court)}${formatChineseDate(courtRuling.date)}作出的${orUnset(courtRuling.number)}《行政裁定书》`;

/** 2026年5月20日作出的临江征补决〔2026〕12号《房屋征收补偿决定书》 */
export const basisText = ({ basisDocument }: Operation): string =>
  `${formatChineseDate(basisDocument.date)}作出的${orUnset(basisDocument.number)}《${basisDocumentKindLabels[basisDocument.kind]}》`;

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
  /** 事实、理由和依据 (ruling, basis document, the laws) */
  basis: string;
  /** 强制执行的内容 */
  content: string;
  /** 强制执行的方式和时间 (行政强制法 第三十七条) */
  methodAndTime: string;
  /** 自行履行的期限 */
  selfPerformance: string;
  /** 不履行的法律后果 */
  consequences: string;
  /** 陈述申辩、复议和诉讼的途径与期限; contested for this document, so always editable */
  remedy: string;
  /** 特此告知。 */
  closing: string;
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
  /** 作出告知的行政机关, printed above the date; the seal is stamped there on paper. */
  issuer: string;
  issuedOn: IsoDate;
  isDemo: boolean;
}

/**
 * The default remedy paragraph. Whether an enforcement notice can itself be challenged is
 * contested (it carries out a court ruling), so this says what is certain: the right to
 * state and defend (行政强制法 第三十六条) and the general time limits of 行政复议法 第二十条
 * (60 days) and 行政诉讼法 第四十六条 (6 months). The user edits it per case.
 */
export const DEFAULT_NOTICE_REMEDY =
  '你（们）对本告知书告知的事项，有权进行陈述和申辩。认为本机关实施强制执行的行为侵犯你（们）合法权益的，可以自知道该行为之日起六十日内依法申请行政复议，或者自知道该行为之日起六个月内依法向人民法院提起行政诉讼。';

export interface NoticeTextOptions {
  /** Planned start and end of the enforcement (from the plan). */
  start: IsoInstant;
  end?: IsoInstant;
  /** Last day to move out voluntarily, computed by the deadline rules. */
  selfPerformanceDeadline: IsoDate;
  /** 强制执行的内容, if not the default (vacating and handing over the property). */
  content?: string;
  /** 强制执行的方式, if not the default. */
  method?: string;
  /** Remedy wording, if not DEFAULT_NOTICE_REMEDY. */
  remedy?: string;
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

/** The default paragraphs of the notice, for the user to edit. */
export function defaultNoticeText(operation: Operation, subjects: readonly Subject[], options: NoticeTextOptions): NoticeText {
  const gov = orUnset(operation.organisingGovernment);
  const lead = orUnset(operation.leadUnit);
  const property = orUnset(operation.propertyAddress);
  const names = subjectNames(subjects);
  return {
    basis:
      `依据${basisText(operation)}，被执行人${names}应当在规定期限内搬迁，但至今未搬迁。` +
      `经申请，${rulingText(operation)}裁定准予执行，由${gov}组织实施。` +
      `根据${LAW.coercion}第三十五条、第三十七条，${LAW.regulation}第二十八条和${LAW.interpretation}第九条的规定，现将有关事项告知如下：`,
    content:
      options.content?.trim() ||
      `强制执行的内容：对位于${property}的房屋实施强制搬迁，腾空房屋后交由${lead}接收。`,
    methodAndTime:
      `强制执行的方式和时间：${options.method?.trim() || `由${gov}组织有关单位依法实施强制搬迁，屋内物品当场登记造册、拍照录像，经公证后运至指定地点存放并移交被执行人`}；` +
      `执行时间为${windowText(options.start, options.end)}。`,
    selfPerformance: `请你（们）于${formatChineseDate(options.selfPerformanceDeadline)}前自行搬离上述房屋，腾空后交付${lead}。`,
    consequences:
      `逾期不履行的，本机关将依法强制执行，强制执行所需费用由被执行人承担（${LAW.coercion}第六十条）；` +
      `阻碍执行的，由公安机关依照${LAW.security}处理；构成犯罪的，依法追究刑事责任。`,
    remedy: options.remedy?.trim() || DEFAULT_NOTICE_REMEDY,
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
    issuer: orUnset(operation.organisingGovernment),
    issuedOn: options.issuedOn,
    isDemo: operation.isDemo,
  };
}

/** The paragraphs in print order. */
export const noticeParagraphs = (text: NoticeText): string[] =>
  [text.basis, text.content, text.methodAndTime, text.selfPerformance, text.consequences, text.remedy].filter(
    (p) => p.trim() !== '',
  );

// ——— 《强制执行公告》 ———

export interface AnnouncementText {
  /** The opening: basis (decision and ruling numbers), ending 现公告如下： */
  preamble: string;
  /** Numbered 一、二、… on print: matters, time, moving-out deadline, costs, order on site. */
  items: string[];
  /** 特此公告。 */
  closing: string;
}

export interface AnnouncementData {
  documentNumber: string;
  text: AnnouncementText;
  issuer: string;
  issuedOn: IsoDate;
  isDemo: boolean;
}

export interface AnnouncementTextOptions {
  start: IsoInstant;
  end?: IsoInstant;
  /** Last day to move out. */
  moveOutDeadline: IsoDate;
  /** Who bears the costs (行政强制法 第六十条): 被执行人 by default. */
  costBearer?: string;
}

export function defaultAnnouncementText(
  operation: Operation,
  subjects: readonly Subject[],
  options: AnnouncementTextOptions,
): AnnouncementText {
  const gov = orUnset(operation.organisingGovernment);
  const property = orUnset(operation.propertyAddress);
  const names = subjectNames(subjects);
  return {
    preamble:
      `依据${basisText(operation)}，被执行人${names}应当在规定期限内搬迁，但至今未搬迁。` +
      `经申请，${rulingText(operation)}裁定准予执行，由${gov}组织实施。` +
      `根据${LAW.coercion}、${LAW.regulation}第二十八条和${LAW.interpretation}第九条的规定，现公告如下：`,
    items: [
      `本机关将对位于${property}的房屋依法实施强制执行，强制搬迁屋内人员和物品，腾空房屋。`,
      `强制执行时间：${windowText(options.start, options.end)}。`,
      `被执行人应当于${formatChineseDate(options.moveOutDeadline)}前自行搬离上述房屋；逾期未搬离的，依法强制执行。`,
      `强制执行所需费用由${options.costBearer?.trim() || '被执行人'}承担（${LAW.coercion}第六十条）。`,
      `强制执行期间，现场周边实行临时警戒，无关人员不得进入。任何单位和个人不得阻碍执行；阻碍执行的，由公安机关依照${LAW.security}处理；构成犯罪的，依法追究刑事责任。`,
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
    issuer: orUnset(operation.organisingGovernment),
    issuedOn: options.issuedOn,
    isDemo: operation.isDemo,
  };
}
