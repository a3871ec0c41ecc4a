// DOM. 预案: the preparatory meeting, the plan, the deployment sketch, review and finalising.
import { useState } from 'react';
import { Spin, Tabs } from 'antd';
import { useLiveQuery } from 'dexie-react-hooks';
import { unsavedDraft } from '../../../shared/plan/acts';
import { db } from '../data/db';
import { readDraft } from '../data/drafts';
import type { OperationSummary } from '../operation/repository';
import { readNightHours } from '../settings/settings';
import { planDraftKey } from './DraftSave';
import { MeetingForm } from './MeetingForm';
import { PlanForm } from './PlanForm';
import { PlanPrintActions } from './PlanPrintActions';
import { currentLegality, getDraftPlan, getMeeting, listFinalPlans } from './repository';
import { ReviewPanel } from './ReviewPanel';
import { SketchEditor } from './SketchEditor';

export function PlanSection({ operation }: { operation: OperationSummary }) {
  const operationId = operation.id;
  // Until its first save the draft exists only on screen: opening the plan records nothing.
  const [placeholder] = useState(() => unsavedDraft(operationId, crypto.randomUUID(), new Date()));
  const draft = useLiveQuery(async () => (await getDraftPlan(db, operationId)) ?? placeholder, [operationId]);
  const groups = useLiveQuery(() => db.workingGroups.where('operationId').equals(operationId).sortBy('position'), [operationId]);
  const people = useLiveQuery(() => db.people.where('operationId').equals(operationId).sortBy('name'), [operationId]);
  // null: no meeting recorded yet (undefined is "still reading").
  const meeting = useLiveQuery(async () => (await getMeeting(db, operationId)) ?? null, [operationId]);
  const night = useLiveQuery(() => readNightHours(db), []);
  const versions = useLiveQuery(() => listFinalPlans(db, operationId), [operationId]);
  const checks = useLiveQuery(() => currentLegality(db, operationId), [operationId]);
  // What is typed into 预案内容 and not saved yet: the review reads the saved plan only.
  const unsaved = useLiveQuery(async () => (await readDraft(db, planDraftKey(operationId))) !== undefined, [operationId]);

  if (!draft || !groups || !people || meeting === undefined || !night || !versions || !checks || unsaved === undefined) return <Spin />;

  const failing = checks.filter((c) => c.blocking && c.status === 'fail').length;
  return (
    <Tabs
      destroyOnHidden
      items={[
        { key: 'meeting', label: '执行预备会', children: <MeetingForm operationId={operationId} meeting={meeting ?? undefined} people={people} /> },
        { key: 'plan', label: '预案内容', children: <PlanForm draft={draft} groups={groups} night={night} /> },
        { key: 'sketch', label: '部署示意图', children: <SketchEditor draft={draft} groups={groups} /> },
        {
          key: 'review',
          label: failing ? `审查与定稿（${failing} 项未通过）` : '审查与定稿',
          children: (
            <ReviewPanel
              operationId={operationId}
              draft={draft}
              unsaved={unsaved}
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
