// DOM. This station's replication in the app. For every operation it has a link for (its own
// hub's, made by 开放同步; or a hub it joined by an invite) the operation's store replicates
// live, both ways, with `<own origin>/hub/<db>`: the Node side's proxy adds the pinned CA and
// this station's credential, so the page never holds either. PouchDB retries with a backoff
// while the hub cannot be reached; arrivals are projected by projection.ts (it follows the
// store's changes feed). The state here is UI state (zustand): what the status line shows.
import { create } from 'zustand';
import { HUB_PROXY_PATH, type StationLinkStatus } from '../../../shared/host/contract';
import { ENTRY_PREFIX } from '../../../shared/stations/docs';
import type { ConsoleDb } from '../data/db';
import { host } from '../host';
import { ready } from '../record/projection';
import { localSigner, openStore } from './local';
import type { StationStore } from './store';

export type SyncState = 'connecting' | 'active' | 'idle' | 'offline' | 'error' | 'revoked';

export interface OperationSync {
  op: string;
  state: SyncState;
  /** When the last exchange with the hub finished with nothing left to send or fetch. */
  syncedAt?: string;
  /** This station's own entries not yet handed to the hub. */
  waiting: number;
  /** Places where one station's chain has two different entries with one number (both kept, flagged). */
  forks: number;
  link: StationLinkStatus;
}

interface SyncUi {
  byOp: Record<string, OperationSync | undefined>;
  online: boolean;
}

export const useSync = create<SyncUi>(() => ({ byOp: {}, online: navigator.onLine }));

export const syncStateLabels: Record<SyncState, string> = {
  connecting: '正在连接',
  active: '同步中',
  idle: '已同步',
  offline: '离线',
  error: '同步出错',
  revoked: '本站已被撤销',
};

/** How often the links are re-read (a join or a hub opened elsewhere in the app calls refreshSync at once). */
const LINKS_EVERY_MS = 10_000;
/** The own seq the hub had at the last idle pause, per operation: survives a reload, so "待同步" stays right offline. */
const sentKey = (op: string) => `enforcement-console.sync.sent.${op}`;

interface Running {
  store: StationStore;
  /** False once the hub revoked this station: the store is still followed (its own entries waiting are shown). */
  replicating: boolean;
}

const running = new Map<string, Running>();
let started: ConsoleDb | undefined;
let refreshing: Promise<void> | undefined;

const sentSeq = (op: string) => Number(localStorage.getItem(sentKey(op)) ?? 0) || 0;

function update(op: string, patch: Partial<OperationSync>): void {
  useSync.setState((s) => {
    const before = s.byOp[op];
    if (!before && !patch.link) return s;
    return { byOp: { ...s.byOp, [op]: { ...(before as OperationSync), ...patch, op } } };
  });
}

function waitingOf(store: StationStore): number {
  return Math.max(0, (store.ownHead()?.seq ?? 0) - sentSeq(store.op));
}

function forksOf(store: StationStore): number {
  const seen = new Set<string>();
  let forks = 0;
  for (const { writer, seq } of store.list()) {
    const key = `${writer}.${seq}`;
    if (seen.has(key)) forks++;
    seen.add(key);
  }
  return forks;
}

