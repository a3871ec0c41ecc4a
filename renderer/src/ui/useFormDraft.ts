// DOM. Keeps what is typed into a record form as a draft in the database, so a reload or a
// crash loses nothing: restored when the form opens again, dropped once the record is saved.
import { useEffect, useState } from 'react';
import type { FormInstance } from 'antd';
import { db } from '../data/db';
import { clearDraft, readDraft, saveDraft } from '../data/drafts';

export interface FormDraft {
  /** True once a stored draft was put back into the form. */
  restored: boolean;
  /** Call on every change (the form's onValuesChange); pass the extra value when it just changed. */
  keep: (extraValue?: unknown) => void;
  /** Call after the record was saved. */
  clear: () => Promise<void>;
}

export function useFormDraft(form: FormInstance, key: string, extra?: { value: unknown; restore: (value: unknown) => void }): FormDraft {
  const [restored, setRestored] = useState(false);
  useEffect(() => {
    let live = true;
    readDraft(db, key).then(
      (draft) => {
        if (!live || !draft || typeof draft !== 'object') return;
        const { fields, extra: saved } = draft as { fields?: Record<string, unknown>; extra?: unknown };
        if (fields) form.setFieldsValue(fields);
        if (saved !== undefined) extra?.restore(saved);
        setRestored(true);
      },
      () => undefined,
    );
    return () => {
      live = false;
    };
    // Read once, when the form opens: `extra` changes on every render.
  }, [form, key]);
  const keep = (extraValue: unknown = extra?.value) =>
    void saveDraft(db, key, { fields: form.getFieldsValue(true), ...(extra ? { extra: extraValue } : {}) }).catch(() => undefined);
  return { restored, keep, clear: () => clearDraft(db, key) };
}
