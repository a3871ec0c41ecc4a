// Pure. 《现场笔录》, generated from the on-site log.
export * from './onSiteRecordData';
export { ON_SITE_RECORD_TITLE, OnSiteRecordDocument, renderOnSiteRecord, signatureLines, type SignatureLine } from './OnSiteRecordDocument';
