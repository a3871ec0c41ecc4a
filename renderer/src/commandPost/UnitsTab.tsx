// DOM. 成员单位与人员: the units taking part and their people, who are then picked as
// commander, group leaders and members. Staff phones are shown in full: this is the
// contact list for the day.
import { useState } from 'react';
import { App, Button, Card, Col, Form, Input, Row, Select, Space, Table, Tag, Typography } from 'antd';
import { ImportOutlined, PlusOutlined, UserAddOutlined } from '@ant-design/icons';
import { personDeletionBlocker, personRoles, unitDeletionBlocker, type PersonRole } from '../../../shared/commandPost/rules';
import type { MemberUnit, Person } from '../../../shared/commandPost/types';
import type { MemberUnitInput, PersonInput } from '../../../shared/commandPost/validation';
import { db } from '../data/db';
import type { OperationSummary } from '../operation/repository';
import { errorText } from '../ui/errors';
import { FormModal } from './FormModal';
import { deleteMemberUnit, deletePerson, saveMemberUnit, savePerson, type CommandPostData } from './repository';
import { useActor } from '../operators/session';
import { RosterImportDialog } from './roster/RosterImportDialog';
import { Masked } from '../ui/Masked';

/** Seed 004 §一(三): everyone assigned must be trained; the plan review refuses anyone without it. */
const TRAINING_HINT = '未经培训的人员不得从事征收工作（吉建征〔2022〕4号），预案审查将拦截无培训记录的在岗人员';

const roleColors: Record<PersonRole['kind'], string> = { commander: 'red', deputy: 'volcano', leader: 'blue', member: 'default' };

function UnitModal({ operationId, unit, onClose }: { operationId: string; unit?: MemberUnit; onClose: () => void }) {
  const { message } = App.useApp();
  const actor = useActor(operationId);
  return (
    <FormModal<MemberUnitInput>
      title={unit ? `编辑成员单位：${unit.name}` : '添加成员单位'}
      initialValues={unit ? { name: unit.name, role: unit.role } : { name: '', role: '' }}
      onSave={(values) => saveMemberUnit(db, operationId, values, unit?.id, actor)}
      onSaved={() => message.success(unit ? '成员单位已保存' : '已添加成员单位')}
      onClose={onClose}
    >
      <Form.Item name="name" label="单位名称" required>
        <Input placeholder="如：公安临江分局" />
      </Form.Item>
      <Form.Item name="role" label="本次职责" style={{ marginBottom: 0 }}>
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} placeholder="如：现场警戒和秩序维护" />
      </Form.Item>
    </FormModal>
  );
}

function PersonModal({
  operationId,
  units,
  person,
  defaultUnitId,
  onClose,
}: {
  operationId: string;
  units: MemberUnit[];
  person?: Person;
  defaultUnitId?: string;
  onClose: () => void;
}) {
  const { message } = App.useApp();
  const actor = useActor(operationId);
  const initial: PersonInput = person
    ? {
        name: person.name,
        memberUnitId: person.memberUnitId,
        post: person.post,
        phone: person.phone,
        badgeNumber: person.badgeNumber,
        trainingCourse: person.training?.course ?? '',
        trainingDate: person.training?.date ?? '',
      }
    : { name: '', memberUnitId: defaultUnitId ?? '', post: '', phone: '', badgeNumber: '', trainingCourse: '', trainingDate: '' };
  return (
    <FormModal<PersonInput>
      title={person ? `编辑人员：${person.name}` : '添加人员'}
      initialValues={initial}
      onSave={(values) => savePerson(db, operationId, values, person?.id, actor)}
      onSaved={() => message.success(person ? '人员信息已保存' : '已添加人员')}
      onClose={onClose}
    >
      <Row gutter={12}>
        <Col span={10}>
          <Form.Item name="name" label="姓名" required>
            <Input />
          </Form.Item>
        </Col>
        <Col span={14}>
          <Form.Item name="memberUnitId" label="所属成员单位" required>
            <Select
              showSearch={{ optionFilterProp: 'label' }}
              placeholder="选择单位"
              options={units.map((u) => ({ value: u.id, label: u.name }))}
              notFoundContent="请先添加成员单位"
            />
          </Form.Item>
        </Col>
        <Col span={10}>
          <Form.Item name="post" label="职务">
            <Input placeholder="如：副局长" />
          </Form.Item>
        </Col>
        <Col span={14}>
          <Form.Item name="phone" label="联系电话">
            <Input placeholder="如：13907310125" />
          </Form.Item>
        </Col>
        <Col span={10}>
          <Form.Item name="badgeNumber" label="工作证号">
            <Input placeholder="现场佩戴的标识编号" />
          </Form.Item>
        </Col>
        <Col span={14} />
        <Col span={14}>
          <Form.Item name="trainingCourse" label="培训课程" style={{ marginBottom: 0 }} extra={TRAINING_HINT}>
            <Input placeholder="如：房屋征收强制执行政策法规培训" />
          </Form.Item>
        </Col>
        <Col span={10}>
          <Form.Item name="trainingDate" label="培训日期" style={{ marginBottom: 0 }}>
            <Input placeholder="如 2026-09-18" />
          </Form.Item>
        </Col>
      </Row>
    </FormModal>
  );
}

