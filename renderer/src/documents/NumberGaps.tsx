// DOM. Unexplained gaps in a number series, and recording why each number is missing.
import { useState } from 'react';
import { Alert, App, Button, Input, Modal, Select, Space } from 'antd';
import { useLiveQuery } from 'dexie-react-hooks';
import { db } from '../data/db';
import { errorText } from '../ui/errors';
import { useActor } from '../operators/session';
import { recordNumberGap, unexplainedGaps } from './numbering';

export function NumberGaps({ operationId }: { operationId: string }) {
  const { message } = App.useApp();
  const series = useLiveQuery(() => unexplainedGaps(db, operationId), [operationId]);
  const [open, setOpen] = useState<{ issuerCode: string; year: number; gaps: number[] } | null>(null);
  const [sequence, setSequence] = useState<number>();
  const [reason, setReason] = useState('');
  const actor = useActor(operationId);

  const save = async () => {
    if (!open || sequence === undefined) return;
    try {
      await recordNumberGap(db, operationId, { issuerCode: open.issuerCode, year: open.year, sequence }, reason, actor);
      message.success(`已记录 ${open.issuerCode}〔${open.year}〕${sequence}号 的缺号原因`);
      setOpen(null);
      setReason('');
    } catch (e) {
      message.error(errorText(e));
    }
  };

  if (!series || series.length === 0) return null;
  return (
    <>
      {series.map((s) => (
        <Alert
          key={`${s.issuerCode}-${s.year}`}
          type="error"
          showIcon
          title={`${s.issuerCode}〔${s.year}〕缺 ${s.gaps.map((g) => `${g}号`).join('、')}，尚未记录原因；记录前该系列不能签发新文书`}
          action={
            <Button
              size="small"
              onClick={() => {
                setOpen(s);
                setSequence(s.gaps[0]);
              }}
            >
              记录缺号原因
            </Button>
          }
        />
      ))}
      <Modal open={open !== null} title="记录缺号原因" onCancel={() => setOpen(null)} onOk={save} okText="记录" cancelText="取消" destroyOnHidden>
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Select
            aria-label="缺号"
            value={sequence}
            onChange={setSequence}
            options={(open?.gaps ?? []).map((g) => ({ value: g, label: `${open?.issuerCode}〔${open?.year}〕${g}号` }))}
          />
          <Input.TextArea aria-label="缺号原因" value={reason} onChange={(e) => setReason(e.target.value)} placeholder="如：该号已用于纸质文书、打印错误作废" />
          <span>记录人：{actor?.name ?? '未登录'}</span>
        </Space>
      </Modal>
    </>
  );
}
