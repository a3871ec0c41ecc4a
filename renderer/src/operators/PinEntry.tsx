// DOM. Entering a PIN, or setting it (twice) on first use. Nothing typed leaves this form
// except to the slow hash; a wrong PIN says how many tries are left.
import { useState } from 'react';
import { Alert, Button, Form, Input, Space, Typography } from 'antd';
import { useLiveQuery } from 'dexie-react-hooks';
import type { Actor } from '../../../shared/operators/permissions';
import { PIN_MAX_LENGTH, PIN_MIN_LENGTH } from '../../../shared/operators/pin';
import { db } from '../data/db';
import { errorText } from '../ui/errors';
import { getOperatorRecord, setPin, signIn, type SignInResult } from './repository';

interface Props {
  operationId: string;
  personId: string;
  name: string;
  /** The button's text: 登录 or 解锁. */
  verb: string;
  onSignedIn: (actor: Actor) => void;
}

export function PinEntry({ operationId, personId, name, verb, onSignedIn }: Props) {
  // null = no PIN yet; undefined = still reading.
  const record = useLiveQuery(async () => (await getOperatorRecord(db, operationId, personId)) ?? null, [operationId, personId]);
  const [pin, setPinText] = useState('');
  const [repeat, setRepeat] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const firstUse = record === null;

  const submit = async () => {
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      const result: SignInResult = firstUse ? await setPin(db, operationId, personId, pin, repeat) : await signIn(db, operationId, personId, pin);
      if (result.ok) onSignedIn(result.actor);
      else {
        setError(result.message);
        setPinText('');
        setRepeat('');
      }
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  if (record === undefined) return null;
  const pinInput = (label: string, value: string, onChange: (v: string) => void, autoFocus: boolean) => (
    <Form.Item label={label} style={{ marginBottom: 8 }}>
      <Input.Password
        aria-label={label}
        autoFocus={autoFocus}
        inputMode="numeric"
        autoComplete="off"
        maxLength={PIN_MAX_LENGTH}
        value={value}
        onChange={(e) => onChange(e.target.value.trim())}
        onPressEnter={submit}
      />
    </Form.Item>
  );
  return (
    <Form layout="vertical" onSubmitCapture={(e) => e.preventDefault()}>
      {firstUse ? (
        <>
          <Typography.Paragraph>
            {name}首次在本行动登录，请设置 PIN（{PIN_MIN_LENGTH}–{PIN_MAX_LENGTH} 位数字，不能全相同或连续）。PIN 只以加盐慢哈希保存在本机。
          </Typography.Paragraph>
          {pinInput('设置 PIN', pin, setPinText, true)}
          {pinInput('再次输入 PIN', repeat, setRepeat, false)}
        </>
      ) : (
        pinInput('PIN', pin, setPinText, true)
      )}
      {error && <Alert type="error" showIcon role="alert" data-testid="pin-error" title={error} style={{ marginBottom: 8 }} />}
      <Space>
        <Button type="primary" loading={busy} onClick={submit}>
          {firstUse ? `设置 PIN 并${verb}` : verb}
        </Button>
      </Space>
    </Form>
  );
}
