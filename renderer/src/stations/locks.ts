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

interface Lingering {
  tasks: Array<{ go: () => Promise<void>; fail: (error: unknown) => void }>;
  wake?: () => void;
}
const lingering = new Map<string, Lingering>();

/**
 * As exclusive(), but once taken the Web Lock is kept `lingerMs` after this page's last run
 * ended, and the runs this page asks for meanwhile take it without asking the browser again
 * (each request is a round trip to the browser process, in every append of a burst). Another
 * page waits at most `lingerMs` longer. Runs of this page keep their order.
 */
export function exclusiveLingering<T>(name: string, run: () => Promise<T>, lingerMs: number): Promise<T> {
  if (typeof navigator === 'undefined' || !navigator.locks) return exclusive(name, run);
  return new Promise<T>((resolve, reject) => {
    const task = { go: () => run().then(resolve, reject), fail: reject };
    const held = lingering.get(name);
    if (held) {
      held.tasks.push(task);
      held.wake?.();
      return;
    }
    const state: Lingering = { tasks: [task] };
    lingering.set(name, state);
    navigator.locks
      .request(name, { mode: 'exclusive' }, async () => {
        for (;;) {
          const next = state.tasks.shift();
          if (next) {
            await next.go();
            continue;
          }
          await new Promise<void>((woken) => {
            state.wake = woken;
            setTimeout(woken, lingerMs);
          });
          state.wake = undefined;
          if (state.tasks.length === 0) {
            lingering.delete(name);
            return;
          }
        }
      })
      .catch((error: unknown) => {
        lingering.delete(name);
        for (const t of state.tasks.splice(0)) t.fail(error);
      });
  });
}
