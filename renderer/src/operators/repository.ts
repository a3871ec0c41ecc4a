// DOM. Signing in: setting a PIN on first use, checking it, counting wrong tries. The slow
// hash runs outside any transaction (a Dexie transaction would commit while it waits);
// the attempt counters are then updated in a transaction of their own.
import { chinaInstant } from '../../../shared/calendar/chinaTime';
import { permission, type Action, type Actor, type Permission, type RoleContext } from '../../../shared/operators/permissions';
import { afterFailure, failureMessage, hashPin, lockoutMessage, pinHashOutdated, pinProblem, verifyPin } from '../../../shared/operators/pin';
import type { ConsoleDb, OperatorRecord } from '../data/db';

export function getOperatorRecord(db: ConsoleDb, operationId: string, personId: string): Promise<OperatorRecord | undefined> {
  return db.operators.get([operationId, personId]);
}

export type SignInResult = { ok: true; actor: Actor } | { ok: false; message: string };

async function personOf(db: ConsoleDb, operationId: string, personId: string): Promise<Actor | string> {
  const person = await db.people.get(personId);
  if (!person || person.operationId !== operationId) return '此人已不在本行动名单中';
  return { personId, name: person.name };
}

/** First use: the PIN twice. Refused if the person already has one (it is then entered, not set). */
export async function setPin(db: ConsoleDb, operationId: string, personId: string, pin: string, repeat: string): Promise<SignInResult> {
  const actor = await personOf(db, operationId, personId);
  if (typeof actor === 'string') return { ok: false, message: actor };
  const problem = pinProblem(pin);
  if (problem) return { ok: false, message: problem };
  if (pin !== repeat) return { ok: false, message: '两次输入的 PIN 不一致，请重新输入' };
  const hashed = await hashPin(pin);
  return db.transaction('rw', db.operators, async () => {
    if (await getOperatorRecord(db, operationId, personId)) return { ok: false as const, message: `${actor.name}已设置过 PIN，请直接输入 PIN 登录` };
    await db.operators.add({ operationId, personId, pin: hashed, createdAt: chinaInstant(new Date()), failedAttempts: 0 });
    return { ok: true as const, actor };
  });
}

/** Checks the PIN; a wrong one is counted, the fifth in a row locks the person out. */
export async function signIn(db: ConsoleDb, operationId: string, personId: string, pin: string, now = Date.now()): Promise<SignInResult> {
  const actor = await personOf(db, operationId, personId);
  if (typeof actor === 'string') return { ok: false, message: actor };
  const record = await getOperatorRecord(db, operationId, personId);
  if (!record) return { ok: false, message: `${actor.name}尚未设置 PIN，请先设置` };
  const locked = lockoutMessage(record, now);
  if (locked) return { ok: false, message: locked };
  const right = await verifyPin(pin, record.pin);
  const rehashed = right && pinHashOutdated(record.pin) ? await hashPin(pin) : undefined;
  return db.transaction('rw', db.operators, async () => {
    // Re-read: another window may have counted a try meanwhile.
    const current = (await getOperatorRecord(db, operationId, personId)) ?? record;
    if (!right) {
      const next = afterFailure(current, now);
      await db.operators.put({ ...current, failedAttempts: next.failedAttempts, lockedUntil: next.lockedUntil });
      return { ok: false as const, message: failureMessage(next, now) };
    }
    await db.operators.put({ ...current, pin: rehashed ?? current.pin, failedAttempts: 0, lockedUntil: undefined });
    return { ok: true as const, actor };
  });
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
 * Refuses with the Chinese reason unless the actor may act. Repositories call it before
 * their write, so a hidden button is never the only guard.
 */
export async function requirePermission(db: ConsoleDb, operationId: string, actor: Actor | undefined, action: Action): Promise<void> {
  const p = await checkPermission(db, operationId, actor, action);
  if (!p.ok) throw new Error(p.reason);
}
