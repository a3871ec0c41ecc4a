// Pure. The command post of the built-in 示例行动: fictional units, people, phone
// numbers and family, realistic enough to train on. Goes with shared/operation/demo.ts.
import type { HouseholdMember, IsoDate, SubjectAssessment } from '../operation/types';
import { standardGroupRecord } from './rules';
import { standardGroupCodes, type CommandAssignment, type MemberUnit, type Person, type StandardGroupCode, type WorkingGroup } from './types';

const units = {
  expropriation: { name: '临江区房屋征收事务中心', role: '牵头单位：组织实施强制执行，拟定预案，协调各成员单位' },
  police: { name: '公安临江分局', role: '现场警戒和秩序维护，依法处置妨碍执行的违法行为，护送被执行人' },
  urbanManagement: { name: '临江区城管执法局', role: '组织房屋拆除，现场执法记录' },
  subdistrict: { name: '河西街道办事处', role: '属地街道：被执行人及家属的疏导、安抚和善后维稳' },
  health: { name: '临江区卫生健康委', role: '安排救护车和医护人员现场待命' },
  fire: { name: '临江区消防救援大队', role: '现场消防安全，排查易燃易爆物品' },
  publicity: { name: '临江区委宣传部', role: '舆情监测，统一对外宣传和答复口径' },
  notary: { name: '滨江市临江公证处', role: '对物品清点、搬运和房屋拆除全过程办理保全证据公证（独立公证，不编入工作小组）' },
  housing: { name: '临江区住房和城乡建设局', role: '落实周转房，监督拆除作业安全' },
  petitions: { name: '临江区信访局', role: '接待来访群众，做好信访矛盾化解' },
} as const;
type UnitKey = keyof typeof units;

/** Roster: key (for the assignments below), unit, name, post, mobile (fictional). */
const roster = [
  ['chen', 'expropriation', '陈志远', '主任', '13907310125'],
  ['wu', 'expropriation', '吴海燕', '副主任', '13974852210'],
  ['lin', 'expropriation', '林涛', '征收一科科长', '15874013362'],
  ['ma', 'expropriation', '马晓东', '科员', '18673120447'],
  ['yang', 'expropriation', '杨帆', '科员', '13548760931'],
  ['liu', 'police', '刘振华', '副局长', '13807316688'],
  ['zhao', 'police', '赵刚', '治安管理大队大队长', '13975128803'],
  ['zhou', 'police', '周明', '河西派出所所长', '13607418852'],
  ['sun', 'police', '孙浩', '河西派出所民警', '15116290374'],
  ['luo', 'police', '罗佳', '河西派出所民警', '15973106625'],
  ['qian', 'police', '钱磊', '治安管理大队民警', '18874503318'],
  ['zheng', 'urbanManagement', '郑伟', '副局长', '13874929046'],
  ['han', 'urbanManagement', '韩冰', '法制科科长', '13787150292'],
  ['tang', 'urbanManagement', '唐俊', '河西中队中队长', '15367421180'],
  ['sunlp', 'subdistrict', '孙丽萍', '副主任', '13908451276'],
  ['xu', 'subdistrict', '许文', '党工委副书记', '13517319804'],
  ['huang', 'subdistrict', '黄敏', '柳巷社区居委会主任', '18907310539'],
  ['gao', 'subdistrict', '高建军', '柳巷社区网格员', '15575102948'],
  ['xie', 'health', '谢雨', '区人民医院急诊科主治医师', '13677310816'],
  ['cao', 'health', '曹丽', '区人民医院护士', '18229016473'],
  ['feng', 'fire', '冯磊', '副大队长', '13973152007'],
  ['deng', 'fire', '邓超', '河西消防站站长', '15084937215'],
  ['he', 'publicity', '何静', '网络舆情科科长', '13808472650'],
  ['peng', 'publicity', '彭亮', '新闻科干部', '17775831094'],
  ['song', 'notary', '宋雅琴', '公证员', '13574120863'],
  ['jiang', 'notary', '蒋昊', '公证员助理', '18175960328'],
  ['zeng', 'housing', '曾凡', '房屋安全管理科科长', '13786410752'],
  ['pan', 'petitions', '潘志强', '副局长', '13923705618'],
] as const satisfies readonly (readonly [string, UnitKey, string, string, string])[];
type PersonKey = (typeof roster)[number][0];

const staffing: Record<StandardGroupCode, { leader: PersonKey; members: PersonKey[]; channel: string }> = {
  security: { leader: 'zhao', members: ['qian', 'tang'], channel: '对讲机 1 频道' },
  negotiation: { leader: 'sunlp', members: ['lin', 'huang'], channel: '对讲机 2 频道' },
  // A woman officer in the escort: one of the subjects is a woman.
  personnel: { leader: 'zhou', members: ['sun', 'luo'], channel: '对讲机 3 频道' },
  inventory: { leader: 'wu', members: ['ma'], channel: '对讲机 4 频道' },
  demolition: { leader: 'zheng', members: ['zeng'], channel: '对讲机 5 频道' },
  fireMedical: { leader: 'feng', members: ['deng', 'xie', 'cao'], channel: '对讲机 6 频道；急救车在柳巷口待命' },
  publicOpinion: { leader: 'he', members: ['peng'], channel: '电话联络，不占用对讲频道' },
  evidence: { leader: 'han', members: ['yang'], channel: '对讲机 7 频道' },
  aftercare: { leader: 'xu', members: ['gao', 'pan'], channel: '对讲机 8 频道' },
};

