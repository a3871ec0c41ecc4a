// DOM. The footage register: reads, and its three acts (registration, custody transfer,
// re-verification), each decided by shared/evidence/acts.ts and stored with its log entry
// through the one write path, so the register and the log never disagree.
import { decideCustodyTransfer, decideRegistration, decideVerification } from '../../../shared/evidence/acts';
import type { CustodyTransferInput, FieldErrors, MediaFileFacts, MediaInput } from '../../../shared/evidence/media';
import type { MediaRecord, VerificationResult } from '../../../shared/evidence/types';
import type { Action, Actor } from '../../../shared/operators/permissions';
import type { ConsoleDb } from '../data/db';
import { commit } from '../record/commit';
import { commitDecision, type Saved } from '../record/decided';

export type SaveResult = { ok: true; id: string } | { ok: false; errors: FieldErrors };

export async function listMedia(db: ConsoleDb, operationId: string): Promise<MediaRecord[]> {
  return db.media.where('operationId').equals(operationId).sortBy('startedAt');
}

/** Records of the same content (same SHA-256), in any operation: registering twice is allowed but flagged. */
export async function findSameContent(db: ConsoleDb, sha256: string): Promise<MediaRecord[]> {
  return db.media.where('sha256').equals(sha256).toArray();
}

async function getMedia(db: ConsoleDb, id: string): Promise<MediaRecord> {
  const record = await db.media.get(id);
  if (!record) throw new Error('找不到该音像资料，可能已被其他窗口更改，请刷新');
  return record;
}

const saveResult = (saved: Saved<string>): SaveResult => (saved.ok ? { ok: true, id: saved.result } : saved);

/**
 * Anyone signed in records a transfer or a re-verification (the holder of the original may be
 * of any group); the entry names them, and who handed over, received or re-verified.
 */
const recordedBySignedIn: Action = { kind: 'log', group: '' };

/** Registers a file as the signed-in person (the 登记人), who must be of the evidence group or the command. */
export async function registerMedia(
  db: ConsoleDb,
  operationId: string,
  input: MediaInput,
  facts: Partial<MediaFileFacts>,
  registrar: Actor | undefined,
): Promise<SaveResult> {
  const id = crypto.randomUUID();
  const saved = await commitDecision(db, {
    operationId,
    actor: registrar,
    action: { kind: 'registerMedia' },
    decide: async (read) => {
      const groups = await read.workingGroups.where('operationId').equals(operationId).toArray();
      return decideRegistration({ operationId, id, input, facts, registrar: registrar!.name, groups }, new Date());
    },
  });
  return saveResult(saved);
}

/** Hands the original to someone else: the log entry is the transfer; the record keeps who holds it now. */
export async function transferCustody(db: ConsoleDb, mediaId: string, input: CustodyTransferInput, actor: Actor | undefined): Promise<SaveResult> {
  const { operationId } = await getMedia(db, mediaId);
  const saved = await commitDecision(db, {
    operationId,
    actor,
    action: recordedBySignedIn,
    decide: async (read) => decideCustodyTransfer(await getMedia(read, mediaId), input, new Date()),
  });
  return saveResult(saved);
}

/** Logs the comparison of a re-picked file's hash with the registered one; a mismatch is logged too. */
export async function recordVerification(db: ConsoleDb, mediaId: string, by: string, sha256: string, actor: Actor | undefined): Promise<VerificationResult> {
  const { operationId } = await getMedia(db, mediaId);
  const { result } = await commit(db, {
    operationId,
    actor,
    action: recordedBySignedIn,
    build: async (read) => decideVerification(await getMedia(read, mediaId), by, sha256, new Date()),
  });
  return result;
}
