// DOM. Shows the shared validation's messages ("subjects.0.name" → message) on an antd form.
import type { FormInstance } from 'antd';

const namePath = (key: string) => key.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p));

export function showFieldErrors(form: FormInstance, errors: Record<string, string>): void {
  form.setFields(Object.entries(errors).map(([key, message]) => ({ name: namePath(key), errors: [message] })));
  const first = Object.keys(errors)[0];
  if (first) form.scrollToField(namePath(first));
}
