// Pure. What deciding an act from a form yields: the act, the messages that refuse it field by
// field (shown beside the fields, nothing written), or nothing to record because the records
// already say what was entered (no entry is made for an edit that changes nothing).
// Refusals of the act itself (a gate, the state of the day) are thrown as an Error, as commit()
// expects of its build step.
import type { ActOutcome } from './act';

export type FieldErrors = Record<string, string>;

export type Decision<R = string> =
  | { ok: true; outcome: ActOutcome<R> }
  | { ok: true; outcome: null; result: R }
  | { ok: false; errors: FieldErrors };

export const decided = <R>(outcome: ActOutcome<R>): Decision<R> => ({ ok: true, outcome });
export const unchanged = <R>(result: R): Decision<R> => ({ ok: true, outcome: null, result });
export const refused = <R = never>(errors: FieldErrors): Decision<R> => ({ ok: false, errors });
