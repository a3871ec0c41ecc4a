// DOM. 音像资料: the footage and photo register — every file's SHA-256, who filmed it,
// who holds it now, and its last re-verification; registering, custody transfers and
// re-verifications are each written to the on-site log.
import { useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { Button, Flex, Table, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { shortTime } from '../../../shared/evidence/media';
import { formatBytes } from '../../../shared/evidence/progress';
import { mediaKindLabels, type MediaRecord } from '../../../shared/evidence/types';
import type { Operation } from '../../../shared/operation/types';
import { db } from '../data/db';
import { CustodyDialog } from './CustodyDialog';
import { RegisterDialog } from './RegisterDialog';
import { listMedia } from './repository';
import { usePeopleAndGroups } from './usePeopleAndGroups';
import { VerifyDialog } from './VerifyDialog';

type Dialog = { kind: 'register' } | { kind: 'custody' | 'verify'; record: MediaRecord };

export function FootageRegister({ operation }: { operation: Operation }) {
  const records = useLiveQuery(() => listMedia(db, operation.id), [operation.id]);
  const { groupName } = usePeopleAndGroups(operation.id);
  const [dialog, setDialog] = useState<Dialog>();
  const close = () => setDialog(undefined);

  const columns: ColumnsType<MediaRecord> = [
    { title: '类型', dataIndex: 'kind', width: 56, render: (k: MediaRecord['kind']) => mediaKindLabels[k] },
    { title: '设备编号', dataIndex: 'deviceNumber', width: 110 },
    { title: '拍摄人', dataIndex: 'operator', width: 80 },
    { title: '工作组', dataIndex: 'groupId', width: 100, render: (id: string) => groupName(id) },
    {
      title: '拍摄时间',
      width: 150,
      render: (_, r) => (r.endedAt ? `${shortTime(r.startedAt)}–${shortTime(r.endedAt).slice(11)}` : shortTime(r.startedAt)),
    },
    { title: '原始文件', dataIndex: 'originalName', ellipsis: { showTitle: true } },
    { title: '大小', dataIndex: 'size', width: 80, align: 'right', render: (n: number) => formatBytes(n) },
    {
      title: 'SHA-256',
      dataIndex: 'sha256',
      width: 170,
      render: (sha: string, r) => (
        <Tooltip title={sha}>
          <Typography.Text code copyable={{ text: sha }} data-testid={`sha-${r.originalName}`}>
            {sha.slice(0, 12)}…
          </Typography.Text>
        </Tooltip>
      ),
    },
    { title: '保管人', dataIndex: 'custodian', width: 80 },
    {
      title: '复核',
      width: 110,
      render: (_, r) =>
        r.lastVerification ? (
          <Tooltip title={`${shortTime(r.lastVerification.at)} ${r.lastVerification.by}`}>
            <Tag color={r.lastVerification.result === 'match' ? 'success' : 'error'}>
              {r.lastVerification.result === 'match' ? '一致' : '不一致'} {shortTime(r.lastVerification.at).slice(5)}
            </Tag>
          </Tooltip>
        ) : (
          <Typography.Text type="secondary">未复核</Typography.Text>
        ),
    },
    {
      title: '操作',
      width: 110,
      render: (_, r) => (
        <Flex gap={4}>
          <Button size="small" onClick={() => setDialog({ kind: 'custody', record: r })}>
            移交
          </Button>
          <Button size="small" onClick={() => setDialog({ kind: 'verify', record: r })}>
            复核
          </Button>
        </Flex>
      ),
    },
  ];

  return (
    <Flex vertical gap={8}>
      <Flex gap={8} align="center">
        <Button type="primary" onClick={() => setDialog({ kind: 'register' })}>
          登记音像资料…
        </Button>
        <Typography.Text type="secondary">
          {records ? `共 ${records.length} 个文件，${formatBytes(records.reduce((sum, r) => sum + r.size, 0))}` : ''}
        </Typography.Text>
      </Flex>
      <Table<MediaRecord>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={records ?? []}
        loading={records === undefined}
        pagination={false}
        locale={{ emptyText: '尚未登记音像资料' }}
      />
      {dialog?.kind === 'register' && <RegisterDialog operationId={operation.id} onClose={close} />}
      {dialog?.kind === 'custody' && <CustodyDialog record={dialog.record} onClose={close} />}
      {dialog?.kind === 'verify' && <VerifyDialog record={dialog.record} onClose={close} />}
    </Flex>
  );
}
