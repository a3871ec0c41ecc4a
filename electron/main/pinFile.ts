// Main process. The sign-in PINs of this installation, kept here and not in the page's
// IndexedDB, so the page cannot read the scrypt hashes, delete a record or reset a lockout
// (issue 16 item 3). Never part of a backup or an archive.
import { join } from 'node:path';
import { z } from 'zod';
import type { PinBackend } from '../../shared/operators/pinStore';
import { jsonFile } from './jsonFile';

export const PIN_FILE = 'pins.json';

const recordSchema = z.object({
  operationId: z.string(),
  personId: z.string(),
  pin: z.object({
    algorithm: z.literal('scrypt'),
    N: z.number().int().positive(),
    r: z.number().int().positive(),
    p: z.number().int().positive(),
    dkLen: z.number().int().positive(),
    salt: z.string().regex(/^[0-9a-f]+$/),
    hash: z.string().regex(/^[0-9a-f]+$/),
  }),
  createdAt: z.string(),
  failedAttempts: z.number().int().nonnegative(),
  lockedUntil: z.number().optional(),
});
const fileSchema = z.object({ version: z.literal(1), records: z.array(recordSchema) });

/** `root`: the data folder, asked for when first needed (Electron gives it only after ready). */
export function filePinBackend(root: () => string): PinBackend {
  const file = jsonFile(() => join(root(), PIN_FILE), fileSchema, { version: 1 as const, records: [] }, '登录 PIN 记录');
  return {
    step: (operationId, change) =>
      file.update((current) => {
        const { write, result } = change(current.records.filter((r) => r.operationId === operationId));
        if (!write) return { result };
        const others = current.records.filter((r) => !(r.operationId === write.operationId && r.personId === write.personId));
        return { write: { version: 1 as const, records: [...others, write] }, result };
      }),
  };
}
