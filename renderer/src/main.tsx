// DOM. Entry of the React app, the same in Electron and in browser mode.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App as AntApp, ConfigProvider, theme } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { App } from './App';
import { BackupLinks } from './ui/BackupLinks';
import { ScreenBoundary } from './ui/ErrorBoundary';
import './app.css';
import { db } from './data/db';
import { requestPersistentStorage } from './data/storage';
import { registerStoredSchedules } from './settings/settings';

dayjs.locale('zh-cn');
// Ask early: without it the browser may evict the database under disk pressure.
void requestPersistentStorage();

const root = document.getElementById('root');
if (!root) throw new Error('页面缺少 #root 元素');

// Holiday schedules loaded from files must be known before any date is checked; a damaged
// record is skipped inside, so this never blocks the app from opening.
await registerStoredSchedules(db).catch(() => undefined);

createRoot(root).render(
  <StrictMode>
    <ConfigProvider
      locale={zhCN}
      // Labels stay exactly as written ("归档", not "归 档"), as in official documents.
      button={{ autoInsertSpace: false }}
      theme={{
        algorithm: [theme.defaultAlgorithm, theme.compactAlgorithm],
        token: { colorPrimary: '#a8071a', borderRadius: 4, fontSize: 14 },
      }}
    >
      <AntApp>
        {/* Last resort, if the header itself fails: a message, never a white window. */}
        <ScreenBoundary page screen="强制执行指挥台" resetKey="app" actions={<BackupLinks />}>
          <App />
        </ScreenBoundary>
      </AntApp>
    </ConfigProvider>
  </StrictMode>,
);
