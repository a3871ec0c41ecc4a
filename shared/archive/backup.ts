// Pure. The operation backup file (一户一档): one operation and every record that hangs
// off it, as one versioned JSON document that can be read back into any console.
//
// Bytes (e.g. the deployment sketch image) are written as { "$bytes": "<base64>" }.
// Every record is checked field by field against the shared types (the later steps' schemas
// are in recordSchemas.ts); what records must agree on between them is in backupChecks.ts.
import { z } from 'zod';
import { standardGroupCodes, type MemberUnit, type Person, type WorkingGroup } from '../commandPost/types';
import { rulingScopes, vulnerabilities, type HouseholdMember, type IsoInstant, type Operation, type Subject } from '../operation/types';
import { contingencyKinds, type Plan, type PreparatoryMeeting } from '../plan/types';
import {
  destinationKinds,
  type InventoryAttendanceRecord,
  type InventoryItemRecord,
  type InventoryRoomRecord,
} from '../inventory/types';
import { decodeBase64, encodeBase64 } from './base64';
import {
  documentRecordSchema,
  logEntryRecordSchema,
  mediaRecordSchema,
  postingRecordSchema,
  serviceRecordSchema,
  taskRecordSchema,
} from './recordSchemas';

export const BACKUP_FORMAT = 'enforcement-console.operation-backup';
export const BACKUP_FORMAT_VERSION = 1;

/** A file larger than this is refused before it is parsed. */
export const MAX_BACKUP_CHARS = 200 * 1024 * 1024;
/** At most this many records in all tables together. */
export const MAX_BACKUP_RECORDS = 100_000;

// —— record schemas ——

const id = z.string().min(1);
const text = z.string();
const int = z.number().int();

// Backups written before the ruling's scope was recorded read as relocation only (the narrower reading).
const courtRulingSchema = z.strictObject({
  court: text,
  number: text,
  date: text,
  scope: z.enum(rulingScopes).default('relocation'),
  scopeLimit: text.optional(),
});
const money = z.number().nonnegative();
const particularsSchema = z.strictObject({
  compensation: z.strictObject({
    amount: money,
    arrangement: z.enum(['account', 'escrow']),
    bank: text,
    accountName: text,
    accountNumber: text,
    notaryOffice: text,
    certificateNumber: text,
  }),
  housing: z.strictObject({ kind: z.enum(['propertyExchange', 'interimHousing', 'none']), address: text, area: z.number().nonnegative() }),
  method: text,
  storagePlace: text,
  collection: text,
  contactPerson: text,
  contactPhone: text,
});
const basisDocumentSchema = z.strictObject({
  kind: z.enum(['compensationDecision', 'demolitionDisputeRuling', 'agreementPerformanceDecision']),
  number: text,
  date: text,
});

export const operationSchema = z.strictObject({
  id,
  status: z.enum(['active', 'archived']),
  isDemo: z.boolean(),
  courtRuling: courtRulingSchema,
  basisDocument: basisDocumentSchema,
  organisingGovernment: text,
  leadUnit: text,
  issuingBody: z.enum(['organisingGovernment', 'leadUnit']).optional(),
  particulars: particularsSchema.optional(),
  costs: z.strictObject({ amount: money, bearer: text, note: text }).optional(),
  propertyAddress: text,
  createdAt: text,
  updatedAt: text,
  archivedAt: text.optional(),
  onSiteCommanderId: text.optional(),
  deputyCommanderId: text.optional(),
  termination: z
    .strictObject({ ground: z.literal('selfPerformed'), occurredOn: text, note: text, recordedBy: text, recordedAt: text })
    .optional(),
});

export const subjectSchema = z.strictObject({
  id,
  operationId: id,
  position: int,
  name: text,
  idType: z.enum(['residentId', 'other']),
  idNumber: text,
  phone: text,
  address: text,
  assessment: z
    .strictObject({ health: text, psychological: text, behavioural: text, riskLevel: z.enum(['low', 'medium', 'high']) })
    .optional(),
});

