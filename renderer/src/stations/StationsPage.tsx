// DOM. 工作站与同步 outside any operation: this station (its name and key), its links to hubs,
// and 加入其他同步中心 — a clerk's laptop pastes the invite link, both screens show the same
// short code, the commander admits, and the operation's record arrives by replication (it then
// appears in the operation list).
import { useEffect, useState } from 'react';
import { Alert, Button, Card, Descriptions, Form, Input, Result, Space, Table, Tag, Typography } from 'antd';
import { useLiveQuery } from 'dexie-react-hooks';
import { utf8, toBase64url } from '../../../shared/stations/encoding';
import { stationRoleLabels, type StationRole } from '../../../shared/stations/roster';
import { db } from '../data/db';
import { host } from '../host';
import { useRoute } from '../ui/route';
import { errorText } from '../ui/errors';
import { localSigner, localStationName, setLocalStationName } from './local';
import { Sas, timeOfDay } from './stationsUi';
import { refreshSync, rememberJoined, syncStateLabels, useSync } from './sync';

export function StationsPage() {
  const key = useLiveQuery(() => localSigner().then((s) => s.publicKey).catch((e: unknown) => `（${errorText(e)}）`), []);
  const name = useLiveQuery(() => localStationName(db), []);
  const byOp = useSync((s) => s.byOp);
  const links = Object.values(byOp).filter((s): s is NonNullable<typeof s> => !!s);
  return (
    <div className="page" data-testid="stations-page">
      <Typography.Title level={3} className="page-title">
        工作站与同步
      </Typography.Title>
      <Space orientation="vertical" style={{ width: '100%' }} size={12}>
        <Card size="small" title="本工作站">
          <Descriptions size="small" column={2} bordered>
            <Descriptions.Item label="名称">{name}</Descriptions.Item>
            <Descriptions.Item label="签名公钥">
              <Typography.Text code>{key}</Typography.Text>
            </Descriptions.Item>
          </Descriptions>
          <Typography.Paragraph type="secondary" style={{ margin: '6px 0 0' }}>
            本工作站的私钥在首次启动时生成，不能导出，只用于签署本站写入的记录。指挥部电脑在行动的“工作站与同步”中邀请其他工作站、确认配对和撤销。
          </Typography.Paragraph>
        </Card>
        <Card size="small" title="本工作站的同步连接">
          <Table<(typeof links)[number]>
            size="small"
            rowKey={(s) => s.op}
            pagination={false}
            dataSource={links}
            locale={{ emptyText: '尚无同步连接' }}
            columns={[
              { title: '行动', render: (_, s) => <OperationName op={s.op} /> },
              { title: '同步中心', render: (_, s) => (s.link.hub === 'local' ? '本机' : s.link.hub) },
              { title: '本站角色', render: (_, s) => roleLabel(s.link.role) },
              { title: '状态', render: (_, s) => <Tag color={s.state === 'idle' ? 'green' : s.state === 'revoked' ? 'red' : 'orange'}>{syncStateLabels[s.state]}</Tag> },
              { title: '待同步', render: (_, s) => `${s.waiting} 条` },
              { title: '最后同步', render: (_, s) => timeOfDay(s.syncedAt ?? s.link.lastContactAt) },
            ]}
          />
        </Card>
        <JoinCard defaultName={name} />
      </Space>
    </div>
  );
}

const roleLabel = (role: StationRole | null) => (role ? stationRoleLabels[role] : '—');

function OperationName({ op }: { op: string }) {
  const navigate = useRoute((s) => s.navigate);
  const operation = useLiveQuery(() => db.operations.get(op), [op]);
  if (!operation) return <Typography.Text type="secondary">{op}（记录接收中）</Typography.Text>;
  return <Typography.Link onClick={() => navigate({ page: 'workspace', operationId: op, section: 'stations' })}>{operation.courtRuling.number || op}</Typography.Link>;
}

type Joining =
  | { step: 'form' }
  | { step: 'waiting'; sas: string; op: string; pairingId: string; claim: string; hub: string }
  | { step: 'admitted'; op: string; role: StationRole | null }
  | { step: 'refused'; reason: string };

