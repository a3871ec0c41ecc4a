// DOM. 生成情况报告: renders the 《强制执行情况报告》 to the court from the operation's records
// and log as they stand, previews it and offers 保存 PDF / 打印.
import { useState } from 'react';
import { Button } from 'antd';
import { FileTextOutlined } from '@ant-design/icons';
import { parseBackup } from '../../../shared/archive/backup';
import { chinaInstant } from '../../../shared/calendar/chinaTime';
import { courtReportData, renderCourtReport } from '../../../shared/documents/courtReport';
import { backupChainHead } from '../../../shared/documents/registry';
import type { PdfBytes } from '../../../shared/documents/render';
import { operationTitle } from '../../../shared/operation/newOperation';
import { exportOperationBackup } from '../archive/backupRepository';
import { db } from '../data/db';
import { documentFonts } from '../documents/fonts';
import { PdfDocumentModal } from '../documents/PdfDocumentModal';

/**
 * The backup export reads every table in one transaction, so the report and the chain head
 * at its foot come from one consistent moment of the records and the log.
 */
async function renderReport(operationId: string): Promise<PdfBytes> {
  const parsed = parseBackup(await exportOperationBackup(db, operationId));
  if (!parsed.ok) throw new Error(`读取行动记录失败：${parsed.errors.join('；')}`);
  const { backup } = parsed;
  return renderCourtReport(courtReportData(backup, backupChainHead(backup), chinaInstant(new Date())), documentFonts);
}

export function CourtReportAction({ operationId, subjectNames }: { operationId: string; subjectNames: string[] }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button icon={<FileTextOutlined />} onClick={() => setOpen(true)} data-testid="court-report-generate">
        生成情况报告
      </Button>
      <PdfDocumentModal
        open={open}
        onClose={() => setOpen(false)}
        title="强制执行情况报告（依据执行日志和执行记录生成）"
        fileName={`${operationTitle(subjectNames)}强制执行情况报告`}
        render={() => renderReport(operationId)}
      />
    </>
  );
}
