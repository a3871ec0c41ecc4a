// Pure. Which station may write what. The operation's genesis entry (seq 1 of the commander
// station's chain) is the trust anchor; pairing, role change and revocation are roster
// entries on the commander's chain. A change takes effect from a seq of the station's own
// chain (`fromSeq`: the commander's station records the last seq it had seen of it, + 1), so
// the fold never depends on anyone's clock: for any writer and seq it gives one answer.
import { stationLabel } from './chains';
import { parseSeenMark, seenMark, type EntryInput } from './entry';
import type { Head, StationCategory, StationEntry } from './types';

export const stationRoles = ['commander', 'deputy', 'groupLeader', 'evidenceClerk', 'notary', 'observer', 'hub'] as const;
export type StationRole = (typeof stationRoles)[number];

export const stationRoleLabels: Record<StationRole, string> = {
  commander: '现场执行指挥',
  deputy: '副指挥',
  groupLeader: '工作组组长',
  evidenceClerk: '证据保全组',
  notary: '公证人员',
  observer: '观察员（只读）',
  hub: '同步中心',
};

export interface RoleGrant {
  role: StationRole;
  /** The working group of a group leader. */
  group?: string;
}

export const rosterActions = ['genesis', 'pair', 'role', 'revoke'] as const;
export type RosterAction = (typeof rosterActions)[number];

interface Period {
  fromSeq: number;
  /** null: revoked from fromSeq on. */
  grant: RoleGrant | null;
  /** Hash of the roster entry that made it. */
  by: string;
}

export interface StationRecord {
  key: string;
  name: string;
  periods: Period[];
}

export interface Roster {
  /** The commander station's key, or null when no single genesis is found. */
  anchor: string | null;
  stations: Map<string, StationRecord>;
  /** Roster entries that could not be applied, in Chinese. */
  problems: string[];
  /**
   * When the anchor's genesis took the operation over (a station that imported a backup): the
   * roster the operation had, and how far it took each chain over. Entries up to those heads
   * stand under the roster they were written under; later ones of those stations do not.
   */
  carried?: { roster: Roster; heads: Map<string, Head>; name: string };
}

const isRole = (v: unknown): v is StationRole => typeof v === 'string' && (stationRoles as readonly string[]).includes(v);

/**
 * The roster from the entries of an operation (verified first: see chains.ts). `anchor` is
 * the commander key the station was given at pairing; without it, the only genesis found.
 */
