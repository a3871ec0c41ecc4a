// Pure. 《物品清单》: the inventory list, one per destination, in two copies.
export * from './inventoryListData';
export { InventoryListDocument, closingSentence, infoLines, inventoryListColumns, renderInventoryList, runningHead, signatureLines } from './InventoryListDocument';
