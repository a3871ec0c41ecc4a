// Pure. The inventory (物品清登) of the subject's belongings, item by item.

export interface InventoryItemRecord {
  id: string;
  operationId: string;
  /** Box or label number, unique within the operation. */
  tag: string;
}
