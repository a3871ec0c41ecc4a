// Pure. What the user enters to register a file, transfer its custody or re-verify it;
// Chinese messages per field, and the log wording of each act.
import { z } from 'zod';
import { fieldErrors } from '../documents/records';
import { formatBytes } from './progress';
import { mediaKindLabels, mediaKinds, type MediaKind, type MediaRecord, type VerificationResult } from './types';

/** How far after the system clock a stated time may lie (camera and phone clocks drift). */
export const CLOCK_TOLERANCE_MS = 5 * 60 * 1000;

const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;

const name = (label: string) =>
  z
    .string({ error: `请填写${label}` })
    .trim()
    .min(1, `请填写${label}`)
    .max(50, `${label}不能超过 50 个字`)
    .transform((s) => s.normalize('NFC'));

const instant = (label: string) =>
  z
    .string({ error: `请填写${label}` })
    .min(1, `请填写${label}`)
    .regex(ISO_WITH_OFFSET, `${label}格式不正确`)
    .refine((v) => Number.isFinite(Date.parse(v)), `${label}不是有效的时间`);

const note = z.string().trim().max(1000, '备注不能超过 1000 个字').default('');

const inFuture = (iso: string, now: Date) => Date.parse(iso) > now.getTime() + CLOCK_TOLERANCE_MS;

export const mediaInputSchema = z
  .object({
    kind: z.enum(mediaKinds, { error: '请选择资料类型' }),
    deviceNumber: name('设备或执法记录仪编号'),
    operator: name('拍摄人'),
    groupId: z.string().default(''),
    startedAt: instant('开始时间'),
    endedAt: z.union([z.literal(''), instant('结束时间')]).default(''),
    custodian: name('保管人'),
    registeredBy: name('登记人'),
    note,
  })
  .superRefine((v, ctx) => {
    if ((v.kind === 'video' || v.kind === 'audio') && !v.endedAt) {
      ctx.addIssue({ code: 'custom', path: ['endedAt'], message: `${mediaKindLabels[v.kind]}须填写结束时间` });
    }
    if (v.endedAt && Date.parse(v.endedAt) < Date.parse(v.startedAt)) {
      ctx.addIssue({ code: 'custom', path: ['endedAt'], message: '结束时间不能早于开始时间' });
    }
  });
export type MediaInput = z.input<typeof mediaInputSchema>;

/** What hashing established about the file; not typed by the user. */
export interface MediaFileFacts {
  originalName: string;
  size: number;
  sha256: string;
}

const fileFactsSchema = z.object({
  originalName: z.string({ error: '请先选择文件' }).min(1, '请先选择文件').max(1000, '原始文件名过长'),
  size: z.number({ error: '请先选择文件' }).int().nonnegative(),
  sha256: z.string({ error: '文件尚未算完哈希值' }).regex(/^[0-9a-f]{64}$/, '文件尚未算完哈希值'),
});

export type FieldErrors = Record<string, string>;
export type Checked<T> = { ok: true; value: T } | { ok: false; errors: FieldErrors };

/** The record to store, or the messages to show; `now` is the system clock. */
export function checkMediaRegistration(
  input: MediaInput,
  facts: Partial<MediaFileFacts>,
  ids: { id: string; operationId: string },
  now: Date,
  registeredAt: string,
): Checked<MediaRecord> {
  const parsed = mediaInputSchema.safeParse(input);
  const file = fileFactsSchema.safeParse(facts);
  const errors = parsed.success ? {} : fieldErrors(parsed.error.issues);
  if (!file.success) errors.file ??= file.error.issues[0]?.message ?? '文件无效';
  if (parsed.success) {
    if (inFuture(parsed.data.startedAt, now)) errors.startedAt ??= '开始时间不能晚于现在';
    if (parsed.data.endedAt && inFuture(parsed.data.endedAt, now)) errors.endedAt ??= '结束时间不能晚于现在';
  }
  if (!parsed.success || !file.success || Object.keys(errors).length > 0) return { ok: false, errors };
  const { endedAt, ...rest } = parsed.data;
  return {
    ok: true,
    value: { ...ids, ...rest, ...(endedAt ? { endedAt } : {}), ...file.data, registeredAt },
  };
}

