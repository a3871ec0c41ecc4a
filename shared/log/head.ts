// Pure. The chain head as people read it on screen and on paper.
import type { ChainHead } from './types';

/** e.g. 执行日志链头：第 12 条 SHA-256 3f5a…（64 位） — the full hash, so a copy can be checked. */
export function chainHeadLine(head: ChainHead): string {
  return head.seq === 0 ? '执行日志：尚无记录' : `执行日志链头：第 ${head.seq} 条  SHA-256 ${head.hash}`;
}
