// DOM. 催告 and 陈述申辩: what happened before the court ruled, recorded as documents (a frozen
// PDF and a log entry each). The 催告's ten working days and the three-month application
// window are checked as the dates are typed.
import { useState } from 'react';
import { Alert, Button, Card, Col, DatePicker, Form, Input, Radio, Row, Select, Space, Table, Tag, type FormInstance } from 'antd';
import { useLiveQuery } from 'dexie-react-hooks';
import { isIsoDate } from '../../../shared/calendar/dates';
import { serviceMethodLabels, serviceMethods } from '../../../shared/documents/notice/proofOfService';
import {
  demandFindings,
  statementFormLabels,
  statementOutcomeLabels,
  type DemandInput,
  type StatementInput,
} from '../../../shared/documents/procedure';
import { issuableKindTitles, type DocumentRecord } from '../../../shared/documents/records';
import { formatChineseDate } from '../../../shared/operation/formats';
import type { Operation, Subject } from '../../../shared/operation/types';
import { db } from '../data/db';
import { useActor } from '../operators/session';
import { dateField } from '../ui/dateFields';
import { DraftedDialog } from '../ui/DraftedDialog';
import { PdfDocumentModal } from './PdfDocumentModal';
import { listDocuments, recordDemand, recordStatement } from './repository';

type ProcedureRecord = Extract<DocumentRecord, { kind: 'demand' | 'statement' }>;

/** The checks of the dates as typed, before saving: shown with their basis. */
function DemandFindingsPreview({ values }: { values: Partial<DemandInput> | undefined }) {
  const services = (values?.services ?? []).filter((s) => s && isIsoDate(s.servedOn ?? ''));
  if (!values || !isIsoDate(values.decisionServedOn ?? '') || !isIsoDate(values.appliedOn ?? '')) {
    return <Alert type="info" showIcon style={{ marginBottom: 12 }} title="填写执行依据送达日期、催告书送达日期和申请日期后，自动核对催告期（十个工作日）和三个月申请期限。" />;
  }
  const findings = demandFindings({
    services: services.map((s) => ({ subjectId: s.subjectId, name: s.name, method: s.method, servedOn: s.servedOn, recipient: s.recipient })),
    decisionServedOn: values.decisionServedOn!,
    appliedOn: values.appliedOn!,
  });
  return (
    <Alert
      type={findings.every((f) => f.ok) ? 'success' : 'warning'}
      showIcon
      style={{ marginBottom: 12 }}
      data-testid="demand-findings"
      title="期限核对"
      description={
        <ul style={{ margin: 0, paddingLeft: 20 }}>
          {findings.map((f, i) => (
            <li key={i}>{`${f.ok ? '符合' : '不符合'}：${f.message}（${f.basis}）`}</li>
          ))}
        </ul>
      }
    />
  );
}

