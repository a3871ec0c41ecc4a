// Main process. A small JSON file in the data folder that only the main process reads and
// writes (the PIN hashes, the pinned log heads): replaced whole (written beside it, flushed,
// renamed, readable by this user alone), one change at a time. A file that does not match its
// schema is refused, never silently replaced: emptying it would undo what it protects.
import { promises as fs } from 'node:fs';
import { dirname } from 'node:path';
import type { z } from 'zod';
import { HostError } from './errors';

export interface JsonFile<T> {
  /** Reads the file (or `empty` when there is none), lets `change` return what to write (or nothing), and writes it. */
  update<R>(change: (current: T) => { write?: T; result: R }): Promise<R>;
}

export function jsonFile<S extends z.ZodType>(path: () => string, schema: S, empty: z.output<S>, what: string): JsonFile<z.output<S>> {
  type T = z.output<S>;
  let queue: Promise<unknown> = Promise.resolve();

  async function load(): Promise<T> {
    let text: string;
    try {
      text = await fs.readFile(path(), 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return empty;
      throw new HostError(`无法读取本机的${what}`);
    }
    let data: unknown = null;
    try {
      data = JSON.parse(text);
    } catch {
      // Reported below as damaged.
    }
    const parsed = schema.safeParse(data);
    if (!parsed.success) throw new HostError(`本机的${what}已损坏（${path()}），请联系技术人员核查，不要删除该文件`);
    return parsed.data;
  }

  async function save(value: T): Promise<void> {
    const target = path();
    await fs.mkdir(dirname(target), { recursive: true });
    const partial = `${target}.partial`;
    const handle = await fs.open(partial, 'w', 0o600);
    try {
      await handle.writeFile(JSON.stringify(value));
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fs.rename(partial, target);
  }

  return {
    update(change) {
      const run = queue.then(async () => {
        const { write, result } = change(await load());
        if (write !== undefined) await save(write);
        return result;
      });
      queue = run.catch(() => undefined);
      return run;
    },
  };
}
