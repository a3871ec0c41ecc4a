// DOM. 突发事件 and 舆情 forms; each saves one log entry.
import { DatePicker, Form, Input, Modal, Radio } from 'antd';
import { incidentSeverities, type IncidentInput, type PublicOpinionInput } from '../../../shared/onSite/reports';
import { db } from '../data/db';
import { chinaInstantField } from '../ui/dateFields';
import { useRecordForm } from '../ui/useRecordForm';
import { recordIncident, recordPublicOpinion, type Recorder } from './repository';

type IncidentValues = IncidentInput & { occurredAt: string };

export function IncidentModal({ who, onClose }: { who: Recorder; onClose: () => void }) {
  const [form] = Form.useForm<IncidentValues>();
  const { saving, submit } = useRecordForm(
    form,
    () => {
      const { occurredAt, ...input } = form.getFieldsValue(true) as IncidentValues;
      return recordIncident(db, who, input, occurredAt || undefined);
    },
    '已记录突发事件',
    onClose,
  );
  return (
    <Modal open title="突发事件" okText="记录" confirmLoading={saving} onOk={submit} onCancel={onClose} destroyOnHidden width={640}>
      <Form<IncidentValues>
        form={form}
        layout="vertical"
        initialValues={{ severity: 'general', summary: '', involved: '', handling: '', reportedTo: '', reportedAt: '', occurredAt: '' }}
      >
        <Form.Item name="severity" label="事件等级（永州联动机制 §五（三））">
          <Radio.Group
            aria-label="事件等级"
            options={Object.entries(incidentSeverities).map(([value, s]) => ({ value, label: `${s.label}事件（${s.handledBy}）` }))}
            style={{ display: 'flex', flexDirection: 'column' }}
          />
        </Form.Item>
        <Form.Item name="occurredAt" label="发生时间（不填即为现在）" {...chinaInstantField}>
          <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" aria-label="发生时间" />
        </Form.Item>
        <Form.Item name="summary" label="事件经过" required>
          <Input.TextArea aria-label="事件经过" autoSize={{ minRows: 2, maxRows: 5 }} />
        </Form.Item>
        <Form.Item name="involved" label="涉及人员">
          <Input aria-label="涉及人员" />
        </Form.Item>
        <Form.Item name="handling" label="处置情况" required>
          <Input.TextArea aria-label="处置情况" autoSize={{ minRows: 2, maxRows: 5 }} />
        </Form.Item>
        <Form.Item name="reportedTo" label="报告对象（较大、重大事件必填）">
          <Input aria-label="报告对象" placeholder="如 协调领导小组办公室" />
        </Form.Item>
        <Form.Item name="reportedAt" label="报告时间" {...chinaInstantField}>
          <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" aria-label="报告时间" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function PublicOpinionModal({ who, onClose }: { who: Recorder; onClose: () => void }) {
  const [form] = Form.useForm<PublicOpinionInput>();
  const { saving, submit } = useRecordForm(
    form,
    () => recordPublicOpinion(db, { ...who, group: who.group || 'publicOpinion' }, form.getFieldsValue(true)),
    '已记录舆情及统一回应口径',
    onClose,
  );
  return (
    <Modal open title="舆情" okText="记录" confirmLoading={saving} onOk={submit} onCancel={onClose} destroyOnHidden width={640}>
      <Form<PublicOpinionInput> form={form} layout="vertical" initialValues={{ source: '', content: '', response: '' }}>
        <Form.Item name="source" label="来源" required>
          <Input aria-label="舆情来源" placeholder="如 本地微信群、短视频平台、现场围观群众" />
        </Form.Item>
        <Form.Item name="content" label="舆情内容" required>
          <Input.TextArea aria-label="舆情内容" autoSize={{ minRows: 2, maxRows: 5 }} />
        </Form.Item>
        <Form.Item name="response" label="统一回应口径" required>
          <Input.TextArea aria-label="统一回应口径" autoSize={{ minRows: 2, maxRows: 6 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
