// DOM. What the stations' record holds back from the timeline, said plainly under it: forks
// (two different entries with one station's number, both kept), entries received and refused
// (with the reason), and records found different from the signed entries at the last check
// (and repaired from them). Nothing here is hidden or resolved silently.
import { Alert } from 'antd';
import { useLiveQuery } from 'dexie-react-hooks';
import { db } from '../data/db';
import { recordCheckKey, type RecordCheck } from '../record/projection';
import type { LogStatus } from './repository';

export function StationsNotice({ operationId, status }: { operationId: string; status: LogStatus | null }) {
  const refused = useLiveQuery(() => db.refusedEntries.where('operationId').equals(operationId).toArray(), [operationId]);
  const check = useLiveQuery(() => db.stationSettings.get(recordCheckKey(operationId)), [operationId])?.value as RecordCheck | undefined;
  const forks = status?.stations?.forks ?? [];
  const lines = [
    ...forks.map((f) => {
      const writer = status?.stations?.writers.find((w) => w.writer === f.writer);
      return `分叉：${writer?.label ?? `工作站 ${f.writer.slice(0, 8)} `}第 ${f.seq} 条有 ${f.hashes.length} 条不同的记录，均已保留（该工作站可能由备份复制或被篡改）`;
    }),
    ...(refused ?? []).map((r) => `已拒收：${r.reason}`),
    ...(check?.differences ?? []).map((d) => `资料核对（${check!.at.slice(11, 19)}）：${d}`),
  ];
  if (lines.length === 0) return null;
  return (
    <Alert
      type={forks.length || refused?.length ? 'error' : 'warning'}
      showIcon
      style={{ marginBottom: 8 }}
      data-testid="stations-notice"
      title="多站记录提示"
      description={
        <ul style={{ margin: 0, paddingLeft: 18 }}>
          {lines.slice(0, 20).map((l, i) => (
            <li key={i}>{l}</li>
          ))}
          {lines.length > 20 && <li>另有 {lines.length - 20} 项</li>}
        </ul>
      }
    />
  );
}
