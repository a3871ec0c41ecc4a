// DOM. Small pieces the 工作站与同步 screens share: a poll of the host (the hub's state
// lives on the Node side, not in Dexie), the short code in large digits, a QR code, times.
import { useCallback, useEffect, useRef, useState } from 'react';
import qrcode from 'qrcode-generator';
import { errorText } from '../ui/errors';

export interface Polled<T> {
  value?: T;
  error?: string;
  reload: () => void;
}

/** Calls `load` now and every `ms` while mounted; keeps the last answer when one fails. */
export function usePoll<T>(load: () => Promise<T>, ms: number, key: string): Polled<T> {
  const [value, setValue] = useState<T>();
  const [error, setError] = useState<string>();
  const loadRef = useRef(load);
  loadRef.current = load;
  const run = useCallback(() => {
    loadRef.current().then(
      (v) => {
        setValue(v);
        setError(undefined);
      },
      (e: unknown) => setError(errorText(e)),
    );
  }, []);
  useEffect(() => {
    run();
    const timer = window.setInterval(run, ms);
    return () => window.clearInterval(timer);
  }, [run, ms, key]);
  return { value, error, reload: run };
}

/** The short authentication string, large enough to read across a table. */
export function Sas({ code, testId }: { code: string; testId?: string }) {
  return (
    <span className="stations-sas" data-testid={testId}>
      {code}
    </span>
  );
}

/** A QR code of `text` as an SVG drawn from the code's modules (no image data, nothing inline to run). */
export function QrCode({ text, size = 200 }: { text: string; size?: number }) {
  const qr = qrcode(0, 'M');
  qr.addData(text, 'Byte');
  qr.make();
  const n = qr.getModuleCount();
  const margin = 2;
  let path = '';
  for (let r = 0; r < n; r++) for (let c = 0; c < n; c++) if (qr.isDark(r, c)) path += `M${c + margin} ${r + margin}h1v1h-1z`;
  const total = n + margin * 2;
  return (
    <svg width={size} height={size} viewBox={`0 0 ${total} ${total}`} shapeRendering="crispEdges" role="img" aria-label="配对二维码" data-testid="invite-qr">
      <rect width={total} height={total} fill="#fff" />
      <path d={path} fill="#000" />
    </svg>
  );
}

/** A moment as Beijing time of day (HH:mm:ss), or 从未 when there was none. */
export function timeOfDay(iso: string | undefined): string {
  if (!iso) return '从未';
  const ms = Date.parse(iso);
  if (!Number.isFinite(ms)) return '—';
  return new Date(ms + 8 * 3600_000).toISOString().slice(11, 19);
}

/** A CA fingerprint grouped in fours, as a phone's certificate screen shows it. */
export const groupedFingerprint = (hex: string) => hex.match(/.{1,4}/g)?.join(' ') ?? hex;

/** A station key as the screens shorten it. */
export const shortKey = (key: string) => key.slice(0, 8);