export const custodyTransferSchema = z
  .object({
    from: name('移交人'),
    to: name('接收人'),
    at: instant('移交时间'),
    note,
  })
  .refine((v) => v.from !== v.to, { path: ['to'], message: '接收人不能与移交人相同' });
export type CustodyTransferInput = z.input<typeof custodyTransferSchema>;
export type CustodyTransfer = z.output<typeof custodyTransferSchema>;

/** A transfer of `record` is possible only from its current holder, after it was made, and not in the future. */
export function checkCustodyTransfer(record: MediaRecord, input: CustodyTransferInput, now: Date): Checked<CustodyTransfer> {
  const parsed = custodyTransferSchema.safeParse(input);
  if (!parsed.success) return { ok: false, errors: fieldErrors(parsed.error.issues) };
  const v = parsed.data;
  if (v.from !== record.custodian) return { ok: false, errors: { from: `该资料现由 ${record.custodian} 保管，只能由其移交` } };
  if (inFuture(v.at, now)) return { ok: false, errors: { at: '移交时间不能晚于现在' } };
  if (Date.parse(v.at) < Date.parse(record.startedAt)) return { ok: false, errors: { at: '移交时间不能早于拍摄开始时间' } };
  return { ok: true, value: v };
}

/** The register's short label of a file in log texts: 视频 DSJ-0032「xxx.mp4」. */
export const mediaLabel = (r: Pick<MediaRecord, 'kind' | 'deviceNumber' | 'originalName'>) =>
  `${mediaKindLabels[r.kind]} ${r.deviceNumber}「${r.originalName}」`;

export function registrationLogText(r: MediaRecord): string {
  const span = r.endedAt ? `${shortTime(r.startedAt)} 至 ${shortTime(r.endedAt)}` : shortTime(r.startedAt);
  return `登记${mediaLabel(r)}，${formatBytes(r.size)}，拍摄人 ${r.operator}，${span}，SHA-256 ${r.sha256}，交 ${r.custodian} 保管`;
}

export function custodyLogText(r: MediaRecord, t: CustodyTransfer): string {
  return `${t.from} 将${mediaLabel(r)}移交给 ${t.to}${t.note ? `：${t.note}` : ''}`;
}

export function verificationLogText(r: MediaRecord, result: VerificationResult, sha256: string): string {
  return result === 'match'
    ? `复核${mediaLabel(r)}：哈希值一致（SHA-256 ${sha256}）`
    : `复核${mediaLabel(r)}：哈希值不一致！登记值 ${r.sha256}，复核文件 ${sha256}`;
}

export const verificationResult = (r: Pick<MediaRecord, 'sha256'>, sha256: string): VerificationResult =>
  r.sha256 === sha256.toLowerCase() ? 'match' : 'mismatch';

/** 2026-11-20T09:30:00+08:00 → 2026-11-20 09:30 (the register records Beijing time). */
export const shortTime = (iso: string) => iso.slice(0, 16).replace('T', ' ');

const KIND_BY_EXTENSION: Record<string, MediaKind> = Object.fromEntries([
  ...['mp4', 'mov', 'avi', 'mkv', 'ts', 'mts', 'm4v', '3gp', 'wmv', 'flv'].map((e) => [e, 'video' as const]),
  ...['jpg', 'jpeg', 'png', 'heic', 'heif', 'bmp', 'tif', 'tiff', 'webp'].map((e) => [e, 'photo' as const]),
  ...['wav', 'mp3', 'm4a', 'amr', 'aac', 'wma', 'ogg', 'flac'].map((e) => [e, 'audio' as const]),
]);

/** A first guess from the file name, which the user may change. */
export function guessMediaKind(fileName: string): MediaKind {
  const ext = /\.([^.]+)$/.exec(fileName)?.[1]?.toLowerCase() ?? '';
  return KIND_BY_EXTENSION[ext] ?? 'other';
}
