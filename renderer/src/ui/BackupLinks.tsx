// DOM. What an error screen outside a workspace offers for 导出备份: each operation on this
// machine, leading to its 档案, where the signed-in person exports it (and the export is logged).
import { Button, Card, Space, Typography } from 'antd';
import { useLiveQuery } from 'dexie-react-hooks';
import { operationTitle } from '../../../shared/operation/newOperation';
import { db } from '../data/db';
import { listOperations } from '../operation/repository';
import { useRoute } from './route';

export function BackupLinks() {
  const navigate = useRoute((s) => s.navigate);
  // A database that cannot be read leaves the list empty rather than failing this screen too.
  const operations = useLiveQuery(() => listOperations(db).catch(() => []), []);
  if (!operations || operations.length === 0) return null;
  return (
    <Card size="small" title="导出备份" data-testid="backup-links">
      <Space direction="vertical" size={4}>
        <Typography.Text type="secondary">在行动的“档案”中导出（需登录，导出记入执行日志）：</Typography.Text>
        {operations.map((o) => (
          <Button key={o.id} size="small" type="link" onClick={() => navigate({ page: 'workspace', operationId: o.id, section: 'archive' })}>
            {/* The records may be what broke the screen: read them defensively. */}
            {`导出备份：${operationTitle(o.subjects.map((s) => s.name))}（${o.courtRuling?.number || o.id}）`}
          </Button>
        ))}
      </Space>
    </Card>
  );
}