export const householdMemberSchema = z.strictObject({
  id,
  operationId: id,
  subjectId: id,
  name: text,
  relation: text,
  birthYear: int.optional(),
  phone: text,
  vulnerabilities: z.array(z.enum(vulnerabilities)),
  note: text,
});

export const memberUnitSchema = z.strictObject({ id, operationId: id, name: text, role: text });

export const personSchema = z.strictObject({
  id,
  operationId: id,
  memberUnitId: text,
  name: text,
  post: text,
  phone: text,
  badgeNumber: text,
  training: z.strictObject({ course: text, date: text }).optional(),
});

export const workingGroupSchema = z.strictObject({
  id,
  operationId: id,
  code: z.enum([...standardGroupCodes, 'custom']),
  name: text,
  duties: text,
  leaderId: text.optional(),
  memberIds: z.array(text),
  channel: text,
  position: int,
});

export const preparatoryMeetingSchema = z.strictObject({
  id,
  operationId: id,
  date: text,
  time: text,
  place: text,
  attendeeIds: z.array(text),
  otherAttendees: text,
  familySituation: text,
  psychologicalState: text,
  behaviouralState: text,
  decisions: text,
});

const sketchSchema = z.strictObject({
  image: z.custom<Uint8Array>((v) => v instanceof Uint8Array),
  mimeType: z.enum(['image/png', 'image/jpeg']),
  width: z.number().positive(),
  height: z.number().positive(),
  markers: z.array(
    z.strictObject({
      id,
      kind: z.enum(['assembly', 'dispersal', 'cordon', 'property', 'group', 'other']),
      label: text,
      groupId: text.optional(),
      x: z.number(),
      y: z.number(),
    }),
  ),
});

const planContentSchema = z.strictObject({
  start: text,
  end: text,
  emergencyReason: text,
  assemblyPoint: text,
  dispersalPoint: text,
  cordon: text,
  route: text,
  housingKind: z.enum(['interim', 'resettlement']),
  housingAddress: text,
  vehicles: text,
  equipment: text,
  assignments: z.array(z.strictObject({ groupId: text, task: text, position: text, reportTime: text })),
  contingencies: z.array(
    z.strictObject({ kind: z.enum([...contingencyKinds, 'other']), title: text, measures: text, groupIds: z.array(text) }),
  ),
  riskAssessment: text,
  compensationDeposited: z.boolean(),
  compensationAccount: text,
  housingArranged: z.boolean(),
  noUtilityCutoff: z.boolean(),
  sketch: sketchSchema.optional(),
});

const legalityCheckSchema = z.strictObject({
  code: text,
  title: text,
  status: z.enum(['pass', 'fail', 'warn']),
  blocking: z.boolean(),
  message: text,
  basis: text,
});

const planSnapshotSchema = z.strictObject({
  operation: operationSchema,
  subjects: z.array(subjectSchema),
  householdMembers: z.array(householdMemberSchema),
  memberUnits: z.array(memberUnitSchema),
  people: z.array(personSchema),
  groups: z.array(workingGroupSchema),
  meeting: preparatoryMeetingSchema.optional(),
});

export const planSchema = z.strictObject({
  id,
  operationId: id,
  version: int.min(0),
  status: z.enum(['draft', 'final']),
  content: planContentSchema,
  updatedAt: text,
  finalisedAt: text.optional(),
  finalisedBy: text.optional(),
  legality: z.array(legalityCheckSchema).optional(),
  snapshot: planSnapshotSchema.optional(),
});

const scoped = { id, operationId: id };

const bytes = z.custom<Uint8Array>((v) => v instanceof Uint8Array);

