// DOM. The station's PIN store as the app reaches it: through the host (the Electron main
// process, or the browser twin), so the page never holds a PIN hash. `useEnrolled` lists who
// has a PIN here and reads it again after every enrolment made in this window.
import { useEffect, useState } from 'react';
import { create } from 'zustand';
import type { PinStore } from '../../../shared/operators/pinStore';
import { host } from '../host';

export const pins: PinStore = {
  enrolled: async (operationId) => (await host.pinStatus({ operationId })).enrolled,
  enrol: (request) => host.enrolPin(request),
  verify: (request) => host.verifyPin(request),
};

const usePinVersion = create<{ version: number; bump: () => void }>((set) => ({
  version: 0,
  bump: () => set((s) => ({ version: s.version + 1 })),
}));

/** Call after an enrolment, so every list of who has a PIN reads it again. */
export const pinsChanged = () => usePinVersion.getState().bump();

/** Who has a PIN in this operation on this station; undefined while reading. */
export function useEnrolled(operationId: string): string[] | undefined {
  const version = usePinVersion((s) => s.version);
  const [enrolled, setEnrolled] = useState<{ key: string; list: string[] }>();
  const key = `${operationId}:${version}`;
  useEffect(() => {
    let live = true;
    pins.enrolled(operationId).then(
      (list) => live && setEnrolled({ key, list }),
      () => live && setEnrolled({ key, list: [] }),
    );
    return () => {
      live = false;
    };
  }, [operationId, key]);
  return enrolled?.key === key ? enrolled.list : undefined;
}
