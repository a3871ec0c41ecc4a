// DOM. 执行通报 (brief §2 steps 13–14): the five-day report deadline, aftercare tasks and the
// 执行和解协议. The countdown also shows above every workspace section and in the list.
import { useState, type KeyboardEvent } from 'react';
import { Alert, Button, Card, DatePicker, Descriptions, Empty, Form, Input, Modal, Radio, Select, Space, Table, Tag, Typography } from 'antd';
import { useLiveQuery } from 'dexie-react-hooks';
import { chinaDate, chinaInstant } from '../../../shared/calendar/chinaTime';
import { formatChineseDate } from '../../../shared/operation/formats';
import {
  aftercareKinds,
  openTasks,
  sortedTasks,
  type AftercareTask,
  type AftercareTaskInput,
  type SettlementInput,
  type SettlementRecord,
  type TaskDoneInput,
} from '../../../shared/report/aftercare';
import { courtReportStatus, type CourtReportStatus } from '../../../shared/report/deadline';
import { db } from '../data/db';
import type { OperationSummary } from '../operation/repository';
import { useActor } from '../operators/session';
import { dateField } from '../ui/dateFields';
import { useRecordForm, type RecordSaveResult } from '../ui/useRecordForm';
import { CourtReportDocuments } from './CourtReportDocuments';
import { addAftercareTask, completeAftercareTask, completionEntries, listAftercare, saveSettlement } from './repository';

function useCourtReportStatus(operationId: string): CourtReportStatus | null | undefined {
  const entries = useLiveQuery(() => completionEntries(db, operationId), [operationId]);
  return entries && courtReportStatus(entries, chinaInstant(new Date()));
}

const alertType = { ok: 'info', lastDay: 'warning', overdue: 'error' } as const;

/** Under the workspace header from the moment completion is logged. */
export function CourtReportCountdown({ operationId }: { operationId: string }) {
  const status = useCourtReportStatus(operationId);
  if (!status) return null;
  return (
    <Alert
      data-testid="court-report-countdown"
      type={alertType[status.level]}
      showIcon
      style={{ marginBottom: 12 }}
      title={`${formatChineseDate(status.completedOn)}宣布执行完毕，五日内书面报告法院：${status.message}`}
      description={status.basis}
    />
  );
}

const tagColor = { ok: 'blue', lastDay: 'orange', overdue: 'red' } as const;

/** The deadline as a tag, for the operations list. */
export function CourtReportTag({ operationId }: { operationId: string }) {
  const status = useCourtReportStatus(operationId);
  if (!status) return <Typography.Text type="secondary">—</Typography.Text>;
  const left = status.level === 'overdue' ? '已逾期' : status.level === 'lastDay' ? '今日届满' : `剩 ${status.daysLeft} 天`;
  return (
    <Tag color={tagColor[status.level]} title={status.message} data-testid="court-report-tag">
      {status.deadline}（{left}）
    </Tag>
  );
}

/** Open aftercare tasks, for 概况: shown until each is done. */
export function OpenAftercareTasks({ operationId }: { operationId: string }) {
  const open = useLiveQuery(async () => openTasks(await listAftercare(db, operationId)), [operationId]);
  if (!open?.length) return null;
  const today = chinaDate(new Date());
  return (
    <Alert
      type="warning"
      showIcon
      data-testid="open-aftercare"
      style={{ marginBottom: 16 }}
      title={`善后事项未完成 ${open.length} 项`}
      description={
        <ul style={{ margin: 0, paddingLeft: 18 }}>
          {open.map((t) => (
            <li key={t.id}>
              {aftercareKinds[t.kind]}：{t.title}（{t.owner}，期限 {t.dueOn}
              {t.dueOn < today && <Typography.Text type="danger">，已超期</Typography.Text>}）
            </li>
          ))}
        </ul>
      }
    />
  );
}

/** Enter in a one-line field submits, as in the console's quick dialogs; a text area keeps its newlines. */
const enterSubmits = (submit: () => void) => (e: KeyboardEvent) => {
  if (e.key === 'Enter' && !(e.target instanceof HTMLTextAreaElement) && !(e.target as HTMLElement).closest('.ant-picker, .ant-select')) {
    e.preventDefault();
    submit();
  }
};

