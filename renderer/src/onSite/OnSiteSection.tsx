// DOM. 现场指挥: the commander's console on the day.
import type { Operation } from '../../../shared/operation/types';

export function OnSiteSection({ operation }: { operation: Operation }) {
  return <div data-operation={operation.id}>现场指挥（开发中）</div>;
}
