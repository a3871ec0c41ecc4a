// DOM. 预案: the preparatory meeting, the plan, the deployment sketch, review and finalising.
import { useEffect, useState } from 'react';
import { Alert, Spin, Tabs } from 'antd';
import { useLiveQuery } from 'dexie-react-hooks';
import { db } from '../data/db';
import type { OperationSummary } from '../operation/repository';
import { readNightHours } from '../settings/settings';
import { errorText } from '../ui/errors';
import { emptyMeeting, MeetingForm } from './MeetingForm';
import { PlanForm } from './PlanForm';
import { PlanPrintActions } from './PlanPrintActions';
import { currentLegality, ensureDraftPlan, getDraftPlan, getMeeting, listFinalPlans } from './repository';
import { ReviewPanel } from './ReviewPanel';
import { SketchEditor } from './SketchEditor';

export function PlanSection({ operation }: { operation: OperationSummary }) {
  const operationId = operation.id;
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    ensureDraftPlan(db, operationId).catch((e: unknown) => setError(errorText(e)));
  }, [operationId]);

  const draft = useLiveQuery(() => getDraftPlan(db, operationId), [operationId]);
  const groups = useLiveQuery(() => db.workingGroups.where('operationId').equals(operationId).sortBy('position'), [operationId]);
  const people = useLiveQuery(() => db.people.where('operationId').equals(operationId).sortBy('name'), [operationId]);
  const meeting = useLiveQuery(async () => (await getMeeting(db, operationId)) ?? emptyMeeting(operationId), [operationId]);
  const night = useLiveQuery(() => readNightHours(db), []);
  const versions = useLiveQuery(() => listFinalPlans(db, operationId), [operationId]);
  const checks = useLiveQuery(() => currentLegality(db, operationId), [operationId]);

  if (error) return <Alert type="error" showIcon title={`预案无法打开：${error}`} />;
  if (!draft || !groups || !people || !meeting || !night || !versions || !checks) return <Spin />;

  const failing = checks.filter((c) => c.blocking && c.status === 'fail').length;
  return (
    <Tabs
      destroyOnHidden
      items={[
        { key: 'meeting', label: '执行预备会', children: <MeetingForm key={meeting.id} meeting={meeting} people={people} /> },
        { key: 'plan', label: '预案内容', children: <PlanForm key={draft.id} draft={draft} groups={groups} night={night} /> },
        { key: 'sketch', label: '部署示意图', children: <SketchEditor draft={draft} groups={groups} /> },
        {
          key: 'review',
          label: failing ? `审查与定稿（${failing} 项未通过）` : '审查与定稿',
          children: (
            <ReviewPanel
              operationId={operationId}
              draft={draft}
              checks={checks}
              versions={versions}
              renderPrintActions={(plan) => <PlanPrintActions operation={operation} plan={plan} groups={groups} />}
            />
          ),
        },
      ]}
    />
  );
}
