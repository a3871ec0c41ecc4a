// Pure. 《现场笔录》 (行政强制法 第十八条（七）至（九）, 民诉法 第二百六十一条): time, place, process
// and persons present, read from the on-site log, with the signatures of the on-site
// commander, the recorder, the subject and the witnesses, and room to note a refusal.
import { Fragment } from 'react';
import { StyleSheet, View } from '@react-pdf/renderer';
import type { ChainHead } from '../../log/types';
import { Heading, KeyValueBlock, OfficialDocument, OfficialPage, Paragraph, Table, Text, Title } from '../components';
import type { DocumentFonts } from '../fonts';
import { charPitch, linePitch, typeSize } from '../metrics';
import { renderToPdfBytes, type PdfBytes } from '../render';
import { formatChineseDateTime } from '../plan/printData';
import { documentMark } from '../notice/noticeText';
import type { OnSiteRecordData } from './onSiteRecordData';

export const ON_SITE_RECORD_TITLE = '现场笔录';

const styles = StyleSheet.create({
  signRow: { flexDirection: 'row', alignItems: 'flex-end', marginTop: linePitch / 2 },
  signLabel: { textAlign: 'left' },
  signLine: { flex: 1, borderBottomWidth: 0.75, height: linePitch * 0.8, marginRight: charPitch },
  signDate: { width: 7 * charPitch, textAlign: 'right' },
  refusal: { marginTop: linePitch / 4, fontSize: typeSize.xiaoSi, lineHeight: 1.5, letterSpacing: 0, textAlign: 'left' },
  refusalSpace: { borderBottomWidth: 0.75, height: linePitch, marginBottom: 2 },
});

export interface SignatureLine {
  label: string;
  /** A note under the line, e.g. the refusal instruction. */
  refusal?: string;
}

const SUBJECT_REFUSAL = '被执行人拒绝签字的，由记录人注明情况：';
const WITNESS_NOTE = '见证人姓名、单位或身份：';

/**
 * Who signs the record (民诉法 第二百六十一条): every subject by name, each on a line of
 * their own, with the refusal note once after them, where the law asks for it.
 */
export function signatureLines(subjectNames: readonly string[]): SignatureLine[] {
  const subjects = subjectNames.length > 0 ? subjectNames.map((name) => `被执行人${name}`) : ['被执行人'];
  return [
    { label: '现场执行指挥' },
    { label: '记录人' },
    ...subjects.map((label, i) => (i === subjects.length - 1 ? { label, refusal: SUBJECT_REFUSAL } : { label })),
    { label: '见证人', refusal: WITNESS_NOTE },
    { label: '见证人', refusal: WITNESS_NOTE },
  ];
}

/**
 * Ends the text before the signatures: when they move to the next page as a whole, the
 * blank rest of this page is closed, so nothing can be written in after the record.
 */
export const END_OF_TEXT = '（以下无正文）';

/** The 签名 section, kept on one page with its heading. */
function Signatures({ n, subjectNames }: { n: number; subjectNames: string[] }) {
  const lines = signatureLines(subjectNames);
  // Labels in one column, as wide as the longest (a subject's name makes it longer).
  const labelChars = Math.max(...lines.map((line) => [...line.label].length)) + 5;
  return (
    <View wrap={false}>
      <Heading level={1} n={n}>
        签名
      </Heading>
      <Paragraph>以上笔录经现场宣读（或交阅），在场人员确认无误后签名。</Paragraph>
      {lines.map((line, i) => (
        <View key={i}>
          <View style={styles.signRow}>
            <Text style={[styles.signLabel, { width: labelChars * charPitch }]}>{`${line.label}（签名）：`}</Text>
            <View style={styles.signLine} />
            <Text style={styles.signDate}>年　月　日</Text>
          </View>
          {line.refusal ? (
            <View>
              <Text style={styles.refusal}>{line.refusal}</Text>
              <View style={styles.refusalSpace} />
            </View>
          ) : null}
        </View>
      ))}
    </View>
  );
}

const presentColumns = [
  { title: '姓名', weight: 2 },
  { title: '单位', weight: 3.6 },
  { title: '职务或职责', weight: 4.2 },
  { title: '到岗时间', weight: 1.8, align: 'center' as const },
];

const timelineColumns = [
  { title: '序号', weight: 1.1, align: 'center' as const },
  { title: '时间', weight: 1.4, align: 'center' as const },
  { title: '工作组', weight: 2.9 },
  { title: '经过', weight: 7.5 },
];

