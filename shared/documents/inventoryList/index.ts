// Pure. 《物品清单》: the inventory list, one per destination, in two copies.
export * from './inventoryListData';
export { InventoryListDocument, inventoryListColumns, renderInventoryList, signatureLines } from './InventoryListDocument';
