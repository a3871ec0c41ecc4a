// Pure. 《现场笔录》, generated from the on-site log.
export * from './onSiteRecordData';
export { END_OF_TEXT, ON_SITE_RECORD_TITLE, OnSiteRecordDocument, pageSignatures, renderOnSiteRecord, runningHead, signatureLines, type SignatureLine } from './OnSiteRecordDocument';
