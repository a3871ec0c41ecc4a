// Pure. The documents served on the subjects and posted on site: 《强制执行告知书》,
// 《强制执行公告》 and 《送达回证》.
export * from './noticeText';
export * from './proofOfService';
export { NOTICE_TITLE, NoticeDocument, noticeAddresseeBlocks, renderNotice } from './NoticeDocument';
export { ANNOUNCEMENT_TITLE, AnnouncementDocument, announcementItems, renderAnnouncement } from './AnnouncementDocument';
export { PROOF_OF_SERVICE_TITLE, ProofOfServiceDocument, proofOfServiceRows, renderProofOfService, type FormRow } from './ProofOfServiceDocument';
