// Pure. The built-in 示例行动 for training: realistic but fictional people, places and
// numbers (no real case). Kept as form input so it goes through the same validation.
import { DEMO_TRAINING } from '../commandPost/demo';
import type { NewOperationInput } from './newOperation';
import type { ParticularsInput } from './particulars';
import type { IsoDate } from './types';

/** When the demo's decision was made, the court ruled and the command post was trained. */
export interface DemoHistory {
  decisionOn: IsoDate;
  ruledOn: IsoDate;
  trainedOn: IsoDate;
}

/**
 * The fixed demo's: the decision nine months before the ruling (the six-month 起诉期限 ran out,
 * then the 催告 and the application followed within three months, 行政强制法第五十三条、第五十四条);
 * `npm run demo -- --today` computes others (shared/demo/dates.ts).
 */
export const DEMO_HISTORY: DemoHistory = { decisionOn: '2025-12-10', ruledOn: '2026-09-15', trainedOn: DEMO_TRAINING.date };

/** The demo operation decided and ruled on the given days; the document numbers carry their years. */
export const demoOperationInputOn = ({ decisionOn, ruledOn }: Pick<DemoHistory, 'decisionOn' | 'ruledOn'>): NewOperationInput => ({
  courtRuling: {
    court: '滨江市临江区人民法院',
    number: `（${ruledOn.slice(0, 4)}）滨0103行审45号`,
    date: ruledOn,
    scope: 'relocationAndDemolition',
    scopeLimit: '',
  },
  basisDocument: {
    kind: 'compensationDecision',
    number: `临江征补决〔${decisionOn.slice(0, 4)}〕31号`,
    date: decisionOn,
  },
  organisingGovernment: '滨江市临江区人民政府',
  leadUnit: '滨江市临江区房屋征收事务中心',
  issuingBody: 'organisingGovernment',
  propertyAddress: '滨江市临江区河西街道柳巷胡同17号',
  subjects: [
    {
      name: '张建国',
      idType: 'residentId',
      // Valid check digit, fictional person.
      idNumber: '110101196203154515',
      phone: '13800138000',
      address: '滨江市临江区河西街道柳巷胡同17号',
    },
    {
      name: '李秀兰',
      idType: 'residentId',
      idNumber: '110101196508123023',
      phone: '',
      address: '滨江市临江区河西街道柳巷胡同17号',
    },
  ],
});

export const demoOperationInput: NewOperationInput = demoOperationInputOn(DEMO_HISTORY);

/** What the demo's notice and announcement tell the subjects (fictional bank account). */
export const demoParticularsInput: ParticularsInput = {
  compensation: {
    amount: 2386540,
    arrangement: 'account',
    bank: '中国工商银行滨江临江支行',
    accountName: '滨江市临江区房屋征收事务中心征收补偿款专户',
    accountNumber: '1907 0211 0920 0012 345',
    notaryOffice: '',
    certificateNumber: '',
  },
  housing: { kind: 'interimHousing', address: '滨江市临江区柳巷周转房3号楼201室', area: 86.4 },
  method: '强制搬迁：屋内人员由工作人员护送离开，屋内物品当场清点登记、拍照录像，经公证后封箱运至存放地点',
  storagePlace: '滨江市临江区柳巷周转房3号楼201室',
  collection: '物品由临江区房屋征收事务中心代为保管，被执行人可凭身份证件于工作日9时至17时到存放地点清点领取',
  contactPerson: '林涛（临江区房屋征收事务中心）',
  contactPhone: '0731-84561230',
};
