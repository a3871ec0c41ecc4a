// DOM. Form adapters for antd's date and time pickers: values live in forms, drafts and
// records as plain strings, never as Dayjs objects, so they store and compare cleanly.
import dayjs, { type Dayjs } from 'dayjs';

/** YYYY-MM-DD */
export const dateField = {
  getValueProps: (v: string) => ({ value: v ? dayjs(v) : null }),
  normalize: (d: Dayjs | null) => (d ? d.format('YYYY-MM-DD') : ''),
};

/** HH:mm */
export const clockField = {
  getValueProps: (v: string) => ({ value: v ? dayjs(`2000-01-01T${v}`) : null }),
  normalize: (d: Dayjs | null) => (d ? d.format('HH:mm') : ''),
};

/** An instant entered as Beijing wall-clock time and stored with +08:00, whatever the PC's zone. */
export const chinaInstantField = {
  getValueProps: (v: string) => ({ value: v ? dayjs(v.slice(0, 16)) : null }),
  normalize: (d: Dayjs | null) => (d ? `${d.format('YYYY-MM-DDTHH:mm')}:00+08:00` : ''),
};