export function foldRoster(entries: readonly StationEntry[], anchor?: string): Roster {
  const problems: string[] = [];
  const genesis = entries.filter((e) => e.seq === 1 && e.category === 'roster' && e.data['action'] === 'genesis' && e.data['station'] === e.writer);
  let root = anchor ?? null;
  if (!root) {
    // A genesis that took the operation over stands in place of those whose chains it carried.
    const carried = new Set(genesis.flatMap((g) => [...takenOver(g).keys()]));
    const writers = [...new Set(genesis.map((e) => e.writer))].filter((w) => !carried.has(w));
    if (writers.length === 1) root = writers[0]!;
    else if (writers.length > 1) problems.push(`本行动有 ${writers.length} 个不同工作站的创始记录，无法确定指挥工作站`);
  } else if (!genesis.some((e) => e.writer === root)) {
    problems.push(`未找到指挥工作站（${root.slice(0, 8)}）的创始记录`);
  }
  const stations = new Map<string, StationRecord>();
  if (!root || !genesis.some((e) => e.writer === root)) return { anchor: root, stations, problems };

  const commands = entries
    .filter((e) => e.writer === root && e.category === 'roster')
    .sort((a, b) => a.seq - b.seq || (a.hash < b.hash ? -1 : 1));
  for (const e of commands) {
    const d = e.data;
    const station = d['station'];
    const action = d['action'];
    const fromSeq = typeof d['fromSeq'] === 'number' && Number.isSafeInteger(d['fromSeq']) && d['fromSeq'] >= 1 ? d['fromSeq'] : 1;
    if (typeof station !== 'string') {
      problems.push(`指挥工作站第 ${e.seq} 条名册记录未指明工作站`);
      continue;
    }
    let record = stations.get(station);
    if (action === 'genesis' || action === 'pair') {
      const name = typeof d['name'] === 'string' ? d['name'] : '';
      if (action === 'genesis' && station !== root) {
        problems.push(`指挥工作站第 ${e.seq} 条创始记录指向另一工作站`);
        continue;
      }
      const role = action === 'genesis' ? 'commander' : d['role'];
      if (!isRole(role) || (role === 'commander' && action !== 'genesis')) {
        problems.push(`指挥工作站第 ${e.seq} 条名册记录的角色无效`);
        continue;
      }
      if (!record) stations.set(station, (record = { key: station, name, periods: [] }));
      if (name) record.name = name;
      record.periods.push({ fromSeq, grant: { role, ...(typeof d['group'] === 'string' && d['group'] ? { group: d['group'] } : {}) }, by: e.hash });
    } else if (action === 'role' || action === 'revoke') {
      if (!record) {
        problems.push(`指挥工作站第 ${e.seq} 条名册记录涉及未配对的工作站 ${station.slice(0, 8)}`);
        continue;
      }
      if (station === root) {
        problems.push(`指挥工作站第 ${e.seq} 条名册记录试图改变指挥工作站自身`);
        continue;
      }
      const role = d['role'];
      if (action === 'role' && (!isRole(role) || role === 'commander')) {
        problems.push(`指挥工作站第 ${e.seq} 条名册记录的角色无效`);
        continue;
      }
      record.periods.push({
        fromSeq,
        grant: action === 'revoke' ? null : { role: role as StationRole, ...(typeof d['group'] === 'string' && d['group'] ? { group: d['group'] } : {}) },
        by: e.hash,
      });
    } else {
      problems.push(`指挥工作站第 ${e.seq} 条名册记录的动作无效`);
    }
  }
  const founding = genesis.find((g) => g.writer === root)!;
  const heads = takenOver(founding);
  const predecessor = founding.data['predecessor'];
  if (heads.size === 0 || typeof predecessor !== 'string') return { anchor: root, stations, problems };
  // The roster as it stood, from the entries taken over only: the set of writers shrinks at
  // each step, so a loop of take-overs ends.
  const before = entries.filter((e) => e.seq <= (heads.get(e.writer)?.seq ?? 0));
  const roster = foldRoster(before, predecessor);
  return { anchor: root, stations, problems: [...problems, ...roster.problems], carried: { roster, heads, name: typeof founding.data['name'] === 'string' ? founding.data['name'] : '' } };
}

/** The heads a genesis took over (data.succeeds: writer → "seq:hash"); empty for a first genesis. */
function takenOver(genesis: StationEntry): Map<string, Head> {
  const marks = genesis.data['succeeds'];
  const out = new Map<string, Head>();
  if (!marks || typeof marks !== 'object' || Array.isArray(marks)) return out;
  for (const [writer, mark] of Object.entries(marks)) {
    if (writer !== genesis.writer && typeof mark === 'string' && /^[1-9]\d*:[0-9a-f]{64}$/.test(mark)) out.set(writer, parseSeenMark(mark));
  }
  return out;
}

/** A station's record in the roster, or in the roster of an operation taken over. */
export const rosterRecord = (roster: Roster, key: string): StationRecord | undefined =>
  roster.stations.get(key) ?? (roster.carried ? rosterRecord(roster.carried.roster, key) : undefined);

export type Standing = { ok: true; grant: RoleGrant } | { ok: false; revoked: boolean; reason: string };

/** The role of `writer` for its entry number `seq`: the last roster decision in force there. */
export function standingAt(roster: Roster, writer: string, seq: number): Standing {
  const record = roster.stations.get(writer);
  const label = stationLabel(writer, () => record?.name);
  if (!record) return { ok: false, revoked: false, reason: `${label}未经指挥工作站配对，其记录不予接受` };
  let current: Period | undefined;
  for (const p of record.periods) if (p.fromSeq <= seq) current = p;
  if (!current) return { ok: false, revoked: false, reason: `${label}第 ${seq} 条记录早于其获得角色的时间` };
  if (!current.grant) {
    return { ok: false, revoked: true, reason: `${label}已于其第 ${current.fromSeq} 条记录起被撤销，第 ${seq} 条记录不予接受` };
  }
  return { ok: true, grant: current.grant };
}

/** Whether the station is revoked as of now (for the hub's credentials). */
export function isRevoked(roster: Roster, writer: string): boolean {
  const periods = roster.stations.get(writer)?.periods ?? [];
  const last = periods.reduce<Period | undefined>((a, p) => (!a || p.fromSeq >= a.fromSeq ? p : a), undefined);
  return last !== undefined && last.grant === null;
}

