// DOM. App-wide settings stored in the database; every read is validated, so a damaged
// record falls back to the default instead of breaking a legality check.
import { z } from 'zod';
import {
  clearRegisteredSchedules,
  parseOfficialSchedule,
  registerOfficialSchedules,
  type OfficialSchedule,
} from '../../../shared/calendar';
import { chinaInstant } from '../../../shared/calendar/chinaTime';
import type { ConsoleDb } from '../data/db';

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, '时间格式应为 时:分，如 22:00');

export const nightHoursSchema = z
  .object({ from: hhmm, to: hhmm })
  .refine((n) => n.from !== n.to, '夜间开始和结束时间不能相同');
export type NightHours = z.output<typeof nightHoursSchema>;

/** 噪声污染防治法 Art. 88: 22:00–06:00, the only statutory definition of night. */
export const DEFAULT_NIGHT: NightHours = { from: '22:00', to: '06:00' };

export async function readNightHours(db: ConsoleDb): Promise<NightHours> {
  const parsed = nightHoursSchema.safeParse((await db.settings.get('nightHours'))?.value);
  return parsed.success ? parsed.data : DEFAULT_NIGHT;
}

export async function saveNightHours(db: ConsoleDb, value: unknown): Promise<NightHours> {
  const parsed = nightHoursSchema.safeParse(value);
  if (!parsed.success) throw new Error(parsed.error.issues.map((i) => i.message).join('；'));
  await db.settings.put({ key: 'nightHours', value: parsed.data, savedAt: chinaInstant(new Date()) });
  return parsed.data;
}

/**
 * Official holiday schedules loaded from files (newer than the built-in data). Stored as
 * the files' JSON and parsed again on every read, then registered with the calendar.
 */
export async function registerStoredSchedules(db: ConsoleDb): Promise<OfficialSchedule[]> {
  const stored = (await db.settings.get('officialSchedules'))?.value;
  const schedules = (Array.isArray(stored) ? stored : [])
    .map((file) => parseOfficialSchedule(file))
    .flatMap((r) => (r.ok ? [r.schedule] : []));
  clearRegisteredSchedules();
  registerOfficialSchedules(schedules);
  return schedules;
}

/** Validates a schedule file's text, stores it (replacing the same year) and registers it. */
export async function loadScheduleFile(db: ConsoleDb, text: string): Promise<OfficialSchedule> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new Error('文件不是有效的 JSON，请使用节假日安排文件格式');
  }
  const parsed = parseOfficialSchedule(json);
  if (!parsed.ok) throw new Error(`节假日安排文件有误：${parsed.errors.join('；')}`);
  await db.transaction('rw', db.settings, async () => {
    const stored = (await db.settings.get('officialSchedules'))?.value;
    const others = (Array.isArray(stored) ? stored : []).filter(
      (f: unknown) => (f as { year?: unknown } | null)?.year !== parsed.schedule.year,
    );
    await db.settings.put({ key: 'officialSchedules', value: [...others, json], savedAt: chinaInstant(new Date()) });
  });
  await registerStoredSchedules(db);
  return parsed.schedule;
}

/** Minutes without keyboard or mouse before the workspace locks; fractions allow short tests. */
export const idleLockSchema = z.number({ error: '请填写分钟数' }).min(0.1, '空闲锁定时间至少 0.1 分钟').max(120, '空闲锁定时间不超过 120 分钟');
export const DEFAULT_IDLE_LOCK_MINUTES = 10;

export async function readIdleLockMinutes(db: ConsoleDb): Promise<number> {
  const parsed = idleLockSchema.safeParse((await db.settings.get('idleLockMinutes'))?.value);
  return parsed.success ? parsed.data : DEFAULT_IDLE_LOCK_MINUTES;
}

export async function saveIdleLockMinutes(db: ConsoleDb, value: unknown): Promise<number> {
  const parsed = idleLockSchema.safeParse(value);
  if (!parsed.success) throw new Error(parsed.error.issues.map((i) => i.message).join('；'));
  await db.settings.put({ key: 'idleLockMinutes', value: parsed.data, savedAt: chinaInstant(new Date()) });
  return parsed.data;
}

/**
 * The office's font folder for the documents (GB/T 9704 typefaces). Electron looks in it
 * again by its location each time a document is printed; a browser page cannot, so there the
 * known font files found in it are kept in the database (documentFontFiles) when chosen.
 */
export const fontFolderSchema = z.object({ location: z.string().min(1).max(1000), remembered: z.boolean() }).strict();
export type FontFolder = z.output<typeof fontFolderSchema>;

const storedFontFileSchema = z
  .object({ name: z.string().min(1).max(200), size: z.number().int().nonnegative(), lastModified: z.number(), bytes: z.custom<Uint8Array>((v) => v instanceof Uint8Array, '字体文件内容无效') })
  .strict();
export type StoredFontFile = z.output<typeof storedFontFileSchema>;

export async function readFontFolder(db: ConsoleDb): Promise<FontFolder | null> {
  const parsed = fontFolderSchema.safeParse((await db.settings.get('documentFontFolder'))?.value);
  return parsed.success ? parsed.data : null;
}

/** The font files kept for a folder the host cannot look in again; none if damaged. */
export async function readStoredFontFiles(db: ConsoleDb): Promise<StoredFontFile[]> {
  const parsed = z.array(storedFontFileSchema).safeParse((await db.settings.get('documentFontFiles'))?.value);
  return parsed.success ? parsed.data : [];
}

/** Remembers the folder, with the files to keep when the host cannot read it again (else none). */
export async function saveFontFolder(db: ConsoleDb, folder: FontFolder, files: StoredFontFile[] = []): Promise<void> {
  const savedAt = chinaInstant(new Date());
  await db.transaction('rw', db.settings, async () => {
    await db.settings.put({ key: 'documentFontFolder', value: fontFolderSchema.parse(folder), savedAt });
    await db.settings.put({ key: 'documentFontFiles', value: z.array(storedFontFileSchema).parse(files), savedAt });
  });
}

/** Forgets the folder and any kept files: the documents use the machine's or the embedded fonts. */
export async function clearFontFolder(db: ConsoleDb): Promise<void> {
  await db.settings.bulkDelete(['documentFontFolder', 'documentFontFiles']);
}
