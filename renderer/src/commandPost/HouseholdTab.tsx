// DOM. 被执行人及家庭: each subject with the preparatory meeting's assessment and the
// family living in the property. ID numbers and phones are masked everywhere except
// in the edit dialog.
import { useState } from 'react';
import {
  Alert,
  App,
  AutoComplete,
  Button,
  Card,
  Checkbox,
  Col,
  Descriptions,
  Empty,
  Form,
  Input,
  InputNumber,
  Radio,
  Row,
  Select,
  Space,
  Table,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import { DeleteOutlined, EditOutlined, PlusOutlined, UserAddOutlined } from '@ant-design/icons';
import { chinaDate } from '../../../shared/calendar/chinaTime';
import {
  missingAgeFlags,
  subjectRemovalBlocker,
  type HouseholdMemberInput,
  type SubjectEditInput,
} from '../../../shared/operation/household';
import {
  riskLevelLabels,
  vulnerabilities,
  vulnerabilityLabels,
  type HouseholdMember,
  type RiskLevel,
  type Subject,
  type Vulnerability,
} from '../../../shared/operation/types';
import { db } from '../data/db';
import type { OperationSummary } from '../operation/repository';
import { errorText } from '../ui/errors';
import { FormModal } from './FormModal';
import { Masked } from '../ui/Masked';
import { deleteHouseholdMember, removeSubject, saveHouseholdMember, saveSubject, type CommandPostData } from './repository';
import { useActor } from '../operators/session';

const riskColors: Record<RiskLevel, string> = { low: 'green', medium: 'orange', high: 'red' };
const vulnerabilityColors: Record<Vulnerability, string> = {
  elderly: 'orange',
  minor: 'blue',
  pregnant: 'magenta',
  disabled: 'purple',
  seriouslyIll: 'red',
};
const relations = ['配偶', '父亲', '母亲', '儿子', '女儿', '儿媳', '女婿', '孙子', '孙女', '外孙', '外孙女', '兄弟', '姐妹', '其他亲属', '租住人员'];

const currentYear = () => Number(chinaDate(new Date()).slice(0, 4));

function RiskTag({ subject }: { subject: Subject }) {
  const level = subject.assessment?.riskLevel;
  return level ? <Tag color={riskColors[level]}>风险{riskLevelLabels[level]}</Tag> : <Tag>未评估</Tag>;
}

function VulnerabilityTags({ flags }: { flags: readonly Vulnerability[] }) {
  return (
    <>
      {flags.map((v) => (
        <Tag key={v} color={vulnerabilityColors[v]}>
          {vulnerabilityLabels[v]}
        </Tag>
      ))}
    </>
  );
}

const emptySubject: SubjectEditInput = { name: '', idType: 'residentId', idNumber: '', phone: '', address: '' };

function SubjectModal({ operationId, subject, onClose }: { operationId: string; subject?: Subject; onClose: () => void }) {
  const { message } = App.useApp();
  const actor = useActor(operationId);
  const initial: SubjectEditInput = subject
    ? {
        name: subject.name,
        idType: subject.idType,
        idNumber: subject.idNumber,
        phone: subject.phone,
        address: subject.address,
        assessment: subject.assessment ?? { health: '', psychological: '', behavioural: '' },
      }
    : emptySubject;
  return (
    <FormModal<SubjectEditInput>
      title={subject ? `编辑被执行人：${subject.name}` : '添加被执行人'}
      width={760}
      initialValues={initial}
      onSave={(values) => saveSubject(db, operationId, values, subject?.id, actor)}
      onSaved={() => message.success(subject ? '被执行人信息已保存' : '已添加被执行人')}
      onClose={onClose}
    >
      <Row gutter={12}>
        <Col span={8}>
          <Form.Item name="name" label="姓名或名称" required>
            <Input />
          </Form.Item>
        </Col>
        <Col span={6}>
          <Form.Item name="idType" label="证件类型">
            <Select
              options={[
                { value: 'residentId', label: '居民身份证' },
                { value: 'other', label: '其他证件' },
              ]}
            />
          </Form.Item>
        </Col>
        <Col span={10}>
          <Form.Item name="idNumber" label="证件号码">
            <Input placeholder="18 位身份证号码，末位可为 X" />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name="phone" label="联系电话">
            <Input placeholder="如 13800138000" />
          </Form.Item>
        </Col>
        <Col span={16}>
          <Form.Item name="address" label="住址">
            <Input />
          </Form.Item>
        </Col>
      </Row>
      <Typography.Text strong>执行预备会分析</Typography.Text>
      <Row gutter={12} style={{ marginTop: 8 }}>
        <Col span={8}>
          <Form.Item name={['assessment', 'health']} label="身体状况">
            <Input.TextArea autoSize={{ minRows: 3, maxRows: 6 }} placeholder="如：患高血压，需按时服药" />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name={['assessment', 'psychological']} label="心理状态">
            <Input.TextArea autoSize={{ minRows: 3, maxRows: 6 }} placeholder="如：情绪波动大，对补偿有异议" />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name={['assessment', 'behavioural']} label="行为表现">
            <Input.TextArea autoSize={{ minRows: 3, maxRows: 6 }} placeholder="如：多次上访；屋内存放液化气罐" />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name={['assessment', 'riskLevel']} label="风险等级" style={{ marginBottom: 0 }}>
        <Radio.Group
          optionType="button"
          options={(['low', 'medium', 'high'] as const).map((v) => ({ value: v, label: riskLevelLabels[v] }))}
        />
      </Form.Item>
    </FormModal>
  );
}

/** What the birth year implies but is not ticked, shown under the checkboxes. */
function AgeHint() {
  const form = Form.useFormInstance<HouseholdMemberInput>();
  const birthYear = Form.useWatch('birthYear', form);
  const flags = Form.useWatch('vulnerabilities', form) ?? [];
  const missing = missingAgeFlags({ birthYear: birthYear ?? undefined, vulnerabilities: flags }, currentYear());
  if (missing.length === 0 || !birthYear) return null;
  return (
    <Typography.Text type="warning">
      按出生年份（约 {currentYear() - birthYear} 岁），应勾选：{missing.map((v) => `“${vulnerabilityLabels[v]}”`).join('、')}
    </Typography.Text>
  );
}

function HouseholdMemberModal({ subject, member, onClose }: { subject: Subject; member?: HouseholdMember; onClose: () => void }) {
  const { message } = App.useApp();
  const actor = useActor(subject.operationId);
  const initial: HouseholdMemberInput = member
    ? { ...member }
    : { name: '', relation: '', birthYear: undefined, phone: '', vulnerabilities: [], note: '' };
  return (
    <FormModal<HouseholdMemberInput>
      title={member ? `编辑家庭成员：${member.name}` : `添加家庭成员（被执行人 ${subject.name}）`}
      initialValues={initial}
      onSave={(values) => saveHouseholdMember(db, subject.operationId, subject.id, values, member?.id, actor)}
      onSaved={() => message.success(member ? '家庭成员已保存' : '已添加家庭成员')}
      onClose={onClose}
    >
      <Row gutter={12}>
        <Col span={12}>
          <Form.Item name="name" label="姓名" required>
            <Input />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="relation" label="与被执行人关系" required>
            <AutoComplete
              options={relations.map((value) => ({ value }))}
              placeholder="如：母亲、孙女"
              showSearch={{ filterOption: (input, option) => option?.value.includes(input) ?? false }}
            />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="birthYear" label="出生年份">
            <InputNumber style={{ width: '100%' }} placeholder="如 1944" controls={false} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="phone" label="联系电话">
            <Input />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="vulnerabilities" label="需特别照护" extra={<AgeHint />}>
        <Checkbox.Group options={vulnerabilities.map((v) => ({ value: v, label: vulnerabilityLabels[v] }))} />
      </Form.Item>
      <Form.Item name="note" label="备注" style={{ marginBottom: 0 }}>
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} placeholder="如：行动需搀扶，执行日须医护人员陪同" />
      </Form.Item>
    </FormModal>
  );
}

