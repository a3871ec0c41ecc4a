// DOM. Entering a PIN; or, for the commander at the station's first start, setting their own
// (twice); or, for anyone else without one, being told the commander enrols it. Nothing typed
// leaves this form except to the host's PIN store; a wrong PIN says how many tries are left.
import { useState } from 'react';
import { Alert, Button, Form, Input, Space, Typography } from 'antd';
import { useLiveQuery } from 'dexie-react-hooks';
import { enrolHint, pinStep } from '../../../shared/operators/enrolment';
import type { Actor } from '../../../shared/operators/permissions';
import { PIN_MAX_LENGTH, PIN_MIN_LENGTH } from '../../../shared/operators/pin';
import { db } from '../data/db';
import { errorText } from '../ui/errors';
import { pins, pinsChanged, useEnrolled } from './pins';
import { enrolPin, roleContext, signIn, type SignInResult } from './repository';

interface Props {
  operationId: string;
  personId: string;
  name: string;
  /** The button's text: 登录 or 解锁. */
  verb: string;
  onSignedIn: (actor: Actor) => void;
}

/** One PIN field: digits only, never autofilled. */
export function PinField({ label, value, onChange, autoFocus = false, onEnter }: { label: string; value: string; onChange: (v: string) => void; autoFocus?: boolean; onEnter: () => void }) {
  return (
    <Form.Item label={label} style={{ marginBottom: 8 }}>
      <Input.Password
        aria-label={label}
        autoFocus={autoFocus}
        inputMode="numeric"
        autoComplete="off"
        maxLength={PIN_MAX_LENGTH}
        value={value}
        onChange={(e) => onChange(e.target.value.trim())}
        onPressEnter={onEnter}
      />
    </Form.Item>
  );
}

export function PinEntry({ operationId, personId, name, verb, onSignedIn }: Props) {
  const enrolled = useEnrolled(operationId);
  const ctx = useLiveQuery(() => roleContext(db, operationId), [operationId]);
  const [pin, setPinText] = useState('');
  const [repeat, setRepeat] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  if (enrolled === undefined || ctx === undefined) return null;
  const step = pinStep(personId, ctx, enrolled);

  const submit = async () => {
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      const result: SignInResult =
        step === 'firstPin'
          ? await enrolPin(pins, db, { operationId, personId, pin, repeat, authoriser: null })
          : await signIn(pins, db, operationId, personId, pin);
      if (result.ok) {
        if (step === 'firstPin') pinsChanged();
        onSignedIn(result.actor);
      } else {
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

  if (step === 'askCommander') return <Alert type="info" showIcon data-testid="pin-not-enrolled" title={enrolHint(name)} />;
  return (
    <Form layout="vertical" onSubmitCapture={(e) => e.preventDefault()}>
      {step === 'firstPin' ? (
        <>
          <Typography.Paragraph>
            {name}是本行动的现场执行指挥，首次在本工作站登录，请设置本人 PIN（{PIN_MIN_LENGTH}–{PIN_MAX_LENGTH} 位数字，不能全相同或连续）。其他人员的 PIN
            此后由您在“指挥部 → 登录 PIN”中登记。PIN 只以加盐慢哈希保存在本工作站，不随同步、备份或档案带走。
          </Typography.Paragraph>
          <PinField label="设置 PIN" value={pin} onChange={setPinText} autoFocus onEnter={submit} />
          <PinField label="再次输入 PIN" value={repeat} onChange={setRepeat} onEnter={submit} />
        </>
      ) : (
        <PinField label="PIN" value={pin} onChange={setPinText} autoFocus onEnter={submit} />
      )}
      {error && <Alert type="error" showIcon role="alert" data-testid="pin-error" title={error} style={{ marginBottom: 8 }} />}
      <Space>
        <Button type="primary" loading={busy} onClick={submit}>
          {step === 'firstPin' ? `设置 PIN 并${verb}` : verb}
        </Button>
      </Space>
    </Form>
  );
}
