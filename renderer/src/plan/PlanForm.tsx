// DOM. The plan's content: kept as a local draft while typed, saved as the plan's draft (one
// logged act) on 保存.
import { useMemo, useState } from 'react';
import { Alert, Button, Card, Checkbox, Col, DatePicker, Form, Input, Radio, Row, Select, Space, Tag, TimePicker, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { chinaInstantField, clockField } from '../ui/dateFields';
import { checkEnforcementWindow } from '../../../shared/calendar';
import type { WorkingGroup } from '../../../shared/commandPost/types';
import { contingencyLabels, type Plan, type PlanContent } from '../../../shared/plan/types';
import { db } from '../data/db';
import { useRefusal } from '../operators/useRefusal';
import type { NightHours } from '../settings/settings';
import { DraftSaveBar, planDraftKey, saveOnCtrlS, useDraftedSave } from './DraftSave';
import { preparingPlan, saveDraftContent } from './repository';

/** One assignment row per group, in group order, keeping what was already entered. */
function withAllGroups(content: PlanContent, groups: WorkingGroup[]): PlanContent {
  const byGroup = new Map(content.assignments.map((a) => [a.groupId, a]));
  return {
    ...content,
    assignments: groups.map((g) => byGroup.get(g.id) ?? { groupId: g.id, task: '', position: '', reportTime: '' }),
  };
}

function WindowFeedback({ start, end, reason, night }: { start: string; end: string; reason: string; night: NightHours }) {
  const result = useMemo(
    () => (start && end ? checkEnforcementWindow(start, end, { emergencyReason: reason, nightFrom: night.from, nightTo: night.to }) : null),
    [start, end, reason, night],
  );
  if (!result) return null;
  if (result.problems.length === 0) {
    return <Alert type="success" showIcon title="执行时间符合要求：不在夜间、法定节假日或休息日" />;
  }
  return (
    <Space orientation="vertical" style={{ width: '100%' }} data-testid="window-problems">
      {result.problems.map((p) => (
        <Alert key={`${p.code}-${p.message}`} type={p.blocking ? 'error' : 'warning'} showIcon title={p.message} />
      ))}
    </Space>
  );
}

export function PlanForm({ draft, groups, night }: { draft: Plan; groups: WorkingGroup[]; night: NightHours }) {
  const [form] = Form.useForm<PlanContent>();
  const { actor, refusal } = useRefusal(draft.operationId);
  // The form owns the values once mounted (the parent keys it by operation), so compute them once.
  const [initial] = useState(() => withAllGroups(draft.content, groups));
  const start = Form.useWatch('start', form) ?? initial.start;
  const end = Form.useWatch('end', form) ?? initial.end;
  const reason = Form.useWatch('emergencyReason', form) ?? initial.emergencyReason;
  const groupOptions = groups.map((g) => ({ value: g.id, label: g.name }));
  const groupName = new Map(groups.map((g) => [g.id, g.name]));

  const saving = useDraftedSave(
    form,
    planDraftKey(draft.operationId),
    // The sketch is not the form's: the save keeps it as stored.
    () => saveDraftContent(db, draft.operationId, { ...initial, ...form.getFieldsValue(true) } as PlanContent, actor),
    '预案草稿已保存',
  );
  const changed = saving.changed;

  return (
    <Form<PlanContent> form={form} layout="vertical" initialValues={initial} onValuesChange={changed} onKeyDown={saveOnCtrlS(saving)}>
      <DraftSaveBar state={saving} label="保存预案" refusal={refusal(preparingPlan)} />
      <Card size="small" title="一、执行时间" style={{ marginBottom: 12 }}>
        <Row gutter={16}>
          <Col span={6}>
            <Form.Item name="start" label="计划开始时间" {...chinaInstantField}>
              <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} placeholder="如 2026-12-08 09:00" />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name="end" label="预计结束时间" {...chinaInstantField}>
              <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} placeholder="如 2026-12-08 16:00" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item
              name="emergencyReason"
              label="情况紧急的说明（仅在确需于休息日、节假日或夜间实施时填写）"
              extra="《行政强制法》第四十三条：情况紧急的除外。填写后相关问题改为提示，但须在定稿时充分说明理由。"
            >
              <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} />
            </Form.Item>
          </Col>
        </Row>
        <WindowFeedback start={start} end={end} reason={reason} night={night} />
      </Card>

      <Card size="small" title="二、地点与路线" style={{ marginBottom: 12 }}>
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item name="assemblyPoint" label="集合地点">
              <Input />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="dispersalPoint" label="疏导地点">
              <Input />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="cordon" label="警戒范围">
              <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="route" label="行进路线">
              <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="vehicles" label="车辆">
              <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="equipment" label="装备器材">
              <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} />
            </Form.Item>
          </Col>
        </Row>
      </Card>

      <Card size="small" title="三、先补偿后搬迁" style={{ marginBottom: 12 }}>
        <Row gutter={16} align="bottom">
          <Col span={5}>
            <Form.Item name="housingKind" label="安置方式">
              <Radio.Group
                options={[
                  { value: 'interim', label: '周转房' },
                  { value: 'resettlement', label: '安置房' },
                ]}
              />
            </Form.Item>
          </Col>
          <Col span={9}>
            <Form.Item name="housingAddress" label="周转房或安置房地址">
              <Input />
            </Form.Item>
          </Col>
          <Col span={10}>
            <Form.Item name="housingArranged" valuePropName="checked">
              <Checkbox>已落实周转房或安置房，可供当日入住</Checkbox>
            </Form.Item>
          </Col>
          <Col span={14}>
            <Form.Item name="compensationAccount" label="补偿款专户存储账号">
              <Input />
            </Form.Item>
          </Col>
          <Col span={10}>
            <Form.Item name="compensationDeposited" valuePropName="checked">
              <Checkbox>补偿款已存入专户</Checkbox>
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="noUtilityCutoff" valuePropName="checked" style={{ marginBottom: 0 }}>
              <Checkbox>确认不采取停止供水、供电、供热、供气或中断道路通行等方式迫使搬迁</Checkbox>
            </Form.Item>
          </Col>
        </Row>
      </Card>

      <Card size="small" title="四、工作分工" style={{ marginBottom: 12 }}>
        <Form.List name="assignments">
          {(fields) =>
            fields.map((field, index) => {
              const groupId = initial.assignments[index]?.groupId ?? '';
              return (
                <Row gutter={12} key={field.key} align="middle">
                  <Col span={4}>
                    <Typography.Text strong>{groupName.get(groupId) ?? '（小组已删除）'}</Typography.Text>
                  </Col>
                  <Col span={10}>
                    <Form.Item name={[field.name, 'task']} style={{ marginBottom: 6 }}>
                      <Input placeholder="任务" aria-label={`${groupName.get(groupId)}任务`} />
                    </Form.Item>
                  </Col>
                  <Col span={6}>
                    <Form.Item name={[field.name, 'position']} style={{ marginBottom: 6 }}>
                      <Input placeholder="现场位置" aria-label={`${groupName.get(groupId)}位置`} />
                    </Form.Item>
                  </Col>
                  <Col span={4}>
                    <Form.Item name={[field.name, 'reportTime']} style={{ marginBottom: 6 }} {...clockField}>
                      <TimePicker format="HH:mm" placeholder="到岗时间" style={{ width: '100%' }} />
                    </Form.Item>
                  </Col>
                </Row>
              );
            })
          }
        </Form.List>
      </Card>

      <Card size="small" title="五、应急处置" style={{ marginBottom: 12 }}>
        <Form.List name="contingencies">
          {(fields, { add, remove }) => (
            <>
              {fields.map((field, index) => {
                const kind = form.getFieldValue(['contingencies', index, 'kind']) as PlanContent['contingencies'][number]['kind'];
                return (
                  <Row gutter={12} key={field.key} align="top">
                    <Col span={4}>
                      {kind === 'other' ? (
                        <Form.Item name={[field.name, 'title']} style={{ marginBottom: 6 }}>
                          <Input placeholder="情形名称" />
                        </Form.Item>
                      ) : (
                        <Tag style={{ marginTop: 4 }}>{contingencyLabels[kind]}</Tag>
                      )}
                    </Col>
                    <Col span={12}>
                      <Form.Item name={[field.name, 'measures']} style={{ marginBottom: 6 }}>
                        <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} placeholder="处置措施" aria-label={`${contingencyLabels[kind]}处置措施`} />
                      </Form.Item>
                    </Col>
                    <Col span={7}>
                      <Form.Item name={[field.name, 'groupIds']} style={{ marginBottom: 6 }}>
                        <Select mode="multiple" options={groupOptions} placeholder="负责小组" maxTagCount="responsive" />
                      </Form.Item>
                    </Col>
                    <Col span={1}>
                      {kind === 'other' && (
                        <Button
                          aria-label="删除此情形"
                          icon={<DeleteOutlined />}
                          onClick={() => {
                            remove(field.name);
                            changed();
                          }}
                        />
                      )}
                    </Col>
                  </Row>
                );
              })}
              <Button
                icon={<PlusOutlined />}
                onClick={() => {
                  add({ kind: 'other', title: '其他情形', measures: '', groupIds: [] });
                  changed();
                }}
              >
                添加其他情形
              </Button>
            </>
          )}
        </Form.List>
      </Card>

      <Card size="small" title="六、社会稳定风险评估结论">
        <Form.Item name="riskAssessment" style={{ marginBottom: 0 }}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} aria-label="社会稳定风险评估结论" />
        </Form.Item>
      </Card>
    </Form>
  );
}
