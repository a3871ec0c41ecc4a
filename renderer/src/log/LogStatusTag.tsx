// DOM. The log's chain head and verification, shown on every workspace screen: a paper
// copy can quote the head, and any change to a stored entry shows here at once.
import { Tag, Tooltip } from 'antd';
import { useLiveQuery } from 'dexie-react-hooks';
import { db } from '../data/db';
import { verifyLog } from './repository';

export function LogStatusTag({ operationId }: { operationId: string }) {
  const status = useLiveQuery(() => verifyLog(db, operationId), [operationId]);
  if (!status || status.count === 0) return null;
  if (!status.verdict.ok) {
    return (
      <Tag color="red" data-testid="log-status">
        日志校验失败：{status.verdict.message}
      </Tag>
    );
  }
  const head = status.verdict.head;
  return (
    <Tooltip title={`链头哈希 ${head?.hash ?? ''}${status.flags.length ? `；${status.flags.map((f) => f.message).join('；')}` : ''}`}>
      <Tag color={status.flags.length ? 'orange' : 'green'} data-testid="log-status">
        日志 {status.count} 条 · 链头 第{head?.seq}条 {head?.hash.slice(0, 8)} · 校验通过
        {status.flags.length ? `（时钟异常 ${status.flags.length} 处）` : ''}
      </Tag>
    </Tooltip>
  );
}
