// Pure. The demolition documents: 《强制拆除通知书》 and the 函告 to the units concerned.
export * from './demolitionText';
export { DEMOLITION_NOTICE_TITLE, DemolitionNoticeDocument, UNIT_LETTER_TITLE, UnitLetterDocument, renderDemolitionNotice, renderUnitLetter } from './DemolitionDocuments';
