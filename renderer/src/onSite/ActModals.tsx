// DOM. The quick dialogs of the console: a phase with an optional note (Enter records,
// Esc cancels), stop on one of the three grounds with a reason, resume with a note.
import { useState } from 'react';
import { Alert, Input, Modal, Radio, Space, Typography } from 'antd';
import { phases, suspensionGrounds, type PhaseCode, type SuspensionGround } from '../../../shared/onSite/phases';
import { whyNot, type OnSiteState } from '../../../shared/onSite/state';
import { db } from '../data/db';
import { useAct } from '../ui/useRecordForm';
import { recordPhase, recordResumption, recordSuspension, type Recorder } from './repository';

export function PhaseNoteModal({ who, phase, onClose }: { who: Recorder; phase: PhaseCode; onClose: () => void }) {
  const label = phases.find((p) => p.code === phase)!.label;
  const [note, setNote] = useState('');
  const { saving, run } = useAct(onClose);
  const submit = () => run(() => recordPhase(db, who, phase, note), `已记录：${label}`);
  return (
    <Modal open title={label} okText="记录（Enter）" cancelText="取消（Esc）" confirmLoading={saving} onOk={submit} onCancel={onClose} destroyOnHidden>
      <Input
        autoFocus
        aria-label="备注"
        placeholder="备注（可不填），Enter 记录"
        value={note}
        onChange={(e) => setNote(e.target.value)}
        onPressEnter={submit}
      />
      <Typography.Text type="secondary" style={{ display: 'block', marginTop: 8 }}>
        记录人：{who.operator}；时间以系统时钟为准。
      </Typography.Text>
    </Modal>
  );
}

export function StopModal({ who, state, onClose }: { who: Recorder; state: OnSiteState; onClose: () => void }) {
  const grounds = [1, 2, 3] as const;
  // No default: ground 1 ends the operation, so the commander always picks the ground.
  const [ground, setGround] = useState<SuspensionGround>();
  const [reason, setReason] = useState('');
  const [error, setError] = useState('');
  const { saving, run } = useAct(onClose);
  const submit = () => {
    if (!ground) return setError('请选择停止执行的情形');
    if (!reason.trim()) return setError('请填写停止执行的具体理由');
    return run(
      () => recordSuspension(db, who, ground, reason),
      ground === 1 ? '已停止执行（情形一），本行动终结' : `已停止执行（情形${ground}）`,
    );
  };
  return (
    <Modal open title="停止执行" okText="停止执行" okButtonProps={{ danger: true }} confirmLoading={saving} onOk={submit} onCancel={onClose} destroyOnHidden width={640}>
      <Typography.Paragraph type="secondary">现场执行指挥可以决定停止强制执行实施工作的情形（西城区规定 §四（五））：</Typography.Paragraph>
      <Radio.Group value={ground} onChange={(e) => setGround(e.target.value as SuspensionGround)} aria-label="停止情形">
        <Space orientation="vertical">
          {grounds.map((g) => {
            const why = whyNot(state, { kind: 'suspend', ground: g });
            return (
              <Radio key={g} value={g} disabled={!!why}>
                情形{g}：{suspensionGrounds[g]}
                {why && <div style={{ fontSize: 12, color: '#999' }}>{why}</div>}
              </Radio>
            );
          })}
        </Space>
      </Radio.Group>
      {ground === 1 && (
        <Alert style={{ marginTop: 12 }} type="warning" showIcon title="情形一将终结本行动，不再恢复执行；行动将记录为“被执行人已自行履行”。" />
      )}
      {ground !== undefined && ground !== 1 && (
        <Alert style={{ marginTop: 12 }} type="info" showIcon title="阻碍执行的情形消失后，应当恢复执行，并记录恢复理由。" />
      )}
      <Input.TextArea
        style={{ marginTop: 12 }}
        aria-label="停止理由"
        placeholder="具体理由（必填）"
        autoSize={{ minRows: 2, maxRows: 5 }}
        value={reason}
        status={error && !reason.trim() ? 'error' : undefined}
        onChange={(e) => setReason(e.target.value)}
      />
      {error && <Typography.Text type="danger">{error}</Typography.Text>}
    </Modal>
  );
}

export function ResumeModal({ who, state, onClose }: { who: Recorder; state: OnSiteState; onClose: () => void }) {
  const [note, setNote] = useState('');
  const [error, setError] = useState('');
  const { saving, run } = useAct(onClose);
  const s = state.status;
  const submit = () => {
    if (!note.trim()) return setError('请写明恢复执行的理由（阻碍执行的情形已消失的情况）');
    return run(() => recordResumption(db, who, note), '已恢复执行');
  };
  return (
    <Modal open title="恢复执行" okText="恢复执行" confirmLoading={saving} onOk={submit} onCancel={onClose} destroyOnHidden>
      {s.kind === 'suspended' && (
        <Typography.Paragraph>
          自 {s.since.slice(11, 16)} 起按情形{s.ground}停止执行：{suspensionGrounds[s.ground]}
        </Typography.Paragraph>
      )}
      <Input.TextArea
        autoFocus
        aria-label="恢复理由"
        placeholder="阻碍执行的情形已消失的情况（必填）"
        autoSize={{ minRows: 2, maxRows: 5 }}
        value={note}
        status={error && !note.trim() ? 'error' : undefined}
        onChange={(e) => setNote(e.target.value)}
      />
      {error && <Typography.Text type="danger">{error}</Typography.Text>}
    </Modal>
  );
}
