// Pure. What the archive index (档案目录) prints: every file of the archive with what it is,
// its size and SHA-256, so a reader of the paper or the PDF can check each file by hand.
import type { ArchivePlan } from '../../archive/archive';
import { chainHeadLine } from '../../log/head';
import type { ChainHead } from '../../log/types';
import { shortKey } from '../../stations/signer';

export const ARCHIVE_INDEX_TITLE = '档案目录';

export interface ArchiveIndexData {
  operationTitle: string;
  operationId: string;
  createdAt: string;
  /** 执行日志 N 条 and the head. */
  logLine: string;
  /** 多站记录: the stations, their entries and the latest checkpoint; null without format-2 entries. */
  stationsLine: string | null;
  /** What every page prints (ArchivePlan.head). */
  head: ChainHead | null;
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
    const station = head?.writer ? `工作站 ${shortKey(head.writer)} ` : '';
    const description = head ? `${item.description}；文书所印日志链头为${station}第 ${head.seq} 条` : item.description;
    return [String(i + 1), description, `${item.name}\n${bytesText(item.size)}，SHA-256：\n${hashLines(item.sha256)}`];
  });
  return {
    operationTitle: plan.title,
    operationId: plan.operationId,
    createdAt: plan.createdAt,
    logLine: `${plan.log.count} 条${plan.log.head ? `，${chainHeadLine(plan.log.head).replace('执行日志链头：', '链头 ')}` : ''}`,
    stationsLine: stationsLine(plan.stations),
    head: plan.head,
    rows,
    closing:
      '本目录列出归档中除本目录和 manifest.json 以外的全部文件。manifest.json 记载本目录及上列每个文件的 SHA-256、' +
      '执行日志的条数和链头、各工作站记录链的链头和最新检查点、每份文书所印的日志链头，可用 npm run verify -- <归档.zip> 独立核验。',
  };
}

function stationsLine(stations: ArchivePlan['stations']): string | null {
  if (stations.writers.length === 0) return null;
  const count = stations.writers.reduce((n, w) => n + w.count, 0);
  const checkpoint = stations.checkpoint
    ? `；最新检查点：工作站 ${shortKey(stations.checkpoint.writer)} 第 ${stations.checkpoint.seq} 条，${stations.checkpoint.countersigners.length} 个工作站会签`
    : '';
  return `${stations.writers.length} 个工作站，共 ${count} 条签名记录${checkpoint}${stations.refused ? `；不予接受 ${stations.refused} 条` : ''}`;
}
