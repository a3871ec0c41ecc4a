// DOM. The columns every list of issuable documents shows the same way: number (or 草稿, and
// what it corrects), who issued it and when, and its SHA-256.
import { Space, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { DocumentRecord } from '../../../shared/documents/records';

export function issuedColumns<D extends DocumentRecord>(byId: ReadonlyMap<string, D>): ColumnsType<D> {
  return [
    {
      title: '文号',
      key: 'number',
      width: 200,
      render: (_, d) => (
        <Space orientation="vertical" size={0}>
          {d.number ? d.number : <Tag>草稿</Tag>}
          {d.replacesId && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              更正 {byId.get(d.replacesId)?.number ?? '（原文书）'}
            </Typography.Text>
          )}
        </Space>
      ),
    },
    {
      title: '签发',
      key: 'issued',
      width: 190,
      render: (_, d) => (d.issuedAt ? `${d.issuedAt.slice(0, 16).replace('T', ' ')} ${d.issuedBy ?? ''}` : '—'),
    },
    {
      title: 'SHA-256',
      key: 'sha',
      width: 170,
      render: (_, d) =>
        d.sha256 ? (
          <Typography.Text code copyable={{ text: d.sha256 }} data-testid={`sha-${d.number}`}>
            {d.sha256.slice(0, 16)}…
          </Typography.Text>
        ) : (
          '—'
        ),
    },
  ];
}
