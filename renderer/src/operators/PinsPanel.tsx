// DOM. 登录 PIN: who can sign in on this station, and the commander's enrolment and reset
// (issue 16 item 3). The commander confirms each with their own PIN; each is logged (who did
// it for whom, never the PIN). The new PIN is typed by the person it belongs to.
import { useState } from 'react';
import { Alert, App, Button, Form, Modal, Table, Tag, Tooltip, Typography } from 'antd';
import { personRoles } from '../../../shared/commandPost/rules';
import type { Person } from '../../../shared/commandPost/types';
import { PIN_MAX_LENGTH, PIN_MIN_LENGTH } from '../../../shared/operators/pin';
import type { Actor } from '../../../shared/operators/permissions';
import type { CommandPostData } from '../commandPost/repository';
import { db } from '../data/db';
import type { OperationSummary } from '../operation/repository';
import { errorText } from '../ui/errors';
import { PinField } from './PinEntry';
import { pins, pinsChanged, useEnrolled } from './pins';
import { enrolPin } from './repository';
import { useRefusal } from './useRefusal';

type Mode = 'enrol' | 'reset' | 'own';

const okTexts: Record<Mode, string> = { enrol: '确认登记', reset: '确认重置', own: '确认更改' };

const titles: Record<Mode, (name: string) => string> = {
  enrol: (name) => `为${name}登记登录 PIN`,
  reset: (name) => `重置${name}的登录 PIN`,
  own: () => '更改本人登录 PIN',
};

function EnrolModal({ operationId, person, mode, commander, onClose }: { operationId: string; person: Person; mode: Mode; commander: Actor; onClose: () => void }) {
  const { message } = App.useApp();
  const [pin, setPin] = useState('');
  const [repeat, setRepeat] = useState('');
  const [confirm, setConfirm] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      const result = await enrolPin(pins, db, { operationId, personId: person.id, pin, repeat, authoriser: { actor: commander, pin: confirm } });
      if (!result.ok) {
        setError(result.message);
        return;
      }
      pinsChanged();
      message.success(mode === 'own' ? '本人 PIN 已更改' : `${person.name}的 PIN 已${mode === 'reset' ? '重置' : '登记'}，已记入执行日志`);
      onClose();
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  // Keys typed here must not reach the workspace's shortcuts (digits record phases).
  return (
    <Modal open title={titles[mode](person.name)} okText={okTexts[mode]} cancelText="取消" confirmLoading={busy} onOk={submit} onCancel={onClose}>
      <div onKeyDown={(e) => e.stopPropagation()}>
        <Typography.Paragraph type="secondary">
          {mode === 'own'
            ? '输入原 PIN 和新 PIN。'
            : `请${person.name}本人输入新 PIN（${PIN_MIN_LENGTH}–${PIN_MAX_LENGTH} 位数字，不能全相同或连续），再由现场执行指挥${commander.name}输入本人 PIN 确认。`}
        </Typography.Paragraph>
        <Form layout="vertical" onSubmitCapture={(e) => e.preventDefault()}>
          {mode === 'own' && <PinField label="原 PIN" value={confirm} onChange={setConfirm} autoFocus onEnter={submit} />}
          <PinField label="新 PIN" value={pin} onChange={setPin} autoFocus={mode !== 'own'} onEnter={submit} />
          <PinField label="再次输入新 PIN" value={repeat} onChange={setRepeat} onEnter={submit} />
          {mode !== 'own' && <PinField label={`${commander.name}（现场执行指挥）的 PIN`} value={confirm} onChange={setConfirm} onEnter={submit} />}
        </Form>
        {error && <Alert type="error" showIcon role="alert" data-testid="enrol-error" title={error} />}
      </div>
    </Modal>
  );
}

export function PinsPanel({ operation, data }: { operation: OperationSummary; data: CommandPostData }) {
  const enrolled = useEnrolled(operation.id);
  const { actor, refusal } = useRefusal(operation.id);
  const [editing, setEditing] = useState<{ person: Person; mode: Mode } | null>(null);
  const cannot = refusal({ kind: 'enrolPin' });
  const unitName = (p: Person) => data.memberUnits.find((u) => u.id === p.memberUnitId)?.name ?? '';
  return (
    <>
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 12, maxWidth: 960 }}
        title="登录 PIN 只保存在本工作站，不随同步、备份或档案带走"
        description="PIN 由现场执行指挥登记和重置：本人输入新 PIN，现场执行指挥输入自己的 PIN 确认。每次登记、重置都记入执行日志（只记谁为谁办理，不记 PIN）。现场执行指挥的第一个 PIN 在本工作站首次登录时由其本人设置。"
      />
      {!operation.onSiteCommanderId && <Alert type="warning" showIcon style={{ marginBottom: 12, maxWidth: 960 }} title="尚未指定现场执行指挥：请先在“现场执行指挥”中指定，由其登录后登记其他人员的 PIN。" />}
      <Table<Person>
        rowKey="id"
        size="small"
        bordered
        pagination={false}
        loading={enrolled === undefined}
        dataSource={data.people}
        style={{ maxWidth: 960 }}
        columns={[
          { title: '姓名', dataIndex: 'name', width: 90 },
          { title: '所属单位', key: 'unit', width: 220, render: (_, p) => unitName(p) },
          {
            title: '指挥部分工',
            key: 'roles',
            render: (_, p) =>
              personRoles(p.id, data.workingGroups, operation)
                .slice(0, 2)
                .map((r) => <Tag key={r.label}>{r.label}</Tag>),
          },
          {
            title: '登录 PIN',
            key: 'pin',
            width: 100,
            render: (_, p) => (enrolled?.includes(p.id) ? <Tag color="green">已登记</Tag> : <Tag>未登记</Tag>),
          },
          {
            title: '操作',
            key: 'actions',
            width: 130,
            render: (_, p) => {
              const has = enrolled?.includes(p.id) ?? false;
              const own = p.id === actor?.personId;
              const mode: Mode = own ? 'own' : has ? 'reset' : 'enrol';
              const label = own ? '更改本人 PIN' : has ? '重置 PIN' : '登记 PIN';
              return (
                <Tooltip title={cannot}>
                  <Button size="small" type="link" disabled={!!cannot || !actor} aria-label={`${label}：${p.name}`} onClick={() => actor && setEditing({ person: p, mode })}>
                    {label}
                  </Button>
                </Tooltip>
              );
            },
          },
        ]}
      />
      {editing && actor && <EnrolModal operationId={operation.id} person={editing.person} mode={editing.mode} commander={actor} onClose={() => setEditing(null)} />}
    </>
  );
}
