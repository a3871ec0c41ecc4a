// DOM. Renders a document when asked and tracks the progress: loading a 15 MB font and
// laying out a plan takes a second or two, during which the user sees a spinner.
import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { PdfBytes } from '../../../shared/documents/render';
import { errorText } from '../ui/errors';

export type PdfState =
  | { status: 'idle' }
  | { status: 'rendering' }
  | { status: 'ready'; bytes: PdfBytes }
  | { status: 'error'; message: string };

/**
 * Runs `render` each time `active` becomes true and on retry(). The latest `render` is
 * used without restarting, so callers may pass an inline function; a result that arrives
 * after a newer run started is dropped.
 */
export function usePdf(render: () => Promise<PdfBytes>, active: boolean): PdfState & { retry: () => void } {
  const [state, setState] = useState<PdfState>({ status: 'idle' });
  const [attempt, setAttempt] = useState(0);
  const renderRef = useRef(render);
  useLayoutEffect(() => {
    renderRef.current = render;
  });

  useEffect(() => {
    if (!active) {
      setState({ status: 'idle' });
      return;
    }
    let current = true;
    setState({ status: 'rendering' });
    renderRef.current().then(
      (bytes) => current && setState({ status: 'ready', bytes }),
      (error: unknown) => current && setState({ status: 'error', message: errorText(error) }),
    );
    return () => {
      current = false;
    };
  }, [active, attempt]);

  const retry = useCallback(() => setAttempt((n) => n + 1), []);
  return { ...state, retry };
}
