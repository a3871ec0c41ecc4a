// DOM. 现场指挥: the commander's console on the day. Clock and elapsed time, the state
// the log shows, the nine phases on keys 1–9 (the start, 拆除 and the completion behind their
// gates), the checks before 拆除, stop/中止/resume/终结, check-in, free text, incidents and public
// opinion; the timeline below. Every act is one log entry.
import { useEffect, useMemo, useState } from 'react';
import { Alert, App, Button, Card, Col, Input, Row, Select, Space, Tooltip, Typography } from 'antd';
import { groupKey } from '../../../shared/operators/permissions';
import { useLiveQuery } from 'dexie-react-hooks';
import { chinaDate, chinaInstant } from '../../../shared/calendar/chinaTime';
import { phases, type PhaseCode } from '../../../shared/onSite/phases';
import { elapsed, formatDuration, onSiteState, statusLabel, whyNot, type OnSiteAct, type OnSiteState } from '../../../shared/onSite/state';
import { trainedBy } from '../../../shared/commandPost/training';
import { db } from '../data/db';
import { OnSiteRecordAction } from '../documents/OnSiteRecordAction';
import type { OperationSummary } from '../operation/repository';
import { loadCommandPost } from '../commandPost/repository';
import { listLog } from '../log/repository';
import { Timeline } from '../log/Timeline';
import { errorText } from '../ui/errors';
import { CheckInPanel, type RosterPerson } from './CheckInPanel';
import { IncidentModal, PublicOpinionModal } from './ReportModals';
import { PhaseNoteModal, ResumeModal, StopModal, TerminateModal } from './ActModals';
import { useRefusal } from '../operators/useRefusal';
import { loadGateContext } from './facts';
import { actionOf, recordNote, type Recorder } from './repository';
import { SafetyChecksCard } from './SafetyChecks';
import { useNow } from './useNow';

type Dialog =
  | { kind: 'phase'; phase: PhaseCode }
  | { kind: 'stop' }
  | { kind: 'resume' }
  | { kind: 'terminate' }
  | { kind: 'incident' }
  | { kind: 'opinion' }
  | null;

/** True when a key press belongs to a text field or an open dialog, not to the console's shortcuts. */
function typingOrDialog(e: KeyboardEvent): boolean {
  const t = e.target as HTMLElement | null;
  if (t && (t.closest('input, textarea, select, [contenteditable="true"], [role="combobox"]') || t.isContentEditable)) return true;
  return document.querySelector('.ant-modal-wrap:not([style*="display: none"]) .ant-modal') !== null;
}

