// DOM. The one write path: every act of the console goes through commit(). It checks the
// signed-in person's permission, holds the operation's writes (one act at a time across every
// window of this station), lets the capability read and decide the act with its pure function,
// then stores the act as a signed entry of this station's chain (format 2) and projects its
// record changes into the database. No other code writes the records of an operation.
//
// Two stores, no shared transaction: the signed entry goes to the station's PouchDB store
// first — from then on the act is on the record — and the records (Dexie) follow. A crash
// between the two leaves an entry not yet projected; it is projected the next time the
// operation's store opens (renderer/src/record/projection.ts), so no acknowledged act is lost
// and none is half-applied. What could make the projection fail for good (a unique index) is
// checked before the entry is signed.
import type { LogEntry } from '../../../shared/log/types';
import { logView } from '../../../shared/log/view';
import type { Actor, Action } from '../../../shared/operators/permissions';
import { backupTableLabels } from '../../../shared/archive/backup';
import { recordTables, type ActOutcome, type RecordChange } from '../../../shared/record/act';
import { actEntryInput } from '../../../shared/record/actEntry';
import { declaredClasses, externaliseAct, recordKey } from '../../../shared/stations/acts';
import { seenMark } from '../../../shared/stations/entry';
import { foldRoster, genesisInput, takeOverInput } from '../../../shared/stations/roster';
import type { EntryInput } from '../../../shared/stations/entry';
import type { ConsoleDb } from '../data/db';
import { requirePermission } from '../operators/repository';
import { exclusive } from '../stations/locks';
import { localStationName, openStore } from '../stations/local';
import type { Attachment, StationStore } from '../stations/store';
import { actLock, projectEntries, ready } from './projection';

export interface ActRequest<R> {
  operationId: string;
  /** The signed-in person who acts. */
  actor: Actor | undefined;
  /**
   * The permission the act needs. 'bootstrap' is only for acts that come before the operation
   * has a roster to sign in from (creating or importing it).
   */
  action: Action | 'bootstrap';
  /**
   * Reads what the act needs and decides it (with the capability's pure function), while the
   * operation's writes are held: what it reads cannot change before the outcome is stored.
   * Throws an Error with the Chinese reason to refuse. It must not call commit() itself.
   */
  build: (db: ConsoleDb) => Promise<ActOutcome<R>>;
}

export interface Committed<R> {
  /** The act's entry as the app shows it (format 2: writer set, seq on this station's chain). */
  entry: LogEntry;
  result: R;
}

/** Who is named on an entry made before anyone can sign in. */
export const BOOTSTRAP_OPERATOR = '本工作站';

export async function commit<R>(db: ConsoleDb, request: ActRequest<R>): Promise<Committed<R>> {
  const { operationId, actor, action } = request;
  if (action !== 'bootstrap') await requirePermission(db, operationId, actor, action);
  // Whatever a crash left unprojected is projected before the act reads the records.
  const opened = await ready(db, operationId);
  const committed = await exclusive(actLock(db, operationId), async () => {
    const outcome = await request.build(db);
    const operator = { personId: actor?.personId ?? '', name: actor?.name ?? BOOTSTRAP_OPERATOR };
    const { input, files, bytes } = actEntryInput(action === 'bootstrap' ? 'bootstrap' : action.kind, operator, outcome.entry, outcome.changes);
    await checkConstraints(db, outcome.changes);
    const store = await openStore(db, operationId, true);
    if (store.size() === 0) await writeGenesis(db, store, input.operator);
    const entry = await store.append(input, attachmentsOf(files, bytes));
    await projectOwn(db, entry, bytes);
    return { entry: logView(entry, await localStationName(db)), result: outcome.result };
  });
  // The first act of an operation opens its store here: follow it from now on.
  if (!opened) await ready(db, operationId);
  return committed;
}

const attachmentsOf = (files: ReadonlyArray<{ name: string; contentType: string }>, bytes: ReadonlyMap<string, Uint8Array>): Attachment[] =>
  files.map((f) => ({ name: f.name, contentType: f.contentType, bytes: bytes.get(f.name)! }));

async function projectOwn(db: ConsoleDb, entry: Parameters<typeof logView>[0], files: ReadonlyMap<string, Uint8Array>): Promise<void> {
  try {
    await projectEntries(db, [{ entry, files }]);
  } catch (error) {
    throw new Error(
      `已记录（签名记录已保存为本站第 ${entry.seq} 条），但本机资料未能随之更新：${error instanceof Error ? error.message : String(error)}。重新打开本行动时将自动补全`,
    );
  }
}

