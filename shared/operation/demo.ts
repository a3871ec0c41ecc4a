// Pure. The built-in 示例行动 for training: realistic but fictional people, places and
// numbers (no real case). Kept as form input so it goes through the same validation.
import type { NewOperationInput } from './newOperation';
import type { ParticularsInput } from './particulars';

export const demoOperationInput: NewOperationInput = {
  courtRuling: {
    court: '滨江市临江区人民法院',
    number: '（2026）滨0103行审45号',
    date: '2026-09-15',
    scope: 'relocationAndDemolition',
    scopeLimit: '',
  },
  basisDocument: {
    kind: 'compensationDecision',
    // Nine months before the ruling: the six-month 起诉期限 ran out, then the 催告 and the
    // application followed within three months (行政强制法第五十三条, 第五十四条).
    number: '临江征补决〔2025〕31号',
    date: '2025-12-10',
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
};

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
