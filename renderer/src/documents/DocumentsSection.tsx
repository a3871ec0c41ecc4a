// DOM. 文书送达: draft, issue and serve the 告知书 and the 公告; the self-performance countdown.
import { useState } from 'react';
import { Alert, App, Button, Space, Table } from 'antd';
import { FileAddOutlined } from '@ant-design/icons';
import { useLiveQuery } from 'dexie-react-hooks';
import { chinaInstant } from '../../../shared/calendar/chinaTime';
import { deadlineStatus } from '../../../shared/calendar';
import { renderProofOfService, serviceMethodLabels } from '../../../shared/documents/notice';
import { proofOfServiceFor } from '../../../shared/documents/proofOfServiceData';
import { formatChineseDate } from '../../../shared/operation/formats';
import {
  effectiveServiceDate,
  issuableKindTitles,
  selfPerformanceDeadline,
  isServedDocument,
  type ServedDocument,
  type ServiceRecord,
} from '../../../shared/documents/records';
import { db } from '../data/db';
import { chainHead } from '../log/head';
import type { OperationSummary } from '../operation/repository';
import { errorText } from '../ui/errors';
import { issuedColumns } from './documentColumns';
import { DraftEditor } from './DraftEditor';
import { documentFonts } from './fonts';
import { PdfDocumentModal } from './PdfDocumentModal';
import { NumberGaps } from './NumberGaps';
import { PostingForm } from './PostingForm';
import { createDraft, listDocuments, listPostings, listServices } from './repository';
import { SelfPerformanceForm } from './SelfPerformanceForm';
import { ServiceForm } from './ServiceForm';

type Open =
  | { kind: 'edit'; id: string }
  | { kind: 'post'; id: string }
  | { kind: 'selfPerformed'; id: '' }
  | { kind: 'pdf'; id: string }
  | { kind: 'serve'; id: string }
  | { kind: 'proof'; id: string; service?: ServiceRecord }
  | null;

/** The countdown of the first served notice: what the operation waits for before enforcing. */
export function SelfPerformanceCountdown({ operationId, onSelfPerformed }: { operationId: string; onSelfPerformed?: () => void }) {
  const state = useLiveQuery(async () => {
    const [documents, services] = await Promise.all([listDocuments(db, operationId), listServices(db, operationId)]);
    for (const doc of documents) {
      if (doc.kind !== 'notice' || doc.status !== 'issued') continue;
      const service = services.find((s) => s.documentId === doc.id);
      if (service) return { doc, deadline: selfPerformanceDeadline(doc, service) };
    }
    return null;
  }, [operationId]);
  if (!state) return null;
  const status = deadlineStatus(state.deadline.deadline, chinaInstant(new Date()), '自行履行期限');
  return (
    <Alert
      data-testid="self-performance-countdown"
      type={status.state === 'passed' ? 'success' : 'warning'}
      showIcon
      style={{ marginBottom: 12 }}
      title={`${state.doc.number}：${status.message}`}
      description={state.deadline.basis}
      action={
        onSelfPerformed && (
          <Button size="small" onClick={onSelfPerformed}>
            被执行人已自行履行
          </Button>
        )
      }
    />
  );
}

