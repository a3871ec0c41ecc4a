// DOM. How the operation's and the command post's acts reach the one write path (a decision
// answered with field messages or "nothing changed" writes nothing: renderer/src/record/decided.ts).
// Before the operation has a commander (setting it up: nobody can sign in yet, since PINs are
// enrolled by the commander), its acts are the station's own ('bootstrap'), and the act checks
// under the operation's lock that this is still so.
import type { FieldErrors } from '../../../shared/operation/newOperation';
import type { Decision } from '../../../shared/operation/decision';
import type { Action, Actor } from '../../../shared/operators/permissions';
import type { ActOutcome } from '../../../shared/record/act';
import type { ConsoleDb } from '../data/db';
import { commit } from '../record/commit';
import { commitDecision as commitFormDecision } from '../record/decided';

export type Decided<R> = { ok: true; result: R } | { ok: false; errors: FieldErrors };

export const SETUP_OVER = '本行动已指定现场执行指挥：请登录后再办理';

/** The permission an act needs: the action, or the station's own while the operation is being set up. */
export async function setupOr(db: ConsoleDb, operationId: string, action: Action): Promise<Action | 'bootstrap'> {
  const operation = await db.operations.get(operationId);
  if (!operation) throw new Error('找不到该行动，可能已被删除');
  return operation.onSiteCommanderId ? action : 'bootstrap';
}

/** Refuses a setup act once a commander has been designated meanwhile (another window). */
async function stillSetup(db: ConsoleDb, operationId: string, permission: Action | 'bootstrap'): Promise<void> {
  if (permission === 'bootstrap' && (await db.operations.get(operationId))?.onSiteCommanderId) throw new Error(SETUP_OVER);
}

/** Commits an act that is decided whole or refused (deletions, imports). */
export async function commitAct<R>(
  db: ConsoleDb,
  request: { operationId: string; actor: Actor | undefined; action: Action; decide: (db: ConsoleDb) => Promise<ActOutcome<R>> },
): Promise<R> {
  const { operationId, actor, decide } = request;
  const action = await setupOr(db, operationId, request.action);
  const { result } = await commit(db, {
    operationId,
    actor,
    action,
    build: async (db) => {
      await stillSetup(db, operationId, action);
      return decide(db);
    },
  });
  return result;
}

/** Commits a decision, or returns its field messages / unchanged result without writing. */
export async function commitDecision<R>(
  db: ConsoleDb,
  request: { operationId: string; actor: Actor | undefined; action: Action; decide: (db: ConsoleDb) => Promise<Decision<R>> },
): Promise<Decided<R>> {
  const { operationId, actor } = request;
  const action = await setupOr(db, operationId, request.action);
  const saved = await commitFormDecision(db, {
    operationId,
    actor,
    action,
    decide: async (db) => {
      await stillSetup(db, operationId, action);
      return request.decide(db);
    },
  });
  return saved.ok ? { ok: true, result: saved.result } : saved;
}
