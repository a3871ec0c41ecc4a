// Main process. Automatic backups: a rolling set of backup files per operation in the data
// folder. Each is written like a streamed save (partial file, fsync, rename), and the
// oldest are removed only once the new one is on disk, so a full disk never costs a backup.
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { errorCode, HostError } from './errors';
import type { SaveSessions } from './saveSessions';

const BACKUP_NAME = /^\d{8}-\d{6}-\d{3}\.json$/;

/** 20261123-071530-123: sorts by time, readable, safe on every file system. */
const stamp = (d: Date): string => d.toISOString().replace(/[-:]/g, '').replace('T', '-').replace('.', '-').slice(0, 19);

export function createAutoBackups(root: () => string, saves: SaveSessions, now: () => Date = () => new Date()) {
  return {
    async write(owner: number, operationId: string, bytes: Uint8Array, keep: number): Promise<{ location: string; kept: number }> {
      const folder = join(root(), 'backups', operationId);
      const location = join(folder, `${stamp(now())}.json`);
      try {
        await fs.mkdir(folder, { recursive: true });
        const token = await saves.begin(owner, location);
        await saves.write(owner, token, bytes);
        await saves.finish(owner, token);
      } catch (error) {
        // Node's own messages name the path; only the saves' own messages and error codes are shown.
        const cause = error instanceof HostError ? error.message : `写入失败（${errorCode(error) ?? '未知原因'}）`;
        throw new HostError(`自动备份未能写入（${cause}）。已有的备份和本机数据不受影响；请清理磁盘空间，或在行动列表中把备份导出到其他磁盘。`);
      }
      const names = (await fs.readdir(folder)).filter((n) => BACKUP_NAME.test(n)).sort();
      for (const old of names.slice(0, Math.max(0, names.length - keep))) await fs.rm(join(folder, old), { force: true });
      return { location, kept: Math.min(names.length, keep) };
    },
  };
}
