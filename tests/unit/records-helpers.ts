// Node (Vitest support). Records a test sets up after an operation's first act: only an act may
// write them then (the station's record check, run when the operation's store opens, removes or
// restores records no signed entry supports), so they are committed as one act of the station.
import type { ConsoleDb } from '../../renderer/src/data/db';
import { commit } from '../../renderer/src/record/commit';
import type { RecordChange } from '../../shared/record/act';

export async function commitRecords(db: ConsoleDb, operationId: string, text: string, changes: RecordChange[]): Promise<void> {
  await commit(db, { operationId, actor: undefined, action: 'bootstrap', build: async () => ({ entry: { category: 'edit', text }, changes, result: undefined }) });
}
