// Pure. 《强制执行公告》: posted at the property and nearby before the enforcement, in the
// GB/T 9704 layout; its items are numbered 一、二、… as body text.
import type { ChainHead } from '../../log/types';
import { formatChineseDate } from '../../operation/formats';
import { OfficialDocument, OfficialPage, Paragraph, SignatureBlock, Title } from '../components';
import type { DocumentFonts } from '../fonts';
import { chineseNumeral } from '../numbering';
import { renderToPdfBytes, type PdfBytes } from '../render';
import { orUnset } from '../plan/printData';
import { documentMark, issuedDate, type AnnouncementData, type AnnouncementText } from './noticeText';

export const ANNOUNCEMENT_TITLE = '强制执行公告';

/** The items as printed: 一、…, 二、…; empty items are left out and do not take a number. */
export const announcementItems = (text: AnnouncementText): string[] =>
  text.items.filter((item) => item.trim() !== '').map((item, i) => `${chineseNumeral(i + 1)}、${item.trim()}`);

export function AnnouncementDocument({ data, chainHead }: { data: AnnouncementData; chainHead: ChainHead }) {
  return (
    <OfficialDocument title={ANNOUNCEMENT_TITLE} createdAt={issuedDate(data.issuedOn)}>
      <OfficialPage headerMark={documentMark(data.isDemo)} chainHead={chainHead}>
        <Title subtitle={orUnset(data.documentNumber)}>{ANNOUNCEMENT_TITLE}</Title>
        {data.text.preamble.trim() ? <Paragraph>{data.text.preamble}</Paragraph> : null}
        {announcementItems(data.text).map((item, i) => (
          <Paragraph key={i}>{item}</Paragraph>
        ))}
        <SignatureBlock issuer={orUnset(data.issuer)} date={formatChineseDate(data.issuedOn)}>
          {data.text.closing.trim() ? <Paragraph>{data.text.closing}</Paragraph> : null}
        </SignatureBlock>
      </OfficialPage>
    </OfficialDocument>
  );
}

/** 《强制执行公告》 as PDF bytes, pinning the log at `chainHead`: one sheet to post, where it fits. */
export const renderAnnouncement = (data: AnnouncementData, fonts: DocumentFonts, chainHead: ChainHead): Promise<PdfBytes> =>
  renderToPdfBytes(<AnnouncementDocument data={data} chainHead={chainHead} />, fonts, { fitOnePage: true });
