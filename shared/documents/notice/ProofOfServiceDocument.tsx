// Pure. 《送达回证》: a bordered form, label cells on the left, values or writing space on the
// right, on one A4 page in the GB/T 9704 margins; one page per subject, each served on their
// own (民事诉讼法第八十七条). The same layout prints a filled form or a blank one to fill in
// by hand, and the records of the 催告 and the 陈述申辩 (FormPage).
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
    { label: '备注', lines: [...(data.details ?? []), data.remarks.trim(), note].filter(Boolean), space: 2 },
  ];
}

function FormRowView({ row, breakable = false }: { row: FormRow; breakable?: boolean }) {
  // An empty cell without a signature line is written in by hand: two lines of room.
  const space = row.lines.length === 0 && !row.foot ? Math.max(row.space ?? 1, 2) : (row.space ?? 1);
  const minLines = Math.max(space, row.lines.length) + (row.foot ? 1 : 0);
  const minHeight = minLines * FORM_LINE + 6;
  return (
    <View style={styles.row} wrap={breakable}>
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

/** One page of a form: the title, the bordered rows, and the note under them. */
export function FormPage({
  title,
  rows,
  note,
  isDemo,
  chainHead,
  breakable = false,
}: {
  title: string;
  rows: FormRow[];
  note: string;
  isDemo: boolean;
  chainHead: ChainHead;
  /** Long free-text rows (a record's content) may run over a page. */
  breakable?: boolean;
}) {
  return (
    <OfficialPage headerMark={documentMark(isDemo)} chainHead={chainHead}>
      <Title>{title}</Title>
      <View style={styles.form}>
        {rows.map((row) => (
          <FormRowView key={row.label} row={row} breakable={breakable} />
        ))}
      </View>
      <Text style={styles.note}>{note}</Text>
    </OfficialPage>
  );
}

export const PROOF_OF_SERVICE_NOTE =
  '说明：依照《中华人民共和国民事诉讼法》第八十七条至第九十五条填写，每名受送达人一份。受送达人应当签名或者盖章并注明收到日期；拒绝签收的，记明拒收事由和日期，由送达人、见证人签名或者盖章，或者以拍照、录像等方式记录送达过程。';

/** The 送达回证 of one document: a page for each subject (or unit) it is served on. */
export function ProofOfServiceDocument({ pages, chainHead }: { pages: readonly ProofOfServiceData[]; chainHead: ChainHead }) {
  const first = pages.find((p) => p.servedAt);
  const createdAt = first?.servedAt ? new Date(first.servedAt) : new Date(0);
  return (
    <OfficialDocument title={PROOF_OF_SERVICE_TITLE} createdAt={Number.isNaN(createdAt.getTime()) ? new Date(0) : createdAt}>
      {pages.map((data, i) => (
        <FormPage key={i} title={PROOF_OF_SERVICE_TITLE} rows={proofOfServiceRows(data)} note={PROOF_OF_SERVICE_NOTE} isDemo={data.isDemo} chainHead={chainHead} />
      ))}
    </OfficialDocument>
  );
}

/** 《送达回证》 as PDF bytes, a page per recipient: filled in, or blank (blankProofOfService) to fill in by hand. */
export const renderProofOfService = (pages: readonly ProofOfServiceData[], fonts: DocumentFonts, chainHead: ChainHead): Promise<PdfBytes> =>
  renderToPdfBytes(<ProofOfServiceDocument pages={pages} chainHead={chainHead} />, fonts);