function RecordModal<T extends object>(props: {
  title: string;
  okText: string;
  done: string;
  initial: T;
  save: (values: T) => Promise<RecordSaveResult>;
  onClose: () => void;
  children: React.ReactNode;
}) {
  const [form] = Form.useForm<T>();
  const { saving, submit } = useRecordForm(form, () => props.save(form.getFieldsValue(true) as T), props.done, props.onClose);
  return (
    <Modal open title={props.title} okText={props.okText} confirmLoading={saving} onOk={submit} onCancel={props.onClose} destroyOnHidden width={600}>
      <Form<T> form={form} layout="vertical" initialValues={props.initial} onKeyDown={enterSubmits(submit)}>
        {props.children}
      </Form>
    </Modal>
  );
}

/** A required field; its label is also its accessible name. */
function Field({ name, label, kind = 'text', autoFocus, placeholder }: { name: string; label: string; kind?: 'text' | 'area' | 'date'; autoFocus?: boolean; placeholder?: string }) {
  if (kind === 'date') {
    return (
      <Form.Item name={name} label={label} required {...dateField}>
        <DatePicker aria-label={label} />
      </Form.Item>
    );
  }
  return (
    <Form.Item name={name} label={label} required>
      {kind === 'area' ? (
        <Input.TextArea aria-label={label} autoSize={{ minRows: 3, maxRows: 8 }} />
      ) : (
        <Input aria-label={label} autoFocus={autoFocus} placeholder={placeholder} />
      )}
    </Form.Item>
  );
}

type Dialog = { kind: 'add' } | { kind: 'done'; task: AftercareTask } | { kind: 'settlement'; current?: SettlementRecord } | null;

