// Pure. Who may give whom a sign-in PIN on this station (issue 16 item 3), and the log entry
// that records it. The commander enrols and resets everyone's PIN, confirming with their own;
// the only PIN set without anyone confirming it is the commander's own, the operation's first
// on this station (the station's first start). The entry names who did it for whom — never the
// PIN or its hash.
import type { ActOutcome } from '../record/act';
import { permission, type Actor, type RoleContext } from './permissions';

export const enrolHint = (name: string) =>
  `${name}尚未在本工作站登记 PIN。PIN 由现场执行指挥登记：请现场执行指挥登录后，在“指挥部 → 登录 PIN”中为${name}登记`;

/** What a sign-in screen offers a person: set the first PIN, enter theirs, or ask the commander. */
export function pinStep(personId: string, ctx: Pick<RoleContext, 'onSiteCommanderId'>, enrolled: readonly string[]): 'enter' | 'firstPin' | 'askCommander' {
  if (enrolled.includes(personId)) return 'enter';
  return enrolled.length === 0 && ctx.onSiteCommanderId === personId ? 'firstPin' : 'askCommander';
}

/**
 * The enrolment of `target`'s PIN, confirmed by `authoriser` (signed in, re-entering their PIN),
 * or by no one for the commander's own first PIN. Throws the Chinese reason when not allowed.
 */
export function decidePinEnrolment(ctx: RoleContext, enrolled: readonly string[], target: Actor, authoriser: Actor | null): ActOutcome {
  const had = enrolled.includes(target.personId);
  const entry = (text: string): ActOutcome => ({
    entry: { category: 'system', text, refs: { people: [target.personId] }, data: { before: had ? '已登记 PIN' : '未登记 PIN', after: '已登记新 PIN' } },
    changes: [],
    result: undefined,
  });
  if (!authoriser) {
    if (pinStep(target.personId, ctx, enrolled) !== 'firstPin') {
      throw new Error(ctx.onSiteCommanderId === target.personId ? '本行动在本工作站已有人员登记 PIN：现场执行指挥的 PIN 也须输入原 PIN 才能更改' : enrolHint(target.name));
    }
    return entry(`现场执行指挥${target.name}在本工作站首次设置本人登录 PIN`);
  }
  const allowed = permission(authoriser, { kind: 'enrolPin' }, ctx);
  if (!allowed.ok) throw new Error(allowed.reason);
  if (authoriser.personId === target.personId) return entry(`${target.name}更改本人登录 PIN`);
  return entry(had ? `${authoriser.name}重置${target.name}的登录 PIN` : `${authoriser.name}为${target.name}登记登录 PIN`);
}
