// Pure. The one contract between the React app and whatever hosts it (Electron main
// or the browser twin). Both sides validate with these schemas: the host checks each
// request, the app checks each response, so neither trusts the other blindly.
import { z } from 'zod';
import { OPERATION_ID } from '../archive/ids';
import { isKnownFontFile } from '../documents/fonts';
import { logPinKey, pinnedHeadSchema } from './logPins';
import { stationEntrySchema } from '../stations/entry';
import { stationRoles } from '../stations/roster';

/** Largest chunk one `readFile` call may return; keeps IPC messages small. */
export const MAX_READ_CHUNK = 8 * 1024 * 1024;
/** Largest file `saveFile` accepts in one call (documents, backups); larger exports stream. */
export const MAX_SAVE_BYTES = 512 * 1024 * 1024;
/** Largest chunk one `writeSave` call may carry; the same bound as reads, for the same reason. */
export const MAX_WRITE_CHUNK = MAX_READ_CHUNK;
/**
 * Most bytes one `hashFile` step may hash. Steps keep each call short, so the app can show
 * progress and cancel between them without the host pushing events.
 */
export const MAX_HASH_STEP = 256 * 1024 * 1024;

const fileName = z
  .string()
  .min(1, '文件名不能为空')
  .max(200, '文件名过长')
  .refine((s) => !/[\\/:*?"<>|\u0000-\u001f]/.test(s) && s !== '.' && s !== '..', '文件名含有不允许的字符');

const fileFilter = z
  .object({
    name: z.string().min(1).max(60),
    extensions: z.array(z.string().regex(/^[a-z0-9]{1,10}$/i)).min(1).max(20),
  })
  .strict();

const token = z.string().regex(/^[0-9a-f-]{36}$/, '文件句柄无效');

const bytes = z.instanceof(Uint8Array);

/** An operation's or a person's id (a UUID, or the demo's `demo-0001`). */
const recordId = z.string().regex(/^[0-9A-Za-z_-]{1,64}$/, '编号无效');
/** What was typed as a PIN; its rules are checked by the PIN store, which says what is wrong in Chinese. */
const typedPin = z.string().max(64, 'PIN 过长');

export const appInfoSchema = z
  .object({
    name: z.string(),
    version: z.string(),
    mode: z.enum(['electron', 'browser']),
    platform: z.string(),
    /** Where the operations are stored, as the user should read it. */
    dataLocation: z.string(),
  })
  .strict();

export const openedFileSchema = z
  .object({
    token,
    name: z.string().min(1).max(1000),
    size: z.number().int().nonnegative(),
    lastModified: z.number().nonnegative(),
  })
  .strict();

/**
 * A font file found for the documents, opened like a file the user picked (read it with
 * readFile, then closeFile). Only files named as a known document font are ever handed out.
 */
export const documentFontFileSchema = openedFileSchema
  .extend({
    origin: z.enum(['office', 'windows', 'system']),
    /** Where it is, as the user should read it (a full path in Electron). */
    location: z.string().min(1).max(2000),
  })
  .strict()
  .refine((f) => isKnownFontFile(f.name), '不是可用作文书字体的文件');

// 多站记录: the hub the app's Node side runs (commander), and this station's links to hubs
// (any station). Electron main and the browser-mode launcher serve them alike
// (electron/hub/service.ts); credentials and the hub's keys never cross this boundary.
const operationId = z.string().min(1, '行动编号不能为空').max(200, '行动编号过长');
const stationKey = z.string().regex(/^[A-Za-z0-9_-]{43}$/, '工作站公钥无效');
const pairingId = z.string().regex(/^[A-Za-z0-9_-]{22}$/, '配对请求编号无效');
const fingerprint = z.string().regex(/^[0-9a-f]{64}$/, '证书指纹无效');
const instant = z.string().max(40);
const entry = stationEntrySchema;

/** One station of an operation on the hub, and what the hub knows of its contact. */
export const hubStationSchema = z
  .object({
    station: stationKey,
    name: z.string().max(100),
    /** The role now (roster), or null when revoked or not yet paired. */
    role: z.enum(stationRoles).nullable(),
    group: z.string().max(50).optional(),
    revoked: z.boolean(),
    /** The hub's time of the station's last contact, ISO 8601. */
    lastContactAt: instant.optional(),
    /** Entries the station has not yet pulled, when it has pulled at all. */
    waiting: z.number().int().nonnegative().optional(),
    /** Station clock minus hub clock at the last contact, ms; flagged beyond 60 s. */
    clockOffsetMs: z.number().optional(),
    clockFlagged: z.boolean().optional(),
  })
  .strict();

export const hubStatusSchema = z
  .object({
    /** 'failed' keeps the app usable: the reason is in `problem` (a port in use, a data folder held by another copy). */
    state: z.enum(['starting', 'running', 'failed']),
    problem: z.string().max(500).optional(),
    port: z.number().int().min(1).max(65535).optional(),
    /** Whether the hub listens on the site LAN (every interface) or on this computer only. */
    lanOpen: z.boolean(),
    /** This computer's LAN addresses the hub's certificate names (what invites and phones use). */
    addresses: z.array(z.string().max(64)).max(50),
    /** This computer's other addresses: not a private network, so the hub's CA may not vouch for them (phones and stations cannot use them). */
    unnamedAddresses: z.array(z.string().max(64)).max(50),
    /** SHA-256 of the hub's CA certificate: shown to compare when a phone installs it. */
    fingerprint: fingerprint.optional(),
    /** Plain-HTTP pages where a phone downloads the hub's CA certificate (one per LAN address; empty while the LAN is closed). */
    caPages: z.array(z.string().max(200)).max(50),
    /** The hub's own writer key: the commander pairs it with role 'hub' (checkpoints, clock records). */
    hubKey: stationKey.optional(),
    operations: z
      .array(z.object({ op: operationId, db: z.string().max(300), anchor: stationKey, stations: z.array(hubStationSchema).max(1000) }).strict())
      .max(1000),
  })
  .strict();

const pairingSchema = z
  .object({
    pairingId,
    op: operationId,
    publicKey: stationKey,
    name: z.string().max(100),
    /** The short code both screens show, "123 456". */
    sas: z.string().regex(/^\d{3} \d{3}$/),
    status: z.enum(['pending', 'admitted', 'refused']),
  })
  .strict();

/** One of this station's links to a hub (its own hub, or one it joined). */
export const stationLinkSchema = z
  .object({
    op: operationId,
    /** The database the renderer replicates with, at `<own origin>/hub/<db>`. */
    db: z.string().max(300),
    /** 'local' for the hub this app runs, else the joined hub's https address. */
    hub: z.string().max(300),
    fingerprint,
    anchor: stationKey,
    role: z.enum(stationRoles).nullable(),
    name: z.string().max(100),
    /** connected: the last exchange went through; unreachable: it did not (offline); revoked: the hub refused this station for good. */
    state: z.enum(['connected', 'unreachable', 'revoked', 'unknown']),
    lastContactAt: instant.optional(),
    problem: z.string().max(300).optional(),
  })
  .strict();

/**
 * Every method the host offers: name → request and response schemas.
 * Adding a method here is a change to the app's security surface; tests/unit/host-contract
 * pins this list.
 */
export const hostMethods = {
  appInfo: {
    request: z.object({}).strict(),
    response: appInfoSchema,
  },
  saveFile: {
    request: z
      .object({
        suggestedName: fileName,
        bytes: bytes.refine((b) => b.byteLength <= MAX_SAVE_BYTES, '文件超过 512 MB，无法保存'),
        filters: z.array(fileFilter).max(10).default([]),
      })
      .strict(),
    response: z.discriminatedUnion('status', [
      z.object({ status: z.literal('saved'), location: z.string() }).strict(),
      z.object({ status: z.literal('cancelled') }).strict(),
    ]),
  },
  /**
   * Streamed save, for exports too large to hold whole (an archive with its footage can be
   * many GB): `beginSave` asks where, `writeSave` appends one chunk at a time, `finishSave`
   * makes the file appear under its name, `abortSave` discards it. A token is good for one
   * save and only for the page that began it; after finish or abort it is refused.
   */
  beginSave: {
    request: z
      .object({
        suggestedName: fileName,
        filters: z.array(fileFilter).max(10).default([]),
      })
      .strict(),
    response: z.discriminatedUnion('status', [
      z.object({ status: z.literal('opened'), token, location: z.string() }).strict(),
      z.object({ status: z.literal('cancelled') }).strict(),
    ]),
  },
  writeSave: {
    request: z
      .object({
        token,
        bytes: bytes.refine((b) => b.byteLength <= MAX_WRITE_CHUNK, '每次写入不能超过 8 MB'),
      })
      .strict(),
    /** Bytes written so far, for progress. */
    response: z.object({ size: z.number().int().nonnegative() }).strict(),
  },
  finishSave: {
    request: z.object({ token }).strict(),
    response: z.object({ location: z.string(), size: z.number().int().nonnegative() }).strict(),
  },
  abortSave: {
    request: z.object({ token }).strict(),
    response: z.object({}).strict(),
  },
  openFiles: {
    request: z
      .object({
        multiple: z.boolean().default(false),
        filters: z.array(fileFilter).max(10).default([]),
      })
      .strict(),
    response: z.object({ files: z.array(openedFileSchema).max(1000) }).strict(),
  },
  readFile: {
    request: z
      .object({
        token,
        offset: z.number().int().nonnegative(),
        length: z.number().int().positive().max(MAX_READ_CHUNK),
      })
      .strict(),
    response: bytes,
  },
  /**
   * Hashes the next `maxBytes` of an opened file (SHA-256, streamed; the host keeps the
   * running state per token). Call again until `sha256` is present; `closeFile` cancels and
   * drops the state. A call after completion starts over.
   */
  hashFile: {
    request: z
      .object({
        token,
        maxBytes: z
          .number({ error: '每步字节数应为数字' })
          .int('每步字节数应为整数')
          .positive('每步字节数应大于 0')
          .max(MAX_HASH_STEP, '每步字节数过大'),
      })
      .strict(),
    response: z
      .object({
        hashedBytes: z.number().int().nonnegative(),
        size: z.number().int().nonnegative(),
        /** Lower-case hex, present exactly when the whole file is hashed. */
        sha256: z.string().regex(/^[0-9a-f]{64}$/).optional(),
      })
      .strict()
      .refine((r) => r.hashedBytes <= r.size, '已计算字节数超过文件大小')
      .refine((r) => (r.sha256 !== undefined) === (r.hashedBytes === r.size), '哈希值只应在整个文件计算完毕时给出'),
  },
  closeFile: {
    request: z.object({ token }).strict(),
    response: z.object({}).strict(),
  },
  /**
   * The office's fonts for the documents (GB/T 9704: 小标宋, 仿宋_GB2312, 黑体, 楷体): the
   * known font files in `folder` (the office's folder, remembered in 设置) or, with `ask`, in
   * a folder the user picks now, and those in the machine's font folders. `remembered` says
   * whether the host can look in the folder again by its location next time (Electron);
   * where not (a browser page), the app keeps the files it was given. `problem` says why the
   * folder could not be read.
   */
  findDocumentFonts: {
    request: z
      .object({
        ask: z.boolean().default(false),
        folder: z.string().min(1, '字体文件夹不能为空').max(1000, '字体文件夹路径过长').nullable().default(null),
      })
      .strict(),
    response: z.discriminatedUnion('status', [
      z
        .object({
          status: z.literal('found'),
          folder: z
            .object({ location: z.string().min(1).max(1000), remembered: z.boolean(), problem: z.string().max(200).optional() })
            .strict()
            .nullable(),
          files: z.array(documentFontFileSchema).max(100),
        })
        .strict(),
      z.object({ status: z.literal('cancelled') }).strict(),
    ]),
  },
  /**
   * Writes one automatic backup of an operation into the data folder (Electron only; the
   * browser twin refuses, and the app offers a download instead) and keeps the newest
   * `keep` of them. Only a complete file ever appears; older backups are removed only after.
   */
  writeAutoBackup: {
    request: z
      .object({
        operationId: z.string().regex(OPERATION_ID, '行动编号无效'),
        bytes: bytes.refine((b) => b.byteLength <= MAX_SAVE_BYTES, '备份超过 512 MB，无法自动保存'),
        keep: z.number().int().min(1).max(100),
      })
      .strict(),
    response: z.object({ location: z.string(), kept: z.number().int().nonnegative() }).strict(),
  },
  /**
   * Sign-in PINs (issue 16 item 3), kept by the host: in Electron by the main process, out of
   * the page's reach — the page learns who has a PIN and whether a PIN is right, never a hash,
   * and no method deletes a record. Enrolling needs an enrolled person's PIN to confirm it,
   * except the operation's first PIN on this station (shared/operators/pinStore.ts).
   */
  pinStatus: {
    request: z.object({ operationId: recordId }).strict(),
    response: z.object({ enrolled: z.array(recordId).max(100_000) }).strict(),
  },
  enrolPin: {
    request: z
      .object({
        operationId: recordId,
        personId: recordId,
        pin: typedPin,
        authoriser: z.object({ personId: recordId, pin: typedPin }).strict().nullable(),
      })
      .strict(),
    response: z.discriminatedUnion('status', [
      z.object({ status: z.literal('enrolled'), replaced: z.boolean() }).strict(),
      z.object({ status: z.literal('refused'), message: z.string().max(300) }).strict(),
    ]),
  },
  /**
   * The log head pinned at the last successful verification (shared/host/logPins.ts), kept by
   * the host: in Electron by the main process, which only moves it forward.
   */
  readLogPin: {
    request: z.object({ key: logPinKey }).strict(),
    response: z.object({ head: pinnedHeadSchema.nullable() }).strict(),
  },
  advanceLogPin: {
    request: z.object({ key: logPinKey, head: pinnedHeadSchema }).strict(),
    /** The pin as kept afterwards. */
    response: z.object({ head: pinnedHeadSchema }).strict(),
  },
  verifyPin: {
    request: z.object({ operationId: recordId, personId: recordId, pin: typedPin }).strict(),
    response: z.discriminatedUnion('ok', [
      z.object({ ok: z.literal(true) }).strict(),
      z.object({ ok: z.literal(false), message: z.string().max(300) }).strict(),
    ]),
  },
  /** The hub this app runs: where it listens, the LAN, the CA fingerprint, and every station's last contact and entries waiting. */
  hubStatus: {
    request: z.object({}).strict(),
    response: hubStatusSchema,
  },
  /** Opens the hub to the site LAN (every interface); the app's own server stays on 127.0.0.1. */
  hubOpenLan: {
    request: z.object({}).strict(),
    response: hubStatusSchema,
  },
  /** Back to this computer only: stations and phones on the LAN can no longer reach it. */
  hubCloseLan: {
    request: z.object({}).strict(),
    response: hubStatusSchema,
  },
  /**
   * Founds (or reopens) an operation on the hub with the commander station's genesis entry;
   * this station's credential for it stays on the Node side. The renderer then replicates
   * with `<own origin>/hub/<db>`.
   */
  hubOpenOperation: {
    request: z.object({ genesis: entry }).strict(),
    response: z.object({ op: operationId, db: z.string().max(300) }).strict(),
  },
  /** A one-time pairing invite (10 minutes): `link` is the QR code's content (hub address, CA fingerprint, token, operation, commander key). */
  hubInvite: {
    request: z.object({ op: operationId, address: z.ipv4('地址应为本机的 IPv4 地址').optional() }).strict(),
    response: z
      .object({
        link: z.string().max(2000),
        url: z.string().max(300),
        fingerprint,
        expiresAt: instant,
        /** The plain-HTTP page where a phone installs the hub's CA first (absent for a loopback invite). */
        caPage: z.string().max(200).optional(),
      })
      .strict(),
  },
  /** Pairing requests with their short codes, for the commander to compare with each station's screen. */
  hubPendingPairings: {
    request: z.object({}).strict(),
    response: z.object({ pairings: z.array(pairingSchema).max(1000) }).strict(),
  },
  /** Admits a station: `entry` is the commander station's signed roster entry pairing its key with a role. */
  hubAdmit: {
    request: z.object({ pairingId, entry }).strict(),
    response: z.object({}).strict(),
  },
  hubRefusePairing: {
    request: z.object({ pairingId }).strict(),
    response: z.object({}).strict(),
  },
  /** Stores entries the commander's station wrote (a revocation, a role change) through the hub's own checks, at once. */
  hubSubmit: {
    request: z.object({ op: operationId, entries: z.array(entry).min(1, '没有要提交的记录').max(100, '一次最多提交 100 条记录') }).strict(),
    response: z
      .object({
        results: z
          .array(z.union([z.object({ id: z.string(), ok: z.literal(true) }).strict(), z.object({ id: z.string(), reason: z.string() }).strict()]))
          .max(100),
      })
      .strict(),
  },
  /** The hub proposes a checkpoint (every writer's head) on its own chain; stations countersign it. */
  hubProposeCheckpoint: {
    request: z.object({ op: operationId }).strict(),
    response: z.object({ entry }).strict(),
  },
  /** Every station's clock offset from the hub, measured at its last contact. */
  hubClockOffsets: {
    request: z.object({}).strict(),
    response: z
      .object({
        offsets: z
          .array(z.object({ station: stationKey, offsetMs: z.number(), rttMs: z.number().nonnegative(), at: instant, flagged: z.boolean() }).strict())
          .max(1000),
      })
      .strict(),
  },
  /** What the hub refused or flagged for an operation (newest first), with the reasons. */
  hubRefusals: {
    request: z.object({ op: operationId, limit: z.number().int().min(1).max(1000).default(100) }).strict(),
    response: z
      .object({
        total: z.number().int().nonnegative(),
        refusals: z.array(z.object({ at: instant, from: z.string().max(300), reason: z.string().max(2000), id: z.string().max(300).optional() }).strict()).max(1000),
      })
      .strict(),
  },
  /**
   * Joins another hub by its invite link (the QR code): the Node side pins the CA fingerprint
   * the link carries, sends the pairing request with this station's public key, and returns
   * the short code to compare with the commander's screen and the text to sign for the claim.
   */
  stationJoin: {
    request: z
      .object({
        link: z.string().min(1, '请粘贴或扫描配对码').max(2000, '配对码过长'),
        name: z.string().trim().min(1, '请填写本工作站的名称').max(50, '工作站名称过长'),
        publicKey: stationKey,
      })
      .strict(),
    response: z.object({ pairingId, sas: z.string().regex(/^\d{3} \d{3}$/), claim: z.string().max(300), op: operationId, anchor: stationKey, hub: z.string().max(300) }).strict(),
  },
  /**
   * Asks whether the commander admitted the join, with the claim signed by this station's key
   * (base64url). Call again while 'pending'; once 'admitted' the credential is kept on the
   * Node side and the renderer replicates with `<own origin>/hub/<db>`.
   */
  stationClaim: {
    request: z.object({ pairingId, sig: z.string().regex(/^[A-Za-z0-9_-]{86}$/, '签名无效') }).strict(),
    response: z.discriminatedUnion('status', [
      z.object({ status: z.literal('pending') }).strict(),
      z.object({ status: z.literal('admitted'), op: operationId, db: z.string().max(300), anchor: stationKey, role: z.enum(stationRoles).nullable() }).strict(),
      z.object({ status: z.literal('refused'), reason: z.string().max(300) }).strict(),
    ]),
  },
  /** This station's links to hubs and how each is doing. */
  stationLinks: {
    request: z.object({}).strict(),
    response: z.object({ links: z.array(stationLinkSchema).max(1000) }).strict(),
  },
} as const;

/** The methods the Node side serves for the hub and this station's links (in browser mode, the launcher's /host-api/). */
export const hubMethodNames = [
  'hubStatus',
  'hubOpenLan',
  'hubCloseLan',
  'hubOpenOperation',
  'hubInvite',
  'hubPendingPairings',
  'hubAdmit',
  'hubRefusePairing',
  'hubSubmit',
  'hubProposeCheckpoint',
  'hubClockOffsets',
  'hubRefusals',
  'stationJoin',
  'stationClaim',
  'stationLinks',
] as const satisfies ReadonlyArray<keyof typeof hostMethods>;
export type HubMethod = (typeof hubMethodNames)[number];

/** Where the app's own origin forwards to hubs: `<origin>/hub/<db>` (electron/hub/proxy.ts). */
export const HUB_PROXY_PATH = '/hub/';
/** Where the browser-mode launcher serves the hub methods: `POST /host-api/<method>` with the request as JSON. */
export const HOST_API_PATH = '/host-api/';

export type HostMethod = keyof typeof hostMethods;
export type HostRequest<M extends HostMethod> = z.input<(typeof hostMethods)[M]['request']>;
export type HostRequestParsed<M extends HostMethod> = z.output<(typeof hostMethods)[M]['request']>;
export type HostResponse<M extends HostMethod> = z.output<(typeof hostMethods)[M]['response']>;
export type AppInfo = z.output<typeof appInfoSchema>;
export type OpenedFile = z.output<typeof openedFileSchema>;
export type DocumentFontFile = z.output<typeof documentFontFileSchema>;
export type HubStatus = z.output<typeof hubStatusSchema>;
export type HubStation = z.output<typeof hubStationSchema>;
export type StationLinkStatus = z.output<typeof stationLinkSchema>;

/** What the app calls: one async function per method. `window.host` in Electron. */
export type HostApi = {
  [M in HostMethod]: (request: HostRequest<M>) => Promise<HostResponse<M>>;
};

/** What a host implements: receives already-validated requests. */
export type HostHandlers = {
  [M in HostMethod]: (request: HostRequestParsed<M>) => Promise<HostResponse<M>>;
};

export const hostMethodNames = Object.keys(hostMethods) as HostMethod[];

/** IPC channel for a method; one channel per method so each can be checked alone. */
export const hostChannel = (method: HostMethod): string => `host:${method}`;

/** Thrown when a request or response does not match the contract. */
export class HostContractError extends Error {
  constructor(
    readonly method: string,
    readonly side: 'request' | 'response',
    readonly issues: string[],
  ) {
    super(`主机接口 ${method} 的${side === 'request' ? '请求' : '响应'}无效：${issues.join('；')}`);
    this.name = 'HostContractError';
  }
}

function parse<M extends HostMethod>(method: M, side: 'request' | 'response', value: unknown) {
  const schema = hostMethods[method][side];
  const result = schema.safeParse(value);
  if (!result.success) {
    throw new HostContractError(
      method,
      side,
      result.error.issues.map((i) => `${i.path.join('.') || '(根)'}: ${i.message}`),
    );
  }
  return result.data;
}

export const parseRequest = <M extends HostMethod>(method: M, value: unknown) =>
  parse(method, 'request', value) as HostRequestParsed<M>;

export const parseResponse = <M extends HostMethod>(method: M, value: unknown) =>
  parse(method, 'response', value) as HostResponse<M>;

/**
 * Wraps raw handlers (browser host) or raw transport (preload) so that both directions
 * are validated. Used by the app on whatever host it is given.
 */
export function validatedHost(raw: HostApi | HostHandlers): HostApi {
  const api = {} as Record<HostMethod, (request: unknown) => Promise<unknown>>;
  for (const method of hostMethodNames) {
    api[method] = async (request: unknown) => {
      const parsed = parseRequest(method, request);
      const call = raw[method] as (r: unknown) => Promise<unknown>;
      return parseResponse(method, await call(parsed));
    };
  }
  return api as unknown as HostApi;
}
