// DOM. 工作小组: the nine standard groups (and any the commander adds) with duties,
// leader, members and how to reach them. A group without a leader holds up the plan.
import { useState } from 'react';
import { Alert, App, Button, Form, Input, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { groupDeletionBlocker, groupsWithoutLeader } from '../../../shared/commandPost/rules';
import { standardGroupCodes, type MemberUnit, type Person, type WorkingGroup } from '../../../shared/commandPost/types';
import type { WorkingGroupInput } from '../../../shared/commandPost/validation';
import { db } from '../data/db';
import type { OperationSummary } from '../operation/repository';
import { errorText } from '../ui/errors';
import { FormModal } from './FormModal';
import { noPeopleText, personOptions } from './personOptions';
import { addStandardGroups, deleteWorkingGroup, saveWorkingGroup, type CommandPostData } from './repository';
import { useActor } from '../operators/session';

function MembersField({ people, units }: { people: Person[]; units: MemberUnit[] }) {
  const leaderId = Form.useWatch<string | undefined>('leaderId');
  return (
    <Form.Item name="memberIds" label="组员">
      <Select
        mode="multiple"
        allowClear
        showSearch={{ optionFilterProp: 'label' }}
        placeholder="可多选"
        notFoundContent={noPeopleText}
        options={personOptions(
          people.filter((p) => p.id !== leaderId),
          units,
        )}
      />
    </Form.Item>
  );
}

function GroupModal({
  operationId,
  group,
  data,
  onClose,
}: {
  operationId: string;
  group?: WorkingGroup;
  data: CommandPostData;
  onClose: () => void;
}) {
  const { message } = App.useApp();
  const actor = useActor(operationId);
  const initial: WorkingGroupInput = group
    ? { name: group.name, duties: group.duties, leaderId: group.leaderId, memberIds: group.memberIds, channel: group.channel }
    : { name: '', duties: '', leaderId: undefined, memberIds: [], channel: '' };
  return (
    <FormModal<WorkingGroupInput>
      title={group ? `编辑工作小组：${group.name}` : '添加工作小组'}
      width={680}
      initialValues={initial}
      onSave={(values) => saveWorkingGroup(db, operationId, values, group?.id, actor)}
      onSaved={() => message.success(group ? '工作小组已保存' : '已添加工作小组')}
      onClose={onClose}
    >
      <Form.Item name="name" label="小组名称" required>
        <Input placeholder="如：后勤保障组" />
      </Form.Item>
      <Form.Item name="duties" label="职责">
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} />
      </Form.Item>
      <Form.Item name="leaderId" label="组长" extra="组长由成员单位负责同志担任；未指定组长的，预案不能定稿。">
        <Select
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          placeholder="选择组长"
          notFoundContent={noPeopleText}
          options={personOptions(data.people, data.memberUnits)}
        />
      </Form.Item>
      <MembersField people={data.people} units={data.memberUnits} />
      <Form.Item name="channel" label="联络方式" style={{ marginBottom: 0 }}>
        <Input placeholder="如：对讲机 3 频道，或联系电话" />
      </Form.Item>
    </FormModal>
  );
}

