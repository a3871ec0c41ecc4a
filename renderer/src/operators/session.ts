// DOM. Who is signed in to which operation, and whether their screen is locked. UI state
// in memory only: a reload asks for the PIN again (the route in the URL brings the person
// back to the same section, and drafts are in the database). Only the last person's id is
// kept in sessionStorage, to preselect them; it opens nothing by itself.
import { create } from 'zustand';
import type { Actor } from '../../../shared/operators/permissions';

interface Session {
  actor: Actor;
  locked: boolean;
}

interface SessionState {
  byOperation: Record<string, Session | undefined>;
  signIn: (operationId: string, actor: Actor) => void;
  lock: (operationId: string) => void;
  unlock: (operationId: string) => void;
  signOut: (operationId: string) => void;
}

const LAST_PERSON_KEY = 'operators.lastPerson';

export function lastPerson(operationId: string): string | undefined {
  try {
    return (JSON.parse(sessionStorage.getItem(LAST_PERSON_KEY) ?? '{}') as Record<string, string>)[operationId];
  } catch {
    return undefined;
  }
}

function rememberPerson(operationId: string, personId: string) {
  try {
    const all = JSON.parse(sessionStorage.getItem(LAST_PERSON_KEY) ?? '{}') as Record<string, string>;
    sessionStorage.setItem(LAST_PERSON_KEY, JSON.stringify({ ...all, [operationId]: personId }));
  } catch {
    // Only a convenience: without it the list is simply not preselected.
  }
}

export const useSession = create<SessionState>((set) => {
  const update = (operationId: string, f: (s: Session | undefined) => Session | undefined) =>
    set((s) => ({ byOperation: { ...s.byOperation, [operationId]: f(s.byOperation[operationId]) } }));
  return {
    byOperation: {},
    signIn: (operationId, actor) => {
      rememberPerson(operationId, actor.personId);
      update(operationId, () => ({ actor, locked: false }));
    },
    lock: (operationId) => update(operationId, (s) => s && { ...s, locked: true }),
    unlock: (operationId) => update(operationId, (s) => s && { ...s, locked: false }),
    signOut: (operationId) => update(operationId, () => undefined),
  };
});

/** The signed-in person of an operation, or undefined (not signed in, or an empty roster). */
export const useActor = (operationId: string): Actor | undefined => useSession((s) => s.byOperation[operationId]?.actor);
