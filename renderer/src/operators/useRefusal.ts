// DOM. What the signed-in person may not do here, and why: the same permission function the
// repositories enforce, so a disabled button's tooltip says what an attempt would say.
import { useLiveQuery } from 'dexie-react-hooks';
import { permission, type Action, type Actor } from '../../../shared/operators/permissions';
import { db } from '../data/db';
import { NOT_SIGNED_IN, roleContext } from './repository';
import { useActor } from './session';

/** The signed-in actor, and a function giving the refusal of an action (null when allowed). */
export function useRefusal(operationId: string): { actor: Actor | undefined; refusal: (action: Action) => string | null } {
  const actor = useActor(operationId);
  const ctx = useLiveQuery(() => roleContext(db, operationId), [operationId]);
  const refusal = (action: Action) => {
    if (!actor) return NOT_SIGNED_IN;
    if (!ctx) return '正在读取人员分工…';
    const p = permission(actor, action, ctx);
    return p.ok ? null : p.reason;
  };
  return { actor, refusal };
}
