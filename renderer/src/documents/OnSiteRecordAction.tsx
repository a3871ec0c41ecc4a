// DOM. 生成现场笔录: renders the 《现场笔录》 from the operation's log as it stands, previews it
// and offers 保存 PDF / 打印. The lead places it in the 现场指挥 screen.
import { useState } from 'react';
import { Button } from 'antd';
import { FileTextOutlined } from '@ant-design/icons';
import { chinaInstant } from '../../../shared/calendar/chinaTime';
import { onSiteRecordData, renderOnSiteRecord } from '../../../shared/documents/onSiteRecord';
import type { PdfBytes } from '../../../shared/documents/render';
import { operationTitle } from '../../../shared/operation/newOperation';
import { db } from '../data/db';
import { chainHead } from '../log/head';
import { listLog } from '../log/repository';
import { documentFonts } from './fonts';
import { PdfDocumentModal } from './PdfDocumentModal';

/**
 * Reads the operation, the inventory's notary and witnesses and the whole log (both formats,
 * listLog) in one transaction, after the head to print (chainHead): the log the record is
 * written from holds every entry the printed head pins.
 */
async function renderRecord(operationId: string): Promise<PdfBytes> {
  const head = await chainHead(db, operationId);
  const tables = [db.operations, db.subjects, db.memberUnits, db.people, db.workingGroups, db.logEntries, db.stationEntries, db.inventoryAttendance];
  const source = await db.transaction('r', tables, async () => {
    const operation = await db.operations.get(operationId);
    if (!operation) throw new Error('找不到该行动');
    return {
      operation,
      subjects: await db.subjects.where('operationId').equals(operationId).toArray(),
      memberUnits: await db.memberUnits.where('operationId').equals(operationId).toArray(),
      people: await db.people.where('operationId').equals(operationId).toArray(),
      groups: await db.workingGroups.where('operationId').equals(operationId).toArray(),
      entries: await listLog(db, operationId),
      inventoryAttendance: await db.inventoryAttendance.get(operationId),
      printedAt: chinaInstant(new Date()),
    };
  });
  return renderOnSiteRecord(onSiteRecordData(source), documentFonts, head);
}

export function OnSiteRecordAction({ operationId, subjectNames }: { operationId: string; subjectNames: string[] }) {
  const [open, setOpen] = useState(false);
  const household = operationTitle(subjectNames);
  return (
    <>
      <Button icon={<FileTextOutlined />} onClick={() => setOpen(true)}>
        生成现场笔录
      </Button>
      <PdfDocumentModal
        open={open}
        onClose={() => setOpen(false)}
        title="现场笔录（依据执行日志生成）"
        fileName={`${household}现场笔录`}
        render={() => renderRecord(operationId)}
      />
    </>
  );
}
