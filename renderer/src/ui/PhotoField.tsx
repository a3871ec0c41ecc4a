// DOM. The 照片 field of a record form (posting photos, inventory item photos): photos are
// chosen through the host, each read whole up to a limit and accepted only if it really is a
// JPEG or PNG, whatever its name says; a refusal is explained and the others are kept.
import type { Dispatch, SetStateAction } from 'react';
import { App, Button, Form, Space, Tag } from 'antd';
import { PictureOutlined } from '@ant-design/icons';
import { imageMimeType, type ImageMimeType } from '../../../shared/media/imageType';
import { host } from '../host';
import { readWholeFile } from '../host/fileStream';
import { errorText } from './errors';

export interface PickedPhoto {
  name: string;
  mimeType: ImageMimeType;
  bytes: Uint8Array;
}

async function pickPhotos(maxBytes: number): Promise<PickedPhoto[]> {
  const { files } = await host.openFiles({ multiple: true, filters: [{ name: '照片', extensions: ['jpg', 'jpeg', 'png'] }] });
  const picked: PickedPhoto[] = [];
  for (const file of files) {
    const bytes = await readWholeFile(host, file, maxBytes);
    const mimeType = imageMimeType(bytes);
    if (!mimeType) throw new Error(`“${file.name}”不是 JPEG 或 PNG 照片`);
    picked.push({ name: file.name, mimeType, bytes });
  }
  return picked;
}

export function PhotoField({
  photos,
  onChange,
  maxBytes,
}: {
  photos: PickedPhoto[];
  onChange: Dispatch<SetStateAction<PickedPhoto[]>>;
  maxBytes: number;
}) {
  const { message } = App.useApp();
  const add = async () => {
    try {
      const added = await pickPhotos(maxBytes);
      onChange((all) => [...all, ...added]);
    } catch (e) {
      message.error(errorText(e));
    }
  };
  return (
    <Form.Item label="照片">
      <Space wrap>
        <Button icon={<PictureOutlined />} onClick={add}>
          添加照片
        </Button>
        {photos.map((p, i) => (
          <Tag key={`${p.name}-${i}`} closable onClose={() => onChange((all) => all.filter((_, j) => j !== i))}>
            {p.name}
          </Tag>
        ))}
      </Space>
    </Form.Item>
  );
}
