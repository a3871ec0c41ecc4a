// Pure. 《强制执行情况报告》 to the court (brief §4, step 14): the execution as the log and the
// records show it, the attachments with their SHA-256, and the log's head as text and as a
// QR code, so the court can check the log it receives against the paper.
import { Fragment, type ReactNode } from 'react';
import { G, Line, Rect, Svg, Text as SvgText } from '@react-pdf/renderer';
import qrcode from 'qrcode-generator';
import { Heading, KeyValueBlock, OfficialDocument, OfficialPage, Paragraph, SignatureBlock, Table, Text, Title } from '../components';
import { DOCUMENT_FONT_FAMILY, type DocumentFonts } from '../fonts';
import { renderToPdfBytes, type PdfBytes } from '../render';
import { formatChineseDateTime } from '../plan/printData';
import { documentMark } from '../notice/noticeText';
import type { CourtReportData } from './courtReportData';

export const COURT_REPORT_TITLE = '强制执行情况报告';

/** The QR modules for an ASCII text (byte mode, error correction M, smallest version that fits). */
export function qrMatrix(text: string): boolean[][] {
  const qr = qrcode(0, 'M');
  qr.addData(text, 'Byte');
  qr.make();
  const n = qr.getModuleCount();
  return Array.from({ length: n }, (_, r) => Array.from({ length: n }, (_, c) => qr.isDark(r, c)));
}

/** Dark modules as rectangles, one per run in a row, so the PDF stays small. */
function QrCode({ text, size }: { text: string; size: number }) {
  const matrix = qrMatrix(text);
  const n = matrix.length + 8; // four modules of quiet zone each side
  const rects: ReactNode[] = [];
  matrix.forEach((row, r) => {
    for (let c = 0; c < row.length; c++) {
      if (!row[c]) continue;
      let end = c;
      while (row[end + 1]) end++;
      rects.push(<Rect key={`${r}-${c}`} x={c + 4} y={r + 4} width={end - c + 1} height={1} fill="black" />);
      c = end;
    }
  });
  return (
    <Svg width={size} height={size} viewBox={`0 0 ${n} ${n}`}>
      {rects}
    </Svg>
  );
}

/** The phases as milestones on one time axis: a row each, its label left, its mark at its time. */
function PhaseChart({ chart }: { chart: CourtReportData['chart'] }) {
  if (chart.length < 2) return null;
  const width = 440;
  const row = 14;
  const axisFrom = 150;
  const height = chart.length * row + 6;
  const span = Math.max(chart.at(-1)!.minutes, 1);
  const x = (m: number) => axisFrom + (m / span) * (width - axisFrom - 10);
  const label = { fontFamily: DOCUMENT_FONT_FAMILY, fontSize: 8 };
  return (
    <Svg width={width} height={height} style={{ marginTop: 8 }}>
      <Line x1={axisFrom} y1={height - 2} x2={width - 10} y2={height - 2} stroke="black" strokeWidth={0.75} />
      {chart.map((p, i) => (
        <G key={i}>
          <SvgText x={0} y={i * row + 10} style={label}>{`${p.at} ${p.label}`}</SvgText>
          <Line x1={axisFrom} y1={i * row + 7} x2={x(p.minutes)} y2={i * row + 7} stroke="#999999" strokeWidth={0.5} />
          <Rect x={x(p.minutes) - 3} y={i * row + 4} width={6} height={6} fill="black" />
        </G>
      ))}
    </Svg>
  );
}

const lines = (items: string[], empty: string) =>
  items.length > 0 ? items.map((line, i) => <Paragraph key={i}>{line}</Paragraph>) : <Paragraph>{empty}</Paragraph>;

