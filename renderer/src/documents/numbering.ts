// DOM. The register of document numbers on this station: issued numbers and the recorded
// reasons for numbers in a series that this console did not issue (no gap without a reason).
// Numbers run per issuer and year across every operation here, so issuing holds the station's
// numbering lock around its act: two operations cannot take the same number at once.
import { z } from 'zod';
import { numberGapOutcome, numberGapsInLog } from '../../../shared/documents/acts';
import { numberingGaps, type DocumentNumberParts, type UsedDocumentNumber } from '../../../shared/documents/documentNumber';
import type { Actor } from '../../../shared/operators/permissions';
import type { ConsoleDb } from '../data/db';
import { listLog } from '../log/repository';
import { commit } from '../record/commit';
import { exclusive } from '../stations/locks';

const legacyGapReasonSchema = z.array(
  z.object({ issuerCode: z.string(), year: z.number().int(), sequence: z.number().int().positive(), voidReason: z.string().min(1) }),
);

/** Reasons recorded before they were acts of an operation: kept in this station's settings, still honoured. */
async function legacyGapReasons(db: ConsoleDb): Promise<UsedDocumentNumber[]> {
  const parsed = legacyGapReasonSchema.safeParse((await db.settings.get('numberGapReasons'))?.value ?? []);
  return parsed.success ? parsed.data : [];
}

const hasGaps = (used: readonly UsedDocumentNumber[]) =>
  used.some((u) => numberingGaps(used, u.issuerCode, u.year).length > 0);

/**
 * Every number taken on this station: issued documents and explained gaps. The logs are read
 * for gap reasons only when a series has a gap, which is rare.
 */
export async function usedNumbers(db: ConsoleDb): Promise<UsedDocumentNumber[]> {
  const issued = (await db.documents.toArray()).flatMap((d) =>
    d.status === 'issued' && d.sequence !== undefined ? [{ issuerCode: d.issuerCode, year: d.year, sequence: d.sequence }] : [],
  );
  const used = [...issued, ...(await legacyGapReasons(db))];
  if (!hasGaps(used)) return used;
  const operations = (await db.operations.toCollection().primaryKeys()) as string[];
  for (const operationId of operations) used.push(...numberGapsInLog(await listLog(db, operationId)));
  return used;
}

/** Runs `act` while no other act on this station takes a number (Web Locks across windows). */
export const holdingNumbers = <T>(db: ConsoleDb, act: () => Promise<T>): Promise<T> => exclusive(`enforcement-console.numbers.${db.name}`, act);

/** Records, as an act of this operation, why a missing number in a series was not issued here. */
export function recordNumberGap(db: ConsoleDb, operationId: string, gap: DocumentNumberParts, reason: string, actor: Actor | undefined) {
  return holdingNumbers(db, () =>
    commit(db, {
      operationId,
      actor,
      action: { kind: 'log', group: '' },
      build: async (db) => numberGapOutcome(await usedNumbers(db), gap, reason, { recordedBy: actor?.name ?? '' }),
    }),
  );
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
