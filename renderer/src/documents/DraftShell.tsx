// DOM. The frame every draft editor shares: what is typed kept on this station, 保存, 预览,
// and 签发 with its warning that an issued document is frozen. The editors supply only their fields.
import { useEffect, useState, type ReactNode } from 'react';
import { Alert, App, Button, Modal, Space, Spin, Tooltip, Typography } from 'antd';
import { draftChanges, type DraftEdit } from '../../../shared/documents/acts';
import type { IssueProblem } from '../../../shared/documents/issueChecks';
import { issuableKindTitles, type DocumentRecord } from '../../../shared/documents/records';
import { db } from '../data/db';
import { clearDraft, readDraft, saveDraft } from '../data/drafts';
import { errorText } from '../ui/errors';
import { useRefusal } from '../operators/useRefusal';
import { PdfDocumentModal } from './PdfDocumentModal';
import { draftIssueProblems, issueDocument, IssueRefused, renderDocument, saveDocumentDraft } from './repository';

const editOf = (d: DocumentRecord): DraftEdit => ({
  issuerCode: d.issuerCode,
  data: d.data,
  ...(d.kind === 'notice' ? { selfPerformanceDays: d.selfPerformanceDays } : {}),
});

/** An edit kept on this station, as read back: anything else (an older shape) is ignored. */
const isKeptEdit = (value: unknown): value is DraftEdit =>
  typeof value === 'object' && value !== null && typeof (value as DraftEdit).issuerCode === 'string' && typeof (value as DraftEdit).data === 'object';

export interface DraftState<D extends DocumentRecord> {
  /** The values on screen. */
  current: D;
  change: (next: D) => void;
  /** Runs a change computed from the records (settings, regeneration) and takes its result. */
  update: (compute: (current: D) => Promise<D>) => Promise<boolean>;
  /** The parts that differ from the saved draft, as the log will name them. */
  unsaved: string[];
  /** True when edits left unsaved last time were put back. */
  restored: boolean;
  /** Why the last save or change failed, if it did. */
  error: string | null;
  saving: boolean;
  /** 保存: one act, with an entry naming what changed. */
  save: () => Promise<boolean>;
}

/**
 * The editor owns the values while open. Every change is kept on this station (the drafts
 * table), so nothing typed is lost if the window closes or crashes; 保存 commits the draft.
 */
export function useDraft<D extends DocumentRecord>(stored: D): DraftState<D> {
  const key = `document:${stored.id}`;
  const [current, setCurrent] = useState<D>(stored);
  const [restored, setRestored] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const { actor } = useRefusal(stored.operationId);
  useEffect(() => {
    let live = true;
    readDraft(db, key).then(
      (kept) => {
        if (!live || !isKeptEdit(kept) || draftChanges(stored, kept).length === 0) return;
        setCurrent({ ...stored, ...kept });
        setRestored(true);
      },
      () => undefined,
    );
    return () => {
      live = false;
    };
    // Read once, when the editor opens.
  }, [key]);
  const change = (next: D) => {
    setCurrent(next);
    saveDraft(db, key, editOf(next)).catch((e: unknown) => setError(errorText(e)));
  };
  const update = async (compute: (current: D) => Promise<D>) => {
    try {
      change(await compute(current));
      setError(null);
      return true;
    } catch (e) {
      setError(errorText(e));
      return false;
    }
  };
  const save = async () => {
    setSaving(true);
    try {
      await saveDocumentDraft(db, current, actor);
      await clearDraft(db, key);
      setRestored(false);
      setError(null);
      return true;
    } catch (e) {
      setError(errorText(e));
      return false;
    } finally {
      setSaving(false);
    }
  };
  return { current, change, update, unsaved: draftChanges(stored, editOf(current)), restored, error, saving, save };
}

/** Every reason issuing is refused, listed with its basis, or a line saying none stands. */
function IssueProblems({ problems }: { problems: IssueProblem[] | undefined }) {
  if (problems === undefined) return <Spin size="small" description="正在核对签发条件…" />;
  if (problems.length === 0) return <Alert type="success" showIcon title="签发条件核对通过" style={{ marginBottom: 12 }} />;
  return (
    <Alert
      type="error"
      showIcon
      style={{ marginBottom: 12 }}
      data-testid="issue-problems"
      title={`不能签发：以下 ${problems.length} 项须先处理`}
      description={
        <ol style={{ margin: 0, paddingLeft: 20 }}>
          {problems.map((p, i) => (
            <li key={i}>{p.message}</li>
          ))}
        </ol>
      }
    />
  );
}

