// DOM. The records as a projection of the signed entries. The entry is the truth and is
// stored first, in the station's PouchDB store; the records (Dexie) follow. Two stores cannot
// share a transaction, so a crash can fall between them: an entry stored and not projected.
// Nothing is lost — the entry holds the whole change — and it is projected the next time the
// operation's store opens (at start, when the operation opens, before the next act).
//
// Projecting is idempotent and order-independent: each record keeps the merged-order key of
// the entry that wrote it last (recordMarks), a change from an entry earlier in the merged
// order (HLC, then writer) than the mark is skipped, and the mirror of the entry is written
// in the same Dexie transaction, so "mirrored" means "projected". Replaying every entry in
// any order gives what replaying them in merged order gives: last writer wins per record.
//
// Entries that arrive from elsewhere are checked before they are projected: their chain
// (seq and prev link to what is held), the signature of each writer's newest new entry
// (which covers the chain beneath it), the writer's role in the roster (mayWrite, revocation)
// and that their act writes only this operation's records. Those refused are kept in
// refusedEntries with the reason and re-examined at every pass (a pairing may arrive after).
import { chinaInstant } from '../../../shared/calendar/chinaTime';
import { orderKey } from '../../../shared/log/order';
import { logView } from '../../../shared/log/view';
import { recordTables } from '../../../shared/record/act';
import { actProblem, foldActs, internaliseValue, recordDifferences, recordKey, type RecordDifference } from '../../../shared/stations/acts';
import { stationLabel } from '../../../shared/stations/chains';
import { admission, foldRoster } from '../../../shared/stations/roster';
import { ZERO_HASH, type JsonValue, type StationEntry } from '../../../shared/stations/types';
import type { ConsoleDb, MirroredEntry, RefusedEntry } from '../data/db';
import { exclusive } from '../stations/locks';
import { closeStores, hasStore, openStore } from '../stations/local';
import type { StationStore } from '../stations/store';
import { signatureValid } from '../stations/webVerify';

const PROJECTED: ReadonlySet<string> = new Set(recordTables);
/** Entries per Dexie transaction when catching up. */
const BATCH = 200;

/** The act lock of an operation: commit() and every projection hold it, so they never interleave. */
export const actLock = (db: ConsoleDb, op: string) => `enforcement-console.acts.${db.name}.${op}`;

export interface Projectable {
  entry: StationEntry;
  /** sha256 → bytes of the entry's files. */
  files: ReadonlyMap<string, Uint8Array>;
}

const mirrorOf = (entry: StationEntry): MirroredEntry => ({ ...(logView(entry) as MirroredEntry), order: orderKey(entry) });

/**
 * Projects entries into the records and the mirror, in one Dexie transaction. Entries
 * already mirrored are skipped; a change older (in merged order) than its record's mark is
 * skipped. Deleting a record of another operation is refused by skipping the change.
 */
export async function projectEntries(db: ConsoleDb, items: readonly Projectable[]): Promise<void> {
  if (items.length === 0) return;
  const tables = new Set<string>();
  for (const { entry } of items) for (const c of entry.act?.changes ?? []) if (PROJECTED.has(c.table)) tables.add(c.table);
  await db.transaction('rw', [db.stationEntries, db.recordMarks, ...[...tables].map((t) => db.table(t))], async () => {
    for (const { entry, files } of items) {
      if (await db.stationEntries.get(entry.hash)) continue;
      const order = orderKey(entry);
      for (const change of entry.act?.changes ?? []) {
        if (!PROJECTED.has(change.table)) continue;
        const table = db.table(change.table);
        const mark = await db.recordMarks.get([change.table, change.id]);
        if (mark && mark.order > order) continue;
        if (change.op === 'put') {
          await table.put(internaliseValue(change.record as JsonValue, (sha) => files.get(sha)));
        } else {
          const held = (await table.get(change.id)) as { operationId?: string; id: string } | undefined;
          if (held && (change.table === 'operations' ? held.id : held.operationId) !== entry.op) continue;
          await table.delete(change.id);
        }
        await db.recordMarks.put({ table: change.table, id: change.id, operationId: entry.op, order });
      }
      await db.stationEntries.put(mirrorOf(entry));
    }
  });
}

