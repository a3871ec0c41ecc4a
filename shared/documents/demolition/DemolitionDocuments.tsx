// Pure. 《强制拆除通知书》 (to each subject, fifteen days before demolition) and the 函告 to the
// units concerned (seed 001 §四(四)), in the layout of the 告知书.
import type { ChainHead } from '../../log/types';
import type { DocumentFonts } from '../fonts';
import { noticeAddresseeBlocks } from '../notice/NoticeDocument';
import { OfficialLetter } from '../notice/OfficialLetter';
import { renderToPdfBytes, type PdfBytes } from '../render';
import {
  demolitionNoticeParagraphKeys,
  unitLetterParagraphKeys,
  type DemolitionNoticeData,
  type UnitLetterData,
} from './demolitionText';

export const DEMOLITION_NOTICE_TITLE = '强制拆除通知书';
export const UNIT_LETTER_TITLE = '强制执行函告';

const printed = (texts: readonly string[]) => texts.filter((t) => t.trim() !== '');

export function DemolitionNoticeDocument({ data, chainHead }: { data: DemolitionNoticeData; chainHead: ChainHead }) {
  return (
    <OfficialLetter
      title={DEMOLITION_NOTICE_TITLE}
      documentNumber={data.documentNumber}
      addressees={noticeAddresseeBlocks(data)}
      paragraphs={printed(demolitionNoticeParagraphKeys.map((k) => data.text[k]))}
      closing={data.text.closing}
      issuer={data.issuer}
      issuedOn={data.issuedOn}
      isDemo={data.isDemo}
      chainHead={chainHead}
    />
  );
}

export function UnitLetterDocument({ data, chainHead }: { data: UnitLetterData; chainHead: ChainHead }) {
  return (
    <OfficialLetter
      title={UNIT_LETTER_TITLE}
      documentNumber={data.documentNumber}
      salutation={data.recipients}
      paragraphs={printed(unitLetterParagraphKeys.map((k) => data.text[k]))}
      closing={data.text.closing}
      issuer={data.issuer}
      issuedOn={data.issuedOn}
      isDemo={data.isDemo}
      chainHead={chainHead}
    />
  );
}

export const renderDemolitionNotice = (data: DemolitionNoticeData, fonts: DocumentFonts, chainHead: ChainHead): Promise<PdfBytes> =>
  renderToPdfBytes(<DemolitionNoticeDocument data={data} chainHead={chainHead} />, fonts);

export const renderUnitLetter = (data: UnitLetterData, fonts: DocumentFonts, chainHead: ChainHead): Promise<PdfBytes> =>
  renderToPdfBytes(<UnitLetterDocument data={data} chainHead={chainHead} />, fonts);
