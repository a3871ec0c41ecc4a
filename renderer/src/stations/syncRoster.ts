// DOM. The commander station's acts on the roster of the multi-station record: opening the
// operation on this computer's hub, admitting a station with a role, revoking one. Each is a
// signed roster entry of this station's chain, made through the one write path (commit(),
// which writes the operation's genesis first when this station has no entry yet), then handed
// to the hub at once (hubAdmit / hubSubmit) so it takes effect before the next replication.
import type { Actor } from '../../../shared/operators/permissions';
import { rosterInput, type RoleGrant } from '../../../shared/stations/roster';
import type { StationEntry } from '../../../shared/stations/types';
import type { ConsoleDb } from '../data/db';
import { host } from '../host';
import { commit } from '../record/commit';
import { ready } from '../record/projection';
import type { StationStore } from './store';
import { refreshSync } from './sync';

type RosterChange = Parameters<typeof rosterInput>[1];

/** Commits one roster entry (pair, role, revoke) and returns it as signed. */
async function commitRoster(db: ConsoleDb, op: string, actor: Actor | undefined, action: 'pair' | 'revoke', station: RosterChange): Promise<{ entry: StationEntry; store: StationStore }> {
  const input = rosterInput(action, station, { personId: actor?.personId ?? '', name: actor?.name ?? '' });
  const { entry } = await commit(db, {
    operationId: op,
    actor,
    action: { kind: 'manageStations' },
    build: async () => ({ entry: { category: 'roster', group: '', text: input.text, data: input.data as Record<string, string | number> }, changes: [], result: undefined }),
  });
  const store = (await ready(db, op))!;
  const [signed] = await store.read([{ writer: entry.writer!, seq: entry.seq, hash: entry.hash }]);
  if (!signed) throw new Error('已记录，但未能读回签名记录');
  return { entry: signed, store };
}

/** This station's genesis of the operation, when it is the operation's commander station. */
async function ownGenesis(store: StationStore): Promise<StationEntry | undefined> {
  const key = store.signer.publicKey;
  const [hash] = store.held(key, 1);
  if (!hash) return undefined;
  const [genesis] = await store.read([{ writer: key, seq: 1, hash }]);
  return genesis?.category === 'roster' && genesis.data['action'] === 'genesis' ? genesis : undefined;
}

/**
 * Opens the operation on this computer's hub (idempotent): the genesis founds it there, the
 * hub's own key is paired (role 'hub': it writes checkpoints and clock records), and this
 * station starts replicating with it.
 */
export async function openOnHub(db: ConsoleDb, op: string, actor: Actor | undefined): Promise<void> {
  const status = await host.hubStatus({});
  if (status.state !== 'running' || !status.hubKey) throw new Error(status.problem ?? '本机同步中心未运行');
  const hubKey = status.hubKey;
  let store = await ready(db, op);
  let pairHub: StationEntry | undefined;
  const hubPaired = (s: StationStore) => s.roster().some((e) => e.writer === s.signer.publicKey && e.data['station'] === hubKey);
  if (!store || store.size() === 0) ({ entry: pairHub, store } = await commitRoster(db, op, actor, 'pair', { key: hubKey, name: '同步中心', grant: { role: 'hub' }, fromSeq: 1 }));
  const genesis = await ownGenesis(store);
  if (!genesis) throw new Error('本工作站不是本行动的指挥工作站（本行动的多站记录由另一工作站建立），不能在本机同步中心开放它');
  await host.hubOpenOperation({ genesis });
  if (!pairHub && !hubPaired(store)) ({ entry: pairHub } = await commitRoster(db, op, actor, 'pair', { key: hubKey, name: '同步中心', grant: { role: 'hub' }, fromSeq: 1 }));
  if (pairHub) await submit(op, pairHub);
  await refreshSync();
}

async function submit(op: string, entry: StationEntry): Promise<void> {
  const { results } = await host.hubSubmit({ op, entries: [entry] });
  const refused = results.find((r): r is { id: string; reason: string } => 'reason' in r);
  if (refused) throw new Error(`同步中心未接受：${refused.reason}`);
}

/** Admits a pairing request: the signed pairing entry (role, and the short code compared) goes to the hub. */
export async function admitStation(db: ConsoleDb, op: string, actor: Actor | undefined, pairing: { pairingId: string; publicKey: string; name: string; sas: string }, grant: RoleGrant): Promise<void> {
  const { entry } = await commitRoster(db, op, actor, 'pair', { key: pairing.publicKey, name: pairing.name, grant, fromSeq: 1, sas: pairing.sas });
  await host.hubAdmit({ pairingId: pairing.pairingId, entry });
}

/**
 * Revokes a station from the entry after the last one this station holds of it: what was
 * accepted stays on the record; anything later is refused everywhere, and the hub refuses the
 * station's credential from now on.
 */
export async function revokeStation(db: ConsoleDb, op: string, actor: Actor | undefined, station: { key: string; name: string }): Promise<number> {
  const store = await ready(db, op);
  const fromSeq = (store?.writerHeads().get(station.key)?.seq ?? 0) + 1;
  const { entry } = await commitRoster(db, op, actor, 'revoke', { key: station.key, name: station.name, fromSeq });
  await submit(op, entry);
  return fromSeq;
}