export function OnSiteSection({ operation }: { operation: OperationSummary }) {
  const { message } = App.useApp();
  const entries = useLiveQuery(() => listLog(db, operation.id), [operation.id]);
  const post = useLiveQuery(() => loadCommandPost(db, operation.id), [operation.id]);
  // The gates' facts (plan, service, 公告, ruling, night hours), re-read whenever a record changes.
  const context = useLiveQuery(() => loadGateContext(db, operation.id), [operation.id]);
  const state = useMemo(() => onSiteState(entries ?? []), [entries]);
  const [dialog, setDialog] = useState<Dialog>(null);

  const { actor, refusal } = useRefusal(operation.id);
  const operator = actor?.name ?? '';

  const groups = useMemo(() => {
    const names: Record<string, string> = {};
    for (const g of post?.workingGroups ?? []) names[groupKey(g)] = g.name;
    return names;
  }, [post]);
  const roster: RosterPerson[] = useMemo(() => {
    if (!post) return [];
    const unitName = new Map(post.memberUnits.map((u) => [u.id, u.name]));
    const today = chinaDate(new Date());
    const command = new Set([operation.onSiteCommanderId, operation.deputyCommanderId]);
    return post.people.map((p) => {
      const group = post.workingGroups.find((g) => g.leaderId === p.id || g.memberIds.includes(p.id));
      const assigned = !!group || command.has(p.id);
      return {
        id: p.id,
        name: p.name,
        unit: unitName.get(p.memberUnitId) ?? '',
        post: p.post,
        group: group?.name ?? '',
        groupCode: group ? groupKey(group) : '',
        untrained: assigned && !trainedBy(p, today),
      };
    });
  }, [post, operation.onSiteCommanderId, operation.deputyCommanderId]);

  const who: Recorder = { operationId: operation.id, personId: actor?.personId ?? '', operator };
  // Who may act first (the reason names the role), then what the log's state allows.
  const blocked = (act: OnSiteAct) => refusal(actionOf(who, act)) ?? whyNot(state, act);

  // Keys 1–9 open the phase with that number, unless the user is typing or a dialog is open.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.altKey || e.ctrlKey || e.metaKey || typingOrDialog(e)) return;
      const phase = phases[Number(e.key) - 1];
      if (!/^[1-9]$/.test(e.key) || !phase) return;
      e.preventDefault();
      const why = blocked({ kind: 'phase', phase: phase.code });
      if (why) message.warning(why);
      else setDialog({ kind: 'phase', phase: phase.code });
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  const close = () => setDialog(null);

  return (
    <div>
      <Row gutter={16} align="stretch">
        <Col flex="420px">
          <ClockCard state={state} />
        </Col>
        <Col flex="auto">
          <StatusBanner state={state} />
          <Space style={{ marginTop: 8 }} wrap>
            <Typography.Text data-testid="recorder">
              记录人：<Typography.Text strong>{operator || '未登录'}</Typography.Text>
            </Typography.Text>
            <Typography.Text type="secondary">每条记录都署登录人的姓名；换人请点上方“切换人员”</Typography.Text>
            <OnSiteRecordAction operationId={operation.id} subjectNames={operation.subjects.map((s) => s.name)} />
          </Space>
        </Col>
      </Row>

      <Card size="small" title="执行环节（数字键 1–9）" style={{ marginTop: 12 }}>
        <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(170px, 1fr))', gap: 8 }}>
          {phases.map((p, i) => {
            const done = state.phasesDone[p.code];
            const why = blocked({ kind: 'phase', phase: p.code });
            return (
              <Tooltip key={p.code} title={why ?? `按 ${i + 1} 记录“${p.label}”`}>
                <Button
                  size="large"
                  type={done ? 'default' : why ? 'default' : 'primary'}
                  disabled={!!why}
                  onClick={() => setDialog({ kind: 'phase', phase: p.code })}
                  aria-label={p.label}
                  aria-keyshortcuts={String(i + 1)}
                  style={{ height: 56, whiteSpace: 'normal' }}
                >
                  <span style={{ display: 'flex', flexDirection: 'column', alignItems: 'center', lineHeight: 1.3 }}>
                    <span>
                      <kbd style={{ border: '1px solid #ccc', borderRadius: 3, padding: '0 5px', marginRight: 6, fontSize: 12, background: '#fafafa', color: '#333' }}>{i + 1}</kbd>
                      {p.label}
                    </span>
                    {done && <span style={{ fontSize: 12, color: '#389e0d' }}>✓ {done.occurredAt.slice(11, 16)}</span>}
                  </span>
                </Button>
              </Tooltip>
            );
          })}
        </div>
        <Space style={{ marginTop: 12 }} wrap>
          {state.startedAt ? (
            <ActButton why={blocked({ kind: 'suspend', ground: 'art39-4' })} danger onClick={() => setDialog({ kind: 'stop' })}>
              中止执行
            </ActButton>
          ) : (
            <ActButton why={blocked({ kind: 'suspend', ground: 2 }) && blocked({ kind: 'suspend', ground: 1 })} danger onClick={() => setDialog({ kind: 'stop' })}>
              停止执行
            </ActButton>
          )}
          <ActButton why={blocked({ kind: 'resume' })} onClick={() => setDialog({ kind: 'resume' })}>
            恢复执行
          </ActButton>
          <ActButton why={blocked({ kind: 'terminate', ground: 'art40-5' })} danger onClick={() => setDialog({ kind: 'terminate' })}>
            终结执行
          </ActButton>
          <ActButton why={blocked({ kind: 'incident' })} onClick={() => setDialog({ kind: 'incident' })}>
            突发事件
          </ActButton>
          <ActButton why={blocked({ kind: 'publicOpinion' })} onClick={() => setDialog({ kind: 'opinion' })}>
            舆情
          </ActButton>
        </Space>
      </Card>

      {state.startedAt && (
        <div style={{ marginTop: 12 }}>
          <SafetyChecksCard who={who} state={state} blocked={(check) => blocked({ kind: 'safetyCheck', check })} />
        </div>
      )}

      <Row gutter={16} style={{ marginTop: 12 }}>
        <Col span={12}>
          <FreeTextCard groups={groups} disabled={blocked({ kind: 'note' })} onSave={(group, text) => recordNote(db, { ...who, group }, text)} />
        </Col>
        <Col span={12}>
          <CheckInPanel who={who} roster={roster} state={state} disabled={blocked({ kind: 'checkIn' })} />
        </Col>
      </Row>

      <Card size="small" title="现场日志" style={{ marginTop: 12 }}>
        <Timeline operationId={operation.id} actor={actor} groupNames={groups} />
      </Card>

      {dialog?.kind === 'phase' && <PhaseNoteModal who={who} phase={dialog.phase} state={state} context={context} onClose={close} />}
      {dialog?.kind === 'stop' && <StopModal who={who} state={state} onClose={close} />}
      {dialog?.kind === 'terminate' && <TerminateModal who={who} onClose={close} />}
      {dialog?.kind === 'resume' && <ResumeModal who={who} state={state} onClose={close} />}
      {dialog?.kind === 'incident' && <IncidentModal who={who} onClose={close} />}
      {dialog?.kind === 'opinion' && <PublicOpinionModal who={who} onClose={close} />}
    </div>
  );
}

