// DOM. Signing in and enrolling PINs, and the permission checks every act goes through. The
// PINs themselves are kept by the host (pins.ts): the page only asks whether a PIN is right,
// and enrolments are logged through the one write path (who enrolled or reset whose PIN,
// never the PIN or its hash).
import { decidePinEnrolment, enrolHint } from '../../../shared/operators/enrolment';
import { permission, type Action, type Actor, type Permission, type RoleContext } from '../../../shared/operators/permissions';
import { pinProblem } from '../../../shared/operators/pin';
import type { PinStore } from '../../../shared/operators/pinStore';
import type { ConsoleDb } from '../data/db';
import { commit } from '../record/commit';
import { errorText } from '../ui/errors';

export type SignInResult = { ok: true; actor: Actor } | { ok: false; message: string };

async function personOf(db: ConsoleDb, operationId: string, personId: string): Promise<Actor | string> {
  const person = await db.people.get(personId);
  if (!person || person.operationId !== operationId) return '此人已不在本行动名单中';
  return { personId, name: person.name };
}

/** Checks the PIN with the host; a wrong one is counted there, the fifth in a row locks the person out. */
export async function signIn(pins: PinStore, db: ConsoleDb, operationId: string, personId: string, pin: string): Promise<SignInResult> {
  const actor = await personOf(db, operationId, personId);
  if (typeof actor === 'string') return { ok: false, message: actor };
  if (!(await pins.enrolled(operationId)).includes(personId)) return { ok: false, message: enrolHint(actor.name) };
  const result = await pins.verify({ operationId, personId, pin });
  return result.ok ? { ok: true, actor } : result;
}

export interface Enrolment {
  operationId: string;
  personId: string;
  /** The new PIN, typed twice. */
  pin: string;
  repeat: string;
  /**
   * The signed-in commander confirming with their PIN (their own current PIN when they change
   * it); null only for the commander's own first PIN on this station.
   */
  authoriser: { actor: Actor; pin: string } | null;
}

/**
 * Enrols (or resets) a PIN: checked by the pure rule (decidePinEnrolment), stored by the host,
 * which also checks the confirming PIN, then logged. Resolves to the person whose PIN it is.
 */
export async function enrolPin(pins: PinStore, db: ConsoleDb, request: Enrolment): Promise<SignInResult> {
  const { operationId, personId, pin, repeat, authoriser } = request;
  const target = await personOf(db, operationId, personId);
  if (typeof target === 'string') return { ok: false, message: target };
  const problem = pinProblem(pin);
  if (problem) return { ok: false, message: problem };
  if (pin !== repeat) return { ok: false, message: '两次输入的 PIN 不一致，请重新输入' };
  const enrolled = await pins.enrolled(operationId);
  const decide = async () => decidePinEnrolment(await roleContext(db, operationId), enrolled, target, authoriser?.actor ?? null);
  try {
    await decide();
  } catch (e) {
    return { ok: false, message: errorText(e) };
  }
  const stored = await pins.enrol({
    operationId,
    personId,
    pin,
    authoriser: authoriser ? { personId: authoriser.actor.personId, pin: authoriser.pin } : null,
  });
  if (stored.status === 'refused') return { ok: false, message: stored.message };
  // The commander's own first PIN is the station's first act of sign-in: nobody is signed in to check it against.
  await commit(db, { operationId, actor: authoriser?.actor ?? target, action: authoriser ? { kind: 'enrolPin' } : 'bootstrap', build: decide });
  return { ok: true, actor: target };
}

/** The roles of an operation, as the permission function reads them. */
export async function roleContext(db: ConsoleDb, operationId: string): Promise<RoleContext> {
  const [operation, groups] = await Promise.all([db.operations.get(operationId), db.workingGroups.where('operationId').equals(operationId).toArray()]);
  return { onSiteCommanderId: operation?.onSiteCommanderId, deputyCommanderId: operation?.deputyCommanderId, groups };
}

export const NOT_SIGNED_IN = '请先登录：在本行动名单中选择本人并输入 PIN';
const notSignedIn: Permission = { ok: false, reason: NOT_SIGNED_IN };

export async function checkPermission(db: ConsoleDb, operationId: string, actor: Actor | undefined, action: Action): Promise<Permission> {
  if (!actor) return notSignedIn;
  return permission(actor, action, await roleContext(db, operationId));
}

/**
 * Refuses with the Chinese reason unless the actor may act. The one write path calls it before
 * every act, so a hidden button is never the only guard.
 */
export async function requirePermission(db: ConsoleDb, operationId: string, actor: Actor | undefined, action: Action): Promise<void> {
  const p = await checkPermission(db, operationId, actor, action);
  if (!p.ok) throw new Error(p.reason);
}