export const inventoryItemSchema = z.strictObject({
  ...scoped,
  tag: text,
  roomId: text,
  name: text,
  quantity: z.number(),
  unit: text,
  condition: text,
  photos: z.array(z.strictObject({ name: text, mimeType: z.enum(['image/png', 'image/jpeg']), bytes })),
  destination: z.strictObject({ kind: z.enum(destinationKinds), address: text }).optional(),
  note: text,
  valuable: z.boolean().optional(),
  status: z.enum(['listed', 'withdrawn']),
  withdrawnReason: text.optional(),
  createdAt: text,
  updatedAt: text,
});

export const inventoryRoomSchema = z.strictObject({ ...scoped, name: text, position: int, createdAt: text, updatedAt: text });

export const inventoryAttendanceSchema = z.strictObject({
  ...scoped,
  notaryInstitution: text,
  notaryNames: z.array(text),
  witnesses: z.array(z.strictObject({ name: text, idNumber: text, unit: text })),
  groupLeader: text,
  notaryCertificate: z.strictObject({ number: text, recordedAt: text, recordedBy: text }).optional(),
  updatedAt: text,
});

/** The tables of one operation, in the order they appear in the file. */
export const backupTables = {
  subjects: subjectSchema,
  householdMembers: householdMemberSchema,
  memberUnits: memberUnitSchema,
  people: personSchema,
  workingGroups: workingGroupSchema,
  preparatoryMeetings: preparatoryMeetingSchema,
  plans: planSchema,
  documents: documentRecordSchema,
  services: serviceRecordSchema,
  postings: postingRecordSchema,
  logEntries: logEntryRecordSchema,
  media: mediaRecordSchema,
  inventoryItems: inventoryItemSchema,
  inventoryRooms: inventoryRoomSchema,
  inventoryAttendance: inventoryAttendanceSchema,
  tasks: taskRecordSchema,
} as const;
export type BackupTable = keyof typeof backupTables;
export const backupTableNames = Object.keys(backupTables) as BackupTable[];

/**
 * Tables added after format version 1 was released: a file written before them has no
 * such key and reads as empty; when empty they are not written, so it reads back to the
 * same text.
 */
const laterTables = new Set<BackupTable>(['inventoryRooms', 'inventoryAttendance']);

/** How the tables are named in messages. */
export const backupTableLabels: Record<BackupTable | 'operation', string> = {
  operation: '行动',
  subjects: '被执行人',
  householdMembers: '家庭成员',
  memberUnits: '成员单位',
  people: '人员',
  workingGroups: '工作小组',
  preparatoryMeetings: '执行预备会',
  plans: '预案',
  documents: '文书',
  services: '送达记录',
  postings: '张贴记录',
  logEntries: '执行日志',
  media: '音视频及照片',
  inventoryItems: '物品清单',
  inventoryRooms: '清登房间',
  inventoryAttendance: '清登到场人员',
  tasks: '任务',
};

const appSchema = z.strictObject({ name: z.string().min(1), version: z.string().min(1) });
const CHINA_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?\+08:00$/;

/**
 * Every format-2 entry of the operation, exactly as signed (DESIGN-B contract 4; the storage
 * engineer owns its full checks): the archive carries them, and its verifier checks them all.
 */
const stationEntriesSchema = z.array(z.record(z.string(), z.unknown())).optional();

/**
 * The bytes of the entries' files that no record holds any more (a PDF re-rendered since, a
 * photo replaced), named by their SHA-256 as the entries name them: with the records' bytes they
 * let an import store every entry complete.
 */
const stationFilesSchema = z
  .array(z.strictObject({ name: z.string().regex(/^[0-9a-f]{64}$/, '附件名应为 SHA-256'), contentType: z.string().min(1), bytes }))
  .optional();
export type StationFile = NonNullable<z.infer<typeof stationFilesSchema>>[number];

