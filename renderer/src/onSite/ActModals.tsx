// DOM. The quick dialogs of the console: a phase with an optional note (Enter records, Esc
// cancels); the start and 拆除开始 behind their gates, listing every unmet condition with its
// basis; the completion asking to confirm the phases never recorded; stop (before the start)
// or 中止 (after it) with a ground and a reason; 终结; resume with a note.
import { useState } from 'react';
import { Alert, Checkbox, Input, Modal, Radio, Space, Typography } from 'antd';
import { closingProblem, demolitionGate, missingPhases, startGate } from '../../../shared/onSite/gates';
import {
  art39Grounds,
  art40Grounds,
  groundText,
  phaseLabel,
  suspensionGrounds,
  type Art40Ground,
  type PhaseCode,
  type StopGround,
} from '../../../shared/onSite/phases';
import { whyNot, type OnSiteState } from '../../../shared/onSite/state';
import { db } from '../data/db';
import { errorText } from '../ui/errors';
import { useAct } from '../ui/useRecordForm';
import type { GateContext } from './facts';
import { GateList } from './GateList';
import { recordPhase, recordResumption, recordSuspension, recordTermination, type PhaseOptions, type Recorder } from './repository';
import { useNow } from './useNow';

interface PhaseModalProps {
  who: Recorder;
  phase: PhaseCode;
  state: OnSiteState;
  /** The gates' facts, read live; undefined while loading. */
  context: GateContext | undefined;
  onClose: () => void;
}

/** Any phase: the start and 拆除开始 show their gate, the completion its missing phases. */
export function PhaseNoteModal(props: PhaseModalProps) {
  if (props.phase === 'start') return <StartModal {...props} />;
  if (props.phase === 'complete') return <CompleteModal {...props} />;
  return <PlainPhaseModal {...props} />;
}

/** The dialog every phase shares: the note, Enter to record; an error stays in the dialog, in full. */
function PhaseDialog({
  who,
  phase,
  onClose,
  blocked,
  okText = '记录（Enter）',
  options,
  children,
}: {
  who: Recorder;
  phase: PhaseCode;
  onClose: () => void;
  /** Why the dialog cannot record yet (the OK button stays disabled; Enter still asks the repository). */
  blocked?: boolean;
  okText?: string;
  options?: () => PhaseOptions;
  children?: React.ReactNode;
}) {
  const label = phaseLabel(phase);
  const [note, setNote] = useState('');
  const [error, setError] = useState('');
  const { saving, run } = useAct(onClose);
  const submit = () =>
    run(async () => {
      try {
        await recordPhase(db, who, phase, note, options?.());
        return true;
      } catch (e) {
        setError(errorText(e));
        return false;
      }
    }, `已记录：${label}`);
  return (
    <Modal
      open
      title={label}
      okText={okText}
      cancelText="取消（Esc）"
      confirmLoading={saving}
      okButtonProps={{ disabled: blocked }}
      onOk={submit}
      onCancel={onClose}
      destroyOnHidden
      width={children ? 720 : 520}
    >
      {children}
      <Input
        autoFocus
        aria-label="备注"
        style={{ marginTop: children ? 12 : 0 }}
        placeholder="备注（可不填），Enter 记录"
        value={note}
        onChange={(e) => setNote(e.target.value)}
        onPressEnter={submit}
      />
      {error && (
        <Alert type="error" showIcon data-testid="phase-error" style={{ marginTop: 8, whiteSpace: 'pre-wrap' }} title={error} />
      )}
      <Typography.Text type="secondary" style={{ display: 'block', marginTop: 8 }}>
        记录人：{who.operator}；时间以系统时钟为准。
      </Typography.Text>
    </Modal>
  );
}

function PlainPhaseModal({ who, phase, state, context, onClose }: PhaseModalProps) {
  const now = useNow();
  if (phase !== 'demolitionStart') return <PhaseDialog who={who} phase={phase} onClose={onClose} />;
  const gate = context ? demolitionGate(context.facts, state, now) : undefined;
  return (
    <PhaseDialog who={who} phase={phase} onClose={onClose} blocked={!gate?.ok}>
      {gate && <GateList title="开始拆除" result={gate} />}
    </PhaseDialog>
  );
}

