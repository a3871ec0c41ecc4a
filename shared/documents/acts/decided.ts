// Pure. How a document act is decided: an outcome to commit, or the form's fields that are
// wrong (each with its Chinese message) so the dialog stays open with what was typed. A
// refusal that is not about a field (the document was issued meanwhile) is thrown instead.
import type { ActOutcome } from '../../record/act';
import type { FieldErrors } from '../../operation/newOperation';

export type Decided<R> = { ok: true; outcome: ActOutcome<R> } | { ok: false; errors: FieldErrors };

/** Thrown out of an act's `build` to refuse it for its fields; the caller turns it back into them. */
export class FieldsRefused extends Error {
  constructor(readonly errors: FieldErrors) {
    super(Object.values(errors)[0] ?? '内容不完整');
    this.name = 'FieldsRefused';
  }
}

/** The outcome, or the refusal thrown (a `build` returns an outcome or throws). */
export function outcomeOf<R>(decided: Decided<R>): ActOutcome<R> {
  if (!decided.ok) throw new FieldsRefused(decided.errors);
  return decided.outcome;
}
