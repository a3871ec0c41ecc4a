// DOM. Nobody works in an operation without signing in, once it has a commander (before
// that it is being set up: nobody can sign in, since the commander enrols the PINs, and its
// acts are the station's own, logged as such). While signed in, the workspace
// locks after the configured idle time or on Ctrl+L: an opaque overlay covers it, but the
// tree underneath stays mounted (open dialogs, half-typed text), and everything else on the
// page is made inert so no key or click reaches it until the same person's PIN unlocks it.
import { useEffect, useRef, type ReactNode } from 'react';
import { Alert, Button, Modal, Space, Typography } from 'antd';
import { LockOutlined } from '@ant-design/icons';
import { useLiveQuery } from 'dexie-react-hooks';
import { db } from '../data/db';
import type { OperationSummary } from '../operation/repository';
import { readIdleLockMinutes } from '../settings/settings';
import { PinEntry } from './PinEntry';
import { SignInScreen } from './SignInScreen';
import { useSession } from './session';

const ACTIVITY = ['keydown', 'mousedown', 'mousemove', 'wheel', 'touchstart'] as const;
const GATE_CLASS = 'operator-lock';

/** Locks the operation after `minutes` without keyboard or mouse, and on Ctrl+L. */
function useIdleLock(operationId: string, active: boolean) {
  const minutes = useLiveQuery(() => readIdleLockMinutes(db), []);
  const lock = useSession((s) => s.lock);
  const lastActivity = useRef(Date.now());
  useEffect(() => {
    if (!active || minutes === undefined) return;
    lastActivity.current = Date.now();
    const touch = () => (lastActivity.current = Date.now());
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey && !e.altKey && !e.metaKey && e.key.toLowerCase() === 'l') {
        e.preventDefault();
        lock(operationId);
      }
    };
    for (const type of ACTIVITY) window.addEventListener(type, touch, { capture: true, passive: true });
    window.addEventListener('keydown', onKey, { capture: true });
    const timer = window.setInterval(() => {
      if (Date.now() - lastActivity.current >= minutes * 60_000) lock(operationId);
    }, 1000);
    return () => {
      for (const type of ACTIVITY) window.removeEventListener(type, touch, { capture: true });
      window.removeEventListener('keydown', onKey, { capture: true });
      window.clearInterval(timer);
    };
  }, [active, minutes, operationId, lock]);
}

/** While locked, every other top-level element of the page is inert (open dialogs included). */
function useInertBehind(locked: boolean) {
  useEffect(() => {
    if (!locked) return;
    const made: Element[] = [];
    const apply = () => {
      for (const el of Array.from(document.body.children)) {
        if (el.classList.contains(GATE_CLASS) || el.querySelector(`.${GATE_CLASS}`) || el.hasAttribute('inert')) continue;
        el.setAttribute('inert', '');
        made.push(el);
      }
    };
    // The overlay's portal appears after this effect; wait a frame so it is not made inert.
    const frame = requestAnimationFrame(apply);
    return () => {
      cancelAnimationFrame(frame);
      for (const el of made) el.removeAttribute('inert');
    };
  }, [locked]);
}

function LockOverlay({ operationId, name, personId }: { operationId: string; name: string; personId: string }) {
  const unlock = useSession((s) => s.unlock);
  const signOut = useSession((s) => s.signOut);
  // Keys typed into the PIN must not reach the workspace's shortcuts (digits record phases).
  const stopKeys = (e: React.KeyboardEvent) => e.stopPropagation();
  return (
    <Modal
      open
      closable={false}
      keyboard={false}
      mask={{ closable: false }}
      footer={null}
      width={440}
      zIndex={3000}
      rootClassName={GATE_CLASS}
      styles={{ mask: { background: '#1b2636', opacity: 1 } }}
      title={
        <Space>
          <LockOutlined /> 工作区已锁定
        </Space>
      }
    >
      <div onKeyDown={stopKeys} data-testid="lock-overlay">
        <Typography.Paragraph>
          当前人员：<Typography.Text strong>{name}</Typography.Text>。输入本人 PIN 解锁，回到锁定前的页面，打开的对话框和已输入的内容都保留。
        </Typography.Paragraph>
        <PinEntry operationId={operationId} personId={personId} name={name} verb="解锁" onSignedIn={() => unlock(operationId)} />
        <Alert type="info" style={{ marginTop: 12 }} title="换人操作请点“切换人员”：需重新登录，未保存的对话框内容不保留（草稿仍在）。" />
        <Button style={{ marginTop: 12 }} onClick={() => signOut(operationId)}>
          切换人员
        </Button>
      </div>
    </Modal>
  );
}

export function OperatorGate({ operation, title, children }: { operation: OperationSummary; title: string; children: ReactNode }) {
  const session = useSession((s) => s.byOperation[operation.id]);
  const signIn = useSession((s) => s.signIn);
  useIdleLock(operation.id, !!session && !session.locked);
  useInertBehind(!!session?.locked);

  // Being set up: the station designates the first commander, who then sets their PIN.
  if (!operation.onSiteCommanderId && !session) return <>{children}</>;
  if (!session) return <SignInScreen operation={operation} title={title} onSignedIn={(actor) => signIn(operation.id, actor)} />;
  return (
    <>
      {children}
      {session.locked && <LockOverlay operationId={operation.id} name={session.actor.name} personId={session.actor.personId} />}
    </>
  );
}
