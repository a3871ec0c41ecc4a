// Main process. Errors that may cross IPC: a Chinese message, never a path or file content.
import { HostContractError } from '../../shared/host/contract';

/** A failure whose message was written for the user and is safe to send to the page. */
export class HostError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'HostError';
  }
}

/** Node's error code (ENOENT, ENOSPC…) when it looks like one; safe to show, unlike the message. */
export function errorCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^[A-Z0-9_]{1,32}$/.test(code) ? code : undefined;
}

/**
 * What the page is told when a call fails. Node's own errors name the file they failed on,
 * so only their code (ENOENT, EACCES…) is passed on.
 */
export function toSafeError(method: string, error: unknown): Error {
  if (error instanceof HostError || error instanceof HostContractError) return error;
  const code = errorCode(error);
  const detail = code ? `（${code}）` : '';
  return new HostError(`主机操作 ${method} 失败${detail}`);
}
