// DOM. The 《强制执行情况报告》 as a document: drafted from the records and the log, its wording
// edited, then issued and frozen like the notices (number, PDF and SHA-256 fixed at issue).
import { useEffect, useState } from 'react';
import { Alert, App, Button, Card, Col, Form, Input, Popconfirm, Row, Space, Table } from 'antd';
import { FileAddOutlined } from '@ant-design/icons';
import { useLiveQuery } from 'dexie-react-hooks';
import {
  parseLines,
  parseProcessLines,
  processLine,
  type CourtReportText,
} from '../../../shared/documents/courtReport';
import { issuableKindTitles } from '../../../shared/documents/records';
import { db } from '../data/db';
import { issuedColumns } from '../documents/documentColumns';
import { DraftShell, useDraft } from '../documents/DraftShell';
import { PdfDocumentModal } from '../documents/PdfDocumentModal';
import { errorText } from '../ui/errors';
import { useActor } from '../operators/session';
import { createCourtReportDraft, listCourtReports, regenerateCourtReportText, type CourtReportRecord } from './repository';

type LineKey = 'attendance' | 'escorted' | 'demolition' | 'incidents' | 'costs' | 'remarks';

const lineFields: { key: LineKey; label: string; hint: string }[] = [
  { key: 'attendance', label: '公证和监督', hint: '每行一项' },
  { key: 'escorted', label: '人员带离', hint: '每行一人或一户及去向' },
  { key: 'demolition', label: '拆除和移交', hint: '每行一项' },
  { key: 'incidents', label: '突发情况及处置', hint: '每行一起及处置结果' },
  { key: 'costs', label: '执行费用', hint: '金额和承担人（行政强制法第六十条）；在“文书送达 › 裁定范围和告知事项”中记录后重新生成' },
  { key: 'remarks', label: '其他需要说明的情况', hint: '每行一段；为空则报告不列此节' },
];

const singleFields: { key: 'court' | 'subjects' | 'time' | 'place' | 'organiser'; label: string; span: number }[] = [
  { key: 'court', label: '报送法院', span: 8 },
  { key: 'subjects', label: '被执行人', span: 8 },
  { key: 'organiser', label: '组织实施', span: 8 },
  { key: 'time', label: '执行时间', span: 12 },
  { key: 'place', label: '执行地点', span: 12 },
];

/** What the text areas show: the stored lines, or what the user is typing (blank lines included). */
const rawOf = (text: CourtReportText): Record<LineKey | 'process', string> => ({
  attendance: text.attendance.join('\n'),
  escorted: text.escorted.join('\n'),
  demolition: text.demolition.join('\n'),
  incidents: text.incidents.join('\n'),
  // Drafts made before the costs were asked have none.
  costs: (text.costs ?? []).join('\n'),
  remarks: text.remarks.join('\n'),
  process: text.process.map(processLine).join('\n'),
});