interface Examined {
  admitted: Projectable[];
  refused: Array<{ entry: StationEntry; reason: string }>;
  /** Waiting for an earlier entry of their chain. */
  pending: number;
}

/**
 * Which of these entries (held in the store, not yet projected) may be projected: chain,
 * signature, roster role and act checked as the file comment says; this station's own
 * entries are its own acts and are only checked for chain and signature.
 */
async function examine(store: StationStore, candidates: readonly StationEntry[]): Promise<Examined> {
  const own = store.signer.publicKey;
  const refused = new Map<string, string>();
  let pending = 0;
  const byWriter = new Map<string, StationEntry[]>();
  for (const e of candidates) byWriter.set(e.writer, [...(byWriter.get(e.writer) ?? []), e]);
  const linked: StationEntry[] = [];
  const label = (e: StationEntry) => `${stationLabel(e.writer)}第 ${e.seq} 条记录`;

  for (const chain of byWriter.values()) {
    chain.sort((a, b) => a.seq - b.seq || (a.hash < b.hash ? -1 : 1));
    const bad = new Set<string>();
    const waiting = new Set<string>();
    const run: StationEntry[] = [];
    for (const e of chain) {
      const before = e.seq === 1 ? [] : store.held(e.writer, e.seq - 1);
      if (e.seq === 1 ? e.prev !== ZERO_HASH : before.length > 0 && !before.includes(e.prev)) {
        refused.set(e.hash, `${label(e)}与前一条的链接不符：前一条已被改动或替换`);
        bad.add(e.hash);
      } else if (e.seq > 1 && before.length === 0) {
        waiting.add(e.hash);
      } else if (bad.has(e.prev)) {
        refused.set(e.hash, `${label(e)}接在未被接受的记录之后`);
        bad.add(e.hash);
      } else if (waiting.has(e.prev)) {
        waiting.add(e.hash);
      } else run.push(e);
    }
    pending += waiting.size;
    // The newest entry's signature covers the chain beneath it (its prev, and so on down);
    // if it fails, each entry is checked on its own, so the bad one is named.
    const tips = run.filter((e) => !run.some((c) => c.seq === e.seq + 1 && c.prev === e.hash));
    const tipsOk = await Promise.all(tips.map(signatureValid));
    const all = tipsOk.every(Boolean) ? run.map(() => true) : await Promise.all(run.map(signatureValid));
    run.forEach((e, i) => {
      if (all[i]) linked.push(e);
      else refused.set(e.hash, `${label(e)}的签名无效，不是该工作站签署的`);
    });
  }

  // A station that founded the operation (or took it over) is its own anchor: another genesis
  // that claims to take over from it, arriving by replication, changes nothing here.
  const rosterEntries = store.roster().filter((e) => !refused.has(e.hash));
  const founded = rosterEntries.some((e) => e.writer === own && e.seq === 1 && e.data['action'] === 'genesis');
  const roster = foldRoster(rosterEntries, founded ? own : undefined);
  const admitted: Projectable[] = [];
  for (const entry of linked) {
    const reason =
      entry.writer === own
        ? null
        : !roster.anchor
          ? `${label(entry)}暂不接受：尚未收到本行动的创始记录`
          : admission(roster, entry);
    const problem = reason ?? actProblem(entry, PROJECTED);
    if (problem) {
      refused.set(entry.hash, reason ? problem : `${label(entry)}不予接受：${problem}`);
      continue;
    }
    try {
      const files = await store.files(entry);
      admitted.push({ entry, files: new Map(files.map((f) => [f.name, f.bytes])) });
    } catch (error) {
      refused.set(entry.hash, `${label(entry)}不予接受：${error instanceof Error ? error.message : String(error)}`);
    }
  }
  const byHash = new Map(candidates.map((e) => [e.hash, e]));
  return { admitted, refused: [...refused].map(([hash, reason]) => ({ entry: byHash.get(hash)!, reason })), pending };
}

