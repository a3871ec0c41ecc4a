// DOM. Top-level screen switch.
import { useEffect } from 'react';
import { Button, Layout, Space, Typography } from 'antd';
import { ClusterOutlined } from '@ant-design/icons';
import { APP_NAME } from '../../shared/app/identity';
import { AboutButton } from './about/AboutPanel';
import { SettingsButton } from './settings/SettingsPanel';
import { NewOperationPage } from './operation/NewOperationPage';
import { OperationListPage } from './operation/OperationListPage';
import { BackupLinks } from './ui/BackupLinks';
import { ScreenBoundary } from './ui/ErrorBoundary';
import { routeHash, useRoute } from './ui/route';
import { WorkspacePage } from './workspace/WorkspacePage';
import { db } from './data/db';
import { StationsPage } from './stations/StationsPage';
import { SyncStatusLine } from './stations/SyncStatusLine';
import { startStationSync } from './stations/sync';

const pageNames = { operations: '行动列表', newOperation: '新建行动', workspace: '行动工作区', stations: '工作站与同步' } as const;

export function App() {
  const route = useRoute((s) => s.route);
  const navigate = useRoute((s) => s.navigate);
  // Replication runs whatever screen is open: entries keep flowing both ways.
  useEffect(() => startStationSync(db), []);
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header className="app-header">
        <Space size="large">
          <Typography.Link className="app-title" onClick={() => navigate({ page: 'operations' })}>
            {APP_NAME}
          </Typography.Link>
          <span className="app-subtitle">国有土地上房屋征收补偿决定 · 强制执行临时指挥部</span>
        </Space>
        <Space size={4}>
          <ScreenBoundary compact screen="同步状态" resetKey="sync">
            <SyncStatusLine />
          </ScreenBoundary>
          <Button type="text" icon={<ClusterOutlined />} style={{ color: '#fff' }} onClick={() => navigate({ page: 'stations' })}>
            工作站与同步
          </Button>
          <SettingsButton />
          <AboutButton />
        </Space>
      </Layout.Header>
      {/* The header above stays usable whatever a page does. */}
      <ScreenBoundary page screen={pageNames[route.page]} resetKey={routeHash(route)} actions={<BackupLinks />}>
        {route.page === 'operations' && <OperationListPage />}
        {route.page === 'newOperation' && <NewOperationPage />}
        {route.page === 'stations' && <StationsPage />}
        {route.page === 'workspace' && <WorkspacePage operationId={route.operationId} section={route.section} />}
      </ScreenBoundary>
    </Layout>
  );
}
