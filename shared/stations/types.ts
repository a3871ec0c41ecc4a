// Pure. The station entry, format version 2: each station (app install, browser profile,
// phone) appends only to its own signed chain; the operation's record is the union of all
// stations' chains. Hash and signature cover the RFC 8785 canonical form (canonical.ts).
import { logCategories } from '../log/types';

export const ENTRY_FORMAT = 2;

/**
 * What an entry records: one list for both formats (shared/log/types.ts), the stations' own
 * acts (roster, checkpoint, countersign, clock, ack) included, so every category a station
 * can write is one the app can show and roster.ts's mayWrite decides.
 */
export const stationCategories = logCategories;
export type StationCategory = (typeof stationCategories)[number];

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** Hybrid logical clock: physical ms since the epoch, and a counter for events within one ms. */
export interface Hlc {
  ms: number;
  c: number;
}

/** One record change the entry describes; the app's tables are projected from these. */
export interface ActChange {
  table: string;
  op: 'put' | 'delete';
  id: string;
  record?: JsonValue;
}

export interface Act {
  kind: string;
  changes: ActChange[];
}

/** Bytes that travel as a CouchDB attachment of the entry's document, pinned here by SHA-256. */
export interface FileRef {
  name: string;
  sha256: string;
  contentType: string;
  size: number;
}

/** Personal data a role may not receive (redaction.ts). */
export const dataClasses = ['identity', 'vulnerability', 'credentials', 'footage'] as const;
export type DataClass = (typeof dataClasses)[number];

export interface StationEntryFields {
  v: typeof ENTRY_FORMAT;
  /** Operation id. */
  op: string;
  /** The station's Ed25519 public key, 32 bytes, base64url without padding. */
  writer: string;
  /** 1, 2, 3… on this writer's chain. */
  seq: number;
  /** Hex SHA-256 of this writer's previous entry; 64 zeros for seq 1. */
  prev: string;
  hlc: Hlc;
  /** The station's system clock when it wrote the entry, ISO 8601 ms +08:00. */
  wall: string;
  /** Monotonic ms since this start of the station, and an id for that start. */
  mono: { boot: string; ms: number };
  /** When the operator says it happened, ISO 8601 +08:00. */
  occurredAt: string;
  operator: { personId: string; name: string };
  /** Working group code, or ''. */
  group: string;
  category: StationCategory;
  text: string;
  /** References: media, inventory items, people (ids), an entry corrected or a checkpoint (entry hashes). */
  refs: Record<string, string | string[]>;
  data: Record<string, JsonValue>;
  act?: Act;
  files?: FileRef[];
  /** Personal data the entry carries beyond what its act's tables imply (redaction.ts). */
  classes?: DataClass[];
  /** For every other writer this station has entries of: "seq:hash" of the latest it holds. */
  seen: Record<string, string>;
}

export interface StationEntry extends StationEntryFields {
  /** Hex SHA-256 of the canonical form of every other field. */
  hash: string;
  /** Ed25519 signature of that canonical form, base64url. */
  sig: string;
}

export const ZERO_HASH = '0'.repeat(64);

export interface Head {
  seq: number;
  hash: string;
}
