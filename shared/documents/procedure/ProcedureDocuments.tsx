// Pure. The records of the 催告 and the application, and of a 陈述申辩 with its answer, as
// forms in the layout of the 送达回证: label cells left, the facts right, the law underneath.
import type { ChainHead } from '../../log/types';
import { OfficialDocument } from '../components';
import type { DocumentFonts } from '../fonts';
import { FormPage } from '../notice/ProofOfServiceDocument';
import { issuedDate } from '../notice/noticeText';
import { renderToPdfBytes, type PdfBytes } from '../render';
import { DEMAND_NOTE, STATEMENT_NOTE, demandRows, statementRows, type DemandData, type RecordRow, type StatementData } from './procedureText';

export const DEMAND_TITLE = '催告及申请执行情况记录';
export const STATEMENT_TITLE = '陈述申辩及答复记录';

function RecordDocument({ title, rows, note, isDemo, day, chainHead }: { title: string; rows: RecordRow[]; note: string; isDemo: boolean; day: string; chainHead: ChainHead }) {
  return (
    <OfficialDocument title={title} createdAt={issuedDate(day)}>
      <FormPage title={title} rows={rows} note={note} isDemo={isDemo} chainHead={chainHead} breakable />
    </OfficialDocument>
  );
}

export const renderDemandRecord = (data: DemandData, fonts: DocumentFonts, chainHead: ChainHead): Promise<PdfBytes> =>
  renderToPdfBytes(<RecordDocument title={DEMAND_TITLE} rows={demandRows(data)} note={DEMAND_NOTE} isDemo={data.isDemo} day={data.appliedOn} chainHead={chainHead} />, fonts);

export const renderStatementRecord = (data: StatementData, fonts: DocumentFonts, chainHead: ChainHead): Promise<PdfBytes> =>
  renderToPdfBytes(
    <RecordDocument title={STATEMENT_TITLE} rows={statementRows(data)} note={STATEMENT_NOTE} isDemo={data.isDemo} day={data.repliedOn} chainHead={chainHead} />,
    fonts,
  );
