// DOM. The frame every draft editor shares: save errors, 预览, and 签发 with its warning that
// an issued document is frozen. The editors supply only their fields.
import { useState, type ReactNode } from 'react';
import { Alert, App, Button, Modal, Space, Tooltip, Typography } from 'antd';
import { issuableKindTitles, type DocumentRecord } from '../../../shared/documents/records';
import { db } from '../data/db';
import { errorText } from '../ui/errors';
import { useRefusal } from '../operators/useRefusal';
import { PdfDocumentModal } from './PdfDocumentModal';
import { issueDocument, renderDocument, updateDraft } from './repository';

/**
 * The editor owns the values while open; the database copy follows every change, so
 * nothing typed is lost if the window closes. Returns the values, the setter and the last
 * save error.
 */
export function useDraft<D extends DocumentRecord>(draft: D): [D, (next: D) => void, string | null] {
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
  return [current, change, error];
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
  const [busy, setBusy] = useState(false);
  // The 签发人 is whoever is signed in, and only the command may issue.
  const { actor: issuer, refusal } = useRefusal(draft.operationId);
  const cannotIssue = refusal({ kind: 'issueDocument' });
  const title = issuableKindTitles[draft.kind];

  const issue = async () => {
    setBusy(true);
    try {
      const issued = await issueDocument(db, draft.id, issuer);
      message.success(`已签发：${issued.number}`);
      setIssuing(false);
      onClose();
    } catch (e) {
      message.error(errorText(e));
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
            <Button type="primary" disabled={!!cannotIssue} onClick={() => setIssuing(true)}>
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
        okButtonProps={{ disabled: !!cannotIssue, loading: busy }}
        destroyOnHidden
      >
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
