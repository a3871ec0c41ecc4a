// DOM. 现场部署示意图: a site plan or photo with markers for the points and each group. Each
// change (picture, marker placed or removed) is one logged act on the draft as stored.
import { useEffect, useMemo, useState } from 'react';
import { Alert, App, Button, Empty, Input, Select, Space, Table, Tooltip, Typography } from 'antd';
import { DeleteOutlined, PictureOutlined } from '@ant-design/icons';
import type { WorkingGroup } from '../../../shared/commandPost/types';
import { markerKindLabels } from '../../../shared/documents/plan/printData';
import { imageMimeType } from '../../../shared/media/imageType';
import type { SketchEdit } from '../../../shared/plan/acts';
import type { Plan, SketchMarker, SketchMarkerKind } from '../../../shared/plan/types';
import { db } from '../data/db';
import { host } from '../host';
import { readWholeFile } from '../host/fileStream';
import { useRefusal } from '../operators/useRefusal';
import { errorText } from '../ui/errors';
import { editSketch, preparingPlan } from './repository';

const markerColours: Record<SketchMarkerKind, string> = {
  assembly: '#1677ff',
  dispersal: '#389e0d',
  cordon: '#cf1322',
  property: '#531dab',
  group: '#d46b08',
  other: '#595959',
};
const MAX_IMAGE_BYTES = 20 * 1024 * 1024;


function imageSize(url: string): Promise<{ width: number; height: number }> {
  return new Promise((resolve, reject) => {
    const img = new Image();
    img.onload = () => resolve({ width: img.naturalWidth, height: img.naturalHeight });
    img.onerror = () => reject(new Error('图片已损坏或格式不受支持'));
    img.src = url;
  });
}

