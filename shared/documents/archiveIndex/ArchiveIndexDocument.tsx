// Pure. 《档案目录》: the first file of the archive (一户一档), listing every other file with
// what it is, its size and SHA-256, the log's count and head on every page.
import { KeyValueBlock, OfficialDocument, OfficialPage, Table, Text, Title, type TableColumn } from '../components';
import type { DocumentFonts } from '../fonts';
import { charPitch } from '../metrics';
import { formatChineseDateTime } from '../plan/printData';
import { renderToPdfBytes, type PdfBytes } from '../render';
import { ARCHIVE_INDEX_TITLE, type ArchiveIndexData } from './archiveIndexData';

/** The file column holds a SHA-256 line of 32 hex digits whole (cellRunLimit ≥ 32). */
export const archiveIndexColumns: TableColumn[] = [
  { title: '序号', weight: 3.2, align: 'center' },
  { title: '内容', weight: 10.2 },
  { title: '文件名、大小及 SHA-256', weight: 21 },
];

export function ArchiveIndexDocument({ data }: { data: ArchiveIndexData }) {
  const created = new Date(data.createdAt);
  return (
    <OfficialDocument title={`${data.operationTitle}${ARCHIVE_INDEX_TITLE}`} createdAt={Number.isNaN(created.getTime()) ? new Date(0) : created}>
      <OfficialPage
        runningHead={`${data.operationTitle}　${ARCHIVE_INDEX_TITLE}`}
        footerNote={`归档于${formatChineseDateTime(data.createdAt)}`}
        {...(data.head ? { chainHead: data.head } : {})}
        continuousNumbers
      >
        <Title subtitle={`${data.operationTitle}（一户一档）`}>{ARCHIVE_INDEX_TITLE}</Title>
        <KeyValueBlock
          labelChars={5}
          items={[
            { label: '行动编号', value: data.operationId },
            { label: '归档时间', value: formatChineseDateTime(data.createdAt) },
            { label: '执行日志', value: data.logLine },
            ...(data.stationsLine ? [{ label: '多站记录', value: data.stationsLine }] : []),
            { label: '文件数量', value: `${data.rows.length} 个（另有本目录和 manifest.json）` },
          ]}
        />
        <Table columns={archiveIndexColumns} rows={data.rows} />
        {/* Left-aligned: justifying would spread the letters of manifest.json and npm run verify apart. */}
        <Text style={{ textAlign: 'left', textIndent: 2 * charPitch }}>{data.closing}</Text>
      </OfficialPage>
    </OfficialDocument>
  );
}

/** 《档案目录》 as PDF bytes. */
export const renderArchiveIndex = (data: ArchiveIndexData, fonts: DocumentFonts): Promise<PdfBytes> =>
  renderToPdfBytes(<ArchiveIndexDocument data={data} />, fonts);
