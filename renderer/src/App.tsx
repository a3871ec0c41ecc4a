// DOM. Top-level screen switch.
import { Layout, Space, Typography } from 'antd';
import { APP_NAME } from '../../shared/app/identity';
import { AboutButton } from './about/AboutPanel';
import { SettingsButton } from './settings/SettingsPanel';
import { NewOperationPage } from './operation/NewOperationPage';
import { OperationListPage } from './operation/OperationListPage';
import { useRoute } from './ui/route';
import { WorkspacePage } from './workspace/WorkspacePage';

export function App() {
  const route = useRoute((s) => s.route);
  const navigate = useRoute((s) => s.navigate);
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header className="app-header">
        <Space size="large">
          <Typography.Link className="app-title" onClick={() => navigate({ page: 'operations' })}>
            {APP_NAME}
          </Typography.Link>
          <span className="app-subtitle">国有土地上房屋征收补偿决定 · 强制执行临时指挥部</span>
        </Space>
        <Space size={0}>
          <SettingsButton />
          <AboutButton />
        </Space>
      </Layout.Header>
      {route.page === 'operations' && <OperationListPage />}
      {route.page === 'newOperation' && <NewOperationPage />}
      {route.page === 'workspace' && <WorkspacePage operationId={route.operationId} section={route.section} />}
    </Layout>
  );
}
