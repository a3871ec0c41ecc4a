// DOM. 记录送达: how, when and to whom an issued document was served.
import { Alert, Button, Col, DatePicker, Form, Input, Modal, Radio, Row, Select, Space } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { serviceMethodLabels, serviceMethods } from '../../../shared/documents/notice/proofOfService';
import type { DocumentRecord, ServiceInput } from '../../../shared/documents/records';
import { db } from '../data/db';
import { chinaInstantField, dateField } from '../ui/dateFields';
import { useRecordForm } from '../ui/useRecordForm';
import { useActor } from '../operators/session';
import { recordService } from './repository';

export function ServiceForm({ document, recipient, onClose }: { document: DocumentRecord; recipient: string; onClose: () => void }) {
  const [form] = Form.useForm<ServiceInput>();
  const actor = useActor(document.operationId);
  const method = Form.useWatch('method', form);
  const { saving, submit: save } = useRecordForm(
    form,
    () => recordService(db, document.id, form.getFieldsValue(true), actor),
    '已记录送达',
    onClose,
  );

  return (
    <Modal
      open
      title={`记录送达：${document.number ?? ''}`}
      width={760}
      onCancel={onClose}
      onOk={save}
      okText="保存送达记录"
      cancelText="取消"
      okButtonProps={{ loading: saving }}
      destroyOnHidden
    >
      <Form<ServiceInput>
        form={form}
        layout="vertical"
        initialValues={{ method: 'direct', recipient, servers: [], witnesses: [], servedAt: '' }}
      >
        <Form.Item name="method" label="送达方式">
          <Radio.Group options={serviceMethods.map((m) => ({ value: m, label: serviceMethodLabels[m] }))} />
        </Form.Item>
        <Row gutter={12}>
          <Col span={8}>
            <Form.Item name="servedAt" label={method === 'publication' ? '公告发布时间' : '送达时间'} {...chinaInstantField}>
              <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="recipient" label="受送达人">
              <Input />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="servers" label="送达人（可填多人，回车分隔）">
              <Select mode="tags" open={false} aria-label="送达人" />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="agentName" label="代收人（本人未签收时）">
              <Input />
            </Form.Item>
          </Col>
          <Col span={16}>
            <Form.Item name="agentReason" label="代收人身份及原因">
              <Input placeholder="如：同住成年家属（儿子），本人外出" />
            </Form.Item>
          </Col>
        </Row>
        {method === 'left' && (
          <>
            <Alert
              type="info"
              showIcon
              style={{ marginBottom: 12 }}
              title="留置送达：写明拒收理由和日期；请基层组织或所在单位的代表到场见证并签名，或以拍照、录像记录送达过程（民诉法第八十九条）。"
            />
            <Form.Item name="refusalReason" label="拒收理由">
              <Input.TextArea autoSize={{ minRows: 1, maxRows: 3 }} />
            </Form.Item>
            <Form.Item label="见证人" name="witnesses" help={undefined}>
              <Form.List name="witnesses">
                {(fields, { add, remove }) => (
                  <Space orientation="vertical" style={{ width: '100%' }}>
                    {fields.map((field, i) => (
                      <Space key={field.key}>
                        <Form.Item name={[field.name, 'name']} noStyle>
                          <Input placeholder="姓名" aria-label={`见证人 ${i + 1} 姓名`} style={{ width: 160 }} />
                        </Form.Item>
                        <Form.Item name={[field.name, 'unit']} noStyle>
                          <Input placeholder="单位（如居委会）" aria-label={`见证人 ${i + 1} 单位`} style={{ width: 300 }} />
                        </Form.Item>
                        <Button aria-label={`删除见证人 ${i + 1}`} icon={<DeleteOutlined />} onClick={() => remove(field.name)} />
                      </Space>
                    ))}
                    <Button icon={<PlusOutlined />} onClick={() => add({ name: '', unit: '' })}>
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
              <Form.Item name="receiptDate" label="签收日期（以回执为准）" {...dateField}>
                <DatePicker style={{ width: '100%' }} />
              </Form.Item>
            </Col>
          </Row>
        )}
        {method === 'publication' && (
          <Alert type="info" showIcon style={{ marginBottom: 12 }} title="公告送达：自发出公告之日起经过三十日，即视为送达（民诉法第九十五条）。" />
        )}
        <Form.Item name="remarks" label="备注">
          <Input.TextArea autoSize={{ minRows: 1, maxRows: 3 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
