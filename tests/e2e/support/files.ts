// Node tool (Playwright support). Files chosen through the browser host, and the log as stored.
import { type Locator, type Page } from '@playwright/test';

/** Picks `path` in the file chooser that `button` opens (the browser host uses a hidden file input). */
export async function choose(page: Page, button: Locator, path: string) {
  const chooser = page.waitForEvent('filechooser');
  await button.click();
  await (await chooser).setFiles(path);
}

/**
 * YYYY-MM-DD HH:mm in Beijing time, `hoursAgo` before `from` (forms refuse future times): the
 * real now by default, the page's clock where a spec fixed it.
 */
export function beijing(hoursAgo: number, from: Date = new Date()): string {
  return new Date(from.getTime() + 8 * 3600_000 - hoursAgo * 3600_000).toISOString().slice(0, 16).replace('T', ' ');
}

export async function fillTime(field: Locator, value: string) {
  await field.fill(value);
  await field.press('Enter');
}

export interface StoredEntry {
  seq: number;
  /** The station whose signed entry this is (format 2); absent on a format-1 entry. */
  writer?: string;
  hash: string;
  category: string;
  operator: string;
  text: string;
  data?: Record<string, unknown>;
  refs: { media?: string[]; inventoryItems?: string[]; people?: string[] };
}

/**
 * The log entries of one category (all when omitted), read straight from IndexedDB in the
 * order the timeline shows them: the format-1 chain (logEntries, by seq), then the format-2
 * entries every act writes (stationEntries, the projection's mirror of the station's signed
 * entries, in merged order).
 */
export function logEntries(page: Page, category?: string) {
  return page.evaluate(
    (cat) =>
      new Promise<StoredEntry[]>((resolve, reject) => {
        const open = indexedDB.open('enforcement-console');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const tx = open.result.transaction(['logEntries', 'stationEntries']);
          const format1 = tx.objectStore('logEntries').getAll();
          const format2 = tx.objectStore('stationEntries').getAll();
          tx.oncomplete = () => {
            open.result.close();
            const old = (format1.result as StoredEntry[]).sort((a, b) => a.seq - b.seq);
            const signed = (format2.result as (StoredEntry & { order: string })[]).sort((a, b) => (a.order < b.order ? -1 : a.order > b.order ? 1 : 0));
            resolve([...old, ...signed].filter((e) => cat === undefined || e.category === cat));
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
    category,
  );
}

/** Reads records of one operation straight from IndexedDB. */
export function readStore<T>(page: Page, store: string, operationId: string): Promise<T[]> {
  return page.evaluate(
    ([name, id]) =>
      new Promise<T[]>((resolve, reject) => {
        const open = indexedDB.open('enforcement-console');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const all = open.result.transaction(name).objectStore(name).getAll();
          all.onsuccess = () => {
            open.result.close();
            resolve((all.result as (T & { id: string; operationId?: string })[]).filter((r) => r.operationId === id || r.id === id));
          };
          all.onerror = () => reject(all.error);
        };
      }),
    [store, operationId] as const,
  );
}

/** Puts records straight into one IndexedDB store (kept only while the operation has no signed entry yet). */
export function putRecords(page: Page, storeName: string, records: object[]) {
  return page.evaluate(
    ({ storeName, records }) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('enforcement-console');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const tx = open.result.transaction(storeName, 'readwrite');
          for (const record of records) tx.objectStore(storeName).put(record);
          tx.oncomplete = () => (open.result.close(), resolve());
          tx.onerror = () => reject(tx.error);
        };
      }),
    { storeName, records },
  );
}