type Editing = { kind: 'unit'; unit?: MemberUnit } | { kind: 'person'; person?: Person } | { kind: 'import' } | null;

export function UnitsTab({ operation, data }: { operation: OperationSummary; data: CommandPostData }) {
  const { message, modal } = App.useApp();
  const [editing, setEditing] = useState<Editing>(null);
  const actor = useActor(operation.id);
  const [unitFilter, setUnitFilter] = useState<string | undefined>();
  const [search, setSearch] = useState('');
  const { memberUnits: units, people, workingGroups: groups } = data;
  const unitName = (id: string) => units.find((u) => u.id === id)?.name ?? '（单位已删除）';

  /** Deleting explains first why it cannot be done, instead of failing after a confirmation. */
  const confirmDelete = (what: string, blocker: string | null, remove: () => Promise<void>) => {
    if (blocker) {
      modal.warning({ title: `不能删除${what}`, content: blocker, okText: '知道了' });
      return;
    }
    modal.confirm({
      title: `删除${what}？`,
      okText: '删除',
      okButtonProps: { danger: true },
      cancelText: '取消',
      onOk: () =>
        remove().then(
          () => message.success('已删除'),
          (e: unknown) => message.error(errorText(e)),
        ),
    });
  };

  const q = search.trim();
  const shownPeople = people
    .filter((p) => !unitFilter || p.memberUnitId === unitFilter)
    .filter((p) => !q || [p.name, p.post, p.phone, p.badgeNumber].some((f) => f.includes(q)));

  return (
    <>
      <Card
        size="small"
        title={`成员单位（${units.length} 个）`}
        style={{ marginBottom: 12 }}
        extra={
          <Space>
            <Button icon={<ImportOutlined />} onClick={() => setEditing({ kind: 'import' })}>
              导入名单
            </Button>
            <Button icon={<PlusOutlined />} onClick={() => setEditing({ kind: 'unit' })}>
              添加成员单位
            </Button>
          </Space>
        }
      >
        <Table<MemberUnit>
          rowKey="id"
          size="small"
          bordered
          pagination={false}
          dataSource={units}
          locale={{ emptyText: '尚未登记成员单位。可逐个添加，或用“导入名单”从各单位报送的表格导入。' }}
          columns={[
            { title: '单位名称', dataIndex: 'name', width: 240 },
            { title: '本次职责', dataIndex: 'role', render: (v: string) => v || '—' },
            {
              title: '人数',
              key: 'count',
              width: 70,
              align: 'right',
              render: (_, u) => people.filter((p) => p.memberUnitId === u.id).length,
            },
            {
              title: '操作',
              key: 'actions',
              width: 170,
              render: (_, u) => (
                <Space size={0}>
                  <Button size="small" type="link" onClick={() => setEditing({ kind: 'unit', unit: u })}>
                    编辑
                  </Button>
                  <Button
                    size="small"
                    type="link"
                    onClick={() => {
                      setUnitFilter(u.id);
                      setEditing({ kind: 'person' });
                    }}
                  >
                    添加人员
                  </Button>
                  <Button
                    size="small"
                    type="link"
                    danger
                    onClick={() => confirmDelete(`成员单位“${u.name}”`, unitDeletionBlocker(u, people), () => deleteMemberUnit(db, operation.id, u.id, actor))}
                  >
                    删除
                  </Button>
                </Space>
              ),
            },
          ]}
        />
      </Card>
      <Card
        size="small"
        title={`人员（${people.length} 人）`}
        extra={
          <Space>
            <Select
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              placeholder="按单位筛选"
              aria-label="按单位筛选"
              style={{ width: 220 }}
              value={unitFilter}
              onChange={setUnitFilter}
              options={units.map((u) => ({ value: u.id, label: u.name }))}
            />
            <Input.Search
              allowClear
              placeholder="姓名、职务、电话、证号"
              aria-label="查找人员"
              style={{ width: 200 }}
              value={search}
              onChange={(e) => setSearch(e.target.value)}
            />
            <Button type="primary" icon={<UserAddOutlined />} onClick={() => setEditing({ kind: 'person' })}>
              添加人员
            </Button>
          </Space>
        }
      >
        <Table<Person>
          rowKey="id"
          size="small"
          bordered
          pagination={false}
          dataSource={shownPeople}
          locale={{ emptyText: people.length === 0 ? '尚未登记人员。请先添加成员单位，再添加其人员。' : '没有符合条件的人员' }}
          columns={[
            { title: '姓名', dataIndex: 'name', width: 90 },
            { title: '所属单位', key: 'unit', width: 200, render: (_, p) => unitName(p.memberUnitId) },
            { title: '职务', dataIndex: 'post', width: 190, render: (v: string) => v || '—' },
            { title: '联系电话', key: 'phone', width: 150, render: (_, p) => <Masked operationId={operation.id} value={p.phone} kind="phone" whose={p.name} /> },
            { title: '工作证号', dataIndex: 'badgeNumber', width: 90, render: (v: string) => v || '—' },
            {
              title: '培训',
              key: 'training',
              width: 170,
              render: (_, p) =>
                p.training ? (
                  <span title={p.training.course}>
                    {p.training.date} <Typography.Text type="secondary">{p.training.course.length > 8 ? `${p.training.course.slice(0, 8)}…` : p.training.course}</Typography.Text>
                  </span>
                ) : (
                  <Tag color={personRoles(p.id, groups, operation).length ? 'red' : 'default'}>无培训记录</Tag>
                ),
            },
            {
              title: '指挥部分工',
              key: 'roles',
              render: (_, p) => {
                const roles = personRoles(p.id, groups, operation);
                return roles.length === 0 ? (
                  <Typography.Text type="secondary">未分工</Typography.Text>
                ) : (
                  roles.map((r) => (
                    <Tag key={r.label} color={roleColors[r.kind]}>
                      {r.label}
                    </Tag>
                  ))
                );
              },
            },
            {
              title: '操作',
              key: 'actions',
              width: 100,
              render: (_, p) => (
                <Space size={0}>
                  <Button size="small" type="link" onClick={() => setEditing({ kind: 'person', person: p })}>
                    编辑
                  </Button>
                  <Button
                    size="small"
                    type="link"
                    danger
                    onClick={() =>
                      confirmDelete(`人员“${p.name}”`, personDeletionBlocker(p, groups, operation), () => deletePerson(db, operation.id, p.id, actor))
                    }
                  >
                    删除
                  </Button>
                </Space>
              ),
            },
          ]}
        />
      </Card>
      {editing?.kind === 'unit' && <UnitModal operationId={operation.id} unit={editing.unit} onClose={() => setEditing(null)} />}
      {editing?.kind === 'person' && (
        <PersonModal
          operationId={operation.id}
          units={units}
          person={editing.person}
          defaultUnitId={unitFilter}
          onClose={() => setEditing(null)}
        />
      )}
      <RosterImportDialog operationId={operation.id} open={editing?.kind === 'import'} onClose={() => setEditing(null)} />
    </>
  );
}
