// DOM. Hashes one opened file through the host, step by step (the host streams it off this
// thread), with throughput and time left, and a cancel that the host honours between chunks.
import { useCallback, useEffect, useRef, useState } from 'react';
import { addSample, throughput, type ProgressSample } from '../../../shared/evidence/progress';
import type { HostApi, OpenedFile } from '../../../shared/host/contract';
import { errorText } from '../ui/errors';

/** Bytes per host call: short enough to redraw progress several times a second. */
export const HASH_STEP_BYTES = 32 * 1024 * 1024;

export type HashingState =
  | { status: 'idle' }
  | { status: 'hashing'; file: OpenedFile; hashed: number; rate?: number }
  | { status: 'done'; file: OpenedFile; sha256: string }
  | { status: 'cancelled'; file: OpenedFile }
  | { status: 'failed'; file: OpenedFile; message: string };

type Host = Pick<HostApi, 'hashFile' | 'closeFile'>;

export function useFileHashing(host: Host) {
  const [state, setState] = useState<HashingState>({ status: 'idle' });
  const current = useRef<{ file: OpenedFile; cancelled: boolean } | null>(null);

  const cancel = useCallback(() => {
    const run = current.current;
    if (!run) return;
    run.cancelled = true;
    current.current = null;
    setState({ status: 'cancelled', file: run.file });
    // Closing drops the host's hash state; a step in flight stops at its next chunk.
    void host.closeFile({ token: run.file.token }).catch(() => undefined);
  }, [host]);

  /** Resolves to the SHA-256, or undefined if it was cancelled or failed (the state says which). */
  const start = useCallback(
    async (file: OpenedFile): Promise<string | undefined> => {
      cancel();
      const run = { file, cancelled: false };
      current.current = run;
      let samples: ProgressSample[] = [{ at: performance.now(), bytes: 0 }];
      setState({ status: 'hashing', file, hashed: 0 });
      try {
        for (;;) {
          const step = await host.hashFile({ token: file.token, maxBytes: HASH_STEP_BYTES });
          if (run.cancelled) return undefined;
          if (step.sha256) {
            current.current = null;
            setState({ status: 'done', file, sha256: step.sha256 });
            await host.closeFile({ token: file.token });
            return step.sha256;
          }
          samples = addSample(samples, { at: performance.now(), bytes: step.hashedBytes });
          setState({ status: 'hashing', file, hashed: step.hashedBytes, rate: throughput(samples) });
        }
      } catch (e) {
        if (run.cancelled) return undefined;
        current.current = null;
        setState({ status: 'failed', file, message: errorText(e) });
        await host.closeFile({ token: file.token }).catch(() => undefined);
        return undefined;
      }
    },
    [host, cancel],
  );

  // Leaving the screen stops the work: no hash keeps reading a file nobody waits for.
  useEffect(() => cancel, [cancel]);

  return { state, start, cancel };
}
