import { describe, expect, it } from 'vitest';
import { GROUPS_PER_ROW, chartRows } from '../../shared/documents/plan/OrgChart';
import { renderPlan } from '../../shared/documents/plan/PlanDocument';
import {
  contingenciesOf,
  formatChineseDateTime,
  formatChineseTime,
  formatWindow,
  groupHeadcount,
  groupRoster,
  meetingTime,
  pageMark,
  personLabel,
  planSourceNote,
  planVersionLine,
  rosterLine,
  subjectRows,
} from '../../shared/documents/plan/printData';
import { fitWithin, legendRows } from '../../shared/documents/plan/SketchFigure';
import { renderTaskCard, renderTaskCards, taskCardSource } from '../../shared/documents/plan/TaskCard';
import { hasPoppler, nodeFonts, pdfFonts, pdfPages, pdfRawText, pdfText, popplerSuite, savePdf } from '../fixtures/documents/pdf';
import { planPrintFixture } from '../fixtures/documents/plan';
import { sampleHead } from '../fixtures/documents/onSiteLog';
import { chainHeadLine } from '../../shared/log/head';

const strip = (text: string) => text.replace(/\s+/g, '');
const group = (data: ReturnType<typeof planPrintFixture>, code: string) => data.groups.find((g) => g.code === code)!;

describe('plan text helpers', () => {
  it('formats the window in China time, repeating the date only past midnight', () => {
    expect(formatWindow('2026-12-08T09:00:00.000+08:00', '2026-12-08T12:00:00.000+08:00')).toBe('2026年12月8日 9时00分 至 12时00分');
    expect(formatWindow('2026-12-08T01:00:00.000Z', '2026-12-09T02:30:00.000Z')).toBe('2026年12月8日 9时00分 至 2026年12月9日 10时30分');
    expect(formatWindow('2026-12-08T09:00:00.000+08:00', '')).toBe('2026年12月8日 9时00分 起');
    expect(formatWindow('', '')).toBe('未确定');
    expect(formatChineseTime('07:05')).toBe('7时05分');
    expect(formatChineseDateTime('2026-12-01T15:30:00.000+08:00')).toBe('2026年12月1日 15时30分');
    const meeting = planPrintFixture().meeting!;
    expect(meetingTime(meeting)).toBe('2026年12月5日 14时30分');
    expect(meetingTime({ ...meeting, date: '', time: '' })).toBe('未填写');
  });

  it('marks a draft everywhere and says which version a final plan is', () => {
    const final = planPrintFixture();
    const draft = planPrintFixture({ status: 'draft' });
    expect(planVersionLine(final.plan)).toBe('（第2版）');
    expect(planVersionLine(draft.plan)).toBe('（草稿，未定稿）');
    expect(pageMark(final.operation, final.plan)).toBeUndefined();
    expect(pageMark({ ...draft.operation, isDemo: true }, draft.plan)).toBe('示例 · 草稿');
    expect(planSourceNote(final.plan, final.printedAt)).toBe('预案第2版 定稿于2026年12月1日 15时30分 · 打印于2026年12月2日 8时00分');
    expect(planSourceNote(draft.plan, draft.printedAt)).toBe('预案草稿，未定稿，不得作为执行依据 · 打印于2026年12月2日 8时00分');
    expect(taskCardSource(final)).toBe('（强制执行预案第2版）');
    expect(taskCardSource(draft)).toBe('（预案草稿，未定稿）');
  });

  it('lists a group as leader and members with staff phones in full', () => {
    const data = planPrintFixture();
    const negotiation = group(data, 'negotiation');
    const { leader, members } = groupRoster(data, negotiation);
    expect(personLabel(leader)).toBe('孙丽萍（河西街道办事处副主任，电话 13908451276）');
    expect(members.map((m) => [m.name, m.unit, m.post, m.phone, m.badge])).toEqual([
      ['林涛', '临江区房屋征收事务中心', '征收一科科长', '15874013362', 'LJ-003'],
      ['黄敏', '河西街道办事处', '柳巷社区居委会主任', '18907310539', 'JD-302'],
    ]);
    expect(groupHeadcount(negotiation)).toBe(3);
    expect(personLabel(rosterLine(data, 'nobody'))).toBe('未指定');
  });

  it('masks the identity and phone numbers of the subjects', () => {
    expect(subjectRows(planPrintFixture())).toEqual([
      ['张建国', '110101********4515', '138****8000', '滨江市临江区河西街道柳巷胡同17号'],
      ['李秀兰', '110101********3023', '无', '滨江市临江区河西街道柳巷胡同17号'],
    ]);
  });

  it('finds the contingencies that concern a group', () => {
    const data = planPrintFixture();
    expect(contingenciesOf(data.plan, group(data, 'security').id).map((c) => c.title)).toEqual(['存放煤气罐等易燃易爆物品']);
    expect(contingenciesOf(data.plan, group(data, 'evidence').id)).toEqual([]);
  });

  it('puts the org chart boxes in rows of an even number, the rest on the last row', () => {
    expect(GROUPS_PER_ROW % 2).toBe(0);
    expect(chartRows([1, 2, 3, 4, 5, 6, 7, 8, 9]).map((row) => row.length)).toEqual([6, 3]);
    expect(chartRows([])).toEqual([]);
  });

  it('fits the sketch into the text block and numbers its legend', () => {
    expect(fitWithin(2000, 1000, 400, 600)).toEqual({ width: 400, height: 200 });
    expect(fitWithin(1000, 2000, 400, 600)).toEqual({ width: 300, height: 600 });
    const data = planPrintFixture();
    expect(legendRows(data.plan.content.sketch!, (id) => data.groups.find((g) => g.id === id)?.name)).toEqual([
      ['1', '被执行房屋', '柳巷胡同17号'],
      ['2', '集合地点', '河西街道办事处大院'],
      ['3', '警戒位置', '东口警戒线，安全保卫和应急处置组'],
    ]);
  });
});

