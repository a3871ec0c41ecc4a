// Pure. 《强制执行预案》: the plan as the command post prints, finalises and hands out.
import { Fragment, type ReactNode } from 'react';
import { basisDocumentKindLabels } from '../../operation/types';
import { formatChineseDate } from '../../operation/formats';
import {
  Heading,
  KeyValueBlock,
  OfficialDocument,
  OfficialPage,
  Paragraph,
  SignatureBlock,
  Table,
  Title,
} from '../components';
import type { ChainHead } from '../../log/types';
import type { DocumentFonts } from '../fonts';
import { renderToPdfBytes, type PdfBytes } from '../render';
import { OrgChart } from './OrgChart';
import {
  UNSET,
  assessmentText,
  assignmentOf,
  chinaDateOf,
  formatChineseTime,
  formatWindow,
  groupHeadcount,
  groupNames,
  groupRoster,
  groupsInOrder,
  householdRows,
  housingKindLabels,
  legalityStatusLabels,
  meetingAttendees,
  meetingTime,
  orUnset,
  pageMark,
  personLabel,
  planSourceNote,
  planVersionLine,
  rosterLine,
  subjectRows,
  type PlanPrintData,
} from './printData';
import { SketchFigure, sketchSize } from './SketchFigure';

interface Section {
  title: string;
  body: ReactNode;
  /** Points of the body that must fit under the heading (see Heading). */
  keepWithNext?: number;
}

const rosterColumns = [
  { title: '姓名', weight: 2 },
  { title: '单位', weight: 5 },
  { title: '职务', weight: 3 },
  { title: '电话', weight: 3 },
  { title: '工作证号', weight: 3 },
];

function basis({ operation }: PlanPrintData): ReactNode {
  const { courtRuling, basisDocument } = operation;
  return (
    <KeyValueBlock
      items={[
        {
          label: '行政裁定',
          value: `${orUnset(courtRuling.court)}${formatChineseDate(courtRuling.date)}作出的${orUnset(courtRuling.number)}《行政裁定书》`,
        },
        {
          label: '执行依据',
          value: `${basisDocumentKindLabels[basisDocument.kind]}（${orUnset(basisDocument.number)}，${formatChineseDate(basisDocument.date)}）`,
        },
        { label: '组织实施', value: orUnset(operation.organisingGovernment) },
        { label: '牵头单位', value: orUnset(operation.leadUnit) },
      ]}
    />
  );
}

function subjectsAndProperty(data: PlanPrintData): ReactNode {
  const assessments = [...data.subjects]
    .sort((a, b) => a.position - b.position)
    .map(assessmentText)
    .filter((text): text is string => text !== undefined);
  const { meeting } = data;
  let n = 0;
  return (
    <>
      <Heading level={2} n={++n}>
        被执行房屋
      </Heading>
      <Paragraph>房屋坐落：{orUnset(data.operation.propertyAddress)}。</Paragraph>
      <Heading level={2} n={++n}>
        被执行人
      </Heading>
      <Table
        columns={[
          { title: '姓名', weight: 2 },
          { title: '身份证件号码', weight: 4 },
          { title: '联系电话', weight: 3 },
          { title: '住址', weight: 6 },
        ]}
        rows={subjectRows(data)}
      />
      {assessments.map((text) => (
        <Paragraph key={text}>{text}</Paragraph>
      ))}
      <Heading level={2} n={++n}>
        共同居住人员
      </Heading>
      {data.householdMembers.length > 0 ? (
        <Table
          columns={[
            { title: '姓名', weight: 2 },
            { title: '关系', weight: 3 },
            { title: '出生年份', weight: 2, align: 'center' },
            { title: '需特别关注', weight: 3 },
            { title: '备注', weight: 5 },
          ]}
          rows={householdRows(data)}
        />
      ) : (
        <Paragraph>无登记的共同居住人员。</Paragraph>
      )}
      {meeting ? (
        <>
          <Heading level={2} n={++n}>
            执行预备会分析
          </Heading>
          <Paragraph>家庭情况：{orUnset(meeting.familySituation)}</Paragraph>
          <Paragraph>心理状态：{orUnset(meeting.psychologicalState)}</Paragraph>
          <Paragraph>行为表现：{orUnset(meeting.behaviouralState)}</Paragraph>
        </>
      ) : null}
    </>
  );
}

