// DOM. 工作站与同步 for the open operation. On the commander's laptop: this computer's hub
// (state, LAN, CA fingerprint), inviting a station (QR code and link), the pairing requests
// with their short codes to compare and the role to give, the roster of paired stations
// (last contact, entries waiting, clock offset) with revocation, and what the hub refused.
// On a station that joined another hub: its link and replication state.
import { useState } from 'react';
import { Alert, App, Button, Card, Descriptions, Empty, Input, Select, Space, Table, Tag, Typography } from 'antd';
import { useLiveQuery } from 'dexie-react-hooks';
import type { HostResponse, HubStation, HubStatus } from '../../../shared/host/contract';
import { groupKey } from '../../../shared/operators/permissions';
import { stationRoleLabels, type RoleGrant, type StationRole } from '../../../shared/stations/roster';
import { clockFlag } from '../../../shared/stations/clock';
import { db } from '../data/db';
import { host } from '../host';
import { StationsNotice } from '../log/StationsNotice';
import { verifyLog } from '../log/repository';
import type { OperationSummary } from '../operation/repository';
import { useActor } from '../operators/session';
import { errorText } from '../ui/errors';
import { QrCode, Sas, groupedFingerprint, shortKey, timeOfDay, usePoll } from './stationsUi';
import { localSigner } from './local';
import { syncStateLabels, useSync } from './sync';
import { admitStation, openOnHub, revokeStation } from './syncRoster';

type Invite = HostResponse<'hubInvite'>;
type Pairing = HostResponse<'hubPendingPairings'>['pairings'][number];

/** Roles the commander may give at pairing (the commander's own role comes only with the genesis). */
const grantable: StationRole[] = ['deputy', 'groupLeader', 'evidenceClerk', 'notary', 'observer'];

export function StationsSection({ operation }: { operation: OperationSummary }) {
  const sync = useSync((s) => s.byOp[operation.id]);
  const status = useLiveQuery(() => verifyLog(db, operation.id), [operation.id]);
  // The station that wrote the operation's genesis (or will: none yet) commands its roster; any other joined it.
  const founder = useLiveQuery(async () => {
    const key = (await localSigner()).publicKey;
    const geneses = await db.stationEntries.where('operationId').equals(operation.id).filter((e) => e.seq === 1 && e.category === 'roster' && e.data?.['action'] === 'genesis').toArray();
    return geneses.length === 0 || geneses.some((e) => e.writer === key);
  }, [operation.id]);
  return (
    <div data-testid="stations-section">
      <StationsNotice operationId={operation.id} status={status ?? null} />
      {founder === undefined ? null : founder ? (
        <HubPanel operation={operation} />
      ) : sync && sync.link.hub !== 'local' ? (
        <JoinedLink operationId={operation.id} />
      ) : (
        <Alert
          type="info"
          showIcon
          title="本行动的多站记录由另一工作站（指挥工作站）建立。本工作站要与其同步，须由指挥部邀请后在“工作站与同步 → 加入其他同步中心”中加入。"
        />
      )}
    </div>
  );
}

