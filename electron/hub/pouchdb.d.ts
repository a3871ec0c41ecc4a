// Node main. The part of PouchDB (Node edition) the hub and its tests use. Written here
// because @types/pouchdb-core adds the DOM library to whatever imports it, which the
// Node side must not compile against.
declare module 'pouchdb' {
  namespace PouchDB {
    type Doc = Record<string, unknown> & { _id: string; _rev?: string };
    interface AllDocsRow {
      id?: string;
      key: string;
      value?: { rev: string; deleted?: boolean };
      doc?: Doc;
      error?: string;
    }
    interface AllDocsResponse {
      total_rows: number;
      offset?: number;
      rows: AllDocsRow[];
      update_seq?: number | string;
    }
    interface Change {
      id: string;
      seq: number | string;
      changes: Array<{ rev: string }>;
      doc?: Doc;
      deleted?: boolean;
    }
    interface ChangesResponse {
      results: Change[];
      last_seq: number | string;
    }
    interface ChangesFeed extends PromiseLike<ChangesResponse> {
      on(event: 'change', listener: (change: Change) => void): this;
      on(event: 'complete', listener: (info: ChangesResponse) => void): this;
      on(event: 'error', listener: (error: unknown) => void): this;
      cancel(): void;
    }
    interface Replication extends PromiseLike<ReplicationResult> {
      on(event: string, listener: (info: any) => void): this;
      cancel(): void;
    }
    interface ReplicationResult {
      ok: boolean;
      docs_read: number;
      docs_written: number;
      doc_write_failures: number;
      errors: unknown[];
      status: string;
    }
    interface SyncResult {
      push?: ReplicationResult;
      pull?: ReplicationResult;
    }
    interface Database {
      readonly name: string;
      info(): Promise<{ db_name: string; doc_count: number; update_seq: number | string }>;
      get(id: string, options?: Record<string, unknown>): Promise<any>;
      put(doc: Doc, options?: Record<string, unknown>): Promise<{ ok: boolean; id: string; rev: string }>;
      post(doc: Record<string, unknown>): Promise<{ ok: boolean; id: string; rev: string }>;
      remove(doc: Doc): Promise<{ ok: boolean; id: string; rev: string }>;
      bulkDocs(docs: unknown[], options?: { new_edits?: boolean }): Promise<Array<{ ok?: boolean; id: string; rev?: string; error?: string | boolean; reason?: string; status?: number }>>;
      allDocs(options?: Record<string, unknown>): Promise<AllDocsResponse>;
      changes(options?: Record<string, unknown>): ChangesFeed;
      revsDiff(diff: Record<string, string[]>): Promise<Record<string, { missing: string[]; possible_ancestors?: string[] }>>;
      bulkGet(options: Record<string, unknown>): Promise<{ results: unknown[] }>;
      getAttachment(id: string, name: string, options?: Record<string, unknown>): Promise<Buffer>;
      putAttachment(id: string, name: string, rev: string, data: Buffer, type: string): Promise<{ ok: boolean; id: string; rev: string }>;
      replicate: {
        to(target: Database | string, options?: Record<string, unknown>): Replication;
        from(source: Database | string, options?: Record<string, unknown>): Replication;
      };
      sync(other: Database | string, options?: Record<string, unknown>): PromiseLike<SyncResult> & { on(event: string, listener: (info: any) => void): unknown; cancel(): void };
      close(): Promise<void>;
      destroy(): Promise<void>;
    }
    interface Static {
      new (name: string, options?: Record<string, unknown>): Database;
      plugin(plugin: unknown): Static;
      defaults(options: Record<string, unknown>): Static;
      fetch(url: string, options?: unknown): Promise<Response>;
      replicate(source: Database | string, target: Database | string, options?: Record<string, unknown>): Replication;
    }
  }
  const PouchDB: PouchDB.Static;
  export = PouchDB;
}

declare module 'pouchdb-adapter-memory' {
  const plugin: unknown;
  export = plugin;
}

declare module 'express-pouchdb' {
  import type { RequestListener } from 'node:http';
  function expressPouchDB(pouch: unknown, options?: Record<string, unknown>): RequestListener & { listen(port: number, host: string, cb?: () => void): import('node:http').Server };
  export = expressPouchDB;
}
