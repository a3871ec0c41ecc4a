// Node test helper: simulated stations that write, exchange and verify format-2 entries.
import { headsOf } from '../../shared/stations/chains';
import { createEntry, seenMark, type EntryInput } from '../../shared/stations/entry';
import { HLC_ZERO, hlcReceive } from '../../shared/stations/hlc';
import { genesisInput, rosterInput, type RoleGrant } from '../../shared/stations/roster';
import { demoSigner, type Signer } from '../../shared/stations/signer';
import type { Hlc, StationEntry } from '../../shared/stations/types';

export const OP = 'op-2026-001';
export const operator = { personId: 'p1', name: '张三' };

export class SimStation {
  readonly store = new Map<string, StationEntry>();
  hlc: Hlc = HLC_ZERO;
  readonly signer: Signer;
  constructor(
    readonly name: string,
    private clock: () => number = () => Date.UTC(2026, 2, 5, 2, 0, 0),
    readonly op = OP,
  ) {
    this.signer = demoSigner(name);
  }
  get key(): string {
    return this.signer.publicKey;
  }
  entries(): StationEntry[] {
    return [...this.store.values()];
  }
  async write(input: EntryInput, nowMs = this.clock()): Promise<StationEntry> {
    const heads = headsOf(this.entries());
    const own = heads.get(this.key) ?? null;
    heads.delete(this.key);
    const seen = Object.fromEntries([...heads].map(([w, h]) => [w, seenMark(h)]));
    const { entry, hlc } = await createEntry(this.signer, { op: this.op, head: own, hlc: this.hlc, seen, boot: `boot-${this.name}` }, input, { wallMs: nowMs, monoMs: nowMs % 1e7 });
    this.hlc = hlc;
    this.store.set(entry.hash, entry);
    return entry;
  }
  note(text: string, nowMs?: number, group = ''): Promise<StationEntry> {
    return this.write({ operator, category: 'note', text, group }, nowMs);
  }
  receive(entries: Iterable<StationEntry>, nowMs = this.clock()): void {
    for (const e of entries) {
      if (this.store.has(e.hash)) continue;
      this.store.set(e.hash, e);
      this.hlc = hlcReceive(this.hlc, e.hlc, nowMs);
    }
  }
}

/** Both ways, as one replication would. */
export function sync(a: SimStation, b: SimStation, nowMs?: number): void {
  const fromA = a.entries();
  a.receive(b.entries(), nowMs);
  b.receive(fromA, nowMs);
}

/** A commander with a genesis entry and the given stations paired. */
export async function pairedOperation(names: Array<[string, RoleGrant]>): Promise<{ commander: SimStation; stations: SimStation[] }> {
  const commander = new SimStation('指挥');
  await commander.write(genesisInput(commander.key, '指挥', operator));
  const stations = names.map(([name]) => new SimStation(name));
  for (const [i, [name, grant]] of names.entries()) {
    await commander.write(rosterInput('pair', { key: stations[i]!.key, name, grant, fromSeq: 1 }, operator));
  }
  for (const s of stations) sync(commander, s);
  return { commander, stations };
}
