// DOM. A dialog around a record form whose input is kept as a draft until it is saved: a
// reload or a crash loses nothing, a refusal keeps the dialog open with what was typed.
import type { ReactNode } from 'react';
import { Alert, Form, Modal, type FormInstance } from 'antd';
import { useFormDraft } from './useFormDraft';
import { useRecordForm, type RecordSaveResult } from './useRecordForm';

export interface DraftedDialogProps<T extends object> {
  title: string;
  /** Where the typed input is kept (drafts table). */
  draftKey: string;
  /** May leave out what has no sensible default (amounts): the user types it. */
  initialValues: object;
  save: (values: T) => Promise<RecordSaveResult>;
  /** Shown when saved. */
  done: string;
  okText?: string;
  width?: number;
  onClose: () => void;
  children: (form: FormInstance<T>) => ReactNode;
}

export function DraftedDialog<T extends object>({ title, draftKey, initialValues, save, done, okText = '保存', width = 860, onClose, children }: DraftedDialogProps<T>) {
  const [form] = Form.useForm<T>();
  const draft = useFormDraft(form, draftKey);
  const { saving, submit } = useRecordForm(
    form,
    async () => {
      const result = await save(form.getFieldsValue(true) as T);
      if (result.ok) await draft.clear();
      return result;
    },
    done,
    onClose,
  );
  return (
    <Modal open title={title} width={width} onCancel={onClose} onOk={submit} okText={okText} cancelText="取消（已填写的内容保留为草稿）" okButtonProps={{ loading: saving }} destroyOnHidden>
      {draft.restored && <Alert type="info" showIcon style={{ marginBottom: 12 }} title="已恢复上次未保存的填写内容" />}
      <Form<T> form={form} layout="vertical" size="small" initialValues={initialValues} onValuesChange={() => draft.keep()}>
        {children(form)}
      </Form>
    </Modal>
  );
}