function CourtReportEditor({ draft, onClose }: { draft: CourtReportRecord; onClose: () => void }) {
  const { message } = App.useApp();
  const state = useDraft(draft);
  const { current, change } = state;
  // The areas keep the user's own line breaks while typing; the record holds the parsed lines.
  const [raw, setRaw] = useState(() => rawOf(draft.data));
  // Edits kept on this station from last time are put back after the first render.
  useEffect(() => {
    if (state.restored) setRaw(rawOf(current.data));
  }, [state.restored]);
  const setText = (data: Partial<CourtReportText>) => change({ ...current, data: { ...current.data, ...data } });

  const regenerate = async () => {
    const ok = await state.update(async (d) => {
      const data = await regenerateCourtReportText(db, d);
      setRaw(rawOf(data));
      return { ...d, data };
    });
    if (ok) message.success('已按最新执行记录和日志重新生成（“其他需要说明的情况”保留；尚未保存）');
  };

  return (
    <DraftShell
      state={state}
      onClose={onClose}
      extraActions={
        <Popconfirm title="按最新记录重新生成？" description="除“其他需要说明的情况”外，此处的修改将被替换。" okText="重新生成" cancelText="取消" onConfirm={regenerate}>
          <Button>按最新记录重新生成</Button>
        </Popconfirm>
      }
    >
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 12 }}
        title="参加单位和工作小组、文书送达、情况紧急例外、物品清点和去向、附件及其 SHA-256、执行日志条数和链头，在生成 PDF 时从记录读取，不在此修改。报告以行动记载的组织实施机关署名。"
      />
      <Form layout="vertical" size="small">
        <Row gutter={12}>
          <Col span={8}>
            <Form.Item label="发文机关代字（文号前缀）" extra="签发时自动编号，如 临江强执报〔2026〕1号">
              <Input aria-label="发文机关代字" value={current.issuerCode} onChange={(e) => change({ ...current, issuerCode: e.target.value.trim() })} />
            </Form.Item>
          </Col>
          {singleFields.map((f) => (
            <Col span={f.span} key={f.key}>
              <Form.Item label={f.label}>
                <Input aria-label={f.label} value={current.data[f.key]} onChange={(e) => setText({ [f.key]: e.target.value })} />
              </Form.Item>
            </Col>
          ))}
        </Row>
        <Form.Item label="执行依据">
          <Input.TextArea aria-label="执行依据" autoSize={{ minRows: 1, maxRows: 4 }} value={current.data.basis} onChange={(e) => setText({ basis: e.target.value })} />
        </Form.Item>
        <Form.Item label="执行过程" extra="每行一条：时间｜经过（无“｜”的行整行作为经过）">
          <Input.TextArea
            aria-label="执行过程"
            autoSize={{ minRows: 4, maxRows: 14 }}
            value={raw.process}
            onChange={(e) => {
              setRaw({ ...raw, process: e.target.value });
              setText({ process: parseProcessLines(e.target.value) });
            }}
          />
        </Form.Item>
        {lineFields.map((f) => (
          <Form.Item key={f.key} label={f.label} extra={f.hint}>
            <Input.TextArea
              aria-label={f.label}
              autoSize={{ minRows: 1, maxRows: 8 }}
              value={raw[f.key]}
              onChange={(e) => {
                setRaw({ ...raw, [f.key]: e.target.value });
                setText({ [f.key]: parseLines(e.target.value) });
              }}
            />
          </Form.Item>
        ))}
      </Form>
    </DraftShell>
  );
}

/** 情况报告: the drafts and the issued versions, with 起草, 编辑/签发, 查看 and 更正. */
export function CourtReportDocuments({ operationId }: { operationId: string }) {
  const { message } = App.useApp();
  const reports = useLiveQuery(() => listCourtReports(db, operationId), [operationId]);
  const actor = useActor(operationId);
  const [editing, setEditing] = useState<string | null>(null);
  const [viewing, setViewing] = useState<CourtReportRecord | null>(null);
  const byId = new Map((reports ?? []).map((r) => [r.id, r]));
  const editingDraft = editing ? byId.get(editing) : undefined;
  const hasDraft = (reports ?? []).some((r) => r.status === 'draft');

  const draft = async (replaces?: CourtReportRecord) => {
    try {
      setEditing(await createCourtReportDraft(db, operationId, actor, replaces));
    } catch (e) {
      message.error(errorText(e));
    }
  };

  return (
    <Card
      size="small"
      title={issuableKindTitles.courtReport}
      extra={
        reports?.length === 0 && (
          <Button size="small" type="primary" icon={<FileAddOutlined />} onClick={() => draft()} data-testid="court-report-draft">
            起草情况报告
          </Button>
        )
      }
    >
      <Table<CourtReportRecord>
        size="small"
        bordered
        rowKey="id"
        pagination={false}
        loading={reports === undefined}
        dataSource={reports}
        locale={{ emptyText: '尚未起草。起草时依据执行日志和执行记录生成，可修改文字后签发。' }}
        columns={[
          ...issuedColumns(byId),
          {
            title: '操作',
            key: 'actions',
            width: 220,
            render: (_, d) =>
              d.status === 'draft' ? (
                <Button size="small" type="link" onClick={() => setEditing(d.id)}>
                  编辑、预览、签发
                </Button>
              ) : (
                <Space size={0}>
                  <Button size="small" type="link" onClick={() => setViewing(d)}>
                    查看 PDF
                  </Button>
                  {!hasDraft && (
                    <Button size="small" type="link" onClick={() => draft(d)}>
                      更正
                    </Button>
                  )}
                </Space>
              ),
          },
        ]}
      />
      {editingDraft?.status === 'draft' && <CourtReportEditor draft={editingDraft} onClose={() => setEditing(null)} />}
      <PdfDocumentModal
        open={viewing !== null}
        onClose={() => setViewing(null)}
        title={`${viewing?.number ?? ''}（已签发，SHA-256 ${viewing?.sha256?.slice(0, 16) ?? ''}…）`}
        fileName={`${issuableKindTitles.courtReport}${viewing?.number ?? ''}`}
        // The stored bytes, never a new rendering: what was issued is what is shown.
        render={async () => viewing!.pdf as Uint8Array<ArrayBuffer>}
      />
    </Card>
  );
}