const backupSchema = z.strictObject({
  format: z.literal(BACKUP_FORMAT),
  formatVersion: z.literal(BACKUP_FORMAT_VERSION),
  exportedAt: z.string().regex(CHINA_INSTANT, '导出时间应为带 +08:00 的时间'),
  app: appSchema,
  operation: operationSchema,
  ...Object.fromEntries(backupTableNames.map((t) => [t, laterTables.has(t) ? z.array(backupTables[t]).default([]) : z.array(backupTables[t])])),
  stationEntries: stationEntriesSchema,
  stationFiles: stationFilesSchema,
} as { [K in BackupTable]: z.ZodArray<(typeof backupTables)[K]> } & {
  format: z.ZodLiteral<typeof BACKUP_FORMAT>;
  formatVersion: z.ZodLiteral<typeof BACKUP_FORMAT_VERSION>;
  exportedAt: z.ZodString;
  app: typeof appSchema;
  operation: typeof operationSchema;
  stationEntries: typeof stationEntriesSchema;
  stationFiles: typeof stationFilesSchema;
});

export type OperationBackup = z.infer<typeof backupSchema>;
/** The records of a backup, without the file's header. */
export type BackupContents = Omit<OperationBackup, 'format' | 'formatVersion' | 'exportedAt' | 'app'>;

// The strict schemas must describe exactly the shared types: when a type gains or loses
// a field, this stops compiling until the schema (and, if needed, the format version) follows.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Exact<A, B> = Same<A, B> extends true ? Same<keyof A, keyof B> : false;
type Assert<T extends true> = T;
export type BackupSchemasMatchTypes = [
  Assert<Exact<z.infer<typeof operationSchema>, Operation>>,
  Assert<Exact<z.infer<typeof subjectSchema>, Subject>>,
  Assert<Exact<z.infer<typeof householdMemberSchema>, HouseholdMember>>,
  Assert<Exact<z.infer<typeof memberUnitSchema>, MemberUnit>>,
  Assert<Exact<z.infer<typeof personSchema>, Person>>,
  Assert<Exact<z.infer<typeof workingGroupSchema>, WorkingGroup>>,
  Assert<Exact<z.infer<typeof preparatoryMeetingSchema>, PreparatoryMeeting>>,
  Assert<Exact<z.infer<typeof planSchema>, Plan>>,
  Assert<Exact<z.infer<typeof planContentSchema>, Plan['content']>>,
  Assert<Exact<z.infer<typeof inventoryItemSchema>, InventoryItemRecord>>,
  Assert<Exact<z.infer<typeof inventoryRoomSchema>, InventoryRoomRecord>>,
  Assert<Exact<z.infer<typeof inventoryAttendanceSchema>, InventoryAttendanceRecord>>,
];

// —— writing ——

/** The file's header around the records; `exportedAt` in China time (+08:00). */
export function buildBackup(
  contents: BackupContents,
  meta: { exportedAt: IsoInstant; app: { name: string; version: string } },
): OperationBackup {
  const backup: Record<string, unknown> = {
    format: BACKUP_FORMAT,
    formatVersion: BACKUP_FORMAT_VERSION,
    exportedAt: meta.exportedAt,
    app: { name: meta.app.name, version: meta.app.version },
    operation: contents.operation,
  };
  for (const table of backupTableNames) backup[table] = [...contents[table]].sort(recordOrder(table));
  if (contents.stationEntries?.length) backup.stationEntries = contents.stationEntries;
  if (contents.stationFiles?.length) backup.stationFiles = [...contents.stationFiles].sort((a, b) => compare(a.name, b.name));
  return backup as OperationBackup;
}

/** Records in a fixed order, so the same data always gives the same file. */
function recordOrder(table: BackupTable): (a: Record<string, unknown>, b: Record<string, unknown>) => number {
  const by = (key: string) => (a: Record<string, unknown>, b: Record<string, unknown>) => compare(a[key], b[key]);
  const byId = by('id');
  if (table === 'logEntries') return by('seq');
  if (table === 'plans') return by('version');
  if (table === 'subjects' || table === 'workingGroups') return (a, b) => by('position')(a, b) || byId(a, b);
  return byId;
}

function compare(a: unknown, b: unknown): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  const [x, y] = [String(a), String(b)];
  return x < y ? -1 : x > y ? 1 : 0;
}

