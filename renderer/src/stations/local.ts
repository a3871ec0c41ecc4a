// DOM. This station in the app: its signing key (identity.ts), its name, and its PouchDB store
// per operation, opened once per page and kept. Tests configure another signer and another
// PouchDB adapter, and close the stores to simulate a restart.
import { DB_NAME, type ConsoleDb } from '../data/db';
import type { Signer } from '../../../shared/stations/signer';
import { chinaInstant } from '../../../shared/calendar/chinaTime';
import { stationIdentity } from './identity';
import { StationStore, type PouchFactory } from './store';

interface StationConfig {
  signer?: () => Promise<Signer>;
  database?: PouchFactory;
}

let config: StationConfig = {};
let signer: Promise<Signer> | undefined;
const stores = new Map<string, Promise<StationStore>>();

/** Tests: another signer or PouchDB adapter. Closes what is open. */
export async function configureStation(next: StationConfig): Promise<void> {
  await closeStores();
  config = next;
  signer = undefined;
}

/** The station's signer, made on first use: a non-extractable WebCrypto Ed25519 key. */
export function localSigner(): Promise<Signer> {
  signer ??= (config.signer ?? defaultSigner)().catch((error: unknown) => {
    signer = undefined;
    throw error;
  });
  return signer;
}

async function defaultSigner(): Promise<Signer> {
  const identity = await stationIdentity().catch((error: unknown) => {
    throw new Error(`无法使用本工作站的签名密钥（需支持 Ed25519 的 Chromium 137 或更新版本）：${error instanceof Error ? error.message : String(error)}`);
  });
  if (identity.extractable) throw new Error('工作站私钥可被导出：拒绝使用');
  return identity;
}

/** What a station is called when nobody has named it. */
export const DEFAULT_STATION_NAME = '指挥台';
const NAME_KEY = 'name';

export async function localStationName(db: ConsoleDb): Promise<string> {
  const value = (await db.stationSettings.get(NAME_KEY))?.value;
  return typeof value === 'string' && value.trim() ? value.trim() : DEFAULT_STATION_NAME;
}

export async function setLocalStationName(db: ConsoleDb, name: string): Promise<void> {
  const trimmed = name.trim().normalize('NFC');
  if (!trimmed || trimmed.length > 40) throw new Error('工作站名称应为 1–40 个字');
  await db.stationSettings.put({ key: NAME_KEY, value: trimmed });
}

/** The PouchDB database of an operation for this Dexie database (tests use many of both). */
export const storeName = (db: ConsoleDb, op: string): string => (db.name === DB_NAME ? `station-${op}` : `${db.name}--station-${op}`);

/** Whether this station holds a store of signed entries for the operation (it has written or received some). */
export const hasStore = async (db: ConsoleDb, op: string): Promise<boolean> => (await db.stationStores.get(op)) !== undefined;

/**
 * The operation's store, opened once. `register`: the caller is about to store entries in it,
 * so it is recorded first (Dexie) — a crash after the first entry is stored still leaves the
 * store to be found and projected at the next start.
 */
export async function openStore(db: ConsoleDb, op: string, register = false): Promise<StationStore> {
  if (register && !(await hasStore(db, op))) await db.stationStores.put({ operationId: op, createdAt: chinaInstant(new Date()) });
  const key = `${db.name}\u0000${op}`;
  let store = stores.get(key);
  if (!store) {
    store = localSigner().then((s) => StationStore.open(op, s, { name: storeName(db, op), ...(config.database ? { database: config.database } : {}) }));
    stores.set(key, store);
    store.catch(() => stores.delete(key));
  }
  return store;
}

/** Closes every open store (tests: a restart; the next openStore opens afresh). */
export async function closeStores(): Promise<void> {
  const open = [...stores.values()];
  stores.clear();
  for (const s of open) await (await s.catch(() => undefined))?.close();
}
