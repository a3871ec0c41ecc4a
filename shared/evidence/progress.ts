// Pure. Progress of a long hash: throughput over a recent window and the time left, as the
// register shows them ("已计算 1.2 GB / 4.0 GB · 310 MB/s · 剩余约 9 秒").

export interface ProgressSample {
  /** Milliseconds, any monotonic clock. */
  at: number;
  bytes: number;
}

/** Throughput windows shorter than this are too noisy to show. */
const MIN_SPAN_MS = 200;

/**
 * Bytes per second over the samples of the last `windowMs` (a recent window follows a disk
 * that slows down; the whole run would not). Undefined until there is enough to measure.
 */
export function throughput(samples: readonly ProgressSample[], windowMs = 3000): number | undefined {
  const last = samples.at(-1);
  if (!last) return undefined;
  const first = samples.find((s) => last.at - s.at <= windowMs) ?? last;
  const span = last.at - first.at;
  if (span < MIN_SPAN_MS || last.bytes <= first.bytes) return undefined;
  return ((last.bytes - first.bytes) * 1000) / span;
}

/** Seconds left at `rate` bytes per second, rounded up; undefined without a rate. */
export function secondsLeft(done: number, total: number, rate: number | undefined): number | undefined {
  if (!rate || rate <= 0) return undefined;
  return Math.ceil(Math.max(0, total - done) / rate);
}

/** Keeps only what `throughput` looks at, so a multi-hour hash does not grow the list. */
export function addSample(samples: readonly ProgressSample[], sample: ProgressSample, windowMs = 3000): ProgressSample[] {
  return [...samples.filter((s) => sample.at - s.at <= windowMs), sample];
}

const UNITS = ['B', 'KB', 'MB', 'GB', 'TB'] as const;

/** Binary units as Windows Explorer shows them: 1.2 GB, 310 MB, 12 KB. */
export function formatBytes(bytes: number): string {
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  const digits = unit >= 3 || (unit > 0 && value < 10) ? 1 : 0;
  return `${value.toFixed(digits)} ${UNITS[unit]}`;
}

export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s} 秒`;
  if (s < 3600) return `${Math.floor(s / 60)} 分 ${s % 60} 秒`;
  return `${Math.floor(s / 3600)} 小时 ${Math.floor((s % 3600) / 60)} 分`;
}

/** The line under the progress bar. */
export function progressLine(done: number, total: number, rate: number | undefined): string {
  const parts = [`已计算 ${formatBytes(done)} / ${formatBytes(total)}`];
  const left = secondsLeft(done, total, rate);
  if (rate !== undefined && left !== undefined) parts.push(`${formatBytes(rate)}/s`, `剩余约 ${formatDuration(left)}`);
  else parts.push('正在估算速度…');
  return parts.join(' · ');
}
