// Node tool (Playwright support). Writing the log straight into IndexedDB, as someone with
// access to the disk might: valid chains to load, and the tampering the chain must reveal.
import type { Page } from '@playwright/test';
import { appendEntry } from '../../../shared/log/append';
import type { LogEntry } from '../../../shared/log/types';

/** `count` valid chained note entries, one second apart, ending now. */
export function chainedNotes(operationId: string, count: number): LogEntry[] {
  const t0 = Date.now() - count * 1000;
  const entries: LogEntry[] = [];
  for (let i = 0; i < count; i++) {
    entries.push(
      appendEntry(
        entries[i - 1],
        { operationId, operator: '杨帆', group: i % 2 ? 'evidence' : 'security', category: 'note', text: `批量记录第 ${i + 1} 条` },
        new Date(t0 + i * 1000),
      ),
    );
  }
  return entries;
}

/** Puts (adds or overwrites) entries in the logEntries store, in batches. */
export async function putEntries(page: Page, entries: readonly LogEntry[]) {
  for (let start = 0; start < entries.length; start += 10_000) {
    await page.evaluate(
      (batch) =>
        new Promise<void>((resolve, reject) => {
          const open = indexedDB.open('enforcement-console');
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const tx = open.result.transaction('logEntries', 'readwrite');
            const store = tx.objectStore('logEntries');
            for (const e of batch) store.put(e);
            tx.oncomplete = () => {
              open.result.close();
              resolve();
            };
            tx.onerror = () => reject(tx.error);
          };
        }),
      entries.slice(start, start + 10_000),
    );
  }
}

/** Deletes one stored entry by its key. */
export function deleteEntry(page: Page, operationId: string, seq: number) {
  return page.evaluate(
    ([op, n]) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('enforcement-console');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const tx = open.result.transaction('logEntries', 'readwrite');
          tx.objectStore('logEntries').delete([op, n]);
          tx.oncomplete = () => {
            open.result.close();
            resolve();
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
    [operationId, seq] as const,
  );
}