function JoinCard({ defaultName }: { defaultName: string | undefined }) {
  const [form] = Form.useForm<{ link: string; name: string }>();
  const [joining, setJoining] = useState<Joining>({ step: 'form' });
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const navigate = useRoute((s) => s.navigate);

  useEffect(() => {
    if (defaultName && !form.getFieldValue('name')) form.setFieldValue('name', defaultName);
  }, [defaultName, form]);

  // Waits for the commander's decision, proving at each ask that this station holds its key.
  useEffect(() => {
    if (joining.step !== 'waiting') return;
    let stopped = false;
    const ask = async () => {
      const signer = await localSigner();
      const sig = toBase64url(await signer.sign(utf8(joining.claim)));
      while (!stopped) {
        try {
          const answer = await host.stationClaim({ pairingId: joining.pairingId, sig });
          if (answer.status === 'admitted') {
            await rememberJoined(db, answer.op);
            await refreshSync();
            if (!stopped) setJoining({ step: 'admitted', op: answer.op, role: answer.role });
            return;
          }
          if (answer.status === 'refused') {
            if (!stopped) setJoining({ step: 'refused', reason: answer.reason });
            return;
          }
        } catch (e) {
          if (!stopped) setError(errorText(e));
          return;
        }
        await new Promise((r) => setTimeout(r, 1000));
      }
    };
    void ask();
    return () => {
      stopped = true;
    };
  }, [joining]);

  const join = async ({ link, name }: { link: string; name: string }) => {
    setBusy(true);
    setError(undefined);
    try {
      await setLocalStationName(db, name);
      const signer = await localSigner();
      const answer = await host.stationJoin({ link: link.trim(), name: name.trim(), publicKey: signer.publicKey });
      setJoining({ step: 'waiting', sas: answer.sas, op: answer.op, pairingId: answer.pairingId, claim: answer.claim, hub: answer.hub });
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card size="small" title="加入其他同步中心" data-testid="join">
      {error && <Alert type="error" showIcon style={{ marginBottom: 8 }} title={error} />}
      {joining.step === 'form' && (
        <Form form={form} layout="vertical" onFinish={(v) => void join(v)} style={{ maxWidth: 720 }}>
          <Form.Item name="link" label="配对链接（指挥部屏幕上的链接，或扫描二维码得到的文字）" rules={[{ required: true, message: '请粘贴或扫描配对码' }]}>
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 4 }} placeholder="https://…/pair#v=1&fp=…" />
          </Form.Item>
          <Form.Item name="name" label="本工作站名称（指挥部屏幕上显示的名称）" rules={[{ required: true, message: '请填写本工作站的名称' }]}>
            <Input maxLength={40} style={{ maxWidth: 320 }} />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={busy}>
            加入
          </Button>
        </Form>
      )}
      {joining.step === 'waiting' && (
        <Space orientation="vertical" data-testid="join-waiting">
          <Typography.Text strong>请与指挥部屏幕上的校验码核对：</Typography.Text>
          <Sas code={joining.sas} testId="join-sas" />
          <Typography.Text type="secondary">
            两边一致，指挥员才确认配对；不一致说明连接被他人冒用，请告知指挥员拒绝该请求。等待指挥员确认…（同步中心 {joining.hub}）
          </Typography.Text>
        </Space>
      )}
      {joining.step === 'admitted' && (
        <Result
          status="success"
          title={`已配对，本站角色：${roleLabel(joining.role)}`}
          subTitle="本行动的记录正在同步到本机，完成后可在行动列表中打开。"
          extra={<AdmittedOpen op={joining.op} onOpen={() => navigate({ page: 'workspace', operationId: joining.op, section: 'onSite' })} />}
        />
      )}
      {joining.step === 'refused' && (
        <Result status="error" title="指挥员未准许配对" subTitle={joining.reason} extra={<Button onClick={() => setJoining({ step: 'form' })}>重新加入</Button>} />
      )}
    </Card>
  );
}

function AdmittedOpen({ op, onOpen }: { op: string; onOpen: () => void }) {
  const operation = useLiveQuery(() => db.operations.get(op), [op]);
  return (
    <Button type="primary" disabled={!operation} onClick={onOpen}>
      {operation ? '打开该行动' : '正在接收记录…'}
    </Button>
  );
}