function organisation(data: PlanPrintData): ReactNode {
  const commander = rosterLine(data, data.operation.onSiteCommanderId);
  const deputy = rosterLine(data, data.operation.deputyCommanderId);
  const groups = groupsInOrder(data);
  const units = data.memberUnits.map((u) => u.name).join('、');
  return (
    <>
      <Paragraph>
        成立{orUnset(data.operation.organisingGovernment)}强制执行临时指挥部，成员单位：{units || UNSET}。
      </Paragraph>
      <Paragraph>现场执行指挥：{personLabel(commander)}。</Paragraph>
      {deputy ? <Paragraph>副指挥：{personLabel(deputy)}。</Paragraph> : null}
      <OrgChart
        commander={commander?.name ?? '未指定'}
        deputy={deputy?.name}
        groups={groups.map((g) => ({ id: g.id, name: g.name, leader: rosterLine(data, g.leaderId)?.name ?? '未指定' }))}
      />
      <Table
        columns={[
          { title: '工作小组', weight: 5 },
          { title: '组长', weight: 3 },
          { title: '人数', weight: 1.5, align: 'center' },
          { title: '联络方式', weight: 4 },
        ]}
        rows={groups.map((g) => [g.name, rosterLine(data, g.leaderId)?.name ?? '未指定', String(groupHeadcount(g)), orUnset(g.channel)])}
      />
    </>
  );
}

function timeAndPlace({ plan }: PlanPrintData): ReactNode {
  const c = plan.content;
  return (
    <KeyValueBlock
      items={[
        { label: '执行时间', value: formatWindow(c.start, c.end) },
        ...(c.emergencyReason.trim() ? [{ label: '紧急情况', value: c.emergencyReason.trim() }] : []),
        { label: '集合地点', value: orUnset(c.assemblyPoint) },
        { label: '疏导地点', value: orUnset(c.dispersalPoint) },
        { label: '警戒范围', value: orUnset(c.cordon) },
        { label: '行进路线', value: orUnset(c.route) },
        { label: housingKindLabels[c.housingKind], value: orUnset(c.housingAddress) },
        { label: '车辆', value: orUnset(c.vehicles) },
        { label: '装备', value: orUnset(c.equipment) },
      ]}
    />
  );
}

function duties(data: PlanPrintData): ReactNode {
  return groupsInOrder(data).map((group, i) => {
    const assignment = assignmentOf(data.plan, group.id);
    const { leader, members } = groupRoster(data, group);
    return (
      <Fragment key={group.id}>
        <Heading level={2} n={i + 1}>
          {group.name}
        </Heading>
        <KeyValueBlock
          items={[
            { label: '职责', value: orUnset(group.duties) },
            { label: '任务', value: orUnset(assignment?.task) },
            { label: '位置', value: orUnset(assignment?.position) },
            { label: '到岗时间', value: assignment?.reportTime ? formatChineseTime(assignment.reportTime) : UNSET },
            { label: '组长', value: personLabel(leader) },
            { label: '联络方式', value: orUnset(group.channel) },
          ]}
        />
        {members.length > 0 ? (
          <Table columns={rosterColumns} rows={members.map((m) => [m.name, m.unit, m.post, m.phone, m.badge])} />
        ) : (
          <Paragraph>本组未配备组员。</Paragraph>
        )}
      </Fragment>
    );
  });
}

function contingencies(data: PlanPrintData): ReactNode {
  const list = data.plan.content.contingencies;
  if (list.length === 0) return <Paragraph>未制定应急处置措施。</Paragraph>;
  return list.map((c, i) => (
    <Fragment key={`${c.kind}-${i}`}>
      <Heading level={2} n={i + 1}>
        {c.title}
      </Heading>
      <Paragraph>处置措施：{orUnset(c.measures)}</Paragraph>
      <Paragraph>责任小组：{groupNames(data, c.groupIds)}。</Paragraph>
    </Fragment>
  ));
}

