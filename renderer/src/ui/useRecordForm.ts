// DOM. The save step every record form and quick dialog shares: run the act, confirm and
// close, or show why it failed and keep the dialog open with what was typed.
import { useState } from 'react';
import { App, type FormInstance } from 'antd';
import { errorText } from './errors';
import { showFieldErrors } from './formErrors';

export type RecordSaveResult = { ok: true } | { ok: false; errors: Record<string, string> };

/**
 * Runs one act at a time: a thrown error is shown in Chinese and the dialog stays; an act
 * that resolves to `false` has already explained itself and also keeps the dialog.
 */
export function useAct(onClose: () => void) {
  const { message } = App.useApp();
  const [saving, setSaving] = useState(false);
  const run = async (act: () => Promise<unknown>, done: string) => {
    if (saving) return;
    setSaving(true);
    try {
      if ((await act()) === false) return;
      message.success(done);
      onClose();
    } catch (e) {
      message.error(errorText(e));
    } finally {
      setSaving(false);
    }
  };
  return { saving, run };
}

export function useRecordForm(form: FormInstance, save: () => Promise<RecordSaveResult>, done: string, onClose: () => void) {
  const { message } = App.useApp();
  const { saving, run } = useAct(onClose);
  const submit = () =>
    run(async () => {
      const result = await save();
      if (result.ok) return true;
      showFieldErrors(form, result.errors);
      message.error('内容不完整，已填写的内容均已保留');
      return false;
    }, done);
  return { saving, submit };
}
