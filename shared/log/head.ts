// Pure. The chain head as people read it on screen and on paper, and which head is printed.
import { compareLog } from './order';
import { ZERO_HASH, type ChainHead, type LogEntry } from './types';

/**
 * e.g. 执行日志链头：第 12 条 SHA-256 3f5a…（64 位） — the full hash, so a copy can be checked;
 * a format-2 head names its station: 执行日志链头：工作站 Ab3xYz9Q 第 12 条 SHA-256 ….
 */
export function chainHeadLine(head: ChainHead): string {
  if (head.seq === 0) return '执行日志：尚无记录';
  return `执行日志链头：${head.writer ? `工作站 ${head.writer.slice(0, 8)} ` : ''}第 ${head.seq} 条  SHA-256 ${head.hash}`;
}

export interface PrintedHeadOptions {
  /** This station's key: its latest own entry is printed when no checkpoint is agreed. */
  own?: string;
  /** Stations whose checkpoints count (the hubs of the roster). */
  hubs?: ReadonlySet<string>;
  /** Stations that must all have countersigned a checkpoint for it to be printed. */
  signers?: readonly string[];
}

const headOf = (e: LogEntry): ChainHead => (e.writer ? { seq: e.seq, hash: e.hash, writer: e.writer } : { seq: e.seq, hash: e.hash });

/**
 * The head a PDF prints (DESIGN-B contract 3): the latest checkpoint agreed by every signer
 * (its hash pins every chain it lists), else this station's latest own entry (its `seen`
 * marks pin the other stations' chains as this station held them), else the latest format-2
 * entry held, else the format-1 chain's last entry; seq 0 while the log is empty.
 */
export function printedHead(entries: readonly LogEntry[], options: PrintedHeadOptions = {}): ChainHead {
  const format2 = entries.filter((e) => e.writer !== undefined);
  const signers = options.signers ?? [];
  if (options.hubs?.size && signers.length) {
    const agreedBy = new Map<string, Set<string>>();
    for (const e of format2) {
      const ref = e.category === 'countersign' ? e.refs.checkpoint : undefined;
      if (ref) agreedBy.set(ref, (agreedBy.get(ref) ?? new Set()).add(e.writer!));
    }
    const agreed = format2
      .filter((e) => e.category === 'checkpoint' && options.hubs!.has(e.writer!) && signers.every((s) => agreedBy.get(e.hash)?.has(s)))
      .sort(compareLog)
      .pop();
    if (agreed) return headOf(agreed);
  }
  const own = options.own ? format2.filter((e) => e.writer === options.own).reduce<LogEntry | undefined>((a, e) => (!a || e.seq > a.seq ? e : a), undefined) : undefined;
  if (own) return headOf(own);
  const latest = [...format2].sort(compareLog).pop() ?? entries.filter((e) => e.writer === undefined).reduce<LogEntry | undefined>((a, e) => (!a || e.seq > a.seq ? e : a), undefined);
  return latest ? headOf(latest) : { seq: 0, hash: ZERO_HASH };
}
