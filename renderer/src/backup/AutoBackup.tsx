// DOM. Automatic backups of the open operation: on every phase change (start, stop,
// resume, completion…) and every AUTO_BACKUP_MINUTES while new entries are unsaved. The
// desktop app writes a rolling set into the data folder; a browser cannot, so it reminds
// the user and offers the download (encrypted by default).
import { useCallback, useEffect, useRef, useState } from 'react';
import { Alert, App, Button, Tag, Tooltip } from 'antd';
import Dexie from 'dexie';
import { create } from 'zustand';
import { persist } from 'zustand/middleware';
import { useLiveQuery } from 'dexie-react-hooks';
import { chinaDate, chinaInstant } from '../../../shared/calendar/chinaTime';
import { exportOperationBackup } from '../archive/backupRepository';
import { db, DB_NAME } from '../data/db';
import { host } from '../host';
import { errorText } from '../ui/errors';
import { useExportProtection } from './ExportProtection';
import { protectExport } from './protectedFiles';

export const AUTO_BACKUP_MINUTES = 10;
/** Backups kept per operation in the data folder. */
export const AUTO_BACKUP_KEEP = 20;
/** Log categories after which a backup is taken at once. */
const PHASE_CATEGORIES = new Set(['phase', 'suspension', 'resumption', 'termination']);

interface LastBackup {
  /** How many log entries the backup holds (both formats, newestEntry). */
  seq: number;
  at: string;
  location: string;
}

/** The last backup per operation, remembered across reloads (per database, like the pinned log head). */
const useLastBackups = create<{ byOperation: Record<string, LastBackup>; set: (operationId: string, backup: LastBackup) => void }>()(
  persist(
    (set) => ({
      byOperation: {},
      set: (operationId, backup) => set((s) => ({ byOperation: { ...s.byOperation, [operationId]: backup } })),
    }),
    { name: `enforcement-console.autoBackup.${DB_NAME}` },
  ),
);

let mode: Promise<'electron' | 'browser'> | undefined;
const hostMode = () => (mode ??= host.appInfo({}).then((info) => info.mode));

/**
 * How many entries the log holds and the newest one's category, read from the ends of the log
 * only: the format-1 chain (its last seq is its length), then the signed entries' mirror
 * (format 2, in merged order), so the count runs on across both formats.
 */
async function newestEntry(operationId: string) {
  const [format1, signed, count] = await Promise.all([
    db.logEntries.where('[operationId+seq]').between([operationId, Dexie.minKey], [operationId, Dexie.maxKey]).last(),
    db.stationEntries.where('[operationId+order]').between([operationId, Dexie.minKey], [operationId, Dexie.maxKey]).last(),
    db.stationEntries.where('operationId').equals(operationId).count(),
  ]);
  return { seq: (format1?.seq ?? 0) + count, category: (signed ?? format1)?.category ?? '' };
}

