// DOM. 打印预案 / 打印任务卡 for one plan version (or the draft, marked as such).
import { useState } from 'react';
import { Button, Select, Space } from 'antd';
import { FilePdfOutlined } from '@ant-design/icons';
import { chinaInstant } from '../../../shared/calendar/chinaTime';
import type { WorkingGroup } from '../../../shared/commandPost/types';
import { renderPlan } from '../../../shared/documents/plan/PlanDocument';
import type { PlanPrintData } from '../../../shared/documents/plan/printData';
import { renderTaskCard } from '../../../shared/documents/plan/TaskCard';
import { operationTitle } from '../../../shared/operation/newOperation';
import type { Plan } from '../../../shared/plan/types';
import { db } from '../data/db';
import { documentFonts } from '../documents/fonts';
import { PdfDocumentModal } from '../documents/PdfDocumentModal';
import { chainHead } from '../log/head';
import type { OperationSummary } from '../operation/repository';
import { snapshotOf } from './repository';

/** A finalised version prints the command post it froze; the draft prints what is there now. */
async function printData(plan: Plan): Promise<PlanPrintData> {
  const snapshot = plan.snapshot ?? (await snapshotOf(db, plan.operationId));
  return { ...snapshot, plan, printedAt: chinaInstant(new Date()) };
}

export function PlanPrintActions({ operation, plan, groups }: { operation: OperationSummary; plan: Plan; groups: WorkingGroup[] }) {
  const printable = plan.snapshot?.groups ?? groups;
  const [groupId, setGroupId] = useState<string | undefined>(printable[0]?.id);
  const [open, setOpen] = useState<'plan' | 'card' | null>(null);
  const version = plan.status === 'final' ? `第${plan.version}版` : '草稿';
  const household = operationTitle(operation.subjects.map((s) => s.name));
  const groupName = printable.find((g) => g.id === groupId)?.name ?? '';
  return (
    <Space wrap>
      <Button size="small" icon={<FilePdfOutlined />} onClick={() => setOpen('plan')}>
        打印预案（{version}）
      </Button>
      <Select
        size="small"
        style={{ width: 190 }}
        value={groupId}
        onChange={setGroupId}
        aria-label={`任务卡小组（${version}）`}
        options={printable.map((g) => ({ value: g.id, label: g.name }))}
      />
      <Button size="small" icon={<FilePdfOutlined />} disabled={!groupId} onClick={() => setOpen('card')}>
        打印任务卡
      </Button>
      <PdfDocumentModal
        open={open === 'plan'}
        onClose={() => setOpen(null)}
        title={`强制执行预案（${version}）`}
        fileName={`${household}强制执行预案（${version}）`}
        render={async () => renderPlan(await printData(plan), documentFonts, await chainHead(db, plan.operationId))}
      />
      <PdfDocumentModal
        open={open === 'card'}
        onClose={() => setOpen(null)}
        title={`任务卡：${groupName}（${version}）`}
        fileName={`${household}任务卡-${groupName}（${version}）`}
        render={async () => renderTaskCard(await printData(plan), groupId ?? '', documentFonts, await chainHead(db, plan.operationId))}
      />
    </Space>
  );
}
