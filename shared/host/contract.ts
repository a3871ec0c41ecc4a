// Pure. The one contract between the React app and whatever hosts it (Electron main
// or the browser twin). Both sides validate with these schemas: the host checks each
// request, the app checks each response, so neither trusts the other blindly.
import { z } from 'zod';
import { isKnownFontFile } from '../documents/fonts';
import { logPinKey, pinnedHeadSchema } from './logPins';

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
        operationId: z.string().regex(/^[0-9A-Za-z-]{1,64}$/, '行动编号无效'),
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
} as const;

export type HostMethod = keyof typeof hostMethods;
export type HostRequest<M extends HostMethod> = z.input<(typeof hostMethods)[M]['request']>;
export type HostRequestParsed<M extends HostMethod> = z.output<(typeof hostMethods)[M]['request']>;
export type HostResponse<M extends HostMethod> = z.output<(typeof hostMethods)[M]['response']>;
export type AppInfo = z.output<typeof appInfoSchema>;
export type OpenedFile = z.output<typeof openedFileSchema>;
export type DocumentFontFile = z.output<typeof documentFontFileSchema>;

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
