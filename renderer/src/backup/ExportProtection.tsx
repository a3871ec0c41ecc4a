// DOM. Before any export that holds personal data: encrypt with a passphrase (the default), or
// write it unencrypted only after the user confirms they know what the file contains.
import { useRef, useState } from 'react';
import { Alert, Checkbox, Form, Input, Modal, Radio, Typography } from 'antd';
import { passphraseProblems } from '../../../shared/archive/encryption';

/** The user's choice: a passphrase, or null for an unencrypted file. */
export type Protection = { passphrase: string | null };

interface Asking {
  what: string;
  resolve: (choice: Protection | null) => void;
}

/**
 * `ask('备份')` opens the dialog and resolves with the choice, or null when cancelled.
 * Render `dialog` once in the component that asks.
 */
export function useExportProtection(): { ask: (what: string) => Promise<Protection | null>; dialog: React.ReactNode } {
  const [asking, setAsking] = useState<Asking | null>(null);
  const ask = (what: string) => new Promise<Protection | null>((resolve) => setAsking({ what, resolve }));
  const finish = (choice: Protection | null) => {
    asking?.resolve(choice);
    setAsking(null);
  };
  return { ask, dialog: asking && <ProtectionDialog what={asking.what} onDone={finish} /> };
}

function ProtectionDialog({ what, onDone }: { what: string; onDone: (choice: Protection | null) => void }) {
  const [encrypt, setEncrypt] = useState(true);
  const [passphrase, setPassphrase] = useState('');
  const [repeat, setRepeat] = useState('');
  const [understood, setUnderstood] = useState(false);
  const [tried, setTried] = useState(false);
  const first = useRef<HTMLInputElement>(null);
  const problems = encrypt ? [...passphraseProblems(passphrase), ...(repeat !== passphrase ? ['两次输入的口令不一致'] : [])] : understood ? [] : ['请确认已知晓文件未加密'];

  const ok = () => {
    setTried(true);
    if (problems.length === 0) onDone({ passphrase: encrypt ? passphrase : null });
  };

  return (
    <Modal open title={`导出${what}：是否加密`} okText="导出" cancelText="取消" onOk={ok} onCancel={() => onDone(null)} destroyOnHidden afterOpenChange={(v) => v && first.current?.focus()}>
      <Typography.Paragraph>{`${what}含被执行人的身份证号、联系电话等个人信息。建议用口令加密；口令另行告知接收人，丢失后无法恢复。`}</Typography.Paragraph>
      <Radio.Group value={encrypt} onChange={(e) => setEncrypt(e.target.value as boolean)} style={{ marginBottom: 12 }}>
        <Radio value={true}>加密（推荐）</Radio>
        <Radio value={false}>不加密</Radio>
      </Radio.Group>
      {encrypt ? (
        <Form layout="vertical" onKeyDown={(e) => e.key === 'Enter' && ok()}>
          <Form.Item label="口令" extra="至少 10 个字符；加密文件也可用标准工具 age 解密">
            <Input.Password ref={first as never} aria-label="口令" value={passphrase} onChange={(e) => setPassphrase(e.target.value)} autoComplete="new-password" />
          </Form.Item>
          <Form.Item label="再次输入口令">
            <Input.Password aria-label="再次输入口令" value={repeat} onChange={(e) => setRepeat(e.target.value)} autoComplete="new-password" />
          </Form.Item>
        </Form>
      ) : (
        <Alert
          type="warning"
          showIcon
          title="文件将不加密写出：任何拿到文件的人都能读到其中的个人信息。"
          description={
            <Checkbox checked={understood} onChange={(e) => setUnderstood(e.target.checked)}>
              我已知晓，由我负责妥善保管此文件
            </Checkbox>
          }
        />
      )}
      {tried && problems.length > 0 && <Alert type="error" showIcon style={{ marginTop: 12 }} title={problems.join('；')} />}
    </Modal>
  );
}

/** Asks for the passphrase of an encrypted file being opened; null when cancelled. */
export function usePassphrasePrompt(): { askPassphrase: (what: string, problem?: string) => Promise<string | null>; dialog: React.ReactNode } {
  const [asking, setAsking] = useState<{ what: string; problem?: string; resolve: (p: string | null) => void } | null>(null);
  const [value, setValue] = useState('');
  const askPassphrase = (what: string, problem?: string) =>
    new Promise<string | null>((resolve) => {
      setValue('');
      setAsking({ what, ...(problem ? { problem } : {}), resolve });
    });
  const finish = (p: string | null) => {
    asking?.resolve(p);
    setAsking(null);
  };
  const dialog = asking && (
    <Modal open title={`打开加密的${asking.what}`} okText="解密" cancelText="取消" onOk={() => value && finish(value)} onCancel={() => finish(null)} destroyOnHidden>
      {asking.problem && <Alert type="error" showIcon style={{ marginBottom: 12 }} title={asking.problem} />}
      <Input.Password autoFocus aria-label="解密口令" value={value} onChange={(e) => setValue(e.target.value)} onPressEnter={() => value && finish(value)} />
    </Modal>
  );
  return { askPassphrase, dialog };
}
