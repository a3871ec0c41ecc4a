// Main process. Streamed saves: an export of many GB is written chunk by chunk into a
// partial file next to the target, and renamed onto the target only once complete and on
// disk, so neither a crash nor a full disk ever leaves half a file under the chosen name.
import { randomUUID } from 'node:crypto';
import { promises as fs } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import type { WebContents } from 'electron';
import { HostError, errorCode } from './errors';

/** Where the bytes go until the save finishes; the user can tell what it is if one is left. */
export const partialPathOf = (target: string): string => `${target}.partial`;

interface Session {
  /** The web contents that began the save: only it may write, finish or abort. */
  owner: number;
  target: string;
  handle: FileHandle;
  size: number;
  /** The last write; writes run one after another, in the order they arrived. */
  queue: Promise<void>;
}

/** A Chinese message naming the cause, never the path (it may name the person the file is about). */
function failure(action: string, error: unknown): HostError {
  if (error instanceof HostError) return error;
  const code = errorCode(error);
  const cause =
    code === 'ENOSPC' || code === 'EDQUOT'
      ? '：磁盘空间不足'
      : code === 'EACCES' || code === 'EPERM' || code === 'EROFS'
        ? '：没有写入该位置的权限'
        : code
          ? `（${code}）`
          : '';
  return new HostError(`${action}失败${cause}，未写完的文件已删除`);
}

export function createSaveSessions() {
  const sessions = new Map<string, Session>();

  /** Unknown, finished and foreign tokens get the same answer: nothing about other saves leaks. */
  const sessionOf = (owner: number, token: string): Session => {
    const session = sessions.get(token);
    if (!session || session.owner !== owner) throw new HostError('保存句柄无效或保存已结束，请重新保存');
    return session;
  };

  /** Forgets the save and deletes its partial file; never throws, the caller reports the cause. */
  const discard = async (token: string, session: Session): Promise<void> => {
    sessions.delete(token);
    await session.queue.catch(() => undefined);
    await session.handle.close().catch(() => undefined);
    await fs.rm(partialPathOf(session.target), { force: true }).catch(() => undefined);
  };

  const writeAll = async (session: Session, bytes: Uint8Array): Promise<void> => {
    let done = 0;
    while (done < bytes.byteLength) {
      const { bytesWritten } = await session.handle.write(bytes, done, bytes.byteLength - done, session.size + done);
      if (bytesWritten <= 0) throw new HostError('写入文件失败：磁盘没有写入任何数据，未写完的文件已删除');
      done += bytesWritten;
    }
    session.size += done;
  };

  return {
    async begin(owner: number, target: string): Promise<string> {
      let handle: FileHandle;
      try {
        // 'w' truncates a partial file left by an earlier crash of the same save.
        handle = await fs.open(partialPathOf(target), 'w');
      } catch (error) {
        throw failure('在所选位置创建文件', error);
      }
      const token = randomUUID();
      sessions.set(token, { owner, target, handle, size: 0, queue: Promise.resolve() });
      return token;
    },

    async write(owner: number, token: string, bytes: Uint8Array): Promise<number> {
      const session = sessionOf(owner, token);
      // Chained on the writes before it: once one fails, every later write and the finish fail too.
      const written = session.queue.then(() => writeAll(session, bytes));
      session.queue = written;
      try {
        await written;
        return session.size;
      } catch (error) {
        await discard(token, session);
        throw failure('写入文件', error);
      }
    },

    async finish(owner: number, token: string): Promise<{ location: string; size: number }> {
      const session = sessionOf(owner, token);
      // Gone from the map first, so a write or a second finish racing this one is refused.
      sessions.delete(token);
      try {
        await session.queue;
        // On disk before it takes the final name: after a power cut the name never points at garbage.
        await session.handle.sync();
        await session.handle.close();
        await fs.rename(partialPathOf(session.target), session.target);
      } catch (error) {
        await discard(token, session);
        throw failure('保存文件', error);
      }
      return { location: session.target, size: session.size };
    },

    async abort(owner: number, token: string): Promise<void> {
      await discard(token, sessionOf(owner, token));
    },

    /** The page went away (window closed, renderer crashed, reloaded): its saves are dropped. */
    async release(owner: number): Promise<void> {
      const mine = [...sessions].filter(([, session]) => session.owner === owner);
      await Promise.all(mine.map(([token, session]) => discard(token, session)));
    },
  };
}

export type SaveSessions = ReturnType<typeof createSaveSessions>;

/**
 * Drops a page's open saves, partial files included, once it can no longer finish them:
 * it navigated or reloaded, its renderer crashed, or its window closed.
 */
export function releaseSavesWhenPageGoes(contents: WebContents, saves: SaveSessions): void {
  // Read now: a destroyed WebContents throws on every property access.
  const id = contents.id;
  const release = () => void saves.release(id);
  contents.on('did-navigate', release);
  contents.on('render-process-gone', release);
  contents.on('destroyed', release);
}
