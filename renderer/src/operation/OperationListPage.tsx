// DOM. 强制执行行动 list: create, open, archive, load the demo.
import { useState } from 'react';
import { App, Button, Dropdown, Empty, Segmented, Space, Table, Tag, Typography } from 'antd';
import { DownOutlined, ExperimentOutlined, ImportOutlined, PlusOutlined } from '@ant-design/icons';
import { demoStageLabels, demoStages, type DemoStage } from '../../../shared/demo/stages';
import { useLiveQuery } from 'dexie-react-hooks';
import { operationTitle } from '../../../shared/operation/newOperation';
import { MAX_BACKUP_CHARS } from '../../../shared/archive/backup';
import { ENCRYPTED_EXTENSION } from '../../../shared/archive/encryption';
import { BackupImportError, importOperationBackup } from '../archive/backupRepository';
import { usePassphrasePrompt } from '../backup/ExportProtection';
import { openProtected } from '../backup/protectedFiles';
import { db } from '../data/db';
import { CourtReportTag } from '../report/CourtReportSection';
import { host } from '../host';
import { readWholeFile } from '../host/fileStream';
import { routeHash, useRoute, type Route } from '../ui/route';
import { errorText } from '../ui/errors';
import { stageLabels, type OperationStage } from '../../../shared/operation/stage';
import { NOT_SIGNED_IN } from '../operators/repository';
import { useSession } from '../operators/session';
import { listOperations, listOverviews, loadDemoOperation, loadDemoStage, setArchived, type OperationSummary } from './repository';

const stageColors: Record<OperationStage, string> = {
  commandPost: 'default',
  planFinal: 'cyan',
  documentsServed: 'blue',
  inProgress: 'processing',
  suspended: 'warning',
  completed: 'success',
  terminated: 'error',
  archived: 'default',
};

const workspaceRoute = (o: OperationSummary): Route => ({ page: 'workspace', operationId: o.id, section: 'overview' });