function ActButton({ why, danger, onClick, children }: { why: string | null; danger?: boolean; onClick: () => void; children: string }) {
  return (
    <Tooltip title={why}>
      <Button danger={danger} disabled={!!why} onClick={onClick}>
        {children}
      </Button>
    </Tooltip>
  );
}

function ClockCard({ state }: { state: OnSiteState }) {
  const now = useNow();
  const time = elapsed(state, now);
  return (
    <Card size="small" styles={{ body: { padding: '8px 16px' } }}>
      <div style={{ display: 'flex', gap: 24, alignItems: 'baseline' }}>
        <div>
          <div style={{ fontSize: 12, color: '#888' }}>北京时间 {chinaDate(now)}</div>
          <div data-testid="clock" style={{ fontSize: 40, fontWeight: 600, fontVariantNumeric: 'tabular-nums', lineHeight: 1.1 }}>
            {chinaInstant(now).slice(11, 19)}
          </div>
        </div>
        <div>
          <div style={{ fontSize: 12, color: '#888' }}>开始执行后已用时</div>
          <div data-testid="elapsed" style={{ fontSize: 40, fontWeight: 600, fontVariantNumeric: 'tabular-nums', lineHeight: 1.1, color: time ? undefined : '#ccc' }}>
            {time ? formatDuration(time.totalMs) : '--:--:--'}
          </div>
          {time && time.suspendedMs > 0 && <div style={{ fontSize: 12, color: '#fa8c16' }}>其中停止 {formatDuration(time.suspendedMs)}</div>}
        </div>
      </div>
    </Card>
  );
}

function StatusBanner({ state }: { state: OnSiteState }) {
  const s = state.status;
  const type = s.kind === 'inProgress' ? 'success' : s.kind === 'suspended' ? 'error' : s.kind === 'terminated' ? 'warning' : 'info';
  const since = s.kind === 'suspended' ? `（${s.since.slice(11, 16)} 起）` : s.kind === 'completed' || s.kind === 'terminated' ? `（${s.at.slice(11, 16)}）` : '';
  return <Alert type={type} showIcon data-testid="onsite-status" title={<span style={{ fontSize: 18, fontWeight: 600 }}>{statusLabel(s)}{since}</span>} />;
}

function FreeTextCard({ groups, disabled, onSave }: { groups: Record<string, string>; disabled: string | null; onSave: (group: string, text: string) => Promise<unknown> }) {
  const { message } = App.useApp();
  const [group, setGroup] = useState('');
  const [text, setText] = useState('');
  const [saving, setSaving] = useState(false);
  const save = async () => {
    if (!text.trim()) return message.warning('请填写记录内容');
    setSaving(true);
    try {
      await onSave(group, text);
      setText('');
      message.success('已记录');
    } catch (e) {
      message.error(errorText(e));
    } finally {
      setSaving(false);
    }
  };
  return (
    <Card size="small" title="现场记录（各工作组）">
      <Space.Compact style={{ width: '100%', marginBottom: 8 }}>
        <Select
          aria-label="记录工作组"
          showSearch={{ optionFilterProp: 'label' }}
          style={{ width: 200 }}
          value={group}
          onChange={setGroup}
          options={[{ value: '', label: '（不指定工作组）' }, ...Object.entries(groups).map(([value, label]) => ({ value, label }))]}
        />
      </Space.Compact>
      <Input.TextArea
        aria-label="记录内容"
        autoSize={{ minRows: 2, maxRows: 5 }}
        placeholder="发生了什么（Ctrl+Enter 保存）"
        value={text}
        disabled={!!disabled}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
            e.preventDefault();
            void save();
          }
        }}
      />
      <Button style={{ marginTop: 8 }} onClick={save} loading={saving} disabled={!!disabled}>
        保存记录（Ctrl+Enter）
      </Button>
    </Card>
  );
}

