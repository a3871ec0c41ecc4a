// DOM. 登记音像资料: pick one or more files, each is hashed (with progress, cancellable)
// while its details are typed; the form is kept as a draft, so nothing typed is lost when
// hashing fails, is cancelled, or the dialog is closed.
import { useEffect, useRef, useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { Alert, App, AutoComplete, Button, DatePicker, Flex, Form, Input, Modal, Select, Typography } from 'antd';
import { guessMediaKind, shortTime, type MediaInput } from '../../../shared/evidence/media';
import { mediaKindLabels, mediaKinds } from '../../../shared/evidence/types';
import type { OpenedFile } from '../../../shared/host/contract';
import { db } from '../data/db';
import { clearDraft, readDraft, saveDraft } from '../data/drafts';
import { host } from '../host';
import { chinaInstantField } from '../ui/dateFields';
import { errorText } from '../ui/errors';
import { showFieldErrors } from '../ui/formErrors';
import { HashProgress } from './HashProgress';
import { findSameContent, registerMedia } from './repository';
import { useRefusal } from '../operators/useRefusal';
import { useFileHashing } from './useFileHashing';
import { usePeopleAndGroups } from './usePeopleAndGroups';

const emptyInput: MediaInput = {
  kind: 'video',
  deviceNumber: '',
  operator: '',
  groupId: '',
  startedAt: '',
  endedAt: '',
  custodian: '',
  registeredBy: '',
  note: '',
};

const draftKey = (operationId: string) => `media-register:${operationId}`;

export function RegisterDialog({ operationId, onClose }: { operationId: string; onClose: () => void }) {
  const [form] = Form.useForm<MediaInput>();
  const { message } = App.useApp();
  const hashing = useFileHashing(host);
  const [queue, setQueue] = useState<OpenedFile[]>([]);
  const [registered, setRegistered] = useState(0);
  const [saving, setSaving] = useState(false);
  const { nameOptions, groupOptions } = usePeopleAndGroups(operationId);
  // The signed-in person registers, if the evidence group or the command.
  const { actor, refusal } = useRefusal(operationId);
  const cannot = refusal({ kind: 'registerMedia' });
  const file = queue[0];
  // Files picked but not yet registered hold a host token each; release them when the dialog goes.
  const pending = useRef<OpenedFile[]>([]);
  useEffect(() => {
    pending.current = queue;
  }, [queue]);
  useEffect(() => () => pending.current.forEach((f) => void host.closeFile({ token: f.token }).catch(() => undefined)), []);
  const sha256 = hashing.state.status === 'done' ? hashing.state.sha256 : undefined;
  const sameContent = useLiveQuery(async () => (sha256 ? findSameContent(db, sha256) : []), [sha256]);

  useEffect(() => {
    void readDraft(db, draftKey(operationId)).then((draft) => {
      if (draft && typeof draft === 'object') form.setFieldsValue(draft as MediaInput);
    });
  }, [form, operationId]);

  const hashNext = (files: OpenedFile[]) => {
    setQueue(files);
    const next = files[0];
    if (!next) return;
    if (!form.isFieldTouched('kind')) form.setFieldValue('kind', guessMediaKind(next.name));
    void hashing.start(next);
  };

  const pick = async () => {
    try {
      const { files } = await host.openFiles({ multiple: true });
      if (files.length === 0) return;
      for (const f of queue) void host.closeFile({ token: f.token }).catch(() => undefined);
      hashNext(files);
    } catch (e) {
      message.error(errorText(e));
    }
  };

  const save = async () => {
    if (!file || !sha256) {
      message.error(file ? '请等待哈希值计算完成' : '请先选择文件');
      return;
    }
    setSaving(true);
    try {
      const values = form.getFieldsValue(true) as MediaInput;
      const result = await registerMedia(db, operationId, values, { originalName: file.name, size: file.size, sha256 }, actor);
      if (!result.ok) {
        showFieldErrors(form, result.errors);
        message.error('内容不完整，已填写的内容均已保留');
        return;
      }
      message.success(`已登记“${file.name}”`);
      setRegistered((n) => n + 1);
      const rest = queue.slice(1);
      // Device, operator and group usually stay the same for the next file; its times and note do not.
      form.setFieldsValue({ startedAt: '', endedAt: '', note: '' });
      if (rest.length === 0) {
        await clearDraft(db, draftKey(operationId));
        onClose();
      } else {
        await saveDraft(db, draftKey(operationId), form.getFieldsValue(true));
        hashNext(rest);
      }
    } catch (e) {
      message.error(`登记失败：${errorText(e)}（填写的内容仍在对话框中）`);
    } finally {
      setSaving(false);
    }
  };

  const status = hashing.state.status;
  const title = queue.length > 1 || registered > 0 ? `登记音像资料（已登记 ${registered} 个，待登记 ${queue.length} 个）` : '登记音像资料';

  return (
    <Modal
      open
      title={title}
      width={760}
      onCancel={onClose}
      maskClosable={false}
      okText="登记"
      cancelText="关闭"
      onOk={save}
      okButtonProps={{ loading: saving, disabled: !sha256 || !!cannot }}
    >
      <Flex vertical gap={8} style={{ marginBottom: 12 }}>
        {cannot && <Alert type="error" showIcon title={cannot} />}
        {!file && (
          <Alert
            type="info"
            showIcon
            title="选择执法记录仪或相机导出的文件。文件不会被复制，只计算并登记其 SHA-256 哈希值；文件原件请按规定另行保存。"
          />
        )}
        <HashProgress state={hashing.state} onCancel={hashing.cancel} />
        {sameContent && sameContent.length > 0 && (
          <Alert
            type="warning"
            showIcon
            title={`相同内容的文件已登记过 ${sameContent.length} 次：${sameContent
              .map((r) => `${r.originalName}（${shortTime(r.registeredAt)}${r.operationId === operationId ? '' : '，其他行动'}）`)
              .join('；')}。如确需再次登记，请在备注中说明。`}
          />
        )}
        <Flex gap={8}>
          {status !== 'hashing' && (
            <Button type={file ? 'default' : 'primary'} onClick={pick}>
              {file ? '重新选择文件…' : '选择文件…'}
            </Button>
          )}
          {file && (status === 'cancelled' || status === 'failed') && <Button onClick={() => hashNext(queue)}>重新计算</Button>}
        </Flex>
      </Flex>
      <Form<MediaInput>
        form={form}
        layout="vertical"
        size="small"
        initialValues={emptyInput}
        onValuesChange={(changed) => {
          form.setFields(Object.keys(changed).map((name) => ({ name: name as keyof MediaInput, errors: [] })));
          void saveDraft(db, draftKey(operationId), form.getFieldsValue(true));
        }}
      >
        <Flex gap={12}>
          <Form.Item name="kind" label="类型" style={{ width: 110 }}>
            <Select options={mediaKinds.map((k) => ({ value: k, label: mediaKindLabels[k] }))} />
          </Form.Item>
          <Form.Item name="deviceNumber" label="设备/执法记录仪编号" style={{ flex: 1 }}>
            <Input placeholder="如 DSJ-0032" />
          </Form.Item>
          <Form.Item name="operator" label="拍摄人" style={{ flex: 1 }}>
            <AutoComplete options={nameOptions} filterOption />
          </Form.Item>
          <Form.Item name="groupId" label="所在工作组" style={{ flex: 1 }}>
            <Select options={groupOptions} allowClear placeholder="（无）" />
          </Form.Item>
        </Flex>
        <Flex gap={12}>
          <Form.Item name="startedAt" label="开始时间" style={{ flex: 1 }} {...chinaInstantField}>
            <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="endedAt" label="结束时间" style={{ flex: 1 }} {...chinaInstantField}>
            <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="custodian" label="保管人" style={{ flex: 1 }}>
            <AutoComplete options={nameOptions} filterOption />
          </Form.Item>
          <Form.Item label="登记人" style={{ flex: 1 }}>
            <Typography.Text data-testid="registrar">{actor?.name ?? '未登录'}</Typography.Text>
          </Form.Item>
        </Flex>
        <Form.Item name="note" label="备注">
          <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} />
        </Form.Item>
      </Form>
      {file && (
        <Typography.Text type="secondary">
          原始文件名与大小按所选文件自动登记；开始、结束时间按记录仪显示的北京时间填写。
        </Typography.Text>
      )}
    </Modal>
  );
}
