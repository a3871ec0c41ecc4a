// Pure. China Standard Time (UTC+08:00, no daylight saving): every date the console
// shows or stores is a date in Beijing, whatever the machine's time zone.

const OFFSET_MS = 8 * 60 * 60 * 1000;

/** YYYY-MM-DD of the instant in China. */
export function chinaDate(instant: Date): string {
  return new Date(instant.getTime() + OFFSET_MS).toISOString().slice(0, 10);
}

/** ISO 8601 with +08:00, millisecond precision: 2026-03-05T09:30:00.000+08:00. */
export function chinaInstant(instant: Date): string {
  return new Date(instant.getTime() + OFFSET_MS).toISOString().replace('Z', '+08:00');
}
