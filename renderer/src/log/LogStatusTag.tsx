// DOM. The log's chain head and verification, shown on every workspace screen: a paper
// copy can quote the head, and any change to a stored entry shows here at once; so do
// entries refused on arrival and forks of the stations' record.
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
  const refused = status.stations?.refused ?? [];
  const notes = [...status.flags.map((f) => f.message), ...refused.map((r) => `已拒收：${r.reason}`)];
  return (
    <Tooltip title={`链头${head?.writer ? `（工作站 ${head.writer}）` : ''}哈希 ${head?.hash ?? ''}${notes.length ? `；${notes.join('；')}` : ''}`}>
      <Tag color={refused.length ? 'red' : status.flags.length ? 'orange' : 'green'} data-testid="log-status">
        日志 {status.count} 条 · 链头 {head?.writer ? `${head.writer.slice(0, 8)} ` : ''}第{head?.seq}条 {head?.hash.slice(0, 8)} · 校验通过
        {status.flags.length ? `（时钟异常 ${status.flags.length} 处）` : ''}
        {refused.length ? `（已拒收 ${refused.length} 条）` : ''}
      </Tag>
    </Tooltip>
  );
}
