// Pure. What a 《送达回证》 prints for one issued document: filled in from a service record,
// or the blank form to fill in by hand when none is recorded. The app and the command-line
// renderer build it here, so both print the same form.
import { chinaDate } from '../calendar/chinaTime';
import type { Operation, Subject } from '../operation/types';
import { blankProofOfService, type ProofOfServiceData } from './notice';
import { issuableKindTitles, type ServedDocument, type ServiceRecord } from './records';

export function proofOfServiceFor(
  operation: Pick<Operation, 'isDemo' | 'propertyAddress'>,
  subjects: readonly Pick<Subject, 'name'>[],
  doc: ServedDocument,
  service?: ServiceRecord,
): ProofOfServiceData {
  const base = {
    issuer: doc.data.issuer,
    documents: [{ name: issuableKindTitles[doc.kind], number: doc.number ?? '', copies: 1 }],
    isDemo: operation.isDemo,
  };
  if (!service) return blankProofOfService({ ...base, recipient: subjects.map((s) => s.name).join('、'), address: operation.propertyAddress });
  return {
    ...base,
    recipient: service.recipient,
    address: operation.propertyAddress,
    method: service.method,
    servedAt: service.servedAt,
    ...(service.agent ? { agent: service.agent } : {}),
    witnesses: service.witnesses,
    ...(service.method === 'left' ? { refusal: { reason: service.refusalReason, date: chinaDate(new Date(service.servedAt)) } } : {}),
    ...(service.recording ? { recording: service.recording } : {}),
    servers: service.servers,
    remarks: service.remarks,
  };
}