export function OperationListPage() {
  const navigate = useRoute((s) => s.navigate);
  const { message, modal } = App.useApp();
  const [filter, setFilter] = useState<'active' | 'archived'>('active');
  const [loadingDemo, setLoadingDemo] = useState<'fresh' | DemoStage | null>(null);
  const operations = useLiveQuery(() => listOperations(db), []);
  const passphrase = usePassphrasePrompt();
  const shown = operations?.filter((o) => o.status === filter);
  const overviews = useLiveQuery(() => listOverviews(db, shown ?? []), [shown?.map((o) => o.id).join()]);
  const open = (o: OperationSummary) => navigate(workspaceRoute(o));

  /** The demo to practise on from the start (its command post only), or carried to a stage of the procedure. */
  const loadDemo = async (which: 'fresh' | DemoStage) => {
    setLoadingDemo(which);
    const busy = which === 'fresh' ? undefined : message.loading(`正在按执行流程生成示例行动（${demoStageLabels[which]}）并签发文书，约需半分钟…`, 0);
    try {
      const id = which === 'fresh' ? await loadDemoOperation(db) : await loadDemoStage(db, which);
      message.success(which === 'fresh' ? '已载入示例行动（培训用虚构数据）' : `已载入示例行动：${demoStageLabels[which]}（培训用虚构数据）`);
      navigate({ page: 'workspace', operationId: id, section: 'overview' });
    } catch (e) {
      message.error(`载入示例行动失败：${errorText(e)}`);
    } finally {
      busy?.();
      setLoadingDemo(null);
    }
  };

  const importBackup = async () => {
    try {
      const { files } = await host.openFiles({ filters: [{ name: '行动备份', extensions: ['json', ENCRYPTED_EXTENSION] }] });
      const file = files[0];
      if (!file) return;
      // An encrypted backup is a little larger than its JSON: 16 bytes per 64 KiB and a header.
      const bytes = await openProtected(await readWholeFile(host, file, MAX_BACKUP_CHARS + 64 * 1024), '备份', passphrase.askPassphrase);
      if (!bytes) return;
      const id = await importOperationBackup(db, new TextDecoder().decode(bytes));
      message.success('备份已导入');
      navigate({ page: 'workspace', operationId: id, section: 'overview' });
    } catch (e) {
      // Each problem on its own line, naming the table, the record and the field.
      const content =
        e instanceof BackupImportError ? (
          <div className="import-problems">
            <Typography.Paragraph>备份文件有以下问题，未导入任何内容：</Typography.Paragraph>
            <ol style={{ paddingInlineStart: 20, maxHeight: 360, overflowY: 'auto', margin: 0 }}>
              {e.errors.map((problem, i) => (
                <li key={i}>{problem}</li>
              ))}
            </ol>
          </div>
        ) : (
          errorText(e)
        );
      modal.error({ title: '未能导入备份，本机数据没有任何改动', content, width: 640 });
    }
  };

  const toggleArchive = (o: OperationSummary) => {
    const archiving = o.status === 'active';
    modal.confirm({
      title: archiving ? '归档此行动？' : '恢复此行动？',
      content: archiving
        ? `“${operationTitle(o.subjects.map((s) => s.name))}”将移入“已归档”，数据全部保留，可随时恢复。`
        : '行动将回到“进行中”列表。',
      okText: archiving ? '归档' : '恢复',
      cancelText: '取消',
      onOk: async () => {
        try {
          // Whoever is signed in to that operation in this window; the act refuses without them.
          await setArchived(db, o.id, archiving, useSession.getState().byOperation[o.id]?.actor);
          message.success(archiving ? '已归档' : '已恢复');
        } catch (e) {
          const reason = errorText(e);
          message.error(reason === NOT_SIGNED_IN ? `${archiving ? '归档' : '恢复'}须由现场执行指挥或副指挥办理：请先打开该行动并登录，再回到列表操作` : reason);
        }
      },
    });
  };

  return (
    <div className="page">
      {passphrase.dialog}
      <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 12 }} wrap>
        <Typography.Title level={3} className="page-title">
          强制执行行动
        </Typography.Title>
        <Space>
          <Segmented<'active' | 'archived'>
            value={filter}
            onChange={(v) => setFilter(v)}
            options={[
              { label: '进行中', value: 'active' },
              { label: '已归档', value: 'archived' },
            ]}
          />
          <Button icon={<ImportOutlined />} onClick={importBackup}>
            导入备份
          </Button>
          <Button icon={<ExperimentOutlined />} loading={loadingDemo === 'fresh'} disabled={loadingDemo !== null && loadingDemo !== 'fresh'} onClick={() => loadDemo('fresh')}>
            载入示例行动
          </Button>
          <Dropdown
            disabled={loadingDemo !== null}
            menu={{ items: demoStages.map((stage) => ({ key: stage, label: demoStageLabels[stage] })), onClick: ({ key }) => void loadDemo(key as DemoStage) }}
          >
            <Button icon={<ExperimentOutlined />} loading={loadingDemo !== null && loadingDemo !== 'fresh'}>
              载入其他阶段的示例 <DownOutlined />
            </Button>
          </Dropdown>
          <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate({ page: 'newOperation' })}>
            新建行动
          </Button>
        </Space>
      </Space>
      <Table<OperationSummary>
        rowKey="id"
        size="small"
        bordered
        loading={operations === undefined}
        dataSource={shown}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        locale={{
          emptyText: (
            <Empty
              description={
                filter === 'active' ? '还没有进行中的行动。点“新建行动”录入法院裁定，或“载入示例行动”熟悉操作。' : '没有已归档的行动'
              }
            />
          ),
        }}
        onRow={(o) => ({ onDoubleClick: () => open(o) })}
        columns={[
          {
            title: '行动（被执行人）／被执行房屋',
            key: 'title',
            // The address under the title keeps the row dense now that the overview columns need the width.
            render: (_, o) => (
              <Space orientation="vertical" size={0}>
                <Space>
                  <Typography.Link href={routeHash(workspaceRoute(o))}>{operationTitle(o.subjects.map((s) => s.name))}</Typography.Link>
                  {o.isDemo && <Tag color="gold">示例</Tag>}
                </Space>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {o.propertyAddress}
                </Typography.Text>
              </Space>
            ),
          },
          {
            title: '阶段',
            key: 'stage',
            width: 90,
            render: (_, o) => {
              const stage = overviews?.get(o.id)?.stage;
              return stage && <Tag color={stageColors[stage]} data-testid="operation-stage">{stageLabels[stage]}</Tag>;
            },
          },
          { title: '裁定书文号', key: 'ruling', render: (_, o) => o.courtRuling.number, width: 175 },
          { title: '组织实施', dataIndex: 'organisingGovernment', width: 130, ellipsis: true },
          {
            title: '下一期限',
            key: 'next',
            width: 150,
            render: (_, o) => {
              const next = overviews?.get(o.id)?.next;
              return next ? `${next.label} ${next.date}` : <Typography.Text type="secondary">—</Typography.Text>;
            },
          },
          { title: '书面报告法院期限', key: 'courtReport', width: 150, render: (_, o) => <CourtReportTag operationId={o.id} /> },
          {
            title: '善后未完成',
            key: 'openTasks',
            width: 80,
            align: 'right',
            render: (_, o) => {
              const n = overviews?.get(o.id)?.openTasks;
              return <span data-testid="open-tasks">{n === undefined ? '' : n > 0 ? <Typography.Text type="warning">{n}</Typography.Text> : n}</span>;
            },
          },
          { title: '创建时间', key: 'createdAt', render: (_, o) => o.createdAt.slice(0, 16).replace('T', ' '), width: 130 },
          {
            title: '操作',
            key: 'actions',
            width: 170,
            render: (_, o) => (
              <Space size="small">
                <Button size="small" type="link" title="在行动的“档案”中导出（需登录，导出记入执行日志）" onClick={() => navigate({ page: 'workspace', operationId: o.id, section: 'archive' })}>
                  导出备份
                </Button>
                <Button size="small" type="link" onClick={() => open(o)}>
                  打开
                </Button>
                <Button size="small" type="link" onClick={() => toggleArchive(o)}>
                  {o.status === 'active' ? '归档' : '恢复'}
                </Button>
              </Space>
            ),
          },
        ]}
      />
    </div>
  );
}