/**
 * Signed on every sheet, so that no sheet can be swapped or added unseen (行政强制法 第十八条
 * （八）、（九）): the on-site leader, the recorder, the subject and a witness.
 */
export const pageSignatures = {
  signers: ['现场负责人', '记录人', '被执行人', '见证人'],
  note: '当事人拒绝的，在笔录中予以注明（《行政强制法》第十八条第八项）。',
};

/** At the top of every page, so that a sheet on its own (the signatures) is still known. */
export const runningHead = (data: Pick<OnSiteRecordData, 'subjects'>): string => `${ON_SITE_RECORD_TITLE}　被执行人：${data.subjects}`;

/**
 * Timeline rows per OfficialPage. react-pdf lays out a page's remaining content again for
 * every page it fills, so a log of thousands of entries in one flow takes minutes; in
 * parts of this size it grows linearly, at the cost of a part starting on a new sheet.
 */
export const TIMELINE_PART_ROWS = 100;

function parts<T>(rows: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out.length > 0 ? out : [[]];
}

/** Closes the blank rest of a page where a part ends, so nothing can be written in after. */
const PartEnd = ({ next }: { next: number }) => <Paragraph indent={false}>{`（本部分完，以下空白，下接第${next}部分）`}</Paragraph>;

export function OnSiteRecordDocument({ data, chainHead }: { data: OnSiteRecordData; chainHead: ChainHead }) {
  const [first, ...rest] = parts(data.timeline, TIMELINE_PART_ROWS);
  const closing = (
    <>
      <Paragraph>{data.coverage}</Paragraph>
      <Paragraph indent={false}>{END_OF_TEXT}</Paragraph>
      <Signatures n={data.suspensions.length > 0 ? 4 : 3} subjectNames={data.subjectNames} />
    </>
  );
  const pageProps = {
    headerMark: documentMark(data.isDemo),
    runningHead: runningHead(data),
    chainHead,
    footerNote: `依据执行日志生成于${formatChineseDateTime(data.printedAt)}`,
    continuousNumbers: true,
    pageNumbers: 'ofTotal' as const,
    signEveryPage: pageSignatures,
  };
  const sections = [
    {
      title: '在场人员',
      body:
        data.present.length > 0 ? (
          <Table columns={presentColumns} rows={data.present} />
        ) : (
          <Paragraph>执行日志中没有人员到岗记录。</Paragraph>
        ),
    },
    data.suspensions.length > 0
      ? { title: '停止与恢复执行', body: data.suspensions.map((line, i) => <Paragraph key={i}>{line}</Paragraph>) }
      : null,
    {
      title: '执行过程',
      body: (
        <>
          <Table columns={timelineColumns} rows={first!} />
          {rest.length === 0 ? closing : <PartEnd next={2} />}
        </>
      ),
    },
  ].filter((s) => s !== null);
  return (
    <OfficialDocument title={ON_SITE_RECORD_TITLE} createdAt={new Date(data.printedAt)}>
      <OfficialPage {...pageProps}>
        <Title>{ON_SITE_RECORD_TITLE}</Title>
        <KeyValueBlock
          labelChars={6}
          items={[
            { label: '执行时间', value: data.time },
            { label: '执行地点', value: data.place },
            { label: '执行依据', value: data.basis },
            { label: '组织实施机关', value: data.organiser },
            { label: '被执行人', value: data.subjects },
            { label: '现场执行指挥', value: data.commander },
          ]}
        />
        {sections.map((section, i) => (
          <Fragment key={section.title}>
            <Heading level={1} n={i + 1}>
              {section.title}
            </Heading>
            {section.body}
          </Fragment>
        ))}
      </OfficialPage>
      {rest.map((rows, i) => (
        <OfficialPage key={i} {...pageProps}>
          <Paragraph indent={false}>{`（执行过程续，第${i + 2}部分）`}</Paragraph>
          <Table columns={timelineColumns} rows={rows} />
          {i === rest.length - 1 ? closing : <PartEnd next={i + 3} />}
        </OfficialPage>
      ))}
    </OfficialDocument>
  );
}

/** 《现场笔录》 as PDF bytes, pinning the log at `chainHead`. */
export const renderOnSiteRecord = (data: OnSiteRecordData, fonts: DocumentFonts, chainHead: ChainHead): Promise<PdfBytes> =>
  renderToPdfBytes(<OnSiteRecordDocument data={data} chainHead={chainHead} />, fonts);
