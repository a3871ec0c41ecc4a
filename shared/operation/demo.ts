// Pure. The built-in 示例行动 for training: realistic but fictional people, places and
// numbers (no real case). Kept as form input so it goes through the same validation.
import type { NewOperationInput } from './newOperation';

export const demoOperationInput: NewOperationInput = {
  courtRuling: {
    court: '滨江市临江区人民法院',
    number: '（2026）滨0103行审45号',
    date: '2026-09-15',
  },
  basisDocument: {
    kind: 'compensationDecision',
    number: '临江征补决〔2026〕12号',
    date: '2026-05-20',
  },
  organisingGovernment: '滨江市临江区人民政府',
  leadUnit: '滨江市临江区房屋征收事务中心',
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
