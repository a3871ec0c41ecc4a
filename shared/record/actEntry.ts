// Pure. An act's outcome as the input of a signed format-2 entry: its entry checked (the one
// write path's rules), its record changes carried in the entry (bytes as files named by their
// SHA-256), the data classes they touch. The app's write path (renderer/src/record/commit.ts)
// and the demo (shared/demo) make their entries with it, so both sign the same shape.
import { checkActEntry, type ActEntry } from '../log/append';
import { stationRefs } from '../log/view';
import { declaredClasses, externaliseAct } from '../stations/acts';
import type { EntryInput } from '../stations/entry';
import type { FileRef } from '../stations/types';
import type { EntryContent, RecordChange } from './act';

export interface ActEntryInput {
  /** The entry checked and normalised, as the app shows it. */
  content: ActEntry;
  input: Omit<EntryInput, 'files'>;
  /** The files the act's records hold (PDFs, photos), by name, and their bytes. */
  files: readonly FileRef[];
  bytes: ReadonlyMap<string, Uint8Array>;
}

/**
 * `kind` is the act's permission kind ('issueDocument', 'log'…, or 'bootstrap'); `operator` the
 * signed-in person. Throws LogInputError when the entry breaks the log's rules.
 */
export function actEntryInput(kind: string, operator: { personId: string; name: string }, entry: EntryContent, changes: readonly RecordChange[]): ActEntryInput {
  const content = checkActEntry({
    operator: operator.name,
    group: entry.group ?? '',
    category: entry.category,
    text: entry.text,
    ...(entry.refs ? { refs: entry.refs } : {}),
    ...(entry.data ? { data: entry.data } : {}),
    ...(entry.occurredAt ? { occurredAt: entry.occurredAt } : {}),
  });
  const { act, files, bytes } = externaliseAct(kind, changes);
  const classes = declaredClasses(changes);
  const input: Omit<EntryInput, 'files'> = {
    operator: { personId: operator.personId, name: content.operator },
    group: content.group,
    category: content.category,
    text: content.text,
    refs: stationRefs(content.refs),
    ...(content.data ? { data: content.data } : {}),
    ...(content.occurredAt ? { occurredAt: content.occurredAt } : {}),
    ...(act.changes.length ? { act } : {}),
    ...(classes.length ? { classes } : {}),
  };
  return { content, input, files, bytes };
}
