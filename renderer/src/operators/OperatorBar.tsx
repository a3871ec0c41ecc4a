// DOM. Who is signed in to this workspace, with 锁定 (Ctrl+L) and 切换人员.
import { Button, Space, Tag, Tooltip, Typography } from 'antd';
import { LockOutlined, SwapOutlined, UserOutlined } from '@ant-design/icons';
import { useLiveQuery } from 'dexie-react-hooks';
import { personRoles } from '../../../shared/commandPost/rules';
import { db } from '../data/db';
import type { OperationSummary } from '../operation/repository';
import { useSession } from './session';

export function OperatorBar({ operation }: { operation: OperationSummary }) {
  const session = useSession((s) => s.byOperation[operation.id]);
  const lock = useSession((s) => s.lock);
  const signOut = useSession((s) => s.signOut);
  const groups = useLiveQuery(() => db.workingGroups.where('operationId').equals(operation.id).toArray(), [operation.id]);
  if (!session) {
    return (
      <Tooltip title="设立行动阶段的记录以“本工作站”名义记入执行日志；指定现场执行指挥后，进入本行动须登录。">
        <Tag color="warning" data-testid="setup-mode">
          设立阶段：尚未指定现场执行指挥
        </Tag>
      </Tooltip>
    );
  }
  const role = personRoles(session.actor.personId, groups ?? [], operation)[0]?.label;
  return (
    <Space size={4} data-testid="signed-in">
      <UserOutlined />
      <Typography.Text strong>{session.actor.name}</Typography.Text>
      {role && <Tag>{role}</Tag>}
      <Tooltip title="锁定工作区（Ctrl+L）：输入本人 PIN 解锁，内容不丢失">
        <Button size="small" icon={<LockOutlined />} onClick={() => lock(operation.id)}>
          锁定
        </Button>
      </Tooltip>
      <Button size="small" icon={<SwapOutlined />} onClick={() => signOut(operation.id)}>
        切换人员
      </Button>
    </Space>
  );
}
