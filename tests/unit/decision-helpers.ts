// Test helper: the outcome of a decision that must have one (the test fails, showing the decision, otherwise).
import type { ActOutcome } from '../../shared/record/act';
import type { Decision } from '../../shared/record/decision';

export function acted<R>(d: Decision<R>): ActOutcome<R> {
  if (!d.ok || !d.outcome) throw new Error(`expected an act, got ${JSON.stringify(d)}`);
  return d.outcome;
}
