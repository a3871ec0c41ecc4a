// DOM. The replication status in the header, on every screen: for each operation this station
// replicates, its state and its own entries waiting ("离线，N 条待同步" while offline); on the
// commander's laptop, every other station's last contact and entries waiting as its hub sees
// them; a flag for a clock more than 60 s off, an entry refused or a fork. A click opens the
// operation's 工作站与同步.
import { Space, Tag, Tooltip } from 'antd';
import { useLiveQuery } from 'dexie-react-hooks';
import { db } from '../data/db';
import { host } from '../host';
import { useRoute } from '../ui/route';
import { timeOfDay, usePoll } from './stationsUi';
import { syncStateLabels, useSync, type OperationSync } from './sync';

export function SyncStatusLine() {
  const byOp = useSync((s) => s.byOp);
  const syncs = Object.values(byOp).filter((s): s is OperationSync => !!s);
  const commanding = syncs.some((s) => s.link.hub === 'local' && s.state !== 'revoked');
  if (syncs.length === 0) return null;
  return (
    <Space size={4} className="sync-status" data-testid="sync-status">
      {syncs.map((s) => (
        <OperationStatus key={s.op} sync={s} commanding={commanding} />
      ))}
    </Space>
  );
}

function OperationStatus({ sync, commanding }: { sync: OperationSync; commanding: boolean }) {
  const navigate = useRoute((s) => s.navigate);
  const refused = useLiveQuery(() => db.refusedEntries.where('operationId').equals(sync.op).count(), [sync.op]) ?? 0;
  const hub = usePoll(() => (commanding && sync.link.hub === 'local' ? host.hubStatus({}) : Promise.resolve(undefined)), 5000, `${sync.op}${commanding}`);
  const others = (hub.value?.operations.find((o) => o.op === sync.op)?.stations ?? []).filter((s) => s.station !== sync.link.anchor && s.role !== 'hub' && !s.revoked);
  const open = () => navigate({ page: 'workspace', operationId: sync.op, section: 'stations' });
  const online = useSync((s) => s.online);
  const state = !online && sync.state !== 'revoked' ? 'offline' : sync.state;
  const own =
    state === 'offline'
      ? `离线，${sync.waiting} 条待同步`
      : state === 'idle' && sync.waiting === 0
        ? `已同步 ${timeOfDay(sync.syncedAt)}`
        : `${syncStateLabels[state === 'idle' ? 'active' : state]}${sync.waiting ? `，${sync.waiting} 条待同步` : ''}`;
  const color = state === 'idle' && sync.waiting === 0 ? 'green' : state === 'revoked' || state === 'error' ? 'red' : 'orange';
  return (
    <>
      <Tooltip title={`本站（${sync.link.name}）与${sync.link.hub === 'local' ? '本机' : ''}同步中心的同步；点击查看工作站与同步`}>
        <Tag color={color} onClick={open} style={{ cursor: 'pointer' }} data-testid="sync-own">
          {own}
        </Tag>
      </Tooltip>
      {others.map((s) => (
        <Tooltip key={s.station} title={s.clockFlagged ? '该工作站时钟与同步中心相差超过 60 秒：其记录时间须以同步中心时间核对' : `最后联系 ${timeOfDay(s.lastContactAt)}`}>
          <Tag color={s.clockFlagged ? 'red' : undefined} onClick={open} style={{ cursor: 'pointer' }} data-testid="sync-station">
            {s.name} {timeOfDay(s.lastContactAt)} · 待 {s.waiting ?? '—'}
            {s.clockFlagged ? ' · 时钟偏差' : ''}
          </Tag>
        </Tooltip>
      ))}
      {(refused > 0 || sync.forks > 0) && (
        <Tag color="red" onClick={open} style={{ cursor: 'pointer' }} data-testid="sync-flag">
          {[refused ? `已拒收 ${refused} 条` : '', sync.forks ? `分叉 ${sync.forks} 处` : ''].filter(Boolean).join('，')}
        </Tag>
      )}
    </>
  );
}
