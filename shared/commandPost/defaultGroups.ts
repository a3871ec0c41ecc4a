// Pure. The nine working groups of the brief (§3), duties worded after seed 000 §四–§五.
import type { StandardGroupCode } from './types';

export const standardGroups: Record<StandardGroupCode, { name: string; duties: string }> = {
  security: {
    name: '安全保卫和应急处置组',
    duties: '负责现场外围警戒，现场及周边秩序维护，现场群众疏导以及各类突发事件的应急处置。',
  },
  negotiation: {
    name: '疏导谈判组',
    duties: '强制执行启动后向被执行人宣告实施强制执行，做好被执行人工作，争取被执行人的配合。',
  },
  personnel: {
    name: '人员布控组',
    duties: '被执行人拒绝配合的，按照强制执行预案将被执行人安全带离执行现场，也可护送至周转房或安置房。',
  },
  inventory: {
    name: '清登搬家组',
    duties: '在公证机构公证下对被执行房屋内的物品进行清点打包，并负责将物品运送至周转房或安置房，全程公证。',
  },
  demolition: {
    name: '房屋拆除组',
    duties: '清登搬家工作完成后对被执行房屋实施拆除，拆除工作应符合安全、环保等相关规定。',
  },
  fireMedical: {
    name: '消防救护组',
    duties: '负责现场消防安全和医疗救护保障，随时应对火情和人员伤病。',
  },
  publicOpinion: {
    name: '舆情监控组',
    duties: '了解掌握强制执行工作的情况信息，统一对外宣传和答复口径。',
  },
  evidence: {
    name: '证据保全组',
    duties: '对强制执行过程全程录像，做好强制执行档案的收集、整理和归档工作，配合公证机构做好公证工作。',
  },
  aftercare: {
    name: '善后维稳组',
    duties: '督促相关单位做好被执行人矛盾化解及稳控工作，保障周转或安置用房的正常使用，保障被执行人与项目实施单位沟通渠道畅通。',
  },
};
