// DOM. 音像资料: the footage and photo register.
import type { Operation } from '../../../shared/operation/types';

export function FootageRegister({ operation }: { operation: Operation }) {
  return <div data-operation={operation.id}>音像资料登记（开发中）</div>;
}