/** A station that joined another hub: where it replicates, and how it is doing. */
function JoinedLink({ operationId }: { operationId: string }) {
  const sync = useSync((s) => s.byOp[operationId])!;
  const { link } = sync;
  return (
    <Card size="small" title="本工作站已加入其他同步中心">
      <Descriptions size="small" column={2} bordered>
        <Descriptions.Item label="同步中心">{link.hub}</Descriptions.Item>
        <Descriptions.Item label="证书指纹">
          <Typography.Text code>{groupedFingerprint(link.fingerprint).slice(0, 39)}…</Typography.Text>
        </Descriptions.Item>
        <Descriptions.Item label="本站名称">{link.name}</Descriptions.Item>
        <Descriptions.Item label="角色">{link.role ? stationRoleLabels[link.role] : '未知'}</Descriptions.Item>
        <Descriptions.Item label="同步状态">
          <Tag color={sync.state === 'idle' ? 'green' : sync.state === 'revoked' || sync.state === 'error' ? 'red' : 'orange'} data-testid="link-state">
            {syncStateLabels[sync.state]}
          </Tag>
          {sync.waiting > 0 && `${sync.waiting} 条待同步`}
        </Descriptions.Item>
        <Descriptions.Item label="最后同步">{timeOfDay(sync.syncedAt ?? link.lastContactAt)}</Descriptions.Item>
      </Descriptions>
      {sync.state === 'revoked' && (
        <Alert
          type="error"
          showIcon
          style={{ marginTop: 8 }}
          title="指挥工作站已撤销本工作站：同步中心不再接受本站的连接和此后写入的记录。本机已有的记录保留，可供核对。"
          description={sync.waiting > 0 ? `本站有 ${sync.waiting} 条记录未送达同步中心，其他工作站不会接受。` : undefined}
        />
      )}
      {link.problem && sync.state !== 'revoked' && <Alert type="warning" showIcon style={{ marginTop: 8 }} title={link.problem} />}
    </Card>
  );
}

function HubPanel({ operation }: { operation: OperationSummary }) {
  const { message } = App.useApp();
  const actor = useActor(operation.id);
  const status = usePoll(() => host.hubStatus({}), 3000, operation.id);
  const [busy, setBusy] = useState<string>();
  const [invite, setInvite] = useState<Invite>();
  const hub = status.value;
  const opened = hub?.operations.find((o) => o.op === operation.id);

  const act = (name: string, run: () => Promise<unknown>) => async () => {
    setBusy(name);
    try {
      await run();
      status.reload();
    } catch (e) {
      void message.error(errorText(e), 8);
    } finally {
      setBusy(undefined);
    }
  };
  const inviteStation = act('invite', async () => {
    await openOnHub(db, operation.id, actor);
    const address = hub?.lanOpen ? hub.addresses[0] : undefined;
    setInvite(await host.hubInvite({ op: operation.id, ...(address ? { address } : {}) }));
  });

  return (
    <Space orientation="vertical" style={{ width: '100%' }} size={12}>
      <Card
        size="small"
        title="本机作为同步中心"
        extra={
          hub?.state === 'running' && (
            <Space>
              <Button size="small" disabled={hub.lanOpen} loading={busy === 'lan'} onClick={act('lan', () => host.hubOpenLan({}))}>
                开放到局域网
              </Button>
              <Button size="small" disabled={!hub.lanOpen} loading={busy === 'local'} onClick={act('local', () => host.hubCloseLan({}))}>
                仅本机
              </Button>
            </Space>
          )
        }
      >
        {status.error && !hub && <Alert type="error" showIcon title={`无法读取同步中心状态：${status.error}`} />}
        {hub && <HubFacts hub={hub} />}
        {hub?.state === 'running' && (
          <Space style={{ marginTop: 8 }} wrap>
            <Button type="primary" loading={busy === 'invite'} onClick={inviteStation}>
              {opened ? '邀请工作站…' : '在本机同步中心开放本行动并邀请工作站…'}
            </Button>
            <Typography.Text type="secondary">邀请码 10 分钟内有效、只能使用一次；请在本机屏幕上核对对方显示的校验码后再确认配对。</Typography.Text>
          </Space>
        )}
        {invite && <InviteCard invite={invite} />}
      </Card>
      {opened && <PendingPairings operation={operation} onAdmitted={status.reload} />}
      {opened && <Roster operation={operation} stations={opened.stations} anchor={opened.anchor} hubKey={hub?.hubKey} reload={status.reload} />}
      {opened && <Refusals operationId={operation.id} />}
    </Space>
  );
}