export function CourtReportSection({ operation }: { operation: OperationSummary }) {
  const status = useCourtReportStatus(operation.id);
  const records = useLiveQuery(() => listAftercare(db, operation.id), [operation.id]);
  const groups = useLiveQuery(() => db.workingGroups.where('operationId').equals(operation.id).toArray(), [operation.id]);
  const actor = useActor(operation.id);
  const [dialog, setDialog] = useState<Dialog>(null);
  const close = () => setDialog(null);
  const tasks = sortedTasks(records ?? []);
  const settlement = records?.find((r): r is SettlementRecord => r.record === 'settlement');
  const groupName = new Map((groups ?? []).map((g) => [g.code as string, g.name]));
  const today = chinaDate(new Date());

  return (
    <Space orientation="vertical" style={{ width: '100%' }} size="middle">
      {status ? (
        <Descriptions bordered size="small" column={3} title="五日内书面报告法院" data-testid="court-report-deadline">
          <Descriptions.Item label="宣布执行完毕">{formatChineseDate(status.completedOn)}</Descriptions.Item>
          <Descriptions.Item label="报告期限">{formatChineseDate(status.deadline)}</Descriptions.Item>
          <Descriptions.Item label="状态">
            <Tag color={tagColor[status.level]}>{status.message}</Tag>
          </Descriptions.Item>
        </Descriptions>
      ) : (
        <Alert type="info" showIcon title="尚未宣布执行完毕：在“现场指挥”记录“宣布执行完毕”后，自次日起计算五日书面报告期限。" />
      )}
      <CourtReportDocuments operationId={operation.id} />
      <Card
        size="small"
        title="善后事项"
        extra={
          <Button type="primary" size="small" onClick={() => setDialog({ kind: 'add' })}>
            新增善后事项
          </Button>
        }
      >
        <Table<AftercareTask>
          size="small"
          rowKey="id"
          pagination={false}
          loading={records === undefined}
          dataSource={tasks}
          locale={{ emptyText: <Empty description="尚无善后事项（如住房安置、周转房水电、沟通渠道、回访）" /> }}
          columns={[
            { title: '类别', key: 'kind', width: 100, render: (_, t) => aftercareKinds[t.kind] },
            { title: '事项', dataIndex: 'title' },
            { title: '责任人', key: 'owner', width: 160, render: (_, t) => (t.groupId ? `${t.owner}（${groupName.get(t.groupId) ?? t.groupId}）` : t.owner) },
            {
              title: '期限',
              key: 'due',
              width: 110,
              render: (_, t) => (t.status === 'open' && t.dueOn < today ? <Typography.Text type="danger">{t.dueOn} 已超期</Typography.Text> : t.dueOn),
            },
            {
              title: '状态',
              key: 'status',
              width: 260,
              render: (_, t) =>
                t.status === 'done' ? (
                  <span>
                    <Tag color="green">已完成 {t.doneOn}</Tag>
                    {t.note}
                  </span>
                ) : (
                  <Space>
                    <Tag color="orange">未完成</Tag>
                    <Button size="small" onClick={() => setDialog({ kind: 'done', task: t })} aria-label={`标记完成：${t.title}`}>
                      标记完成
                    </Button>
                  </Space>
                ),
            },
          ]}
        />
      </Card>
      <Card
        size="small"
        title="执行和解协议"
        data-testid="settlement"
        extra={
          <Button size="small" onClick={() => setDialog({ kind: 'settlement', current: settlement })}>
            {settlement ? '修改' : '记录执行和解协议'}
          </Button>
        }
      >
        {settlement ? (
          <Descriptions size="small" column={1} styles={{ label: { width: 110 } }}>
            <Descriptions.Item label="达成日期">{formatChineseDate(settlement.reachedOn)}</Descriptions.Item>
            <Descriptions.Item label="协议各方">{settlement.parties}</Descriptions.Item>
            <Descriptions.Item label="主要内容">
              <span style={{ whiteSpace: 'pre-wrap' }}>{settlement.summary}</span>
            </Descriptions.Item>
          </Descriptions>
        ) : (
          <Typography.Text type="secondary">未达成执行和解协议。</Typography.Text>
        )}
      </Card>

      {dialog?.kind === 'add' && (
        <RecordModal<AftercareTaskInput>
          title="新增善后事项"
          okText="登记"
          done="已登记善后事项"
          initial={{ kind: 'housing', title: '', owner: '', groupId: '', dueOn: '' }}
          save={(v) => addAftercareTask(db, operation.id, actor, v)}
          onClose={close}
        >
          <Form.Item name="kind" label="类别">
            <Radio.Group aria-label="类别" options={Object.entries(aftercareKinds).map(([value, label]) => ({ value, label }))} />
          </Form.Item>
          <Field name="title" label="事项" autoFocus placeholder="如 周转房接通水电并交付钥匙" />
          <Space style={{ width: '100%' }} align="start">
            <Field name="owner" label="责任人" />
            <Form.Item name="groupId" label="责任小组">
              <Select
                aria-label="责任小组"
                style={{ width: 180 }}
                options={[{ value: '', label: '（不指定）' }, ...(groups ?? []).map((g) => ({ value: g.code as string, label: g.name }))]}
              />
            </Form.Item>
            <Field name="dueOn" label="完成期限" kind="date" />
          </Space>
        </RecordModal>
      )}
      {dialog?.kind === 'done' && (
        <RecordModal<TaskDoneInput>
          title={`善后事项完成：${dialog.task.title}`}
          okText="标记完成"
          done="已标记完成"
          initial={{ doneOn: today, note: '' }}
          save={(v) => completeAftercareTask(db, operation.id, actor, dialog.task.id, v)}
          onClose={close}
        >
          <Field name="doneOn" label="完成日期" kind="date" />
          <Field name="note" label="完成情况" autoFocus />
        </RecordModal>
      )}
      {dialog?.kind === 'settlement' && (
        <RecordModal<SettlementInput>
          title="执行和解协议"
          okText="保存"
          done="已记录执行和解协议"
          initial={dialog.current ? { reachedOn: dialog.current.reachedOn, parties: dialog.current.parties, summary: dialog.current.summary } : { reachedOn: today, parties: '', summary: '' }}
          save={(v) => saveSettlement(db, operation.id, actor, v)}
          onClose={close}
        >
          <Field name="reachedOn" label="达成日期" kind="date" />
          <Field name="parties" label="协议各方" autoFocus placeholder="如 申请执行人××区人民政府、被执行人张三" />
          <Field name="summary" label="协议主要内容" kind="area" />
        </RecordModal>
      )}
    </Space>
  );
}
