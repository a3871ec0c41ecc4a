// DOM. The frame every draft editor shares: save errors, 预览, and 签发 with its warning that
// an issued document is frozen. The editors supply only their fields.
import { useState, type ReactNode } from 'react';
import { Alert, App, Button, Modal, Space, Spin, Tooltip, Typography } from 'antd';
import type { IssueProblem } from '../../../shared/documents/issueChecks';
import { issuableKindTitles, type DocumentRecord } from '../../../shared/documents/records';
import { db } from '../data/db';
import { errorText } from '../ui/errors';
import { useRefusal } from '../operators/useRefusal';
import { PdfDocumentModal } from './PdfDocumentModal';
import { draftIssueProblems, issueDocument, IssueRefused, renderDocument, updateDraft } from './repository';

/**
 * The editor owns the values while open; the database copy follows every change, so
 * nothing typed is lost if the window closes. Returns the values, the setter, the last
 * save error, and a way to run a change the repository saves itself (settings,
 * regeneration) and take its result.
 */
export function useDraft<D extends DocumentRecord>(
  draft: D,
): [D, (next: D) => void, string | null, (save: (current: D) => Promise<D>) => Promise<void>] {
  const [current, setCurrent] = useState<D>(draft);
  const [error, setError] = useState<string | null>(null);
  const change = (next: D) => {
    setCurrent(next);
    const extra = next.kind === 'notice' ? { selfPerformanceDays: next.selfPerformanceDays } : {};
    updateDraft(db, next.id, { issuerCode: next.issuerCode, data: next.data, ...extra }).then(
      () => setError(null),
      (e: unknown) => setError(errorText(e)),
    );
  };
  const saved = async (save: (current: D) => Promise<D>) => {
    try {
      setCurrent(await save(current));
      setError(null);
    } catch (e) {
      setError(errorText(e));
    }
  };
  return [current, change, error, saved];
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

export interface DraftShellProps {
  draft: DocumentRecord;
  /** Why the last save failed, if it did. */
  saveError: string | null;
  /** More buttons left of 预览, e.g. 按最新记录重新生成. */
  extraActions?: ReactNode;
  onClose: () => void;
  children: ReactNode;
}

export function DraftShell({ draft, saveError, extraActions, onClose, children }: DraftShellProps) {
  const { message } = App.useApp();
  const [preview, setPreview] = useState(false);
  const [issuing, setIssuing] = useState(false);
  const [problems, setProblems] = useState<IssueProblem[] | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  // The 签发人 is whoever is signed in, and only the command may issue.
  const { actor: issuer, refusal } = useRefusal(draft.operationId);
  const cannotIssue = refusal({ kind: 'issueDocument' });
  const title = issuableKindTitles[draft.kind];

  const openIssue = () => {
    setIssuing(true);
    setProblems(undefined);
    draftIssueProblems(db, draft).then(setProblems, (e: unknown) => {
      setProblems([]);
      message.error(errorText(e));
    });
  };

  const issue = async () => {
    setBusy(true);
    try {
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

  return (
    <Modal
      open
      width={900}
      title={`编辑草稿：${title}`}
      onCancel={onClose}
      footer={
        <Space>
          {extraActions}
          <Button onClick={() => setPreview(true)}>预览</Button>
          <Tooltip title={cannotIssue}>
            <Button type="primary" disabled={!!cannotIssue} onClick={openIssue}>
              签发
            </Button>
          </Tooltip>
          <Button onClick={onClose}>关闭（草稿已保存）</Button>
        </Space>
      }
    >
      {saveError && <Alert type="error" showIcon style={{ marginBottom: 12 }} title={`未能保存：${saveError}`} />}
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
        </Typography.Paragraph>
        <Typography.Paragraph data-testid="issuer">
          签发人：<Typography.Text strong>{issuer?.name ?? '未登录'}</Typography.Text>（当前登录人员）
        </Typography.Paragraph>
      </Modal>
    </Modal>
  );
}
