// DOM. An ID or phone number shown masked (110101********4515) with a button to reveal it.
// Revealing needs a signed-in person and is logged under their name, so who looked at whose
// personal data is on record; the number is masked again after a minute.
import { useEffect, useState } from 'react';
import { App, Button, Space, Tooltip } from 'antd';
import { EyeOutlined } from '@ant-design/icons';
import { maskIdNumber, maskPhone } from '../../../shared/operation/formats';
import { db } from '../data/db';
import { logSystem } from '../log/repository';
import { NOT_SIGNED_IN } from '../operators/repository';
import { useActor } from '../operators/session';
import { errorText } from './errors';

const REVEAL_MS = 60_000;
const labels = { id: '证件号码', phone: '联系电话' } as const;

export function Masked({ operationId, value, kind, whose }: { operationId: string; value: string; kind: 'id' | 'phone'; whose: string }) {
  const { message } = App.useApp();
  const actor = useActor(operationId);
  const [shown, setShown] = useState(false);

  useEffect(() => {
    if (!shown) return;
    const timer = setTimeout(() => setShown(false), REVEAL_MS);
    return () => clearTimeout(timer);
  }, [shown]);

  if (!value) return <>—</>;
  const what = `${whose}的${labels[kind]}`;
  const reveal = async () => {
    if (!actor) return void message.error(NOT_SIGNED_IN);
    try {
      await logSystem(db, operationId, actor, `查看个人信息：${what}`);
      setShown(true);
    } catch (e) {
      message.error(errorText(e));
    }
  };
  return (
    <Space size={4}>
      <span data-testid="masked">{shown ? value : kind === 'id' ? maskIdNumber(value) : maskPhone(value)}</span>
      {!shown && (
        <Tooltip title={`显示${what}（记入执行日志）`}>
          <Button size="small" type="text" icon={<EyeOutlined />} aria-label={`显示${what}`} onClick={() => void reveal()} />
        </Tooltip>
      )}
    </Space>
  );
}
