// Pure. The on-site log's entry: append-only, each entry carrying the SHA-256 of its
// canonical serialisation (see canonical.ts) and the hash of the entry before it. Format 1
// (one chain per operation, table logEntries) and format 2 (one signed chain per station,
// shared/stations) are both shown to the app as a LogEntry; `writer` tells them apart.

/**
 * What an entry records, in both formats (one list: shared/stations uses it as is). A
 * correction never overwrites: it is a new entry whose refs name the old one.
 */
export const logCategories = [
  'phase',
  'suspension',
  'resumption',
  'termination',
  'safetyCheck',
  'checkIn',
  'note',
  'incident',
  'publicOpinion',
  'custody',
  'mediaRegister',
  'mediaVerify',
  'inventory',
  'correction',
  'system',
  /** A record edited (command post, plan draft, document draft, aftercare…): 资料变更. */
  'edit',
  /** Who commands: commander, deputy, group leaders, members, roles, with data.before/after. */
  'command',
  /** Format 2: pairing, role change, revocation, and the operation's genesis (shared/stations/roster.ts). */
  'roster',
  /** Format 2: all writers' heads, proposed by the hub (shared/stations/checkpoints.ts). */
  'checkpoint',
  /** Format 2: a station's agreement with a checkpoint. */
  'countersign',
  /** Format 2: a measured clock offset (shared/stations/clock.ts). */
  'clock',
  /** Format 2: acknowledgement of a commander's order. */
  'ack',
] as const;
export type LogCategory = (typeof logCategories)[number];

export const logCategoryLabels: Record<LogCategory, string> = {
  phase: '执行环节',
  suspension: '停止执行',
  resumption: '恢复执行',
  termination: '终结执行',
  safetyCheck: '拆除前核查',
  checkIn: '人员到岗',
  note: '记录',
  incident: '突发事件',
  publicOpinion: '舆情',
  custody: '证据移交',
  mediaRegister: '音像登记',
  mediaVerify: '音像复核',
  inventory: '物品清登',
  correction: '更正',
  system: '系统',
  edit: '资料变更',
  command: '指挥调整',
  roster: '工作站名册',
  checkpoint: '检查点',
  countersign: '会签',
  clock: '时钟',
  ack: '确认指令',
};

export interface LogRefs {
  media?: string[];
  inventoryItems?: string[];
  people?: string[];
  /** Sequence number of the (earlier) format-1 entry this entry corrects; only on category 'correction'. */
  corrects?: number;
  /** Hash of the (earlier) format-2 entry this entry corrects; only on category 'correction'. */
  correctsHash?: string;
  /** Format 2: the checkpoint a countersign agrees with (its hash). */
  checkpoint?: string;
}

export type LogDataValue = string | number | boolean | null;

export interface LogEntry {
  operationId: string;
  /** 1, 2, 3… within the operation (format 1) or within its writer's chain (format 2), no gaps. */
  seq: number;
  /** System clock when the entry was appended, ISO 8601 ms +08:00; never editable. */
  recordedAt: string;
  /** When the user says it happened, ISO 8601 ms +08:00; defaults to recordedAt. */
  occurredAt: string;
  operator: string;
  /** Working group code, or '' when not recorded by a group. */
  group: string;
  category: LogCategory;
  text: string;
  refs: LogRefs;
  /** Structured details, e.g. { ground: 2 } on a stop. */
  data?: Record<string, LogDataValue>;
  /** Hex SHA-256 of the previous entry; ZERO_HASH for seq 1. */
  prevHash: string;
  /** Hex SHA-256 of canonicalSerialise(every other field); format 2: of the signed entry's RFC 8785 form. */
  hash: string;
  /** Format 2 only: the writing station's public key (base64url). Absent on format-1 entries. */
  writer?: string;
  /** Format 2 only: the writing station's name, as the roster gives it (for display). */
  writerName?: string;
  /** Format 2 only: the entry's hybrid logical clock, which orders the merged timeline (shared/log/order.ts). */
  hlc?: { ms: number; c: number };
}

/** The fields format 1 hashes: a format-1 entry never has the format-2 fields. */
export type LogEntryFields = Omit<LogEntry, 'hash' | 'writer' | 'writerName' | 'hlc'>;

/** The previous hash of the first entry. */
export const ZERO_HASH = '0'.repeat(64);

/**
 * What a workspace shows and every PDF prints, so paper copies pin the log: the format-1
 * head (no writer), or a format-2 entry of `writer` (a station's head or an agreed
 * checkpoint, whose `seen` marks or heads pin every other chain). See renderer/src/log/head.ts.
 */
export interface ChainHead {
  seq: number;
  hash: string;
  /** Format 2: the station (public key, base64url) whose entry this is; absent on a format-1 head. */
  writer?: string;
}
