// Pure. What each role's device receives. A phone (group leader, observer) gets no ID
// numbers, health or vulnerability notes, PIN data or footage: an entry carrying any of
// these reaches it only as a withheld stub (writer, seq, hash, prev, clock), so its chains
// still link and it can show that something is there without holding it. A filter the
// client asks for could be dropped by the client; the hub instead fills a database per
// profile and serves a phone from that one (electron/hub).
import type { StationRole } from './roster';
import type { DataClass, Head, Hlc, StationCategory, StationEntry } from './types';

export type Profile = 'full' | 'field';

export const profileOf = (role: StationRole): Profile => (role === 'groupLeader' || role === 'observer' ? 'field' : 'full');

/** Record tables whose records hold personal data (renderer/src/data/db.ts), and what they hold. */
export const tableClasses: Readonly<Record<string, readonly DataClass[]>> = {
  subjects: ['identity', 'vulnerability'],
  householdMembers: ['identity', 'vulnerability'],
  // The command post's people (name, post, work phone, badge, training) are not withheld: a
  // group leader checks the group's members in by name and reaches them by phone, and they
  // hold no ID number (rosterColumns.ts never imports one) nor health or vulnerability notes.
  operators: ['credentials'],
  media: ['footage'],
};

const categoryClasses: Partial<Record<StationCategory, readonly DataClass[]>> = {
  mediaRegister: ['footage'],
  mediaVerify: ['footage'],
  custody: ['footage'],
};

/** Personal data an entry carries: declared by its writer, implied by its act's tables, its category or its files. */
export function classesOf(entry: StationEntry): Set<DataClass> {
  const out = new Set<DataClass>(entry.classes ?? []);
  for (const c of entry.act?.changes ?? []) for (const k of tableClasses[c.table] ?? []) out.add(k);
  for (const k of categoryClasses[entry.category] ?? []) out.add(k);
  if (entry.files?.some((f) => /^(video|audio)\//.test(f.contentType))) out.add('footage');
  return out;
}

export const fieldMayHold = (entry: StationEntry): boolean => classesOf(entry).size === 0;

/** What a field device holds in place of an entry it may not: enough to link the chain. */
export interface WithheldEntry {
  withheld: true;
  op: string;
  writer: string;
  seq: number;
  hash: string;
  prev: string;
  hlc: Hlc;
}

export const withhold = (entry: StationEntry): WithheldEntry => ({
  withheld: true,
  op: entry.op,
  writer: entry.writer,
  seq: entry.seq,
  hash: entry.hash,
  prev: entry.prev,
  hlc: entry.hlc,
});

export const withheldHead = (w: WithheldEntry): Head => ({ seq: w.seq, hash: w.hash });