/**
 * Which station roles may write each category: a Record over every category, so a category
 * added to the one list (shared/log/types.ts) does not compile until it is decided here.
 * Aligned with the people's permissions (shared/operators/permissions.ts): the commander and
 * the deputy command (declare, stop, resume, end, issue, change who does what); only the
 * commander's station keeps the roster; group leaders write for their group; the evidence
 * group and the notary record evidence and the count; everyone countersigns and acknowledges.
 */
const C = 'commander' as const;
const D = 'deputy' as const;
const L = 'groupLeader' as const;
const E = 'evidenceClerk' as const;
const N = 'notary' as const;
export const categoryRoles: Readonly<Record<StationCategory, readonly StationRole[]>> = {
  phase: [C, D],
  suspension: [C, D],
  resumption: [C, D],
  termination: [C, D],
  command: [C, D],
  safetyCheck: [C, D, L],
  checkIn: [C, D, L],
  publicOpinion: [C, D, L],
  note: [C, D, L, E, N],
  incident: [C, D, L, E],
  inventory: [C, D, L, E, N],
  correction: [C, D, L, E, N],
  edit: [C, D, L, E, N],
  custody: [C, D, E],
  mediaRegister: [C, D, E],
  mediaVerify: [C, D, E],
  system: [C, D, E, N],
  roster: [C],
  checkpoint: [C, 'hub'],
  clock: [C, 'hub'],
  countersign: [C, D, L, E, N],
  ack: [C, D, L, E, N],
};

/** Declaring the operation's phases, stop and resumption is the command's act (BRIEF §2, step 5). */
const DECLARATIONS: readonly StationCategory[] = ['phase', 'suspension', 'resumption', 'termination'];
/** What every station writes, whatever its group. */
const EVERY_STATION: readonly StationCategory[] = ['countersign', 'ack'];

/** Record tables (renderer/src/data/db.ts) each role may change through an entry's act; 'all' for the command. */
export const tablesFor: Record<StationRole, readonly string[] | 'all'> = {
  commander: 'all',
  deputy: 'all',
  groupLeader: ['tasks'],
  evidenceClerk: ['media', 'inventoryItems', 'inventoryRooms', 'inventoryAttendance'],
  notary: ['inventoryItems', 'inventoryRooms', 'inventoryAttendance'],
  observer: [],
  hub: [],
};

/** null when a station with this grant may write the entry; otherwise why not, in Chinese. */
export function mayWrite(grant: RoleGrant, entry: Pick<StationEntry, 'category' | 'group' | 'act'>): string | null {
  const label = stationRoleLabels[grant.role];
  if (grant.role === 'observer') return '观察员工作站只能查看，不能写入记录';
  if (!categoryRoles[entry.category]?.includes(grant.role)) {
    if (DECLARATIONS.includes(entry.category)) return `只有现场执行指挥或副指挥可以宣布执行环节、停止、恢复或终结执行（${label}不能）`;
    if (entry.category === 'command') return `只有现场执行指挥或副指挥可以调整指挥和分组（${label}不能）`;
    if (entry.category === 'roster') return '只有现场执行指挥工作站可以配对、变更角色或撤销工作站';
    return `${label}工作站不能写入此类记录`;
  }
  if (grant.role === 'groupLeader' && !EVERY_STATION.includes(entry.category) && entry.group !== grant.group) {
    return `工作组组长只能为本组（${grant.group ?? '未指定'}）记录`;
  }
  const tables = tablesFor[grant.role];
  const foreign = tables === 'all' ? undefined : entry.act?.changes.find((c) => !tables.includes(c.table));
  if (foreign) return `${label}工作站不能修改「${foreign.table}」中的资料`;
  return null;
}

