// Pure. 《强制执行告知书》: served on each subject before the enforcement (seed 000 §四(二);
// service by 行政强制法第三十八条), in the GB/T 9704 layout.
import type { ChainHead } from '../../log/types';
import type { KeyValue } from '../components';
import type { DocumentFonts } from '../fonts';
import { renderToPdfBytes, type PdfBytes } from '../render';
import { orUnset } from '../plan/printData';
import { addresseeIdNumber, idLabel, noticeParagraphs, type NoticeAddressee, type NoticeData } from './noticeText';
import { OfficialLetter } from './OfficialLetter';

export const NOTICE_TITLE = '强制执行告知书';

/**
 * The addressee lines, one block per addressee: 被执行人, identity number (masked unless
 * asked for), 住址. Addressees of one household share an address: it is printed once, last.
 */
export function noticeAddresseeBlocks(data: { addressees: NoticeAddressee[]; showFullIdNumber?: boolean }): KeyValue[][] {
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
    <OfficialLetter
      title={NOTICE_TITLE}
      documentNumber={data.documentNumber}
      addressees={noticeAddresseeBlocks(data)}
      paragraphs={noticeParagraphs(data.text)}
      closing={data.text.closing}
      issuer={data.issuer}
      issuedOn={data.issuedOn}
      isDemo={data.isDemo}
      chainHead={chainHead}
    />
  );
}

/** 《强制执行告知书》 as PDF bytes, pinning the log at `chainHead`. */
export const renderNotice = (data: NoticeData, fonts: DocumentFonts, chainHead: ChainHead): Promise<PdfBytes> =>
  renderToPdfBytes(<NoticeDocument data={data} chainHead={chainHead} />, fonts);
