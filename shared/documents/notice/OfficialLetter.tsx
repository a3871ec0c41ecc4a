// Pure. The layout every document addressed to someone shares (告知书, 强制拆除通知书, 函告):
// title and number, the addressees or the 主送 line, the paragraphs, and the issuing body's
// name above the date where its seal is stamped on paper (GB/T 9704-2012).
import type { ChainHead } from '../../log/types';
import { formatChineseDate } from '../../operation/formats';
import type { IsoDate } from '../../operation/types';
import { KeyValueBlock, type KeyValue, OfficialDocument, OfficialPage, Paragraph, SignatureBlock, Title } from '../components';
import { orUnset } from '../plan/printData';
import { documentMark, issuedDate } from './noticeText';

export interface OfficialLetterProps {
  title: string;
  documentNumber: string;
  /** One key-value block per addressee (被执行人 …). */
  addressees?: KeyValue[][];
  /** 主送: the units a letter goes to, printed flush left and ending in ：. */
  salutation?: string;
  paragraphs: string[];
  closing: string;
  issuer: string;
  issuedOn: IsoDate;
  isDemo: boolean;
  chainHead: ChainHead;
}

export function OfficialLetter(props: OfficialLetterProps) {
  return (
    <OfficialDocument title={props.title} createdAt={issuedDate(props.issuedOn)}>
      <OfficialPage headerMark={documentMark(props.isDemo)} chainHead={props.chainHead}>
        <Title subtitle={orUnset(props.documentNumber)}>{props.title}</Title>
        {props.salutation ? <Paragraph indent={false}>{`${props.salutation.trim()}：`}</Paragraph> : null}
        {(props.addressees ?? []).map((block, i) => (
          <KeyValueBlock key={i} labelChars={6} items={block} />
        ))}
        {props.paragraphs.map((text, i) => (
          <Paragraph key={i}>{text}</Paragraph>
        ))}
        <SignatureBlock issuer={orUnset(props.issuer)} date={formatChineseDate(props.issuedOn)}>
          {props.closing.trim() ? <Paragraph>{props.closing}</Paragraph> : null}
        </SignatureBlock>
      </OfficialPage>
    </OfficialDocument>
  );
}
