// Main process. The pinned log heads (shared/host/logPins.ts), kept here so the page cannot
// move one back after removing the newest entries of a log.
import { join } from 'node:path';
import { z } from 'zod';
import { advancedPin, pinnedHeadSchema, type PinnedHead } from '../../shared/host/logPins';
import { jsonFile } from './jsonFile';

export const LOG_PIN_FILE = 'log-heads.json';

const fileSchema = z.object({ version: z.literal(1), heads: z.record(z.string(), pinnedHeadSchema) });

export function createLogPins(root: () => string) {
  const file = jsonFile(() => join(root(), LOG_PIN_FILE), fileSchema, { version: 1 as const, heads: {} }, '日志链头记录');
  return {
    read: (key: string) => file.update((current) => ({ result: current.heads[key] ?? null })),
    advance: (key: string, head: PinnedHead) =>
      file.update((current) => {
        const kept = current.heads[key] ?? null;
        const next = advancedPin(kept, head);
        return next === kept ? { result: next } : { write: { version: 1 as const, heads: { ...current.heads, [key]: next } }, result: next };
      }),
  };
}