function HubFacts({ hub }: { hub: HubStatus }) {
  return (
    <Descriptions size="small" column={3} bordered data-testid="hub-status">
      <Descriptions.Item label="状态">
        {hub.state === 'running' ? <Tag color="green">运行中</Tag> : hub.state === 'starting' ? <Tag>正在启动</Tag> : <Tag color="red">未能启动</Tag>}
        {hub.problem}
      </Descriptions.Item>
      <Descriptions.Item label="端口">{hub.port ?? '—'}</Descriptions.Item>
      <Descriptions.Item label="范围">{hub.lanOpen ? <Tag color="orange">已开放到局域网</Tag> : <Tag>仅本机</Tag>}</Descriptions.Item>
      <Descriptions.Item label="局域网地址" span={3}>
        {hub.addresses.length ? hub.addresses.join('、') : '无'}
        {hub.unnamedAddresses.length > 0 && <Typography.Text type="secondary">（{hub.unnamedAddresses.join('、')} 不是内网地址，证书不涵盖，工作站无法使用）</Typography.Text>}
      </Descriptions.Item>
      <Descriptions.Item label="CA 证书指纹（SHA-256）" span={3}>
        <Typography.Text code copyable={hub.fingerprint ? { text: hub.fingerprint } : false}>
          {hub.fingerprint ? groupedFingerprint(hub.fingerprint) : '—'}
        </Typography.Text>
      </Descriptions.Item>
    </Descriptions>
  );
}

function InviteCard({ invite }: { invite: Invite }) {
  return (
    <Card size="small" type="inner" style={{ marginTop: 8 }} title="邀请工作站" data-testid="invite">
      <Space align="start" size={16} wrap>
        <QrCode text={invite.link} />
        <Space orientation="vertical" size={4} style={{ maxWidth: 640 }}>
          <Typography.Text>用手机扫描二维码，或把下面的配对链接复制到另一台电脑“工作站与同步 → 加入其他同步中心”中：</Typography.Text>
          <Typography.Paragraph code copyable={{ text: invite.link }} style={{ wordBreak: 'break-all', marginBottom: 0 }} data-testid="invite-link">
            {invite.link}
          </Typography.Paragraph>
          {/* The hub's clock decides the expiry: this page's may be wrong (that is what the clock column flags). */}
          <Typography.Text type="secondary">有效至 {timeOfDay(invite.expiresAt)}（同步中心时间，北京时间），只能使用一次；过期后请重新邀请</Typography.Text>
          {invite.caPage ? (
            <Typography.Text>
              手机首次使用：先在同一局域网用浏览器打开 <Typography.Text code>{invite.caPage}</Typography.Text> 安装本同步中心的 CA 证书，核对指纹与上方一致后再扫码。
            </Typography.Text>
          ) : (
            <Typography.Text type="secondary">同步中心仅对本机开放：此链接只能在本机使用。其他电脑和手机需先“开放到局域网”再邀请。</Typography.Text>
          )}
        </Space>
      </Space>
    </Card>
  );
}

function PendingPairings({ operation, onAdmitted }: { operation: OperationSummary; onAdmitted: () => void }) {
  const polled = usePoll(() => host.hubPendingPairings({}), 1500, operation.id);
  const pending = (polled.value?.pairings ?? []).filter((p) => p.op === operation.id && p.status === 'pending');
  return (
    <Card size="small" title={`待确认的配对（${pending.length}）`}>
      {pending.length === 0 ? (
        <Typography.Text type="secondary">没有待确认的配对请求。对方加入后，其校验码会出现在这里。</Typography.Text>
      ) : (
        <Space orientation="vertical" style={{ width: '100%' }}>
          {pending.map((p) => (
            <PairingRow key={p.pairingId} operation={operation} pairing={p} onDone={() => (polled.reload(), onAdmitted())} />
          ))}
        </Space>
      )}
    </Card>
  );
}

