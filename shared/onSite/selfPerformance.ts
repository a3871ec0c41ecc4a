// Pure. Stop ground 1 as the documents capability records it (renderer/src/documents/repository.ts
// writeSelfPerformance): the operation gets its termination and the ground-1 entry is made.
// A stand-in, so the console's stop can return every change in one outcome, until the documents
// capability's own pure decision of the self-performance record replaces it: the same record, the
// same entry.
import { chinaDate, chinaInstant } from '../calendar/chinaTime';
import { fieldErrors, selfPerformanceInputSchema, type SelfPerformanceInput } from '../documents/records';
import type { Operation } from '../operation/types';
import { put, type ActOutcome } from '../record/act';
import type { Parsed } from './reports';

export function selfPerformanceAct(operation: Operation, input: SelfPerformanceInput, now: Date): Parsed<ActOutcome<string>> {
  const parsed = selfPerformanceInputSchema.safeParse(input);
  if (!parsed.success) return { ok: false, errors: fieldErrors(parsed.error.issues) };
  if (parsed.data.occurredOn > chinaDate(now)) return { ok: false, errors: { occurredOn: '日期不能晚于今天' } };
  if (operation.termination) throw new Error('该行动已记录为自行履行终止');
  const at = chinaInstant(now);
  return {
    ok: true,
    value: {
      entry: {
        category: 'suspension',
        group: '',
        text: `被执行人已于${parsed.data.occurredOn}自行履行，停止强制执行（情形一，不再恢复）：${parsed.data.note}`,
        data: { ground: 1 },
      },
      changes: [put('operations', { ...operation, termination: { ground: 'selfPerformed', ...parsed.data, recordedAt: at }, updatedAt: at })],
      result: operation.id,
    },
  };
}
