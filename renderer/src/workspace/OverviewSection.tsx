// DOM. 概况: what the operation was created with.
import { Descriptions, Table } from 'antd';
import { formatChineseDate, maskIdNumber, maskPhone } from '../../../shared/operation/formats';
import { basisDocumentKindLabels, type Subject } from '../../../shared/operation/types';
import type { OperationSummary } from '../operation/repository';

export function OverviewSection({ operation }: { operation: OperationSummary }) {
  const { courtRuling, basisDocument } = operation;
  return (
    <>
      <Descriptions bordered size="small" column={2} style={{ marginBottom: 16 }} styles={{ label: { width: 150 } }}>
        <Descriptions.Item label="作出裁定的法院">{courtRuling.court}</Descriptions.Item>
        <Descriptions.Item label="行政裁定书">
          {courtRuling.number}（{formatChineseDate(courtRuling.date)}）
        </Descriptions.Item>
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
            title: '证件号码（已遮蔽）',
            key: 'id',
            width: 220,
            render: (_, s) => (s.idNumber ? maskIdNumber(s.idNumber) : '—'),
          },
          { title: '联系电话', key: 'phone', width: 140, render: (_, s) => (s.phone ? maskPhone(s.phone) : '—') },
          { title: '住址', dataIndex: 'address', render: (v: string) => v || '—' },
        ]}
      />
    </>
  );
}
