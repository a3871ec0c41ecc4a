// Pure. 《送达回证》: a bordered form, label cells on the left, values or writing space on the
// right, on one A4 page in the GB/T 9704 margins. The same layout prints a filled form or
// a blank one to fill in by hand.
import type { ChainHead } from '../../log/types';
import { StyleSheet, View } from '@react-pdf/renderer';
import { OfficialDocument, OfficialPage, Text, Title } from '../components';
import type { DocumentFonts } from '../fonts';
import { typeSize } from '../metrics';
import { renderToPdfBytes, type PdfBytes } from '../render';
import { orUnset } from '../plan/printData';
import { documentMark } from './noticeText';
import {
  BLANK_DATE,
  agentText,
  methodChoices,
  refusalLines,
  servedAtText,
  servedDocumentLines,
  serviceNote,
  totalCopies,
  type ProofOfServiceData,
} from './proofOfService';

export const PROOF_OF_SERVICE_TITLE = '送达回证';

const RULE = 0.75;
const FORM_LINE = typeSize.xiaoSi * 1.45;

const styles = StyleSheet.create({
  form: { borderTopWidth: RULE, borderLeftWidth: RULE },
  row: { flexDirection: 'row' },
  cell: {
    borderRightWidth: RULE,
    borderBottomWidth: RULE,
    paddingVertical: 3,
    paddingHorizontal: 6,
    fontSize: typeSize.xiaoSi,
    lineHeight: 1.45,
    letterSpacing: 0,
    textAlign: 'left',
  },
  label: { width: '24%', justifyContent: 'center', alignItems: 'center' },
  labelText: { textAlign: 'center' },
  value: { flex: 1, justifyContent: 'space-between' },
  signHere: { textAlign: 'right', marginTop: 4 },
  note: { fontSize: typeSize.xiaoWu + 1, lineHeight: 1.5, letterSpacing: 0, marginTop: 6, textAlign: 'left' },
});

export interface FormRow {
  label: string;
  /** Printed lines; none on a blank form. */
  lines: string[];
  /** Writing space in lines, at least (hand-filled text, signatures). */
  space?: number;
  /** Printed at the foot of the cell, right-aligned: 签名： / 年 月 日. */
  foot?: string;
}

/** The rows of the form, filled from the data; empty values leave writing space. */
export function proofOfServiceRows(data: ProofOfServiceData): FormRow[] {
  const copies = totalCopies(data);
  const refusal = refusalLines(data);
  const note = serviceNote(data.method);
  const servers = data.servers.map((s) => s.trim()).filter(Boolean);
  return [
    { label: '送达机关', lines: [orUnset(data.issuer)] },
    {
      label: '送达文书名称、文号及份数',
      lines: [...servedDocumentLines(data), ...(data.documents.length > 1 ? [`共${copies}份`] : [])],
      space: 2,
    },
    { label: '受送达人', lines: data.recipient.trim() ? [data.recipient.trim()] : [] },
    { label: '送达地址', lines: data.address.trim() ? [data.address.trim()] : [], space: 1 },
    { label: '送达方式', lines: [methodChoices(data.method)] },
    { label: '送达时间', lines: [servedAtText(data)] },
    { label: '受送达人签名或盖章', lines: [], space: 2, foot: BLANK_DATE },
    { label: '代收人及代收理由', lines: agentText(data) ? [agentText(data)] : [], space: 1, foot: `代收人签名：${' '.repeat(16)}` },
    { label: '留置送达情况', lines: refusal, space: 1, foot: `见证人签名：${' '.repeat(16)}` },
    { label: '送达人', lines: servers.length > 0 ? [servers.join('、')] : [], space: 1, foot: `送达人签名：${' '.repeat(16)}` },
    { label: '备注', lines: [data.remarks.trim(), note].filter(Boolean), space: 2 },
  ];
}

function FormRowView({ row }: { row: FormRow }) {
  // An empty cell without a signature line is written in by hand: two lines of room.
  const space = row.lines.length === 0 && !row.foot ? Math.max(row.space ?? 1, 2) : (row.space ?? 1);
  const minLines = Math.max(space, row.lines.length) + (row.foot ? 1 : 0);
  const minHeight = minLines * FORM_LINE + 6;
  return (
    <View style={styles.row} wrap={false}>
      <View style={[styles.cell, styles.label, { minHeight }]}>
        <Text style={styles.labelText}>{row.label}</Text>
      </View>
      <View style={[styles.cell, styles.value, { minHeight }]}>
        <View>
          {row.lines.map((line, i) => (
            <Text key={i}>{line}</Text>
          ))}
        </View>
        {row.foot ? <Text style={styles.signHere}>{row.foot}</Text> : null}
      </View>
    </View>
  );
}

export function ProofOfServiceDocument({ data, chainHead }: { data: ProofOfServiceData; chainHead: ChainHead }) {
  const createdAt = data.servedAt ? new Date(data.servedAt) : new Date(0);
  return (
    <OfficialDocument title={PROOF_OF_SERVICE_TITLE} createdAt={Number.isNaN(createdAt.getTime()) ? new Date(0) : createdAt}>
      <OfficialPage headerMark={documentMark(data.isDemo)} chainHead={chainHead}>
        <Title>{PROOF_OF_SERVICE_TITLE}</Title>
        <View style={styles.form}>
          {proofOfServiceRows(data).map((row) => (
            <FormRowView key={row.label} row={row} />
          ))}
        </View>
        <Text style={styles.note}>
          说明：依照《中华人民共和国民事诉讼法》第八十七条至第九十五条填写。受送达人应当签名或者盖章并注明收到日期；拒绝签收的，记明拒收事由和日期，由送达人、见证人签名或者盖章，或者以拍照、录像等方式记录送达过程。
        </Text>
      </OfficialPage>
    </OfficialDocument>
  );
}

/** 《送达回证》 as PDF bytes: filled in, or blank (blankProofOfService) to fill in by hand. */
export const renderProofOfService = (data: ProofOfServiceData, fonts: DocumentFonts, chainHead: ChainHead): Promise<PdfBytes> =>
  renderToPdfBytes(<ProofOfServiceDocument data={data} chainHead={chainHead} />, fonts);

