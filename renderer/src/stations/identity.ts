// DOM. This station's identity: an Ed25519 key pair made with WebCrypto on first start.
// The private key is created non-extractable and kept as a CryptoKey object in IndexedDB:
// script on this origin can ask it to sign, but nothing can read it out, copy it to another
// machine or put it in a backup (a station restored elsewhere gets a new key; a cloned
// profile that kept the old one shows up as a fork).
import { toBase64url } from '../../../shared/stations/encoding';
import type { Signer } from '../../../shared/stations/signer';

const DB_NAME = 'enforcement-console-station';
const STORE = 'identity';
const KEY = 'ed25519';

interface Stored {
  privateKey: CryptoKey;
  publicKey: string;
}

function request<T>(r: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error ?? new Error('IndexedDB 请求失败'));
  });
}

function openDb(): Promise<IDBDatabase> {
  const open = indexedDB.open(DB_NAME, 1);
  open.onupgradeneeded = () => open.result.createObjectStore(STORE);
  return request(open);
}

/** Whether this browser signs Ed25519 in WebCrypto (Chromium 137+ does by default). */
export async function webCryptoEd25519(): Promise<boolean> {
  try {
    await crypto.subtle.generateKey({ name: 'Ed25519' }, false, ['sign', 'verify']);
    return true;
  } catch {
    return false;
  }
}

async function make(): Promise<Stored> {
  const pair = (await crypto.subtle.generateKey({ name: 'Ed25519' }, false, ['sign', 'verify'])) as CryptoKeyPair;
  const raw = new Uint8Array(await crypto.subtle.exportKey('raw', pair.publicKey));
  return { privateKey: pair.privateKey, publicKey: toBase64url(raw) };
}

/**
 * The station's signer, made on first use. Two tabs starting at once agree on one key: the
 * key is written in a transaction that first looks for one.
 */
export async function stationIdentity(): Promise<Signer & { extractable: boolean }> {
  const db = await openDb();
  try {
    let stored = await request(db.transaction(STORE).objectStore(STORE).get(KEY) as IDBRequest<Stored | undefined>);
    if (!stored) {
      const fresh = await make();
      const tx = db.transaction(STORE, 'readwrite');
      const existing = await request(tx.objectStore(STORE).get(KEY) as IDBRequest<Stored | undefined>);
      if (existing) stored = existing;
      else {
        tx.objectStore(STORE).put(fresh, KEY);
        await new Promise<void>((resolve, reject) => {
          tx.oncomplete = () => resolve();
          tx.onerror = () => reject(tx.error);
        });
        stored = fresh;
      }
    }
    const { privateKey, publicKey } = stored;
    return {
      publicKey,
      extractable: privateKey.extractable,
      sign: async (bytes) => new Uint8Array(await crypto.subtle.sign({ name: 'Ed25519' }, privateKey, bytes as BufferSource)),
    };
  } finally {
    db.close();
  }
}

/** Forgets the key (a revoked station's wipe). */
export async function forgetIdentity(): Promise<void> {
  const db = await openDb();
  try {
    const tx = db.transaction(STORE, 'readwrite');
    tx.objectStore(STORE).delete(KEY);
    await new Promise<void>((resolve) => (tx.oncomplete = () => resolve()));
  } finally {
    db.close();
  }
}
