// DOM. The command post's people and working groups as pick lists for the register's forms.
// Names are suggestions only: a police officer's bodycam operator need not be on the roster.
import { useLiveQuery } from 'dexie-react-hooks';
import { sortGroups } from '../../../shared/commandPost/rules';
import { db } from '../data/db';

export function usePeopleAndGroups(operationId: string) {
  const data = useLiveQuery(async () => {
    const [people, groups] = await Promise.all([
      db.people.where('operationId').equals(operationId).toArray(),
      db.workingGroups.where('operationId').equals(operationId).toArray(),
    ]);
    return { people, groups: sortGroups(groups) };
  }, [operationId]);
  const names = [...new Set((data?.people ?? []).map((p) => p.name))];
  return {
    nameOptions: names.map((name) => ({ value: name })),
    groupOptions: (data?.groups ?? []).map((g) => ({ value: g.id, label: g.name })),
    groupName: (id: string) => data?.groups.find((g) => g.id === id)?.name ?? '',
  };
}
