// DOM. 物品清登: rooms, items, notary and witnesses, inventory lists per destination.
import { useEffect, useMemo, useState } from 'react';
import { Alert, App, Button, Card, Checkbox, Col, Empty, Input, List, Row, Select, Space, Table, Tag, Typography } from 'antd';
import { EditOutlined, FilePdfOutlined } from '@ant-design/icons';
import { useLiveQuery } from 'dexie-react-hooks';
import { chinaInstant } from '../../../shared/calendar/chinaTime';
import { inventoryListData, renderInventoryList } from '../../../shared/documents/inventoryList';
import { destinationText, formatQuantity, printProblems, suggestTag } from '../../../shared/inventory/inventory';
import {
  destinationKindLabels,
  destinationKinds,
  type InventoryDestination,
  type InventoryItemRecord,
  type InventoryRoomRecord,
} from '../../../shared/inventory/types';
import type { Operation } from '../../../shared/operation/types';
import { db } from '../data/db';
import { documentFonts } from '../documents/fonts';
import { PdfDocumentModal } from '../documents/PdfDocumentModal';
import { errorText } from '../ui/errors';
import { AttendanceCard } from './AttendanceCard';
import { ItemEditor } from './ItemEditor';
import { ItemEntry } from './ItemEntry';
import { addRoom, inventoryRecords, renameRoom, setDestination } from './repository';
import { useActor } from '../operators/session';
import { useRefusal } from '../operators/useRefusal';

/** The plan's housing (周转房 or 安置房) is where belongings go unless said otherwise. */
async function plannedDestination(operationId: string): Promise<InventoryDestination | undefined> {
  const plans = await db.plans.where('operationId').equals(operationId).toArray();
  const plan = plans.filter((p) => p.status === 'final').sort((a, b) => b.version - a.version)[0] ?? plans.find((p) => p.version === 0);
  if (!plan) return undefined;
  const kind = plan.content.housingKind === 'resettlement' ? 'resettlementHousing' : 'interimHousing';
  return { kind, address: plan.content.housingAddress };
}

function RoomList({
  operationId,
  rooms,
  items,
  selected,
  onSelect,
}: {
  operationId: string;
  rooms: InventoryRoomRecord[];
  items: InventoryItemRecord[];
  selected: string | undefined;
  onSelect: (id: string) => void;
}) {
  const { message } = App.useApp();
  const [name, setName] = useState('');
  const [renaming, setRenaming] = useState<{ id: string; name: string } | null>(null);
  const who = useActor(operationId);
  const count = (roomId: string) => items.filter((i) => i.roomId === roomId && i.status === 'listed').length;

  const add = async () => {
    const submitted = name;
    try {
      const result = await addRoom(db, who, operationId, { name: submitted });
      if (!result.ok) return void message.error(Object.values(result.errors)[0]);
      // Keep what was typed meanwhile.
      setName((n) => (n === submitted ? '' : n));
      onSelect(result.id);
    } catch (e) {
      message.error(errorText(e));
    }
  };
  const rename = async () => {
    if (!renaming) return;
    try {
      const result = await renameRoom(db, who, renaming.id, { name: renaming.name });
      if (!result.ok) return void message.error(Object.values(result.errors)[0]);
      setRenaming(null);
    } catch (e) {
      message.error(errorText(e));
    }
  };

  return (
    <Card size="small" title="房间">
      <List
        size="small"
        dataSource={rooms}
        locale={{ emptyText: '尚无房间，请先添加' }}
        renderItem={(room) => (
          <List.Item
            onClick={() => onSelect(room.id)}
            style={{ cursor: 'pointer', background: room.id === selected ? '#e6f4ff' : undefined, paddingInline: 8 }}
            actions={[
              <Button
                key="rename"
                type="text"
                size="small"
                aria-label={`房间改名：${room.name}`}
                icon={<EditOutlined />}
                onClick={(e) => {
                  e.stopPropagation();
                  setRenaming({ id: room.id, name: room.name });
                }}
              />,
            ]}
          >
            {renaming?.id === room.id ? (
              <Input
                size="small"
                autoFocus
                aria-label="房间新名称"
                value={renaming.name}
                onChange={(e) => setRenaming({ id: room.id, name: e.target.value })}
                onPressEnter={() => void rename()}
                onKeyDown={(e) => e.key === 'Escape' && setRenaming(null)}
                onClick={(e) => e.stopPropagation()}
              />
            ) : (
              <span>
                {room.position + 1}. {room.name} <Tag>{count(room.id)} 项</Tag>
              </span>
            )}
          </List.Item>
        )}
      />
      <Space.Compact size="small" style={{ width: '100%', marginTop: 8 }}>
        <Input aria-label="新房间名称" placeholder="如 客厅、主卧" value={name} onChange={(e) => setName(e.target.value)} onPressEnter={() => void add()} />
        <Button onClick={() => void add()}>添加房间</Button>
      </Space.Compact>
    </Card>
  );
}

