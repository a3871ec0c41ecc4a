// DOM. The register of document numbers on this machine: issued numbers and the recorded
// reasons for numbers in a series that this app did not issue (no gap without a reason).
import { z } from 'zod';
import { chinaInstant } from '../../../shared/calendar/chinaTime';
import { numberingGaps, type UsedDocumentNumber } from '../../../shared/documents/documentNumber';
import type { ConsoleDb } from '../data/db';

const gapReasonSchema = z.array(
  z.object({
    issuerCode: z.string(),
    year: z.number().int(),
    sequence: z.number().int().positive(),
    voidReason: z.string().min(1),
    recordedBy: z.string(),
    recordedAt: z.string(),
  }),
);

/** Why numbers in a series were not issued here (settings, so they cover every operation). */
async function gapReasons(db: ConsoleDb) {
  const parsed = gapReasonSchema.safeParse((await db.settings.get('numberGapReasons'))?.value ?? []);
  return parsed.success ? parsed.data : [];
}

/** Every number taken on this machine: issued documents and explained gaps. */
export async function usedNumbers(db: ConsoleDb): Promise<UsedDocumentNumber[]> {
  const issued = (await db.documents.toArray()).flatMap((d) =>
    d.status === 'issued' && d.sequence !== undefined ? [{ issuerCode: d.issuerCode, year: d.year, sequence: d.sequence }] : [],
  );
  return [...issued, ...(await gapReasons(db))];
}

/** Records why a missing number in a series was not issued by this app. */
export async function recordNumberGap(
  db: ConsoleDb,
  gap: { issuerCode: string; year: number; sequence: number },
  reason: string,
  recordedBy: string,
): Promise<void> {
  if (!reason.trim()) throw new Error('请写明缺号原因（如：该号已用于纸质文书、已作废）');
  if (!recordedBy.trim()) throw new Error('请填写记录人');
  await db.transaction('rw', db.settings, db.documents, async () => {
    const used = await usedNumbers(db);
    if (!numberingGaps(used, gap.issuerCode, gap.year).includes(gap.sequence)) throw new Error('该号不是缺号，无需记录');
    const reasons = await gapReasons(db);
    const entry = { ...gap, voidReason: reason.trim(), recordedBy: recordedBy.trim(), recordedAt: chinaInstant(new Date()) };
    await db.settings.put({ key: 'numberGapReasons', value: [...reasons, entry], savedAt: entry.recordedAt });
  });
}

/** Unexplained gaps in the series this operation's documents use. */
export async function unexplainedGaps(db: ConsoleDb, operationId: string) {
  const used = await usedNumbers(db);
  const documents = await db.documents.where('operationId').equals(operationId).toArray();
  const series = new Map(documents.map((d) => [`${d.issuerCode}|${d.year}`, { issuerCode: d.issuerCode, year: d.year }]));
  return [...series.values()]
    .map((s) => ({ ...s, gaps: numberingGaps(used, s.issuerCode, s.year) }))
    .filter((s) => s.gaps.length > 0);
}
