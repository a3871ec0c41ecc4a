// DOM. One operation's workspace: navigation along the procedure, one screen per step.
import { useEffect, type ReactNode } from 'react';
import { Alert, Button, Layout, Menu, Result, Space, Spin, Tag, Typography } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { useLiveQuery } from 'dexie-react-hooks';
import { operationTitle } from '../../../shared/operation/newOperation';
import { db } from '../data/db';
import { getOperation } from '../operation/repository';
import { useRoute, type WorkspaceSection } from '../ui/route';
import { CommandPostSection } from '../commandPost/CommandPostSection';
import { DocumentsSection, SelfPerformanceCountdown } from '../documents/DocumentsSection';
import { LogStatusTag } from '../log/LogStatusTag';
import { PlanSection } from '../plan/PlanSection';
import { EvidenceSection } from '../evidence/EvidenceSection';
import { OnSiteSection } from '../onSite/OnSiteSection';
import { CourtReportCountdown, CourtReportSection } from '../report/CourtReportSection';
import { OverviewSection } from './OverviewSection';
import { ArchiveSection, BackupCard } from '../archive/ArchiveSection';
import { StationsSection } from '../stations/StationsSection';
import { ScreenBoundary } from '../ui/ErrorBoundary';
import { AutoBackup, AutoBackupTag } from '../backup/AutoBackup';
import { sections } from './sections';
import { OperatorBar } from '../operators/OperatorBar';
import { OperatorGate } from '../operators/OperatorGate';
import { useSession } from '../operators/session';

export function WorkspacePage({ operationId, section }: { operationId: string; section: WorkspaceSection }) {
  const navigate = useRoute((s) => s.navigate);
  // null = not found; undefined = still loading.
  const operation = useLiveQuery(async () => getOperation(db, operationId), [operationId]);
  const go = (key: WorkspaceSection) => navigate({ page: 'workspace', operationId, section: key });

  // Alt+1…8 jumps between sections: the commander's hands stay on the keyboard.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const target = sections[Number(e.key) - 1];
      const locked = useSession.getState().byOperation[operationId]?.locked;
      if (e.altKey && !e.ctrlKey && !e.metaKey && target && !locked) {
        e.preventDefault();
        navigate({ page: 'workspace', operationId, section: target.key });
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [navigate, operationId]);

  if (operation === undefined) return <Spin style={{ margin: 48 }} />;
  if (operation === null) {
    return (
      <Result
        status="404"
        title="找不到该行动"
        subTitle="它可能属于另一台电脑或另一种运行方式（桌面程序与浏览器模式的数据分开保存）。"
        extra={<Button onClick={() => navigate({ page: 'operations' })}>返回行动列表</Button>}
      />
    );
  }

  const current = sections.find((s) => s.key === section) ?? sections[0]!;
  const title = operationTitle(operation.subjects.map((s) => s.name));
  const resetKey = `${operation.id}/${current.key}`;
  /** A part of the header that fails shows one line in its place, not a broken workspace. */
  const part = (name: string, node: ReactNode) => (
    <ScreenBoundary compact screen={name} resetKey={resetKey}>
      {node}
    </ScreenBoundary>
  );
  return (
    <OperatorGate operation={operation} title={title}>
      <Layout>
        <Layout.Sider width={200} theme="light" style={{ borderRight: '1px solid #f0f0f0' }}>
          <div style={{ padding: '12px 16px' }}>
            <Button size="small" icon={<ArrowLeftOutlined />} onClick={() => navigate({ page: 'operations' })}>
              行动列表
            </Button>
          </div>
          <Menu
            mode="inline"
            selectedKeys={[current.key]}
            aria-label="执行流程"
            items={sections.map((s, i) => ({
              key: s.key,
              label: (
                <span title={`${s.steps}（Alt+${i + 1}）`}>
                  {s.label}
                </span>
              ),
            }))}
            onClick={({ key }) => go(key as WorkspaceSection)}
          />
        </Layout.Sider>
        <Layout.Content className="page">
          <Space align="center" style={{ marginBottom: 8 }} wrap>
            <Typography.Title level={3} className="page-title" style={{ marginBottom: 0 }}>
              {title}
            </Typography.Title>
            {operation.isDemo && <Tag color="gold">示例 · 虚构数据，仅供培训</Tag>}
            {operation.status === 'archived' && <Tag>已归档</Tag>}
            {operation.termination && <Tag color="blue">已终止：被执行人自行履行</Tag>}
            <Typography.Text type="secondary">{operation.courtRuling.number}</Typography.Text>
            {part('日志状态', <LogStatusTag operationId={operation.id} />)}
            {part('自动备份状态', <AutoBackupTag operationId={operation.id} />)}
            {part('登录人员', <OperatorBar operation={operation} />)}
          </Space>
          {part('自动备份', <AutoBackup operationId={operation.id} title={title} />)}
          {!operation.termination && current.key !== 'documents' && part('自行履行期限', <SelfPerformanceCountdown operationId={operation.id} />)}
          {part('执行通报期限', <CourtReportCountdown operationId={operation.id} />)}
          {operation.status === 'archived' && (
            <Alert type="info" showIcon style={{ marginBottom: 12 }} title="此行动已归档，可在行动列表“已归档”中恢复。" />
          )}
          <Typography.Title level={4} style={{ marginTop: 8 }}>
            {current.label} <Typography.Text type="secondary" style={{ fontSize: 13, fontWeight: 'normal' }}>{current.steps}</Typography.Text>
          </Typography.Title>
          {/* Whatever fails in a section stays in it: the menu on the left and the header above keep working. */}
          <ScreenBoundary screen={current.label} resetKey={resetKey} actions={<BackupCard operation={operation} />}>
            {current.key === 'overview' ? (
              <OverviewSection operation={operation} />
            ) : current.key === 'commandPost' ? (
              <CommandPostSection operation={operation} />
            ) : current.key === 'plan' ? (
              <PlanSection operation={operation} />
            ) : current.key === 'documents' ? (
              <DocumentsSection operation={operation} />
            ) : current.key === 'onSite' ? (
              <OnSiteSection operation={operation} />
            ) : current.key === 'evidence' ? (
              <EvidenceSection operation={operation} />
            ) : current.key === 'courtReport' ? (
              <CourtReportSection operation={operation} />
            ) : current.key === 'stations' ? (
              <StationsSection operation={operation} />
            ) : (
              <ArchiveSection operation={operation} />
            )}
          </ScreenBoundary>
        </Layout.Content>
      </Layout>
    </OperatorGate>
  );
}
