// DOM. 证据保全: the footage register and the notarised inventory, one tab each.
import { Tabs } from 'antd';
import type { Operation } from '../../../shared/operation/types';
import { InventoryPanel } from '../inventory/InventoryPanel';
import { FootageRegister } from './FootageRegister';

export function EvidenceSection({ operation }: { operation: Operation }) {
  return (
    <Tabs
      items={[
        { key: 'footage', label: '音像资料', children: <FootageRegister operation={operation} /> },
        { key: 'inventory', label: '物品清登', children: <InventoryPanel operation={operation} /> },
      ]}
    />
  );
}
