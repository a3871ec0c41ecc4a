// Pure. 任务卡: one or two pages per working group, taken from the plan, for the group
// leader to carry: where and when, what to do, who is in the group, whom to call.
import { Fragment } from 'react';
import type { WorkingGroup } from '../../commandPost/types';
import { Heading, KeyValueBlock, OfficialDocument, OfficialPage, Paragraph, Table, Title } from '../components';
import type { ChainHead } from '../../log/types';
import type { DocumentFonts } from '../fonts';
import { renderToPdfBytes, type PdfBytes } from '../render';
import {
  UNSET,
  assignmentOf,
  contingenciesOf,
  formatChineseTime,
  formatWindow,
  groupNames,
  groupRoster,
  groupsInOrder,
  orUnset,
  pageMark,
  personLabel,
  planSourceNote,
  rosterLine,
  type PlanPrintData,
} from './printData';

/** 强制执行预案第2版 / 预案草稿，未定稿: the plan a card comes from, under its title. */
export const taskCardSource = (data: PlanPrintData): string =>
  data.plan.status === 'final' ? `（强制执行预案第${data.plan.version}版）` : '（预案草稿，未定稿）';

function TaskCardPage({ data, group, chainHead }: { data: PlanPrintData; group: WorkingGroup; chainHead: ChainHead }) {
  const { operation, plan } = data;
  const assignment = assignmentOf(plan, group.id);
  const { leader, members } = groupRoster(data, group);
  const deputy = rosterLine(data, operation.deputyCommanderId);
  const contingencies = contingenciesOf(plan, group.id);
  return (
    <OfficialPage footerNote={planSourceNote(plan, data.printedAt)} chainHead={chainHead} headerMark={pageMark(operation, plan)}>
      <Title subtitle={taskCardSource(data)}>{`${group.name}任务卡`}</Title>
      <Heading level={1} n={1}>
        任务
      </Heading>
      <KeyValueBlock
        items={[
          { label: '执行地点', value: orUnset(operation.propertyAddress) },
          { label: '执行时间', value: formatWindow(plan.content.start, plan.content.end) },
          { label: '集合地点', value: orUnset(plan.content.assemblyPoint) },
          { label: '到岗时间', value: assignment?.reportTime ? formatChineseTime(assignment.reportTime) : UNSET },
          { label: '工作位置', value: orUnset(assignment?.position) },
          { label: '本组职责', value: orUnset(group.duties) },
          { label: '本组任务', value: orUnset(assignment?.task) },
          { label: '联络方式', value: orUnset(group.channel) },
        ]}
      />
      <Heading level={1} n={2}>
        人员
      </Heading>
      <KeyValueBlock
        items={[
          { label: '现场执行指挥', value: personLabel(rosterLine(data, operation.onSiteCommanderId)) },
          ...(deputy ? [{ label: '副指挥', value: personLabel(deputy) }] : []),
          { label: '组长', value: personLabel(leader) },
        ]}
      />
      {members.length > 0 ? (
        <Table
          columns={[
            { title: '组员', weight: 2 },
            { title: '单位', weight: 5 },
            { title: '职务', weight: 3 },
            { title: '电话', weight: 3 },
            { title: '工作证号', weight: 3 },
          ]}
          rows={members.map((m) => [m.name, m.unit, m.post, m.phone, m.badge])}
        />
      ) : (
        <Paragraph>本组未配备组员。</Paragraph>
      )}
      <Heading level={1} n={3}>
        应急处置
      </Heading>
      {contingencies.length > 0 ? (
        contingencies.map((c, i) => (
          <Fragment key={`${c.kind}-${i}`}>
            <Heading level={2} n={i + 1}>
              {c.title}
            </Heading>
            <Paragraph>处置措施：{orUnset(c.measures)}</Paragraph>
            <Paragraph>负责小组：{groupNames(data, c.groupIds)}。</Paragraph>
          </Fragment>
        ))
      ) : (
        <Paragraph>预案未指定本组负责的应急处置事项，遇突发情况听从现场执行指挥统一调度。</Paragraph>
      )}
    </OfficialPage>
  );
}

/** The cards of the given groups (all by default), each numbered from page 1, in one file. */
export function TaskCardsDocument({ data, groupIds, chainHead }: { data: PlanPrintData; groupIds?: string[]; chainHead: ChainHead }) {
  const groups = groupsInOrder(data).filter((g) => !groupIds || groupIds.includes(g.id));
  return (
    <OfficialDocument title="任务卡" createdAt={new Date(data.printedAt)}>
      {groups.map((group) => (
        <TaskCardPage key={group.id} data={data} group={group} chainHead={chainHead} />
      ))}
    </OfficialDocument>
  );
}

/** One group's 任务卡 as PDF bytes. */
export function renderTaskCard(data: PlanPrintData, groupId: string, fonts: DocumentFonts, chainHead: ChainHead): Promise<PdfBytes> {
  if (!data.groups.some((g) => g.id === groupId)) return Promise.reject(new Error('找不到该工作小组，无法生成任务卡'));
  return renderToPdfBytes(<TaskCardsDocument data={data} groupIds={[groupId]} chainHead={chainHead} />, fonts);
}

/** Every group's 任务卡 in one PDF, in group order. */
export function renderTaskCards(data: PlanPrintData, fonts: DocumentFonts, chainHead: ChainHead): Promise<PdfBytes> {
  if (data.groups.length === 0) return Promise.reject(new Error('尚未设立工作小组，无法生成任务卡'));
  return renderToPdfBytes(<TaskCardsDocument data={data} chainHead={chainHead} />, fonts);
}