export function DocumentsSection({ operation }: { operation: OperationSummary }) {
  const { message } = App.useApp();
  const [open, setOpen] = useState<Open>(null);
  const documents = useLiveQuery(async () => (await listDocuments(db, operation.id)).filter(isServedDocument), [operation.id]);
  const services = useLiveQuery(() => listServices(db, operation.id), [operation.id]);
  const postings = useLiveQuery(() => listPostings(db, operation.id), [operation.id]);
  const byId = new Map((documents ?? []).map((d) => [d.id, d]));
  const current = open ? byId.get(open.id) : undefined;

  const draft = async (kind: ServedDocument['kind'], replaces?: ServedDocument) => {
    try {
      const id = await createDraft(db, operation.id, kind, replaces);
      setOpen({ kind: 'edit', id });
    } catch (e) {
      message.error(errorText(e));
    }
  };

  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      {operation.termination ? (
        <Alert
          type="info"
          showIcon
          title={`本行动已终止：被执行人已于${formatChineseDate(operation.termination.occurredOn)}自行履行（停止情形一，不再恢复）`}
          description={`${operation.termination.note}（记录人：${operation.termination.recordedBy}）`}
        />
      ) : (
        <SelfPerformanceCountdown operationId={operation.id} onSelfPerformed={() => setOpen({ kind: 'selfPerformed', id: '' })} />
      )}
      <NumberGaps operationId={operation.id} />
      <Space>
        <Button icon={<FileAddOutlined />} onClick={() => draft('notice')}>
          起草告知书
        </Button>
        <Button icon={<FileAddOutlined />} onClick={() => draft('announcement')}>
          起草公告
        </Button>
      </Space>
      <Table<ServedDocument>
        size="small"
        bordered
        rowKey="id"
        pagination={false}
        loading={documents === undefined}
        dataSource={documents}
        locale={{ emptyText: '尚无文书。先起草《强制执行告知书》，签发后记录送达。' }}
        columns={[
          { title: '文书', key: 'kind', width: 150, render: (_, d) => issuableKindTitles[d.kind] },
          ...issuedColumns(byId),
          {
            title: '送达',
            key: 'service',
            width: 200,
            render: (_, d) =>
              [
                ...(services ?? [])
                  .filter((s) => s.documentId === d.id)
                  .map(
                    (s) =>
                      `${serviceMethodLabels[s.method]} ${s.servedAt.slice(0, 16).replace('T', ' ')}` +
                      (s.method === 'publication' ? `（${formatChineseDate(effectiveServiceDate(s))}视为送达）` : ''),
                  ),
                ...(postings ?? [])
                  .filter((p) => p.documentId === d.id)
                  .map((p) => `张贴于${p.place} ${p.postedAt.slice(0, 16).replace('T', ' ')}（照片 ${p.photos.length} 张）`),
              ].join('；') || '—',
          },
          {
            title: '操作',
            key: 'actions',
            width: 300,
            render: (_, d) =>
              d.status === 'draft' ? (
                <Button size="small" type="link" onClick={() => setOpen({ kind: 'edit', id: d.id })}>
                  编辑、预览、签发
                </Button>
              ) : (
                <Space size={0} wrap>
                  <Button size="small" type="link" onClick={() => setOpen({ kind: 'pdf', id: d.id })}>
                    查看 PDF
                  </Button>
                  <Button size="small" type="link" onClick={() => setOpen({ kind: 'serve', id: d.id })}>
                    记录送达
                  </Button>
                  {d.kind === 'announcement' && (
                    <Button size="small" type="link" onClick={() => setOpen({ kind: 'post', id: d.id })}>
                      记录张贴
                    </Button>
                  )}
                  <Button
                    size="small"
                    type="link"
                    onClick={() => setOpen({ kind: 'proof', id: d.id, service: (services ?? []).find((s) => s.documentId === d.id) })}
                  >
                    送达回证
                  </Button>
                  <Button size="small" type="link" onClick={() => draft(d.kind, d)}>
                    更正
                  </Button>
                </Space>
              ),
          },
        ]}
      />
      {open?.kind === 'edit' && current && (
        <DraftEditor draft={current} leadUnit={operation.leadUnit} onClose={() => setOpen(null)} />
      )}
      {open?.kind === 'post' && current && (
        <PostingForm document={current} place={operation.propertyAddress} onClose={() => setOpen(null)} />
      )}
      {open?.kind === 'selfPerformed' && <SelfPerformanceForm operationId={operation.id} onClose={() => setOpen(null)} />}
      {open?.kind === 'serve' && current && (
        <ServiceForm document={current} recipient={operation.subjects.map((s) => s.name).join('、')} onClose={() => setOpen(null)} />
      )}
      <PdfDocumentModal
        open={open?.kind === 'pdf' && !!current?.pdf}
        onClose={() => setOpen(null)}
        title={`${current?.number ?? ''}（已签发，SHA-256 ${current?.sha256?.slice(0, 16) ?? ''}…）`}
        fileName={`${current ? issuableKindTitles[current.kind] : ''}${current?.number ?? ''}`}
        // The stored bytes, never a new rendering: what was issued is what is shown.
        render={async () => current!.pdf as Uint8Array<ArrayBuffer>}
      />
      <PdfDocumentModal
        open={open?.kind === 'proof' && !!current}
        onClose={() => setOpen(null)}
        title={`送达回证：${current?.number ?? ''}${open?.kind === 'proof' && !open.service ? '（空白，供手填）' : ''}`}
        fileName={`送达回证${current?.number ?? ''}`}
        render={async () =>
          renderProofOfService(
            proofOfServiceFor(operation, operation.subjects, current!, open?.kind === 'proof' ? open.service : undefined),
            documentFonts,
            await chainHead(db, operation.id),
          )
        }
      />
    </Space>
  );
}
