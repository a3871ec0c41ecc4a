// DOM. What the station page (station.ts) offers scripts as window.station: the e2e and the
// measurements drive it. Kept apart from station.ts so Node-side tests can use the type
// without PouchDB's browser typings.
import type { EntryInput } from '../../../shared/stations/entry';
import type { RoleGrant } from '../../../shared/stations/roster';
import type { StationEntry } from '../../../shared/stations/types';

export interface StationConnection {
  op: string;
  db: string;
  credential: string;
  anchor: string;
}

export interface StationAttachment {
  name: string;
  contentType: string;
  bytes: Uint8Array;
}

export interface StationPageApi {
  ready: Promise<void> | undefined;
  publicKey(): string | undefined;
  sas(): string | null;
  found(op: string, name: string): Promise<StationEntry>;
  connect(c: StationConnection): void;
  append(input: Omit<EntryInput, 'operator'>, attachments?: StationAttachment[]): Promise<StationEntry>;
  note(text: string, group?: string): Promise<StationEntry>;
  pairEntry(key: string, name: string, grant: RoleGrant, sas: string): Promise<StationEntry>;
  revokeEntry(key: string, name: string, fromSeq: number): Promise<StationEntry>;
  /** Hashes of everything held (entries and withheld stubs) in timeline order. */
  timeline(): Promise<string[]>;
  verify(signatures?: 'heads' | 'all'): Promise<{ ok: boolean; problems: string[]; refused: string[]; writers: number }>;
  flags(): ReadonlyArray<{ id: string; reason: string; at: string }>;
  dump(): Promise<string>;
  state(): string;
  /** The hashes held of `writer`'s entry `seq`, from the store's index (no read): the benchmark's arrival check. */
  held(writer: string, seq: number): readonly string[];
  /** How many entries the store holds (its index). */
  size(): number;
  /** The station's PouchDB database (a measurement compares an append with a plain put). */
  database(): { constructor: unknown } | undefined;
}

declare global {
  interface Window {
    station: StationPageApi;
  }
}
