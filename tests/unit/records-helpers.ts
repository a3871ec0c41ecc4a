// Node (Vitest support). Records a test sets up after an operation's first act: only an act may
// write them then (the station's record check, run when the operation's store opens, removes or
// restores records no signed entry supports), so they are committed as one act of the station.
import type { ConsoleDb } from '../../renderer/src/data/db';
import { commit } from '../../renderer/src/record/commit';
import type { Operation } from '../../shared/operation/types';
import type { RecordChange } from '../../shared/record/act';

export async function commitRecords(db: ConsoleDb, operationId: string, text: string, changes: RecordChange[]): Promise<void> {
  await commit(db, { operationId, actor: undefined, action: 'bootstrap', build: async () => ({ entry: { category: 'edit', text }, changes, result: undefined }) });
}

/** A minimal operation record (commander p1, a 补偿决定 case, relocation only) made at `at`. */
export const minimalOperation = (id: string, at: string): Operation => ({
  id,
  status: 'active',
  isDemo: false,
  courtRuling: { court: '某法院', number: '（2026）某行审1号', date: '2026-02-01', scope: 'relocation' },
  basisDocument: { kind: 'compensationDecision', number: '某征补决〔2026〕1号', date: '2026-01-01' },
  organisingGovernment: '某区人民政府',
  leadUnit: '某征收中心',
  propertyAddress: '某路1号',
  onSiteCommanderId: 'p1',
  createdAt: at,
  updatedAt: at,
});