function PairingRow({ operation, pairing, onDone }: { operation: OperationSummary; pairing: Pairing; onDone: () => void }) {
  const { message } = App.useApp();
  const actor = useActor(operation.id);
  const groups = useLiveQuery(() => db.workingGroups.where('operationId').equals(operation.id).sortBy('position'), [operation.id]) ?? [];
  const [role, setRole] = useState<string>();
  const [busy, setBusy] = useState(false);
  const options = grantable.flatMap((r) =>
    r === 'groupLeader'
      ? groups.map((g) => ({ value: `groupLeader:${groupKey(g)}`, label: `${stationRoleLabels.groupLeader}：${g.name}` }))
      : [{ value: r, label: stationRoleLabels[r] }],
  );
  const grantOf = (value: string): RoleGrant => {
    const [r, group] = value.split(':') as [StationRole, string | undefined];
    return group ? { role: r, group } : { role: r };
  };
  const run = async (what: () => Promise<unknown>, done: string) => {
    setBusy(true);
    try {
      await what();
      void message.success(done);
      onDone();
    } catch (e) {
      void message.error(errorText(e), 8);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card size="small" type="inner" data-testid="pending-pairing">
      <Space size={24} align="center" wrap>
        <Space orientation="vertical" size={0}>
          <Typography.Text strong>{pairing.name}</Typography.Text>
          <Typography.Text type="secondary">公钥 {shortKey(pairing.publicKey)}…</Typography.Text>
        </Space>
        <Space orientation="vertical" size={0}>
          <Typography.Text type="secondary">校验码（须与对方屏幕一致）</Typography.Text>
          <Sas code={pairing.sas} testId="pending-sas" />
        </Space>
        <Select aria-label="工作站角色" placeholder="选择角色" style={{ width: 220 }} value={role} onChange={setRole} options={options} />
        <Button
          type="primary"
          disabled={!role}
          loading={busy}
          onClick={() => void run(() => admitStation(db, operation.id, actor, pairing, grantOf(role!)), `已配对：${pairing.name}`)}
        >
          确认配对
        </Button>
        <Button danger disabled={busy} onClick={() => void run(() => host.hubRefusePairing({ pairingId: pairing.pairingId }), '已拒绝该配对请求')}>
          拒绝
        </Button>
      </Space>
    </Card>
  );
}

/** An offset as people read it: seconds with a decimal, minutes and hours when it is large. */
function offsetText(ms: number): string {
  if (ms < 120_000) return `${(ms / 1000).toFixed(1)} 秒`;
  const minutes = Math.round(ms / 60_000);
  return minutes < 60 ? `${minutes} 分钟` : `${Math.floor(minutes / 60)} 小时 ${minutes % 60} 分钟`;
}

const roleText = (s: Pick<HubStation, 'role' | 'group' | 'revoked'>, groupName: (code: string) => string) =>
  s.revoked ? '已撤销' : s.role ? `${stationRoleLabels[s.role]}${s.group ? `：${groupName(s.group)}` : ''}` : '未配对';

function Roster({ operation, stations, anchor, hubKey, reload }: { operation: OperationSummary; stations: HubStation[]; anchor: string; hubKey?: string; reload: () => void }) {
  const { message, modal } = App.useApp();
  const actor = useActor(operation.id);
  const groups = useLiveQuery(() => db.workingGroups.where('operationId').equals(operation.id).toArray(), [operation.id]) ?? [];
  const offsets = usePoll(() => host.hubClockOffsets({}), 5000, operation.id);
  const measuredAt = new Map((offsets.value?.offsets ?? []).map((o) => [o.station, o]));
  const groupName = (code: string) => groups.find((g) => groupKey(g) === code)?.name ?? code;
  const revoke = (s: HubStation) =>
    modal.confirm({
      title: `撤销工作站「${s.name}」？`,
      okText: '撤销',
      okButtonProps: { danger: true },
      cancelText: '取消',
      content: (
        <Typography.Paragraph style={{ marginBottom: 0 }}>
          撤销写入本站记录并签名。此后：同步中心立即拒绝该工作站的连接；它在本站已收到的记录之后写入的任何记录，在所有工作站都不予接受（拒收原因留存备查）；已接受的记录保留在记录中。撤销不能撤回，如需恢复须重新配对。
        </Typography.Paragraph>
      ),
      onOk: async () => {
        try {
          const fromSeq = await revokeStation(db, operation.id, actor, { key: s.station, name: s.name });
          void message.success(`已撤销「${s.name}」：其第 ${fromSeq} 条起的记录不再接受`);
          reload();
        } catch (e) {
          void message.error(errorText(e), 8);
        }
      },
    });
  return (
    <Card size="small" title="已配对的工作站">
      <Table<HubStation>
        size="small"
        rowKey="station"
        pagination={false}
        dataSource={stations}
        data-testid="roster"
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="尚无工作站" /> }}
        columns={[
          {
            title: '工作站',
            render: (_, s) => (
              <Space size={4}>
                <Typography.Text strong>{s.name}</Typography.Text>
                <Typography.Text type="secondary">{shortKey(s.station)}</Typography.Text>
                {s.station === anchor && <Tag color="red">本站</Tag>}
              </Space>
            ),
          },
          { title: '角色', render: (_, s) => (s.revoked ? <Tag color="red">已撤销</Tag> : roleText(s, groupName)) },
          { title: '最后联系', render: (_, s) => timeOfDay(s.lastContactAt) },
          { title: '待同步', render: (_, s) => (s.waiting === undefined ? '—' : s.waiting > 0 ? <Tag color="orange">{s.waiting} 条</Tag> : '0') },
          {
            title: '时钟偏差',
            render: (_, s) => {
              if (s.clockOffsetMs === undefined) return '—';
              const seconds = `${s.clockOffsetMs > 0 ? '快' : '慢'} ${offsetText(Math.abs(s.clockOffsetMs))}`;
              const at = measuredAt.get(s.station)?.at;
              return (
                <Space size={4}>
                  {s.clockFlagged ? <Tag color="red" title={clockFlag(s.clockOffsetMs) ?? undefined}>时钟偏差超过 60 秒：{seconds}</Tag> : seconds}
                  {at && <Typography.Text type="secondary">测于 {timeOfDay(at)}</Typography.Text>}
                </Space>
              );
            },
          },
          {
            title: '操作',
            render: (_, s) =>
              s.station !== anchor && s.station !== hubKey && !s.revoked ? (
                <Button size="small" danger onClick={() => revoke(s)}>
                  撤销
                </Button>
              ) : null,
          },
        ]}
      />
    </Card>
  );
}

