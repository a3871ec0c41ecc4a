// DOM. 证据移交: who handed the original to whom and when; logged, and the register's
// holder changes in the same transaction.
import { AutoComplete, DatePicker, Form, Input, Modal } from 'antd';
import { chinaInstant } from '../../../shared/calendar/chinaTime';
import { mediaLabel, type CustodyTransferInput } from '../../../shared/evidence/media';
import type { MediaRecord } from '../../../shared/evidence/types';
import { db } from '../data/db';
import { chinaInstantField } from '../ui/dateFields';
import { useRecordForm } from '../ui/useRecordForm';
import { useActor } from '../operators/session';
import { transferCustody } from './repository';
import { usePeopleAndGroups } from './usePeopleAndGroups';

export function CustodyDialog({ record, onClose }: { record: MediaRecord; onClose: () => void }) {
  const [form] = Form.useForm<CustodyTransferInput>();
  const { nameOptions } = usePeopleAndGroups(record.operationId);
  const actor = useActor(record.operationId);
  const { saving, submit } = useRecordForm(
    form,
    () => transferCustody(db, record.id, form.getFieldsValue(true), actor),
    '已记录移交',
    onClose,
  );
  const initialValues: CustodyTransferInput = {
    from: record.custodian,
    to: '',
    at: `${chinaInstant(new Date()).slice(0, 16)}:00+08:00`,
    note: '',
  };
  return (
    <Modal open title={`移交：${mediaLabel(record)}`} onCancel={onClose} onOk={submit} okText="记录移交" cancelText="取消" okButtonProps={{ loading: saving }} maskClosable={false} destroyOnHidden>
      <Form<CustodyTransferInput> form={form} layout="vertical" size="small" initialValues={initialValues} onFinish={submit}>
        <Form.Item name="from" label="移交人">
          <AutoComplete options={nameOptions} filterOption />
        </Form.Item>
        <Form.Item name="to" label="接收人">
          <AutoComplete options={nameOptions} filterOption autoFocus />
        </Form.Item>
        <Form.Item name="at" label="移交时间" {...chinaInstantField}>
          <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="note" label="备注">
          <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} placeholder="如：装入证据袋 E-03，封存" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
