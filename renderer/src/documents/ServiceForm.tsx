// DOM. 记录送达: how, when and on which subject an issued document was served (or an attempt
// that failed), with what each method requires by law (民事诉讼法第八十七条至第九十五条).
import { useState } from 'react';
import { Alert, Button, Checkbox, Col, DatePicker, Form, Input, Modal, Radio, Row, Select, Space } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { serviceMethodLabels, serviceMethods, witnessCapacities, witnessCapacityLabels } from '../../../shared/documents/notice/proofOfService';
import {
  publicationGroundLabels,
  publicationGrounds,
  type PostingPhoto,
  type ServedDocument,
  type ServiceInput,
} from '../../../shared/documents/records';
import type { Subject } from '../../../shared/operation/types';
import { db } from '../data/db';
import { chinaInstantField, dateField } from '../ui/dateFields';
import { PhotoField } from '../ui/PhotoField';
import { useFormDraft } from '../ui/useFormDraft';
import { useRecordForm } from '../ui/useRecordForm';
import { useActor } from '../operators/session';
import { recordService } from './repository';

const MAX_PHOTO_BYTES = 20 * 1024 * 1024;

/** What 送达时间 means for each method. */
const timeLabel: Record<(typeof serviceMethods)[number], string> = {
  direct: '送达时间（签收时间）',
  left: '留置时间',
  post: '交邮时间',
  electronic: '到达受送达人系统的时间',
  publication: '最后一次张贴或刊登时间',
};

/** The posting photos; ignores the value and onChange the named Form.Item above passes. */
function Photos({ photos, onPhotos }: { photos: PostingPhoto[]; onPhotos: (photos: PostingPhoto[]) => void; value?: unknown; onChange?: unknown }) {
  return <PhotoField photos={photos} onChange={(next) => onPhotos(typeof next === 'function' ? next(photos) : next)} maxBytes={MAX_PHOTO_BYTES} />;
}

