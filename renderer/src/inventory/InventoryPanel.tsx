// DOM. 物品清登: rooms, items, notary and witnesses, inventory lists per destination.
import type { Operation } from '../../../shared/operation/types';

export function InventoryPanel({ operation }: { operation: Operation }) {
  return <div data-operation={operation.id}>物品清登（开发中）</div>;
}
