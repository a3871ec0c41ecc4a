// Pure. Checkpoints: the hub proposes all writers' heads as an entry on its own chain;
// stations that hold exactly those heads countersign it, each with an entry on its own
// chain. PDFs print the latest checkpoint agreed by the stations that matter, not one head.
import { headsOf } from './chains';
import { seenMark } from './entry';
import { compareHlc } from './hlc';
import type { EntryInput } from './entry';
import type { Head, StationEntry } from './types';

export const HUB_OPERATOR = { personId: 'hub', name: '同步中心' };

/** The hub's proposal: every writer's head except the hub's own (its prev covers that). */
export function checkpointInput(entries: readonly StationEntry[], hubKey: string): EntryInput {
  const heads: Record<string, string> = {};
  for (const [writer, head] of headsOf(entries)) if (writer !== hubKey) heads[writer] = seenMark(head);
  return { operator: HUB_OPERATOR, category: 'checkpoint', text: `检查点：${Object.keys(heads).length} 个工作站的链头`, data: { heads } };
}

export function checkpointHeads(checkpoint: StationEntry): Map<string, Head> {
  const out = new Map<string, Head>();
  const heads = checkpoint.data['heads'];
  if (heads && typeof heads === 'object' && !Array.isArray(heads)) {
    for (const [w, m] of Object.entries(heads)) {
      if (typeof m !== 'string') continue;
      const i = m.indexOf(':');
      out.set(w, { seq: Number(m.slice(0, i)), hash: m.slice(i + 1) });
    }
  }
  return out;
}

/**
 * Why this station should not countersign (Chinese), or null: it must hold every head the
 * checkpoint names, with that hash. The caller has verified its store first.
 */
export function countersignRefusal(checkpoint: StationEntry, held: ReadonlySet<string>): string | null {
  const missing = [...checkpointHeads(checkpoint).values()].filter((h) => !held.has(h.hash));
  return missing.length === 0 ? null : `本工作站没有检查点所列的 ${missing.length} 个链头，暂不会签`;
}

export const countersignInput = (checkpoint: StationEntry, operator: { personId: string; name: string }): EntryInput => ({
  operator,
  category: 'countersign',
  text: `会签检查点（同步中心第 ${checkpoint.seq} 条）`,
  refs: { checkpoint: checkpoint.hash },
  data: {},
});

export interface AgreedCheckpoint {
  checkpoint: StationEntry;
  /** Stations that countersigned it (the proposing hub not included). */
  countersigners: string[];
}

/**
 * The latest (by HLC) checkpoint proposed by one of `hubs` and countersigned by every
 * station of `signers`; null when there is none. Entries must be verified first.
 */
export function latestAgreedCheckpoint(entries: readonly StationEntry[], hubs: ReadonlySet<string>, signers: readonly string[]): AgreedCheckpoint | null {
  const signed = new Map<string, Set<string>>();
  for (const e of entries) {
    const ref = e.category === 'countersign' ? e.refs['checkpoint'] : undefined;
    if (typeof ref !== 'string') continue;
    let set = signed.get(ref);
    if (!set) signed.set(ref, (set = new Set()));
    set.add(e.writer);
  }
  let best: AgreedCheckpoint | null = null;
  for (const e of entries) {
    if (e.category !== 'checkpoint' || !hubs.has(e.writer)) continue;
    const by = signed.get(e.hash) ?? new Set<string>();
    if (!signers.every((s) => by.has(s))) continue;
    if (!best || compareHlc(e.hlc, best.checkpoint.hlc) > 0) best = { checkpoint: e, countersigners: [...by].sort() };
  }
  return best;
}

/** The line a PDF prints: the checkpoint's hash pins every listed chain. */
export function checkpointLine(agreed: AgreedCheckpoint): string {
  const heads = checkpointHeads(agreed.checkpoint).size;
  return `多站记录检查点：${heads} 个工作站的链头，${agreed.countersigners.length} 个工作站会签  SHA-256 ${agreed.checkpoint.hash}`;
}
