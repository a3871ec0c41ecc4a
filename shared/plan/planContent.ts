// Pure. A new plan's starting content and the shape checks of what the user types.
import { z } from 'zod';
import { contingencyKinds, contingencyLabels, type PlanContent } from './types';

export function emptyPlanContent(): PlanContent {
  return {
    start: '',
    end: '',
    emergencyReason: '',
    assemblyPoint: '',
    dispersalPoint: '',
    cordon: '',
    route: '',
    housingKind: 'interim',
    housingAddress: '',
    vehicles: '',
    equipment: '',
    assignments: [],
    // The seven situations every plan must answer (issue #3), with empty measures to fill in.
    contingencies: contingencyKinds.map((kind) => ({ kind, title: contingencyLabels[kind], measures: '', groupIds: [] })),
    riskAssessment: '',
    compensationDeposited: false,
    compensationAccount: '',
    housingArranged: false,
    noUtilityCutoff: false,
  };
}

const text = (label: string, max: number) => z.string().max(max, `${label}不能超过 ${max} 个字`);
const instant = z
  .string()
  .refine((v) => v === '' || !Number.isNaN(Date.parse(v)), '时间格式不正确')
  .refine((v) => v === '' || /[+-]\d{2}:\d{2}$|Z$/.test(v), '时间须带时区');

/** What may be stored as plan content (lengths and shapes); the law is checked in legality.ts. */
export const planContentSchema = z.object({
  start: instant,
  end: instant,
  emergencyReason: text('紧急情况说明', 1000),
  assemblyPoint: text('集合地点', 200),
  dispersalPoint: text('疏导地点', 200),
  cordon: text('警戒范围', 500),
  route: text('行进路线', 500),
  housingKind: z.enum(['interim', 'resettlement']),
  housingAddress: text('周转房或安置房地址', 200),
  vehicles: text('车辆', 500),
  equipment: text('装备', 500),
  assignments: z
    .array(
      z.object({
        groupId: z.string().min(1),
        task: text('任务', 1000),
        position: text('位置', 200),
        reportTime: z.string().regex(/^$|^([01]\d|2[0-3]):[0-5]\d$/, '到岗时间格式应为 时:分，如 07:30'),
      }),
    )
    .max(50),
  contingencies: z
    .array(
      z.object({
        kind: z.enum([...contingencyKinds, 'other']),
        title: text('情形名称', 100).min(1, '请填写情形名称'),
        measures: text('处置措施', 2000),
        groupIds: z.array(z.string()).max(50),
      }),
    )
    .max(50),
  riskAssessment: text('社会稳定风险评估结论', 2000),
  compensationDeposited: z.boolean(),
  compensationAccount: text('专户存储账号', 100),
  housingArranged: z.boolean(),
  noUtilityCutoff: z.boolean(),
});