/** 宣布开始执行: the gate, live; only the night and rest-day conditions yield to 情况紧急, with a reason. */
function StartModal({ who, context, onClose }: PhaseModalProps) {
  const now = useNow();
  const [urgent, setUrgent] = useState(false);
  const [reason, setReason] = useState('');
  if (!context) return <PhaseDialog who={who} phase="start" onClose={onClose} blocked />;
  const plain = startGate(context.facts, now, { night: context.night });
  const gate = urgent ? startGate(context.facts, now, { night: context.night, emergencyReason: reason }) : plain;
  const overridable = plain.problems.length > 0 && plain.problems.every((p) => p.overridable);
  return (
    <PhaseDialog
      who={who}
      phase="start"
      onClose={onClose}
      blocked={!gate.ok}
      okText={gate.overridden.length ? '依情况紧急宣布开始执行' : '记录（Enter）'}
      options={() => (urgent ? { emergencyReason: reason } : {})}
    >
      {plain.problems.length === 0 ? (
        <Alert type="success" showIcon title="开始执行的条件均已满足：预案时段、送达与期限、公告、执行时间、裁定范围" />
      ) : (
        <GateList title="宣布开始执行" result={gate} />
      )}
      {overridable && (
        <div style={{ marginTop: 12 }}>
          <Checkbox checked={urgent} onChange={(e) => setUrgent(e.target.checked)} aria-label="情况紧急">
            情况紧急（《中华人民共和国行政强制法》第四十三条“但是，情况紧急的除外”）
          </Checkbox>
          {urgent && (
            <Input.TextArea
              style={{ marginTop: 8 }}
              aria-label="紧急情况说明"
              placeholder="写明紧急情况的具体事实（至少 10 个字），将记入执行日志、现场笔录和情况报告"
              autoSize={{ minRows: 2, maxRows: 5 }}
              value={reason}
              onChange={(e) => setReason(e.target.value)}
            />
          )}
        </div>
      )}
    </PhaseDialog>
  );
}

/** 宣布执行完毕: the phases never recorded are listed, and the commander confirms them. */
function CompleteModal({ who, state, onClose }: PhaseModalProps) {
  const missing = missingPhases(state);
  const [confirmed, setConfirmed] = useState(false);
  return (
    <PhaseDialog
      who={who}
      phase="complete"
      onClose={onClose}
      blocked={closingProblem(state, confirmed ? missing : []) !== null}
      options={() => ({ confirmedMissing: confirmed ? missing : [] })}
    >
      {missing.length > 0 ? (
        <div data-testid="missing-phases">
          <Alert
            type="warning"
            showIcon
            title={`以下环节未记录：${missing.map(phaseLabel).join('、')}`}
            description="宣布执行完毕后不能再记录执行环节。未实施的环节（如裁定未准予拆除）请确认；已实施但漏记的，请先取消并记录该环节。"
          />
          <Checkbox style={{ marginTop: 8 }} checked={confirmed} onChange={(e) => setConfirmed(e.target.checked)} aria-label="确认未记录的环节">
            已核实以上环节未实施，确认宣布执行完毕
          </Checkbox>
        </div>
      ) : (
        <Alert type="success" showIcon title="各执行环节均已记录" />
      )}
    </PhaseDialog>
  );
}

/** The reason a stop or an end must give, with the dialog's message below it. */
function ReasonField({ label, placeholder, value, error, onChange }: { label: string; placeholder: string; value: string; error: string; onChange: (v: string) => void }) {
  return (
    <>
      <Input.TextArea
        style={{ marginTop: 12 }}
        aria-label={label}
        placeholder={placeholder}
        autoSize={{ minRows: 2, maxRows: 5 }}
        value={value}
        status={error && !value.trim() ? 'error' : undefined}
        onChange={(e) => onChange(e.target.value)}
      />
      {error && <Typography.Text type="danger">{error}</Typography.Text>}
    </>
  );
}

