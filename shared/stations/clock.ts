// Pure. Station clocks. At every contact the hub measures how far a station's clock is from
// its own; the offset is logged (a 'clock' entry on the hub's chain) when it is first seen,
// moves, or crosses the flag. A station more than 60 s off is flagged: its wall times are
// not trusted for the night and holiday rules (行政强制法 第四十三条), so a clock set back
// cannot make a night act look like a day act.
import type { EntryInput } from './entry';
import { HUB_OPERATOR } from './checkpoints';
import type { StationEntry } from './types';

export const CLOCK_FLAG_MS = 60_000;
/** A measured offset that moved less than this since the last logged one is not logged again. */
export const CLOCK_LOG_STEP_MS = 2_000;

export interface ClockOffset {
  station: string;
  /** Station clock minus hub clock, ms (positive: the station runs ahead). */
  offsetMs: number;
  /** Round trip of the measurement, ms; the offset is uncertain by half of it. */
  rttMs: number;
  /** The hub's time of the measurement, epoch ms. */
  atMs: number;
}

/**
 * The offset from one exchange: the station stamped its request at `stationSentMs` (its
 * clock), the hub received it at `hubReceivedMs`; `rttMs` is the previous round trip the
 * station reported (0 if none). Half the round trip is the one-way delay.
 */
export const measureOffset = (stationSentMs: number, hubReceivedMs: number, rttMs = 0): number =>
  stationSentMs + rttMs / 2 - hubReceivedMs;

function duration(ms: number): string {
  const s = Math.round(Math.abs(ms) / 1000);
  return s < 120 ? `${s} 秒` : s < 7200 ? `${Math.round(s / 60)} 分钟` : `${Math.round(s / 360) / 10} 小时`;
}

/** The flag for an offset, in Chinese, or null within 60 s. */
export function clockFlag(offsetMs: number): string | null {
  if (Math.abs(offsetMs) <= CLOCK_FLAG_MS) return null;
  return `该工作站时钟比同步中心${offsetMs > 0 ? '快' : '慢'} ${duration(offsetMs)}（超过 60 秒）：其记录时间不能用于夜间和节假日规则的判断，须以同步中心时间核对`;
}

export function shouldLogOffset(lastLogged: number | undefined, offsetMs: number): boolean {
  if (lastLogged === undefined) return true;
  if ((clockFlag(lastLogged) === null) !== (clockFlag(offsetMs) === null)) return true;
  return Math.abs(offsetMs - lastLogged) >= CLOCK_LOG_STEP_MS;
}

export function clockInput(offset: ClockOffset, name: string): EntryInput {
  const flag = clockFlag(offset.offsetMs);
  return {
    operator: HUB_OPERATOR,
    category: 'clock',
    text: `工作站「${name}」时钟偏差 ${offset.offsetMs >= 0 ? '+' : '-'}${duration(offset.offsetMs)}${flag ? '（已标记）' : ''}`,
    data: { station: offset.station, offsetMs: Math.round(offset.offsetMs), rttMs: Math.round(offset.rttMs), atMs: offset.atMs, flagged: flag !== null },
  };
}

/** Offsets logged by hubs, per station, in HLC order. */
export function loggedOffsets(entries: readonly StationEntry[], hubs: ReadonlySet<string>): Map<string, ClockOffset[]> {
  const out = new Map<string, ClockOffset[]>();
  const logged = entries
    .filter((e) => e.category === 'clock' && hubs.has(e.writer))
    .sort((a, b) => a.hlc.ms - b.hlc.ms || a.hlc.c - b.hlc.c);
  for (const e of logged) {
    const { station, offsetMs, rttMs, atMs } = e.data;
    if (typeof station !== 'string' || typeof offsetMs !== 'number' || typeof atMs !== 'number') continue;
    const list = out.get(station) ?? [];
    list.push({ station, offsetMs, rttMs: typeof rttMs === 'number' ? rttMs : 0, atMs });
    out.set(station, list);
  }
  return out;
}

export interface TrustedTime {
  /** The entry's wall time corrected by the offset measured nearest before it (hub time), epoch ms. */
  ms: number;
  /** Set when the offset in force was flagged, or none was ever measured. */
  flag: string | null;
}

/**
 * When an entry was written, in the hub's time: what the night rule must use. With no
 * measurement the station's own clock stands, flagged as unchecked.
 */
export function trustedTime(entry: StationEntry, offsets: ReadonlyMap<string, ClockOffset[]>): TrustedTime {
  const wall = Date.parse(entry.wall);
  const list = offsets.get(entry.writer) ?? [];
  let inForce: ClockOffset | undefined;
  for (const o of list) if (o.atMs <= wall - o.offsetMs) inForce = o;
  inForce ??= list[0];
  if (!inForce) return { ms: wall, flag: '该工作站的时钟尚未与同步中心核对' };
  return { ms: wall - inForce.offsetMs, flag: clockFlag(inForce.offsetMs) };
}
