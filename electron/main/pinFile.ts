// Main process. The sign-in PINs of this installation, kept here and not in the page's
// IndexedDB, so the page cannot read the scrypt hashes, delete a record or reset a lockout
// (issue 16 item 3). One JSON file in the data folder, replaced whole (written beside it,
// flushed, renamed), one step at a time. It is never part of a backup or an archive.
import { promises as fs } from 'node:fs';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import type { PinBackend, PinRecord } from '../../shared/operators/pinStore';
import { HostError } from './errors';

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
  let queue: Promise<unknown> = Promise.resolve();
  const path = () => join(root(), PIN_FILE);

  async function load(): Promise<PinRecord[]> {
    let text: string;
    try {
      text = await fs.readFile(path(), 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw new HostError('无法读取本机的登录 PIN 记录');
    }
    let data: unknown = null;
    try {
      data = JSON.parse(text);
    } catch {
      // Reported below as damaged.
    }
    const parsed = fileSchema.safeParse(data);
    // A damaged file is not silently replaced: that would let anyone take the first PIN again.
    if (!parsed.success) throw new HostError(`本机的登录 PIN 记录已损坏（${PIN_FILE}），请联系技术人员核查，不要删除该文件`);
    return parsed.data.records;
  }

  async function save(records: PinRecord[]): Promise<void> {
    const target = path();
    await fs.mkdir(dirname(target), { recursive: true });
    const partial = `${target}.partial`;
    const handle = await fs.open(partial, 'w', 0o600);
    try {
      await handle.writeFile(JSON.stringify({ version: 1, records }));
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fs.rename(partial, target);
  }

  return {
    step(operationId, change) {
      const run = queue.then(async () => {
        const records = await load();
        const { write, result } = change(records.filter((r) => r.operationId === operationId));
        if (write) await save([...records.filter((r) => !(r.operationId === write.operationId && r.personId === write.personId)), write]);
        return result;
      });
      queue = run.catch(() => undefined);
      return run;
    },
  };
}