export function ServiceForm({
  document,
  subjects,
  subjectId,
  onClose,
}: {
  document: ServedDocument;
  subjects: readonly Subject[];
  /** The subject to record for, when opened from their row. */
  subjectId?: string;
  onClose: () => void;
}) {
  const [form] = Form.useForm<ServiceInput>();
  const actor = useActor(document.operationId);
  const [photos, setPhotos] = useState<PostingPhoto[]>([]);
  const draft = useFormDraft(form, `service:${document.id}`, { value: photos, restore: (v) => setPhotos(v as PostingPhoto[]) });
  const method = Form.useWatch('method', form);
  const outcome = Form.useWatch('outcome', form);
  const toUnit = document.kind === 'unitLetter';
  const { saving, submit: save } = useRecordForm(
    form,
    async () => {
      const values = form.getFieldsValue(true) as ServiceInput;
      const subject = subjects.find((s) => s.id === values.subjectId);
      // The subject is the 受送达人 whoever signed for them; a family member who did is the 代收人.
      const result = await recordService(db, document.id, { ...values, recipient: toUnit ? values.recipient : (subject?.name ?? ''), publicationPhotos: photos }, actor);
      if (result.ok) await draft.clear();
      return result;
    },
    outcome === 'failed' ? '已记录未能送达的尝试' : '已记录送达',
    onClose,
  );

  return (
    <Modal
      open
      title={`记录送达：${document.number ?? ''}`}
      width={820}
      onCancel={onClose}
      onOk={save}
      okText="保存送达记录"
      cancelText="取消（已填写的内容保留为草稿）"
      okButtonProps={{ loading: saving }}
      destroyOnHidden
    >
      {draft.restored && <Alert type="info" showIcon style={{ marginBottom: 12 }} title="已恢复上次未保存的填写内容" />}
      <Form<ServiceInput>
        form={form}
        layout="vertical"
        size="small"
        onValuesChange={() => draft.keep()}
        initialValues={{
          outcome: 'served',
          method: 'direct',
          subjectId: subjectId ?? (toUnit ? '' : (subjects[0]?.id ?? '')),
          recipient: toUnit && document.kind === 'unitLetter' ? document.data.recipients : '',
          servers: [],
          witnesses: [],
          servedAt: '',
          agentAdultResident: false,
        }}
      >
        <Row gutter={12}>
          <Col span={10}>
            {toUnit ? (
              <Form.Item name="recipient" label="受送达单位">
                <Input />
              </Form.Item>
            ) : (
              <Form.Item name="subjectId" label="受送达的被执行人（每人分别送达）">
                <Select aria-label="受送达的被执行人" options={subjects.map((s) => ({ value: s.id, label: s.name }))} />
              </Form.Item>
            )}
          </Col>
          <Col span={14}>
            <Form.Item name="outcome" label="结果">
              <Radio.Group
                options={[
                  { value: 'served', label: '已送达' },
                  { value: 'failed', label: '未能送达（记录本次尝试）' },
                ]}
              />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="method" label="送达方式">
          <Radio.Group options={serviceMethods.map((m) => ({ value: m, label: serviceMethodLabels[m] }))} />
        </Form.Item>
        <Row gutter={12}>
          <Col span={8}>
            <Form.Item name="servedAt" label={timeLabel[method ?? 'direct']} {...chinaInstantField}>
              <DatePicker aria-label="送达时间" showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={16}>
            <Form.Item name="servers" label="送达人（可填多人，回车分隔）">
              <Select mode="tags" open={false} aria-label="送达人" />
            </Form.Item>
          </Col>
        </Row>
        {outcome === 'failed' ? (
          <Form.Item name="failureReason" label="未能送达的原因">
            <Input.TextArea autoSize={{ minRows: 1, maxRows: 3 }} placeholder="如：三次上门无人应答，电话无法接通" />
          </Form.Item>
        ) : (
          <>
            {method === 'direct' && (
              <Row gutter={12}>
                <Col span={6}>
                  <Form.Item name="agentName" label="代收人（本人不在时）">
                    <Input />
                  </Form.Item>
                </Col>
                <Col span={8}>
                  <Form.Item name="agentReason" label="与受送达人的关系">
                    <Input placeholder="如：儿子" />
                  </Form.Item>
                </Col>
                <Col span={10}>
                  <Form.Item name="agentAdultResident" valuePropName="checked" label="民诉法第八十八条">
                    <Checkbox>代收人是与受送达人同住的成年家属</Checkbox>
                  </Form.Item>
                </Col>
              </Row>
            )}
            {method === 'left' && (
              <>
                <Alert
                  type="info"
                  showIcon
                  style={{ marginBottom: 12 }}
                  title="留置送达：写明拒收理由；请基层组织或所在单位的代表到场见证并签名（民诉法第八十九条，解释第一百三十条），或以拍照、录像记录送达过程。"
                />
                <Form.Item name="refusalReason" label="拒收理由">
                  <Input.TextArea autoSize={{ minRows: 1, maxRows: 3 }} />
                </Form.Item>
                <Form.Item label="见证人" name="witnesses">
                  <Form.List name="witnesses">
                    {(fields, { add, remove }) => (
                      <Space orientation="vertical" style={{ width: '100%' }}>
                        {fields.map((field, i) => (
                          <Space key={field.key}>
                            <Form.Item name={[field.name, 'name']} noStyle>
                              <Input placeholder="姓名" aria-label={`见证人 ${i + 1} 姓名`} style={{ width: 120 }} />
                            </Form.Item>
                            <Form.Item name={[field.name, 'unit']} noStyle>
                              <Input placeholder="单位（如柳巷社区居委会）" aria-label={`见证人 ${i + 1} 单位`} style={{ width: 260 }} />
                            </Form.Item>
                            <Form.Item name={[field.name, 'capacity']} noStyle>
                              <Select
                                aria-label={`见证人 ${i + 1} 身份`}
                                placeholder="代表"
                                style={{ width: 180 }}
                                options={witnessCapacities.map((c) => ({ value: c, label: witnessCapacityLabels[c] }))}
                              />
                            </Form.Item>
                            <Button
                              aria-label={`删除见证人 ${i + 1}`}
                              icon={<DeleteOutlined />}
                              onClick={() => {
                                remove(field.name);
                                draft.keep();
                              }}
                            />
                          </Space>
                        ))}
                        <Button
                          icon={<PlusOutlined />}
                          onClick={() => {
                            add({ name: '', unit: '', capacity: 'grassroots' });
                            draft.keep();
                          }}
                        >
                          添加见证人
                        </Button>
                      </Space>
                    )}
                  </Form.List>
                </Form.Item>
                <Form.Item name="recording" label="拍照录像记录（无见证人时必填：文件名、设备编号等）">
                  <Input />
                </Form.Item>
              </>
            )}
            {method === 'post' && (
              <Row gutter={12}>
                <Col span={12}>
                  <Form.Item name="trackingNumber" label="邮件单号">
                    <Input />
                  </Form.Item>
                </Col>
                <Col span={12}>
                  <Form.Item name="receiptDate" label="回执签收日期（以回执为准，民诉法第九十一条）" {...dateField}>
                    <DatePicker aria-label="回执签收日期" style={{ width: '100%' }} />
                  </Form.Item>
                </Col>
              </Row>
            )}
            {method === 'electronic' && (
              <Row gutter={12}>
                <Col span={10}>
                  <Form.Item name="consentSignedOn" label="送达地址确认书签署日期（民诉法第九十条）" {...dateField}>
                    <DatePicker aria-label="送达地址确认书签署日期" style={{ width: '100%' }} />
                  </Form.Item>
                </Col>
                <Col span={14}>
                  <Form.Item name="consentAddress" label="确认的电子送达地址">
                    <Input placeholder="手机号码或电子邮箱" />
                  </Form.Item>
                </Col>
              </Row>
            )}
            {method === 'publication' && (
              <>
                <Alert
                  type="info"
                  showIcon
                  style={{ marginBottom: 12 }}
                  title="公告送达：只在受送达人下落不明或以其他方式无法送达时适用；记明原因和经过，张贴的须拍照；自最后一次公告之日起经过三十日视为送达（民诉法第九十五条，解释第一百三十八条）。"
                />
                <Row gutter={12}>
                  <Col span={8}>
                    <Form.Item name="publicationGround" label="公告送达的情形">
                      <Select aria-label="公告送达的情形" options={publicationGrounds.map((g) => ({ value: g, label: publicationGroundLabels[g] }))} />
                    </Form.Item>
                  </Col>
                  <Col span={16}>
                    <Form.Item name="publicationPlace" label="张贴或刊登之处">
                      <Input />
                    </Form.Item>
                  </Col>
                </Row>
                <Form.Item name="publicationReason" label="公告送达的原因和经过">
                  <Input.TextArea autoSize={{ minRows: 2, maxRows: 4 }} placeholder="如：先后于…直接送达、邮寄送达均未成功，经社区和派出所核实下落不明" />
                </Form.Item>
                {/* Named only to show the field's error; the photos live in state (bytes, not form values). */}
                <Form.Item name="publicationPhotos" style={{ marginBottom: 0 }}>
                  <Photos
                    photos={photos}
                    onPhotos={(next) => {
                      setPhotos(next);
                      draft.keep(next);
                    }}
                  />
                </Form.Item>
              </>
            )}
          </>
        )}
        <Form.Item name="remarks" label="备注">
          <Input.TextArea autoSize={{ minRows: 1, maxRows: 3 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
