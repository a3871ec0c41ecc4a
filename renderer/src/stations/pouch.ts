// DOM. The part of PouchDB (browser edition, IndexedDB adapter) the station uses, typed here
// (see pouchdb-browser.d.ts for why not with @types/pouchdb-browser), and loaded on first
// use: an operation that has no station store yet never loads it.
/// <reference path="./pouchdb-browser.d.ts" />

export type PouchDoc = Record<string, unknown> & { _id: string; _rev: string };

export interface PouchChange {
  id: string;
  seq: number | string;
  changes: Array<{ rev: string }>;
  doc?: PouchDoc;
  deleted?: boolean;
}

export interface PouchChangesFeed {
  on(event: 'change', listener: (change: PouchChange) => void): PouchChangesFeed;
  on(event: 'complete' | 'error', listener: (info: unknown) => void): PouchChangesFeed;
  cancel(): void;
}

export interface PouchAllDocs {
  total_rows?: number;
  rows: Array<{ id: string; key: string; value?: { rev: string; deleted?: boolean }; doc?: PouchDoc & { _conflicts?: string[] }; error?: string }>;
}

export interface PouchReplication extends PromiseLike<unknown> {
  on(event: string, listener: (info: unknown) => void): PouchReplication;
  cancel(): void;
}

export interface PouchDatabase {
  readonly name: string;
  info(): Promise<{ db_name: string; doc_count: number; update_seq: number | string }>;
  get(id: string, options?: Record<string, unknown>): Promise<PouchDoc>;
  allDocs(options?: Record<string, unknown>): Promise<PouchAllDocs>;
  bulkDocs(docs: unknown[], options?: { new_edits?: boolean }): Promise<Array<{ ok?: boolean; id?: string; rev?: string; error?: string | boolean; reason?: string }>>;
  changes(options: Record<string, unknown> & { live: true }): PouchChangesFeed;
  changes(options?: Record<string, unknown>): Promise<{ results: PouchChange[]; last_seq: number | string }>;
  replicate: {
    to(target: PouchDatabase | string, options?: Record<string, unknown>): PouchReplication;
    from(source: PouchDatabase | string, options?: Record<string, unknown>): PouchReplication;
  };
  sync(other: PouchDatabase | string, options?: Record<string, unknown>): PouchReplication;
  close(): Promise<void>;
  destroy(): Promise<void>;
}

export interface PouchStatic {
  new (name: string, options?: Record<string, unknown>): PouchDatabase;
}

let loading: Promise<PouchStatic> | undefined;

/** PouchDB's constructor, loaded once. */
export function pouchDB(): Promise<PouchStatic> {
  loading ??= import('pouchdb-browser/lib/index.es.js').then((m) => m.default as PouchStatic);
  return loading;
}
