// DOM. The workspace navigation follows the procedure of the brief (§2), in order.
import type { WorkspaceSection } from '../ui/route';

export interface SectionInfo {
  key: WorkspaceSection;
  label: string;
  /** Procedure steps (brief §2) this section covers. */
  steps: string;
}

export const sections: SectionInfo[] = [
  { key: 'overview', label: '概况', steps: '行动基本信息' },
  {
    key: 'commandPost',
    label: '指挥部',
    steps: '第 1 步 组建临时指挥部',
  },
  {
    key: 'plan',
    label: '预案',
    steps: '第 3 步 执行预备会、强制执行预案',
  },
  {
    key: 'documents',
    label: '文书送达',
    steps: '第 2、4 步 告知书送达、张贴执行公告',
  },
  {
    key: 'onSite',
    label: '现场指挥',
    steps: '第 5–12 步 执行启动至房屋拆除',
  },
  {
    key: 'evidence',
    label: '证据保全',
    steps: '第 9、10 步 物品清登、证据保全',
  },
  {
    key: 'courtReport',
    label: '执行通报',
    steps: '第 13、14 步 五日内书面报告法院、善后',
  },
  {
    key: 'archive',
    label: '档案',
    steps: '第 15 步 档案归集（一户一档）',
  },
  {
    key: 'stations',
    label: '工作站与同步',
    steps: '多站记录：配对工作站、同步、撤销',
  },
];
