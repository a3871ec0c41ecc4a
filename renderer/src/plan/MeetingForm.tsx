// DOM. 执行预备会 record: kept as a local draft while typed, saved (one logged act) on 保存.
import { Card, Col, DatePicker, Form, Input, Row, Select, TimePicker } from 'antd';
import { clockField, dateField } from '../ui/dateFields';
import type { Person } from '../../../shared/commandPost/types';
import { emptyMeeting, type MeetingInput } from '../../../shared/plan/acts';
import type { PreparatoryMeeting } from '../../../shared/plan/types';
import { db } from '../data/db';
import { useRefusal } from '../operators/useRefusal';
import { DraftSaveBar, meetingDraftKey, saveOnCtrlS, useDraftedSave } from './DraftSave';
import { preparingPlan, saveMeeting } from './repository';

export function MeetingForm({ operationId, meeting, people }: { operationId: string; meeting: PreparatoryMeeting | undefined; people: Person[] }) {
  const [form] = Form.useForm<MeetingInput>();
  const { actor, refusal } = useRefusal(operationId);
  const saving = useDraftedSave(form, meetingDraftKey(operationId), () => saveMeeting(db, operationId, form.getFieldsValue(true), actor), '执行预备会记录已保存');
  const area = (name: keyof MeetingInput, label: string) => (
    <Col span={12}>
      <Form.Item name={name} label={label}>
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} />
      </Form.Item>
    </Col>
  );
  return (
    <Form<MeetingInput> form={form} layout="vertical" initialValues={meeting ?? emptyMeeting} onValuesChange={saving.changed} onKeyDown={saveOnCtrlS(saving)}>
      <DraftSaveBar state={saving} label="保存会议记录" refusal={refusal(preparingPlan)} />
      <Card size="small" title="会议" style={{ marginBottom: 12 }}>
        <Row gutter={16}>
          <Col span={4}>
            <Form.Item name="date" label="日期" {...dateField}>
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={3}>
            <Form.Item name="time" label="时间" {...clockField}>
              <TimePicker format="HH:mm" style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={7}>
            <Form.Item name="place" label="地点">
              <Input />
            </Form.Item>
          </Col>
          <Col span={10}>
            <Form.Item name="attendeeIds" label="参会人员">
              <Select
                mode="multiple"
                maxTagCount="responsive"
                optionFilterProp="label"
                options={people.map((p) => ({ value: p.id, label: `${p.name}（${p.post}）` }))}
              />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="otherAttendees" label="其他参会人员（名单以外，如公证员）">
              <Input />
            </Form.Item>
          </Col>
        </Row>
      </Card>
      <Card size="small" title="被执行人情况分析研判">
        <Row gutter={16}>
          {area('familySituation', '家庭状况')}
          {area('psychologicalState', '心理状态')}
          {area('behaviouralState', '行为表现')}
          {area('decisions', '会议决定事项')}
        </Row>
      </Card>
    </Form>
  );
}
