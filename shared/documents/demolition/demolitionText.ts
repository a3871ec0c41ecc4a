// Pure. 《强制拆除通知书》 to the subjects and the 函告 to the units concerned: where the ruling
// allows demolition, the subjects are served 15 days before it and the units (water, power,
// gas, the subdistrict…) are told (seed 001 §四(四)). Default wording with its basis beside
// each sentence; every word stays editable before issue.
import { addDays } from '../../calendar/dates';
import { formatChineseDate } from '../../operation/formats';
import { issuingBodyName, type IsoDate, type Operation, type Subject } from '../../operation/types';
import { addresseesOf, basisText, contactText, remedyText, rulingScopeText, rulingText, subjectNames, type NoticeAddressee } from '../notice/noticeText';
import { orUnset } from '../plan/printData';

/** Seed 001 §四(四): 在强制拆除15日前…送达强制拆除通知书. */
export const DEMOLITION_NOTICE_DAYS = 15;

/** The earliest demolition day for a notice served on `servedOn`: fifteen full days between. */
export const earliestDemolitionDay = (servedOn: IsoDate): IsoDate => addDays(servedOn, DEMOLITION_NOTICE_DAYS);

export interface DemolitionNoticeText {
  /** The decision, the ruling and its scope (it must allow demolition). */
  basis: string;
  /** What is demolished and from when. */
  content: string;
  /** Belongings still inside, and the utilities isolated for safety (not to force a move). */
  safety: string;
  remedy: string;
  contact: string;
  /** 特此通知。 */
  closing: string;
}

export interface DemolitionNoticeData {
  documentNumber: string;
  addressees: NoticeAddressee[];
  /** The subjects it is served on: each must be served 15 days before demolition. */
  subjectIds: string[];
  text: DemolitionNoticeText;
  issuer: string;
  issuedOn: IsoDate;
  /** The planned first day of demolition, '' until entered. */
  demolitionOn: IsoDate | '';
  isDemo: boolean;
}

/** 2026年12月28日起, or a blank to fill. */
const dayOrUnset = (date: IsoDate | '') => (date ? formatChineseDate(date) : '（未确定）');

export function defaultDemolitionNoticeText(operation: Operation, subjects: readonly Subject[], demolitionOn: IsoDate | ''): DemolitionNoticeText {
  const issuer = orUnset(issuingBodyName(operation));
  const p = operation.particulars;
  return {
    basis:
      `依据${basisText(operation)}，经依法申请，${rulingText(operation)}，${rulingScopeText(operation)}，由${orUnset(operation.organisingGovernment)}组织实施。` +
      `被执行人${subjectNames(subjects)}至今未自行搬离、交付房屋。现将强制拆除有关事项通知如下：`,
    // Seed 001 §四(四): the notice is served fifteen days before demolition.
    content: `位于${orUnset(operation.propertyAddress)}的房屋定于${dayOrUnset(demolitionOn)}起依法拆除。本通知送达之日至拆除之日不少于十五日。`,
    safety:
      `请你（们）在拆除前搬出房屋内全部物品；拆除时房屋内遗留的物品，由${issuer}在公证机构公证下清点登记后运至${p ? orUnset(p.storagePlace) : '指定地点'}存放。` +
      // Seed 000 §四(十一) safety; 条例第二十七条第三款 forbids cutting supplies to force a move.
      '拆除前，由供水、供电、供气等单位对该房屋的设施依法予以隔离，以保障拆除安全；该隔离只在房屋腾空后、拆除前进行，不作为迫使搬迁的手段。',
    remedy: remedyText(operation),
    contact: contactText(p, issuer),
    closing: '特此通知。',
  };
}

export function demolitionNoticeFromOperation(
  operation: Operation,
  subjects: readonly Subject[],
  options: { demolitionOn: IsoDate | ''; documentNumber: string; issuedOn: IsoDate },
): DemolitionNoticeData {
  const sorted = [...subjects].sort((a, b) => a.position - b.position);
  return {
    documentNumber: options.documentNumber,
    addressees: addresseesOf(sorted),
    subjectIds: sorted.map((s) => s.id),
    text: defaultDemolitionNoticeText(operation, sorted, options.demolitionOn),
    issuer: orUnset(issuingBodyName(operation)),
    issuedOn: options.issuedOn,
    demolitionOn: options.demolitionOn,
    isDemo: operation.isDemo,
  };
}

export const demolitionNoticeParagraphKeys = ['basis', 'content', 'safety', 'remedy', 'contact'] as const satisfies readonly (keyof DemolitionNoticeText)[];

// ——— 函告 to the units concerned ———

export interface UnitLetterText {
  /** Why: the ruling, its scope, the demolition day. */
  body: string;
  /** What the units are asked to do. */
  requests: string;
  contact: string;
  /** 特此函告。 */
  closing: string;
}

export interface UnitLetterData {
  documentNumber: string;
  /** 主送: the units, as printed before the body (e.g. 国网…供电中心、…水务…、…燃气…、…街道办事处). */
  recipients: string;
  text: UnitLetterText;
  issuer: string;
  issuedOn: IsoDate;
  demolitionOn: IsoDate | '';
  isDemo: boolean;
}

/** The units a 函告 usually goes to: whoever isolates supplies, and the subdistrict. */
export const DEFAULT_LETTER_RECIPIENTS = '供电、供水、供气单位，所在街道办事处';

export function defaultUnitLetterText(operation: Operation, demolitionOn: IsoDate | ''): UnitLetterText {
  const issuer = orUnset(issuingBodyName(operation));
  const p = operation.particulars;
  return {
    body:
      `${rulingText(operation)}，${rulingScopeText(operation)}，由${orUnset(operation.organisingGovernment)}组织实施。` +
      `位于${orUnset(operation.propertyAddress)}的房屋定于${dayOrUnset(demolitionOn)}起依法拆除。`,
    requests:
      // Seed 000 §四(十一): utilities isolated by their units before demolition; 条例第二十七条第三款: never to force a move.
      '请贵单位在房屋腾空后、拆除前，对该房屋的供水、供电、供气等设施依法予以隔离，并派员到场配合，确保拆除安全。' +
      '房屋腾空前，不得以中断供水、供电、供气等方式迫使被执行人搬迁（《国有土地上房屋征收与补偿条例》第二十七条第三款）。',
    contact: contactText(p, issuer),
    closing: '特此函告。',
  };
}

export function unitLetterFromOperation(
  operation: Operation,
  options: { demolitionOn: IsoDate | ''; documentNumber: string; issuedOn: IsoDate; recipients?: string },
): UnitLetterData {
  return {
    documentNumber: options.documentNumber,
    recipients: options.recipients ?? DEFAULT_LETTER_RECIPIENTS,
    text: defaultUnitLetterText(operation, options.demolitionOn),
    issuer: orUnset(issuingBodyName(operation)),
    issuedOn: options.issuedOn,
    demolitionOn: options.demolitionOn,
    isDemo: operation.isDemo,
  };
}

export const unitLetterParagraphKeys = ['body', 'requests', 'contact'] as const satisfies readonly (keyof UnitLetterText)[];
