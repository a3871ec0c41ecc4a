// DOM. One holder at a time for a name: Web Locks hold it across every tab and window of this
// browser profile (one station); where they are missing (unit tests in Node), a queue holds
// it within this page.
const queues = new Map<string, Promise<unknown>>();

export function exclusive<T>(name: string, run: () => Promise<T>): Promise<T> {
  if (typeof navigator !== 'undefined' && navigator.locks) return navigator.locks.request(name, { mode: 'exclusive' }, run) as Promise<T>;
  const before = queues.get(name) ?? Promise.resolve();
  const next = before.catch(() => undefined).then(run);
  queues.set(name, next);
  return next;
}
