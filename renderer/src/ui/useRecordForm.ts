// DOM. The save step every record form shares: run the save, show field errors on the
// form (keeping what was typed), or confirm and close.
import { useState } from 'react';
import { App, type FormInstance } from 'antd';
import { errorText } from './errors';
import { showFieldErrors } from './formErrors';

export type RecordSaveResult = { ok: true } | { ok: false; errors: Record<string, string> };

export function useRecordForm(form: FormInstance, save: () => Promise<RecordSaveResult>, done: string, onClose: () => void) {
  const { message } = App.useApp();
  const [saving, setSaving] = useState(false);
  const submit = async () => {
    setSaving(true);
    try {
      const result = await save();
      if (!result.ok) {
        showFieldErrors(form, result.errors);
        message.error('内容不完整，已填写的内容均已保留');
        return;
      }
      message.success(done);
      onClose();
    } catch (e) {
      message.error(errorText(e));
    } finally {
      setSaving(false);
    }
  };
  return { saving, submit };
}
