// Pure. The demo's 强制执行预案 as the commander would fill it in: the day on site (a working
// day after every period, shared/demo/dates.ts), daytime; every group with its task and post; the seven contingencies
// answered; 先补偿、后搬迁 confirmed (条例第二十七条、第二十八条); no supply cut to force the move.
import type { StandardGroupCode, WorkingGroup } from '../commandPost/types';
import { demoParticularsInput } from '../operation/demo';
import type { IsoDate } from '../operation/types';
import { emptyPlanContent } from '../plan/planContent';
import type { ContingencyKind, PlanContent } from '../plan/types';

/** The window on the day of enforcement: 08:30–16:00 China time, in daylight. */
const enforcementWindow = (day: IsoDate) => ({ start: `${day}T08:30:00.000+08:00`, end: `${day}T16:00:00.000+08:00` });

const tasks: Record<StandardGroupCode, { task: string; position: string; reportTime: string }> = {
  security: { task: '设置外围警戒线，维护现场及周边秩序，疏导围观群众', position: '柳巷胡同南北两口', reportTime: '07:50' },
  negotiation: { task: '向被执行人宣告强制执行，释法说理，劝导其配合', position: '17号院门口', reportTime: '07:50' },
  personnel: { task: '被执行人拒不配合时，将其安全带离现场，护送至周转房', position: '17号院内', reportTime: '07:50' },
  inventory: { task: '在公证员监督下逐间清点、登记、拍照、封箱，运至周转房', position: '17号院内各房间', reportTime: '08:00' },
  demolition: { task: '清登完成、房屋腾空后，由供水、供电、供气单位断开房屋的供应，再实施房屋拆除', position: '柳巷胡同北口待命', reportTime: '09:00' },
  fireMedical: { task: '排查液化气罐等易燃物品，急救车现场待命', position: '柳巷口急救车旁', reportTime: '07:50' },
  publicOpinion: { task: '监测网络舆情，统一对外答复口径', position: '河西街道办事处', reportTime: '08:00' },
  evidence: { task: '执法记录仪全程录像，登记影像资料，协助公证', position: '随现场指挥', reportTime: '07:50' },
  aftercare: { task: '陪同家属至周转房，协调老人就医、孩子就学', position: '柳巷周转房3号楼', reportTime: '08:00' },
};

const measures: Record<Exclude<ContingencyKind, 'other'>, { measures: string; groups: StandardGroupCode[] }> = {
  selfHarm: { measures: '人员布控组贴身看护，医护人员随行，立即停止强制措施并报告现场指挥', groups: ['personnel', 'fireMedical'] },
  gasCylinders: { measures: '消防人员先行进入，将屋内两瓶液化气罐移至安全地点', groups: ['fireMedical'] },
  crowdGathering: { measures: '扩大警戒范围，街道干部劝离，必要时由公安依法处置', groups: ['security', 'aftercare'] },
  mediaFilming: { measures: '舆情监控组统一答复，不与围观拍摄人员争执', groups: ['publicOpinion'] },
  suddenIllness: { measures: '急救车现场待命，王桂芳由医护人员优先转移至周转房', groups: ['fireMedical'] },
  fire: { measures: '现场配备灭火器材，消防站人员待命，发现火情立即扑救并疏散', groups: ['fireMedical', 'security'] },
  relativesObstruction: { measures: '疏导谈判组劝导，不听劝阻的由人员布控组依法带离', groups: ['negotiation', 'personnel'] },
};

export function demoPlanContent(groups: readonly WorkingGroup[], enforcementOn: IsoDate): PlanContent {
  const idOf = (code: StandardGroupCode) => groups.find((g) => g.code === code)?.id ?? '';
  const content = emptyPlanContent();
  return {
    ...content,
    ...enforcementWindow(enforcementOn),
    assemblyPoint: '河西街道办事处院内（07:40 集合，统一着装、佩戴工作证）',
    dispersalPoint: '柳巷胡同北口空地',
    cordon: '柳巷胡同15号至19号，南北两口各设一道警戒线',
    route: '河西街道办事处—滨河路—柳巷胡同南口',
    housingKind: 'interim',
    housingAddress: demoParticularsInput.housing?.address ?? '',
    vehicles: '搬家货车 2 辆、急救车 1 辆、警车 2 辆',
    equipment: '执法记录仪 6 台、对讲机 20 部、封箱胶带及标签、灭火器 4 具',
    assignments: groups.flatMap((g) => (g.code === 'custom' ? [] : [{ groupId: g.id, ...tasks[g.code] }])),
    contingencies: content.contingencies.map((c) => {
      const m = c.kind === 'other' ? undefined : measures[c.kind];
      return m ? { ...c, measures: m.measures, groupIds: m.groups.map(idOf) } : c;
    }),
    riskAssessment: '经社会稳定风险评估，风险等级为中，已落实化解措施，风险可控',
    compensationDeposited: true,
    compensationAccount: demoParticularsInput.compensation?.accountNumber ?? '',
    housingArranged: true,
    noUtilityCutoff: true,
  };
}