export interface DraftShellProps<D extends DocumentRecord> {
  state: DraftState<D>;
  /** More buttons left of 预览, e.g. 按最新记录重新生成. */
  extraActions?: ReactNode;
  onClose: () => void;
  children: ReactNode;
}

export function DraftShell<D extends DocumentRecord>({ state, extraActions, onClose, children }: DraftShellProps<D>) {
  const { message } = App.useApp();
  const draft = state.current;
  const [preview, setPreview] = useState(false);
  const [issuing, setIssuing] = useState(false);
  const [problems, setProblems] = useState<IssueProblem[] | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  // The 签发人 is whoever is signed in, and only the command may issue.
  const { actor: issuer, refusal } = useRefusal(draft.operationId);
  const cannotIssue = refusal({ kind: 'issueDocument' });
  const cannotSave = refusal({ kind: 'log', group: '' });
  const title = issuableKindTitles[draft.kind];
  const dirty = state.unsaved.length > 0;

  const openIssue = () => {
    setIssuing(true);
    setProblems(undefined);
    draftIssueProblems(db, draft).then(setProblems, (e: unknown) => {
      setProblems([]);
      message.error(errorText(e));
    });
  };

  // What is on screen is what is issued: unsaved edits are saved first (their own act).
  const issue = async () => {
    setBusy(true);
    try {
      if (dirty && !(await state.save())) return;
      const issued = await issueDocument(db, draft.id, issuer);
      message.success(`已签发：${issued.number ?? ''}`);
      setIssuing(false);
      onClose();
    } catch (e) {
      if (e instanceof IssueRefused) setProblems(e.problems);
      else message.error(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  const save = async () => {
    if (await state.save()) message.success(`已保存草稿（${state.unsaved.join('、')}）`);
  };

  return (
    <Modal
      open
      width={900}
      title={`编辑草稿：${title}`}
      onCancel={onClose}
      footer={
        <Space>
          <Typography.Text type={dirty ? 'warning' : 'secondary'} data-testid="draft-status">
            {dirty ? `未保存：${state.unsaved.join('、')}（已暂存在本机）` : '草稿已保存'}
          </Typography.Text>
          {extraActions}
          <Button onClick={() => setPreview(true)}>预览</Button>
          <Tooltip title={cannotSave}>
            <Button disabled={!dirty || !!cannotSave} loading={state.saving} onClick={save}>
              保存
            </Button>
          </Tooltip>
          <Tooltip title={cannotIssue}>
            <Button type="primary" disabled={!!cannotIssue} onClick={openIssue}>
              签发
            </Button>
          </Tooltip>
          <Button onClick={onClose}>关闭</Button>
        </Space>
      }
    >
      {state.restored && dirty && <Alert type="info" showIcon style={{ marginBottom: 12 }} title="已恢复上次未保存的修改（暂存在本机），请核对后保存" />}
      {state.error && <Alert type="error" showIcon style={{ marginBottom: 12 }} title={`未能保存：${state.error}`} />}
      {children}
      <PdfDocumentModal
        open={preview}
        onClose={() => setPreview(false)}
        title={`预览（草稿，未编号）：${title}`}
        fileName={`${title}（草稿）`}
        render={() => renderDocument(db, draft)}
      />
      <Modal
        open={issuing}
        title={`签发${title}`}
        onCancel={() => setIssuing(false)}
        onOk={issue}
        okText="签发"
        cancelText="取消"
        okButtonProps={{ disabled: !!cannotIssue || problems === undefined || problems.length > 0, loading: busy }}
        width={720}
        destroyOnHidden
      >
        <IssueProblems problems={problems} />
        <Typography.Paragraph>
          签发后自动编号，生成的 PDF 及其 SHA-256 校验值即行固定，不能再修改；如需更正，须另行制作更正文书。
          {dirty && '未保存的修改将先行保存。'}
        </Typography.Paragraph>
        <Typography.Paragraph data-testid="issuer">
          签发人：<Typography.Text strong>{issuer?.name ?? '未登录'}</Typography.Text>（当前登录人员）
        </Typography.Paragraph>
      </Modal>
    </Modal>
  );
}
