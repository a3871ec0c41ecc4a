// DOM. 记录张贴: where, when and by whom the 公告 was posted, with photos.
import { useState } from 'react';
import { Col, DatePicker, Form, Input, Modal, Row, Select } from 'antd';
import type { DocumentRecord, PostingInput, PostingPhoto } from '../../../shared/documents/records';
import { db } from '../data/db';
import { PhotoField } from '../ui/PhotoField';
import { chinaInstantField } from '../ui/dateFields';
import { useRecordForm } from '../ui/useRecordForm';
import { useActor } from '../operators/session';
import { recordPosting } from './repository';

const MAX_PHOTO_BYTES = 20 * 1024 * 1024;

export function PostingForm({ document, place, onClose }: { document: DocumentRecord; place: string; onClose: () => void }) {
  const [form] = Form.useForm<PostingInput>();
  const actor = useActor(document.operationId);
  const [photos, setPhotos] = useState<PostingPhoto[]>([]);


  const { saving, submit: save } = useRecordForm(
    form,
    () => recordPosting(db, document.id, form.getFieldsValue(true), photos, actor),
    '已记录张贴',
    onClose,
  );

  return (
    <Modal open title={`记录张贴：${document.number ?? ''}`} width={680} onCancel={onClose} onOk={save} okText="保存张贴记录" cancelText="取消" okButtonProps={{ loading: saving }} destroyOnHidden>
      <Form<PostingInput> form={form} layout="vertical" initialValues={{ place, postedAt: '', postedBy: [], note: '' }}>
        <Row gutter={12}>
          <Col span={14}>
            <Form.Item name="place" label="张贴地点">
              <Input />
            </Form.Item>
          </Col>
          <Col span={10}>
            <Form.Item name="postedAt" label="张贴时间" {...chinaInstantField}>
              <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="postedBy" label="张贴人（回车分隔）">
          <Select mode="tags" open={false} aria-label="张贴人" />
        </Form.Item>
        <PhotoField photos={photos} onChange={setPhotos} maxBytes={MAX_PHOTO_BYTES} />
        <Form.Item name="note" label="备注">
          <Input.TextArea autoSize={{ minRows: 1, maxRows: 3 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
