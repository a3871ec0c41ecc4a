// DOM. Persistent storage: asks the browser not to evict the database, and reports
// what it said.
export interface StorageStatus {
  persisted: boolean | null;
  usageBytes: number | null;
  quotaBytes: number | null;
}

let request: Promise<boolean | null> | null = null;

export function requestPersistentStorage(): Promise<boolean | null> {
  request ??= (async () => {
    if (!navigator.storage?.persist) return null;
    try {
      return (await navigator.storage.persisted()) || (await navigator.storage.persist());
    } catch {
      return null;
    }
  })();
  return request;
}

export async function storageStatus(): Promise<StorageStatus> {
  const persisted = await requestPersistentStorage();
  const estimate = navigator.storage?.estimate ? await navigator.storage.estimate().catch(() => null) : null;
  return { persisted, usageBytes: estimate?.usage ?? null, quotaBytes: estimate?.quota ?? null };
}
