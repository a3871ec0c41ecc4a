// Pure. The footage and photo register (证据保全): one record per file whose SHA-256 was
// computed when it was registered. Custody transfers and re-verifications are log entries
// (categories 'custody' and 'mediaVerify'); the record keeps only their latest state.

export const mediaKinds = ['video', 'photo', 'audio', 'other'] as const;
export type MediaKind = (typeof mediaKinds)[number];

export const mediaKindLabels: Record<MediaKind, string> = {
  video: '视频',
  photo: '照片',
  audio: '录音',
  other: '其他',
};

export type VerificationResult = 'match' | 'mismatch';

export interface MediaVerification {
  /** ISO 8601 +08:00, system clock. */
  at: string;
  by: string;
  result: VerificationResult;
  /** What the re-picked file hashed to. */
  sha256: string;
}

export interface MediaRecord {
  id: string;
  operationId: string;
  kind: MediaKind;
  /** 设备编号 / 执法记录仪编号 */
  deviceNumber: string;
  /** Who filmed or photographed (拍摄人). */
  operator: string;
  /** WorkingGroup id of the operator's group, or '' if none. */
  groupId: string;
  /** When the recording began and ended, ISO 8601 +08:00; a photo may have no end. */
  startedAt: string;
  endedAt?: string;
  /** File name and size as picked (the file itself stays where it is). */
  originalName: string;
  size: number;
  /** Lower-case hex SHA-256 of the whole file, computed by streaming when it was registered. */
  sha256: string;
  note: string;
  registeredAt: string;
  registeredBy: string;
  /** Who holds the original now; set at registration, changed only by a logged custody transfer. */
  custodian: string;
  lastVerification?: MediaVerification;
}