/** Plain JSON: keys sorted (the header first, in the format's order), bytes as { "$bytes": base64 }. */
function toJsonValue(value: unknown, path: string): unknown {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`无法写入备份：${path} 不是有限数值`);
    return value;
  }
  if (value instanceof Uint8Array) return { $bytes: encodeBase64(value) };
  if (Array.isArray(value)) return value.map((v, i) => (v === undefined ? null : toJsonValue(v, `${path}[${i}]`)));
  if (typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      const v = (value as Record<string, unknown>)[key];
      if (v !== undefined) out[key] = toJsonValue(v, `${path}.${key}`);
    }
    return out;
  }
  const kind = typeof value === 'object' ? (value.constructor?.name ?? 'object') : typeof value;
  throw new Error(`无法写入备份：${path} 是 ${kind}，备份只能保存文字、数字、是否和字节`);
}

/** The backup as pretty-printed JSON text, the same bytes for the same data. */
export function serialiseBackup(backup: OperationBackup): string {
  const header = ['format', 'formatVersion', 'exportedAt', 'app', 'operation', ...backupTableNames, 'stationEntries', 'stationFiles'] as const;
  const out: Record<string, unknown> = {};
  for (const key of header) {
    if ((laterTables.has(key as BackupTable) || key === 'stationEntries' || key === 'stationFiles') && ((backup[key] as unknown[] | undefined) ?? []).length === 0) continue;
    out[key] = toJsonValue(backup[key], key);
  }
  return `${JSON.stringify(out, null, 2)}\n`;
}

// —— reading ——

export type ParseResult = { ok: true; backup: OperationBackup } | { ok: false; errors: string[] };

/** At most this many messages are returned; a wrong file would otherwise list thousands. */
const MAX_ERRORS = 20;

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

const typeNames: Record<string, string> = {
  string: '文字',
  number: '数字',
  int: '整数',
  boolean: '是或否',
  object: '对象',
  array: '列表',
  literal: '固定值',
};

/** zod's issues in Chinese; messages written on the schema itself take precedence. */
function chineseIssue(issue: z.core.$ZodRawIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return '缺少此项';
      return `应为${typeNames[issue.expected] ?? issue.expected}`;
    case 'invalid_value':
      return `取值不正确，应为 ${issue.values.map((v) => JSON.stringify(v)).join('、')} 之一`;
    case 'unrecognized_keys':
      return `含有本版本不认识的字段：${issue.keys.join('、')}`;
    case 'too_small':
      return issue.origin === 'string' ? '不能为空' : `不能小于 ${String(issue.minimum)}`;
    case 'too_big':
      return `不能大于 ${String(issue.maximum)}`;
    case 'custom':
      return '应为字节数据（{"$bytes": "…"}）';
    case 'invalid_format':
      return '格式不正确';
    case 'invalid_union':
      // A record whose kind (discriminator) is missing or unknown, e.g. a document without kind.
      if ('options' in issue && Array.isArray(issue.options) && issue.options.length > 0) {
        const options = (issue.options as unknown[]).map((v) => JSON.stringify(v)).join('、');
        const given = isObject(issue.input) && typeof issue.discriminator === 'string' ? issue.input[issue.discriminator] : undefined;
        return `${given === undefined ? '缺少此项' : '取值不正确'}，应为 ${options} 之一`;
      }
      return '内容不正确';
    default:
      return '内容不正确';
  }
}

/** How a record is named in messages: 文书第 2 条「doc-7」, 执行日志第 3 条「序号 3」. */
export function recordName(label: string, index: number, record: unknown): string {
  const r = isObject(record) ? record : {};
  const key = typeof r.id === 'string' ? r.id : typeof r.seq === 'number' ? `序号 ${r.seq}` : '';
  // A hostile id may be long or hold line breaks: shown short and on one line.
  const shown = JSON.stringify(key.length > 40 ? `${key.slice(0, 40)}…` : key).slice(1, -1);
  return `${label}第 ${index + 1} 条${shown ? `「${shown}」` : ''}`;
}

