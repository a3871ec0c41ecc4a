// Pure. Where sign-in PINs are kept and checked, whichever process holds them (the Electron
// main process, or the page in browser mode): enrolment, sign-in with the lockout, and a list
// of who has a PIN — never the hashes. A PIN is enrolled only with the PIN of someone already
// enrolled confirming it (the commander, as the app checks), except the operation's very first
// PIN on this station: the commander's own, at the station's first start. PIN records are of
// this station alone: they are not records of the operation, never replicate, never go into a
// backup or archive, and no method deletes them.
import {
  afterFailure,
  failureMessage,
  hashPin,
  lockoutMessage,
  PIN_KDF,
  pinHashOutdated,
  pinProblem,
  verifyPin,
  type AttemptState,
  type PinHash,
} from './pin';

/** A person's sign-in for one operation on this station. */
export interface PinRecord extends AttemptState {
  operationId: string;
  personId: string;
  pin: PinHash;
  createdAt: string;
}

/**
 * The records of one operation, read and changed as one step: `change` sees the operation's
 * records as they are and returns the record to write (if any) and the result. Implementations
 * run one step at a time per operation, so two windows cannot both take the first PIN.
 */
export interface PinBackend {
  step<T>(operationId: string, change: (records: readonly PinRecord[]) => { write?: PinRecord; result: T }): Promise<T>;
}

export interface PinAuthoriser {
  personId: string;
  pin: string;
}

export type EnrolResult = { status: 'enrolled'; replaced: boolean } | { status: 'refused'; message: string };
export type VerifyResult = { ok: true } | { ok: false; message: string };

export interface PinStore {
  /** Who has a PIN in this operation on this station. */
  enrolled(operationId: string): Promise<string[]>;
  enrol(request: { operationId: string; personId: string; pin: string; authoriser: PinAuthoriser | null }): Promise<EnrolResult>;
  verify(request: { operationId: string; personId: string; pin: string }): Promise<VerifyResult>;
}

export const FIRST_PIN_TAKEN = '本行动在本工作站已有人员登记 PIN：登记或重置 PIN 须由现场执行指挥输入本人 PIN 确认';

interface Options {
  /** Epoch ms; the lockout is counted against it. */
  now?: () => number;
  /** Only for tests that need speed. */
  kdf?: Pick<PinHash, 'N' | 'r' | 'p' | 'dkLen'>;
  /** ISO instant for createdAt. */
  instant?: () => string;
}

export function createPinStore(backend: PinBackend, options: Options = {}): PinStore {
  const now = options.now ?? Date.now;
  const kdf = options.kdf ?? PIN_KDF;
  const instant = options.instant ?? (() => new Date(now()).toISOString());
  const read = (operationId: string, personId: string) => backend.step(operationId, (records) => ({ result: records.find((r) => r.personId === personId) }));

  // The slow hash runs outside the step; the step then re-reads the record, so a try counted
  // meanwhile in another window is not lost.
  async function verify({ operationId, personId, pin }: { operationId: string; personId: string; pin: string }): Promise<VerifyResult> {
    const record = await read(operationId, personId);
    if (!record) return { ok: false, message: '尚未在本工作站登记 PIN' };
    const at = now();
    const locked = lockoutMessage(record, at);
    if (locked) return { ok: false, message: locked };
    const right = await verifyPin(pin, record.pin);
    const rehashed = right && pinHashOutdated(record.pin) && kdf === PIN_KDF ? await hashPin(pin, kdf) : undefined;
    return backend.step(operationId, (records): { write: PinRecord; result: VerifyResult } => {
      const current = records.find((r) => r.personId === personId) ?? record;
      if (!right) {
        const next = afterFailure(current, at);
        const { lockedUntil: _old, ...rest } = current;
        return { write: { ...rest, ...next }, result: { ok: false, message: failureMessage(next, at) } };
      }
      const { lockedUntil: _lock, ...rest } = current;
      return { write: { ...rest, pin: rehashed ?? current.pin, failedAttempts: 0 }, result: { ok: true } };
    });
  }

  return {
    enrolled: (operationId) => backend.step(operationId, (records) => ({ result: records.map((r) => r.personId) })),

    verify,

    async enrol({ operationId, personId, pin, authoriser }) {
      const problem = pinProblem(pin);
      if (problem) return { status: 'refused', message: problem };
      if (authoriser) {
        const confirmed = await verify({ operationId, personId: authoriser.personId, pin: authoriser.pin });
        if (!confirmed.ok) return { status: 'refused', message: `确认人的 PIN：${confirmed.message}` };
      }
      const pinHash = await hashPin(pin, kdf);
      return backend.step(operationId, (records): { write?: PinRecord; result: EnrolResult } => {
        if (!authoriser && records.length > 0) return { result: { status: 'refused', message: FIRST_PIN_TAKEN } };
        const replaced = records.some((r) => r.personId === personId);
        return { write: { operationId, personId, pin: pinHash, createdAt: instant(), failedAttempts: 0 }, result: { status: 'enrolled', replaced } };
      });
    },
  };
}

/** A backend held in memory (tests, and the in-memory twin of the file the main process keeps). */
export function memoryPinBackend(records: PinRecord[] = []): PinBackend & { records: PinRecord[] } {
  let queue: Promise<unknown> = Promise.resolve();
  const backend = {
    records,
    step<T>(operationId: string, change: (records: readonly PinRecord[]) => { write?: PinRecord; result: T }): Promise<T> {
      const run = queue.then(() => {
        const { write, result } = change(backend.records.filter((r) => r.operationId === operationId));
        if (write) backend.records = [...backend.records.filter((r) => !(r.operationId === write.operationId && r.personId === write.personId)), write];
        return result;
      });
      queue = run.catch(() => undefined);
      return run;
    },
  };
  return backend;
}
