// Pure. What the decide functions of the operation and its command post return, and how an
// edit is described in its log entry: the fields that changed, before and after, in short
// Chinese. Personal data (ID and phone numbers, health and care notes) never goes into the
// log: such a field is named as changed, its values are not written.

// An act decided (its outcome, the field messages, or nothing changed): one type for every capability.
export { decided, unchanged, type Decision } from '../record/decision';

export interface Field {
  label: string;
  /** The value as shown; '' when empty. */
  before: string;
  after: string;
  /** Personal data: named as changed, values kept out of the log. */
  personal?: boolean;
}

/** Stands for a personal value in before/after. */
export const WITHHELD = '（个人信息，不记入日志）';
const shown = (f: Field, v: string) => (f.personal ? WITHHELD : v || '（空）');

export interface ChangeSummary {
  /** The labels of the fields that changed, e.g. 职务、联系电话; '' when nothing changed. */
  changed: string;
  /** 职务：科员；联系电话：（个人信息，不记入日志） */
  before: string;
  after: string;
}

/** The fields whose value differs, summarised for the entry's text and its data.before/data.after. */
export function changeSummary(fields: readonly Field[]): ChangeSummary {
  const changed = fields.filter((f) => f.before !== f.after);
  const side = (pick: (f: Field) => string) => changed.map((f) => `${f.label}：${shown(f, pick(f))}`).join('；');
  return { changed: changed.map((f) => f.label).join('、'), before: side((f) => f.before), after: side((f) => f.after) };
}

/** A record described by its non-personal fields, e.g. for a deletion's data.before. */
export function recordSummary(fields: readonly Omit<Field, 'before'>[]): string {
  return fields
    .filter((f) => !f.personal && f.after)
    .map((f) => `${f.label}：${f.after}`)
    .join('；');
}

/**
 * The record without keys whose value is undefined: records travel in signed entries as
 * canonical JSON, where an undefined value has no form; an absent key means the same.
 */
export function compact<T extends object>(record: T): T {
  return Object.fromEntries(Object.entries(record).filter(([, v]) => v !== undefined)) as T;
}

/** Names joined for a log text: 李四、王五 (or 无). */
export const names = (list: readonly string[]): string => (list.length ? list.join('、') : '无');
