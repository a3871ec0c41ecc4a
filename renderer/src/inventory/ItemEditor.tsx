// DOM. Correcting one item (every change is logged with what changed), attaching photos,
// or withdrawing a wrong entry with a reason: the item stays in the records.
import { useState } from 'react';
import { App, AutoComplete, Button, Col, Form, Input, InputNumber, Modal, Row, Select, Space, Checkbox } from 'antd';
import type { ItemInput } from '../../../shared/inventory/inventory';
import {
  destinationKindLabels,
  destinationKinds,
  type DestinationKind,
  type InventoryItemRecord,
  type InventoryPhoto,
  type InventoryRoomRecord,
} from '../../../shared/inventory/types';
import { db } from '../data/db';
import { PhotoField } from '../ui/PhotoField';
import { useRecordForm } from '../ui/useRecordForm';
import { conditionOptions, unitOptions } from './ItemEntry';
import { updateItem, withdrawItem } from './repository';
import { useActor } from '../operators/session';

/** Item photos are kept in the database and the backup: small pictures only. */
const MAX_PHOTO_BYTES = 5 * 1024 * 1024;

type EditorValues = Omit<ItemInput, 'destination'> & { destinationKind?: DestinationKind; destinationAddress?: string };

export function ItemEditor({ item, rooms, onClose }: { item: InventoryItemRecord; rooms: InventoryRoomRecord[]; onClose: () => void }) {
  const [form] = Form.useForm<EditorValues>();
  const who = useActor(item.operationId);
  const { message } = App.useApp();
  const [photos, setPhotos] = useState<InventoryPhoto[]>(item.photos);
  const [reason, setReason] = useState('');


  const { saving, submit } = useRecordForm(
    form,
    async () => {
      const { destinationKind, destinationAddress, ...values } = form.getFieldsValue(true) as EditorValues;
      const destination =
        destinationKind || destinationAddress?.trim()
          ? { destination: { kind: destinationKind as DestinationKind, address: destinationAddress ?? '' } }
          : {};
      const result = await updateItem(db, who, item.id, { ...values, ...destination } as ItemInput, photos);
      if (result.ok) return result;
      // Destination messages belong to the two fields the form shows for it.
      const errors = Object.fromEntries(
        Object.entries(result.errors).map(([k, v]) => [k.replace('destination.kind', 'destinationKind').replace('destination.address', 'destinationAddress'), v]),
      );
      return { ok: false, errors };
    },
    '已保存更正，已记入执行日志',
    onClose,
  );

  const withdraw = async () => {
    const result = await withdrawItem(db, who, item.id, reason);
    if (!result.ok) {
      message.error(result.errors.reason ?? '无法撤销登记');
      return;
    }
    message.success(`已撤销 ${item.tag} 的登记，记录保留`);
    onClose();
  };

  return (
    <Modal
      open
      title={`物品 ${item.tag} ${item.name}`}
      width={720}
      onCancel={onClose}
      destroyOnHidden
      footer={
        <Space style={{ width: '100%', justifyContent: 'space-between' }}>
          <Space.Compact>
            <Input
              aria-label="撤销原因"
              style={{ width: 260 }}
              placeholder="撤销原因（必填），如 重复登记"
              value={reason}
              onChange={(e) => setReason(e.target.value)}
            />
            <Button danger onClick={() => void withdraw()}>
              撤销登记
            </Button>
          </Space.Compact>
          <Space>
            <Button onClick={onClose}>取消</Button>
            <Button type="primary" loading={saving} onClick={submit}>
              保存更正
            </Button>
          </Space>
        </Space>
      }
    >
      <Form<EditorValues>
        form={form}
        layout="vertical"
        size="small"
        initialValues={{
          roomId: item.roomId,
          tag: item.tag,
          name: item.name,
          quantity: item.quantity,
          unit: item.unit,
          condition: item.condition,
          note: item.note,
          valuable: item.valuable ?? false,
          destinationKind: item.destination?.kind,
          destinationAddress: item.destination?.address ?? '',
        }}
      >
        <Row gutter={8}>
          <Col span={6}>
            <Form.Item name="tag" label="标签号">
              <Input />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name="roomId" label="房间">
              <Select options={rooms.map((r) => ({ value: r.id, label: r.name }))} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="name" label="物品名称">
              <Input />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={8}>
          <Col span={6}>
            <Form.Item name="quantity" label="数量">
              <InputNumber min={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name="unit" label="单位">
              <AutoComplete options={unitOptions} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="condition" label="状况">
              <AutoComplete options={conditionOptions} />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={8}>
          <Col span={6}>
            <Form.Item name="destinationKind" label="去向">
              <Select allowClear options={destinationKinds.map((k) => ({ value: k, label: destinationKindLabels[k] }))} />
            </Form.Item>
          </Col>
          <Col span={18}>
            <Form.Item name="destinationAddress" label="去向地址">
              <Input />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="note" label="备注">
          <Input.TextArea autoSize={{ minRows: 1, maxRows: 3 }} />
        </Form.Item>
        <Form.Item name="valuable" valuePropName="checked">
          <Checkbox>贵重物品（现金、金银首饰、有价证券、权属证书等，清单中单独列明、单独封存）</Checkbox>
        </Form.Item>
        <PhotoField photos={photos} onChange={setPhotos} maxBytes={MAX_PHOTO_BYTES} />
      </Form>
    </Modal>
  );
}
