// Node main. Per-station bearer credentials, issued at pairing. The hub keeps only their
// SHA-256, in a file written atomically (a crash leaves the old file or the new one).
import { createHash, randomBytes } from 'node:crypto';
import { readJson, writeJsonAtomic } from './files';

export interface Credential {
  /** Hex SHA-256 of the bearer token. */
  hash: string;
  station: string;
  op: string;
  name: string;
  issuedAt: string;
  revoked: boolean;
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

export class CredentialStore {
  private credentials: Credential[] = [];
  private writing: Promise<void> = Promise.resolve();

  private constructor(private readonly file: string) {}

  static async open(file: string): Promise<CredentialStore> {
    const store = new CredentialStore(file);
    store.credentials = (await readJson<{ credentials: Credential[] }>(file, { credentials: [] })).credentials;
    return store;
  }

  private save(): Promise<void> {
    const value = { version: 1, credentials: this.credentials };
    this.writing = this.writing.then(() => writeJsonAtomic(this.file, value));
    return this.writing;
  }

  /** A new bearer token for the station (a previous one of the same station and operation stops working). */
  async issue(station: string, op: string, name: string): Promise<string> {
    const token = randomBytes(32).toString('base64url');
    this.credentials = this.credentials.filter((c) => !(c.station === station && c.op === op));
    this.credentials.push({ hash: sha256(token), station, op, name, issuedAt: new Date().toISOString(), revoked: false });
    await this.save();
    return token;
  }

  find(authorization: string | undefined): Credential | undefined {
    const m = /^Bearer ([A-Za-z0-9_-]{20,200})$/.exec(authorization ?? '');
    if (!m) return undefined;
    const hash = sha256(m[1]!);
    return this.credentials.find((c) => c.hash === hash);
  }

  async revoke(op: string, stations: Iterable<string>): Promise<void> {
    const revoked = new Set(stations);
    let changed = false;
    for (const c of this.credentials) {
      if (c.op === op && revoked.has(c.station) && !c.revoked) {
        c.revoked = true;
        changed = true;
      }
    }
    if (changed) await this.save();
  }
}
