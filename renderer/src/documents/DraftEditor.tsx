// DOM. Editing a draft's wording before it is issued; every change is saved at once.
import { useState } from 'react';
import { Alert, App, Button, Col, Form, Input, InputNumber, Modal, Row, Space, Typography } from 'antd';
import { selfPerformanceWording, type DocumentRecord } from '../../../shared/documents/records';
import { db } from '../data/db';
import { errorText } from '../ui/errors';
import { PdfDocumentModal } from './PdfDocumentModal';
import { issueDocument, renderDocument, updateDraft } from './repository';

const noticeParagraphLabels = {
  basis: '理由和依据',
  content: '强制执行的内容',
  methodAndTime: '强制执行的方式和时间',
  selfPerformance: '自行履行期限',
  consequences: '逾期不履行的法律后果',
  remedy: '救济途径',
  closing: '结束语',
} as const;

export function DraftEditor({ draft, leadUnit, onClose }: { draft: DocumentRecord; leadUnit: string; onClose: () => void }) {
  const { message } = App.useApp();
  const [error, setError] = useState<string | null>(null);
  const [preview, setPreview] = useState(false);
  const [issuing, setIssuing] = useState(false);
  const [issuer, setIssuer] = useState('');
  const [busy, setBusy] = useState(false);
  // The editor owns the values while open; the database copy follows every change.
  const [current, setCurrent] = useState<DocumentRecord>(draft);

  const change = (next: DocumentRecord) => {
    setCurrent(next);
    const extra = next.kind === 'notice' ? { selfPerformanceDays: next.selfPerformanceDays } : {};
    updateDraft(db, next.id, { issuerCode: next.issuerCode, data: next.data, ...extra }).then(
      () => setError(null),
      (e: unknown) => setError(errorText(e)),
    );
  };

  const issue = async () => {
    setBusy(true);
    try {
      const issued = await issueDocument(db, current.id, issuer);
      message.success(`已签发：${issued.number}`);
      setIssuing(false);
      onClose();
    } catch (e) {
      message.error(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  const title = current.kind === 'notice' ? '强制执行告知书' : '强制执行公告';
  return (
    <Modal
      open
      width={900}
      title={`编辑草稿：${title}`}
      onCancel={onClose}
      footer={
        <Space>
          <Button onClick={() => setPreview(true)}>预览</Button>
          <Button type="primary" onClick={() => setIssuing(true)}>
            签发
          </Button>
          <Button onClick={onClose}>关闭（草稿已保存）</Button>
        </Space>
      }
    >
      {error && <Alert type="error" showIcon style={{ marginBottom: 12 }} title={`未能保存：${error}`} />}
      <Form layout="vertical">
        <Row gutter={12}>
          <Col span={8}>
            <Form.Item label="发文机关代字（文号前缀）" extra="签发时自动编号，如 临江强执告〔2026〕1号">
              <Input
                aria-label="发文机关代字"
                value={current.issuerCode}
                onChange={(e) => change({ ...current, issuerCode: e.target.value.trim() })}
              />
            </Form.Item>
          </Col>
          <Col span={10}>
            <Form.Item label="发文机关">
              <Input
                aria-label="发文机关"
                value={current.data.issuer}
                onChange={(e) => change({ ...current, data: { ...current.data, issuer: e.target.value } } as DocumentRecord)}
              />
            </Form.Item>
          </Col>
          {current.kind === 'notice' && (
            <Col span={6}>
              <Form.Item label="自行履行期限（送达次日起算，日）">
                <InputNumber
                  aria-label="自行履行期限天数"
                  min={1}
                  max={60}
                  value={current.selfPerformanceDays}
                  onChange={(v) => {
                    const days = v ?? current.selfPerformanceDays;
                    change({
                      ...current,
                      selfPerformanceDays: days,
                      data: { ...current.data, text: { ...current.data.text, selfPerformance: selfPerformanceWording(days, leadUnit) } },
                    });
                  }}
                />
              </Form.Item>
            </Col>
          )}
        </Row>
        {current.kind === 'notice'
          ? (Object.keys(noticeParagraphLabels) as (keyof typeof noticeParagraphLabels)[]).map((key) => (
              <Form.Item key={key} label={noticeParagraphLabels[key]}>
                <Input.TextArea
                  aria-label={noticeParagraphLabels[key]}
                  autoSize={{ minRows: 1, maxRows: 8 }}
                  value={current.data.text[key]}
                  onChange={(e) => change({ ...current, data: { ...current.data, text: { ...current.data.text, [key]: e.target.value } } })}
                />
              </Form.Item>
            ))
          : (
            <>
              <Form.Item label="开头（依据）">
                <Input.TextArea
                  aria-label="开头（依据）"
                  autoSize={{ minRows: 2, maxRows: 8 }}
                  value={current.data.text.preamble}
                  onChange={(e) => change({ ...current, data: { ...current.data, text: { ...current.data.text, preamble: e.target.value } } })}
                />
              </Form.Item>
              {current.data.text.items.map((item, i) => (
                <Form.Item key={i} label={`第 ${i + 1} 项`}>
                  <Input.TextArea
                    aria-label={`公告第 ${i + 1} 项`}
                    autoSize={{ minRows: 1, maxRows: 6 }}
                    value={item}
                    onChange={(e) => {
                      const items = current.data.text.items.map((x, j) => (j === i ? e.target.value : x));
                      change({ ...current, data: { ...current.data, text: { ...current.data.text, items } } });
                    }}
                  />
                </Form.Item>
              ))}
            </>
          )}
      </Form>
      <PdfDocumentModal
        open={preview}
        onClose={() => setPreview(false)}
        title={`预览（草稿，未编号）：${title}`}
        fileName={`${title}（草稿）`}
        render={() => renderDocument(db, current)}
      />
      <Modal
        open={issuing}
        title={`签发${title}`}
        onCancel={() => setIssuing(false)}
        onOk={issue}
        okText="签发"
        cancelText="取消"
        okButtonProps={{ disabled: issuer.trim() === '', loading: busy }}
        destroyOnHidden
      >
        <Typography.Paragraph>
          签发后自动编号，生成的 PDF 及其 SHA-256 校验值即行固定，不能再修改；如需更正，须另行制作更正文书。
        </Typography.Paragraph>
        <Input autoFocus aria-label="签发人" placeholder="签发人姓名" value={issuer} onChange={(e) => setIssuer(e.target.value)} />
      </Modal>
    </Modal>
  );
}
