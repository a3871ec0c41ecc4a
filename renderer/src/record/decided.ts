// DOM. commit() for acts decided from a form (shared/record/decision.ts): field messages come
// back to the form instead of being thrown, and an edit that changes nothing writes nothing.
// The decision is still taken inside commit's build step, with the operation held.
import type { LogEntry } from '../../../shared/log/types';
import type { Decision, FieldErrors } from '../../../shared/record/decision';
import type { ConsoleDb } from '../data/db';
import { commit, type ActRequest } from './commit';

export type Saved<R> = { ok: true; result: R; entry?: LogEntry } | { ok: false; errors: FieldErrors };

export interface DecisionRequest<R> extends Omit<ActRequest<R>, 'build'> {
  decide: (db: ConsoleDb) => Promise<Decision<R>>;
}

/** Carries a decision that writes nothing out of commit(), which only stores what its build returns. */
class NothingStored<R> extends Error {
  constructor(readonly saved: Saved<R>) {
    super('nothing to store');
  }
}

export async function commitDecision<R>(db: ConsoleDb, { decide, ...request }: DecisionRequest<R>): Promise<Saved<R>> {
  try {
    const { entry, result } = await commit(db, {
      ...request,
      build: async (read) => {
        const decision = await decide(read);
        if (!decision.ok) throw new NothingStored<R>(decision);
        if (!decision.outcome) throw new NothingStored<R>({ ok: true, result: decision.result });
        return decision.outcome;
      },
    });
    return { ok: true, result, entry };
  } catch (e) {
    if (e instanceof NothingStored) return e.saved as Saved<R>;
    throw e;
  }
}
