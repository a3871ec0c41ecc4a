// DOM. 到场人员: the notary, two witnesses and the inventory group's leader. What is typed
// is kept as a draft until saved, so a reload loses nothing.
import { useEffect, useState } from 'react';
import { App, Button, Card, Col, Form, Input, Row, Select, Space, Tag, Typography } from 'antd';
import { attendanceInputSchema, witnessText, type AttendanceInput } from '../../../shared/inventory/inventory';
import type { InventoryAttendanceRecord } from '../../../shared/inventory/types';
import { db } from '../data/db';
import { clearDraft, readDraft, saveDraft } from '../data/drafts';
import { useRecordForm } from '../ui/useRecordForm';
import { errorText } from '../ui/errors';
import { recordNotaryCertificate, saveAttendance } from './repository';
import { useActor } from '../operators/session';

const emptyWitness = { name: '', idNumber: '', unit: '' };

function initialValues(record: InventoryAttendanceRecord | undefined): AttendanceInput {
  const witnesses = [...(record?.witnesses ?? [])];
  while (witnesses.length < 2) witnesses.push(emptyWitness);
  return {
    notaryInstitution: record?.notaryInstitution ?? '',
    notaryNames: record?.notaryNames ?? [],
    witnesses,
    groupLeader: record?.groupLeader ?? '',
  };
}

function AttendanceForm({ operationId, record }: { operationId: string; record: InventoryAttendanceRecord | undefined }) {
  const [form] = Form.useForm<AttendanceInput>();
  const who = useActor(operationId);
  const draftKey = `inventoryAttendance:${operationId}`;
  const [loaded, setLoaded] = useState(false);

  // The draft wins over the stored record: it is what the user typed last.
  useEffect(() => {
    let live = true;
    void readDraft(db, draftKey).then((draft) => {
      if (!live) return;
      const parsed = attendanceInputSchema.safeParse(draft);
      form.setFieldsValue(draft && parsed.success ? initialValues({ ...parsed.data, id: '', operationId, updatedAt: '' }) : initialValues(record));
      setLoaded(true);
    });
    return () => {
      live = false;
    };
    // Only when the card opens for an operation; later record changes come from this form.
  }, [operationId]);

  const { saving, submit } = useRecordForm(
    form,
    async () => {
      const result = await saveAttendance(db, who, operationId, form.getFieldsValue(true));
      if (result.ok) await clearDraft(db, draftKey);
      return result;
    },
    '已保存到场人员',
    () => undefined,
  );

  return (
    <Form<AttendanceInput>
      form={form}
      layout="vertical"
      size="small"
      disabled={!loaded}
      initialValues={initialValues(record)}
      onValuesChange={() => void saveDraft(db, draftKey, form.getFieldsValue(true))}
    >
      <Row gutter={8}>
        <Col span={8}>
          <Form.Item name="notaryInstitution" label="公证机构">
            <Input placeholder="如 滨江市公证处" />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name="notaryNames" label="公证员（回车分隔）">
            <Select mode="tags" open={false} aria-label="公证员" />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name="groupLeader" label="清登组负责人">
            <Input />
          </Form.Item>
        </Col>
      </Row>
      {[0, 1].map((i) => (
        <Row gutter={8} key={i}>
          <Col span={6}>
            <Form.Item name={['witnesses', i, 'name']} label={`见证人${i + 1} 姓名`}>
              <Input />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name={['witnesses', i, 'idNumber']} label={`见证人${i + 1} 身份证号`}>
              <Input maxLength={18} />
            </Form.Item>
          </Col>
          <Col span={10}>
            <Form.Item name={['witnesses', i, 'unit']} label={`见证人${i + 1} 单位或住址`}>
              <Input />
            </Form.Item>
          </Col>
        </Row>
      ))}
      <Button type="primary" size="small" loading={saving} onClick={submit}>
        保存到场人员
      </Button>
    </Form>
  );
}

/** 公证书编号, entered when the certificate arrives (after the count); logged on its own. */
function CertificateLine({ operationId, record }: { operationId: string; record: InventoryAttendanceRecord | undefined }) {
  const { message } = App.useApp();
  const who = useActor(operationId);
  const [number, setNumber] = useState('');
  const [error, setError] = useState<string>();
  const save = async () => {
    try {
      const result = await recordNotaryCertificate(db, who, operationId, { number });
      if (!result.ok) return setError(Object.values(result.errors)[0]);
      setError(undefined);
      setNumber('');
      message.success('已登记公证书编号');
    } catch (e) {
      message.error(errorText(e));
    }
  };
  return (
    <Space style={{ marginTop: 8 }} wrap>
      <Typography.Text data-testid="notary-certificate">
        公证书编号：{record?.notaryCertificate ? `${record.notaryCertificate.number}（${record.notaryCertificate.recordedBy}登记）` : '公证书尚未出具'}
      </Typography.Text>
      <Form.Item validateStatus={error ? 'error' : undefined} help={error} style={{ marginBottom: 0 }}>
        <Input size="small" aria-label="公证书编号" placeholder="如（2026）滨临证字第1234号" value={number} onChange={(e) => setNumber(e.target.value)} style={{ width: 240 }} />
      </Form.Item>
      <Button size="small" onClick={save}>
        {record?.notaryCertificate ? '更正公证书编号' : '登记公证书编号'}
      </Button>
    </Space>
  );
}

/** Open while the notary or a witness is missing; once complete, one line with 修改 to reopen. */
export function AttendanceCard({ operationId, record }: { operationId: string; record: InventoryAttendanceRecord | undefined }) {
  const [expanded, setExpanded] = useState<boolean>();
  const complete = !!record?.notaryInstitution && (record?.notaryNames.length ?? 0) > 0 && (record?.witnesses.length ?? 0) >= 2;
  const open = expanded ?? !complete;
  return (
    <Card
      size="small"
      title="到场人员（公证、见证）"
      extra={
        <Space>
          {complete ? <Tag color="green">公证员、见证人已登记</Tag> : <Tag color="orange">须登记公证员和两名见证人</Tag>}
          <Button size="small" type="link" onClick={() => setExpanded(!open)}>
            {open ? '收起' : '修改'}
          </Button>
        </Space>
      }
    >
      {open ? (
        <AttendanceForm operationId={operationId} record={record} />
      ) : (
        <Typography.Text data-testid="attendance-summary">
          公证：{record?.notaryInstitution} {record?.notaryNames.join('、')}；见证人：{record?.witnesses.map(witnessText).join('、')}
          {record?.groupLeader ? `；清登组负责人：${record.groupLeader}` : ''}
        </Typography.Text>
      )}
      {complete && <CertificateLine operationId={operationId} record={record} />}
    </Card>
  );
}