export function InventoryPanel({ operation }: { operation: Operation }) {
  const operationId = operation.id;
  const { message } = App.useApp();
  // Every change is made as the signed-in person; the evidence group and the command may.
  const { actor: who, refusal } = useRefusal(operationId);
  const cannot = refusal({ kind: 'registerInventory' });
  const rooms = useLiveQuery(() => db.inventoryRooms.where('operationId').equals(operationId).sortBy('position'), [operationId]);
  const items = useLiveQuery(() => db.inventoryItems.where('operationId').equals(operationId).toArray(), [operationId]);
  const attendance = useLiveQuery(() => db.inventoryAttendance.get(operationId), [operationId]);
  const planned = useLiveQuery(() => plannedDestination(operationId), [operationId]);

  const [roomId, setRoomId] = useState<string>();
  const [selectedIds, setSelectedIds] = useState<string[]>([]);
  const [showWithdrawn, setShowWithdrawn] = useState(false);
  const [editing, setEditing] = useState<InventoryItemRecord | null>(null);
  const [destination, setDestinationChoice] = useState<InventoryDestination>({ kind: 'interimHousing', address: '' });
  const [printing, setPrinting] = useState(false);
  // Shown once printing was tried, and kept up to date as the missing parts are filled in.
  const [triedPrint, setTriedPrint] = useState(false);

  useEffect(() => {
    if (planned) setDestinationChoice((d) => (d.address ? d : planned));
  }, [planned]);
  useEffect(() => {
    if (!roomId && rooms?.[0]) setRoomId(rooms[0].id);
  }, [rooms, roomId]);

  const room = rooms?.find((r) => r.id === roomId);
  const allItems = useMemo(() => items ?? [], [items]);
  const shown = useMemo(
    () =>
      allItems
        .filter((i) => i.roomId === roomId && (showWithdrawn || i.status === 'listed'))
        .sort((a, b) => a.tag.localeCompare(b.tag, 'zh-CN', { numeric: true })),
    [allItems, roomId, showWithdrawn],
  );
  const listed = allItems.filter((i) => i.status === 'listed');
  const nextTag = room ? suggestTag(room.position, allItems.map((i) => i.tag)) : '';

  const applyDestination = async () => {
    try {
      const result = await setDestination(db, who, operationId, selectedIds, destination);
      if (!result.ok) return void message.error(Object.values(result.errors)[0]);
      message.success(`已将 ${selectedIds.length} 项物品的去向设为${destinationText(destination)}`);
      setSelectedIds([]);
    } catch (e) {
      message.error(errorText(e));
    }
  };

  const problems = triedPrint ? printProblems(attendance, allItems) : [];
  const print = () => {
    setTriedPrint(true);
    if (printProblems(attendance, allItems).length > 0) {
      message.error('暂不能打印物品清单，请先补齐下列内容');
      return;
    }
    setPrinting(true);
  };

  if (!rooms || !items) return null;
  return (
    <Space orientation="vertical" size="small" style={{ width: '100%' }}>
      {cannot && <Alert type="warning" showIcon data-testid="inventory-refusal" title={`${cannot}；此处的登记和修改都会被拒绝。`} />}
      <AttendanceCard operationId={operationId} record={attendance} />
      <Card size="small">
        <Space wrap>
          <span>去向：</span>
          <Select
            size="small"
            aria-label="去向类别"
            style={{ width: 130 }}
            value={destination.kind}
            onChange={(kind) => setDestinationChoice((d) => ({ ...d, kind }))}
            options={destinationKinds.map((k) => ({ value: k, label: destinationKindLabels[k] }))}
          />
          <Input
            size="small"
            aria-label="去向地址"
            style={{ width: 300 }}
            placeholder="周转房或安置房地址"
            value={destination.address}
            onChange={(e) => setDestinationChoice((d) => ({ ...d, address: e.target.value }))}
          />
          <Button size="small" disabled={selectedIds.length === 0} onClick={() => void applyDestination()}>
            将所选 {selectedIds.length} 项设为此去向
          </Button>
          <Typography.Text type="secondary">新添加的物品默认运往此去向</Typography.Text>
          <Button size="small" type="primary" icon={<FilePdfOutlined />} onClick={print}>
            打印物品清单
          </Button>
          <Tag>已登记 {listed.length} 项</Tag>
        </Space>
        {problems.length > 0 ? (
          <Alert
            style={{ marginTop: 8 }}
            type="warning"
            showIcon
            closable
            onClose={() => setTriedPrint(false)}
            title="暂不能打印物品清单"
            description={
              <ul style={{ margin: 0, paddingLeft: 18 }} data-testid="print-problems">
                {problems.map((p) => (
                  <li key={p}>{p}</li>
                ))}
              </ul>
            }
          />
        ) : null}
      </Card>
      <Row gutter={8}>
        <Col span={5}>
          <RoomList operationId={operationId} rooms={rooms} items={allItems} selected={roomId} onSelect={setRoomId} />
        </Col>
        <Col span={19}>
          <Card
            size="small"
            title={room ? `${room.name}的物品` : '物品'}
            extra={
              <Checkbox checked={showWithdrawn} onChange={(e) => setShowWithdrawn(e.target.checked)}>
                显示已撤销的登记
              </Checkbox>
            }
          >
            {room ? (
              <Space orientation="vertical" size="small" style={{ width: '100%' }}>
                <ItemEntry operationId={operationId} roomId={room.id} suggestedTag={nextTag} destination={destination} />
                <Table<InventoryItemRecord>
                  size="small"
                  rowKey="id"
                  pagination={false}
                  dataSource={shown}
                  rowSelection={{
                    selectedRowKeys: selectedIds,
                    onChange: (keys) => setSelectedIds(keys.map(String)),
                    getCheckboxProps: (i) => ({ disabled: i.status === 'withdrawn', 'aria-label': `选择 ${i.tag}` }),
                  }}
                  columns={[
                    { title: '标签号', dataIndex: 'tag', width: 80 },
                    {
                      title: '物品名称',
                      dataIndex: 'name',
                      minWidth: 110,
                      render: (name: string, i) =>
                        i.status === 'withdrawn' ? (
                          <span>
                            <Typography.Text delete>{name}</Typography.Text> <Tag color="red">已撤销：{i.withdrawnReason}</Tag>
                          </span>
                        ) : i.valuable ? (
                          <span>
                            {name} <Tag color="gold">贵重物品</Tag>
                          </span>
                        ) : (
                          name
                        ),
                    },
                    { title: '数量', dataIndex: 'quantity', width: 60, align: 'right', render: (q: number) => formatQuantity(q) },
                    { title: '单位', dataIndex: 'unit', width: 50 },
                    { title: '状况', dataIndex: 'condition', width: 90 },
                    {
                      title: '去向',
                      key: 'destination',
                      width: 290,
                      render: (_, i) => (i.destination ? destinationText(i.destination) : <Tag color="orange">未定</Tag>),
                    },
                    { title: '照片', key: 'photos', width: 50, render: (_, i) => (i.photos.length ? `${i.photos.length} 张` : '') },
                    { title: '备注', dataIndex: 'note', minWidth: 70 },
                    {
                      title: '',
                      key: 'edit',
                      width: 60,
                      render: (_, i) =>
                        i.status === 'listed' ? (
                          <Button size="small" type="link" onClick={() => setEditing(i)}>
                            更正
                          </Button>
                        ) : null,
                    },
                  ]}
                />
              </Space>
            ) : (
              <Empty description="请先在左侧添加房间" />
            )}
          </Card>
        </Col>
      </Row>
      {editing ? <ItemEditor item={editing} rooms={rooms} onClose={() => setEditing(null)} /> : null}
      <PdfDocumentModal
        open={printing}
        onClose={() => setPrinting(false)}
        title="物品清单"
        fileName={`物品清单-${operation.propertyAddress}`}
        render={async () => {
          const result = inventoryListData(await inventoryRecords(db, operationId), chinaInstant(new Date()));
          if (!result.ok) throw new Error(result.problems.join('；'));
          return renderInventoryList(result.data, documentFonts);
        }}
      />
    </Space>
  );
}