export function CourtReportDocument({ data }: { data: CourtReportData }) {
  const sections: { title: string; body: ReactNode }[] = [
    {
      title: '参加单位和工作小组',
      body: (
        <>
          <Table columns={[{ title: '成员单位', weight: 5 }, { title: '职责', weight: 7 }]} rows={data.units} />
          <Table columns={[{ title: '工作小组', weight: 4 }, { title: '组长', weight: 8 }]} rows={data.groups} />
        </>
      ),
    },
    // Who commanded, and every change of command, leaders and members, as the log records them.
    { title: '指挥调整', body: lines(data.commandChanges, '执行日志中没有指挥调整的记录。') },
    {
      title: '文书送达和公告',
      body: (
        <>
          <Table
            columns={[
              { title: '被执行人', weight: 3 },
              { title: '送达方式', weight: 3, align: 'center' },
              { title: '送达日期', weight: 4, align: 'center' },
              { title: '自行履行期限届满', weight: 4, align: 'center' },
            ]}
            rows={data.service}
          />
          {lines(data.posting, '')}
        </>
      ),
    },
    { title: '公证和监督', body: lines(data.attendance, '执行记录中没有公证员、见证人到场的记录。') },
    {
      title: '执行过程',
      body: (
        <>
          <Table columns={[{ title: '时间', weight: 1.6, align: 'center' }, { title: '经过', weight: 10 }]} rows={data.process} />
          <PhaseChart chart={data.chart} />
        </>
      ),
    },
    { title: '人员带离', body: lines(data.escorted, '执行日志中没有带离现场的记录。') },
    {
      title: '物品清点和去向',
      body:
        data.inventory.length > 0 ? (
          <Table columns={[{ title: '去向', weight: 7 }, { title: '物品', weight: 5 }]} rows={data.inventory} />
        ) : (
          <Paragraph>没有登记清点物品。</Paragraph>
        ),
    },
    { title: '拆除和移交', body: lines(data.demolition, '执行日志中没有拆除记录。') },
    { title: '突发情况及处置', body: lines(data.incidents, '执行过程中未发生突发情况。') },
    // 行政强制法第四十三条: the emergency exception, every time it was relied on, with its reason.
    { title: '情况紧急例外', body: lines(data.overrides, '执行日志和预案中没有援引情况紧急例外的记录。') },
    { title: '执行费用', body: lines(data.costs, '执行费用未记录。') },
    ...(data.remarks.length > 0 ? [{ title: '其他需要说明的情况', body: lines(data.remarks, '') }] : []),
    {
      title: '附件',
      body:
        data.attachments.length > 0 ? (
          <Table columns={[{ title: '附件', weight: 5 }, { title: 'SHA-256', weight: 7 }]} rows={data.attachments} />
        ) : (
          <Paragraph>无。</Paragraph>
        ),
    },
  ];
  return (
    <OfficialDocument title={COURT_REPORT_TITLE} createdAt={new Date(data.printedAt)}>
      <OfficialPage
        headerMark={documentMark(data.isDemo)}
        runningHead={`${COURT_REPORT_TITLE}　被执行人：${data.subjects}`}
        chainHead={data.head}
        footerNote={
          data.documentNumber
            ? `${data.documentNumber}　依据执行日志和执行记录制作`
            : `草稿，依据执行日志和执行记录生成于${formatChineseDateTime(data.printedAt)}`
        }
      >
        <Title {...(data.documentNumber ? { subtitle: data.documentNumber } : {})}>{COURT_REPORT_TITLE}</Title>
        <Paragraph indent={false}>{`${data.court}：`}</Paragraph>
        <Paragraph>{`依据${data.basis}，${data.organiser}对被执行人${data.subjects}的房屋实施了强制执行。现将执行情况报告如下：`}</Paragraph>
        <KeyValueBlock
          labelChars={6}
          items={[
            { label: '执行时间', value: data.time },
            { label: '执行地点', value: data.place },
          ]}
        />
        {sections.map((s, i) => (
          <Fragment key={s.title}>
            <Heading level={1} n={i + 1}>
              {s.title}
            </Heading>
            {s.body}
          </Fragment>
        ))}
        {/* The log's head, its QR code and the seal stay on one page: the signature never stands alone. */}
        {/* Signed by the organising body named on the operation; the 临时指挥部 has no seal. */}
        <SignatureBlock issuer={data.issuer} date={data.date}>
          <Heading level={1} n={sections.length + 1}>
            执行日志
          </Heading>
          <Paragraph>{`执行日志共${data.entryCount}条，末条为第${data.head.seq}条，其哈希值（SHA-256）为：`}</Paragraph>
          <Text style={{ textAlign: 'left', letterSpacing: 0 }}>{data.head.hash}</Text>
          <QrCode text={data.qrText} size={100} />
          <Paragraph>特此报告。</Paragraph>
        </SignatureBlock>
      </OfficialPage>
    </OfficialDocument>
  );
}

/** 《强制执行情况报告》 as PDF bytes. */
export const renderCourtReport = (data: CourtReportData, fonts: DocumentFonts): Promise<PdfBytes> =>
  renderToPdfBytes(<CourtReportDocument data={data} />, fonts);
