// Pure. What the 《送达回证》 of one issued document prints: a page for each subject it is
// served on (one 回证 per subject, 民事诉讼法第八十七条), filled in from that subject's
// effective service, or left blank to fill in by hand; a 函告 gets a page per unit served.
// The app and the command-line renderer build it here, so both print the same form.
import { chinaDate } from '../calendar/chinaTime';
import { formatChineseDate } from '../operation/formats';
import type { Operation, Subject } from '../operation/types';
import { blankProofOfService, type ProofOfServiceData } from './notice';
import { subjectService } from './periods';
import { effectiveServiceDate, isSubjectDocument, issuableKindTitles, publicationGroundLabels, type ServedDocument, type ServiceRecord } from './records';

/** What the method required, as recorded, for the 备注 cell. */
export function serviceDetails(service: ServiceRecord): string[] {
  const effective = effectiveServiceDate(service);
  switch (service.method) {
    case 'post':
      return [`邮件单号：${service.trackingNumber || '未填写'}`, `回执签收日期：${service.receiptDate ? formatChineseDate(service.receiptDate) : '回执未退回'}`];
    case 'electronic':
      return service.consent
        ? [`送达地址确认书：${formatChineseDate(service.consent.signedOn)}签署，确认电子送达地址${service.consent.address}`]
        : ['送达地址确认书：未记录'];
    case 'publication':
      return [
        ...(service.publication
          ? [
              `公告送达原因：${publicationGroundLabels[service.publication.ground]}；${service.publication.reason}`,
              `公告张贴或刊登处：${service.publication.place}（照片 ${service.publication.photos.length} 张）`,
            ]
          : []),
        ...(effective ? [`视为送达日期：${formatChineseDate(effective)}`] : []),
      ];
    default:
      return [];
  }
}

function filled(base: ProofOfServiceData, service: ServiceRecord): ProofOfServiceData {
  const details = serviceDetails(service);
  return {
    ...base,
    method: service.method,
    servedAt: service.servedAt,
    ...(service.agent ? { agent: service.agent } : {}),
    ...(details.length > 0 ? { details } : {}),
    witnesses: service.witnesses,
    ...(service.method === 'left' ? { refusal: { reason: service.refusalReason, date: chinaDate(new Date(service.servedAt)) } } : {}),
    ...(service.recording ? { recording: service.recording } : {}),
    servers: service.servers,
    remarks: service.remarks,
  };
}

/** The pages of a document's 送达回证, in the subjects' order. */
export function proofOfServiceFor(
  operation: Pick<Operation, 'isDemo' | 'propertyAddress'>,
  subjects: readonly Pick<Subject, 'id' | 'name' | 'address' | 'position'>[],
  doc: ServedDocument,
  services: readonly ServiceRecord[],
): ProofOfServiceData[] {
  const base = {
    issuer: doc.data.issuer,
    documents: [{ name: issuableKindTitles[doc.kind], number: doc.number ?? '', copies: 1 }],
    isDemo: operation.isDemo,
  };
  if (!isSubjectDocument(doc)) {
    const served = services.filter((s) => s.documentId === doc.id && s.outcome !== 'failed');
    if (served.length === 0) return [blankProofOfService({ ...base, recipient: doc.kind === 'unitLetter' ? doc.data.recipients : '' })];
    return served.map((s) => filled(blankProofOfService({ ...base, recipient: s.recipient }), s));
  }
  const sorted = [...subjects].sort((a, b) => a.position - b.position);
  return sorted.map((subject) => {
    // The subject is the 受送达人 whoever signed: a family member who received it is the 代收人.
    const page = blankProofOfService({ ...base, recipient: subject.name, address: subject.address.trim() || operation.propertyAddress });
    const served = subjectService(doc.id, subject, sorted, services);
    return served ? filled(page, served.service) : page;
  });
}