export function SketchEditor({ draft, groups }: { draft: Plan; groups: WorkingGroup[] }) {
  const { message } = App.useApp();
  const sketch = draft.content.sketch;
  const [kind, setKind] = useState<SketchMarkerKind>('assembly');
  const [groupId, setGroupId] = useState<string | undefined>(groups[0]?.id);
  const [label, setLabel] = useState('');
  const [busy, setBusy] = useState(false);
  const url = useMemo(
    () => (sketch ? URL.createObjectURL(new Blob([sketch.image as Uint8Array<ArrayBuffer>], { type: sketch.mimeType })) : null),
    [sketch?.image, sketch?.mimeType],
  );
  useEffect(() => () => (url ? URL.revokeObjectURL(url) : undefined), [url]);
  const groupName = new Map(groups.map((g) => [g.id, g.name]));

  const { actor, refusal } = useRefusal(draft.operationId);
  const cannot = refusal(preparingPlan);
  const store = (edit: SketchEdit) =>
    editSketch(db, draft.operationId, edit, actor).catch((e: unknown) => {
      message.error(`未能保存示意图：${errorText(e)}`);
    });

  const importImage = async () => {
    setBusy(true);
    try {
      const { files } = await host.openFiles({ filters: [{ name: '图片', extensions: ['png', 'jpg', 'jpeg'] }] });
      const file = files[0];
      if (!file) return;
      const bytes = await readWholeFile(host, file, MAX_IMAGE_BYTES);
      const mimeType = imageMimeType(bytes);
      if (!mimeType) throw new Error(`“${file.name}”不是 PNG 或 JPEG 图片`);
      const probe = URL.createObjectURL(new Blob([bytes as Uint8Array<ArrayBuffer>], { type: mimeType }));
      try {
        const size = await imageSize(probe);
        await editSketch(db, draft.operationId, { kind: 'image', image: bytes, mimeType, ...size }, actor);
      } finally {
        URL.revokeObjectURL(probe);
      }
      message.success('已导入示意图，点击图片放置标注');
    } catch (e) {
      message.error(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  const place = (event: React.MouseEvent<HTMLDivElement>) => {
    if (!sketch) return;
    if (cannot) {
      message.warning(cannot);
      return;
    }
    const rect = event.currentTarget.getBoundingClientRect();
    const x = (event.clientX - rect.left) / rect.width;
    const y = (event.clientY - rect.top) / rect.height;
    if (kind === 'group' && !groupId) {
      message.warning('请先选择小组');
      return;
    }
    const marker: SketchMarker = {
      id: crypto.randomUUID(),
      kind,
      label: label.trim() || (kind === 'group' && groupId ? (groupName.get(groupId) ?? '') : markerKindLabels[kind]),
      ...(kind === 'group' && groupId ? { groupId } : {}),
      x: Math.min(1, Math.max(0, x)),
      y: Math.min(1, Math.max(0, y)),
    };
    void store({ kind: 'addMarker', marker });
    setLabel('');
  };

  const removeMarker = (markerId: string) => void store({ kind: 'removeMarker', markerId });

  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Space wrap>
        <Tooltip title={cannot}>
          <Button icon={<PictureOutlined />} loading={busy} disabled={!!cannot} onClick={importImage}>
            {sketch ? '更换平面图或照片' : '导入平面图或照片'}
          </Button>
        </Tooltip>
        <Typography.Text type="secondary">放置：</Typography.Text>
        <Select<SketchMarkerKind>
          value={kind}
          onChange={setKind}
          style={{ width: 130 }}
          aria-label="标注类型"
          options={Object.entries(markerKindLabels).map(([value, text]) => ({ value: value as SketchMarkerKind, label: text }))}
        />
        {kind === 'group' && (
          <Select
            value={groupId}
            onChange={setGroupId}
            style={{ width: 200 }}
            aria-label="小组"
            options={groups.map((g) => ({ value: g.id, label: g.name }))}
          />
        )}
        <Input value={label} onChange={(e) => setLabel(e.target.value)} placeholder="标注文字（可选）" style={{ width: 200 }} />
        {sketch && <Typography.Text type="secondary">然后点击图片上的位置</Typography.Text>}
      </Space>
      {!sketch || !url ? (
        <Empty description="尚未导入示意图。可导入现场平面图、卫星图或照片（PNG、JPEG，20 MB 以内），再标出集合地点、疏导地点和各小组位置。" />
      ) : (
        <div style={{ display: 'flex', gap: 16, alignItems: 'flex-start' }}>
          <div
            role="img"
            aria-label="部署示意图"
            onClick={place}
            style={{ position: 'relative', width: 'min(760px, 60vw)', cursor: 'crosshair', border: '1px solid #d9d9d9' }}
          >
            <img src={url} alt="" style={{ width: '100%', display: 'block', userSelect: 'none' }} draggable={false} />
            {sketch.markers.map((m, i) => (
              <span
                key={m.id}
                title={m.label}
                style={{
                  position: 'absolute',
                  left: `${m.x * 100}%`,
                  top: `${m.y * 100}%`,
                  transform: 'translate(-50%, -50%)',
                  background: markerColours[m.kind],
                  color: '#fff',
                  borderRadius: 12,
                  minWidth: 22,
                  height: 22,
                  lineHeight: '22px',
                  textAlign: 'center',
                  fontSize: 12,
                  fontWeight: 600,
                  border: '2px solid #fff',
                  boxShadow: '0 0 2px rgba(0,0,0,.6)',
                }}
              >
                {i + 1}
              </span>
            ))}
          </div>
          <Table<SketchMarker>
            size="small"
            rowKey="id"
            style={{ flex: 1 }}
            pagination={false}
            dataSource={sketch.markers}
            locale={{ emptyText: '尚无标注' }}
            columns={[
              { title: '号', key: 'n', width: 40, render: (_, __, i) => i + 1 },
              { title: '类型', key: 'kind', width: 90, render: (_, m) => markerKindLabels[m.kind] },
              { title: '标注', dataIndex: 'label' },
              {
                title: '',
                key: 'del',
                width: 40,
                render: (_, m) => (
                  <Button size="small" type="text" aria-label={`删除标注 ${m.label}`} icon={<DeleteOutlined />} disabled={!!cannot} onClick={() => removeMarker(m.id)} />
                ),
              },
            ]}
          />
        </div>
      )}
      {sketch && sketch.markers.length === 0 && <Alert type="info" showIcon title="请至少标出集合地点和疏导地点" />}
    </Space>
  );
}