/** ['people', 3, 'name'] → 人员第 4 条「person-4」（name）; the id read from `root` when given. */
function describePath(path: readonly PropertyKey[], root?: unknown): string {
  const [table, index, ...rest] = path;
  if (table === undefined) return '文件';
  const label = backupTableLabels[table as BackupTable | 'operation'];
  let head: string;
  let tail: readonly PropertyKey[];
  if (label && table !== 'operation' && typeof index === 'number') {
    const records = isObject(root) ? root[table as string] : undefined;
    head = recordName(label, index, Array.isArray(records) ? records[index] : undefined);
    tail = rest;
  } else {
    head = label ?? String(table);
    tail = index === undefined ? [] : [index, ...rest];
  }
  const fields = tail.map((k) => (typeof k === 'number' ? `[${k}]` : `.${String(k)}`)).join('');
  return fields ? `${head}（${fields.replace(/^\./, '')}）` : head;
}

/** At most MAX_ERRORS messages, the last saying how many more were found. */
export function cappedErrors(errors: readonly string[]): string[] {
  if (errors.length <= MAX_ERRORS) return [...errors];
  return [...errors.slice(0, MAX_ERRORS - 1), `……等共 ${errors.length} 处问题（只列出前 ${MAX_ERRORS - 1} 处）`];
}

/** Replaces every { "$bytes": base64 } with its bytes; reports strings that are not base64. */
function decodeBytes(value: unknown, path: PropertyKey[], errors: string[], root: unknown = value): unknown {
  if (Array.isArray(value)) return value.map((v, i) => decodeBytes(v, [...path, i], errors, root));
  if (value === null || typeof value !== 'object') return value;
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record);
  if (keys.length === 1 && keys[0] === '$bytes') {
    const bytes = typeof record.$bytes === 'string' ? decodeBase64(record.$bytes) : null;
    if (!bytes) errors.push(`${describePath(path, root)}：字节数据不是有效的 base64`);
    return bytes ?? value;
  }
  // Assigning "__proto__" would set the prototype: the record would borrow fields it does not hold.
  if (keys.includes('__proto__')) errors.push(`${describePath(path, root)}：含有不允许的字段名 __proto__`);
  const out: Record<string, unknown> = {};
  for (const key of keys) out[key] = decodeBytes(record[key], [...path, key], errors, root);
  return out;
}

/** Every record must be this operation's: a backup holds exactly one household's file. */
function foreignRecords(backup: OperationBackup): string[] {
  const errors: string[] = [];
  const operationId = backup.operation.id;
  const check = (records: readonly { operationId: string }[], where: (i: number) => string) =>
    records.forEach((r, i) => {
      if (r.operationId !== operationId) errors.push(`${where(i)}属于另一行动（${r.operationId}），不属于本备份的行动（${operationId}）`);
    });
  for (const table of backupTableNames) check(backup[table], (i) => recordName(backupTableLabels[table], i, backup[table][i]));
  backup.plans.forEach((plan, p) => {
    const snapshot = plan.snapshot;
    if (!snapshot) return;
    const where = `预案第 ${p + 1} 条的定稿快照`;
    if (snapshot.operation.id !== operationId) errors.push(`${where}属于另一行动（${snapshot.operation.id}）`);
    const parts = [snapshot.subjects, snapshot.householdMembers, snapshot.memberUnits, snapshot.people, snapshot.groups];
    for (const records of parts) check(records, () => where);
    if (snapshot.meeting) check([snapshot.meeting], () => where);
  });
  return [...new Set(errors)];
}