function Refusals({ operationId }: { operationId: string }) {
  const polled = usePoll(() => host.hubRefusals({ op: operationId, limit: 100 }), 4000, operationId);
  const refusals = polled.value?.refusals ?? [];
  const [filter, setFilter] = useState('');
  const shown = filter ? refusals.filter((r) => r.reason.includes(filter) || r.from.includes(filter)) : refusals;
  return (
    <Card
      size="small"
      title={`拒收记录（${polled.value?.total ?? 0}）`}
      extra={<Input.Search size="small" allowClear placeholder="按原因或来源筛选" onSearch={setFilter} style={{ width: 220 }} />}
    >
      {shown.length === 0 ? (
        <Typography.Text type="secondary">同步中心没有拒收或标记任何记录。</Typography.Text>
      ) : (
        <Table
          size="small"
          rowKey={(r) => `${r.at}${r.id ?? ''}${r.reason}`}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          dataSource={shown}
          data-testid="refusals"
          columns={[
            { title: '时间', width: 90, render: (_, r) => timeOfDay(r.at) },
            { title: '来源', width: 110, render: (_, r) => <Typography.Text type="secondary">{r.from.slice(0, 8)}</Typography.Text> },
            { title: '原因', render: (_, r) => r.reason },
          ]}
        />
      )}
    </Card>
  );
}
