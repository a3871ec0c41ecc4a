// DOM. 合法性审查与定稿: every check with its basis; finalising locks a numbered version.
import { useState } from 'react';
import { Alert, App, Button, Card, Modal, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { CheckCircleFilled, CloseCircleFilled, ExclamationCircleFilled, LockOutlined } from '@ant-design/icons';
import { canFinalise } from '../../../shared/plan/legality';
import type { LegalityCheck, Plan } from '../../../shared/plan/types';
import { db } from '../data/db';
import { errorText } from '../ui/errors';
import { finalisePlan } from './repository';
import { useRefusal } from '../operators/useRefusal';

const statusView: Record<LegalityCheck['status'], { icon: React.ReactNode; text: string }> = {
  pass: { icon: <CheckCircleFilled style={{ color: '#389e0d' }} />, text: '通过' },
  fail: { icon: <CloseCircleFilled style={{ color: '#cf1322' }} />, text: '未通过' },
  warn: { icon: <ExclamationCircleFilled style={{ color: '#d48806' }} />, text: '提示' },
};

export function LegalityTable({ checks }: { checks: LegalityCheck[] }) {
  return (
    <Table<LegalityCheck>
      size="small"
      bordered
      pagination={false}
      rowKey={(c) => `${c.code}-${c.message}`}
      dataSource={checks}
      columns={[
        {
          title: '结果',
          key: 'status',
          width: 90,
          render: (_, c) => (
            <Space size={4}>
              {statusView[c.status].icon}
              {statusView[c.status].text}
            </Space>
          ),
        },
        { title: '审查项', dataIndex: 'title', width: 150 },
        { title: '说明', dataIndex: 'message' },
        {
          title: '依据',
          dataIndex: 'basis',
          width: 380,
          render: (b: string) => <Typography.Text type="secondary" style={{ fontSize: 12 }}>{b}</Typography.Text>,
        },
      ]}
    />
  );
}

export function ReviewPanel({
  operationId,
  draft,
  unsaved,
  checks,
  versions,
  renderPrintActions,
}: {
  operationId: string;
  draft: Plan;
  /** 预案内容 has typed changes not saved: the checks and the finalisation read the saved plan. */
  unsaved: boolean;
  checks: LegalityCheck[];
  versions: Plan[];
  renderPrintActions: (plan: Plan) => React.ReactNode;
}) {
  const { message } = App.useApp();
  const [confirming, setConfirming] = useState(false);
  const { actor, refusal } = useRefusal(operationId);
  const cannot = refusal({ kind: 'finalisePlan' });
  const [saving, setSaving] = useState(false);
  const ok = canFinalise(checks);
  const failures = checks.filter((c) => c.blocking && c.status === 'fail');

  const finalise = async () => {
    setSaving(true);
    try {
      const plan = await finalisePlan(db, operationId, actor);
      message.success(`预案已定稿为第 ${plan.version} 版`);
      setConfirming(false);
    } catch (e) {
      message.error(errorText(e));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Space orientation="vertical" style={{ width: '100%' }} size="middle">
      {unsaved && (
        <Alert
          type="warning"
          showIcon
          data-testid="unsaved-plan"
          title="“预案内容”有未保存的修改"
          description="审查和定稿依据已保存的预案内容。请先到“预案内容”点击“保存预案”。"
        />
      )}
      {ok ? (
        <Alert type="success" showIcon title="合法性审查无阻止事项，可以定稿" />
      ) : (
        <Alert
          type="error"
          showIcon
          title={`有 ${failures.length} 项未通过，不能定稿`}
          description={failures.map((c) => `${c.title}：${c.message}`).join('；')}
        />
      )}
      <LegalityTable checks={checks} />
      <Space>
        <Tooltip title={ok ? cannot : null}>
          <Button type="primary" icon={<LockOutlined />} disabled={!ok || !!cannot} onClick={() => setConfirming(true)}>
            定稿为第 {Math.max(0, ...versions.map((v) => v.version)) + 1} 版
          </Button>
        </Tooltip>
        <Typography.Text type="secondary">定稿后该版本锁定不可修改；再修改预案将形成新版本，历史版本全部保留。</Typography.Text>
      </Space>
      <Card size="small" title="当前草稿" extra={<Typography.Text type="secondary">打印件每页标注“草稿”，不能代替定稿版本</Typography.Text>}>
        {renderPrintActions(draft)}
      </Card>
      <Card size="small" title="定稿版本">
        <Table<Plan>
          size="small"
          rowKey="id"
          pagination={false}
          dataSource={versions}
          locale={{ emptyText: '尚未定稿' }}
          columns={[
            { title: '版本', key: 'v', width: 80, render: (_, p) => <Tag color="red">第 {p.version} 版</Tag> },
            { title: '定稿时间', key: 't', width: 170, render: (_, p) => p.finalisedAt?.slice(0, 16).replace('T', ' ') },
            { title: '定稿人', dataIndex: 'finalisedBy', width: 140 },
            { title: '', key: 'print', render: (_, p) => renderPrintActions(p) },
          ]}
        />
      </Card>
      <Modal
        title="确认定稿"
        open={confirming}
        onCancel={() => setConfirming(false)}
        onOk={finalise}
        okText="定稿"
        cancelText="取消"
        okButtonProps={{ disabled: !!cannot, loading: saving }}
        destroyOnHidden
      >
        <Typography.Paragraph>定稿后本版本不可修改。</Typography.Paragraph>
        <Typography.Paragraph data-testid="finaliser">
          定稿人：<Typography.Text strong>{actor?.name ?? '未登录'}</Typography.Text>（当前登录人员）
        </Typography.Paragraph>
        {cannot && <Alert type="error" showIcon title={cannot} />}
      </Modal>
    </Space>
  );
}