/** Before the start the seed's three grounds (停止执行); after it the grounds of 行政强制法 §39 (中止执行). */
export function StopModal({ who, state, onClose }: { who: Recorder; state: OnSiteState; onClose: () => void }) {
  const started = !!state.startedAt;
  const grounds: StopGround[] = started ? (Object.keys(art39Grounds) as StopGround[]) : [1, 2, 3];
  const title = started ? '中止执行' : '停止执行';
  // No default: ground 1 ends the operation, so the commander always picks the ground.
  const [ground, setGround] = useState<StopGround>();
  const [reason, setReason] = useState('');
  const [error, setError] = useState('');
  const { saving, run } = useAct(onClose);
  const submit = () => {
    if (!ground) return setError(`请选择${title}的情形`);
    if (!reason.trim()) return setError(`请填写${title}的具体理由`);
    return run(() => recordSuspension(db, who, ground, reason), ground === 1 ? '已停止执行（情形一），本行动终结' : `已${title}`);
  };
  return (
    <Modal open title={title} okText={title} okButtonProps={{ danger: true }} confirmLoading={saving} onOk={submit} onCancel={onClose} destroyOnHidden width={680}>
      <Typography.Paragraph type="secondary">
        {started
          ? '已宣布开始执行：此后停止即中止执行，情形参照《中华人民共和国行政强制法》第三十九条（“强制执行实施前”的情形不再适用）：'
          : '现场执行指挥可以决定停止强制执行实施工作的情形（西城区细则 四（五））：'}
      </Typography.Paragraph>
      <Radio.Group value={ground} onChange={(e) => setGround(e.target.value as StopGround)} aria-label={`${title}情形`}>
        <Space orientation="vertical">
          {grounds.map((g) => {
            const why = whyNot(state, { kind: 'suspend', ground: g });
            return (
              <Radio key={g} value={g} disabled={!!why}>
                {started ? groundText(g) : `情形${g}：${suspensionGrounds[g as 1 | 2 | 3]}`}
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
        <Alert
          style={{ marginTop: 12 }}
          type="info"
          showIcon
          title={started ? '中止执行的情形消失后，应当恢复执行（《行政强制法》第三十九条第二款），并记录恢复理由。' : '阻碍执行的情形消失后，应当恢复执行，并记录恢复理由。'}
        />
      )}
      <ReasonField label="停止理由" placeholder="具体理由（必填）" value={reason} error={error} onChange={setReason} />
    </Modal>
  );
}

/** 终结执行 (行政强制法 §40 by analogy): the operation ends and is not resumed. */
export function TerminateModal({ who, onClose }: { who: Recorder; onClose: () => void }) {
  const [ground, setGround] = useState<Art40Ground>();
  const [reason, setReason] = useState('');
  const [error, setError] = useState('');
  const { saving, run } = useAct(onClose);
  const submit = () => {
    if (!ground) return setError('请选择终结执行的情形');
    if (!reason.trim()) return setError('请填写终结执行的具体理由（如撤销裁定的文书名称、文号）');
    return run(() => recordTermination(db, who, ground, reason), '已终结执行，本行动不再恢复');
  };
  return (
    <Modal open title="终结执行" okText="终结执行" okButtonProps={{ danger: true }} confirmLoading={saving} onOk={submit} onCancel={onClose} destroyOnHidden width={680}>
      <Typography.Paragraph type="secondary">终结执行的情形，参照《中华人民共和国行政强制法》第四十条：</Typography.Paragraph>
      <Radio.Group value={ground} onChange={(e) => setGround(e.target.value as Art40Ground)} aria-label="终结执行情形">
        <Space orientation="vertical">
          {(Object.keys(art40Grounds) as Art40Ground[]).map((g) => (
            <Radio key={g} value={g}>
              {groundText(g)}
              {g === 'art40-4' && <div style={{ fontSize: 12, color: '#999' }}>征收补偿决定被撤销，或准予执行的裁定被撤销的，选此项</div>}
            </Radio>
          ))}
        </Space>
      </Radio.Group>
      <Alert style={{ marginTop: 12 }} type="warning" showIcon title="终结执行后本行动结束，不再恢复，只能记录说明或更正。" />
      <ReasonField label="终结理由" placeholder="具体理由（必填），如撤销裁定的文书名称、文号" value={reason} error={error} onChange={setReason} />
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
          自 {s.since.slice(11, 16)} 起停止执行：{groundText(s.ground)}
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