function DemandFields({ form, subjects }: { form: FormInstance<DemandInput>; subjects: readonly Subject[] }) {
  const values = Form.useWatch([], form) as Partial<DemandInput> | undefined;
  return (
    <>
      <Row gutter={12}>
        <Col span={9}>
          <Form.Item name="issuer" label="催告机关">
            <Input />
          </Form.Item>
        </Col>
        <Col span={9}>
          <Form.Item name="documentNumber" label="催告书文号（纸质催告书上的文号）">
            <Input aria-label="催告书文号" />
          </Form.Item>
        </Col>
        <Col span={6}>
          <Form.Item name="issuedOn" label="催告书日期" {...dateField}>
            <DatePicker aria-label="催告书日期" style={{ width: '100%' }} />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="demanded" label="催告履行的义务（行政强制法第五十四条）">
        <Input.TextArea aria-label="催告履行的义务" autoSize={{ minRows: 2, maxRows: 4 }} />
      </Form.Item>
      <Form.Item label="催告书送达（每名被执行人）" name="services">
        <Form.List name="services">
          {(fields) =>
            fields.map((field, i) => (
              <Row gutter={8} key={field.key}>
                <Col span={4} style={{ paddingTop: 4 }}>
                  {subjects[i]?.name}
                </Col>
                <Col span={6}>
                  <Form.Item name={[field.name, 'method']}>
                    <Select aria-label={`催告书送达方式 ${i + 1}`} options={serviceMethods.map((m) => ({ value: m, label: serviceMethodLabels[m] }))} />
                  </Form.Item>
                </Col>
                <Col span={6}>
                  <Form.Item name={[field.name, 'servedOn']} {...dateField}>
                    <DatePicker aria-label={`催告书送达日期 ${i + 1}`} style={{ width: '100%' }} placeholder="送达日期" />
                  </Form.Item>
                </Col>
                <Col span={8}>
                  <Form.Item name={[field.name, 'recipient']}>
                    <Input aria-label={`催告书签收人 ${i + 1}`} placeholder="签收人" />
                  </Form.Item>
                </Col>
              </Row>
            ))
          }
        </Form.List>
      </Form.Item>
      <Row gutter={12}>
        <Col span={12}>
          <Form.Item name="decisionServedOn" label="执行依据送达被执行人的日期（起诉期限自此计算）" {...dateField}>
            <DatePicker aria-label="执行依据送达日期" style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="appliedOn" label="申请人民法院强制执行的日期" {...dateField}>
            <DatePicker aria-label="申请强制执行日期" style={{ width: '100%' }} />
          </Form.Item>
        </Col>
      </Row>
      <DemandFindingsPreview values={values} />
      <Form.Item name="note" label="说明">
        <Input.TextArea autoSize={{ minRows: 1, maxRows: 3 }} />
      </Form.Item>
    </>
  );
}

function StatementFields({ subjects }: { subjects: readonly Subject[] }) {
  return (
    <>
      <Row gutter={12}>
        <Col span={8}>
          <Form.Item name="subjectId" label="陈述申辩的被执行人">
            <Select aria-label="陈述申辩的被执行人" options={subjects.map((s) => ({ value: s.id, label: s.name }))} />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name="statedOn" label="陈述申辩日期" {...dateField}>
            <DatePicker aria-label="陈述申辩日期" style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name="form" label="形式">
            <Radio.Group options={(['written', 'oral'] as const).map((f) => ({ value: f, label: statementFormLabels[f] }))} />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="content" label="陈述、申辩的主要内容">
        <Input.TextArea aria-label="陈述申辩的主要内容" autoSize={{ minRows: 2, maxRows: 5 }} />
      </Form.Item>
      <Form.Item name="reply" label="答复及理由">
        <Input.TextArea aria-label="答复及理由" autoSize={{ minRows: 2, maxRows: 5 }} />
      </Form.Item>
      <Row gutter={12}>
        <Col span={8}>
          <Form.Item name="outcome" label="处理结果">
            <Radio.Group options={(['adopted', 'partlyAdopted', 'notAdopted'] as const).map((o) => ({ value: o, label: statementOutcomeLabels[o] }))} />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name="repliedOn" label="答复日期" {...dateField}>
            <DatePicker aria-label="答复日期" style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name="repliedBy" label="答复人及单位">
            <Input aria-label="答复人及单位" />
          </Form.Item>
        </Col>
      </Row>
    </>
  );
}

/** One line saying what a record holds. */
function summary(record: ProcedureRecord): string {
  if (record.kind === 'statement') return `被执行人${record.data.name}，${formatChineseDate(record.data.statedOn)}陈述申辩；${statementOutcomeLabels[record.data.outcome]}`;
  return `${record.data.documentNumber}，${record.data.services.length} 人送达；${formatChineseDate(record.data.appliedOn)}申请法院强制执行`;
}

