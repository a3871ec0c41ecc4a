// Pure. The records of the procedure before the ruling: 催告 and application, 陈述申辩 and answer.
export * from './procedureText';
export { DEMAND_TITLE, STATEMENT_TITLE, renderDemandRecord, renderStatementRecord } from './ProcedureDocuments';