export interface CatchUp {
  projected: number;
  refused: number;
  pending: number;
}

/**
 * Projects every entry the store holds that is not projected yet (a crash between the two
 * stores, another tab's act, an arrival), after checking those made elsewhere. Holds the
 * operation's act lock. Idempotent.
 */
export function catchUp(db: ConsoleDb, store: StationStore): Promise<CatchUp> {
  return exclusive(actLock(db, store.op), async () => {
    const mirrored = new Set(await db.stationEntries.where('operationId').equals(store.op).primaryKeys());
    const wanted = store.list().filter((r) => !mirrored.has(r.hash));
    if (wanted.length === 0) return { projected: 0, refused: 0, pending: 0 };
    const candidates = await store.read(wanted);
    const { admitted, refused, pending } = await examine(store, candidates);
    const at = chinaInstant(new Date());
    const kept = new Set(refused.map((r) => r.entry.hash));
    const before = await db.refusedEntries.where('operationId').equals(store.op).toArray();
    await db.refusedEntries.bulkDelete(before.filter((r) => !kept.has(r.hash)).map((r) => r.hash));
    const previous = new Map(before.map((r) => [r.hash, r]));
    await db.refusedEntries.bulkPut(
      refused.map(({ entry, reason }): RefusedEntry => ({
        hash: entry.hash,
        operationId: store.op,
        writer: entry.writer,
        seq: entry.seq,
        reason,
        at: previous.get(entry.hash)?.reason === reason ? previous.get(entry.hash)!.at : at,
      })),
    );
    admitted.sort((a, b) => (orderKey(a.entry) < orderKey(b.entry) ? -1 : 1));
    for (let i = 0; i < admitted.length; i += BATCH) await projectEntries(db, admitted.slice(i, i + BATCH));
    return { projected: admitted.length, refused: refused.length, pending };
  });
}

/** The records held of one operation in the projected tables, keyed as foldActs keys them. */
async function heldRecords(db: ConsoleDb, op: string): Promise<Map<string, { table: string; id: string; record: unknown }>> {
  const out = new Map<string, { table: string; id: string; record: unknown }>();
  for (const table of recordTables) {
    const records = (table === 'operations' ? [await db.operations.get(op)].filter(Boolean) : await db.table(table).where('operationId').equals(op).toArray()) as Array<{ id: string }>;
    for (const record of records) out.set(recordKey(table, record.id), { table, id: record.id, record });
  }
  return out;
}

const differenceText: Record<RecordDifference['kind'], string> = {
  missing: '缺失，已按签名记录恢复',
  changed: '与签名记录不符，已按签名记录恢复',
  extra: '没有签名记录支持，已移除',
};

export interface RecordCheck {
  /** When the check ran. */
  at: string;
  /** One line per difference found (and repaired), in Chinese. */
  differences: string[];
}

/**
 * Checks the records of the operation against a rebuild from the projected entries (fold in
 * merged order) and repairs every difference from the entries: a record missing or changed
 * is put back as the entries give it, one they do not give is removed. The entries are read
 * without the act lock (a long read); each repair re-checks, under the lock, that no newer
 * entry wrote the record meanwhile. Kept in stationSettings for the workspace to show.
 */