/**
 * The operation's first entry on this station, when the store holds none: the genesis of the
 * operation's multi-station record (shared/stations/roster.ts), naming this station as the
 * commander's. An operation that already has records or a format-1 log (made before format 2,
 * or imported) is carried over in it: the format-1 head is anchored (data.format1Head, so the
 * old chain is pinned by a signed entry) and every record as it stands is put (a baseline),
 * so the records can be rebuilt from the entries alone.
 */
async function writeGenesis(db: ConsoleDb, store: StationStore, operator: { personId: string; name: string }): Promise<void> {
  const op = store.op;
  const name = await localStationName(db);
  const base = genesisInput(store.signer.publicKey, name, operator);
  const format1 = await db.logEntries.where('[operationId+seq]').between([op, 0], [op, Infinity]).last();
  const records: RecordChange[] = [];
  for (const table of recordTables) {
    const held = (table === 'operations' ? [await db.operations.get(op)].filter(Boolean) : await db.table(table).where('operationId').equals(op).toArray()) as Array<{ id: string }>;
    for (const record of held) records.push({ table, op: 'put', record } as RecordChange);
  }
  const baseline = externaliseAct('roster.genesis', records);
  const carried = [
    ...(format1 ? [`承接本行动此前的执行日志（格式 1）至第 ${format1.seq} 条（SHA-256 ${format1.hash}）`] : []),
    ...(records.length ? [`现有资料 ${records.length} 项作为基线`] : []),
  ];
  const input: Omit<EntryInput, 'files'> = {
    ...base,
    text: carried.length ? `${base.text}；${carried.join('，')}` : base.text,
    data: { ...base.data, ...(format1 ? { format1Head: seenMark(format1) } : {}), ...(records.length ? { baseline: records.length } : {}) },
    act: { kind: base.act!.kind, changes: [...base.act!.changes, ...baseline.act.changes] },
    ...(declaredClasses(records).length ? { classes: declaredClasses(records) } : {}),
  };
  const genesis = await store.append(input, attachmentsOf(baseline.files, baseline.bytes));
  await projectOwn(db, genesis, baseline.bytes);
}

/**
 * After an import of entries signed elsewhere: this station, not on their roster, takes the
 * operation over with a genesis of its own that names every head it carries on from
 * (shared/stations/roster.ts takeOverInput). The entries taken over stand under the roster they
 * were written under; this station's acts stand under its own. Nothing to do when the station
 * is on the roster already (its own backup) or has written to this operation.
 */
export async function takeOver(db: ConsoleDb, op: string): Promise<void> {
  const store = await openStore(db, op);
  const own = store.signer.publicKey;
  await exclusive(actLock(db, op), async () => {
    if (store.ownHead()) return;
    const roster = foldRoster(store.roster());
    if (!roster.anchor || roster.anchor === own || roster.stations.has(own)) return;
    const input = takeOverInput(own, await localStationName(db), { personId: '', name: BOOTSTRAP_OPERATOR }, { anchor: roster.anchor, heads: store.writerHeads() });
    const genesis = await store.append(input);
    await projectOwn(db, genesis, new Map());
  });
}

/**
 * A put that a unique index of its table would refuse (a document number taken by another
 * record) is refused here, before anything is signed: a signed entry cannot be withdrawn, and
 * its projection must not fail for good.
 */
const fieldLabels: Record<string, string> = { number: '文号', version: '版本号', operationId: '行动', tag: '标签号' };

async function checkConstraints(db: ConsoleDb, changes: readonly RecordChange[]): Promise<void> {
  const after = new Map<string, RecordChange>();
  for (const c of changes) after.set(recordKey(c.table, c.op === 'put' ? c.record.id : c.id), c);
  for (const change of after.values()) {
    if (change.op !== 'put') continue;
    const table = db.table(change.table);
    for (const index of table.schema.indexes.filter((i) => i.unique)) {
      const path = Array.isArray(index.keyPath) ? index.keyPath : [index.keyPath ?? ''];
      const values = path.map((p) => change.record[p]);
      if (values.some((v) => v === undefined || v === null)) continue;
      const key = values.length === 1 ? values[0] : values;
      const holders = (await table.where(index.name).equals(key as string).primaryKeys()) as string[];
      const taken = holders.find((id) => {
        if (id === change.record.id) return false;
        const other = after.get(recordKey(change.table, id));
        // The other record is deleted, or moved off this value, by the same act.
        if (!other) return true;
        return other.op === 'put' && path.every((p, i) => other.record[p] === values[i]);
      });
      if (taken !== undefined) {
        const label = backupTableLabels[change.table as keyof typeof backupTableLabels] ?? change.table;
        const fields = path.map((p) => fieldLabels[p] ?? p).join('和');
        throw new Error(`未保存：${label}中已有${fields}相同的记录（${values.join('、')}，记录 ${taken}）`);
      }
    }
  }
}
