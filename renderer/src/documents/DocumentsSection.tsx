// DOM. 文书送达: what the subject is told, the 催告 and 陈述申辩 records, drafting, issuing and
// serving the 告知书, 公告, 强制拆除通知书 and 函告, and each subject's self-performance countdown.
import { useState } from 'react';
import { Alert, App, Button, Space, Table, Tag, Tooltip } from 'antd';
import { FileAddOutlined } from '@ant-design/icons';
import { useLiveQuery } from 'dexie-react-hooks';
import { chinaInstant } from '../../../shared/calendar/chinaTime';
import { deadlineStatus } from '../../../shared/calendar';
import { renderProofOfService, serviceMethodLabels } from '../../../shared/documents/notice';
import { operationPeriodEnd, subjectPeriods, type SubjectPeriod } from '../../../shared/documents/periods';
import { proofOfServiceFor } from '../../../shared/documents/proofOfServiceData';
import { formatChineseDate } from '../../../shared/operation/formats';
import { demolitionAllowed, type Subject } from '../../../shared/operation/types';
import {
  currentIssued,
  effectiveServiceDate,
  issuableKindTitles,
  isServedDocument,
  isSubjectDocument,
  servedSubjectIds,
  type ServedDocument,
  type ServiceRecord,
} from '../../../shared/documents/records';
import { db } from '../data/db';
import { chainHead } from '../log/head';
import { OperationDetails } from '../operation/OperationDetails';
import type { OperationSummary } from '../operation/repository';
import { errorText } from '../ui/errors';
import { issuedColumns } from './documentColumns';
import { DraftEditor } from './DraftEditor';
import { documentFonts } from './fonts';
import { PdfDocumentModal } from './PdfDocumentModal';
import { NumberGaps } from './NumberGaps';
import { PostingForm } from './PostingForm';
import { ProcedureRecords } from './ProcedureRecords';
import { createDraft, listDocuments, listPostings, listServices } from './repository';
import { useActor } from '../operators/session';
import { SelfPerformanceForm } from './SelfPerformanceForm';
import { ServiceForm } from './ServiceForm';

type Open =
  | { kind: 'edit'; id: string }
  | { kind: 'post'; id: string }
  | { kind: 'selfPerformed'; id: '' }
  | { kind: 'pdf'; id: string }
  | { kind: 'serve'; id: string; subjectId?: string }
  | { kind: 'proof'; id: string }
  | null;

/** Each subject's period, read live: the current notice and its service records. */
function useSubjectPeriods(operationId: string) {
  return useLiveQuery(async () => {
    const [subjects, documents, services] = await Promise.all([
      db.subjects.where('operationId').equals(operationId).sortBy('position'),
      listDocuments(db, operationId),
      listServices(db, operationId),
    ]);
    const notice = currentIssued(documents, 'notice');
    return { notice, periods: subjectPeriods({ subjects, documents, services }) };
  }, [operationId]);
}

/**
 * The operation's self-performance countdown: it ends with the last subject's period
 * (行政强制法第三十八条; each period from that subject's own service). Shown on every screen.
 */
