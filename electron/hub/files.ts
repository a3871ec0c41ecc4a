// Node main. The hub's small state files (credentials, operations, links, keys): written
// aside and renamed into place, readable by the user alone, so a crash leaves the old file
// or the new one, never half of one.
import { readFile, rename, writeFile } from 'node:fs/promises';

export async function writeAtomic(file: string, content: string | Buffer): Promise<void> {
  const tmp = `${file}.${process.pid}.tmp`;
  await writeFile(tmp, content, { mode: 0o600, flush: true });
  await rename(tmp, file);
}

export const writeJsonAtomic = (file: string, value: unknown): Promise<void> => writeAtomic(file, JSON.stringify(value, null, 1));

/** The file's JSON, or `fallback` when there is no file yet (any other failure is thrown). */
export async function readJson<T>(file: string, fallback: T): Promise<T> {
  try {
    return JSON.parse(await readFile(file, 'utf8')) as T;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return fallback;
    throw error;
  }
}

/** The file's text, or undefined when there is none. */
export const readText = (file: string): Promise<string | undefined> =>
  readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => (error.code === 'ENOENT' ? undefined : Promise.reject(error)));