function legality({ plan }: PlanPrintData): ReactNode {
  const c = plan.content;
  const yes = (done: boolean, text: string) => (done ? text : '未落实');
  return (
    <>
      <KeyValueBlock
        labelChars={9}
        items={[
          {
            label: '补偿款专户存储',
            value: yes(c.compensationDeposited, `已存入专户${c.compensationAccount.trim() ? `（${c.compensationAccount.trim()}）` : ''}`),
          },
          { label: `${housingKindLabels[c.housingKind]}落实情况`, value: yes(c.housingArranged, '已落实') },
          { label: '不停水停电等承诺', value: yes(c.noUtilityCutoff, '已确认不以停止供水、供电、供热、供燃气及阻断通行等方式迫使搬迁') },
        ]}
      />
      {plan.legality && plan.legality.length > 0 ? (
        <Table
          columns={[
            { title: '审查事项', weight: 4 },
            { title: '结果', weight: 1.6, align: 'center' },
            { title: '说明', weight: 5 },
            { title: '依据', weight: 5 },
          ]}
          rows={plan.legality.map((check) => [check.title, legalityStatusLabels[check.status], check.message, check.basis])}
        />
      ) : (
        <Paragraph>本版尚未进行定稿前的合法性审查。</Paragraph>
      )}
    </>
  );
}

function sketch(data: PlanPrintData): ReactNode {
  const image = data.plan.content.sketch;
  if (!image) return <Paragraph>未上传部署示意图。</Paragraph>;
  return <SketchFigure sketch={image} groupName={(id) => data.groups.find((g) => g.id === id)?.name} />;
}

function meetingSummary(data: PlanPrintData): ReactNode {
  const { meeting } = data;
  if (!meeting) return null;
  return (
    <>
      <KeyValueBlock
        items={[
          { label: '时间', value: meetingTime(meeting) },
          { label: '地点', value: orUnset(meeting.place) },
          { label: '参会人员', value: meetingAttendees(data, meeting) },
        ]}
      />
      <Paragraph>议定事项：{orUnset(meeting.decisions)}</Paragraph>
    </>
  );
}

/** The sections in print order; the meeting summary only when a meeting was held. */
function sections(data: PlanPrintData): Section[] {
  const all: (Section | null)[] = [
    { title: '执行依据', body: basis(data) },
    { title: '被执行人及房屋情况', body: subjectsAndProperty(data) },
    { title: '组织机构', body: organisation(data) },
    { title: '执行时间和地点', body: timeAndPlace(data) },
    { title: '工作分工', body: duties(data) },
    { title: '应急处置', body: contingencies(data) },
    { title: '社会稳定风险评估结论', body: <Paragraph>{orUnset(data.plan.content.riskAssessment)}</Paragraph> },
    { title: '合法性审查', body: legality(data) },
    {
      title: '现场部署示意图',
      body: sketch(data),
      keepWithNext: data.plan.content.sketch ? sketchSize(data.plan.content.sketch).height : undefined,
    },
    data.meeting ? { title: '执行预备会', body: meetingSummary(data) } : null,
  ];
  return all.filter((s): s is Section => s !== null);
}

export function PlanDocument({ data, chainHead }: { data: PlanPrintData; chainHead: ChainHead }) {
  const { operation, plan } = data;
  const signedOn = plan.status === 'final' && plan.finalisedAt ? plan.finalisedAt : data.printedAt;
  return (
    <OfficialDocument title="强制执行预案" createdAt={new Date(data.printedAt)}>
      <OfficialPage footerNote={planSourceNote(plan, data.printedAt)} chainHead={chainHead} headerMark={pageMark(operation, plan)}>
        <Title subtitle={planVersionLine(plan)}>强制执行预案</Title>
        <Paragraph>
          为依法、平稳、有序做好位于{orUnset(operation.propertyAddress)}房屋的强制执行工作，根据
          {orUnset(operation.courtRuling.court)}
          {orUnset(operation.courtRuling.number)}《行政裁定书》，制定本预案。
        </Paragraph>
        {sections(data).map((section, i) => (
          <Fragment key={section.title}>
            <Heading level={1} n={i + 1} keepWithNext={section.keepWithNext}>
              {section.title}
            </Heading>
            {section.body}
          </Fragment>
        ))}
        <SignatureBlock issuer={`${orUnset(operation.organisingGovernment)}强制执行临时指挥部`} date={chinaDateOf(signedOn)}>
          <Paragraph>
            各成员单位、各工作小组应严格按照本预案履行职责，服从现场执行指挥统一调度，确保强制执行工作依法、安全、有序进行。
          </Paragraph>
        </SignatureBlock>
      </OfficialPage>
    </OfficialDocument>
  );
}

/** 《强制执行预案》 as PDF bytes, pinning the log at `chainHead`. */
export const renderPlan = (data: PlanPrintData, fonts: DocumentFonts, chainHead: ChainHead): Promise<PdfBytes> =>
  renderToPdfBytes(<PlanDocument data={data} chainHead={chainHead} />, fonts);