export async function checkRecords(db: ConsoleDb, store: StationStore): Promise<RecordCheck> {
  const refused = new Set(await db.refusedEntries.where('operationId').equals(store.op).primaryKeys());
  const entries = (await store.entries()).filter((e) => !refused.has(e.hash));
  const byHash = new Map(entries.map((e) => [e.hash, e]));
  const differences = entries.length === 0 ? [] : recordDifferences(foldActs(entries, PROJECTED), await heldRecords(db, store.op));
  const lines: string[] = [];
  if (differences.length > 0) {
    const files = new Map<string, Uint8Array>();
    for (const d of differences) {
      const by = d.by ? byHash.get(d.by) : undefined;
      if (by && d.expected) for (const f of await store.files(by)) files.set(f.name, f.bytes);
    }
    await exclusive(actLock(db, store.op), () =>
      db.transaction('rw', [db.recordMarks, ...recordTables.map((t) => db.table(t))], async () => {
        for (const d of differences) {
          const by = d.by ? byHash.get(d.by) : undefined;
          const mark = await db.recordMarks.get([d.table, d.id]);
          if (mark && (!by || mark.order > orderKey(by))) continue; // written by a newer entry since the read
          if (d.expected === null) await db.table(d.table).delete(d.id);
          else await db.table(d.table).put(internaliseValue(d.expected, (sha) => files.get(sha)));
          if (by) await db.recordMarks.put({ table: d.table, id: d.id, operationId: store.op, order: orderKey(by) });
          lines.push(`「${d.table}」记录 ${d.id} ${differenceText[d.kind]}`);
        }
      }),
    );
  }
  const check: RecordCheck = { at: chinaInstant(new Date()), differences: lines };
  await db.stationSettings.put({ key: recordCheckKey(store.op), value: check });
  return check;
}

export const recordCheckKey = (op: string) => `recordCheck.${op}`;

const readied = new Map<string, Promise<StationStore | null>>();

/**
 * The operation's store, open and caught up, with new arrivals projected as they come; null
 * while the operation has no format-2 entries. Once per page (the record check runs in the
 * background after the catch-up).
 */
export function ready(db: ConsoleDb, op: string): Promise<StationStore | null> {
  const key = `${db.name}\u0000${op}`;
  let pending = readied.get(key);
  if (!pending) {
    pending = (async () => {
      if (!(await hasStore(db, op))) return null;
      const store = await openStore(db, op);
      await catchUp(db, store);
      follow(db, store);
      const check = checkRecords(db, store).catch((error: unknown) => console.error('记录核对失败', error));
      checks.add(check);
      void check.finally(() => checks.delete(check));
      return store;
    })();
    readied.set(key, pending);
    pending.then(
      (store) => {
        if (!store) readied.delete(key);
      },
      () => readied.delete(key),
    );
  }
  return pending;
}

const checks = new Set<Promise<unknown>>();

/** Resolves when the record checks ready() started have finished. */
export const recordChecksDone = async (): Promise<void> => void (await Promise.all([...checks]));

/**
 * Stops following every store and closes them, once the record checks under way are done:
 * what a page does when it goes away. Tests use it as a restart (the next ready() opens,
 * catches up and checks afresh).
 */
export async function closeStations(): Promise<void> {
  await recordChecksDone();
  for (const stop of following) stop();
  following.clear();
  readied.clear();
  await closeStores();
}

/**
 * Projects arrivals (another tab's acts, replicated entries) a moment after they reach the
 * store. This page's own acts are projected by commit(); only what is still unmirrored then
 * starts a catch-up.
 */
function follow(db: ConsoleDb, store: StationStore): void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const arrived = new Set<string>();
  const stop = store.onEntries((entries) => {
    for (const e of entries) arrived.add(e.hash);
    clearTimeout(timer);
    timer = setTimeout(() => {
      const hashes = [...arrived];
      arrived.clear();
      void exclusive(actLock(db, store.op), () => db.stationEntries.bulkGet(hashes))
        .then((rows) => (rows.some((r) => r === undefined) ? catchUp(db, store) : undefined))
        .catch((error: unknown) => console.error('记录投影失败', error));
    }, 100);
  });
  following.add(() => {
    stop();
    clearTimeout(timer);
  });
}

const following = new Set<() => void>();

/** At start: every operation this station holds entries of is caught up (a crash may have left one behind). */
export async function recoverStations(db: ConsoleDb): Promise<void> {
  for (const { operationId } of await db.stationStores.toArray()) await ready(db, operationId);
}
