import { describe, expect, it } from 'vitest';
import { addSample, formatBytes, formatDuration, progressLine, secondsLeft, throughput } from '../../shared/evidence/progress';

const MB = 1024 * 1024;
const GB = 1024 * MB;

describe('hash progress', () => {
  it('measures throughput over the recent window only', () => {
    expect(throughput([])).toBeUndefined();
    expect(throughput([{ at: 0, bytes: 0 }])).toBeUndefined();
    expect(throughput([{ at: 0, bytes: 0 }, { at: 100, bytes: MB }])).toBeUndefined(); // too short to trust
    expect(throughput([{ at: 0, bytes: 0 }, { at: 1000, bytes: 300 * MB }])).toBe(300 * MB);
    // A disk that slowed down: the old fast second is outside the 3 s window.
    const samples = [
      { at: 0, bytes: 0 },
      { at: 1000, bytes: 1000 * MB },
      { at: 3000, bytes: 1100 * MB },
      { at: 5000, bytes: 1300 * MB },
    ];
    expect(throughput(samples)).toBe(100 * MB);
  });

  it('keeps only the samples the window needs', () => {
    let samples = [{ at: 0, bytes: 0 }];
    for (let t = 100; t <= 60_000; t += 100) samples = addSample(samples, { at: t, bytes: t * 1000 });
    expect(samples.length).toBeLessThanOrEqual(31);
    expect(throughput(samples)).toBe(1_000_000);
  });

  it('estimates the time left, rounded up', () => {
    expect(secondsLeft(GB, 4 * GB, undefined)).toBeUndefined();
    expect(secondsLeft(GB, 4 * GB, 0)).toBeUndefined();
    expect(secondsLeft(GB, 4 * GB, GB / 3)).toBe(9);
    expect(secondsLeft(4 * GB, 4 * GB, MB)).toBe(0);
  });

  it('formats sizes, durations and the progress line in Chinese', () => {
    expect(formatBytes(0)).toBe('0 B');
    expect(formatBytes(12 * 1024)).toBe('12 KB');
    expect(formatBytes(5.5 * MB)).toBe('5.5 MB');
    expect(formatBytes(310 * MB)).toBe('310 MB');
    expect(formatBytes(1.2 * GB)).toBe('1.2 GB');
    expect(formatDuration(9)).toBe('9 秒');
    expect(formatDuration(185)).toBe('3 分 5 秒');
    expect(formatDuration(3725)).toBe('1 小时 2 分');
    expect(progressLine(1.2 * GB, 4 * GB, 310 * MB)).toBe('已计算 1.2 GB / 4.0 GB · 310 MB/s · 剩余约 10 秒');
    expect(progressLine(0, 4 * GB, undefined)).toBe('已计算 0 B / 4.0 GB · 正在估算速度…');
  });
});