/** The training every member of the demo command post attended (seed 004 §一(三)). */
export const DEMO_TRAINING = { course: '国有土地上房屋征收强制执行政策法规及现场处置培训', date: '2026-09-18' } as const;

const command: Record<keyof CommandAssignment, PersonKey> = { onSiteCommanderId: 'chen', deputyCommanderId: 'liu' };

/** For the subjects of the demo operation, in their order: 张建国, 李秀兰. */
const assessments: readonly [SubjectAssessment, SubjectAssessment] = [
  {
    health: '患高血压，需按时服药',
    psychological: '对补偿金额强烈不满，情绪波动大，曾表示“死也不搬”',
    behavioural: '多次到区信访局上访；据网格员反映，近期屋内存放液化气罐两瓶',
    riskLevel: 'high',
  },
  {
    health: '身体状况良好',
    psychological: '态度相对缓和，主要担心婆婆和孙女的安置',
    behavioural: '愿意与街道工作人员沟通，曾询问周转房位置和面积',
    riskLevel: 'medium',
  },
];

type DemoMember = Omit<HouseholdMember, 'id' | 'operationId' | 'subjectId'>;
const household: readonly [DemoMember[], DemoMember[]] = [
  [
    {
      name: '王桂芳',
      relation: '母亲',
      birthYear: 1944,
      phone: '',
      vulnerabilities: ['elderly'],
      note: '患高血压、冠心病，行动需搀扶；执行日须医护人员陪同，优先转移至周转房',
    },
    { name: '张伟', relation: '儿子', birthYear: 1988, phone: '13607314428', vulnerabilities: [], note: '在外地工作，执行日可能返回' },
    {
      name: '张子涵',
      relation: '孙女',
      birthYear: 2016,
      phone: '',
      vulnerabilities: ['minor'],
      note: '柳巷小学四年级；执行日由街道协调在校照看，避免在场',
    },
  ],
  [
    {
      name: '刘婷',
      relation: '儿媳',
      birthYear: 1993,
      phone: '15873129906',
      vulnerabilities: ['pregnant'],
      note: '怀孕约 6 个月；执行日安排在周转房等候，医护人员随行',
    },
  ],
];

export interface DemoCommandPost {
  memberUnits: MemberUnit[];
  people: Person[];
  /** The nine standard groups, staffed. */
  workingGroups: WorkingGroup[];
  command: Required<CommandAssignment>;
  householdMembers: HouseholdMember[];
  /** Keyed by subject id. */
  assessments: Record<string, SubjectAssessment>;
}

/** The demo command post as records; ids come from `newId` so this stays pure. */
export function buildDemoCommandPost(
  operationId: string,
  subjectIds: readonly string[],
  newId: () => string,
  /** When the command post was trained (the demo computed for another day trains on another). */
  trainedOn: IsoDate = DEMO_TRAINING.date,
): DemoCommandPost {
  const [first, second] = subjectIds;
  if (!first || !second) throw new Error('示例行动应有两名被执行人');

  const unitIds = Object.fromEntries(Object.keys(units).map((k) => [k, newId()])) as Record<UnitKey, string>;
  const memberUnits = (Object.keys(units) as UnitKey[]).map((k): MemberUnit => ({ id: unitIds[k], operationId, ...units[k] }));

  const personIds = {} as Record<PersonKey, string>;
  const people = roster.map(([key, unit, name, post, phone], i): Person => {
    personIds[key] = newId();
    const badgeNumber = `临执-${String(i + 1).padStart(3, '0')}`;
    // The notary office acts on its own, not as staff of the command post: no training of ours to record.
    const trained = unit === 'notary' ? {} : { training: { ...DEMO_TRAINING, date: trainedOn } };
    return { id: personIds[key], operationId, memberUnitId: unitIds[unit], name, post, phone, badgeNumber, ...trained };
  });

  const workingGroups = standardGroupCodes.map((code): WorkingGroup => {
    const { leader, members, channel } = staffing[code];
    return {
      ...standardGroupRecord(operationId, code, newId()),
      leaderId: personIds[leader],
      memberIds: members.map((m) => personIds[m]),
      channel,
    };
  });

  const householdMembers = [first, second].flatMap((subjectId, i) =>
    (household[i] ?? []).map((m): HouseholdMember => ({ ...m, id: newId(), operationId, subjectId })),
  );

  return {
    memberUnits,
    people,
    workingGroups,
    command: { onSiteCommanderId: personIds[command.onSiteCommanderId], deputyCommanderId: personIds[command.deputyCommanderId] },
    householdMembers,
    assessments: { [first]: assessments[0], [second]: assessments[1] },
  };
}