export function SelfPerformanceCountdown({ operationId, onSelfPerformed }: { operationId: string; onSelfPerformed?: () => void }) {
  const state = useSubjectPeriods(operationId);
  if (!state?.notice) return null;
  const { notice, periods } = state;
  const end = operationPeriodEnd(periods);
  const unserved = periods.filter((p) => !p.periodEndsOn).map((p) => p.name);
  const status = end ? deadlineStatus(end, chinaInstant(new Date()), '自行履行期限') : undefined;
  const title = end
    ? `${notice.number ?? ''}：${status!.message}（以最后一名被执行人的期限为准）`
    : `${notice.number ?? ''}：${unserved.join('、')}尚未有效送达，自行履行期限尚未开始计算`;
  return (
    <Alert
      data-testid="self-performance-countdown"
      type={status?.state === 'passed' ? 'success' : 'warning'}
      showIcon
      style={{ marginBottom: 12 }}
      title={title}
      description={periods
        .map((p) => `${p.name}：${p.periodEndsOn ? `${formatChineseDate(p.servedOn!)}送达，至${formatChineseDate(p.periodEndsOn)}届满` : '未送达'}`)
        .join('；')}
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

/** One countdown per subject, with the button to record their service. */
function SubjectPeriodsTable({ periods, onServe }: { periods: SubjectPeriod[]; onServe: (subjectId: string) => void }) {
  const now = chinaInstant(new Date());
  return (
    <Table<SubjectPeriod>
      size="small"
      bordered
      rowKey="subjectId"
      pagination={false}
      title={() => '告知书送达和自行履行期限（每名被执行人分别计算，行动以最后一名届满为准）'}
      dataSource={periods}
      columns={[
        { title: '被执行人', dataIndex: 'name', width: 120 },
        { title: '送达方式', key: 'method', width: 110, render: (_, p) => (p.method ? serviceMethodLabels[p.method] : <Tag color="orange">未送达</Tag>) },
        { title: '送达日期', key: 'served', width: 150, render: (_, p) => (p.servedOn ? formatChineseDate(p.servedOn) : '—') },
        {
          title: '自行履行期限',
          key: 'period',
          render: (_, p) => (
            <span data-testid={`period-${p.name}`}>{p.periodEndsOn ? deadlineStatus(p.periodEndsOn, now, '期限').message : '—'}</span>
          ),
        },
        {
          title: '',
          key: 'serve',
          width: 110,
          render: (_, p) => (
            <Button size="small" type="link" onClick={() => onServe(p.subjectId)}>
              记录送达
            </Button>
          ),
        },
      ]}
    />
  );
}

/** 送达 column: each service with whom it served, and each posting. */
function serviceLines(doc: ServedDocument, services: readonly ServiceRecord[], subjects: readonly Subject[], postings: { documentId: string; place: string; postedAt: string; photos: unknown[] }[]): string {
  const names = (s: ServiceRecord) =>
    isSubjectDocument(doc)
      ? servedSubjectIds(s, subjects)
          .map((id) => subjects.find((x) => x.id === id)?.name ?? '')
          .join('、') || s.recipient
      : s.recipient;
  const lines = services
    .filter((s) => s.documentId === doc.id)
    .map((s) => {
      const when = s.servedAt.slice(0, 16).replace('T', ' ');
      if (s.outcome === 'failed') return `${names(s)}：${serviceMethodLabels[s.method]}未成功 ${when}`;
      const effective = effectiveServiceDate(s);
      const deemed = s.method === 'publication' && effective ? `（${formatChineseDate(effective)}视为送达）` : '';
      const receipt = s.method === 'post' ? `（回执${effective ? formatChineseDate(effective) : '未退回'}）` : '';
      return `${names(s)}：${serviceMethodLabels[s.method]} ${when}${deemed}${receipt}`;
    });
  const posted = postings.filter((p) => p.documentId === doc.id).map((p) => `张贴于${p.place} ${p.postedAt.slice(0, 16).replace('T', ' ')}（照片 ${p.photos.length} 张）`);
  return [...lines, ...posted].join('；') || '—';
}

export function DocumentsSection({ operation }: { operation: OperationSummary }) {
  const { message } = App.useApp();
  const [open, setOpen] = useState<Open>(null);
  const documents = useLiveQuery(async () => (await listDocuments(db, operation.id)).filter(isServedDocument), [operation.id]);
  const services = useLiveQuery(() => listServices(db, operation.id), [operation.id]);
  const postings = useLiveQuery(() => listPostings(db, operation.id), [operation.id]);
  const periods = useSubjectPeriods(operation.id);
  const actor = useActor(operation.id);
  const byId = new Map((documents ?? []).map((d) => [d.id, d]));
  const current = open ? byId.get(open.id) : undefined;
  const canDemolish = demolitionAllowed(operation.courtRuling);
  const issuers = [...new Set([operation.organisingGovernment, operation.leadUnit].filter((n) => n.trim()))];

  const draft = async (kind: ServedDocument['kind'], replaces?: ServedDocument) => {
    try {
      const id = await createDraft(db, operation.id, kind, actor, replaces);
      setOpen({ kind: 'edit', id });
    } catch (e) {
      message.error(errorText(e));
    }
  };
  const noDemolition = canDemolish ? undefined : '裁定仅准予强制搬迁、未准予拆除：不得通知或函告拆除';

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
      <OperationDetails operation={operation} />
      <ProcedureRecords operation={operation} />
      <NumberGaps operationId={operation.id} />
      <Space wrap>
        <Button icon={<FileAddOutlined />} onClick={() => draft('notice')}>
          起草告知书
        </Button>
        <Button icon={<FileAddOutlined />} onClick={() => draft('announcement')}>
          起草公告
        </Button>
        <Tooltip title={noDemolition}>
          <Button icon={<FileAddOutlined />} disabled={!canDemolish} onClick={() => draft('demolitionNotice')}>
            起草强制拆除通知书
          </Button>
        </Tooltip>
        <Tooltip title={noDemolition}>
          <Button icon={<FileAddOutlined />} disabled={!canDemolish} onClick={() => draft('unitLetter')}>
            起草函告（有关单位）
          </Button>
        </Tooltip>
      </Space>
      <Table<ServedDocument>
        size="small"
        bordered
        rowKey="id"
        pagination={false}
        loading={documents === undefined}
        dataSource={documents}
        locale={{ emptyText: '尚无文书。先在“告知事项”中填写补偿款专户等事项，再起草《强制执行告知书》，签发后逐一记录对每名被执行人的送达。' }}
        columns={[
          { title: '文书', key: 'kind', width: 140, render: (_, d) => issuableKindTitles[d.kind] },
          ...issuedColumns(byId),
          { title: '送达', key: 'service', width: 260, render: (_, d) => serviceLines(d, services ?? [], operation.subjects, postings ?? []) },
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
                  <Button size="small" type="link" onClick={() => setOpen({ kind: 'proof', id: d.id })}>
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
      {periods?.notice && (
        <SubjectPeriodsTable periods={periods.periods} onServe={(subjectId) => setOpen({ kind: 'serve', id: periods.notice!.id, subjectId })} />
      )}
      {open?.kind === 'edit' && current && <DraftEditor draft={current} issuers={issuers} onClose={() => setOpen(null)} />}
      {open?.kind === 'post' && current && <PostingForm document={current} place={operation.propertyAddress} onClose={() => setOpen(null)} />}
      {open?.kind === 'selfPerformed' && <SelfPerformanceForm operationId={operation.id} onClose={() => setOpen(null)} />}
      {open?.kind === 'serve' && current && (
        <ServiceForm document={current} subjects={operation.subjects} {...(open.subjectId ? { subjectId: open.subjectId } : {})} onClose={() => setOpen(null)} />
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
        title={`送达回证：${current?.number ?? ''}（每名受送达人一页，未送达的为空白供手填）`}
        fileName={`送达回证${current?.number ?? ''}`}
        render={async () =>
          renderProofOfService(
            proofOfServiceFor(operation, operation.subjects, current!, services ?? []),
            documentFonts,
            await chainHead(db, operation.id),
          )
        }
      />
    </Space>
  );
}
