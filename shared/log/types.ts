// Pure. The on-site log's entry: append-only, each entry carrying the SHA-256 of its
// canonical serialisation (see canonical.ts) and the hash of the entry before it.

/** What an entry records. A correction never overwrites: it is a new entry whose refs.corrects names the old one. */
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
};

export interface LogRefs {
  media?: string[];
  inventoryItems?: string[];
  people?: string[];
  /** Sequence number of the (earlier) entry this entry corrects; only on category 'correction'. */
  corrects?: number;
}

export type LogDataValue = string | number | boolean | null;

export interface LogEntry {
  operationId: string;
  /** 1, 2, 3… within the operation, no gaps. */
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
  /** Hex SHA-256 of canonicalSerialise(every other field). */
  hash: string;
}

export type LogEntryFields = Omit<LogEntry, 'hash'>;

/** The previous hash of the first entry. */
export const ZERO_HASH = '0'.repeat(64);

/** What a workspace shows and every PDF prints, so paper copies pin the log. */
export interface ChainHead {
  seq: number;
  hash: string;
  /** Format 2: the station (public key, base64url) whose entry this is; absent on a format-1 head. */
  writer?: string;
}
