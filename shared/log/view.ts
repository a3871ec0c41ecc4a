// Pure. A format-2 station entry as the app shows it (a LogEntry, like a format-1 entry, plus
// its writer), and the log entry of an act in the station format. The two refs forms differ
// only where format 1 holds a number: a format-1 seq corrected is kept as its decimal text.
import type { StationEntry } from '../stations/types';
import type { JsonValue } from '../stations/types';
import { inLogOrder } from './order';
import { logCategories, type LogCategory, type LogDataValue, type LogEntry, type LogRefs } from './types';

const LIST_REFS = ['media', 'inventoryItems', 'people'] as const;

/** LogRefs as a station entry holds them (strings and lists of strings only). */
export function stationRefs(refs: LogRefs | undefined): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  if (!refs) return out;
  for (const key of LIST_REFS) if (refs[key]?.length) out[key] = [...refs[key]!];
  if (refs.corrects !== undefined) out['corrects'] = String(refs.corrects);
  if (refs.correctsHash !== undefined) out['correctsHash'] = refs.correctsHash;
  if (refs.checkpoint !== undefined) out['checkpoint'] = refs.checkpoint;
  return out;
}

/** A station entry's refs as LogRefs; other keys (a checkpoint's hash…) stay in the signed entry only. */
export function logRefs(refs: Record<string, string | string[]>): LogRefs {
  const out: LogRefs = {};
  for (const key of LIST_REFS) {
    const v = refs[key];
    if (Array.isArray(v) && v.length) out[key] = v;
  }
  const corrects = refs['corrects'];
  if (typeof corrects === 'string' && /^[1-9]\d{0,15}$/.test(corrects)) out.corrects = Number(corrects);
  const hash = refs['correctsHash'];
  if (typeof hash === 'string') out.correctsHash = hash;
  const checkpoint = refs['checkpoint'];
  if (typeof checkpoint === 'string') out.checkpoint = checkpoint;
  return out;
}

/** Only flat values are data a LogEntry shows; nested ones (a checkpoint's heads) stay in the signed entry. */
function logData(data: Record<string, JsonValue>): Record<string, LogDataValue> | undefined {
  const out: Record<string, LogDataValue> = {};
  let any = false;
  for (const [key, value] of Object.entries(data)) {
    if (value === null || typeof value !== 'object') {
      out[key] = value;
      any = true;
    }
  }
  return any ? out : undefined;
}

const isCategory = (c: string): c is LogCategory => (logCategories as readonly string[]).includes(c);

/** The LogEntry the app shows for a station entry; `name` gives the writer's station name, if known. */
export function logView(entry: StationEntry, name?: string): LogEntry {
  const data = logData(entry.data);
  return {
    operationId: entry.op,
    seq: entry.seq,
    recordedAt: entry.wall,
    occurredAt: entry.occurredAt,
    operator: entry.operator.name,
    group: entry.group,
    category: isCategory(entry.category) ? entry.category : 'system',
    text: entry.text,
    refs: logRefs(entry.refs),
    ...(data ? { data } : {}),
    prevHash: entry.prev,
    hash: entry.hash,
    writer: entry.writer,
    ...(name ? { writerName: name } : {}),
    hlc: { ms: entry.hlc.ms, c: entry.hlc.c },
  };
}

/**
 * Each station's name, from the roster entries held (genesis and pairing name the station;
 * the latest by merged order wins). Stations not named there are shown by their key.
 */
export function stationNames(entries: readonly Pick<StationEntry, 'category' | 'data' | 'hlc'>[]): Map<string, string> {
  const named = entries
    .filter((e) => e.category === 'roster' && typeof e.data['station'] === 'string' && typeof e.data['name'] === 'string' && e.data['name'] !== '')
    .sort((a, b) => a.hlc.ms - b.hlc.ms || a.hlc.c - b.hlc.c);
  return new Map(named.map((e) => [e.data['station'] as string, e.data['name'] as string]));
}

/**
 * One operation's whole log as the app shows it, from what a backup holds: the format-1 chain
 * by seq, then every station's entries (as signed) in merged order, each named with its station.
 * Documents drafted from a backup (court report, 现场笔录) read the log through this.
 */
export function mergedLog(operationId: string, format1: readonly LogEntry[], signed: readonly StationEntry[]): LogEntry[] {
  const own = signed.filter((e) => e.op === operationId);
  const names = stationNames(own);
  return [
    ...format1.filter((e) => e.operationId === operationId && e.writer === undefined).sort((a, b) => a.seq - b.seq),
    ...inLogOrder(own.map((e) => logView(e, names.get(e.writer)))),
  ];
}
