// DOM. Storing the footage register: each registration, custody transfer and re-verification
// is written together with its log entry in one transaction, so the register and the
// hash-chained log never disagree.
import { chinaInstant } from '../../../shared/calendar/chinaTime';
import {
  checkCustodyTransfer,
  checkMediaRegistration,
  custodyLogText,
  registrationLogText,
  verificationLogText,
  verificationResult,
  type CustodyTransferInput,
  type FieldErrors,
  type MediaFileFacts,
  type MediaInput,
} from '../../../shared/evidence/media';
import type { MediaRecord, VerificationResult } from '../../../shared/evidence/types';
import type { ConsoleDb } from '../data/db';
import { appendLog } from '../log/repository';
import { NOT_SIGNED_IN, requirePermission } from '../operators/repository';
import type { Actor } from '../../../shared/operators/permissions';

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

/** Registers a file as the signed-in person (the 登记人), who must be of the evidence group or the command. */
export async function registerMedia(
  db: ConsoleDb,
  operationId: string,
  input: MediaInput,
  facts: Partial<MediaFileFacts>,
  registrar: Actor | undefined,
): Promise<SaveResult> {
  await requirePermission(db, operationId, registrar, { kind: 'registerMedia' });
  const now = new Date();
  const checked = checkMediaRegistration({ ...input, registeredBy: registrar!.name }, facts, { id: crypto.randomUUID(), operationId }, now, chinaInstant(now));
  if (!checked.ok) return checked;
  const record = checked.value;
  await db.transaction('rw', db.media, db.workingGroups, db.logEntries, async () => {
    const group = record.groupId ? await db.workingGroups.get(record.groupId) : undefined;
    await db.media.add(record);
    await appendLog(db, {
      operationId,
      operator: record.registeredBy,
      group: group?.code ?? '',
      category: 'mediaRegister',
      text: registrationLogText(record),
      refs: { media: [record.id] },
      data: { sha256: record.sha256, size: record.size },
    });
  });
  return { ok: true, id: record.id };
}

/** Hands the original to someone else: the log entry is the transfer; the record keeps who holds it now. */
export async function transferCustody(db: ConsoleDb, mediaId: string, input: CustodyTransferInput, actor: Actor | undefined): Promise<SaveResult> {
  if (!actor) throw new Error(NOT_SIGNED_IN);
  return db.transaction('rw', db.media, db.logEntries, async () => {
    const record = await getMedia(db, mediaId);
    const checked = checkCustodyTransfer(record, input, new Date());
    if (!checked.ok) return checked;
    const t = checked.value;
    await db.media.update(mediaId, { custodian: t.to });
    await appendLog(db, {
      operationId: record.operationId,
      // The signed-in person records it; who handed over and who received are in the entry.
      operator: actor.name,
      category: 'custody',
      text: custodyLogText(record, t),
      occurredAt: t.at,
      refs: { media: [mediaId] },
      data: { from: t.from, to: t.to },
    });
    return { ok: true as const, id: mediaId };
  });
}

/** Logs the comparison of a re-picked file's hash with the registered one; a mismatch is logged too. */
export async function recordVerification(db: ConsoleDb, mediaId: string, by: string, sha256: string, actor: Actor | undefined): Promise<VerificationResult> {
  if (!actor) throw new Error(NOT_SIGNED_IN);
  const verifier = by.trim();
  if (!verifier) throw new Error('请填写复核人');
  return db.transaction('rw', db.media, db.logEntries, async () => {
    const record = await getMedia(db, mediaId);
    const result = verificationResult(record, sha256);
    await db.media.update(mediaId, { lastVerification: { at: chinaInstant(new Date()), by: verifier, result, sha256 } });
    await appendLog(db, {
      operationId: record.operationId,
      operator: actor.name,
      category: 'mediaVerify',
      text: verificationLogText(record, result, sha256),
      refs: { media: [mediaId] },
      data: { result, sha256, verifier },
    });
    return result;
  });
}