export function GroupsTab({ operation, data }: { operation: OperationSummary; data: CommandPostData }) {
  const { message, modal } = App.useApp();
  const [editing, setEditing] = useState<{ group?: WorkingGroup } | null>(null);
  const actor = useActor(operation.id);
  const { workingGroups: groups, people, memberUnits: units } = data;
  const person = (id: string) => people.find((p) => p.id === id);
  const unitName = (p: Person) => units.find((u) => u.id === p.memberUnitId)?.name ?? '';
  const leaderless = groupsWithoutLeader(groups);
  // Operations created before the standard groups came with them: added on request, as a logged act.
  const missing = standardGroupCodes.filter((code) => !groups.some((g) => g.code === code)).length;
  const addMissing = () =>
    addStandardGroups(db, operation.id, actor).then(
      (n) => message.success(`已补建 ${n} 个标准工作小组`),
      (e: unknown) => message.error(errorText(e)),
    );

  const confirmDelete = (g: WorkingGroup) =>
    modal.confirm({
      title: `删除工作小组“${g.name}”？`,
      okText: '删除',
      okButtonProps: { danger: true },
      cancelText: '取消',
      onOk: () =>
        deleteWorkingGroup(db, operation.id, g.id, actor).then(
          () => message.success('已删除'),
          (e: unknown) => message.error(errorText(e)),
        ),
    });

  return (
    <>
      {missing > 0 && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          title={`缺少 ${missing} 个规定的工作小组（本行动建于标准小组随行动创建之前）`}
          action={
            <Button size="small" onClick={addMissing}>
              补建标准工作小组
            </Button>
          }
        />
      )}
      <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 12 }} align="start">
        {leaderless.length > 0 ? (
          <Alert
            type="warning"
            showIcon
            title={`${leaderless.length} 个小组未指定组长：${leaderless.map((g) => g.name).join('、')}。组长全部指定后，预案方可定稿。`}
          />
        ) : (
          <Alert type="success" showIcon title={`${groups.length} 个工作小组均已指定组长。`} />
        )}
        <Button icon={<PlusOutlined />} onClick={() => setEditing({})}>
          添加工作小组
        </Button>
      </Space>
      <Table<WorkingGroup>
        rowKey="id"
        size="small"
        bordered
        pagination={false}
        dataSource={groups}
        rowClassName={(g) => (g.leaderId ? '' : 'cp-row-warning')}
        onRow={(g) => ({ onDoubleClick: () => setEditing({ group: g }) })}
        columns={[
          {
            title: '小组',
            key: 'name',
            width: 190,
            render: (_, g) => (
              <Space orientation="vertical" size={0}>
                <Typography.Text strong>{g.name}</Typography.Text>
                {g.code === 'custom' && <Tag>自定义</Tag>}
              </Space>
            ),
          },
          {
            title: '职责',
            dataIndex: 'duties',
            render: (v: string) => (
              <Typography.Paragraph ellipsis={{ rows: 2, tooltip: v }} style={{ marginBottom: 0 }}>
                {v || '—'}
              </Typography.Paragraph>
            ),
          },
          {
            title: '组长',
            key: 'leader',
            width: 190,
            render: (_, g) => {
              const leader = g.leaderId ? person(g.leaderId) : undefined;
              return leader ? (
                <Space orientation="vertical" size={0}>
                  <span>{leader.name}</span>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {unitName(leader)}
                  </Typography.Text>
                </Space>
              ) : (
                <Tag color="error">未指定组长</Tag>
              );
            },
          },
          {
            title: '组员',
            key: 'members',
            width: 200,
            render: (_, g) =>
              g.memberIds.length === 0 ? (
                <Typography.Text type="secondary">—</Typography.Text>
              ) : (
                `${g.memberIds.map((id) => person(id)?.name ?? '（已删除）').join('、')}（${g.memberIds.length} 人）`
              ),
          },
          { title: '联络方式', dataIndex: 'channel', width: 150, render: (v: string) => v || '—' },
          {
            title: '操作',
            key: 'actions',
            width: 100,
            render: (_, g) => (
              <Space size={0}>
                <Button size="small" type="link" onClick={() => setEditing({ group: g })}>
                  编辑
                </Button>
                <Tooltip title={groupDeletionBlocker(g)}>
                  <Button
                    size="small"
                    type="link"
                    danger
                    disabled={groupDeletionBlocker(g) !== null}
                    onClick={() => confirmDelete(g)}
                  >
                    删除
                  </Button>
                </Tooltip>
              </Space>
            ),
          },
        ]}
      />
      {editing && <GroupModal operationId={operation.id} group={editing.group} data={data} onClose={() => setEditing(null)} />}
    </>
  );
}
