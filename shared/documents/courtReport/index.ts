// Pure. 《强制执行情况报告》 to the court, generated from an operation's backup.
export * from './courtReportData';
export { COURT_REPORT_TITLE, CourtReportDocument, qrMatrix, renderCourtReport } from './CourtReportDocument';
