// Pure. What the archive index (档案目录) prints: every file of the archive with what it is,
// its size and SHA-256, so a reader of the paper or the PDF can check each file by hand.
import type { ArchivePlan } from '../../archive/archive';
import { chainHeadLine } from '../../log/head';

export const ARCHIVE_INDEX_TITLE = '档案目录';

export interface ArchiveIndexData {
  operationTitle: string;
  operationId: string;
  createdAt: string;
  /** 执行日志 N 条 and the head. */
  logLine: string;
  head: { seq: number; hash: string } | null;
  /** 序号, 内容, 文件 (name, size, SHA-256 on their own lines). */
  rows: string[][];
  /** Why the index and manifest.json are not in the table. */
  closing: string;
}

/** 64 hex digits as two lines of 32: each line can be read out and compared on its own. */
export const hashLines = (hash: string): string => `${hash.slice(0, 32)}\n${hash.slice(32)}`;

const bytesText = (size: number): string => `${size.toLocaleString('en-US')} 字节`;

export function archiveIndexData(plan: ArchivePlan): ArchiveIndexData {
  const heads = new Map(plan.documents.map((d) => [d.file, d.chainHead]));
  const rows = plan.items.map((item, i) => {
    const head = heads.get(item.name);
    const description = head ? `${item.description}；文书所印日志链头为第 ${head.seq} 条` : item.description;
    return [String(i + 1), description, `${item.name}\n${bytesText(item.size)}，SHA-256：\n${hashLines(item.sha256)}`];
  });
  return {
    operationTitle: plan.title,
    operationId: plan.operationId,
    createdAt: plan.createdAt,
    logLine: `${plan.log.count} 条${plan.log.head ? `，${chainHeadLine(plan.log.head).replace('执行日志链头：', '链头 ')}` : ''}`,
    head: plan.log.head,
    rows,
    closing:
      '本目录列出归档中除本目录和 manifest.json 以外的全部文件。manifest.json 记载本目录及上列每个文件的 SHA-256、' +
      '执行日志的条数和链头、每份文书所印的日志链头，可用 npm run verify -- <归档.zip> 独立核验。',
  };
}
