// Pure. What the court's ruling allows: 搬迁 only, or 搬迁 and 拆除 (operation.courtRuling.scope,
// with any limit it states in scopeLimit). A ruling that does not say it allows demolition is
// read as allowing the move only: demolition beyond the ruling has no ruling behind it.
import { rulingScopeLabels, type RulingScope } from '../operation/types';

export { rulingScopeLabels, rulingScopeOf, type RulingScope } from '../operation/types';

export const RULING_SCOPE_BASIS =
  '《最高人民法院关于办理申请人民法院强制执行国有土地上房屋征收补偿决定案件若干问题的规定》（法释〔2012〕4号）第九条：裁定准予执行的，由市、县级人民政府组织实施——以裁定准予执行的内容为限；' +
  '《最高人民法院关于适用〈中华人民共和国行政诉讼法〉的解释》（法释〔2018〕1号）第一条第二款第（七）项：扩大执行范围或者采取违法方式实施的行为可诉。';

/** Why `what` (e.g. 预案安排了房屋拆除) is outside the ruling, or null when the ruling allows demolition. */
export function demolitionOutsideRuling(scope: RulingScope, scopeLimit: string | undefined, what: string): string | null {
  if (scope === 'relocationAndDemolition') return null;
  return `${what}，但法院裁定${rulingScopeLabels[scope]}${scopeLimit?.trim() ? `（${scopeLimit.trim()}）` : ''}，未准予拆除`;
}
