// DOM. 复核: the file is picked again and hashed; the result (match or mismatch) is logged
// either way and shown plainly, in red when the file is not the one registered.
import { useState } from 'react';
import { Alert, App, AutoComplete, Button, Flex, Form, Modal, Typography } from 'antd';
import { mediaLabel } from '../../../shared/evidence/media';
import type { MediaRecord, VerificationResult } from '../../../shared/evidence/types';
import { db } from '../data/db';
import { host } from '../host';
import { errorText } from '../ui/errors';
import { HashProgress } from './HashProgress';
import { useActor } from '../operators/session';
import { recordVerification } from './repository';
import { useFileHashing } from './useFileHashing';
import { usePeopleAndGroups } from './usePeopleAndGroups';

export function VerifyDialog({ record, onClose }: { record: MediaRecord; onClose: () => void }) {
  const { message } = App.useApp();
  const { nameOptions } = usePeopleAndGroups(record.operationId);
  const actor = useActor(record.operationId);
  const hashing = useFileHashing(host);
  const [verifier, setVerifier] = useState('');
  const [outcome, setOutcome] = useState<{ result: VerificationResult; sha256: string; name: string }>();

  const pickAndVerify = async () => {
    if (!verifier.trim()) {
      message.error('请先填写复核人');
      return;
    }
    try {
      const { files } = await host.openFiles({ multiple: false });
      const file = files[0];
      if (!file) return;
      setOutcome(undefined);
      const sha256 = await hashing.start(file);
      if (!sha256) return;
      setOutcome({ result: await recordVerification(db, record.id, verifier, sha256, actor), sha256, name: file.name });
    } catch (e) {
      message.error(errorText(e));
    }
  };

  const busy = hashing.state.status === 'hashing';
  return (
    <Modal open title={`复核：${mediaLabel(record)}`} width={720} onCancel={onClose} maskClosable={false} footer={<Button onClick={onClose}>关闭</Button>}>
      <Flex vertical gap={10}>
        <div>
          登记的 SHA-256：<Typography.Text code>{record.sha256}</Typography.Text>
        </div>
        <Form layout="inline" size="small">
          <Form.Item label="复核人">
            <AutoComplete options={nameOptions} filterOption value={verifier} onChange={setVerifier} style={{ width: 180 }} aria-label="复核人" />
          </Form.Item>
          <Button type="primary" size="small" onClick={pickAndVerify} disabled={busy}>
            选择文件并复核…
          </Button>
        </Form>
        <HashProgress state={hashing.state} onCancel={hashing.cancel} />
        {outcome?.result === 'match' && (
          <Alert type="success" showIcon data-testid="verify-result" title={`一致：“${outcome.name}”的哈希值与登记值相同，已记入现场记录。`} />
        )}
        {outcome?.result === 'mismatch' && (
          <Alert
            type="error"
            showIcon
            data-testid="verify-result"
            title={`不一致：“${outcome.name}”不是登记时的文件，或已被修改！已记入现场记录。`}
            description={`登记值 ${record.sha256}，复核文件 ${outcome.sha256}`}
          />
        )}
      </Flex>
    </Modal>
  );
}
