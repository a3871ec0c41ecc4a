// Pure. The acts of the footage register, decided from the records they touch: registering a
// file, handing its original to someone else, re-verifying its hash. Each is one log entry with
// the record as it stands afterwards; the write path stores both together.
//   register: category 'mediaRegister', group = the operator's group code, refs.media, data { sha256, size }
//   custody:  category 'custody', occurredAt = the transfer's time, refs.media, data { from, to }
//   verify:   category 'mediaVerify', refs.media, data { result, sha256, verifier }
import { chinaInstant } from '../calendar/chinaTime';
import type { WorkingGroup } from '../commandPost/types';
import { put, type ActOutcome } from '../record/act';
import { decided, refused, type Decision } from '../record/decision';
import {
  checkCustodyTransfer,
  checkMediaRegistration,
  custodyLogText,
  registrationLogText,
  verificationLogText,
  verificationResult,
  type CustodyTransferInput,
  type MediaFileFacts,
  type MediaInput,
} from './media';
import type { MediaRecord, VerificationResult } from './types';

export interface RegistrationRequest {
  operationId: string;
  /** The new record's id. */
  id: string;
  input: MediaInput;
  facts: Partial<MediaFileFacts>;
  /** The signed-in person, who is the 登记人 whatever the form said. */
  registrar: string;
  /** The operation's groups: the entry is recorded under the operator's group. */
  groups: readonly Pick<WorkingGroup, 'id' | 'code'>[];
}

export function decideRegistration(r: RegistrationRequest, now: Date): Decision<string> {
  const checked = checkMediaRegistration({ ...r.input, registeredBy: r.registrar }, r.facts, { id: r.id, operationId: r.operationId }, now, chinaInstant(now));
  if (!checked.ok) return refused(checked.errors);
  const record = checked.value;
  return decided({
    entry: {
      category: 'mediaRegister',
      group: r.groups.find((g) => g.id === record.groupId)?.code ?? '',
      text: registrationLogText(record),
      refs: { media: [record.id] },
      data: { sha256: record.sha256, size: record.size },
    },
    changes: [put('media', record)],
    result: record.id,
  });
}

/** The log entry is the transfer; the record keeps who holds the original now. */
export function decideCustodyTransfer(record: MediaRecord, input: CustodyTransferInput, now: Date): Decision<string> {
  const checked = checkCustodyTransfer(record, input, now);
  if (!checked.ok) return refused(checked.errors);
  const t = checked.value;
  return decided({
    entry: { category: 'custody', text: custodyLogText(record, t), occurredAt: t.at, refs: { media: [record.id] }, data: { from: t.from, to: t.to } },
    changes: [put('media', { ...record, custodian: t.to })],
    result: record.id,
  });
}

/** The comparison of a re-picked file's hash with the registered one; a mismatch is recorded too. */
export function decideVerification(record: MediaRecord, by: string, sha256: string, now: Date): ActOutcome<VerificationResult> {
  const verifier = by.trim();
  if (!verifier) throw new Error('请填写复核人');
  const result = verificationResult(record, sha256);
  return {
    entry: { category: 'mediaVerify', text: verificationLogText(record, result, sha256), refs: { media: [record.id] }, data: { result, sha256, verifier } },
    changes: [put('media', { ...record, lastVerification: { at: chinaInstant(now), by: verifier, result, sha256 } })],
    result,
  };
}
