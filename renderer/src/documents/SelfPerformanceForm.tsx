// DOM. 被执行人已自行履行: ends the operation on stop ground 1 (no resumption).
import { Alert, DatePicker, Form, Input, Modal } from 'antd';
import type { SelfPerformanceInput } from '../../../shared/documents/records';

/** What is typed; the 记录人 is the signed-in person. */
type SelfPerformanceValues = Omit<SelfPerformanceInput, 'recordedBy'>;
import { db } from '../data/db';
import { dateField } from '../ui/dateFields';
import { useRecordForm } from '../ui/useRecordForm';
import { useActor } from '../operators/session';
import { recordSelfPerformance } from './repository';

export function SelfPerformanceForm({ operationId, onClose }: { operationId: string; onClose: () => void }) {
  const [form] = Form.useForm<SelfPerformanceValues>();
  const actor = useActor(operationId);
  const { saving, submit: save } = useRecordForm(
    form,
    () => recordSelfPerformance(db, operationId, form.getFieldsValue(true), actor),
    '已记录：被执行人已自行履行，本行动终止',
    onClose,
  );
  return (
    <Modal open title="记录被执行人已自行履行" onCancel={onClose} onOk={save} okText="记录并终止行动" okButtonProps={{ danger: true, loading: saving }} cancelText="取消" destroyOnHidden>
      <Alert
        type="warning"
        showIcon
        style={{ marginBottom: 12 }}
        title="强制执行实施前被执行人已自行履行义务的，应当停止强制执行，且不再恢复（停止情形一）。记录后本行动即终止。"
      />
      <Form<SelfPerformanceValues> form={form} layout="vertical" initialValues={{ occurredOn: '', note: '' }}>
        <Form.Item name="occurredOn" label="自行履行日期" {...dateField}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="note" label="情况说明">
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} placeholder="如：被执行人已于当日搬离，交付房屋钥匙，经现场核实" />
        </Form.Item>
        <Form.Item label="记录人">{actor?.name ?? '未登录'}</Form.Item>
      </Form>
    </Modal>
  );
}
