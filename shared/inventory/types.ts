// Pure. The inventory (物品清登) of the subject's belongings, item by item, counted and
// packed under a notary with two witnesses present, and where each item is taken.
import type { IsoInstant } from '../operation/types';
import type { ImageMimeType } from '../media/imageType';

/** Where belongings are moved: 周转房, 安置房, or another place named by address. */
export const destinationKinds = ['interimHousing', 'resettlementHousing', 'other'] as const;
export type DestinationKind = (typeof destinationKinds)[number];

export const destinationKindLabels: Record<DestinationKind, string> = {
  interimHousing: '周转房',
  resettlementHousing: '安置房',
  other: '其他存放地点',
};

export interface InventoryDestination {
  kind: DestinationKind;
  address: string;
}

/** A small photo of an item, kept with its record (like posting photos). */
export interface InventoryPhoto {
  name: string;
  mimeType: ImageMimeType;
  bytes: Uint8Array;
}

/** A room of the property, in the order the inventory group goes through them. */
export interface InventoryRoomRecord {
  id: string;
  operationId: string;
  name: string;
  position: number;
  createdAt: IsoInstant;
  updatedAt: IsoInstant;
}

export type InventoryItemStatus = 'listed' | 'withdrawn';

export interface InventoryItemRecord {
  id: string;
  operationId: string;
  /** Box or label number, unique within the operation. */
  tag: string;
  roomId: string;
  name: string;
  /** Positive; decimals allowed (e.g. 2.5 米). */
  quantity: number;
  unit: string;
  /** 状况, e.g. 完好、轻微划痕、已损坏. */
  condition: string;
  photos: InventoryPhoto[];
  /** Not yet decided while the count goes on; required before the list is printed. */
  destination?: InventoryDestination;
  note: string;
  /**
   * 贵重物品 (cash, jewellery, securities, documents of title): listed apart on the 物品清单
   * and sealed separately, so nothing of value is lost among the boxes. Absent = ordinary.
   */
  valuable?: boolean;
  /**
   * Items are evidence: a wrong entry is withdrawn with a reason, never deleted, and stays
   * in the history; a withdrawn item is not printed.
   */
  status: InventoryItemStatus;
  withdrawnReason?: string;
  createdAt: IsoInstant;
  updatedAt: IsoInstant;
}

export interface InventoryWitness {
  name: string;
  /** Full number as entered; printed and shown masked. */
  idNumber: string;
  /** 工作单位或住址 */
  unit: string;
}

/** Who was present at the count: the notary, two witnesses, the inventory group's leader. One per operation. */
export interface InventoryAttendanceRecord {
  /** The operation's id: there is one attendance record per operation. */
  id: string;
  operationId: string;
  notaryInstitution: string;
  notaryNames: string[];
  witnesses: InventoryWitness[];
  groupLeader: string;
  /**
   * 公证书编号: the notary issues the certificate days after the count; it is recorded
   * then, as its own log entry, and printed on lists made afterwards.
   */
  notaryCertificate?: NotaryCertificate;
  updatedAt: IsoInstant;
}

export interface NotaryCertificate {
  /** e.g. （2026）滨临证字第1234号 */
  number: string;
  recordedAt: IsoInstant;
  recordedBy: string;
}