/** Two records with one key would make the import fail half-way in the database. */
function duplicateKeys(backup: OperationBackup): string[] {
  const errors: string[] = [];
  for (const table of backupTableNames) {
    const key = (r: Record<string, unknown>) =>
      table === 'logEntries' ? `序号 ${String(r.seq)}` : table === 'plans' ? `版本 ${String(r.version)}` : `编号 ${String(r.id)}`;
    const seen = new Set<string>();
    const keys = (backup[table] as Record<string, unknown>[]).flatMap((r) =>
      table === 'plans' ? [key(r), `编号 ${String(r.id)}`] : [key(r)],
    );
    for (const k of keys) {
      if (seen.has(k)) errors.push(`${backupTableLabels[table]}中${k}重复出现`);
      seen.add(k);
    }
  }
  return errors;
}

// —— size caps (issue 16, point 5) ——
// Kept apart from the record schemas: they bound what a hand-made file can make the app hold
// (a 50 MB string, a list of a million items, nesting a thousand deep) whatever the records
// are, and are checked on the parsed JSON before anything else looks at it or is written.

/** The caps on a backup file's content, beside MAX_BACKUP_CHARS and MAX_BACKUP_RECORDS. */
export const BACKUP_SIZE_LIMITS = {
  /** One text: the longest field the app writes (a meeting's notes, a log entry) is far shorter. */
  textChars: 1_000_000,
  /** One { "$bytes": … } in base64: a photo or a sketch is at most 20 MB, a PDF far less than 64 MB. */
  base64Chars: Math.ceil((64 * 1024 * 1024) / 3) * 4,
  /** One list inside a record (photos, witnesses, references); the tables are bounded by the record count. */
  listItems: 10_000,
  /** Objects and lists within one another. */
  depth: 32,
} as const;

/** The rules of BACKUP_SIZE_LIMITS, as the refusals name them. */
const BACKUP_SIZE_RULES = {
  text: `备份中一段文字不超过 ${BACKUP_SIZE_LIMITS.textChars / 10_000} 万字`,
  bytes: '备份中一份文件（照片、PDF）不超过 64 MB',
  list: `记录中的一个列表不超过 ${BACKUP_SIZE_LIMITS.listItems} 项`,
  depth: `嵌套不超过 ${BACKUP_SIZE_LIMITS.depth} 层`,
} as const;

/**
 * What in a parsed backup file breaks BACKUP_SIZE_LIMITS, each named with its place and rule
 * (at most one per rule, the first found); empty when nothing does. Walks without recursion,
 * so depth itself cannot overflow the stack.
 */
export function backupSizeProblems(raw: unknown, limits: typeof BACKUP_SIZE_LIMITS = BACKUP_SIZE_LIMITS): string[] {
  const found = new Map<string, string>();
  const report = (rule: string, path: PropertyKey[], detail: string) => {
    if (!found.has(rule)) found.set(rule, `${describePath(path, raw)}：${detail}（违反规则：${rule}）`);
  };
  const stack: { value: unknown; path: PropertyKey[] }[] = [{ value: raw, path: [] }];
  while (stack.length > 0) {
    const { value, path } = stack.pop()!;
    if (typeof value === 'string') {
      if (value.length > limits.textChars) report(BACKUP_SIZE_RULES.text, path, `文字长 ${value.length} 字，超过上限 ${limits.textChars} 字`);
      continue;
    }
    if (value === null || typeof value !== 'object') continue;
    if (path.length > limits.depth) {
      report(BACKUP_SIZE_RULES.depth, path.slice(0, 2), `嵌套超过 ${limits.depth} 层`);
      continue;
    }
    if (Array.isArray(value)) {
      // The tables themselves (top level) are bounded by MAX_BACKUP_RECORDS.
      if (path.length > 1 && value.length > limits.listItems) report(BACKUP_SIZE_RULES.list, path, `列表有 ${value.length} 项，超过上限 ${limits.listItems} 项`);
      else value.forEach((item, i) => stack.push({ value: item, path: [...path, i] }));
      continue;
    }
    const record = value as Record<string, unknown>;
    const keys = Object.keys(record);
    if (keys.length === 1 && keys[0] === '$bytes' && typeof record.$bytes === 'string') {
      const length = record.$bytes.length;
      if (length > limits.base64Chars) report(BACKUP_SIZE_RULES.bytes, path, `字节数据约 ${Math.round((length * 3) / 4 / 1024 / 1024)} MB，超过上限`);
      continue;
    }
    if (keys.length > limits.listItems) report(BACKUP_SIZE_RULES.list, path, `对象有 ${keys.length} 个字段，超过上限 ${limits.listItems} 个`);
    else {
      for (const key of keys) {
        if (key.length > limits.textChars) report(BACKUP_SIZE_RULES.text, path, `字段名长 ${key.length} 字，超过上限 ${limits.textChars} 字`);
        else stack.push({ value: record[key], path: [...path, key] });
      }
    }
  }
  return [...found.values()];
}

