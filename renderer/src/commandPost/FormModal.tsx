// DOM. The one dialog every command post form uses: opens with the cursor in the first
// field, Enter saves, a refused save keeps the dialog open with every typed value and
// puts each message beside its field.
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { App, Form, Modal } from 'antd';
import type { FormInstance } from 'antd';
import type { FieldErrors } from '../../../shared/operation/newOperation';
import { errorText } from '../ui/errors';
import type { SaveResult } from './repository';

type Path = (string | number)[];

/** Dotted paths of the leaves of a changed-values object ({ assessment: { health } } → assessment.health). */
function leafPaths(value: unknown, prefix: Path = []): Path[] {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return [prefix];
  return Object.entries(value).flatMap(([k, v]) => leafPaths(v, [...prefix, k]));
}

/**
 * Puts each message on the closest field the form has ("vulnerabilities.0" → the
 * vulnerabilities checkboxes); returns the messages no field can show.
 */
function showErrors(form: FormInstance, errors: FieldErrors): string[] {
  const fields = form.getFieldsError().map((f) => f.name);
  const unplaced: string[] = [];
  const placed = Object.entries(errors).flatMap(([key, message]) => {
    const parts = key.split('.');
    const name = fields
      .filter((f) => f.length <= parts.length && f.every((p, i) => String(p) === parts[i]))
      .sort((a, b) => b.length - a.length)[0];
    if (!name) unplaced.push(message);
    return name ? [{ name, errors: [message] }] : [];
  });
  form.setFields(placed);
  const first = placed[0];
  if (first) form.focusField(first.name);
  return unplaced;
}

export interface FormModalProps<T> {
  title: string;
  initialValues: T;
  /** Validates and stores; field messages come back when the input is refused. */
  onSave: (values: T) => Promise<SaveResult>;
  onSaved?: (id: string) => void;
  onClose: () => void;
  width?: number;
  okText?: string;
  children: ReactNode;
}

/** Mount it to open it and unmount it to close it, so each opening starts from `initialValues`. */
export function FormModal<T extends object>({
  title,
  initialValues,
  onSave,
  onSaved,
  onClose,
  width = 560,
  okText = '保存',
  children,
}: FormModalProps<T>) {
  const [form] = Form.useForm();
  const { message } = App.useApp();
  const [saving, setSaving] = useState(false);
  const body = useRef<HTMLDivElement>(null);

  // At once, not after the opening animation: what is typed right away must land in the first field.
  useEffect(() => {
    const frame = requestAnimationFrame(() =>
      body.current?.querySelector<HTMLElement>('input:not([type="hidden"]), textarea')?.focus(),
    );
    return () => cancelAnimationFrame(frame);
  }, []);

  const submit = async () => {
    setSaving(true);
    try {
      const result = await onSave(form.getFieldsValue(true) as T);
      if (result.ok) {
        onSaved?.(result.id);
        onClose();
        return;
      }
      for (const text of showErrors(form, result.errors)) message.error(text);
    } catch (e) {
      message.error(`保存失败：${errorText(e)}（填写的内容仍在对话框中）`);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open
      title={title}
      width={width}
      okText={okText}
      cancelText="取消"
      onCancel={onClose}
      okButtonProps={{ htmlType: 'submit', loading: saving }}
      maskClosable={false}
      modalRender={(dialog) => (
        <Form<T>
          form={form}
          layout="vertical"
          initialValues={initialValues}
          onFinish={submit}
          // A message stays beside its field until that field is changed.
          onValuesChange={(changed) => form.setFields(leafPaths(changed).map((name) => ({ name, errors: [] })))}
        >
          {dialog}
        </Form>
      )}
    >
      <div ref={body}>{children}</div>
    </Modal>
  );
}