type Editing =
  | { kind: 'subject'; subject?: Subject }
  | { kind: 'member'; subject: Subject; member?: HouseholdMember }
  | null;

export function HouseholdTab({ operation, data }: { operation: OperationSummary; data: CommandPostData }) {
  const { message, modal } = App.useApp();
  const [editing, setEditing] = useState<Editing>(null);
  const actor = useActor(operation.id);
  const { subjects } = operation;
  const year = currentYear();

  const confirmRemoveSubject = (subject: Subject, familyCount: number) =>
    modal.confirm({
      title: `删除被执行人“${subject.name}”？`,
      content: familyCount > 0 ? `其名下 ${familyCount} 名家庭成员将一并删除。` : '删除后不可恢复。',
      okText: '删除',
      okButtonProps: { danger: true },
      cancelText: '取消',
      onOk: () =>
        removeSubject(db, operation.id, subject.id, actor).then(
          () => message.success('已删除'),
          (e: unknown) => message.error(errorText(e)),
        ),
    });

  const confirmRemoveMember = (member: HouseholdMember) =>
    modal.confirm({
      title: `删除家庭成员“${member.name}”？`,
      okText: '删除',
      okButtonProps: { danger: true },
      cancelText: '取消',
      onOk: () =>
        deleteHouseholdMember(db, operation.id, member.id, actor).then(
          () => message.success('已删除'),
          (e: unknown) => message.error(errorText(e)),
        ),
    });

  // Who needs care on the day, at a glance: the plan is built around them.
  const needingCare = vulnerabilities
    .map((v) => [v, data.householdMembers.filter((m) => m.vulnerabilities.includes(v)).length] as const)
    .filter(([, count]) => count > 0);

  return (
    <>
      <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 12 }} wrap>
        {needingCare.length > 0 ? (
          <Alert
            type="warning"
            showIcon
            title={`需特别照护：${needingCare.map(([v, n]) => `${vulnerabilityLabels[v]} ${n} 人`).join('，')}。预案中应安排医护、转移和照看。`}
          />
        ) : (
          <Typography.Text type="secondary">尚未登记需特别照护的家庭成员。</Typography.Text>
        )}
        <Button icon={<UserAddOutlined />} onClick={() => setEditing({ kind: 'subject' })}>
          添加被执行人
        </Button>
      </Space>
      {subjects.map((subject, i) => {
        const family = data.householdMembers.filter((m) => m.subjectId === subject.id);
        const removalBlocker = subjectRemovalBlocker(subjects.length);
        const a = subject.assessment;
        return (
          <Card
            key={subject.id}
            size="small"
            style={{ marginBottom: 12 }}
            title={
              <Space>
                <span>
                  被执行人 {i + 1}：{subject.name}
                </span>
                <RiskTag subject={subject} />
              </Space>
            }
            extra={
              <Space>
                <Button
                  size="small"
                  icon={<EditOutlined />}
                  aria-label={`编辑被执行人 ${subject.name}`}
                  onClick={() => setEditing({ kind: 'subject', subject })}
                >
                  编辑
                </Button>
                <Tooltip title={removalBlocker}>
                  <Button
                    size="small"
                    icon={<DeleteOutlined />}
                    aria-label={`删除被执行人 ${subject.name}`}
                    disabled={removalBlocker !== null}
                    onClick={() => confirmRemoveSubject(subject, family.length)}
                  />
                </Tooltip>
              </Space>
            }
          >
            <Descriptions size="small" column={3} bordered styles={{ label: { width: 96 } }} style={{ marginBottom: 12 }}>
              <Descriptions.Item label={subject.idType === 'residentId' ? '身份证号码' : '证件号码'}>
                <Masked operationId={operation.id} value={subject.idNumber} kind="id" whose={subject.name} />
              </Descriptions.Item>
              <Descriptions.Item label="联系电话">
                <Masked operationId={operation.id} value={subject.phone} kind="phone" whose={subject.name} />
              </Descriptions.Item>
              <Descriptions.Item label="住址">{subject.address || '—'}</Descriptions.Item>
              <Descriptions.Item label="身体状况">{a?.health || '—'}</Descriptions.Item>
              <Descriptions.Item label="心理状态">{a?.psychological || '—'}</Descriptions.Item>
              <Descriptions.Item label="行为表现">{a?.behavioural || '—'}</Descriptions.Item>
            </Descriptions>
            <Table<HouseholdMember>
              rowKey="id"
              size="small"
              bordered
              pagination={false}
              dataSource={family}
              title={() => (
                <Space style={{ width: '100%', justifyContent: 'space-between' }}>
                  <span>家庭成员（{family.length} 人）</span>
                  <Button
                    size="small"
                    icon={<PlusOutlined />}
                    onClick={() => setEditing({ kind: 'member', subject })}
                  >
                    添加家庭成员
                  </Button>
                </Space>
              )}
              locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="未登记家庭成员" /> }}
              columns={[
                { title: '姓名', dataIndex: 'name', width: 100 },
                { title: '关系', dataIndex: 'relation', width: 80 },
                {
                  title: '出生年份',
                  key: 'birthYear',
                  width: 120,
                  render: (_, m) => (m.birthYear ? `${m.birthYear}（约 ${year - m.birthYear} 岁）` : '—'),
                },
                { title: '联系电话', key: 'phone', width: 150, render: (_, m) => <Masked operationId={operation.id} value={m.phone} kind="phone" whose={m.name} /> },
                {
                  title: '需特别照护',
                  key: 'vulnerabilities',
                  width: 190,
                  render: (_, m) => {
                    const missing = missingAgeFlags(m, year);
                    return (
                      <>
                        <VulnerabilityTags flags={m.vulnerabilities} />
                        {missing.length > 0 && (
                          <Tooltip title="按出生年份应勾选，请核实">
                            <Typography.Text type="warning">
                              未标{missing.map((v) => vulnerabilityLabels[v]).join('、')}
                            </Typography.Text>
                          </Tooltip>
                        )}
                      </>
                    );
                  },
                },
                { title: '备注', dataIndex: 'note', render: (v: string) => v || '—' },
                {
                  title: '操作',
                  key: 'actions',
                  width: 110,
                  render: (_, m) => (
                    <Space size={0}>
                      <Button size="small" type="link" onClick={() => setEditing({ kind: 'member', subject, member: m })}>
                        编辑
                      </Button>
                      <Button size="small" type="link" danger onClick={() => confirmRemoveMember(m)}>
                        删除
                      </Button>
                    </Space>
                  ),
                },
              ]}
            />
          </Card>
        );
      })}
      {editing?.kind === 'subject' && (
        <SubjectModal operationId={operation.id} subject={editing.subject} onClose={() => setEditing(null)} />
      )}
      {editing?.kind === 'member' && (
        <HouseholdMemberModal subject={editing.subject} member={editing.member} onClose={() => setEditing(null)} />
      )}
    </>
  );
}
