// Pure. The demo's stations: three devices that each sign their own format-2 chain with a fixed
// demo key (shared/stations/signer.ts demoSigner), so the same acts give the same bytes every
// run. They are kept in sync as replication would keep them on one network: before each entry
// a station has received every entry written so far (its clock and `seen` marks say so).
import { headsOf } from '../stations/chains';
import { createEntry, seenMark, type EntryInput } from '../stations/entry';
import { HLC_ZERO, hlcReceive } from '../stations/hlc';
import { demoSigner, type Signer } from '../stations/signer';
import type { Head, Hlc, StationEntry } from '../stations/types';

export interface DemoStation {
  /** The device's name as the roster records it. */
  readonly name: string;
  readonly signer: Signer;
  head: Head | null;
  hlc: Hlc;
  /** How many of the entries written so far this station has received. */
  received: number;
}

export class DemoStations {
  readonly entries: StationEntry[] = [];
  constructor(readonly op: string) {}

  /** A device signing with its fixed demo key, or with `signer` (the app's own station). */
  station(name: string, signer: Signer = demoSigner(`示例行动:${name}`)): DemoStation {
    return { name, signer, head: null, hlc: HLC_ZERO, received: 0 };
  }

  /** The station's next entry at `at` (ISO with +08:00), after it received every other entry. */
  async write(station: DemoStation, input: EntryInput, at: string): Promise<StationEntry> {
    const wallMs = Date.parse(at);
    const own = station.signer.publicKey;
    for (const e of this.entries.slice(station.received)) if (e.writer !== own) station.hlc = hlcReceive(station.hlc, e.hlc, wallMs);
    const heads = headsOf(this.entries);
    heads.delete(own);
    const seen = Object.fromEntries([...heads].map(([writer, head]) => [writer, seenMark(head)]));
    // One start of each device per day; its monotonic clock counts from midnight.
    const { entry, hlc } = await createEntry(
      station.signer,
      { op: this.op, head: station.head, hlc: station.hlc, seen, boot: `${station.name} ${at.slice(0, 10)}` },
      input,
      { wallMs, monoMs: wallMs - Date.parse(`${at.slice(0, 10)}T00:00:00+08:00`) },
    );
    station.head = { seq: entry.seq, hash: entry.hash };
    station.hlc = hlc;
    this.entries.push(entry);
    station.received = this.entries.length;
    return entry;
  }
}