/** Reads a backup file: the format and version first, then every record, then that all belong together. */
export function parseBackup(
  text: string,
  limits: { maxChars?: number; maxRecords?: number } = {},
): ParseResult {
  const maxChars = limits.maxChars ?? MAX_BACKUP_CHARS;
  const maxRecords = limits.maxRecords ?? MAX_BACKUP_RECORDS;
  const fail = (...errors: string[]): ParseResult => ({ ok: false, errors: cappedErrors(errors) });

  if (text.length > maxChars) {
    return fail(`文件过大（${Math.ceil(text.length / 1024 / 1024)} MB），一份行动备份不能超过 ${Math.floor(maxChars / 1024 / 1024)} MB`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    return fail(`不是有效的备份文件：无法按 JSON 读取（${error instanceof Error ? error.message : String(error)}）`);
  }
  if (!isObject(raw)) return fail('不是有效的备份文件：内容应为一个 JSON 对象');
  if (raw.format !== BACKUP_FORMAT) {
    return fail(
      raw.format === undefined
        ? '这不是强制执行指挥台的行动备份文件（缺少 format 标记）'
        : `这不是强制执行指挥台的行动备份文件（format 为 ${JSON.stringify(raw.format)}）`,
    );
  }
  if (raw.formatVersion !== BACKUP_FORMAT_VERSION) {
    const v = raw.formatVersion;
    return fail(
      typeof v === 'number' && v > BACKUP_FORMAT_VERSION
        ? `该备份由较新版本的程序导出（格式版本 ${v}），本程序只能读取格式版本 ${BACKUP_FORMAT_VERSION}，请升级程序后再导入`
        : `不支持的备份格式版本：${JSON.stringify(v)}（本程序读取格式版本 ${BACKUP_FORMAT_VERSION}）`,
    );
  }
  const count = backupTableNames.reduce((n, t) => n + (Array.isArray(raw[t]) ? (raw[t] as unknown[]).length : 0), 1);
  if (count > maxRecords) return fail(`记录过多（${count} 条），一份行动备份不能超过 ${maxRecords} 条记录`);
  const oversized = backupSizeProblems(raw);
  if (oversized.length > 0) return fail(...oversized);

  const errors: string[] = [];
  let decoded: unknown;
  try {
    decoded = decodeBytes(raw, [], errors);
  } catch {
    return fail('不是有效的备份文件：嵌套层级过深');
  }
  if (errors.length > 0) return fail(...errors);

  const result = backupSchema.safeParse(decoded, { error: chineseIssue });
  if (!result.success) {
    return fail(...result.error.issues.map((issue) => `${describePath(issue.path, decoded)}：${issue.message}`));
  }
  const problems = [...foreignRecords(result.data), ...duplicateKeys(result.data)];
  if (problems.length > 0) return fail(...problems);
  return { ok: true, backup: result.data };
}

/** The operation's records as the file holds them, for callers that write them elsewhere. */
export function backupContents(backup: OperationBackup): BackupContents {
  const { format: _f, formatVersion: _v, exportedAt: _e, app: _a, ...contents } = backup;
  return contents;
}

/** How many records the backup holds, the operation included. */
export const recordCount = (contents: BackupContents): number =>
  backupTableNames.reduce((n, t) => n + contents[t].length, 1);