export function ProcedureRecords({ operation }: { operation: Operation & { subjects: Subject[] } }) {
  const actor = useActor(operation.id);
  const [open, setOpen] = useState<'demand' | 'statement' | null>(null);
  const [viewing, setViewing] = useState<ProcedureRecord | null>(null);
  const records = useLiveQuery(
    async () => (await listDocuments(db, operation.id)).filter((d): d is ProcedureRecord => d.kind === 'demand' || d.kind === 'statement'),
    [operation.id],
  );
  return (
    <Card
      size="small"
      title="催告和陈述申辩（申请法院强制执行前）"
      extra={
        <Space>
          <Button size="small" onClick={() => setOpen('demand')}>
            记录催告及申请执行
          </Button>
          <Button size="small" onClick={() => setOpen('statement')}>
            记录陈述申辩及答复
          </Button>
        </Space>
      }
    >
      <Table<ProcedureRecord>
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={records}
        loading={records === undefined}
        locale={{ emptyText: '尚未记录。催告（行政强制法第五十四条）和被执行人的陈述申辩（第八条）随申请材料提交法院，应记录在案。' }}
        columns={[
          { title: '记录', key: 'kind', width: 190, render: (_, r) => issuableKindTitles[r.kind] },
          { title: '内容', key: 'summary', render: (_, r) => summary(r) },
          {
            title: '核对',
            key: 'findings',
            width: 110,
            render: (_, r) => {
              if (r.kind !== 'demand') return '—';
              const failed = demandFindings(r.data).filter((f) => !f.ok).length;
              return failed === 0 ? <Tag color="green">期限符合</Tag> : <Tag color="red">{failed} 项不符合</Tag>;
            },
          },
          {
            title: '',
            key: 'pdf',
            width: 90,
            render: (_, r) => (
              <Button size="small" type="link" onClick={() => setViewing(r)}>
                查看 PDF
              </Button>
            ),
          },
        ]}
      />
      {open === 'demand' && (
        <DraftedDialog<DemandInput>
          title="记录催告及申请执行"
          draftKey={`demand:${operation.id}`}
          width={900}
          okText="记录"
          done="已记录催告及申请执行情况"
          initialValues={{
            issuer: operation.organisingGovernment,
            documentNumber: '',
            issuedOn: '',
            demanded: `请于本催告书送达之日起十日内履行${operation.basisDocument.number}确定的搬迁义务，腾空位于${operation.propertyAddress}的房屋，交付${operation.leadUnit}。`,
            services: operation.subjects.map((s) => ({ subjectId: s.id, name: s.name, method: 'direct', servedOn: '', recipient: s.name })),
            decisionServedOn: '',
            appliedOn: '',
            note: '',
          }}
          save={(values) => recordDemand(db, operation.id, values, actor)}
          onClose={() => setOpen(null)}
        >
          {(form) => <DemandFields form={form} subjects={operation.subjects} />}
        </DraftedDialog>
      )}
      {open === 'statement' && (
        <DraftedDialog<StatementInput>
          title="记录陈述申辩及答复"
          draftKey={`statement:${operation.id}`}
          width={820}
          okText="记录"
          done="已记录陈述申辩及答复"
          initialValues={{ subjectId: operation.subjects[0]?.id ?? '', statedOn: '', form: 'written', content: '', reply: '', outcome: 'notAdopted', repliedOn: '', repliedBy: '' }}
          save={(values) => recordStatement(db, operation.id, values, actor)}
          onClose={() => setOpen(null)}
        >
          {() => <StatementFields subjects={operation.subjects} />}
        </DraftedDialog>
      )}
      <PdfDocumentModal
        open={viewing !== null}
        onClose={() => setViewing(null)}
        title={`${viewing ? issuableKindTitles[viewing.kind] : ''}（SHA-256 ${viewing?.sha256?.slice(0, 16) ?? ''}…）`}
        fileName={viewing ? issuableKindTitles[viewing.kind] : ''}
        render={async () => viewing!.pdf as Uint8Array<ArrayBuffer>}
      />
    </Card>
  );
}