/** null when the entry may stand on the record under the roster; otherwise the reason. */
export function admission(roster: Roster, entry: StationEntry): string | null {
  if (entry.writer === roster.anchor) return null;
  const carried = roster.carried?.heads.get(entry.writer);
  if (carried && entry.seq <= carried.seq) {
    if (entry.seq === carried.seq && entry.hash !== carried.hash) {
      return `${stationLabel(entry.writer)}第 ${entry.seq} 条记录与工作站「${roster.carried!.name}」承接本行动时记载的不符`;
    }
    return admission(roster.carried!.roster, entry);
  }
  if (carried && !roster.stations.has(entry.writer)) {
    return `${stationLabel(entry.writer)}第 ${entry.seq} 条记录不予接受：本行动已由工作站「${roster.carried!.name}」承接（导入备份），只承接该工作站至第 ${carried.seq} 条的记录`;
  }
  const standing = standingAt(roster, entry.writer, entry.seq);
  if (!standing.ok) return standing.reason;
  const refused = mayWrite(standing.grant, entry);
  return refused ? `${stationLabel(entry.writer, () => rosterRecord(roster, entry.writer)?.name)}第 ${entry.seq} 条记录不予接受：${refused}` : null;
}

interface Operator {
  personId: string;
  name: string;
}

/**
 * The genesis of a station that takes the operation over from the entries it imported (a
 * backup): it names the roster's commander station and every chain's head it carries on from.
 */
export function takeOverInput(station: string, name: string, operator: Operator, from: { anchor: string; heads: ReadonlyMap<string, Head> }): EntryInput {
  const base = genesisInput(station, name, operator);
  const succeeds = Object.fromEntries([...from.heads].sort(([a], [b]) => (a < b ? -1 : 1)).map(([writer, head]) => [writer, seenMark(head)]));
  const count = [...from.heads.values()].reduce((n, h) => n + h.seq, 0);
  return {
    ...base,
    text: `工作站「${name}」导入备份，承接本行动的多站记录（原指挥工作站 ${stationLabel(from.anchor)}，${from.heads.size} 台工作站的 ${count} 条签名记录）`,
    data: { ...base.data, predecessor: from.anchor, succeeds },
  };
}

/** The genesis entry's input: the commander station founds the operation's record. */
export const genesisInput = (station: string, name: string, operator: Operator): EntryInput => ({
  operator,
  category: 'roster',
  text: `指挥工作站「${name}」建立本行动的多站记录`,
  data: { action: 'genesis', station, role: 'commander', name, fromSeq: 1 },
  act: { kind: 'roster.genesis', changes: [{ table: 'stations', op: 'put', id: station, record: { key: station, name, role: 'commander' } }] },
});

/** A pairing, role change or revocation, written by the commander's station. */
export function rosterInput(
  action: Exclude<RosterAction, 'genesis'>,
  station: { key: string; name: string; grant?: RoleGrant; fromSeq: number; sas?: string },
  operator: Operator,
): EntryInput {
  const grant = station.grant;
  const role = grant ? `${stationRoleLabels[grant.role]}${grant.group ? `（${grant.group}）` : ''}` : '';
  const text =
    action === 'pair'
      ? `配对工作站「${station.name}」，角色：${role}`
      : action === 'role'
        ? `工作站「${station.name}」自其第 ${station.fromSeq} 条记录起角色变更为：${role}`
        : `撤销工作站「${station.name}」，其第 ${station.fromSeq} 条起的记录不再接受`;
  return {
    operator,
    category: 'roster',
    text,
    data: {
      action,
      station: station.key,
      name: station.name,
      fromSeq: station.fromSeq,
      ...(grant ? { role: grant.role, ...(grant.group ? { group: grant.group } : {}) } : {}),
      ...(station.sas ? { sas: station.sas } : {}),
    },
    act: {
      kind: `roster.${action}`,
      changes: [
        {
          table: 'stations',
          op: 'put',
          id: station.key,
          record: { key: station.key, name: station.name, role: grant?.role ?? null, group: grant?.group ?? null, revoked: action === 'revoke' },
        },
      ],
    },
  };
}

/**
 * Who makes a checkpoint count: the hubs propose it, and every station that records (not an
 * observer, not revoked) must have countersigned it before a PDF prints it instead of a head.
 */
export function checkpointParties(roster: Roster): { hubs: Set<string>; signers: string[] } {
  const hubs = new Set<string>();
  const signers: string[] = [];
  for (const [key, record] of roster.stations) {
    const last = record.periods.reduce<Period | undefined>((a, p) => (!a || p.fromSeq >= a.fromSeq ? p : a), undefined);
    const role = last?.grant?.role;
    if (role === 'hub') hubs.add(key);
    else if (role && role !== 'observer') signers.push(key);
  }
  return { hubs, signers: signers.sort() };
}
