// DOM. App-wide settings stored in the database; every read is validated, so a damaged
// record falls back to the default instead of breaking a legality check.
import { z } from 'zod';
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
