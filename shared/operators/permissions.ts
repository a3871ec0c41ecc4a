// Pure. Who may do what in an operation. The one write path (commit) asks this before every
// act, so a hidden button is never the only guard; every refusal says why, in Chinese.
import type { WorkingGroup } from '../commandPost/types';

/** The signed-in person. */
export interface Actor {
  personId: string;
  name: string;
}

/** What the roles are read from: the operation's command and its working groups. */
export interface RoleContext {
  onSiteCommanderId?: string;
  deputyCommanderId?: string;
  groups: readonly Pick<WorkingGroup, 'code' | 'name' | 'leaderId' | 'memberIds'>[];
}

export type Action =
  | { kind: 'finalisePlan' }
  /** Declaring the start or completion of the enforcement. */
  | { kind: 'declare'; what: 'start' | 'complete' }
  | { kind: 'suspend' }
  | { kind: 'resume' }
  | { kind: 'issueDocument' }
  | { kind: 'designateDeputy' }
  /** Handing command over to another person on the roster. */
  | { kind: 'designateCommander' }
  /** Setting group leaders and members, adding or renaming groups. */
  | { kind: 'assignGroups' }
  /** Editing the command post's and the operation's records (household, units, people, ruling details…). */
  | { kind: 'editRecords' }
  /** Deleting any record. */
  | { kind: 'deleteRecord' }
  /** Archiving or restoring the operation. */
  | { kind: 'archiveOperation' }
  /** Pairing another station with a role, or revoking one (the roster of the multi-station record). */
  | { kind: 'manageStations' }
  /** Enrolling or resetting a person's sign-in PIN on this station. */
  | { kind: 'enrolPin' }
  | { kind: 'registerMedia' }
  | { kind: 'registerInventory' }
  /** A log entry under a group: its standard code, a custom group's name, or '' for none. */
  | { kind: 'log'; group: string };

export type Permission = { ok: true } | { ok: false; reason: string };

const allowed: Permission = { ok: true };
const refused = (reason: string): Permission => ({ ok: false, reason });

const actionLabel: Record<Exclude<Action['kind'], 'log' | 'designateDeputy' | 'designateCommander' | 'enrolPin'>, string> = {
  finalisePlan: '定稿执行预案',
  declare: '宣布开始或完毕',
  suspend: '停止执行',
  resume: '恢复执行',
  issueDocument: '签发文书',
  registerMedia: '登记音像资料',
  registerInventory: '登记清点物品',
  assignGroups: '调整工作小组及其组长、组员',
  editRecords: '修改行动和指挥部资料',
  deleteRecord: '删除记录',
  archiveOperation: '归档或恢复行动',
  manageStations: '配对或撤销工作站',
};

/** The log's key for a group (see the on-site log): its code, or a custom group's name. */
export const groupKey = (g: Pick<WorkingGroup, 'code' | 'name'>) => (g.code === 'custom' ? g.name : g.code);

const inGroup = (personId: string, g: Pick<WorkingGroup, 'leaderId' | 'memberIds'>) => g.leaderId === personId || g.memberIds.includes(personId);

export function isCommander(actor: Actor, ctx: RoleContext): boolean {
  return !!ctx.onSiteCommanderId && actor.personId === ctx.onSiteCommanderId;
}

export function commands(actor: Actor, ctx: RoleContext): boolean {
  return isCommander(actor, ctx) || (!!ctx.deputyCommanderId && actor.personId === ctx.deputyCommanderId);
}

export function permission(actor: Actor, action: Action, ctx: RoleContext): Permission {
  if (!ctx.onSiteCommanderId && action.kind !== 'log') {
    return refused('尚未指定现场执行指挥，请先在“指挥部”中指定，再办理此事项');
  }
  switch (action.kind) {
    case 'finalisePlan':
    case 'declare':
    case 'suspend':
    case 'resume':
    case 'issueDocument':
    case 'assignGroups':
    case 'editRecords':
    case 'deleteRecord':
    case 'archiveOperation':
    case 'manageStations':
      return commands(actor, ctx) ? allowed : refused(`只有现场执行指挥或其指定的副指挥可以${actionLabel[action.kind]}；${actor.name}不是`);
    case 'designateDeputy':
      return isCommander(actor, ctx) ? allowed : refused(`只有现场执行指挥本人可以指定副指挥；${actor.name}不是现场执行指挥`);
    // Nobody makes themselves commander: only the commander hands command over, to someone else.
    case 'designateCommander':
      return isCommander(actor, ctx) ? allowed : refused(`只有现场执行指挥本人可以移交指挥；${actor.name}不是现场执行指挥`);
    case 'enrolPin':
      return isCommander(actor, ctx) ? allowed : refused(`只有现场执行指挥可以为人员登记或重置登录 PIN；${actor.name}不是现场执行指挥`);
    case 'registerMedia':
    case 'registerInventory': {
      if (commands(actor, ctx)) return allowed;
      const evidence = ctx.groups.find((g) => g.code === 'evidence');
      if (evidence && inGroup(actor.personId, evidence)) return allowed;
      return refused(`只有证据保全组成员（或现场执行指挥、副指挥）可以${actionLabel[action.kind]}；${actor.name}不在证据保全组`);
    }
    case 'log': {
      if (action.group === '' || commands(actor, ctx)) return allowed;
      const group = ctx.groups.find((g) => groupKey(g) === action.group);
      if (group && inGroup(actor.personId, group)) return allowed;
      return refused(`${actor.name}不是“${group?.name ?? action.group}”的成员，只能为本组记录；现场执行指挥可为任何组记录`);
    }
  }
}

/** Throws the refusal, for repositories that check inside their transaction. */
export function assertPermitted(actor: Actor, action: Action, ctx: RoleContext): void {
  const p = permission(actor, action, ctx);
  if (!p.ok) throw new Error(p.reason);
}
