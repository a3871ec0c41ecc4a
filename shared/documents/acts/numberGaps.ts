// Pure. Why a number in a series was not issued by this console (used on paper, voided): no
// gap without a reason. The reason is an act of the operation where it was explained; its
// entry carries the number and the reason as data, so the register reads it back from the
// log on every station that holds the log (and from a backup of it).
import { formatDocumentNumber, numberingGaps, type DocumentNumberParts, type UsedDocumentNumber } from '../documentNumber';
import type { LogEntry } from '../../log/types';
import type { ActOutcome } from '../../record/act';

/** Records why `gap` is missing from its series; refused when it is not a gap or the reason is empty. */
export function numberGapOutcome(
  used: readonly UsedDocumentNumber[],
  gap: DocumentNumberParts,
  reason: string,
  ctx: { recordedBy: string },
): ActOutcome<UsedDocumentNumber> {
  const why = reason.trim();
  if (!why) throw new Error('请写明缺号原因（如：该号已用于纸质文书、已作废）');
  if (!ctx.recordedBy.trim()) throw new Error('请填写记录人');
  if (!numberingGaps(used, gap.issuerCode, gap.year).includes(gap.sequence)) throw new Error('该号不是缺号，无需记录');
  return {
    entry: {
      category: 'edit',
      text: `记录缺号原因：${formatDocumentNumber(gap)}未由本系统签发，原因：${why}`,
      data: { gapIssuerCode: gap.issuerCode, gapYear: gap.year, gapSequence: gap.sequence, gapReason: why },
    },
    changes: [],
    result: { ...gap, voidReason: why },
  };
}

/** The gap reasons an operation's log holds. */
export function numberGapsInLog(entries: readonly LogEntry[]): UsedDocumentNumber[] {
  return entries.flatMap((e) => {
    const d = e.data;
    if (e.category !== 'edit' || typeof d?.gapIssuerCode !== 'string' || typeof d.gapYear !== 'number' || typeof d.gapSequence !== 'number') return [];
    return [{ issuerCode: d.gapIssuerCode, year: d.gapYear, sequence: d.gapSequence, voidReason: String(d.gapReason ?? '') }];
  });
}