function useAutoBackup(operationId: string) {
  const last = useLastBackups((s) => s.byOperation[operationId] ?? null);
  const setLast = useLastBackups((s) => s.set);
  const [failure, setFailure] = useState<string | null>(null);
  const [due, setDue] = useState<'phase' | 'schedule' | null>(null);
  const [currentMode, setMode] = useState<'electron' | 'browser' | null>(null);
  const newest = useLiveQuery(() => newestEntry(operationId), [operationId]);
  const dirtySince = useRef<number | null>(null);
  const running = useRef(false);

  useEffect(() => void hostMode().then(setMode), []);

  const remember = useCallback(
    (backup: LastBackup) => {
      setLast(operationId, backup);
      setDue(null);
      setFailure(null);
      dirtySince.current = null;
    },
    [operationId, setLast],
  );

  /** The backup file's text and the last seq it holds, read in one transaction. */
  const snapshot = useCallback(async () => {
    const text = await exportOperationBackup(db, operationId);
    return { text, seq: (await newestEntry(operationId)).seq };
  }, [operationId]);

  const writeToDataFolder = useCallback(async () => {
    if (running.current) return;
    running.current = true;
    try {
      const { text, seq } = await snapshot();
      const { location } = await host.writeAutoBackup({ operationId, bytes: new TextEncoder().encode(text), keep: AUTO_BACKUP_KEEP });
      remember({ seq, at: chinaInstant(new Date()), location });
    } catch (e) {
      setFailure(errorText(e));
    } finally {
      running.current = false;
    }
  }, [operationId, remember, snapshot]);

  // A phase change is due at once; other entries once they have waited AUTO_BACKUP_MINUTES.
  useEffect(() => {
    if (!newest || newest.seq <= (last?.seq ?? 0)) return;
    dirtySince.current ??= Date.now();
    if (PHASE_CATEGORIES.has(newest.category)) setDue('phase');
  }, [newest, last]);

  useEffect(() => {
    const timer = setInterval(() => {
      if (dirtySince.current !== null && Date.now() - dirtySince.current >= AUTO_BACKUP_MINUTES * 60_000) setDue((d) => d ?? 'schedule');
    }, 15_000);
    return () => clearInterval(timer);
  }, []);

  useEffect(() => {
    if (due && currentMode === 'electron') void writeToDataFolder();
  }, [due, currentMode, writeToDataFolder]);

  return { last, failure, due, mode: currentMode, unsaved: newest ? newest.seq - (last?.seq ?? 0) : 0, remember, snapshot, retry: writeToDataFolder };
}

const hhmm = (instant: string) => `${instant.slice(5, 10)} ${instant.slice(11, 16)}`;

const hhmmOf = (backup: LastBackup | null) => (backup ? `${hhmm(backup.at)}（至第${backup.seq}条）` : '尚无');

/** In the workspace header: when the last backup was taken. */
export function AutoBackupTag({ operationId }: { operationId: string }) {
  const last = useLastBackups((s) => s.byOperation[operationId] ?? null);
  return (
    <Tooltip title={last ? `最近一次备份：${last.location}` : `每次环节变化及每 ${AUTO_BACKUP_MINUTES} 分钟备份一次`}>
      <Tag data-testid="auto-backup">备份 {hhmmOf(last)}</Tag>
    </Tooltip>
  );
}

/** Under the header: takes the automatic backups, and shows the reminder or the failure. */
export function AutoBackup({ operationId, title }: { operationId: string; title: string }) {
  const { message } = App.useApp();
  const backup = useAutoBackup(operationId);
  const protect = useExportProtection();
  const [downloading, setDownloading] = useState(false);

  const download = async () => {
    const protection = await protect.ask('备份');
    if (!protection) return;
    setDownloading(true);
    try {
      const { text, seq } = await backup.snapshot();
      const file = await protectExport(new TextEncoder().encode(text), `${title}-备份-${chinaDate(new Date())}.json`, protection);
      const saved = await host.saveFile({ suggestedName: file.name, bytes: file.bytes, filters: [{ name: '行动备份', extensions: file.extensions }] });
      if (saved.status === 'saved') {
        backup.remember({ seq, at: chinaInstant(new Date()), location: saved.location });
        message.success(`备份已保存：${saved.location}`);
      }
    } catch (e) {
      message.error(`备份失败：${errorText(e)}`);
    } finally {
      setDownloading(false);
    }
  };

  if (backup.mode === null) return protect.dialog;
  return (
    <>
      {protect.dialog}
      {backup.failure && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 12 }}
          title={backup.failure}
          action={
            <Button size="small" onClick={() => void backup.retry()}>
              重试
            </Button>
          }
        />
      )}
      {backup.mode === 'browser' && backup.due && backup.unsaved > 0 && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          data-testid="backup-reminder"
          title={`${backup.due === 'phase' ? '执行环节已变化' : `已超过 ${AUTO_BACKUP_MINUTES} 分钟`}，有 ${backup.unsaved} 条日志尚未备份（上次备份：${hhmmOf(backup.last)}）。浏览器模式不能自动写入数据文件夹，请下载备份，保存到本机或移动存储。`}
          action={
            <Button size="small" type="primary" loading={downloading} onClick={() => void download()}>
              下载备份
            </Button>
          }
        />
      )}
    </>
  );
}
