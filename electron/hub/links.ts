// Node main. This station's links to hubs: for each operation, which hub it replicates with
// (the hub this app runs, or another one it joined by an invite), the pinned CA, and the
// bearer credential the hub issued. Kept in the data folder, readable by the user alone,
// and never handed to the renderer: the renderer replicates through the Node side's
// proxy (proxy.ts), which adds the credential. Written atomically (old file or new file).
import { readJson, writeJsonAtomic } from './files';

export interface StationLink {
  op: string;
  /** The operation's database name on the hub (shared/stations/docs.ts operationDbName). */
  db: string;
  /** 'local': the hub this app runs (its address is read when used); else the https URL of the hub joined. */
  hub: 'local' | string;
  /** The hub CA's SHA-256 (hex) this station pinned. */
  fingerprint: string;
  /** The pinned CA certificate (PEM) of a joined hub; the local hub's is read from it. */
  caCert?: string;
  credential: string;
  /** The commander station's key (the operation's trust anchor). */
  anchor: string;
  /** The role the hub reported at pairing (commander for the hub's own operations). */
  role: string | null;
  /** This station's name as paired. */
  name: string;
  linkedAt: string;
  /** Set when the hub answered that this station was revoked: the credential is gone. */
  revoked?: boolean;
}

export class StationLinks {
  private links: StationLink[] = [];
  private writing: Promise<void> = Promise.resolve();

  private constructor(private readonly file: string) {}

  static async open(file: string): Promise<StationLinks> {
    const store = new StationLinks(file);
    const saved = await readJson<{ links?: StationLink[] }>(file, {});
    store.links = Array.isArray(saved.links) ? saved.links : [];
    return store;
  }

  list(): readonly StationLink[] {
    return this.links;
  }

  byDb(db: string): StationLink | undefined {
    return this.links.find((l) => l.db === db);
  }

  /** Adds or replaces the link of `link.op`. */
  set(link: StationLink): Promise<void> {
    this.links = [...this.links.filter((l) => l.op !== link.op), link];
    return this.save();
  }

  /** The hub said this station is revoked: the credential is forgotten, the link kept as a record. */
  revoke(db: string): Promise<void> {
    const link = this.byDb(db);
    if (!link || link.revoked) return this.writing;
    this.links = this.links.map((l) => (l === link ? { ...l, credential: '', revoked: true } : l));
    return this.save();
  }

  private save(): Promise<void> {
    const value = { version: 1, links: this.links };
    this.writing = this.writing.then(() => writeJsonAtomic(this.file, value));
    return this.writing;
  }
}
