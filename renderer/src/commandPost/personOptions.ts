// DOM. People as Select options (name, unit and post, searchable by any of them), used
// wherever a commander, leader or member is picked.
import { personLabel } from '../../../shared/commandPost/rules';
import type { MemberUnit, Person } from '../../../shared/commandPost/types';

export function personOptions(people: readonly Person[], units: readonly MemberUnit[]) {
  return people.map((p) => ({ value: p.id, label: personLabel(p, units) }));
}

export const noPeopleText = '尚无人员，请先在“成员单位与人员”中登记';
