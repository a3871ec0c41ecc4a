// DOM. Saving a long form of the plan (预案内容, 执行预备会): what is typed is kept on this
// computer as a draft (a reload or a crash loses nothing) and becomes a record, with its log
// entry, only on 保存 (the button or Ctrl+S) — one entry per save, never one per keystroke.
import { useEffect, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { Alert, App, Button, Space, Tag, Tooltip, Typography, type FormInstance } from 'antd';
import { SaveOutlined } from '@ant-design/icons';
import type { Saved } from '../record/decided';
import { errorText } from '../ui/errors';
import { showFieldErrors } from '../ui/formErrors';
import { useFormDraft } from '../ui/useFormDraft';

export const planDraftKey = (operationId: string) => `plan:${operationId}`;
export const meetingDraftKey = (operationId: string) => `preparatoryMeeting:${operationId}`;

export interface DraftedSave {
  restored: boolean;
  dirty: boolean;
  saving: boolean;
  error: string | null;
  /** Call on every change of the form. */
  changed: () => void;
  submit: () => Promise<void>;
}

export function useDraftedSave(form: FormInstance, draftKey: string, save: () => Promise<Saved<unknown>>, done: string): DraftedSave {
  const { message } = App.useApp();
  const draft = useFormDraft(form, draftKey);
  const [dirty, setDirty] = useState(false);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // Says the form was restored from the local draft, until that draft is saved.
  const [restored, setRestored] = useState(false);
  // Changes made while a save is under way stay in the draft: only what was saved is dropped.
  const edits = useRef(0);
  useEffect(() => {
    if (!draft.restored) return;
    setDirty(true);
    setRestored(true);
  }, [draft.restored]);

  const changed = () => {
    edits.current += 1;
    setDirty(true);
    draft.keep();
  };
  const submit = async () => {
    if (saving) return;
    setSaving(true);
    const at = edits.current;
    try {
      const saved = await save();
      if (!saved.ok) {
        showFieldErrors(form, saved.errors);
        setError(Object.values(saved.errors).join('；'));
        return;
      }
      if (edits.current === at) {
        await draft.clear();
        setDirty(false);
        setRestored(false);
      }
      setError(null);
      message.success(saved.entry ? done : '内容没有变化，无需保存');
    } catch (e) {
      setError(errorText(e));
    } finally {
      setSaving(false);
    }
  };
  return { restored, dirty, saving, error, changed, submit };
}

/** Ctrl+S (⌘S) anywhere in the form saves it. */
export const saveOnCtrlS = (state: DraftedSave) => (e: KeyboardEvent) => {
  if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 's') {
    e.preventDefault();
    void state.submit();
  }
};

/** The bar above the form: the 保存 button (disabled, with the reason, for someone who may not) and whether all is saved. */
export function DraftSaveBar({ state, label, refusal, extra }: { state: DraftedSave; label: string; refusal: string | null; extra?: ReactNode }) {
  return (
    <div style={{ position: 'sticky', top: 0, zIndex: 5, background: '#fff', padding: '8px 0', marginBottom: 8 }}>
      <Space wrap>
        <Tooltip title={refusal}>
          <Button type="primary" icon={<SaveOutlined />} loading={state.saving} disabled={!!refusal} onClick={() => void state.submit()}>
            {label}
          </Button>
        </Tooltip>
        {state.dirty ? (
          <>
            <Tag color="orange">有未保存的修改</Tag>
            <Typography.Text type="secondary">已暂存在本机，刷新不会丢失；保存后记入执行日志（Ctrl+S）</Typography.Text>
          </>
        ) : (
          <Tag color="green">已保存</Tag>
        )}
        {state.restored && <Typography.Text type="secondary">已恢复上次未保存的填写内容</Typography.Text>}
        {extra}
      </Space>
      {state.error && <Alert type="error" showIcon style={{ marginTop: 8 }} title={`未能保存：${state.error}`} />}
    </div>
  );
}
