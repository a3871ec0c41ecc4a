// Pure. 《强制执行告知书》: served on each subject before the enforcement (行政强制法 第三十七条,
// 第三十八条), in the GB/T 9704 layout.
import type { ChainHead } from '../../log/types';
import { formatChineseDate } from '../../operation/formats';
import { KeyValueBlock, type KeyValue, OfficialDocument, OfficialPage, Paragraph, SignatureBlock, Title } from '../components';
import type { DocumentFonts } from '../fonts';
import { renderToPdfBytes, type PdfBytes } from '../render';
import { orUnset } from '../plan/printData';
import { addresseeIdNumber, documentMark, idLabel, issuedDate, noticeParagraphs, type NoticeData } from './noticeText';

export const NOTICE_TITLE = '强制执行告知书';

/**
 * The addressee lines, one block per addressee: 被执行人, identity number (masked unless
 * asked for), 住址. Addressees of one household share an address: it is printed once, last.
 */
export function noticeAddresseeBlocks(data: NoticeData): KeyValue[][] {
  const addresses = new Set(data.addressees.map((a) => a.address.trim()));
  const shared = data.addressees.length > 1 && addresses.size === 1;
  const blocks = data.addressees.map((a) => {
    const id = addresseeIdNumber(a, data.showFullIdNumber);
    return [
      { label: '被执行人', value: orUnset(a.name) },
      ...(id ? [{ label: idLabel(a.idType), value: id }] : []),
      ...(shared ? [] : [{ label: '住址', value: orUnset(a.address) }]),
    ];
  });
  return shared ? [...blocks, [{ label: '住址', value: orUnset(data.addressees[0]!.address) }]] : blocks;
}

export function NoticeDocument({ data, chainHead }: { data: NoticeData; chainHead: ChainHead }) {
  return (
    <OfficialDocument title={NOTICE_TITLE} createdAt={issuedDate(data.issuedOn)}>
      <OfficialPage headerMark={documentMark(data.isDemo)} chainHead={chainHead}>
        <Title subtitle={orUnset(data.documentNumber)}>{NOTICE_TITLE}</Title>
        {noticeAddresseeBlocks(data).map((block, i) => (
          <KeyValueBlock key={i} labelChars={6} items={block} />
        ))}
        {noticeParagraphs(data.text).map((text, i) => (
          <Paragraph key={i}>{text}</Paragraph>
        ))}
        <SignatureBlock issuer={orUnset(data.issuer)} date={formatChineseDate(data.issuedOn)}>
          {data.text.closing.trim() ? <Paragraph>{data.text.closing}</Paragraph> : null}
        </SignatureBlock>
      </OfficialPage>
    </OfficialDocument>
  );
}

/** 《强制执行告知书》 as PDF bytes, pinning the log at `chainHead`. */
export const renderNotice = (data: NoticeData, fonts: DocumentFonts, chainHead: ChainHead): Promise<PdfBytes> =>
  renderToPdfBytes(<NoticeDocument data={data} chainHead={chainHead} />, fonts);