const PAGE_NUMBER = /^\s*—\s*(\d+)\s*—\s*$/m;

// Rendering is CPU-bound; with the whole suite running in parallel a first render can take several seconds.
describe.skipIf(!hasPoppler)(popplerSuite('plan and task cards rendered'), { timeout: 30_000 }, () => {
  it('prints the finalised plan with everything that was entered, subjects masked', async () => {
    const data = planPrintFixture();
    const path = savePdf('plan-final.pdf', await renderPlan(data, nodeFonts, sampleHead));
    const raw = strip(pdfRawText(path));
    for (const expected of [
      '强制执行预案',
      '（第2版）',
      '（2026）滨0103行审45号',
      '滨江市临江区人民法院2026年9月15日作出',
      '房屋征收补偿决定书（临江征补决〔2026〕12号，2026年5月20日）',
      '滨江市临江区河西街道柳巷胡同17号',
      '张建国',
      '110101********4515',
      '138****8000',
      '张桂芳',
      '老年人、重病患者',
      '风险等级：高',
      '现场执行指挥：陈志远（临江区房屋征收事务中心主任，电话13907310125）',
      '副指挥：刘振华',
      '2026年12月8日9时00分至12时00分',
      '河西街道办事处大院',
      '柳巷社区居委会活动室',
      '滨江市临江区青松路88号3栋2单元501室',
      ...data.groups.map((g) => g.name),
      '赵刚',
      '15116290374',
      'GA-104',
      '消防人员先行进入排查，关闭阀门后将煤气罐移至安全区域；必要时疏散周边群众。',
      '在落实各项防范措施后风险可控',
      '已存入专户（6222021001123456789）',
      '执行时间在白天',
    ]) {
      expect(raw, expected).toContain(strip(expected));
    }
    expect(raw).toContain(strip('提示'));
    expect(raw).toContain('东口警戒线，安全保卫和应急处置组');
    expect(raw).toContain('执行预备会');
    expect(raw).toContain('滨江市临江公证处公证员宋雅琴');
    expect(raw).toContain('滨江市临江区人民政府强制执行临时指挥部');
    expect(raw).toContain('确保强制执行工作依法、安全、有序进行');
    expect(raw).not.toContain('110101196203154515');
    expect(raw).not.toContain('13800138000');

    const pages = pdfPages(pdfText(path));
    expect(pages.length).toBeGreaterThan(3);
    pages.forEach((page, i) => {
      expect(PAGE_NUMBER.exec(page)?.[1]).toBe(String(i + 1));
      expect(strip(page)).toContain(strip('预案第2版 定稿于2026年12月1日 15时30分'));
      expect(strip(page)).toContain(strip(chainHeadLine(sampleHead)));
      expect(page).not.toContain('草稿');
    });
    expect(pdfFonts(path)).toMatch(/^[A-Z]{6}\+NotoSerifSC-Regular\s+CID TrueType\s+Identity-H\s+yes\s+yes\s+yes/m);
  });

  it('marks a draft as not final on every page and says what is missing', async () => {
    const data = planPrintFixture({ status: 'draft', withSketch: false, withMeeting: false });
    const path = savePdf('plan-draft.pdf', await renderPlan(data, nodeFonts, sampleHead));
    const raw = strip(pdfRawText(path));
    expect(raw).toContain('（草稿，未定稿）');
    expect(raw).toContain('未上传部署示意图');
    expect(raw).toContain('本版尚未进行定稿前的合法性审查');
    expect(raw).not.toContain('执行预备会');
    for (const page of pdfPages(pdfText(path))) {
      expect(strip(page)).toContain('预案草稿，未定稿，不得作为执行依据');
      expect(strip(page)).toContain(strip(chainHeadLine(sampleHead)));
      expect(page).toContain('草稿');
    }
  });

  it('prints a task card with what its group needs on one or two pages', async () => {
    const data = planPrintFixture();
    const security = group(data, 'security');
    const path = savePdf('task-card-security.pdf', await renderTaskCard(data, security.id, nodeFonts, sampleHead));
    const raw = strip(pdfRawText(path));
    for (const expected of [
      '安全保卫和应急处置组任务卡',
      '（强制执行预案第2版）',
      security.duties,
      '安全保卫和应急处置组按预案开展工作',
      '柳巷胡同东口、西口警戒线',
      '7时30分',
      '2026年12月8日 9时00分 至 12时00分',
      '河西街道办事处大院',
      '组长：赵刚（公安临江分局治安管理大队大队长，电话 13975128803）',
      '唐俊',
      '临江区城管执法局',
      '15367421180',
      'CG-202',
      '现场执行指挥：陈志远（临江区房屋征收事务中心主任，电话 13907310125）',
      '对讲机 1 频道',
      '存放煤气罐等易燃易爆物品',
      '负责小组：安全保卫和应急处置组、消防救护组。',
    ]) {
      expect(raw, expected).toContain(strip(expected));
    }
    expect(raw).not.toContain('以自伤自残相威胁');
    const pages = pdfPages(pdfText(path));
    expect(pages.length).toBeLessThanOrEqual(2);
    expect(strip(pages[0]!)).toContain(strip('预案第2版 定稿于2026年12月1日 15时30分'));
  });

  it('prints all task cards in one file, each numbered from page 1', async () => {
    const data = planPrintFixture();
    const path = savePdf('task-cards.pdf', await renderTaskCards(data, nodeFonts, sampleHead));
    const pages = pdfPages(pdfText(path));
    const firstPages = pages.filter((page) => PAGE_NUMBER.exec(page)?.[1] === '1');
    expect(firstPages).toHaveLength(data.groups.length);
    data.groups.forEach((g, i) => expect(strip(firstPages[i]!)).toContain(`${g.name}任务卡`));
    for (const page of pages) expect(strip(page)).toContain(strip(chainHeadLine(sampleHead)));
  });

  it('refuses a group that is not in the plan', async () => {
    await expect(renderTaskCard(planPrintFixture(), 'g-none', nodeFonts, sampleHead)).rejects.toThrow('找不到该工作小组');
  });
});
