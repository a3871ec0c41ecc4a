// DOM. 概况: what the operation was created with.
import { Descriptions, Table } from 'antd';
import { useLiveQuery } from 'dexie-react-hooks';
import { db } from '../data/db';
import { formatChineseDate } from '../../../shared/operation/formats';
import { basisDocumentKindLabels, issuingBodyName, rulingScopeLabels, rulingScopeOf, type Subject } from '../../../shared/operation/types';
import type { OperationSummary } from '../operation/repository';
import { OpenAftercareTasks } from '../report/CourtReportSection';
import { Masked } from '../ui/Masked';

/** Where the operation stands along the procedure, at a glance. */
function Progress({ operation }: { operation: OperationSummary }) {
  const progress = useLiveQuery(async () => {
    const [groups, people, plans, documents, services] = await Promise.all([
      db.workingGroups.where('operationId').equals(operation.id).toArray(),
      db.people.where('operationId').equals(operation.id).toArray(),
      db.plans.where('operationId').equals(operation.id).toArray(),
      db.documents.where('operationId').equals(operation.id).toArray(),
      db.services.where('operationId').equals(operation.id).toArray(),
    ]);
    const commander = people.find((p) => p.id === operation.onSiteCommanderId);
    const finals = plans.filter((p) => p.status === 'final').sort((a, b) => b.version - a.version);
    const issued = (kind: string) => documents.filter((d) => d.kind === kind && d.status === 'issued');
    const served = (kind: string) => issued(kind).filter((d) => services.some((s) => s.documentId === d.id)).length;
    return {
      commandPost: `${groups.length} 个工作小组，${groups.filter((g) => !g.leaderId).length} 个未指定组长；现场执行指挥：${commander ? commander.name : '未指定'}`,
      plan: finals[0] ? `第 ${finals[0].version} 版，定稿于 ${finals[0].finalisedAt?.slice(0, 16).replace('T', ' ')}` : '尚未定稿',
      documents: `告知书已签发 ${issued('notice').length} 份（已送达 ${served('notice')}）；公告已签发 ${issued('announcement').length} 份`,
    };
  }, [operation]);
  if (!progress) return null;
  return (
    <Descriptions bordered size="small" column={1} style={{ marginBottom: 16 }} styles={{ label: { width: 150 } }} title="工作进度">
      <Descriptions.Item label="指挥部">{progress.commandPost}</Descriptions.Item>
      <Descriptions.Item label="预案">{progress.plan}</Descriptions.Item>
      <Descriptions.Item label="文书送达">{progress.documents}</Descriptions.Item>
    </Descriptions>
  );
}

export function OverviewSection({ operation }: { operation: OperationSummary }) {
  const { courtRuling, basisDocument } = operation;
  return (
    <>
      <OpenAftercareTasks operationId={operation.id} />
      <Progress operation={operation} />
      <Descriptions bordered size="small" column={2} style={{ marginBottom: 16 }} styles={{ label: { width: 150 } }}>
        <Descriptions.Item label="作出裁定的法院">{courtRuling.court}</Descriptions.Item>
        <Descriptions.Item label="行政裁定书">
          {courtRuling.number}（{formatChineseDate(courtRuling.date)}）
        </Descriptions.Item>
        <Descriptions.Item label="裁定执行范围">
          <span data-testid="overview-scope">
            {rulingScopeLabels[rulingScopeOf(courtRuling)]}
            {courtRuling.scopeLimit ? `（${courtRuling.scopeLimit}）` : ''}
          </span>
        </Descriptions.Item>
        <Descriptions.Item label="发文机关">{issuingBodyName(operation)}</Descriptions.Item>
        <Descriptions.Item label="执行依据">{`《${basisDocumentKindLabels[basisDocument.kind]}》`}</Descriptions.Item>
        <Descriptions.Item label="依据文号">
          {basisDocument.number}（{formatChineseDate(basisDocument.date)}）
        </Descriptions.Item>
        <Descriptions.Item label="组织实施">{operation.organisingGovernment}</Descriptions.Item>
        <Descriptions.Item label="牵头单位">{operation.leadUnit}</Descriptions.Item>
        <Descriptions.Item label="被执行房屋" span={2}>
          {operation.propertyAddress}
        </Descriptions.Item>
      </Descriptions>
      <Table<Subject>
        rowKey="id"
        size="small"
        bordered
        pagination={false}
        title={() => '被执行人'}
        dataSource={operation.subjects}
        columns={[
          { title: '序号', key: 'n', width: 60, render: (_, s) => s.position + 1 },
          { title: '姓名或名称', dataIndex: 'name', width: 140 },
          {
            title: '证件号码',
            key: 'id',
            width: 230,
            render: (_, s) => <Masked operationId={operation.id} value={s.idNumber} kind="id" whose={s.name} />,
          },
          { title: '联系电话', key: 'phone', width: 150, render: (_, s) => <Masked operationId={operation.id} value={s.phone} kind="phone" whose={s.name} /> },
          { title: '住址', dataIndex: 'address', render: (v: string) => v || '—' },
        ]}
      />
    </>
  );
}
