// Node test setup: the station's store (renderer/src/stations/pouch.ts) loads pouchdb-browser,
// which needs IndexedDB; every unit test gets PouchDB on the memory adapter instead, so any
// act through commit() stores its signed entry as the app does.
import { vi } from 'vitest';

vi.mock('pouchdb-browser/lib/index.es.js', () => import('./pouch-memory'));
