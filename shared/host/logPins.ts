// Pure. The head of the log pinned at its last successful verification (renderer/src/log):
// a later verification must reach it with the same hash, so removing the newest entries shows.
// The host keeps it (in Electron the main process, out of the page's reach) and only ever
// moves it forward: a pin cannot be moved back, or to another hash at the same place.
import { z } from 'zod';

// A station key (base64url) may follow the operation id.
export const logPinKey = z.string().regex(/^[\w.:-]{1,200}$/, '链头键无效');

export const pinnedHeadSchema = z
  .object({
    seq: z.number().int().positive(),
    hash: z.string().regex(/^[0-9a-f]{64}$/, '链头哈希值无效'),
    /** The station whose chain it is (format 2); absent on format 1. */
    writer: z.string().regex(/^[0-9A-Za-z_-]{1,100}$/).optional(),
  })
  .strict();

export type PinnedHead = z.output<typeof pinnedHeadSchema>;

/** The pin after a verification reached `head`: moved forward only. */
export const advancedPin = (current: PinnedHead | null, head: PinnedHead): PinnedHead => (current && current.seq >= head.seq ? current : head);

/** A stored pin read back, or null when there is none or it is not one. */
export function readPinnedHead(raw: unknown): PinnedHead | null {
  const parsed = pinnedHeadSchema.safeParse(raw);
  return parsed.success ? parsed.data : null;
}