async function start(db: ConsoleDb, link: StationLinkStatus, replicate: boolean): Promise<void> {
  // Registered first: what arrives is projected at every later start too.
  const store = await openStore(db, link.op, true);
  await ready(db, link.op);
  const offline = () => update(link.op, { state: 'offline' });
  const onState = (state: string) => {
    if (state === 'idle' && navigator.onLine) {
      localStorage.setItem(sentKey(link.op), String(store.ownHead()?.seq ?? 0));
      update(link.op, { state: 'idle', syncedAt: new Date().toISOString(), waiting: 0 });
    } else if (state === 'active') update(link.op, { state: navigator.onLine ? 'active' : 'offline', waiting: waitingOf(store) });
    else update(link.op, { state: !navigator.onLine || state === 'offline' ? 'offline' : 'error', waiting: waitingOf(store) });
  };
  const own = `${ENTRY_PREFIX}${store.signer.publicKey}.`;
  const onPushed = (ids: string[]) => {
    const seqs = ids.filter((id) => id.startsWith(own)).map((id) => Number(id.slice(own.length).split('.')[0]));
    const sent = Math.max(sentSeq(link.op), ...seqs);
    localStorage.setItem(sentKey(link.op), String(sent));
    update(link.op, { waiting: waitingOf(store) });
  };
  const run: Running = { store, replicating: replicate };
  if (replicate) {
    store.startSync(`${location.origin}${HUB_PROXY_PATH}${encodeURIComponent(link.db)}`, '', {
      keepOnRevoke: true,
      onState,
      onPushed,
      onRevoked: () => {
        run.replicating = false;
        update(link.op, { state: 'revoked' });
        void refreshSync();
      },
    });
  }
  // A catch-up brings thousands of changes: the fork count (a pass over the index) waits for a quiet moment.
  let counting: ReturnType<typeof setTimeout> | undefined;
  store.subscribe(() => {
    update(link.op, { waiting: waitingOf(store) });
    clearTimeout(counting);
    counting = setTimeout(() => update(link.op, { forks: forksOf(store) }), 500);
  });
  window.addEventListener('offline', () => run.replicating && offline());
  running.set(link.op, run);
  update(link.op, { state: !replicate ? 'revoked' : navigator.onLine ? 'connecting' : 'offline', waiting: waitingOf(store), forks: forksOf(store) });
}

/** Set when this station (this browser profile's key) joins an operation's hub. */
const joinedKey = (op: string) => `joined.${op}`;

export async function rememberJoined(db: ConsoleDb, op: string): Promise<void> {
  await db.stationSettings.put({ key: joinedKey(op), value: true });
}

/**
 * Whether a link the Node side holds is this station's: the hub's own operations were founded
 * by this station's genesis (its key is the anchor); a joined hub was joined from this page.
 * A browser profile started afresh on the same data folder has another key: the link's
 * credential is not its own, and it must not replicate with it.
 */
async function ours(db: ConsoleDb, link: StationLinkStatus): Promise<boolean> {
  if (link.hub === 'local') return link.anchor === (await localSigner()).publicKey;
  return (await db.stationSettings.get(joinedKey(link.op)))?.value === true;
}

/** Re-reads this station's links and starts (or stops) replicating accordingly. */
export function refreshSync(): Promise<void> {
  const db = started;
  if (!db) return Promise.resolve();
  refreshing ??= (async () => {
    try {
      const { links } = await host.stationLinks({});
      for (const link of links) {
        if (!(await ours(db, link))) continue;
        const revoked = link.state === 'revoked';
        const current = useSync.getState().byOp[link.op];
        update(link.op, { link, ...(current ? {} : { state: revoked ? 'revoked' : 'connecting', waiting: 0, forks: 0 }), ...(revoked ? { state: 'revoked' as const } : {}) });
        const run = running.get(link.op);
        if (revoked && run?.replicating) {
          run.store.stopSync();
          run.replicating = false;
        } else if (!run) {
          await start(db, link, !revoked).catch((error: unknown) => {
            console.error('无法开始同步', error);
            update(link.op, { state: 'error' });
          });
        }
      }
    } catch {
      // The host cannot say yet (the launcher's hub is starting): the next round asks again.
    } finally {
      refreshing = undefined;
    }
  })();
  return refreshing;
}

/** Once per page: replicates every linked operation and keeps the links re-read. */
export function startStationSync(db: ConsoleDb): void {
  if (started) return;
  started = db;
  const online = () => useSync.setState({ online: navigator.onLine });
  window.addEventListener('online', online);
  window.addEventListener('offline', online);
  void refreshSync();
  window.setInterval(() => void refreshSync(), LINKS_EVERY_MS);
  // Some offline switches (an emulated one, a cable pulled under a long poll) raise no event: look as well.
  window.setInterval(() => {
    if (useSync.getState().online !== navigator.onLine) online();
  }, 1000);
}
